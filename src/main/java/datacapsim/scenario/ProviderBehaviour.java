package datacapsim.scenario;

/**
 * Providers' latent service quality and strategies (diligent, cost-cutting, failing, cheating), which drive the SLIs
 * the oracle measures (used by the sla-allocator design). Quality is a number in [0, 1]: each day it moves towards the
 * strategy's base level (AR(1) with Gaussian drift); failing providers' base declines until they leave; outages start
 * at random and take the provider down for some days. Every field has a default in {@link #defaults()}.
 *
 * <p>Service levels (behaviour.mode economic): diligent and cost-cutting providers choose a level, minimal, standard
 * or premium, by its payoff under the SLA payouts; the chosen level's base quality replaces the strategy's base.
 * Cheating providers are able to cheat: on the same revision days they choose whether to fake retrievability by its
 * gain against the expected penalty (the sanction of {@code cheatSanctionDays}), and while honest choose a level.
 *
 * <p>The four strategy shares sum to 1 (the loader checks it); the builder assigns exact counts by largest remainder.
 */
public record ProviderBehaviour(
        @Param(doc = "share of diligent providers (high quality, rare outages)", min = 0, max = 1, share = "strategy") Double diligentShare,
        @Param(doc = "share of cost-cutting providers (lower quality, more outages)", min = 0, max = 1, share = "strategy") Double costCuttingShare,
        @Param(doc = "share of failing providers (quality declines; below a level they leave and terminate sectors)", min = 0, max = 1, share = "strategy") Double failingShare,
        @Param(doc = "share of cheating providers (low quality, fake retrievability towards the oracle)", min = 0, max = 1, share = "strategy") Double cheatingShare,
        StrategyParams diligent,
        StrategyParams costCutting,
        StrategyParams failing,
        StrategyParams cheating,
        @Param(doc = "standard deviation of the daily random change of quality", unit = "per day", min = 0, max = 1) Double qualityDriftSdPerDay,
        @Param(doc = "fraction of the gap to the base quality closed each day", unit = "per day", min = 0, max = 1) Double qualityReversionPerDay,
        @Param(doc = "length of an outage", unit = "days", min = 0) Dist outageDays,
        @Param(doc = "failing providers: decline of the base quality per day", unit = "per day", min = 0, max = 1) Double failingDeclinePerDay,
        @Param(doc = "failing providers leave (stop sealing, start terminating) once their quality falls below this", min = 0, max = 1) Double failingExitBelowQuality,
        @Param(doc = "after leaving: chance per day that each remaining sector is terminated", unit = "per day", min = 0, max = 1) Double failingTerminationProbabilityPerDay,
        @Param(doc = "cheating providers: chance that a measurement of retrievability (availability, latency, retention, indexing) sees the faked quality", min = 0, max = 1) Double cheatSuccessProbability,
        @Param(doc = "the quality a successful cheat shows the oracle", min = 0, max = 1) Double cheatFakedQuality,
        SliLevels sliAtFullQuality,
        SliLevels sliAtZeroQuality,
        @Param(doc = "behaviour.mode economic: base quality of the minimal service level (no extra copy, bandwidth "
                + "0.6; default: the mean of cost-cutting's default quality)", min = 0, max = 1)
        Double serviceMinimalQuality,
        @Param(doc = "behaviour.mode economic: base quality of the standard service level (full bandwidth, no extra "
                + "copy; default: midway between minimal and premium)", min = 0, max = 1)
        Double serviceStandardQuality,
        @Param(doc = "behaviour.mode economic: base quality of the premium service level (extra copy, full bandwidth; "
                + "default: the mean of diligent's default quality)", min = 0, max = 1)
        Double servicePremiumQuality,
        @Param(doc = "behaviour.mode economic: days between service-level revisions", unit = "days", min = 1,
                max = 3650)
        Integer serviceRevisionDays,
        @Param(doc = "behaviour.mode economic: share of the choosing providers that revise their service level at "
                + "each revision", min = 0, max = 1)
        Double serviceRevisionShare,
        @Param(doc = "sanction of a caught cheat: for this many days after a measurement in which a fake fails, the "
                + "oracle measures the provider's retrievability at the zero-quality levels (0 = no sanction beyond "
                + "the caught measurement)", unit = "days", min = 0, max = 3650)
        Integer cheatSanctionDays) {

    /** One strategy's starting quality and outage rate. */
    public record StrategyParams(
            @Param(doc = "base (and starting) quality, 0 to 1 (draws are clamped into it)", min = 0) Dist quality,
            @Param(doc = "outages per year (Poisson)", unit = "outages/year", min = 0, max = 365) Double outagesPerYear) {}

    /**
     * The SLIs a provider shows at a quality level; the oracle interpolates linearly between the full-quality and the
     * zero-quality levels (stability comes from the outage history instead).
     */
    public record SliLevels(
            @Param(doc = "time to first byte", unit = "ms", min = 0, max = 4_294_967_295.0) Double latencyMs,
            @Param(doc = "retention: share of sampled data still retrievable", unit = "%", min = 0, max = 100) Double retentionPct,
            @Param(doc = "bandwidth", unit = "Mbps", min = 0, max = 65_535) Double bandwidthMbps,
            @Param(doc = "availability", unit = "%", min = 0, max = 100) Double availabilityPct,
            @Param(doc = "indexing: share of pieces announced to the indexer", unit = "%", min = 0, max = 100) Double indexingPct) {}

    public static ProviderBehaviour defaults() {
        return new ProviderBehaviour(1.0, 0.0, 0.0, 0.0,
                new StrategyParams(Dist.uniform(0.92, 0.99), 1.0),
                new StrategyParams(Dist.uniform(0.70, 0.88), 4.0),
                new StrategyParams(Dist.uniform(0.85, 0.95), 6.0),
                new StrategyParams(Dist.uniform(0.40, 0.70), 4.0),
                0.01, 0.1, Dist.uniform(1, 3), 0.002, 0.5, 0.05, 0.8, 0.97,
                new SliLevels(200.0, 100.0, 1000.0, 100.0, 100.0),
                new SliLevels(5000.0, 0.0, 0.0, 0.0, 0.0),
                0.79, 0.8725, 0.955, 30, 0.1, 0);
    }
}
