package datacapsim.agents.sla;

import datacapsim.economy.CostKind;
import datacapsim.economy.Logit;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * SLA providers' choice to cheat, faking retrievability towards the oracle (economics.md §3, cheating; behaviour mode
 * economic), shared by the providers able to cheat (the scenario's cheating strategy). Two options, valued in USD per
 * raw TiB-year like the service levels ({@link ServiceChoice}):
 * <ul>
 *   <li>{@code honest}: the value of the provider's service level as {@link ServiceChoice#values} gives it (the
 *       caller passes it).
 *   <li>{@code cheat}: the gain minus the expected penalty. The gain is the expected block reward × the Beneficiary's
 *       share at the score of a faked measurement (retrievability SLIs at the faked quality, bandwidth at the minimal
 *       level's base quality) − the minimal level's service costs (no extra copy, bandwidth
 *       {@link CostKind#NO_RETRIEVAL_BANDWIDTH}): a cheat pays for no retrieval service. The
 *       expected penalty is the detection rate × the sanction: a measurement catches the fake with chance 1 − the
 *       cheat's success chance; a caught measurement pays at the true score (minimal base quality) instead of the faked
 *       one, and each of the {@code sanctionRounds} measurement rounds of the sanction that follows
 *       ({@link OracleService}) pays at the zero-quality score. Over a cheat's measurements this makes the shares of
 *       rounds faked s / (1 + k(1 − s)), caught (1 − s) / (1 + k(1 − s)) and sanctioned k(1 − s) / (1 + k(1 − s)),
 *       s the success chance and k the sanction's rounds; the penalty is the reward × (caught share × (faked − true
 *       payout share) + sanctioned share × (faked − zero payout share)). When the faked quality is no better than the
 *       true one nothing is faked and nothing caught.
 * </ul>
 * The score and payout share approximations are {@link ServiceChoice}'s (noise-free, no outages but the expected
 * stability, one client's SLA); the clients a caught provider may lose by its measured SLIs are left out.
 *
 * <p>Revisions every {@code revisionDays}: each able provider revises with the logit's revision share (one draw from
 * the stream, a second when it revises: {@link Logit#revise}).
 */
public final class CheatingChoice {
    /** The options in the order the logit sees them. */
    public static final List<String> OPTIONS = List.of("honest", "cheat");
    /** Index of {@code honest} in {@link #OPTIONS}. */
    public static final int HONEST = 0;
    /** Index of {@code cheat} in {@link #OPTIONS}. */
    public static final int CHEAT = 1;

    private final Logit logit;
    private final int revisionDays;
    private final ServiceChoice service;
    private final double successProbability;
    private final double fakedQuality;
    private final int cadenceDays;
    private final int sanctionRounds;
    private final RandomGenerator rng;

    /**
     * @param service            the service-level choice whose scores and payout bands value the options
     * @param successProbability the chance a measurement sees the fake (1 − detection per measurement)
     * @param fakedQuality       the quality a successful fake shows
     * @param cadenceDays        days between the oracle's measurement rounds
     * @param sanctionDays       days after a caught measurement during which the oracle measures retrievability at zero
     * @param rng                the cheating stream
     */
    public CheatingChoice(Logit logit, int revisionDays, ServiceChoice service, double successProbability,
                          double fakedQuality, int cadenceDays, int sanctionDays, RandomGenerator rng) {
        if (revisionDays < 1) throw new IllegalArgumentException("revision every " + revisionDays + " days");
        if (cadenceDays < 1) throw new IllegalArgumentException("measurements every " + cadenceDays + " days");
        if (!(successProbability >= 0 && successProbability <= 1))
            throw new IllegalArgumentException("success probability " + successProbability);
        if (sanctionDays < 0) throw new IllegalArgumentException("sanction of " + sanctionDays + " days");
        this.logit = logit;
        this.revisionDays = revisionDays;
        this.service = service;
        this.successProbability = successProbability;
        this.fakedQuality = fakedQuality;
        this.cadenceDays = cadenceDays;
        this.sanctionRounds = sanctionDays / cadenceDays;
        this.rng = rng;
    }

    public int revisionDays() { return revisionDays; }

    /** Measurement rounds a sanction lasts (rounds within its days after the caught one). */
    public int sanctionRounds() { return sanctionRounds; }

    /** The chance that a year of cheating (outside sanctions) is caught at least once: 1 − s^(365 / cadence). */
    public double detectionPerYear() { return 1 - Math.pow(successProbability, 365.0 / cadenceDays); }

    /** Shares of a cheat's measurement rounds: faked, caught (true score), sanctioned (zero-quality score). */
    public double[] roundShares() {
        double s = successProbability;
        double cycle = 1 + sanctionRounds * (1 - s);
        return new double[] {s / cycle, (1 - s) / cycle, sanctionRounds * (1 - s) / cycle};
    }

    /** The cheat's gain and expected penalty, USD per raw TiB-year; its value is their difference. */
    public record Cheat(double gainUsd, double penaltyUsd) {
        public double valueUsd() { return gainUsd - penaltyUsd; }
    }

    /**
     * The cheat option for a provider that expects {@code rewardUsdPerRawTibYear}, stability {@code stabilityPct} and
     * pays bandwidth at the minimal level (its extra copy none).
     */
    public Cheat cheat(double rewardUsdPerRawTibYear, double stabilityPct) {
        double q = service.baseQuality(ServiceLevel.MINIMAL);
        double cost = CostKind.NO_RETRIEVAL_BANDWIDTH; // the minimal level's service costs
        double trueShare = service.shareAt(service.score(q, q, stabilityPct));
        if (!(fakedQuality > q)) return new Cheat(rewardUsdPerRawTibYear * trueShare - cost, 0);
        double fakedShare = service.shareAt(service.score(fakedQuality, q, stabilityPct));
        double zeroShare = service.shareAt(service.score(0, q, stabilityPct));
        double[] r = roundShares();
        double penalty = rewardUsdPerRawTibYear * (r[1] * (fakedShare - trueShare) + r[2] * (fakedShare - zeroShare));
        return new Cheat(rewardUsdPerRawTibYear * fakedShare - cost, penalty);
    }

    /** One provider's revision from {@code cheating} with the values it sees (one or two draws from the stream). */
    public Logit.Choice revise(double honestUsd, double cheatUsd, boolean cheating) {
        return logit.revise(OPTIONS, new double[] {honestUsd, cheatUsd}, cheating ? CHEAT : HONEST, rng);
    }
}
