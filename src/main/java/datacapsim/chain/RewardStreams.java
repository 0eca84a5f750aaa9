package datacapsim.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The FIP-0118 block-reward split: from the upgrade epoch A on, each epoch's reward is divided into the consensus
 * stream (weight w1, paid to block winners as before), the service stream (w2, paid to the Service Orchestrators)
 * and the burn stream (w0 = 1 − w1 − w2, sent to the burn actor). Weights are fixed point with DENOM = 10^18 (the
 * FIP's f02 draft, section 2.4.1); each is the FIP's clamped linear segment.
 *
 * <ul>
 *   <li>w1(e) = clamp(0.95 − s·(e − A), 0.50, 0.95) with s = 0.05 per quarter (0.45 over 9 quarters), quantized to
 *       whole fixed-point units per epoch by truncation: s = ⌊5·10^16 ÷ EPOCHS_PER_QUARTER⌋.</li>
 *   <li>w2(e), before any gate step: clamp(0.05 + s·(e − A), 0.05, W2_BASE = 0.10) (the bootstrap record whose slope
 *       is the exact negative of w1's, so nothing is burned in quarter 1). After k passed gates: the constant
 *       W2_BASE + k × W2_STEP (0.05), at most W2_CAP = 0.50, and never above 1 − w1(e).</li>
 *   <li>Gate k + 1 (k passed so far) is checked for quarters 2, 3, … in order (one gate per quarter, the FIP's
 *       QuarterlyGateCheck): it passes when the quarter's Filecoin Pay volume ≥ 3,500 × 2.7^k USD (compared exactly,
 *       volume × 10^k ≥ 3,500 × 27^k) and its step applies {@link SolsticeConfig#gateDelayEpochs} after the
 *       quarter's end. Eight gates at most.</li>
 * </ul>
 *
 * <p>Split of an interval's reward: the chain pays rewards by interval (a day or less), so an interval [from, to)
 * with reward R is split by the mean weights over its epochs: consensus = ⌊R × Σw1 ÷ (n × DENOM)⌋,
 * service = ⌊R × Σw2 ÷ (n × DENOM)⌋, burned = R − consensus − service (the exact-residual rule: the three sum to R
 * exactly). An interval never straddles the upgrade epoch (the chain splits there).
 */
public final class RewardStreams {
    public static final long DENOM = 1_000_000_000_000_000_000L;
    public static final long W1_START = DENOM / 100 * 95;
    public static final long W1_FLOOR = DENOM / 100 * 50;
    public static final long W2_START = DENOM / 100 * 5;
    public static final long W2_BASE = DENOM / 100 * 10;
    public static final long W2_STEP = DENOM / 100 * 5;
    public static final long W2_CAP = DENOM / 100 * 50;
    public static final int GATES = (int) ((W2_CAP - W2_BASE) / W2_STEP); // 8
    public static final long VOL_TARGET_ENTRY_USD = 3_500;

    /** An interval's reward by stream, attoFIL: consensus + service + burned = the interval's reward. */
    public record Split(BigInteger consensus, BigInteger service, BigInteger burned) {
        public BigInteger total() { return consensus.add(service).add(burned); }
    }

    private final SolsticeConfig config;
    private final long slope;
    /** The epochs at which the passed gates' steps apply, ascending. */
    private final List<Long> stepEpochs;

    public RewardStreams(SolsticeConfig config) {
        this.config = config;
        this.slope = (W1_START - W1_FLOOR) / 9 / config.epochsPerQuarter();
        List<Long> steps = new ArrayList<>();
        List<Long> vol = config.filecoinPayUsdPerQuarter();
        for (int q = 2; q <= vol.size() && steps.size() < GATES; q++) {
            if (gatePasses(vol.get(q - 1), steps.size()))
                steps.add(config.upgradeEpoch() + q * config.epochsPerQuarter() + config.gateDelayEpochs());
        }
        this.stepEpochs = List.copyOf(steps);
    }

    /** The FIP's ComputeTarget after {@code passed} gates: 3,500 × 2.7^passed USD, compared as an exact fraction. */
    public static boolean gatePasses(long volumeUsd, int passed) {
        BigInteger lhs = BigInteger.valueOf(volumeUsd).multiply(BigInteger.TEN.pow(passed));
        BigInteger rhs = BigInteger.valueOf(VOL_TARGET_ENTRY_USD).multiply(BigInteger.valueOf(27).pow(passed));
        return lhs.compareTo(rhs) >= 0;
    }

    /** The epochs at which passed gates raise w2, ascending (at most eight). */
    public List<Long> stepEpochs() { return stepEpochs; }

    /** The per-epoch slope of w1 (and of the bootstrap w2), fixed-point units. */
    public long slope() { return slope; }

    /** Gate steps in force at {@code epoch}. */
    public int stepsAt(long epoch) {
        int k = 0;
        for (long e : stepEpochs) if (e <= epoch) k++;
        return k;
    }

    /** The consensus weight at an epoch, in units of 1/DENOM (DENOM before the upgrade). */
    public long w1(long epoch) {
        long a = config.upgradeEpoch();
        if (a < 0 || epoch < a) return DENOM;
        long t = epoch - a;
        if (t >= (W1_START - W1_FLOOR) / Math.max(1, slope) + 1) return W1_FLOOR;
        return Math.max(W1_FLOOR, W1_START - slope * t);
    }

    /** The service weight at an epoch, in units of 1/DENOM (0 before the upgrade). */
    public long w2(long epoch) {
        long a = config.upgradeEpoch();
        if (a < 0 || epoch < a) return 0;
        int k = stepsAt(epoch);
        long w;
        if (k == 0) {
            long t = epoch - a;
            w = t >= (W2_BASE - W2_START) / Math.max(1, slope) + 1 ? W2_BASE : Math.min(W2_BASE, W2_START + slope * t);
        } else {
            w = Math.min(W2_CAP, W2_BASE + k * W2_STEP);
        }
        return Math.min(w, DENOM - w1(epoch));
    }

    /** The burned weight w0 = 1 − w1 − w2 at an epoch. */
    public long w0(long epoch) { return DENOM - w1(epoch) - w2(epoch); }

    /** Splits the reward {@code total} of the epochs [from, to), wholly before or wholly after the upgrade. */
    public Split split(BigInteger total, long from, long to) {
        long a = config.upgradeEpoch();
        if (a < 0 || to <= a || to <= from) return new Split(total, BigInteger.ZERO, BigInteger.ZERO);
        if (from < a)
            throw new IllegalArgumentException("interval [" + from + ", " + to + ") straddles the upgrade at " + a);
        BigInteger s1 = BigInteger.ZERO;
        BigInteger s2 = BigInteger.ZERO;
        long acc1 = 0;
        long acc2 = 0;
        int n = 0;
        for (long e = from; e < to; e++) {
            acc1 += w1(e);
            acc2 += w2(e);
            if (++n == 8) { // 8 weights of at most 10^18 fit a long
                s1 = s1.add(BigInteger.valueOf(acc1));
                s2 = s2.add(BigInteger.valueOf(acc2));
                acc1 = 0;
                acc2 = 0;
                n = 0;
            }
        }
        s1 = s1.add(BigInteger.valueOf(acc1));
        s2 = s2.add(BigInteger.valueOf(acc2));
        BigInteger denom = BigInteger.valueOf(to - from).multiply(BigInteger.valueOf(DENOM));
        BigInteger consensus = total.multiply(s1).divide(denom);
        BigInteger service = total.multiply(s2).divide(denom);
        return new Split(consensus, service, total.subtract(consensus).subtract(service));
    }
}
