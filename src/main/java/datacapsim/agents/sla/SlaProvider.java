package datacapsim.agents.sla;

import datacapsim.agents.Agent;
import datacapsim.agents.Provider;
import datacapsim.agents.ProviderAccount;
import datacapsim.agents.StepView;
import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.Miner;
import datacapsim.chain.Policy;
import datacapsim.contracts.Beneficiary;
import datacapsim.contracts.BeneficiaryFactory;
import datacapsim.contracts.SlaClientView;
import datacapsim.economy.CostKind;
import datacapsim.economy.Logit;
import org.apache.commons.math3.random.RandomGenerator;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A storage provider of the sla-allocator design. It wraps a plain {@link Provider} (sealing and claiming the
 * allocations clients post to the deal book, extending or letting sectors expire, withdrawing the miner's available
 * balance — which now goes to the Beneficiary) and adds what the SLA design asks of a provider:
 * <ul>
 *   <li>Beneficiary set-up: waits for its factory instance (designed: governance creates it) or creates it itself
 *       (deployed: anyone may); the owner proposes the instance as the miner's beneficiary with an effectively
 *       unlimited quota and a far expiration, and the provider accepts on the instance's behalf
 *       ({@code acceptBeneficiary}, which anyone may call). An instance it does not control (squatted: it is not the
 *       withdrawer) is never installed; the provider stays out of the SLA market.
 *   <li>On withdrawal days it withdraws the miner's available balance before sealing (unless told to seal first, as
 *       the plain provider does; between withdrawals, sealing pays pledge from the available balance first, so rewards
 *       reinvested that way never pass the Beneficiary); after each miner withdrawal the Beneficiary has split the FIL by the SLA score; the provider (withdrawer)
 *       withdraws its share to the owner.
 *   <li>A latent quality ({@link ProviderQuality}) that the oracle measures; a failing provider whose quality falls
 *       below the exit level leaves: it stops sealing and extending, and terminates each remaining sector with a set
 *       chance per day (the termination oracle then reports the claims).
 *   <li>In behaviour mode economic, a diligent or cost-cutting provider chooses a {@link ServiceLevel}
 *       ({@link ServiceChoice}): it starts at premium (diligent) or minimal (cost-cutting), with the costs of that
 *       level, and on every revision day (after day 0) may revise; a new level sets the costs it pays and, from the
 *       next day on, its quality's base. Failing providers choose none.
 *   <li>In behaviour mode economic, a provider able to cheat (the cheating strategy) chooses on every revision day
 *       whether to fake retrievability towards the oracle ({@link CheatingChoice}): it starts cheating at the minimal
 *       level; a cheat pays the minimal level's costs and the oracle sees its fakes; an honest one is measured
 *       truthfully and chooses its service level as the others do (drawing from the cheating stream). Choosing to
 *       cheat moves it to the minimal level.
 * </ul>
 * Every refusal is counted by rule and retried on a later step.
 */
public final class SlaProvider implements Agent {
    /** Where the provider is with its Beneficiary. */
    public enum Setup { WAITING_FOR_INSTANCE, ACTIVE, SQUATTED }

    private final String label;
    private final Provider inner;
    private final ProviderQuality quality;
    private final BeneficiaryFactory factory;
    private final SlaClientView clientContract;
    private final boolean createsOwnInstance;
    private final BigInteger quota;
    private final long beneficiaryTermEpochs;
    private final double exitBelowQuality;
    private final double terminationChancePerDay;
    private final int withdrawDays;
    private final RandomGenerator rng;
    private final Map<String, Long> refusals = new TreeMap<>();
    private Setup setup = Setup.WAITING_FOR_INSTANCE;
    private Beneficiary beneficiary;
    private boolean exited;
    private long exitEpoch = -1;
    private long terminatedSectors;
    private BigInteger withdrawnFromBeneficiary = BigInteger.ZERO;
    private ServiceChoice service;
    private ServiceLevel serviceLevel;
    private double drawnExtraCopyUsd;
    private double drawnBandwidthUsd;
    private double stabilityPct;
    private Logit.Choice lastServiceChoice;
    private long serviceRevisions;
    private CheatingChoice cheatingChoice;
    private Logit.Choice lastCheating;
    private long cheatingRevisions;
    private CheatingChoice.Cheat lastCheat;

    /**
     * @param createsOwnInstance     whether it creates its Beneficiary instance itself (deployed) or waits for governance
     * @param quota                  the beneficiary quota it proposes (attoFIL; at least the "effectively unlimited" minimum)
     * @param beneficiaryTermEpochs  how far ahead the proposed beneficiary term expires
     * @param exitBelowQuality       failing providers leave below this quality (ignored for other strategies)
     * @param terminationChancePerDay after leaving, each sector's chance per day of being terminated
     * @param rng                    the stream of its termination draws (one per sector in sector order, each day after leaving)
     */
    public SlaProvider(Provider inner, ProviderQuality quality, BeneficiaryFactory factory, SlaClientView clientContract,
                       boolean createsOwnInstance, BigInteger quota, long beneficiaryTermEpochs, double exitBelowQuality,
                       double terminationChancePerDay, int withdrawDays, RandomGenerator rng) {
        this.label = inner.label();
        this.inner = inner;
        this.quality = quality;
        this.factory = factory;
        this.clientContract = clientContract;
        this.createsOwnInstance = createsOwnInstance;
        this.quota = quota;
        this.beneficiaryTermEpochs = beneficiaryTermEpochs;
        this.exitBelowQuality = exitBelowQuality;
        this.terminationChancePerDay = terminationChancePerDay;
        this.withdrawDays = withdrawDays;
        this.rng = rng;
    }

    @Override
    public String label() { return label; }

    /** The plain provider doing the sealing (its counters: sealed, extended, lost deals). */
    public Provider inner() { return inner; }

    public Address owner() { return inner.owner(); }

    public Miner miner() { return inner.miner(); }

    public ProviderQuality quality() { return quality; }

    public ProviderQuality.Strategy strategy() { return quality.strategy(); }

    public Setup setup() { return setup; }

    /** Its installed Beneficiary, or null. */
    public Beneficiary beneficiary() { return beneficiary; }

    /** Whether it left the market (failing providers). */
    public boolean exited() { return exited; }

    /** Epoch it left, or −1. */
    public long exitEpoch() { return exitEpoch; }

    public long terminatedSectors() { return terminatedSectors; }

    /** FIL it withdrew from its Beneficiary (its SLA-weighted share; attoFIL). */
    public BigInteger withdrawnFromBeneficiary() { return withdrawnFromBeneficiary; }

    /** Sectors sealed by the provider it wraps. */
    public long sealed() { return inner.sealed(); }

    /** Revenue so far, USD (the inner provider's books). */
    public double revenueUsd() { return inner.revenueUsd(); }

    /** Costs so far, USD. */
    public double costUsd() { return inner.costUsd(); }

    /** Profit so far, USD. */
    public double profitUsd() { return inner.profitUsd(); }

    /** Renewal choices by expected payoff (the inner provider's). */
    public long renewalDecisions() { return inner.renewalDecisions(); }

    /** Of those, the ones that chose to extend. */
    public long renewalsChosen() { return inner.renewalsChosen(); }

    /** The inner provider's last renewal choice (null before one). */
    public Logit.Choice lastRenewal() { return inner.lastRenewal(); }

    /** The inner provider's last onboarding choice (null before one, and in scripted mode). */
    public Logit.Choice lastOnboarding() { return inner.lastOnboarding(); }

    /** The share of its capacity the inner provider plans to use. */
    public double onboardingShare() { return inner.onboardingShare(); }

    /** The value of extending seen at the last renewal choice, USD per raw TiB-year. */
    public double lastRenewalValueUsd() { return inner.lastRenewalValueUsd(); }

    /** The probability the last renewal choice gave extending. */
    public double lastRenewalExtendShare() { return inner.lastRenewalExtendShare(); }

    /** Sectors extended by the provider it wraps. */
    public long extended() { return inner.extended(); }

    /** Deals lost (allocation gone or expired before sealing) by the provider it wraps. */
    public long lostDeals() { return inner.lostDeals(); }

    /** Refused calls: its own (all rules) plus the wrapped provider's. */
    public long refusalCount() { return refusals.values().stream().mapToLong(Long::longValue).sum() + inner.refusals(); }

    /** Refused calls by rule (its own; the inner provider counts its sealing refusals). */
    public Map<String, Long> refusals() { return java.util.Collections.unmodifiableMap(refusals); }

    /**
     * Makes this provider choose its service level by {@code choice} (behaviour mode economic; diligent and
     * cost-cutting providers only): it starts at premium (diligent) or minimal, paying that level's costs of the levels
     * its books drew. {@code stabilityPct} is its expected stability, the share of outage-free days (in %), for the
     * scores it expects.
     */
    public void chooseServiceLevels(ServiceChoice choice, double stabilityPct) {
        ProviderQuality.Strategy st = quality.strategy();
        if (st == ProviderQuality.Strategy.FAILING || st == ProviderQuality.Strategy.CHEATING)
            throw new IllegalArgumentException(st.label() + " providers choose no service level");
        startService(choice, stabilityPct,
                st == ProviderQuality.Strategy.DILIGENT ? ServiceLevel.PREMIUM : ServiceLevel.MINIMAL);
    }

    /**
     * Makes this provider, of the cheating strategy, choose whether to cheat by {@code cheating} (behaviour mode
     * economic), and while honest its service level by {@code service}: it starts cheating at the minimal level.
     */
    public void chooseCheating(CheatingChoice cheating, ServiceChoice service, double stabilityPct) {
        if (quality.strategy() != ProviderQuality.Strategy.CHEATING)
            throw new IllegalArgumentException(quality.strategy().label() + " providers are not able to cheat");
        cheatingChoice = cheating;
        startService(service, stabilityPct, ServiceLevel.MINIMAL);
    }

    private void startService(ServiceChoice choice, double stabilityPct, ServiceLevel start) {
        this.service = choice;
        this.stabilityPct = stabilityPct;
        drawnExtraCopyUsd = inner.account().level(CostKind.EXTRA_COPY);
        drawnBandwidthUsd = inner.account().level(CostKind.BANDWIDTH);
        setServiceLevel(start);
    }

    /** Whether it fakes retrievability towards the oracle now. */
    public boolean cheating() { return quality.faking(); }

    /** Its last choice whether to cheat (kept or revised) with the values it saw, or null (none yet; scripted mode). */
    public Logit.Choice lastCheating() { return lastCheating; }

    /** Cheating revisions it made (chose afresh), whether or not it changed. */
    public long cheatingRevisions() { return cheatingRevisions; }

    /** The cheat's gain at its last cheating choice, USD per raw TiB-year (0 before the first). */
    public double lastCheatGainUsd() { return lastCheat == null ? 0 : lastCheat.gainUsd(); }

    /** The cheat's expected penalty at its last cheating choice, USD per raw TiB-year (0 before the first). */
    public double lastCheatPenaltyUsd() { return lastCheat == null ? 0 : lastCheat.penaltyUsd(); }

    /** Its service level, or null when it chooses none (scripted mode; failing providers; cheating ones outside
     * behaviour mode economic). */
    public ServiceLevel serviceLevel() { return serviceLevel; }

    /** Its service level for agents.csv: 0 minimal, 1 standard, 2 premium, −1 none. */
    public int serviceLevelRank() { return serviceLevel == null ? -1 : serviceLevel.ordinal(); }

    /** Service-level revisions it made (chose afresh), whether or not the level changed. */
    public long serviceRevisions() { return serviceRevisions; }

    /** The value of minimal service at its last revision day, USD per raw TiB-year (0 before the first). */
    public double serviceValueMinimalUsd() { return serviceValue(ServiceLevel.MINIMAL); }

    /** The value of standard service at its last revision day, USD per raw TiB-year (0 before the first). */
    public double serviceValueStandardUsd() { return serviceValue(ServiceLevel.STANDARD); }

    /** The value of premium service at its last revision day, USD per raw TiB-year (0 before the first). */
    public double serviceValuePremiumUsd() { return serviceValue(ServiceLevel.PREMIUM); }

    /** Its last service-level choice (kept or revised) with the values it saw, or null. */
    public Logit.Choice lastServiceChoice() { return lastServiceChoice; }

    private double serviceValue(ServiceLevel l) {
        return lastServiceChoice == null ? 0 : lastServiceChoice.values()[ServiceChoice.LEVELS.indexOf(l)];
    }

    private void setServiceLevel(ServiceLevel l) {
        serviceLevel = l;
        inner.account().payServiceCosts(l.extraCopy() ? drawnExtraCopyUsd : 0,
                l.fullBandwidth() ? drawnBandwidthUsd : CostKind.NO_RETRIEVAL_BANDWIDTH);
    }

    /**
     * Its expected block reward per raw TiB-year in USD: this epoch's network reward × epochs a year × its QA per raw
     * byte (a FIL+ sector's {@link Policy#VERIFIED_QUALITY_MULTIPLIER} before it has power) / network QA, at the last
     * booked FIL price.
     */
    double rewardUsdPerRawTibYear(StepView v) {
        Miner m = miner();
        double qaPerRaw = m.rawPower() > 0 ? m.qaPower() / (double) m.rawPower() : Policy.VERIFIED_QUALITY_MULTIPLIER;
        return ProviderAccount.rewardFilPerYear(v.chain(), qaPerRaw * Policy.TiB,
                v.chain().power().networkQa().doubleValue()) * inner.account().priceUsd();
    }

    private void reviseServiceLevel(StepView v) {
        double[] values = service.values(rewardUsdPerRawTibYear(v), stabilityPct, drawnExtraCopyUsd, drawnBandwidthUsd);
        Logit.Choice c = service.revise(values, serviceLevel);
        lastServiceChoice = c;
        if (!c.revised()) return;
        serviceRevisions++;
        moveTo(ServiceChoice.LEVELS.get(c.chosen()), v);
    }

    private void moveTo(ServiceLevel next, StepView v) {
        if (next == serviceLevel) return;
        setServiceLevel(next);
        quality.setBase(v.day() + 1, service.baseQuality(next));
    }

    /** Honest: its service level's value (minimal while it cheats); cheat: the cheat's gain − expected penalty. */
    private void reviseCheating(StepView v) {
        double reward = rewardUsdPerRawTibYear(v);
        double[] levels = service.values(reward, stabilityPct, drawnExtraCopyUsd, drawnBandwidthUsd);
        lastCheat = cheatingChoice.cheat(reward, stabilityPct);
        Logit.Choice c = cheatingChoice.revise(levels[serviceLevel.ordinal()], lastCheat.valueUsd(), cheating());
        lastCheating = c;
        if (!c.revised()) return;
        cheatingRevisions++;
        boolean next = c.chosen() == CheatingChoice.CHEAT;
        if (next == cheating()) return;
        quality.setFaking(next);
        if (next) moveTo(ServiceLevel.MINIMAL, v);
    }

    @Override
    public void act(StepView v) {
        setUp(v);
        if (!exited && quality.strategy() == ProviderQuality.Strategy.FAILING && quality.quality(v.day()) < exitBelowQuality) {
            exited = true;
            exitEpoch = v.epoch();
        }
        if (cheatingChoice != null && !exited && v.day() > 0 && v.every(cheatingChoice.revisionDays()))
            reviseCheating(v);
        if (service != null && !exited && !cheating() && v.day() > 0 && v.every(service.revisionDays()))
            reviseServiceLevel(v);
        if (!exited) {
            inner.act(v); // on withdrawal days the inner provider withdraws (to the Beneficiary) before sealing
        } else {
            terminateSome(v);
            if (v.every(withdrawDays)) withdrawMiner();
        }
        if (setup == Setup.ACTIVE && beneficiary.pending().signum() > 0) {
            try {
                withdrawnFromBeneficiary = withdrawnFromBeneficiary.add(beneficiary.withdraw(owner(), owner()));
            } catch (ActorError e) {
                refused(e);
            }
        }
    }

    private void setUp(StepView v) {
        if (setup != Setup.WAITING_FOR_INSTANCE) return;
        Miner m = miner();
        Beneficiary inst = factory.instance(m.address());
        if (inst == null) {
            if (!createsOwnInstance) return;
            try {
                inst = factory.create(owner(), owner(), owner(), m.address(), clientContract);
            } catch (ActorError e) {
                refused(e);
                inst = factory.instance(m.address());
                if (inst == null) return;
            }
        }
        if (!inst.hasRole(Beneficiary.WITHDRAWER_ROLE, owner())) {
            setup = Setup.SQUATTED; // someone else's instance: installing it would hand them the rewards
            return;
        }
        if (!m.beneficiary().equals(inst.address())) {
            try {
                m.changeBeneficiary(owner(), inst.address(), quota, v.epoch() + beneficiaryTermEpochs);
                inst.acceptBeneficiary(owner(), m.address());
            } catch (ActorError e) {
                refused(e);
                return;
            }
        }
        beneficiary = inst;
        setup = Setup.ACTIVE;
    }

    private void terminateSome(StepView v) {
        List<Long> chosen = new ArrayList<>();
        for (long n : miner().sectors().keySet()) if (rng.nextDouble() < terminationChancePerDay) chosen.add(n);
        if (chosen.isEmpty()) return;
        try {
            miner().terminateSectors(owner(), chosen);
            terminatedSectors += chosen.size();
        } catch (ActorError e) {
            refused(e);
        }
    }

    private void withdrawMiner() {
        BigInteger available = miner().availableBalance();
        if (available.signum() <= 0) return;
        try {
            miner().withdrawBalance(owner(), available);
        } catch (ActorError e) {
            refused(e);
        }
    }

    private void refused(ActorError e) { refusals.merge(e.rule(), 1L, Long::sum); }

    /** Days since the start of the run at which it left, or −1 (for reports). */
    public long exitDay() { return exitEpoch < 0 ? -1 : exitEpoch / Policy.EPOCHS_IN_DAY; }
}
