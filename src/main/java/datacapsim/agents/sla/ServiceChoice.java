package datacapsim.agents.sla;

import datacapsim.contracts.BeneficiaryPayoutRules;
import datacapsim.contracts.SlaParams;
import datacapsim.contracts.SliAttestation;
import datacapsim.economy.CostKind;
import datacapsim.economy.Logit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * SLA providers' choice of a service level (economics.md §3, service level; behaviour mode economic), shared by every
 * choosing provider. The value of a level, USD per raw TiB-year, is the provider's expected block reward per raw
 * TiB-year at the day's FIL price times the share of rewards its Beneficiary pays it at the score the level's base
 * quality yields, minus the level's service costs (the extra copy where it pays it; full bandwidth or
 * {@link CostKind#NO_RETRIEVAL_BANDWIDTH}). The costs every level pays alike (power, disks, staff, gas, bizdev,
 * financing) leave the choice unchanged and are left out.
 *
 * <p>The score of a quality is the score the SLARegistry would compute from a noise-free measurement at that quality:
 * the oracle's SLIs interpolated between the zero-quality and full-quality levels, stability at the provider's
 * expected share of outage-free days, then 100 × met / defined of the clients' SLA (an approximation: it leaves out the
 * daily drift, the oracle's noise and outages on the other SLIs, and the data-weighting across clients).
 *
 * <p>Revisions every {@code revisionDays}: each choosing provider revises with probability {@code logit}'s revision
 * share (one draw from the stream, a second when it revises: {@link Logit#revise}).
 */
public final class ServiceChoice {
    /** The levels in the order the logit sees them. */
    public static final List<ServiceLevel> LEVELS = List.of(ServiceLevel.values());
    private static final List<String> OPTIONS = LEVELS.stream().map(ServiceLevel::label).toList();

    private final Logit logit;
    private final int revisionDays;
    private final RandomGenerator rng;
    private final Map<ServiceLevel, Double> baseQuality;
    private final SlaParams sla;
    private final OracleService.Levels full;
    private final OracleService.Levels zero;
    private final BeneficiaryPayoutRules rules;

    /**
     * @param baseQuality the base quality of each level
     * @param sla         the SLA clients register (its thresholds score the measurement)
     * @param full        the SLIs at full quality; {@code zero} at zero quality (as the oracle service maps them)
     * @param rules       the Beneficiary's payout bands
     * @param rng         the service-level stream
     */
    public ServiceChoice(Logit logit, int revisionDays, Map<ServiceLevel, Double> baseQuality, SlaParams sla,
                         OracleService.Levels full, OracleService.Levels zero, BeneficiaryPayoutRules rules,
                         RandomGenerator rng) {
        if (revisionDays < 1) throw new IllegalArgumentException("revision every " + revisionDays + " days");
        for (ServiceLevel l : LEVELS)
            if (!baseQuality.containsKey(l)) throw new IllegalArgumentException("no base quality for " + l);
        this.logit = logit;
        this.revisionDays = revisionDays;
        this.baseQuality = new EnumMap<>(baseQuality);
        this.sla = sla;
        this.full = full;
        this.zero = zero;
        this.rules = rules;
        this.rng = rng;
    }

    public int revisionDays() { return revisionDays; }

    /** The same choice drawing its revisions from {@code other} (a provider whose draws keep off this stream). */
    public ServiceChoice drawingFrom(RandomGenerator other) {
        return new ServiceChoice(logit, revisionDays, baseQuality, sla, full, zero, rules, other);
    }

    /** The base quality of {@code level}. */
    public double baseQuality(ServiceLevel level) { return baseQuality.get(level); }

    /** The SLA score (0 to 100) a noise-free measurement at {@code quality} and {@code stabilityPct} gets. */
    public long score(double quality, double stabilityPct) { return score(quality, quality, stabilityPct); }

    /**
     * The SLA score of a noise-free measurement whose retrievability SLIs (latency, retention, availability, indexing)
     * show {@code retrievability} and whose bandwidth shows {@code service} (as the oracle measures a cheat: the fake
     * reaches only the retrievability SLIs).
     */
    public long score(double retrievability, double service, double stabilityPct) {
        int defined = sla.defined();
        if (defined == 0) return 0;
        double q = ProviderQuality.clamp(retrievability);
        SliAttestation m = new SliAttestation(1, sli(zero.latencyMs(), full.latencyMs(), q, 0xFFFF_FFFFL),
                (int) sli(zero.retentionPct(), full.retentionPct(), q, 100),
                (int) sli(zero.bandwidthMbps(), full.bandwidthMbps(), ProviderQuality.clamp(service), 0xFFFF),
                (int) OracleService.round(stabilityPct, 0, 100),
                (int) sli(zero.availabilityPct(), full.availabilityPct(), q, 100),
                (int) sli(zero.indexingPct(), full.indexingPct(), q, 100));
        return 100L * sla.met(m) / defined;
    }

    /** The share (0 to 1) of rewards the Beneficiary pays at {@code score}. */
    public double shareAt(long score) { return rules.shareBps(score) / (double) BeneficiaryPayoutRules.BPS; }

    /** An SLI at quality {@code q} as the oracle service maps it, without noise, rounded into 0..{@code max}. */
    private static long sli(double atZero, double atFull, double q, long max) {
        return OracleService.round(OracleService.lerp(atZero, atFull, q), 0, max);
    }

    /** The share (0 to 1) of rewards the Beneficiary pays the provider at the score of {@code level}. */
    public double retainedShare(ServiceLevel level, double stabilityPct) {
        return shareAt(score(baseQuality(level), stabilityPct));
    }

    /** A level's service costs, USD per raw TiB-year, for a provider whose drawn levels are these. */
    public static double cost(ServiceLevel level, double extraCopyUsd, double bandwidthUsd) {
        return (level.extraCopy() ? extraCopyUsd : 0)
                + (level.fullBandwidth() ? bandwidthUsd : CostKind.NO_RETRIEVAL_BANDWIDTH);
    }

    /**
     * The value of each level (in {@link #LEVELS} order), USD per raw TiB-year: {@code rewardUsdPerRawTibYear} × the
     * retained share at the level's score − its service costs ({@code extraCopyUsd}, {@code bandwidthUsd}: the
     * provider's drawn levels).
     */
    public double[] values(double rewardUsdPerRawTibYear, double stabilityPct, double extraCopyUsd,
                           double bandwidthUsd) {
        double[] v = new double[LEVELS.size()];
        for (int i = 0; i < v.length; i++) {
            ServiceLevel l = LEVELS.get(i);
            v[i] = rewardUsdPerRawTibYear * retainedShare(l, stabilityPct) - cost(l, extraCopyUsd, bandwidthUsd);
        }
        return v;
    }

    /** One provider's revision from {@code current} with the values it sees (one or two draws from the stream). */
    public Logit.Choice revise(double[] values, ServiceLevel current) {
        return logit.revise(OPTIONS, values, current.ordinal(), rng);
    }
}
