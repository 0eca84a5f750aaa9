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
        @Param(doc = "distribution family", oneOf = {"constant", "uniform", "normal", "lognormal", "exponential", "pareto"}) String type,
        @Param(doc = "the constant's value") Double value,
        @Param(doc = "uniform lower bound") Double min,
        @Param(doc = "uniform upper bound") Double max,
        @Param(doc = "normal or exponential mean") Double mean,
        @Param(doc = "normal standard deviation", min = 0) Double sd,
        @Param(doc = "lognormal median", min = 0) Double median,
        @Param(doc = "lognormal shape (sigma of the log)", min = 0) Double sigma,
        @Param(doc = "pareto scale (minimum)", min = 0) Double scale,
        @Param(doc = "pareto shape (tail index)", min = 0) Double shape) {

    public static Dist constant(double v) { return new Dist("constant", v, null, null, null, null, null, null, null, null); }

    public static Dist uniform(double lo, double hi) { return new Dist("uniform", null, lo, hi, null, null, null, null, null, null); }

    public static Dist lognormal(double median, double sigma) {
        return new Dist("lognormal", null, null, null, null, null, median, sigma, null, null);
    }

    /** Checks that the fields the type needs are present and consistent; returns a problem or null. */
    public String problem() {
        if (type == null) return "a distribution needs a 'type'";
        return switch (type) {
            case "constant" -> value == null ? "constant needs 'value'" : null;
            case "uniform" -> min == null || max == null ? "uniform needs 'min' and 'max'"
                    : min > max ? "uniform needs min <= max, got min " + min + " > max " + max : null;
            case "normal" -> mean == null || sd == null ? "normal needs 'mean' and 'sd'" : sd <= 0 ? "normal needs sd > 0" : null;
            case "lognormal" -> median == null || sigma == null ? "lognormal needs 'median' and 'sigma'"
                    : median <= 0 || sigma <= 0 ? "lognormal needs median > 0 and sigma > 0" : null;
            case "exponential" -> mean == null ? "exponential needs 'mean'" : mean <= 0 ? "exponential needs mean > 0" : null;
            case "pareto" -> scale == null || shape == null ? "pareto needs 'scale' and 'shape'"
                    : scale <= 0 || shape <= 0 ? "pareto needs scale > 0 and shape > 0" : null;
            default -> "unknown distribution type '" + type + "'";
        };
    }

    /** The commons-math distribution drawing from {@code rng}. */
    public RealDistribution realize(RandomGenerator rng) {
        String p = problem();
        if (p != null) throw new IllegalStateException(p);
        return switch (type) {
            case "constant" -> new ConstantRealDistribution(value);
            case "uniform" -> min.equals(max) ? new ConstantRealDistribution(min) : new UniformRealDistribution(rng, min, max);
            case "normal" -> new NormalDistribution(rng, mean, sd);
            case "lognormal" -> new LogNormalDistribution(rng, Math.log(median), sigma);
            case "exponential" -> new ExponentialDistribution(rng, mean);
            case "pareto" -> new ParetoDistribution(rng, scale, shape);
            default -> throw new IllegalStateException(type);
        };
    }

    /** Smallest value the distribution can draw (for range checks). */
    public double lowerBound() {
        return switch (type) {
            case "constant" -> value;
            case "uniform" -> min;
            case "normal" -> Double.NEGATIVE_INFINITY;
            case "pareto" -> scale;
            default -> 0;
        };
    }
}
