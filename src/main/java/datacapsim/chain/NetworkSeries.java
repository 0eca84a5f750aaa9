package datacapsim.chain;

import java.math.BigInteger;
import java.util.List;

/**
 * Day series for the network outside the simulated providers (actors.md, realistic defaults: the mid-2026 decline
 * of QA power "as a day series, never held linearly past zero"): raw power and QA power in bytes and the circulating
 * supply in attoFIL, each a list of points (day, value) from day 0 in increasing day order, linear between points
 * and constant after the last. An empty list leaves the quantity to its start value and daily change. Values are
 * never negative, so a series never passes zero.
 */
public record NetworkSeries(List<Point> rawPower, List<Point> qaPower, List<Point> circulatingSupply) {
    /** A value from a day on. */
    public record Point(long day, BigInteger value) {
        public Point {
            if (day < 0) throw new IllegalArgumentException("day " + day);
            if (value.signum() < 0) throw new IllegalArgumentException("negative value " + value + " on day " + day);
        }
    }

    /** No series: every quantity follows its start value and daily change. */
    public static final NetworkSeries NONE = new NetworkSeries(List.of(), List.of(), List.of());

    public NetworkSeries {
        rawPower = checked(rawPower);
        qaPower = checked(qaPower);
        circulatingSupply = checked(circulatingSupply);
    }

    private static List<Point> checked(List<Point> points) {
        if (points == null || points.isEmpty()) return List.of();
        if (points.get(0).day() != 0) throw new IllegalArgumentException("a series starts at day 0");
        for (int i = 1; i < points.size(); i++)
            if (points.get(i).day() <= points.get(i - 1).day())
                throw new IllegalArgumentException("days must increase: " + points);
        return List.copyOf(points);
    }

    /**
     * The series' value at {@code epoch}: linear between the points around it (the change since the earlier point
     * rounded toward zero, to the byte or attoFIL), the last point's value after it.
     */
    public static BigInteger at(List<Point> points, long epoch) {
        long e = Math.max(0, epoch);
        Point before = points.get(0);
        for (int i = 1; i < points.size(); i++) {
            Point after = points.get(i);
            long from = before.day() * Policy.EPOCHS_IN_DAY;
            long to = after.day() * Policy.EPOCHS_IN_DAY;
            if (e < to) {
                BigInteger step = after.value().subtract(before.value());
                return before.value().add(step.multiply(BigInteger.valueOf(e - from))
                        .divide(BigInteger.valueOf(to - from)));
            }
            before = after;
        }
        return before.value();
    }
}
