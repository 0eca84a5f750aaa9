package datacapsim.agents;

import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.Allocation;
import datacapsim.chain.Chain;
import datacapsim.chain.Claim;
import datacapsim.chain.ExitCode;
import datacapsim.chain.Miner;
import datacapsim.chain.Piece;
import datacapsim.chain.Policy;
import datacapsim.chain.Sector;
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
public final class Provider implements Agent {
    private final String label;
    private final Address owner;
    private final Miner miner;
    private final double sealBytesPerDay;
    private final long durationEpochs;
    private final int withdrawDays;
    private final TreeMap<Long, List<Long>> decisions = new TreeMap<>();
    private final ProviderAccount account;
    private final Renewal renewal;
    private static final List<String> RENEWAL_OPTIONS = List.of("extend", "expire");
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
                    Renewal renewal, int withdrawDays, ProviderAccount account) {
        this.label = label;
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

    /** The value of extending the provider saw at its last renewal choice, USD per raw TiB-year (0 before one). */
    public double lastRenewalValueUsd() { return lastRenewal == null ? 0 : lastRenewal.values()[0]; }

    /** The probability its last renewal choice gave extending (0 before one). */
    public double lastRenewalExtendShare() { return lastRenewal == null ? 0 : lastRenewal.shares()[0]; }

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
        seal(v, chain);
        decideExtensions(v, chain);
        if (v.every(30) && !chain.verifreg().claimsOf(miner.address()).isEmpty()) {
            try {
                chain.verifreg().removeExpiredClaims(owner, miner.address(), List.of());
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
        while (sealBudget >= sectorSize && !queue.isEmpty()) {
            DealBook.Deal d = queue.peekFirst();
            Allocation a = chain.verifreg().allocation(d.client(), d.allocationId());
            if (a == null || now > a.expiration()) {
                queue.pollFirst();
                lostDeals++;
                continue;
            }
            long lifetime = Math.max(a.termMin(), Math.min(durationEpochs, a.termMax()));
            lifetime = Math.max(Policy.MIN_SECTOR_EXPIRATION, Math.min(lifetime, Policy.MAX_SECTOR_EXPIRATION_EXTENSION));
            long expiration = now + lifetime;
            long qa = Sector.qaPower(sectorSize, a.size());
            BigInteger need = chain.initialPledgeFor(qa).subtract(miner.availableBalance()).max(BigInteger.ZERO);
            if (chain.fil().balance(owner).compareTo(need) < 0) break; // out of funds: wait for rewards
            try {
                long n = miner.proveCommitSector(owner, new Miner.SectorActivation(List.of(Piece.verified(a)), expiration), need);
                decisions.computeIfAbsent(expiration - Policy.END_OF_LIFE_CLAIM_DROP_PERIOD, k -> new ArrayList<>()).add(n);
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

    private void decideExtensions(StepView v, Chain chain) {
        long now = v.epoch();
        while (!decisions.isEmpty() && decisions.firstKey() <= now) {
            List<Long> group = decisions.pollFirstEntry().getValue();
            if (renewal instanceof Renewal.Economic r) {
                decideByPayoff(chain, group, now, r);
            } else if (renewal instanceof Renewal.Scripted r) {
                for (long n : group) {
                    Sector s = miner.sector(n);
                    if (s == null || s.expiration() <= now) continue;
                    if (v.random().nextDouble() >= r.extendProbability()) continue;
                    extend(chain, s, now);
                }
            } else {
                throw new AssertionError("no renewal rule for " + renewal);
            }
        }
    }

    /** One choice for the whole group: extend every live sector of it, or let them all expire. */
    private void decideByPayoff(Chain chain, List<Long> group, long now, Renewal.Economic r) {
        long raw = 0;
        long qa = 0;
        BigInteger pledge = BigInteger.ZERO;
        BigInteger dailyFee = BigInteger.ZERO;
        List<Sector> live = new ArrayList<>();
        for (long n : group) {
            Sector s = miner.sector(n);
            if (s == null || s.expiration() <= now) continue;
            long target = target(s, now);
            if (target <= s.expiration()) continue;
            live.add(s);
            long kept = 0;
            for (long id : s.claimIds()) {
                Claim c = chain.verifreg().claim(miner.address(), id);
                if (c != null && c.end() >= target) kept += c.size();
            }
            raw += s.size();
            qa += Sector.qaPower(s.size(), Math.min(kept, s.verifiedBytes()));
            pledge = pledge.add(s.initialPledge());
            dailyFee = dailyFee.add(s.dailyFee());
        }
        if (live.isEmpty()) return;
        double value = account.extensionValue(chain, raw, qa, pledge, dailyFee);
        Logit.Choice c = r.logit().choose(RENEWAL_OPTIONS, new double[] {value, 0}, r.rng());
        lastRenewal = c;
        renewalDecisions++;
        if (c.chosen() != 0) return;
        renewalsChosen++;
        for (Sector s : live) extend(chain, s, now);
    }

    /** The expiration an extension would give: the provider's lifetime again, within the protocol's limits. */
    private long target(Sector s, long now) {
        return Math.min(s.activation() + Policy.SECTOR_MAXIMUM_LIFETIME,
                Math.min(now + Policy.MAX_SECTOR_EXPIRATION_EXTENSION, s.expiration() + durationEpochs));
    }

    /** Extends {@code s}, dropping the claims that would not cover the new expiration. */
    private void extend(Chain chain, Sector s, long now) {
        long target = target(s, now);
        if (target <= s.expiration()) return;
        List<Long> drop = new ArrayList<>();
        for (long id : s.claimIds()) {
            Claim c = chain.verifreg().claim(miner.address(), id);
            if (c == null || c.end() < target) drop.add(id);
        }
        try {
            miner.extendSectorExpiration(owner, s.number(), target, drop);
            extended++;
            decisions.computeIfAbsent(target - Policy.END_OF_LIFE_CLAIM_DROP_PERIOD, k -> new ArrayList<>()).add(s.number());
        } catch (ActorError err) {
            refusals++;
        }
    }
}
