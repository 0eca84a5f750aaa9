package datacapsim.scenario;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/**
 * A complete, reviewable experiment. Every field has a default ({@link Defaults}), a unit and a range; missing fields
 * take the default, unknown fields are errors.
 */
public record Scenario(
        @JsonProperty("extends") @JsonInclude(JsonInclude.Include.NON_NULL)
        @Param(doc = "another scenario file this one extends (path relative to this file); its fields are the defaults here") String extendsFile,
        @Param(doc = "scenario name, used for the output folder") String name,
        @Param(doc = "the question this scenario answers") String question,
        @Param(doc = "free text description") String description,
        @Param(doc = "allocation design") Design design,
        @Param(doc = "verified registry regime") Regime regime,
        @Param(doc = "contract behaviour: as designed in the source documents, or as the public source deployed it") Variant variant,
        @Param(doc = "seed of every random stream of the run", min = 0) Long seed,
        @Param(doc = "length of the run", unit = "days", min = 1, max = 36_500) Integer horizonDays,
        @Param(doc = "epochs between agent steps (2,880 = a day)", unit = "epochs", min = 1, max = 2_880 * 30) Long stepEpochs,
        ChainParams chain,
        RootKeyParams rootKey,
        AllocatorParams allocators,
        ClientParams clients,
        ProviderParams providers,
        GovernanceParams governance,
        EconomyScenario economy,
        BehaviourScenario behaviour,
        SlaScenario sla,
        AbuseScenario abuse,
        @JsonInclude(JsonInclude.Include.NON_NULL) SweepScenario sweep,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = SolsticeScenario.AtDefaults.class)
        SolsticeScenario solstice) {

    /** The allocation designs: how DataCap travels from the root key to clients. */
    public enum Design implements Word {
        DIRECT, META_ALLOCATOR, CLIENT_CONTRACT, ONRAMP, SLA_ALLOCATOR;

        @Override public String toString() { return word(); }
    }

    /**
     * The verified registry regimes (spec: actors.md, "VerifiedRegistry, other regimes"): FIP-0045 with direct data
     * onboarding (the default); the original registry with UseBytes / RestoreBytes and no top-up (seed 003); the same
     * with FIP-0012 top-up (seed 004); FIP-0045 used through the storage market (seed 002); and FIP-0118's Solstice,
     * the ddo registry until an upgrade day that turns DataCap off.
     */
    public enum Regime implements Word {
        DDO, V1, V1_TOPUP, FIP45_MARKET, SOLSTICE;

        /** Whether the contract designs (which need FEVM and DataCap) can run under this regime. */
        public boolean runsContracts() { return this == DDO || this == FIP45_MARKET || this == SOLSTICE; }

        @Override public String toString() { return word(); }
    }

    /** Contract behaviour: as the source documents designed it, or as the public source deployed it. */
    public enum Variant implements Word {
        DESIGNED, DEPLOYED;

        @Override public String toString() { return word(); }
    }

    /** How the epoch reward is made: the reward actor's minting, or a scenario series. */
    public enum RewardMode implements Word {
        MINTING, SERIES;

        @Override public String toString() { return word(); }
    }

    /** Expected-value block rewards, or sampled wins. */
    public enum Payout implements Word {
        EXPECTED, SAMPLED;

        @Override public String toString() { return word(); }
    }

    /** The initial pledge rule. */
    public enum PledgeMode implements Word {
        FIP_0081, PER_TIB;

        @Override public String toString() { return word(); }
    }

    /** How clients arrive: a Poisson process at a rate per day, or uniformly over a fraction of the horizon. */
    public enum Arrivals implements Word {
        POISSON, WINDOW;

        @Override public String toString() { return word(); }
    }

    /** The providers' sector size. */
    public enum SectorSize implements Word {
        SIZE_32GIB("32GiB"), SIZE_64GIB("64GiB");

        private final String word;

        SectorSize(String word) { this.word = word; }

        @Override public String word() { return word; }

        @Override public String toString() { return word; }
    }

    /** Exogenous network, money rules and reward. */
    public record ChainParams(
            @Param(doc = "the simulation's epoch 0 counted from mainnet genesis (6,163,200 ≈ 2026-07-04)", unit = "epochs", min = 0, max = 100_000_000) Long genesisEpoch,
            @Param(doc = "raw power of the network outside the simulated providers at the start", unit = "PiB", min = 0, max = 1e9) BigDecimal networkRawPowerPib,
            @Param(doc = "QA power of the network outside the simulated providers at the start", unit = "PiB", min = 0, max = 1e10) BigDecimal networkQaPowerPib,
            @Param(doc = "daily change of the outside network's raw power (linear, floored at zero)", unit = "PiB/day", min = -1e6, max = 1e6) BigDecimal networkRawPowerChangePibPerDay,
            @Param(doc = "daily change of the outside network's QA power (linear, floored at zero)", unit = "PiB/day", min = -1e6, max = 1e6) BigDecimal networkQaPowerChangePibPerDay,
            @Param(doc = "miners outside the simulation at or above the 10 TiB minimum consensus power", min = 0, max = 1e7) Integer networkMinersAboveMinimum,
            @Param(doc = "circulating supply at the start", unit = "FIL", min = 0, max = 2e9) BigDecimal circulatingSupplyFil,
            @Param(doc = "daily change of the circulating supply", unit = "FIL/day", min = -1e8, max = 1e8) BigDecimal circulatingSupplyChangeFilPerDay,
            @Param(doc = "how the epoch reward is made") RewardMode rewardMode,
            @Param(doc = "reward actor's effective network time θ at the start (baseline minting)", unit = "epochs", min = 0, max = 100_000_000) Long effectiveNetworkTimeEpochs,
            @Param(doc = "for rewardMode series: steps of (day, filPerEpoch); the first must be at day 0") List<RewardStep> rewardSeries,
            @Param(doc = "expected-value block reward or sampled wins (Poisson per step)") Payout payout,
            @Param(doc = "initial pledge rule") PledgeMode pledgeMode,
            @Param(doc = "for pledgeMode per-tib: pledge per TiB of QA power", unit = "FIL/TiB", min = 0, max = 1e6) BigDecimal pledgePerTibFil,
            @Param(doc = "FIP-0100 daily fee on") Boolean dailyFee,
            @Param(doc = "FIP-0098 termination fee on") Boolean terminationFee,
            @Param(doc = "day series of the outside network's raw power, steps of (day, pib), linear between them and"
                    + " flat after the last, never below zero; day 0 must equal networkRawPowerPib and the daily change be"
                    + " 0 (empty: start value and daily change)") List<PowerStep> networkRawPowerSeries,
            @Param(doc = "day series of the outside network's QA power, as networkRawPowerSeries; day 0 must equal"
                    + " networkQaPowerPib") List<PowerStep> networkQaPowerSeries,
            @Param(doc = "day series of the circulating supply, steps of (day, fil), linear between them; day 0 must"
                    + " equal circulatingSupplyFil and its daily change be 0") List<SupplyStep> circulatingSupplySeries,
            @Param(doc = "the storage market's maximum deal duration (regimes v1, v1-topup, fip45-market); 0: the"
                    + " regime's own, 540 days under v1 and v1-topup, 1,278 under fip45-market", unit = "days", min = 0,
                    max = 1_278) Integer maxDealDurationDays) {}

    public record PowerStep(
            @Param(doc = "day of this point", unit = "days", min = 0) Long day,
            @Param(doc = "power on that day", unit = "PiB", min = 0, max = 1e10) BigDecimal pib) {}

    public record SupplyStep(
            @Param(doc = "day of this point", unit = "days", min = 0) Long day,
            @Param(doc = "circulating supply on that day", unit = "FIL", min = 0, max = 2e9) BigDecimal fil) {}

    public record RewardStep(
            @Param(doc = "first day this rate applies", unit = "days", min = 0) Long day,
            @Param(doc = "network reward per epoch from that day", unit = "FIL/epoch", min = 0, max = 1e6) BigDecimal filPerEpoch) {}

    /** The root key holders' policy towards verifiers (the allocators of the direct design). */
    public record RootKeyParams(
            @Param(doc = "allowance the root key sets for each verifier at the start", unit = "TiB", min = 0.001, max = 1e9) BigDecimal verifierAllowanceTib,
            @Param(doc = "the root key re-sets a verifier's allowance when its remaining share falls below this fraction", min = 0, max = 1) Double topUpBelowFraction,
            @Param(doc = "days between the root key's reviews of verifier allowances", unit = "days", min = 1, max = 3650) Integer reviewIntervalDays) {}

    public record AllocatorParams(
            @Param(doc = "number of allocators (verifiers)", min = 1, max = 10_000) Integer count,
            @Param(doc = "days of due diligence before an application's first tranche", unit = "days", min = 0) Dist dueDiligenceDays,
            @Param(doc = "first tranche granted to a client", unit = "TiB", min = 0.001, max = 1e7) BigDecimal firstTrancheTib,
            @Param(doc = "largest tranche; each next tranche doubles the previous up to this", unit = "TiB", min = 0.001, max = 1e7) BigDecimal maxTrancheTib,
            @Param(doc = "a client gets its next tranche when its unspent DataCap falls below this fraction of the last one", min = 0, max = 1) Double nextTrancheBelowFraction) {}

    public record ClientParams(
            @Param(doc = "number of clients: with arrivals poisson the most that can arrive (those arriving at or "
                    + "after the horizon are not created); with arrivals window all of them", min = 0, max = 1_000_000)
            Integer count,
            @Param(doc = "size of a client's dataset (heavy-tailed)", unit = "TiB", min = 0) Dist datasetTib,
            @Param(doc = "copies of each piece, each with a different provider", min = 1, max = 100) Integer replicas,
            @Param(doc = "providers a client chooses (at random) to spread its replicas over", min = 1, max = 100_000) Integer providersPerClient,
            @Param(doc = "how clients arrive: poisson (arrivalsPerDay, independent of the horizon) or window "
                    + "(uniformly over arrivalWindowFraction of the horizon)") Arrivals arrivals,
            @Param(doc = "for arrivals window: fraction of the horizon over which clients arrive (uniformly)", min = 0, max = 1)
            Double arrivalWindowFraction,
            @Param(doc = "for arrivals poisson: clients arriving per day, a rate independent of the horizon (a Poisson "
                    + "process; abusive populations arrive at this pace scaled by their size over clients.count)",
                    unit = "clients/day", min = 0, max = 1e6) Double arrivalsPerDay,
            @Param(doc = "for arrivals poisson: steps of (day, perDay), the first at day 0, in place of arrivalsPerDay "
                    + "when given (empty: arrivalsPerDay throughout)") List<ArrivalStep> arrivalsPerDaySeries,
            @Param(doc = "most allocations a client makes in one day", unit = "allocations/day", min = 1, max = 1_000_000) Integer maxAllocationsPerDay,
            @Param(doc = "allocation term_min", unit = "days", min = 180, max = 1826) Integer termMinDays,
            @Param(doc = "allocation term_max", unit = "days", min = 180, max = 1826) Integer termMaxDays,
            @Param(doc = "days until an unclaimed allocation expires", unit = "days", min = 0, max = 60) Integer allocationExpirationDays,
            @Param(doc = "behaviour.mode economic: how long an honest client must keep its dataset from its arrival; until"
                    + " then it extends its claims' term_max (ExtendClaimTerms, free; within 5 years of each claim's"
                    + " start)", unit = "days", min = 0, max = 36_500) Dist retentionDays,
            @Param(doc = "behaviour.mode economic: days an honest client waits while its providers accept too little for"
                    + " a full set of replicas before it turns to another provider that accepts (0: never)", unit = "days",
                    min = 0, max = 3_650) Integer switchAfterDays) {}

    /** One step of the arrival rate series: the rate from {@code day} until the next step. */
    public record ArrivalStep(
            @Param(doc = "first day this rate applies", unit = "days", min = 0) Long day,
            @Param(doc = "clients arriving per day from that day", unit = "clients/day", min = 0, max = 1e6) Double perDay) {}

    /**
     * The governance team of the contract designs: the MetaAllocator's owner and the OnRamps' manager. It sets
     * allocators' allowance, tops it up by usage, takes back idle allowance, and sets the OnRamp rate limits.
     */
    public record GovernanceParams(
            @Param(doc = "allowance the root key gives the MetaAllocator (a verifier), re-set on review like a verifier's", unit = "TiB", min = 0.001, max = 1e9) BigDecimal metaAllocatorAllowanceTib,
            @Param(doc = "allowance governance gives each allocator in the MetaAllocator at the start", unit = "TiB", min = 0.001, max = 1e9) BigDecimal allocatorAllowanceTib,
            @Param(doc = "governance tops an allocator up to its full allowance when its remaining share falls below this fraction", min = 0, max = 1) Double topUpBelowFraction,
            @Param(doc = "days between governance reviews", unit = "days", min = 1, max = 3650) Integer reviewIntervalDays,
            @Param(doc = "governance takes back an allocator's allowance after this many days without a grant (0 = never)", unit = "days", min = 0, max = 3650) Integer idleClawbackDays,
            @Param(doc = "OnRamp rate-limit window", unit = "days", min = 1, max = 3650) Integer onrampWindowDays,
            @Param(doc = "most allowance an OnRamp grants one client within a window", unit = "TiB", min = 0.001, max = 1e9) BigDecimal onrampLimitTib,
            @Param(doc = "Client Contract: slack over the fair share per SP, in basis points of 10,000", unit = "bps", min = 0, max = 10_000) Integer maxDeviationBps) {}

    public record ProviderParams(
            @Param(doc = "number of storage providers", min = 0, max = 100_000) Integer count,
            @Param(doc = "sector size") SectorSize sectorSize,
            @Param(doc = "sealing throughput of a provider", unit = "TiB/day", min = 0) Dist sealingTibPerDay,
            @Param(doc = "FIL each provider's owner holds at the start (for pledge)", unit = "FIL", min = 0, max = 1e10) BigDecimal fundsFil,
            @Param(doc = "sector lifetime the provider commits to, clamped into the allocation's term window", unit = "days", min = 180, max = 1278) Integer sectorDurationDays,
            @Param(doc = "behaviour.mode scripted: chance that a provider extends an expiring sector", min = 0, max = 1) Double extendProbability,
            @Param(doc = "days between a provider's withdrawals of available rewards", unit = "days", min = 1, max = 3650) Integer withdrawIntervalDays,
            ProviderBehaviour behaviour,
            ProviderCosts costs) {}
}
