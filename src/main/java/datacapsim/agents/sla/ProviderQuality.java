package datacapsim.agents.sla;

import org.apache.commons.math3.random.RandomGenerator;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.RealDistribution;

/**
 * A provider's latent service quality, a number in [0, 1], day by day. Each day it moves towards the strategy's base
 * level — q(d) = q(d−1) + reversion × (base(d) − q(d−1)) + driftSd × N(0, 1), clamped to [0, 1] — where the base is
 * constant, except for failing providers whose base declines linearly. Outages start with a daily chance of
 * outagesPerYear / 365 and last a drawn number of days (at least one); during an outage the provider serves nothing.
 *
 * <p>The history is generated lazily, in day order, from the provider's own random stream, so the value of a day does
 * not depend on who asks first or when (the oracle asks about a lagged day, the provider about today).
 */
public final class ProviderQuality {
    /** The provider strategies of the spec. */
    public enum Strategy {
        DILIGENT("diligent"), COST_CUTTING("cost-cutting"), FAILING("failing"), CHEATING("cheating");

        private final String label;

        Strategy(String label) { this.label = label; }

        public String label() { return label; }
    }

    private final Strategy strategy;
    private final double start;
    private final double driftSd;
    private final double reversion;
    private final double declinePerDay;
    private final double outageChancePerDay;
    private final RealDistribution outageDays;
    private final RandomGenerator rng;
    private double[] quality = new double[64];
    private boolean[] outage = new boolean[64];
    private int[] outagePrefix = new int[65];
    private int days;
    private int outageLeft;
    private final TreeMap<Long, Double> baseFrom = new TreeMap<>();
    private boolean faking;

    /**
     * @param start           the base and starting quality (clamped to [0, 1])
     * @param outageDays      length of an outage in days, drawing from {@code rng}
     * @param rng             this provider's own stream (drawn in day order: one Gaussian, one uniform, and one
     *                        outage length when an outage starts)
     */
    public ProviderQuality(Strategy strategy, double start, double driftSd, double reversion, double declinePerDay,
                           double outagesPerYear, RealDistribution outageDays, RandomGenerator rng) {
        this.strategy = strategy;
        this.start = clamp(start);
        this.driftSd = driftSd;
        this.reversion = reversion;
        this.declinePerDay = strategy == Strategy.FAILING ? declinePerDay : 0;
        this.outageChancePerDay = Math.min(1, outagesPerYear / 365.0);
        this.outageDays = outageDays;
        this.rng = rng;
        this.faking = strategy == Strategy.CHEATING;
    }

    public Strategy strategy() { return strategy; }

    /**
     * Whether the provider fakes retrievability towards the oracle now: from the start, exactly the cheating strategy;
     * in behaviour mode economic a provider able to cheat changes it by its choice ({@link CheatingChoice}).
     */
    public boolean faking() { return faking; }

    /** Sets whether the provider fakes retrievability from the oracle's next measurement on. */
    public void setFaking(boolean faking) { this.faking = faking; }

    /** The base quality at day 0. */
    public double startQuality() { return start; }

    /** The level quality reverts to on {@code day}: the start, or the last base set for a day up to it. */
    public double base(long day) {
        Map.Entry<Long, Double> set = baseFrom.floorEntry(day);
        return Math.max(0, (set == null ? start : set.getValue()) - declinePerDay * day);
    }

    /**
     * From {@code fromDay} on, quality reverts to {@code base} (clamped to [0, 1]; a service level's base) instead of
     * the start; drift and outages are unchanged. The history up to the day before is generated first, so it keeps the
     * base it had (the result does not depend on who asked about which day before); {@code fromDay} itself must not
     * be generated yet (set it from tomorrow on).
     */
    public void setBase(long fromDay, double base) {
        if (fromDay < 1) throw new IllegalArgumentException("a base is set from day 1 on, not " + fromDay);
        advanceTo(fromDay - 1);
        if (days > fromDay) throw new IllegalStateException("day " + fromDay + " is already generated");
        baseFrom.tailMap(fromDay, true).clear();
        baseFrom.put(fromDay, clamp(base));
    }

    /** Latent quality on {@code day} (the starting quality for a day before 0). */
    public double quality(long day) {
        if (day < 0) return start;
        advanceTo(day);
        return quality[(int) day];
    }

    /** Whether the provider is down on {@code day}. */
    public boolean inOutage(long day) {
        if (day < 0) return false;
        advanceTo(day);
        return outage[(int) day];
    }

    /** Days in outage among {@code from}..{@code to} (inclusive; days before 0 count as up). */
    public int outageDaysBetween(long from, long to) {
        if (to < 0 || to < from) return 0;
        advanceTo(to);
        int lo = (int) Math.max(0, from);
        return outagePrefix[(int) to + 1] - outagePrefix[lo];
    }

    /** Days generated so far. */
    public int daysKnown() { return days; }

    private void advanceTo(long day) {
        if (day > Integer.MAX_VALUE - 2) throw new IllegalArgumentException("day " + day);
        while (days <= day) {
            if (days == quality.length) {
                quality = Arrays.copyOf(quality, days * 2);
                outage = Arrays.copyOf(outage, days * 2);
                outagePrefix = Arrays.copyOf(outagePrefix, days * 2 + 1);
            }
            double prev = days == 0 ? start : quality[days - 1];
            double shock = rng.nextGaussian();
            double next = days == 0 ? start : clamp(prev + reversion * (base(days) - prev) + driftSd * shock);
            boolean down;
            double u = rng.nextDouble();
            if (outageLeft > 0) {
                down = true;
                outageLeft--;
            } else if (u < outageChancePerDay) {
                long len = Math.max(1, Math.round(outageDays.sample()));
                down = true;
                outageLeft = (int) Math.min(Integer.MAX_VALUE, len - 1);
            } else {
                down = false;
            }
            quality[days] = next;
            outage[days] = down;
            outagePrefix[days + 1] = outagePrefix[days] + (down ? 1 : 0);
            days++;
        }
    }

    static double clamp(double q) { return Double.isNaN(q) ? 0 : Math.max(0, Math.min(1, q)); }
}
