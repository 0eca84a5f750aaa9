package datacapsim.scenario;

import org.apache.commons.math3.distribution.ConstantRealDistribution;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.ParetoDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A named probability distribution for a behaviour parameter (commons-math). Fields used per type:
 * constant(value); uniform(min, max); normal(mean, sd); lognormal(median, sigma); exponential(mean);
 * pareto(scale, shape).
 */
public record Dist(
        @Param(doc = "distribution family") Type type,
        @Param(doc = "the constant's value") Double value,
        @Param(doc = "uniform lower bound") Double min,
        @Param(doc = "uniform upper bound") Double max,
        @Param(doc = "normal or exponential mean") Double mean,
        @Param(doc = "normal standard deviation", min = 0) Double sd,
        @Param(doc = "lognormal median", min = 0) Double median,
        @Param(doc = "lognormal shape (sigma of the log)", min = 0) Double sigma,
        @Param(doc = "pareto scale (minimum)", min = 0) Double scale,
        @Param(doc = "pareto shape (tail index)", min = 0) Double shape) {

    /** The distribution families. */
    public enum Type implements Word {
        CONSTANT, UNIFORM, NORMAL, LOGNORMAL, EXPONENTIAL, PARETO;

        @Override public String toString() { return word(); }
    }

    public static Dist constant(double v) { return new Dist(Type.CONSTANT, v, null, null, null, null, null, null, null, null); }

    public static Dist uniform(double lo, double hi) { return new Dist(Type.UNIFORM, null, lo, hi, null, null, null, null, null, null); }

    public static Dist lognormal(double median, double sigma) {
        return new Dist(Type.LOGNORMAL, null, null, null, null, null, median, sigma, null, null);
    }

    /** Checks that the fields the type needs are present and consistent; returns a problem or null. */
    public String problem() {
        if (type == null) return "a distribution needs a 'type'";
        return switch (type) {
            case CONSTANT -> value == null ? "constant needs 'value'" : null;
            case UNIFORM -> min == null || max == null ? "uniform needs 'min' and 'max'"
                    : min > max ? "uniform needs min <= max, got min " + min + " > max " + max : null;
            case NORMAL -> mean == null || sd == null ? "normal needs 'mean' and 'sd'" : sd <= 0 ? "normal needs sd > 0" : null;
            case LOGNORMAL -> median == null || sigma == null ? "lognormal needs 'median' and 'sigma'"
                    : median <= 0 || sigma <= 0 ? "lognormal needs median > 0 and sigma > 0" : null;
            case EXPONENTIAL -> mean == null ? "exponential needs 'mean'" : mean <= 0 ? "exponential needs mean > 0" : null;
            case PARETO -> scale == null || shape == null ? "pareto needs 'scale' and 'shape'"
                    : scale <= 0 || shape <= 0 ? "pareto needs scale > 0 and shape > 0" : null;
        };
    }

    /** The commons-math distribution drawing from {@code rng}. */
    public RealDistribution realize(RandomGenerator rng) {
        String p = problem();
        if (p != null) throw new IllegalStateException(p);
        return switch (type) {
            case CONSTANT -> new ConstantRealDistribution(value);
            case UNIFORM -> min.equals(max) ? new ConstantRealDistribution(min) : new UniformRealDistribution(rng, min, max);
            case NORMAL -> new NormalDistribution(rng, mean, sd);
            case LOGNORMAL -> new LogNormalDistribution(rng, Math.log(median), sigma);
            case EXPONENTIAL -> new ExponentialDistribution(rng, mean);
            case PARETO -> new ParetoDistribution(rng, scale, shape);
        };
    }

    /** Smallest value the distribution can draw (for range checks). */
    public double lowerBound() {
        return switch (type) {
            case CONSTANT -> value;
            case UNIFORM -> min;
            case NORMAL -> Double.NEGATIVE_INFINITY;
            case PARETO -> scale;
            case LOGNORMAL, EXPONENTIAL -> 0;
        };
    }
}
