package datacapsim.agents.sla;

import datacapsim.agents.Agent;
import datacapsim.agents.StepView;
import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.Policy;
import datacapsim.contracts.SLIOracle;
import datacapsim.contracts.SliAttestation;
import org.apache.commons.math3.random.RandomGenerator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The off-chain SLI oracle service (seed 001 "FIDLOracle"): every {@code cadenceDays} it measures each provider and
 * submits {@link SLIOracle#setSLI} through its ORACLE role. A measurement reads the provider's state of {@code lagDays}
 * ago: its latent quality and outage history ({@link ProviderQuality}), mapped to SLIs by {@link Levels}, plus Gaussian
 * noise (sd = noise × the SLI's range). A provider's update is missed with a set chance. During an outage of the
 * provider, availability, latency, retention, indexing and bandwidth are at their zero-quality levels. Stability is the
 * share of days without an outage in the window ending at the measured day. A cheating provider fakes retrievability:
 * with the cheat's success chance the retrievability SLIs (availability, latency, retention, indexing) are measured at
 * the faked quality (when higher than the true one); bandwidth and stability always show the truth. A measurement in
 * which the fake fails (the cheat draw at or above the success chance, the faked quality above the true one, no outage)
 * catches the provider: that measurement shows the truth, and the sanction follows, for {@code sanctionDays} days after
 * it the retrievability SLIs of its measurements are at their zero-quality levels (no fake succeeds and none is caught;
 * 0 days: no sanction beyond the caught measurement). Whether a provider fakes is {@link ProviderQuality#faking()}.
 *
 * <p>Deployed variant: the service reports stability 0 (spec). An outage of the oracle itself (a window of days)
 * submits nothing, so scores freeze at the last attestation.
 *
 * <p>Draws per provider and round, in provider order: the miss draw; if not missed, the cheat draw and six Gaussians
 * (latency, retention, bandwidth, stability, availability, indexing), always all of them.
 */
public final class OracleService implements Agent {
    /** SLI values at one quality level (interpolated linearly between full and zero quality). */
    public record Levels(double latencyMs, double retentionPct, double bandwidthMbps, double availabilityPct, double indexingPct) {}

    /** A provider the service measures. */
    public record Target(Address miner, ProviderQuality quality) {}

    private final String label;
    private final Address self;
    private final SLIOracle oracle;
    private final List<Target> targets;
    private final Levels full;
    private final Levels zero;
    private final double noise;
    private final int cadenceDays;
    private final int lagDays;
    private final double missProbability;
    private final int stabilityWindowDays;
    private final boolean stabilityZero;
    private final long outageStartDay;
    private final long outageDays;
    private final double cheatSuccess;
    private final double cheatFakedQuality;
    private final int sanctionDays;
    private final RandomGenerator rng;
    private final Map<Address, Long> submissionsByProvider = new TreeMap<>();
    private final Map<Address, Long> sanctionedUntil = new TreeMap<>();
    private long caughtMeasurements;
    private long submitted;
    private long missed;
    private long outageRounds;
    private long fakedMeasurements;
    private long refusals;
    private long lastSubmissionEpoch = -1;

    public OracleService(String label, Address self, SLIOracle oracle, List<Target> targets, Levels full, Levels zero,
                         double noise, int cadenceDays, int lagDays, double missProbability, int stabilityWindowDays,
                         boolean stabilityZero, long outageStartDay, long outageDays, double cheatSuccess,
                         double cheatFakedQuality, int sanctionDays, RandomGenerator rng) {
        if (sanctionDays < 0) throw new IllegalArgumentException("sanction of " + sanctionDays + " days");
        this.label = label;
        this.self = self;
        this.oracle = oracle;
        this.targets = List.copyOf(targets);
        this.full = full;
        this.zero = zero;
        this.noise = noise;
        this.cadenceDays = cadenceDays;
        this.lagDays = lagDays;
        this.missProbability = missProbability;
        this.stabilityWindowDays = stabilityWindowDays;
        this.stabilityZero = stabilityZero;
        this.outageStartDay = outageStartDay;
        this.outageDays = outageDays;
        this.cheatSuccess = cheatSuccess;
        this.cheatFakedQuality = cheatFakedQuality;
        this.sanctionDays = sanctionDays;
        this.rng = rng;
    }

    @Override
    public String label() { return label; }

    public Address address() { return self; }

    /** Attestations submitted. */
    public long submitted() { return submitted; }

    /** Provider updates missed (by chance). */
    public long missed() { return missed; }

    /** Measurement rounds skipped because the oracle itself was down. */
    public long outageRounds() { return outageRounds; }

    /** Measurements in which a cheating provider's fake succeeded. */
    public long fakedMeasurements() { return fakedMeasurements; }

    /** Measurements in which a fake failed (the provider was caught). */
    public long caughtMeasurements() { return caughtMeasurements; }

    /** Whether {@code miner} is under the sanction of a caught fake on {@code day}. */
    public boolean sanctioned(Address miner, long day) { return day <= sanctionedUntil.getOrDefault(miner, -1L); }

    public long refusals() { return refusals; }

    /** Epoch of the last submission, or −1. */
    public long lastSubmissionEpoch() { return lastSubmissionEpoch; }

    public Map<Address, Long> submissionsByProvider() { return java.util.Collections.unmodifiableMap(submissionsByProvider); }

    /** Whether the oracle is down on {@code day}. */
    public boolean down(long day) { return outageDays > 0 && day >= outageStartDay && day < outageStartDay + outageDays; }

    @Override
    public void act(StepView v) {
        if (!v.every(cadenceDays)) return;
        long day = v.day();
        if (down(day)) {
            outageRounds++;
            return;
        }
        long measured = Math.max(0, day - lagDays);
        long lastUpdate = Math.max(1, v.chain().genesisEpochNow() - (day - measured) * Policy.EPOCHS_IN_DAY);
        for (Target t : targets) {
            if (rng.nextDouble() < missProbability) {
                missed++;
                continue;
            }
            ProviderQuality pq = t.quality();
            double q = pq.quality(measured);
            boolean out = pq.inOutage(measured);
            boolean sanctioned = sanctioned(t.miner(), day);
            boolean cheats = pq.faking() && !sanctioned;
            double cheatDraw = rng.nextDouble();
            boolean faked = cheats && !out && cheatDraw < cheatSuccess && cheatFakedQuality > q;
            if (faked) fakedMeasurements++;
            if (cheats && !out && !faked && cheatFakedQuality > q) {
                caughtMeasurements++;
                if (sanctionDays > 0) sanctionedUntil.put(t.miner(), day + sanctionDays);
            }
            double retrievability = out || sanctioned ? 0 : faked ? cheatFakedQuality : q;
            double service = out ? 0 : q;
            int downDays = pq.outageDaysBetween(measured - stabilityWindowDays + 1, measured);
            double stability = 100.0 * (stabilityWindowDays - downDays) / stabilityWindowDays;
            double gLat = rng.nextGaussian(), gRet = rng.nextGaussian(), gBw = rng.nextGaussian();
            double gStab = rng.nextGaussian(), gAv = rng.nextGaussian(), gIdx = rng.nextGaussian();
            long latency = round(lerp(zero.latencyMs(), full.latencyMs(), retrievability)
                    + gLat * noise * Math.abs(full.latencyMs() - zero.latencyMs()), 0, 0xFFFF_FFFFL);
            int retention = (int) round(lerp(zero.retentionPct(), full.retentionPct(), retrievability)
                    + gRet * noise * Math.abs(full.retentionPct() - zero.retentionPct()), 0, 100);
            int bandwidth = (int) round(lerp(zero.bandwidthMbps(), full.bandwidthMbps(), service)
                    + gBw * noise * Math.abs(full.bandwidthMbps() - zero.bandwidthMbps()), 0, 0xFFFF);
            int stab = stabilityZero ? 0 : (int) round(stability + gStab * noise * 100, 0, 100);
            int availability = (int) round(lerp(zero.availabilityPct(), full.availabilityPct(), retrievability)
                    + gAv * noise * Math.abs(full.availabilityPct() - zero.availabilityPct()), 0, 100);
            int indexing = (int) round(lerp(zero.indexingPct(), full.indexingPct(), retrievability)
                    + gIdx * noise * Math.abs(full.indexingPct() - zero.indexingPct()), 0, 100);
            SliAttestation a = new SliAttestation(lastUpdate, latency, retention, bandwidth, stab, availability, indexing);
            try {
                oracle.setSLI(self, t.miner(), a);
                submitted++;
                lastSubmissionEpoch = v.epoch();
                submissionsByProvider.merge(t.miner(), 1L, Long::sum);
            } catch (ActorError e) {
                refusals++;
            }
        }
    }

    static double lerp(double atZero, double atFull, double q) { return atZero + (atFull - atZero) * q; }

    static long round(double x, long lo, long hi) {
        if (Double.isNaN(x)) return lo;
        return Math.max(lo, Math.min(hi, Math.round(x)));
    }
}
