package datacapsim.economy;

import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The one choice mechanism of every decision (economics.md §3): logit quantal response (McKelvey and Palfrey 1995),
 * P(option j) ∝ exp(λ · value_j), with λ in 1 / (USD per TiB-year); λ = 0 is a uniform draw, a large λ the best
 * response. Inertia: at each revision an agent revises with probability {@code revisionShare}, else keeps its choice.
 *
 * @param lambda        sensitivity to value, ≥ 0 (default 0.5)
 * @param revisionShare the share of agents that revise at each revision period, 0 to 1 (default 0.1)
 */
public record Logit(double lambda, double revisionShare) {
    public Logit {
        if (!(lambda >= 0) || Double.isInfinite(lambda))
            throw new IllegalArgumentException("lambda " + lambda + " < 0");
        if (!(revisionShare >= 0 && revisionShare <= 1))
            throw new IllegalArgumentException("revision share " + revisionShare + " outside 0..1");
    }

    /** The choice of one decision: the options' labels and values as the agent saw them, and the one it took. */
    public record Choice(List<String> options, double[] values, double[] shares, int chosen, boolean revised) {
        public Choice {
            options = List.copyOf(options);
            values = values.clone();
            shares = shares.clone();
        }

        public String chosenOption() { return options.get(chosen); }

        public double chosenValue() { return values[chosen]; }
    }

    /** Choice probabilities of options valued {@code values} (computed stably: the best option's term is 1). */
    public double[] shares(double[] values) {
        if (values.length == 0) throw new IllegalArgumentException("a choice needs at least one option");
        double best = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isNaN(v)) throw new IllegalArgumentException("an option's value is NaN");
            best = Math.max(best, v);
        }
        double[] w = new double[values.length];
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            w[i] = values[i] == best ? 1 : Math.exp(lambda * (values[i] - best));
            sum += w[i];
        }
        for (int i = 0; i < w.length; i++) w[i] /= sum;
        return w;
    }

    /** Draws one option by its share (one uniform draw from {@code rng}). */
    public Choice choose(List<String> options, double[] values, RandomGenerator rng) {
        if (options.size() != values.length)
            throw new IllegalArgumentException(options.size() + " options but " + values.length + " values");
        double[] p = shares(values);
        double u = rng.nextDouble();
        int k = 0;
        double acc = p[0];
        while (u >= acc && k < p.length - 1) acc += p[++k];
        return new Choice(options, values, p, k, true);
    }

    /**
     * A revision: with probability {@code revisionShare} (one uniform draw) the agent chooses afresh; otherwise it
     * keeps {@code current} (an index into {@code options}), recorded with the values it saw. A revising agent draws
     * a second uniform for the choice itself, so the draws per revision are one or two, in this order.
     */
    public Choice revise(List<String> options, double[] values, int current, RandomGenerator rng) {
        if (current < 0 || current >= values.length) throw new IllegalArgumentException("current choice " + current);
        if (rng.nextDouble() >= revisionShare) return new Choice(options, values, shares(values), current, false);
        return choose(options, values, rng);
    }
}
