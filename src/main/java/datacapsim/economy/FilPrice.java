package datacapsim.economy;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The FIL price in USD per FIL on each day of a run (economics.md §1): exogenous, a constant, a day series or a
 * geometric Brownian motion drawn from its own random stream, so designs compare on common random numbers.
 */
public sealed interface FilPrice permits FilPrice.Constant, FilPrice.Series, FilPrice.Gbm {
    /** Default 0.80 USD/FIL (observed 0.74 to 0.91 from February to July 2026). */
    double DEFAULT_USD = 0.80;

    /** The price on {@code day} (0 is the run's first day). */
    double usdOn(int day);

    /** One price every day. */
    record Constant(double usd) implements FilPrice {
        public Constant {
            if (!(usd > 0) || Double.isInfinite(usd))
                throw new IllegalArgumentException("price " + usd + " must be > 0");
        }

        @Override public double usdOn(int day) { return usd; }
    }

    /** Steps: each price holds from its day until the next step's; the first step is at day 0. */
    record Series(NavigableMap<Integer, Double> steps) implements FilPrice {
        public Series {
            steps = new TreeMap<>(steps);
            if (steps.isEmpty() || steps.firstKey() != 0)
                throw new IllegalArgumentException("a price series starts at day 0");
            for (double p : steps.values())
                if (!(p > 0) || Double.isInfinite(p)) throw new IllegalArgumentException("price " + p);
        }

        @Override public double usdOn(int day) { return steps.floorEntry(Math.max(day, 0)).getValue(); }
    }

    /**
     * Geometric Brownian motion in daily steps: S(d+1) = S(d) · exp((μ − σ²/2) Δ + σ √Δ Z), Δ = 1/365 of a year, one
     * standard normal Z per day drawn in day order from {@code rng} (the price's own stream), so the path of a seed
     * does not depend on which days are asked for or in what order.
     */
    final class Gbm implements FilPrice {
        private static final double DT = 1.0 / 365;
        private final double driftPerYear;
        private final double volatilityPerYear;
        private final RandomGenerator rng;
        private final List<Double> path = new ArrayList<>();

        public Gbm(double startUsd, double driftPerYear, double volatilityPerYear, RandomGenerator rng) {
            if (!(startUsd > 0) || Double.isInfinite(startUsd)) throw new IllegalArgumentException("start " + startUsd);
            if (!Double.isFinite(driftPerYear)) throw new IllegalArgumentException("drift " + driftPerYear);
            if (!(volatilityPerYear >= 0) || Double.isInfinite(volatilityPerYear))
                throw new IllegalArgumentException("volatility " + volatilityPerYear);
            this.driftPerYear = driftPerYear;
            this.volatilityPerYear = volatilityPerYear;
            this.rng = rng;
            path.add(startUsd);
        }

        @Override
        public double usdOn(int day) {
            int d = Math.max(day, 0);
            double step = (driftPerYear - volatilityPerYear * volatilityPerYear / 2) * DT;
            double shock = volatilityPerYear * Math.sqrt(DT);
            while (path.size() <= d) path.add(path.get(path.size() - 1) * Math.exp(step + shock * rng.nextGaussian()));
            return path.get(d);
        }
    }
}
