package datacapsim.chain;

import static datacapsim.chain.Policy.*;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The reward actor: simple minting (330 M FIL, λ = ln 2 / (6 × 1,051,200 epochs)) plus baseline minting (770 M FIL
 * against the effective network time θ, which advances as the network's raw power, capped by the baseline
 * function, accumulates; the baseline starts at 2.5057 EiB and doubles every 1,051,200 epochs), or a given series.
 *
 * <p>The minting functions are evaluated with {@link StrictMath} (bit-reproducible on every JVM) and floored to
 * attoFIL; an interval's emission is the difference of the floored cumulative totals, so intervals telescope and no
 * attoFIL is lost or made between steps.
 */
public final class RewardActor {
    static final double LAMBDA = StrictMath.log(2) / (6.0 * REWARD_EPOCHS_IN_YEAR);
    static final double BASELINE_GROWTH = StrictMath.log(2) / REWARD_EPOCHS_IN_YEAR;

    private final Chain chain;
    /** Cumulative realized baseline (bytes × epochs), as a double: the reward actor's CumsumRealized. */
    private double cumsumRealized;
    private double effectiveNetworkTime;
    private BigInteger emittedToNetwork = BigInteger.ZERO;

    RewardActor(Chain chain) {
        this.chain = chain;
        this.cumsumRealized = cumulativeBaseline(chain.config().reward().effectiveNetworkTimeAtStart());
        // θ is always derived from the cumulative sum, so an interval that realizes nothing mints no baseline reward
        // (the round trip θ → cumsum → θ is not exact in floating point)
        this.effectiveNetworkTime = thetaFor(cumsumRealized);
    }

    /** Baseline power at an epoch since genesis, bytes. */
    public static double baselinePower(double epochSinceGenesis) {
        return BASELINE_INITIAL_VALUE * StrictMath.exp(BASELINE_GROWTH * epochSinceGenesis);
    }

    public BigInteger baselinePowerNow() {
        return new BigDecimal(baselinePower(chain.genesisEpochNow())).setScale(0, RoundingMode.FLOOR).toBigInteger();
    }

    /** ∫₀^θ baseline(t) dt. */
    static double cumulativeBaseline(double theta) {
        return BASELINE_INITIAL_VALUE / BASELINE_GROWTH * StrictMath.expm1(BASELINE_GROWTH * theta);
    }

    static double thetaFor(double cumsum) {
        return StrictMath.log1p(cumsum * BASELINE_GROWTH / BASELINE_INITIAL_VALUE) / BASELINE_GROWTH;
    }

    /** Total simple minting up to an epoch since genesis, attoFIL, floored. */
    public static BigInteger simpleMinted(double t) {
        return floorAtto(SIMPLE_TOTAL_FIL * -StrictMath.expm1(-LAMBDA * t));
    }

    /** Total baseline minting at effective network time θ, attoFIL, floored. */
    public static BigInteger baselineMinted(double theta) {
        return floorAtto(BASELINE_TOTAL_FIL * -StrictMath.expm1(-LAMBDA * theta));
    }

    private static BigInteger floorAtto(double fil) {
        return new BigDecimal(fil).movePointRight(18).setScale(0, RoundingMode.FLOOR).toBigInteger();
    }

    public double effectiveNetworkTime() { return effectiveNetworkTime; }

    /** Total minted to the whole network (simulated and exogenous miners) since the simulation began. */
    public BigInteger emittedToNetwork() { return emittedToNetwork; }

    /** The network's reward for the epochs [from, to) of the simulation, advancing θ. */
    BigInteger emitInterval(long from, long to) {
        if (to <= from) return BigInteger.ZERO;
        ChainConfig.RewardConfig rc = chain.config().reward();
        BigInteger total;
        if (rc.mode() == ChainConfig.RewardConfig.Mode.SERIES) {
            total = BigInteger.ZERO;
            for (long e = from; e < to; ) {
                long day = e / EPOCHS_IN_DAY;
                long end = Math.min(to, (day + 1) * EPOCHS_IN_DAY);
                total = total.add(seriesRate(day).multiply(BigInteger.valueOf(end - e)));
                e = end;
            }
        } else {
            double g0 = chain.config().genesisEpoch() + from;
            double g1 = chain.config().genesisEpoch() + to;
            BigInteger simple = simpleMinted(g1).subtract(simpleMinted(g0));
            double raw = chain.power().networkRaw().doubleValue();
            // realized power is capped by the baseline; integrate min(raw, baseline) over the interval
            double realized = integrateCapped(raw, g0, g1);
            double theta0 = effectiveNetworkTime;
            cumsumRealized += realized;
            effectiveNetworkTime = thetaFor(cumsumRealized);
            BigInteger baseline = baselineMinted(effectiveNetworkTime).subtract(baselineMinted(theta0));
            total = simple.add(baseline.max(BigInteger.ZERO));
        }
        emittedToNetwork = emittedToNetwork.add(total);
        cachedEpoch = -1;
        return total;
    }

    private static double integrateCapped(double raw, double g0, double g1) {
        // baseline(t) is increasing: it crosses raw at most once
        double cross = raw <= BASELINE_INITIAL_VALUE ? Double.NEGATIVE_INFINITY
                : StrictMath.log(raw / BASELINE_INITIAL_VALUE) / BASELINE_GROWTH;
        if (cross <= g0) return raw * (g1 - g0);
        if (cross >= g1) return cumulativeBaseline(g1) - cumulativeBaseline(g0);
        return cumulativeBaseline(cross) - cumulativeBaseline(g0) + raw * (g1 - cross);
    }

    private long cachedEpoch = -1;
    private BigInteger cachedReward;

    /**
     * The reward of one epoch (for pledge and fee projections), attoFIL. Like the actor's ThisEpochReward it is
     * computed once per epoch, from the state at the epoch's start, and reused by every call in that epoch.
     */
    public BigInteger thisEpochReward() {
        long now = chain.epoch();
        if (now != cachedEpoch) {
            cachedReward = computeEpochReward(now);
            cachedEpoch = now;
        }
        return cachedReward;
    }

    private BigInteger computeEpochReward(long now) {
        ChainConfig.RewardConfig rc = chain.config().reward();
        if (rc.mode() == ChainConfig.RewardConfig.Mode.SERIES) return seriesRate(now / EPOCHS_IN_DAY);
        double g = chain.genesisEpochNow();
        BigInteger simple = simpleMinted(g + 1).subtract(simpleMinted(g));
        double raw = chain.power().networkRaw().doubleValue();
        double theta1 = thetaFor(cumsumRealized + StrictMath.min(raw, baselinePower(g)));
        BigInteger baseline = baselineMinted(theta1).subtract(baselineMinted(effectiveNetworkTime)).max(BigInteger.ZERO);
        return simple.add(baseline);
    }

    private BigInteger seriesRate(long day) {
        BigInteger rate = BigInteger.ZERO;
        for (ChainConfig.SeriesPoint p : chain.config().reward().series()) {
            if (p.day() <= day) rate = p.attoFilPerEpoch();
            else break;
        }
        return rate;
    }
}
