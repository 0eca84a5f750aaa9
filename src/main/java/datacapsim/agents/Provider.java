package datacapsim.agents;

import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.ExitCode;
import datacapsim.chain.FilLedger;
import datacapsim.chain.Miner;
import datacapsim.chain.Policy;
import datacapsim.chain.Sector;
import datacapsim.economy.CostKind;
import datacapsim.economy.Ewa;
import datacapsim.economy.Logit;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;

/**
 * A storage provider operating one miner: seals the allocations clients made for it, one per sector, within its
 * sealing throughput and funds (the initial pledge is paid from the owner's FIL); chooses each sector's lifetime
 * within the allocation's term window; near a sector's end, extends it with a set probability (dropping the claims
 * that would not cover the new expiration, in the last 30 days) or lets it expire; withdraws rewards periodically.
 */
public final class Provider implements Agent, DealBook.Desk {
    /** What a provider seals: the options of its onboarding choice, in this order. */
    public enum Kind { FIL_PLUS, CC, NONE }

    private static final List<String> ONBOARDING_OPTIONS = List.of("fil-plus", "cc", "none");
    private final String label;
    private final Address owner;
    private final Miner miner;
    private final double sealBytesPerDay;
    private final long durationEpochs;
    private final int withdrawDays;
    /** The renewal schedule: decision epoch → the sectors to decide on then (in the order scheduled, as runs). */
    private final TreeMap<Long, SectorRuns> decisions = new TreeMap<>();
    /** The group {@link #schedule} added to last, while it is in {@link #decisions} (null when it may have left). */
    private SectorRuns lastScheduled;
    private long lastScheduledAt;
    private final ProviderAccount account;
    private final Renewal renewal;
    private final Onboarding onboarding;
    private Logit.Choice lastOnboarding;
    private Kind kind = Kind.FIL_PLUS;
    private double onboardingShare = 1;
    private BigInteger dealPledge = BigInteger.ZERO;
    private double ccBudget;
    private FilLedger ledger;
    private long ccSealed;
    private long terminatedEarly;
    private Ewa.State attractions;
    private double lastNetUsd;
    private double lastTibYears;
    private double lastExitLossUsd;
    private double lastExitFeeUsd;
    private static final List<String> RENEWAL_OPTIONS = List.of("extend", "expire");
    /** After the FIP-0118 upgrade: extend as is, extend and move to 10x (ExtendSectorExpiration3), or let expire. */
    private static final List<String> RENEWAL_OPTIONS_UPGRADED = List.of("extend", "extend-10x", "expire");
    private Logit.Choice lastRenewal;
    private long renewalDecisions;
    private long renewalsChosen;
    private double sealBudget;
    private long sealed;
    private long lastSealEpoch = -1;
    private long extended;
    private long lostDeals;
    private long refusals;

    public Provider(String label, Address owner, Miner miner, double sealBytesPerDay, long durationEpochs,
                    Renewal renewal, Onboarding onboarding, int withdrawDays, ProviderAccount account) {
        this.label = label;
        this.onboarding = onboarding;
        this.account = account;
        this.renewal = renewal;
        this.owner = owner;
        this.miner = miner;
        this.sealBytesPerDay = sealBytesPerDay;
        this.durationEpochs = durationEpochs;
        this.withdrawDays = withdrawDays;
    }

    @Override
    public String label() { return label; }

    public Address owner() { return owner; }

    public Miner miner() { return miner; }

    public long sealed() { return sealed; }

    /** The epoch of the provider's latest sealed sector, −1 before the first. */
    public long lastSealEpoch() { return lastSealEpoch; }

    public long extended() { return extended; }

    public long lostDeals() { return lostDeals; }

    public long refusals() { return refusals; }

    /** The provider's economic books. */
    public ProviderAccount account() { return account; }

    /** Revenue so far, USD (rewards at each day's FIL price). */
    public double revenueUsd() { return account.books().revenue(); }

    /** Costs so far, USD: every cost kind, the financing of pledge and the FIL burned from it. */
    public double costUsd() { return account.books().revenue() - account.books().profit(); }

    /** Profit so far, USD. */
    public double profitUsd() { return account.books().profit(); }

    /** Renewal choices made by expected payoff (one per group of sectors). */
    public long renewalDecisions() { return renewalDecisions; }

    /** Of those, the ones that chose to extend. */
    public long renewalsChosen() { return renewalsChosen; }

    /** Its last renewal choice, with the values it saw (null before one). */
    public Logit.Choice lastRenewal() { return lastRenewal; }

    /** The value of extending the provider saw at its last renewal choice, USD per raw TiB-year (0 before one). */
    public double lastRenewalValueUsd() { return lastRenewal == null ? 0 : lastRenewal.values()[0]; }

    /** The probability its last renewal choice gave extending, at 10x or not (0 before one). */
    public double lastRenewalExtendShare() {
        if (lastRenewal == null) return 0;
        double[] sh = lastRenewal.shares();
        return sh.length == 2 ? sh[0] : sh[0] + sh[1]; // every option but "expire" extends
    }

    /** What it seals now: FIL+ deals, committed capacity or nothing (scripted: always deals). */
    public Kind kind() { return kind; }

    /** The share of its sealing capacity it plans to use now (agentFIL's rule on its ROI; scripted: 1). */
    public double onboardingShare() { return onboardingShare; }

    /** Sectors it terminated early because keeping them would lose more than the termination fee. */
    public long terminatedEarly() { return terminatedEarly; }

    /** At its last early termination: the expected loss of keeping the group to its expiration, USD. */
    public double lastExitLossUsd() { return lastExitLossUsd; }

    /** At its last early termination: the termination fee it paid instead, USD at the quoted price. */
    public double lastExitFeeUsd() { return lastExitFeeUsd; }

    /** Committed-capacity sectors it sealed. */
    public long ccSealed() { return ccSealed; }

    /** Its last onboarding choice, with the values it saw (null before one, and in scripted mode). */
    public Logit.Choice lastOnboarding() { return lastOnboarding; }

    /** Books the step that just ended at the day's FIL price and the borrowing rate ({@code years}: its length). */
    public void closeBooks(double priceUsd, double borrowRatePerYear, double years) {
        account.close(miner, sealed, miner.sectorSize(), priceUsd, borrowRatePerYear, years);
    }

    @Override
    public void act(StepView v) {
        Chain chain = v.chain();
        // on withdrawal days the provider takes its available rewards first (then new pledge comes from the owner);
        // in between, sealing pays pledge from the miner's available balance before the owner's funds
        if (v.every(withdrawDays) && miner.availableBalance().signum() > 0) {
            try {
                miner.withdrawBalance(owner, miner.availableBalance());
            } catch (ActorError e) {
                refusals++;
            }
        }
        ledger = chain.fil();
        if (onboarding instanceof Onboarding.Economic e) {
            decideOnboarding(v, chain, e);
            if (v.every(e.revisionDays()))
                decideExits(chain, v.epoch(), v.epoch() + (long) e.revisionDays() * Policy.EPOCHS_IN_DAY);
        }
        seal(v, chain);
        // FIP-0118: after the upgrade every new sector has 10x QA power and no DataCap reaches clients, so a provider
        // that chose FIL+ seals committed capacity too (on chain the two are the same sector)
        if (kind == Kind.CC || kind == Kind.FIL_PLUS && chain.upgraded()) sealCommittedCapacity(v, chain);
        decideExtensions(v, chain);
        if (v.every(30)) {
            try {
                VerifiedPath.of(chain).removeExpired(owner, miner.address());
            } catch (ActorError e) {
                refusals++;
            }
        }
    }

    private void seal(StepView v, Chain chain) {
        long sectorSize = miner.sectorSize();
        sealBudget = Math.min(sealBudget + sealBytesPerDay * v.stepEpochs() / Policy.EPOCHS_IN_DAY,
                Math.max(sealBytesPerDay, sectorSize));
        Deque<DealBook.Deal> queue = v.deals().queue(miner.address());
        long now = v.epoch();
        VerifiedPath path = VerifiedPath.of(chain);
        while (sealBudget >= sectorSize && !queue.isEmpty()) {
            DealBook.Deal d = queue.peekFirst();
            VerifiedPath.Pending a = path.status(d.client(), miner.address(), d.allocationId())
                    instanceof VerifiedPath.Pending p ? p : null;
            if (a == null || now > a.expiration()) {
                queue.pollFirst();
                lostDeals++;
                continue;
            }
            long lifetime = Math.max(a.termMin(), Math.min(durationEpochs, a.termMax()));
            lifetime = Math.max(Policy.MIN_SECTOR_EXPIRATION, Math.min(lifetime, Policy.MAX_SECTOR_EXPIRATION_EXTENSION));
            long expiration = now + lifetime;
            long qa = path.qaPower(sectorSize, a, now, expiration);
            BigInteger need = chain.initialPledgeFor(qa).subtract(free()).max(BigInteger.ZERO);
            if (chain.fil().balance(owner).compareTo(need) < 0) break; // out of funds: wait for rewards
            try {
                long n = path.commit(miner, owner, a, expiration, need);
                schedule(expiration, n);
                sealBudget -= sectorSize;
                sealed++;
                lastSealEpoch = now;
                queue.pollFirst();
            } catch (ActorError e) {
                refusals++;
                if (e.exitCode() == ExitCode.USR_INSUFFICIENT_FUNDS) break;
                queue.pollFirst();
                lostDeals++;
            }
        }
    }

    /**
     * The onboarding choice by payoff: on the first step every provider chooses; on each revision date it revises with
     * the logit's inertia; every step the ramp sets the share of capacity for the chosen kind's ROI.
     */
    private void decideOnboarding(StepView v, Chain chain, Onboarding.Economic e) {
        boolean revising = lastOnboarding == null || v.every(e.revisionDays());
        if (!revising && kind == Kind.NONE) return;
        double years = durationEpochs / (double) Policy.EPOCHS_IN_YEAR;
        long size = miner.sectorSize();
        // between revisions only the kind it seals needs valuing (and FIL+'s pledge, for its desk)
        ProviderAccount.Offer deals = revising || kind == Kind.FIL_PLUS
                ? account.onboardingOffer(chain, true, size, years) : null;
        ProviderAccount.Offer cc = revising || kind == Kind.CC ? account.onboardingOffer(chain, false, size, years) : null;
        if (deals != null) dealPledge = deals.pledge();
        if (revising) {
            double[] values = {deals.valueUsd(), cc.valueUsd(), 0};
            if (e.learning().isPresent()) values = learn(e.learning().get(), values);
            lastOnboarding = lastOnboarding == null ? e.logit().choose(ONBOARDING_OPTIONS, values, e.rng())
                    : e.logit().revise(ONBOARDING_OPTIONS, values, kind.ordinal(), e.rng());
            kind = Kind.values()[lastOnboarding.chosen()];
        }
        onboardingShare = kind == Kind.NONE ? 0 : e.ramp().share((kind == Kind.FIL_PLUS ? deals : cc).roiPerYear());
    }

    /**
     * The learning layer: the first time, attractions start at the projected {@code values}; after that the chosen
     * kind's payoff is its realised net per raw TiB-year since the last revision date (the books' decision net over
     * the raw TiB-years in force, less sealing spread over a sector's life as the projection spreads it; the
     * projection when it had no power to measure), the others' their projections.
     * Returns the attractions the logit then weighs.
     */
    private double[] learn(Ewa ewa, double[] values) {
        double net = account.decisionNetUsd();
        double tibYears = account.tibYears();
        if (attractions == null) {
            attractions = new Ewa.State(values);
        } else {
            double[] payoffs = values.clone();
            if (kind != Kind.NONE && tibYears - lastTibYears > 1e-9)
                payoffs[kind.ordinal()] = (net - lastNetUsd) / (tibYears - lastTibYears)
                        - account.level(CostKind.SEALING) * Policy.EPOCHS_IN_YEAR / durationEpochs;
            ewa.update(attractions, payoffs, kind.ordinal());
        }
        lastNetUsd = net;
        lastTibYears = tibYears;
        return attractions.attractions();
    }

    /**
     * Exit (economics.md §3): on each revision date, each group of sectors (same expiration) whose annual net is
     * negative is terminated when the termination fee (FIP-0098, when on) is smaller than the expected loss of keeping
     * it to its expiration at that net; otherwise kept. Groups whose renewal choice falls before the next revision
     * date are left to it. Terminated groups leave the renewal schedule.
     */
    private void decideExits(Chain chain, long now, long nextRevision) {
        var it = decisions.tailMap(nextRevision, false).entrySet().iterator();
        List<LiveRun> live = new ArrayList<>();
        while (it.hasNext()) {
            SectorRuns group = it.next().getValue();
            long raw = 0;
            long qa = 0;
            long expiration = 0;
            long count = 0;
            BigInteger pledge = BigInteger.ZERO;
            BigInteger dailyFee = BigInteger.ZERO;
            live.clear();
            // the group walks in runs: consecutive numbers of one batch are alike but for their number and claim, so a
            // run of k adds k times one member's terms (the same sums as member by member)
            for (int r = 0; r < group.runs(); r++) {
                long end = group.first(r) + group.count(r);
                for (long n = group.first(r); n < end; ) {
                    Sector s = miner.sector(n);
                    int k = s == null ? 1 : (int) Math.max(1, Math.min(miner.sectorsAlike(n), end - n));
                    long from = n;
                    n += k;
                    if (s == null || s.expiration() <= now) continue;
                    live.add(new LiveRun(s, from, k));
                    count += k;
                    raw += s.size() * k;
                    qa += s.qaPower() * k;
                    expiration = Math.max(expiration, s.expiration());
                    pledge = pledge.add(k == 1 ? s.initialPledge() : s.initialPledge().multiply(BigInteger.valueOf(k)));
                    dailyFee = dailyFee.add(k == 1 ? s.dailyFee() : s.dailyFee().multiply(BigInteger.valueOf(k)));
                }
            }
            if (live.isEmpty()) continue;
            double perYear = account.extensionValue(chain, raw, qa, pledge, dailyFee);
            if (perYear >= 0) continue;
            double years = (expiration - now) / (double) Policy.EPOCHS_IN_YEAR;
            double lossUsd = -perYear * raw / Policy.TiB * years;
            double feeUsd = account.usdAtQuote(terminationFee(chain, live, now));
            if (feeUsd >= lossUsd) continue;
            List<Long> numbers = new ArrayList<>((int) count);
            for (LiveRun run : live) for (int j = 0; j < run.count(); j++) numbers.add(run.from() + j);
            try {
                miner.terminateSectors(owner, numbers);
                terminatedEarly += numbers.size();
                lastExitLossUsd = lossUsd;
                lastExitFeeUsd = feeUsd;
                it.remove();
                lastScheduled = null;
            } catch (ActorError e) {
                refusals++;
            }
        }
    }

    /** {@code count} live sectors alike from number {@code from} on, {@code sector} the first of them. */
    private record LiveRun(Sector sector, long from, int count) {}

    /**
     * The termination fee (FIP-0098; 0 when off) of the live runs of a group, k times one member's for a run of k. The
     * runs mostly share one QA power: one fault fee per power (the state is fixed while the provider decides).
     */
    private static BigInteger terminationFee(Chain chain, List<LiveRun> live, long now) {
        BigInteger fee = BigInteger.ZERO;
        if (!chain.config().terminationFeeEnabled()) return fee;
        long faultQa = -1;
        BigInteger faultFee = null;
        for (LiveRun run : live) {
            Sector s = run.sector();
            if (s.qaPower() != faultQa) {
                faultQa = s.qaPower();
                faultFee = chain.faultFeeFor(faultQa);
            }
            BigInteger one = Miner.terminationFee(s.initialPledge(), now - s.activation(), faultFee);
            fee = fee.add(run.count() == 1 ? one : one.multiply(BigInteger.valueOf(run.count())));
        }
        return fee;
    }

    /**
     * SP pull: how many more one-sector allocations expiring at {@code expiration} it accepts (economics.md §3): only
     * while it seals FIL+ deals, as many as its planned rate seals (after the {@code queued} ones) a day before they
     * expire, and no more than the funds it has for their pledge.
     */
    @Override
    public long acceptable(long expiration, long now, int queued) {
        if (lastOnboarding == null || kind != Kind.FIL_PLUS || onboardingShare <= 0) return 0;
        double days = (expiration - now) / (double) Policy.EPOCHS_IN_DAY - 1;
        if (days <= 0) return 0;
        double perDay = sealBytesPerDay * onboardingShare / miner.sectorSize();
        long bySealing = (long) Math.floor(perDay * days + sealBudget / miner.sectorSize()) - queued;
        if (dealPledge.signum() <= 0) return bySealing;
        BigInteger funds = free().add(ledger.balance(owner));
        long byFunds = funds.divide(dealPledge).longValue() - queued;
        return Math.min(bySealing, byFunds);
    }

    @Override
    public double daysToSeal(int queued) {
        double perDay = sealBytesPerDay * onboardingShare / miner.sectorSize();
        return perDay > 0 ? (queued + 1) / perDay : Double.POSITIVE_INFINITY;
    }

    @Override
    public double reliability() {
        long taken = sealed - ccSealed + lostDeals;
        return taken == 0 ? 1 : (sealed - ccSealed) / (double) taken;
    }

    /**
     * What the miner can put towards a new sector's pledge: its unlocked balance less its fee debt, which a commit must
     * cover first (negative when the debt exceeds it; with fees off, the available balance).
     */
    private BigInteger free() { return miner.unlockedBalance().subtract(miner.feeDebt()); }

    /** Seals committed-capacity sectors (no pieces) at the planned share of its capacity, while funds allow. */
    private void sealCommittedCapacity(StepView v, Chain chain) {
        long sectorSize = miner.sectorSize();
        ccBudget = Math.min(ccBudget + sealBytesPerDay * onboardingShare * v.stepEpochs() / Policy.EPOCHS_IN_DAY,
                Math.max(sealBytesPerDay, sectorSize));
        long now = v.epoch();
        long lifetime = Math.max(Policy.MIN_SECTOR_EXPIRATION,
                Math.min(durationEpochs, Policy.MAX_SECTOR_EXPIRATION_EXTENSION));
        while (ccBudget >= sectorSize) {
            BigInteger need = chain.initialPledgeFor(chain.qaPowerForNewSector(sectorSize, 0)).subtract(free())
                    .max(BigInteger.ZERO);
            if (chain.fil().balance(owner).compareTo(need) < 0) return;
            try {
                long n = miner.proveCommitSector(owner, new Miner.SectorActivation(List.of(), now + lifetime), need);
                schedule(now + lifetime, n);
                ccBudget -= sectorSize;
                sealed++;
                ccSealed++;
                lastSealEpoch = now;
            } catch (ActorError e) {
                refusals++;
                return;
            }
        }
    }

    private void decideExtensions(StepView v, Chain chain) {
        long now = v.epoch();
        while (!decisions.isEmpty() && decisions.firstKey() <= now) {
            SectorRuns group = decisions.pollFirstEntry().getValue();
            lastScheduled = null;
            if (renewal instanceof Renewal.Economic r) {
                decideByPayoff(chain, group, now, r);
            } else if (renewal instanceof Renewal.Scripted r) {
                for (int g = 0; g < group.runs(); g++) {
                    long end = group.first(g) + group.count(g);
                    for (long n = group.first(g); n < end; n++) {
                        Sector s = miner.sector(n);
                        if (s == null || s.expiration() <= now) continue;
                        if (v.random().nextDouble() >= r.extendProbability()) continue;
                        extend(chain, s, now, true); // scripted: to 10x whenever the owner can fund it
                    }
                }
            } else {
                throw new AssertionError("no renewal rule for " + renewal);
            }
        }
    }

    /** One choice for the whole group: extend every live sector of it, or let them all expire. */
    private void decideByPayoff(Chain chain, SectorRuns group, long now, Renewal.Economic r) {
        long raw = 0;
        long qa = 0;
        BigInteger pledge = BigInteger.ZERO;
        BigInteger dailyFee = BigInteger.ZERO;
        long tenQa = 0; // after the upgrade: the group moved to 10x, its pledge recomputed and its fee following
        BigInteger tenPledge = BigInteger.ZERO;
        BigInteger tenFee = BigInteger.ZERO;
        List<Sector> live = new ArrayList<>();
        VerifiedPath path = VerifiedPath.of(chain);
        for (int g = 0; g < group.runs(); g++) {
            long end = group.first(g) + group.count(g);
            for (long n = group.first(g); n < end; n++) {
                Sector s = miner.sector(n);
                if (s == null || s.expiration() <= now) continue;
                long target = target(s, now);
                if (target <= s.expiration()) continue;
                live.add(s);
                long kept = 0;
                for (long id : path.held(s)) {
                    VerifiedPath.Active c = path.active(miner.address(), id);
                    if (c != null && c.end() >= target) kept += c.size();
                }
                raw += s.size();
                // the chain's rule (a v1 sector's deal weight diluted over the longer life); FIP-0118: after the upgrade
                // an extension keeps the sector's QA power whatever its claims
                qa += chain.upgraded() ? s.qaPower() : s.qaPowerIfExtended(target, Math.min(kept, s.verifiedBytes()));
                pledge = pledge.add(s.initialPledge());
                dailyFee = dailyFee.add(s.dailyFee());
                if (chain.upgraded()) {
                    Miner.TenTimesTerms t = miner.tenTimesTerms(s);
                    tenQa += t.qaPower();
                    tenPledge = tenPledge.add(t.pledge());
                    tenFee = tenFee.add(t.dailyFee());
                }
            }
        }
        if (live.isEmpty()) return;
        double value = account.extensionValue(chain, raw, qa, pledge, dailyFee);
        Logit.Choice c = chain.upgraded()
                ? r.logit().choose(RENEWAL_OPTIONS_UPGRADED,
                        new double[] {value, account.extensionValue(chain, raw, tenQa, tenPledge, tenFee), 0}, r.rng())
                : r.logit().choose(RENEWAL_OPTIONS, new double[] {value, 0}, r.rng());
        lastRenewal = c;
        renewalDecisions++;
        if (c.chosen() == c.options().size() - 1) return; // expire
        renewalsChosen++;
        for (Sector s : live) extend(chain, s, now, c.chosen() == 1);
    }

    /** Schedules sector {@code n}, expiring at {@code expiration}, for its renewal choice (the end-of-life period before). */
    private void schedule(long expiration, long n) {
        long at = expiration - Policy.END_OF_LIFE_CLAIM_DROP_PERIOD;
        if (lastScheduled == null || at != lastScheduledAt) { // sectors sealed or extended together share one group
            lastScheduled = decisions.computeIfAbsent(at, k -> new SectorRuns());
            lastScheduledAt = at;
        }
        lastScheduled.add(n);
    }

    /** The expiration an extension would give: the provider's lifetime again, within the protocol's limits. */
    private long target(Sector s, long now) {
        return Math.min(s.activation() + Policy.SECTOR_MAXIMUM_LIFETIME,
                Math.min(now + Policy.MAX_SECTOR_EXPIRATION_EXTENSION, s.expiration() + durationEpochs));
    }

    /** Extends {@code s}, dropping the claims that would not cover the new expiration. */
    private void extend(Chain chain, Sector s, long now, boolean toTenTimes) {
        long target = target(s, now);
        if (target <= s.expiration()) return;
        if (toTenTimes && chain.upgraded() && !s.fullQa() && extendToTenTimes(chain, s, target)) return;
        List<Long> drop = new ArrayList<>();
        VerifiedPath path = VerifiedPath.of(chain);
        for (long id : path.held(s)) {
            VerifiedPath.Active c = path.active(miner.address(), id);
            // only claims can be dropped (v1's deals are not claims: the sector keeps them, its QA power diluted)
            if ((c == null || c.end() < target) && s.claimIds().contains(id)) drop.add(id);
        }
        try {
            miner.extendSectorExpiration(owner, s.number(), target, drop);
            extended++;
            schedule(target, s.number());
        } catch (ActorError err) {
            refusals++;
        }
    }

    /**
     * FIP-0118: moves a legacy sector below 10x to 10x with ExtendSectorExpiration3 when the owner can fund the added
     * pledge (the pledge of 10x now, less what the sector holds and the miner's free balance). An economic provider
     * does so when its renewal choice was "extend-10x" (valued by {@link ProviderAccount#extensionValue} with the 10x
     * power, pledge and fee), a scripted one whenever it can fund it. Returns whether it did; otherwise the provider
     * extends as before.
     */
    private boolean extendToTenTimes(Chain chain, Sector s, long target) {
        BigInteger pledge = miner.tenTimesTerms(s).pledge();
        BigInteger need = pledge.subtract(s.initialPledge()).subtract(free()).max(BigInteger.ZERO);
        if (chain.fil().balance(owner).compareTo(need) < 0) return false;
        try {
            miner.extendSectorExpiration3(owner, s.number(), target, need);
            extended++;
            schedule(target, s.number());
            return true;
        } catch (ActorError err) {
            refusals++;
            return false;
        }
    }
}
