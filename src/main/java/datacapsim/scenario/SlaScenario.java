package datacapsim.scenario;

import java.math.BigDecimal;

/**
 * Parameters of the sla-allocator design: the SLA Allocator's rules, the Beneficiary's bands, the SLA terms clients
 * ask for, how clients reach DataCap (passports, payments, manual attestations), governance's minting, the off-chain
 * services (oracle, allocator service, termination oracle) and the attacks of the attack scenarios. Every field has a
 * default in {@link #defaults()}; ASSUMPTIONS.md gives each one's source.
 */
public record SlaScenario(
        // ---------------------------------------------------------------- SLAAllocator rules (SlaConfig)
        @Param(doc = "a passport passes when its score is strictly above this", min = 0, max = 100) Integer passportScoreThreshold,
        @Param(doc = "price a payment must cover per TiB of DataCap requested", unit = "FIL/TiB", min = 0, max = 1e6) BigDecimal priceFilPerTib,
        @Param(doc = "largest request on the single-passport path", unit = "TiB", min = 0.001, max = 1e7) BigDecimal passportCapTib,
        @Param(doc = "largest request on the no-passport (payment) path", unit = "TiB", min = 0.001, max = 1e7) BigDecimal noPassportCapTib,
        @Param(doc = "per-client rate-limit window of the passport paths", unit = "days", min = 1, max = 3650) Integer clientWindowDays,
        @Param(doc = "passport requests a client may make per client window", min = 1, max = 1_000_000) Integer clientLimit,
        @Param(doc = "global rate-limit window of the no-passport path", unit = "days", min = 1, max = 3650) Integer globalWindowDays,
        @Param(doc = "no-passport requests accepted per global window, all clients together", min = 1, max = 1_000_000) Integer globalLimit,
        @Param(doc = "designed client transfer: a provider's beneficiary must outlast the longest deal by this", unit = "days", min = 0, max = 3650) Integer beneficiaryExpirationMarginDays,
        @Param(doc = "deployed variant: whether the no-passport payment path exists (it lives on the source's FIL-1225 branch)") Boolean deployedPaymentPath,
        // ---------------------------------------------------------------- Beneficiary payout rules
        @Param(doc = "lowest SLA score of the Beneficiary's middle band", min = 0, max = 100) Integer payoutMidFrom,
        @Param(doc = "lowest SLA score of the Beneficiary's high band", min = 0, max = 100) Integer payoutHighFrom,
        @Param(doc = "SP's share of rewards in the low band", unit = "bps", min = 0, max = 10_000) Integer payoutLowShareBps,
        @Param(doc = "SP's share of rewards in the middle band", unit = "bps", min = 0, max = 10_000) Integer payoutMidShareBps,
        @Param(doc = "SP's share of rewards in the high band", unit = "bps", min = 0, max = 10_000) Integer payoutHighShareBps,
        // ---------------------------------------------------------------- SLA terms the clients register (0 = not part)
        @Param(doc = "SLA threshold: time to first byte at most this (0 = not part of the SLA)", unit = "ms", min = 0, max = 4_294_967_295.0) Long slaLatencyMs,
        @Param(doc = "SLA threshold: retention (share of sampled data still retrievable) at least this (0 = not part)", unit = "%", min = 0, max = 65_535) Integer slaRetentionPct,
        @Param(doc = "SLA threshold: bandwidth at least this (0 = not part)", unit = "Mbps", min = 0, max = 65_535) Integer slaBandwidthMbps,
        @Param(doc = "SLA threshold: stability (share of recent days without an outage) at least this (0 = not part)", unit = "%", min = 0, max = 65_535) Integer slaStabilityPct,
        @Param(doc = "SLA threshold: availability at least this (0 = not part)", unit = "%", min = 0, max = 255) Integer slaAvailabilityPct,
        @Param(doc = "SLA threshold: indexing at least this (0 = not part)", unit = "%", min = 0, max = 255) Integer slaIndexingPct,
        // ---------------------------------------------------------------- clients' paths to DataCap
        @Param(doc = "share of clients that hold a Gitcoin passport", min = 0, max = 1) Double passportShare,
        @Param(doc = "true score of a client's passport (the service checks it against the threshold)", min = 0) Dist passportScore,
        @Param(doc = "days a signed passport stays valid (then the client renews it)", unit = "days", min = 1, max = 3650) Integer passportValidityDays,
        @Param(doc = "passport clients use the no-passport path while their passport window is used up") Boolean openPathWhenRateLimited,
        @Param(doc = "share of clients that go through manual attestation (the allocator service's review) instead of paying", min = 0, max = 1) Double manualAttestationShare,
        @Param(doc = "days the allocator service takes to review a manual attestation", unit = "days", min = 0) Dist manualReviewDays,
        @Param(doc = "clients pick providers with probability proportional to exp(this × the share of their SLA thresholds the provider's latest attestation meets) (0 = at random)", min = 0, max = 1000) Double reputationWeight,
        @Param(doc = "a client makes no new allocation with a provider while this many of its allocations with it are still unclaimed", min = 1, max = 1_000_000) Integer maxOpenAllocationsPerProvider,
        @Param(doc = "FIL a client holds at the start, as a multiple of the price of its whole planned DataCap", min = 0, max = 1000) Double clientBudgetMultiple,
        @Param(doc = "a client moves its remaining data to another provider after this many weekly checks found expired, unclaimed allocations with it (0 = never)", min = 0, max = 1000) Integer switchProviderAfterExpiries,
        // ---------------------------------------------------------------- governance, root key, providers' beneficiary
        @Param(doc = "verifier allowance the root key gives the SLAAllocator (re-set on review like a verifier's)", unit = "TiB", min = 0.001, max = 1e9) BigDecimal verifierAllowanceTib,
        @Param(doc = "DataCap governance mints into the SLA Client Contract at a time", unit = "TiB", min = 0.001, max = 1e9) BigDecimal mintTib,
        @Param(doc = "governance mints when the SLA Client Contract's DataCap not yet granted falls below this", unit = "TiB", min = 0, max = 1e9) BigDecimal mintBelowTib,
        @Param(doc = "expiration a provider gives its Beneficiary, days ahead (≥ 5 years: acceptBeneficiary requires it)", unit = "days", min = 1826, max = 36_500) Integer beneficiaryTermDays,
        // ---------------------------------------------------------------- oracle service
        @Param(doc = "days between the oracle service's measurement rounds", unit = "days", min = 1, max = 365) Integer oracleCadenceDays,
        @Param(doc = "measurement noise: standard deviation as a fraction of each SLI's range (full to zero quality)", min = 0, max = 1) Double oracleNoise,
        @Param(doc = "the oracle reports the provider's state of this many days ago", unit = "days", min = 0, max = 365) Integer oracleLagDays,
        @Param(doc = "chance that the oracle misses a provider's update in a round", min = 0, max = 1) Double oracleMissProbability,
        @Param(doc = "days of outage history behind the stability SLI", unit = "days", min = 1, max = 365) Integer oracleStabilityWindowDays,
        @Param(doc = "first day of an oracle outage (no submissions)", unit = "days", min = 0, max = 36_500) Integer oracleOutageStartDay,
        @Param(doc = "length of the oracle outage (0 = none)", unit = "days", min = 0, max = 36_500) Integer oracleOutageDays,
        @Param(doc = "days between the termination oracle's reports", unit = "days", min = 1, max = 365) Integer terminationOracleCadenceDays,
        // ---------------------------------------------------------------- allocator service
        @Param(doc = "chance that the allocator service refuses a valid passport", min = 0, max = 1) Double passportFalseRejectProbability,
        @Param(doc = "chance that the allocator service signs a passport scoring at or below the threshold as passing", min = 0, max = 1) Double passportFalseAcceptProbability,
        @Param(doc = "chance that the allocator service refuses a valid payment", min = 0, max = 1) Double paymentFalseRejectProbability,
        @Param(doc = "chance that the allocator service's review rejects a manual attestation", min = 0, max = 1) Double manualRejectProbability,
        // ---------------------------------------------------------------- attacks
        @Param(doc = "deployed: share of clients that request through the caller-chosen-registry path, naming a registry that always scores 100", min = 0, max = 1) Double callerChosenRegistryShare,
        @Param(doc = "providers whose Beneficiary instance a squatter creates on day 0, before the providers do (succeeds only where anyone may create)", min = 0, max = 100_000) Integer squatProviders) {

    public static SlaScenario defaults() {
        return new SlaScenario(20, new BigDecimal("1"), new BigDecimal("1024"), new BigDecimal("100"), 7, 1, 1, 5, 180, true,
                50, 80, 1_000, 5_000, 10_000,
                1_000L, 90, 200, 90, 90, 90,
                0.5, Dist.lognormal(25, 0.5), 90, true, 0.05, Dist.uniform(3, 14), 3.0, 64, 3.0, 2,
                new BigDecimal("10240"), new BigDecimal("2048"), new BigDecimal("1024"), 7_300,
                1, 0.02, 1, 0.05, 30, 0, 0, 7,
                0.02, 0.05, 0.01, 0.1,
                0.0, 0);
    }
}
