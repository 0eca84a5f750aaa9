package datacapsim.economy;

import java.util.Arrays;

/**
 * Experience-weighted attraction (Camerer & Ho 1999), the optional learning layer of economics.md §3: each option's
 * attraction is a weighted memory of its payoffs, the chosen option's realised payoff at full weight and the others'
 * foregone payoffs at weight δ, so values can come from experience instead of the model's projection:
 * N(t) = ρ N(t−1) + 1; A_j(t) = [φ N(t−1) A_j(t−1) + (δ + (1 − δ) [j chosen]) π_j(t)] / N(t). The attractions then
 * replace the projected values in the logit choice.
 *
 * @param delta weight of foregone payoffs (0: reinforcement learning, 1: belief learning); default 0.5
 * @param phi   decay of past attractions; default 0.9
 * @param rho   decay of the experience weight N; default 0.9
 */
public record Ewa(double delta, double phi, double rho) {
    /** Camerer and Ho's estimates the spec names: δ 0.5, φ 0.9, ρ 0.9. */
    public static final Ewa DEFAULTS = new Ewa(0.5, 0.9, 0.9);

    public Ewa {
        for (double x : new double[] {delta, phi, rho})
            if (!(x >= 0 && x <= 1)) throw new IllegalArgumentException("EWA weights must be in [0, 1]: " + x);
    }

    /** One agent's attractions and experience weight. */
    public static final class State {
        private final double[] attractions;
        private double experience;

        /** Starts from {@code initial} attractions (e.g. the first projected values) with experience weight 1. */
        public State(double[] initial) {
            for (double a : initial) if (!Double.isFinite(a)) throw new IllegalArgumentException("attraction " + a);
            attractions = initial.clone();
            experience = 1;
        }

        public double[] attractions() { return attractions.clone(); }

        public double experience() { return experience; }
    }

    /** Updates {@code s} with this period's payoffs (realised for {@code chosen}, foregone for the others). */
    public void update(State s, double[] payoffs, int chosen) {
        if (payoffs.length != s.attractions.length)
            throw new IllegalArgumentException(payoffs.length + " payoffs for " + s.attractions.length + " options");
        if (chosen < 0 || chosen >= payoffs.length) throw new IllegalArgumentException("chosen " + chosen);
        double before = s.experience;
        double after = rho * before + 1;
        for (int j = 0; j < payoffs.length; j++) {
            if (!Double.isFinite(payoffs[j])) throw new IllegalArgumentException("payoff " + Arrays.toString(payoffs));
            double weight = j == chosen ? 1 : delta;
            s.attractions[j] = (phi * before * s.attractions[j] + weight * payoffs[j]) / after;
        }
        s.experience = after;
    }
}
