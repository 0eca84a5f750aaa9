package datacapsim.sweep;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * One outcome across a point's replications: n, mean, sample standard deviation and the 95 % confidence interval of the
 * mean by Student's t (mean ± t(0.975, n−1) × sd / √n). With one replication the interval is undefined (NaN).
 */
public record PointStatistics(long n, double mean, double sd, double ciLow, double ciHigh) {
    public static final double CONFIDENCE = 0.95;

    public static PointStatistics of(double... values) {
        SummaryStatistics s = new SummaryStatistics();
        for (double v : values) s.addValue(v);
        long n = s.getN();
        if (n == 0) return new PointStatistics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double mean = s.getMean();
        if (n == 1) return new PointStatistics(1, mean, Double.NaN, Double.NaN, Double.NaN);
        double sd = s.getStandardDeviation();
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        double half = t * sd / Math.sqrt(n);
        return new PointStatistics(n, mean, sd, mean - half, mean + half);
    }
}
