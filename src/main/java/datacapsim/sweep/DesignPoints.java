package datacapsim.sweep;

import datacapsim.scenario.ExperimentDesign;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/** The points of a design of experiments ({@link ExperimentDesign}) over a sweep's factors. */
final class DesignPoints {
    private DesignPoints() {}

    /** The design columns of a sobol point: its matrix (A, B, AB1..ABk) and its row in that matrix. */
    static final List<String> SOBOL_COLUMNS = List.of("matrix", "sample");
    /** The design columns of a morris point: its trajectory, its step (0..k), the factor that step moved and by how much (unit Δ, signed). */
    static final List<String> MORRIS_COLUMNS = List.of("trajectory", "step", "moved", "delta");

    /** The columns plan.csv gives a design's points after the factors (none for designs that are not sensitivity designs). */
    static List<String> designColumns(ExperimentDesign design) {
        return switch (design) {
            case SOBOL -> SOBOL_COLUMNS;
            case MORRIS -> MORRIS_COLUMNS;
            case GRID, ZIP, LATIN_HYPERCUBE, ONE_AT_A_TIME -> List.of();
        };
    }

    /** The points of {@code design} over {@code factors}; {@code samples} and {@code seed} serve the sampling designs. */
    static List<Point> expand(ExperimentDesign design, List<Factor> factors, int samples, long seed) {
        return expand(design, factors, samples, 10, 4, seed);
    }

    /** As {@link #expand(ExperimentDesign, List, int, long)}, with morris's trajectories r and grid levels p. */
    static List<Point> expand(ExperimentDesign design, List<Factor> factors, int samples, int trajectories, int levels, long seed) {
        if (factors.isEmpty()) return List.of(new Point(0, Map.of()));
        return switch (design) {
            case GRID -> grid(factors);
            case ZIP -> zip(factors);
            case LATIN_HYPERCUBE -> latinHypercube(factors, samples, seed);
            case SOBOL -> saltelli(factors, samples);
            case ONE_AT_A_TIME -> oneAtATime(factors);
            case MORRIS -> morris(factors, trajectories, levels, seed);
        };
    }

    private static List<Point> grid(List<Factor> factors) {
        List<Point> out = new ArrayList<>();
        int[] idx = new int[factors.size()];
        for (Factor f : factors) requireLevels(f);
        while (true) {
            Map<String, Object> s = new LinkedHashMap<>();
            for (int i = 0; i < factors.size(); i++) s.put(factors.get(i).path(), factors.get(i).values().get(idx[i]));
            out.add(new Point(out.size(), s));
            int k = factors.size() - 1; // the last factor varies fastest
            while (k >= 0 && ++idx[k] == factors.get(k).values().size()) idx[k--] = 0;
            if (k < 0) return out;
        }
    }

    private static List<Point> zip(List<Factor> factors) {
        int n = requireLevels(factors.get(0));
        for (Factor f : factors)
            if (requireLevels(f) != n)
                throw new IllegalArgumentException("zip needs as many levels for every factor: " + factors.get(0).path() + " has " + n
                        + ", " + f.path() + " has " + f.values().size());
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> s = new LinkedHashMap<>();
            for (Factor f : factors) s.put(f.path(), f.values().get(i));
            out.add(new Point(i, s));
        }
        return out;
    }

    private static List<Point> latinHypercube(List<Factor> factors, int samples, long seed) {
        requireSamples(samples);
        RandomGenerator rng = new MersenneTwister(seed);
        double[][] u = new double[factors.size()][samples];
        for (int j = 0; j < factors.size(); j++) {
            int[] perm = new int[samples];
            for (int i = 0; i < samples; i++) perm[i] = i;
            for (int i = samples - 1; i > 0; i--) { // Fisher–Yates
                int k = rng.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[k];
                perm[k] = t;
            }
            for (int i = 0; i < samples; i++) u[j][i] = (perm[i] + rng.nextDouble()) / samples;
        }
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            Map<String, Object> s = new LinkedHashMap<>();
            for (int j = 0; j < factors.size(); j++) s.put(factors.get(j).path(), factors.get(j).at(u[j][i]));
            out.add(new Point(i, s));
        }
        return out;
    }

    /**
     * The Saltelli scheme: one Sobol sequence of dimension 2k (after its all-zero point) gives base matrices A (its
     * first k columns) and B (its last k), each {@code samples} rows; A_B^i is A with column i taken from B. Row j gives
     * A_j, AB1_j .. ABk_j, B_j in that order: samples × (k + 2) points (Saltelli et al. 2010).
     */
    private static List<Point> saltelli(List<Factor> factors, int samples) {
        requireSamples(samples);
        int k = factors.size();
        SobolSequenceGenerator gen = new SobolSequenceGenerator(2 * k);
        gen.nextVector(); // drop the all-zero corner (commons-math 3.6.1's skipTo(1) would also drop the next point)
        List<Point> out = new ArrayList<>();
        for (int j = 0; j < samples; j++) {
            double[] u = gen.nextVector();
            double[] a = Arrays.copyOfRange(u, 0, k), b = Arrays.copyOfRange(u, k, 2 * k);
            out.add(point(out.size(), factors, a, Map.of("matrix", "A", "sample", String.valueOf(j))));
            for (int i = 0; i < k; i++) {
                double[] ab = a.clone();
                ab[i] = b[i];
                out.add(point(out.size(), factors, ab, Map.of("matrix", "AB" + (i + 1), "sample", String.valueOf(j))));
            }
            out.add(point(out.size(), factors, b, Map.of("matrix", "B", "sample", String.valueOf(j))));
        }
        return out;
    }

    /**
     * Morris's trajectories (Morris 1991): on the grid {0, 1/(p−1), .., 1} of each factor's unit interval, a random base
     * point x* with every coordinate in {0, .., 1 − Δ}, a random direction (±) per factor (the trajectory starts at x*
     * for +, at x* + Δ for −) and a random order of the factors; step s moves the s-th factor of that order by ±Δ,
     * Δ = p / (2(p − 1)). {@code trajectories} × (k + 1) points, drawn from a MersenneTwister seeded by {@code seed}.
     */
    private static List<Point> morris(List<Factor> factors, int trajectories, int levels, long seed) {
        if (trajectories < 2) throw new IllegalArgumentException("morris needs trajectories >= 2, got " + trajectories);
        if (levels < 2 || levels % 2 != 0) throw new IllegalArgumentException("morris needs an even number of levels >= 2, got " + levels);
        for (Factor f : factors)
            if (f.min() == null || f.max() == null || f.distribution() != null)
                throw new IllegalArgumentException(f.path() + ": morris needs an interval (start and stop), not a list or a distribution");
        int k = factors.size();
        double delta = levels / (2.0 * (levels - 1));
        RandomGenerator rng = new MersenneTwister(seed);
        List<Point> out = new ArrayList<>();
        for (int t = 0; t < trajectories; t++) {
            double[] x = new double[k];
            int[] dir = new int[k];
            for (int i = 0; i < k; i++) {
                dir[i] = rng.nextBoolean() ? 1 : -1;
                double base = rng.nextInt(levels / 2) / (double) (levels - 1);
                x[i] = dir[i] > 0 ? base : base + delta;
            }
            int[] order = new int[k];
            for (int i = 0; i < k; i++) order[i] = i;
            for (int i = k - 1; i > 0; i--) { // Fisher–Yates
                int r = rng.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[r];
                order[r] = tmp;
            }
            out.add(point(out.size(), factors, x, morrisCells(t, 0, "", "")));
            for (int s = 1; s <= k; s++) {
                int i = order[s - 1];
                x = x.clone();
                x[i] = Math.rint((x[i] + dir[i] * delta) * (levels - 1)) / (levels - 1); // stay on the grid exactly
                out.add(point(out.size(), factors, x, morrisCells(t, s, factors.get(i).path(), SweepFiles.num(dir[i] * delta))));
            }
        }
        return out;
    }

    private static Map<String, String> morrisCells(int trajectory, int step, String moved, String delta) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("trajectory", String.valueOf(trajectory));
        m.put("step", String.valueOf(step));
        m.put("moved", moved);
        m.put("delta", delta);
        return m;
    }

    private static Point point(int index, List<Factor> factors, double[] u, Map<String, String> design) {
        Map<String, Object> s = new LinkedHashMap<>();
        for (int j = 0; j < factors.size(); j++) s.put(factors.get(j).path(), factors.get(j).at(u[j]));
        Map<String, String> d = new LinkedHashMap<>();
        for (String c : design.keySet().stream().sorted(Comparator.comparingInt(DesignPoints::columnOrder)).toList())
            d.put(c, design.get(c));
        return new Point(index, s, d);
    }

    private static int columnOrder(String column) {
        int i = SOBOL_COLUMNS.indexOf(column);
        return i >= 0 ? i : MORRIS_COLUMNS.indexOf(column);
    }

    private static List<Point> oneAtATime(List<Factor> factors) {
        Map<String, Object> base = new LinkedHashMap<>();
        for (Factor f : factors) {
            if (f.base() == null) throw new IllegalArgumentException("one-at-a-time needs a base level for " + f.path());
            base.put(f.path(), f.base());
        }
        List<Point> out = new ArrayList<>();
        out.add(new Point(0, base));
        for (Factor f : factors) {
            requireLevels(f);
            for (Object v : f.values()) {
                if (Factor.sameLevel(v, f.base())) continue;
                Map<String, Object> s = new LinkedHashMap<>(base);
                s.put(f.path(), v);
                out.add(new Point(out.size(), s));
            }
        }
        return out;
    }

    private static int requireLevels(Factor f) {
        if (f.values().isEmpty()) throw new IllegalArgumentException(f.path() + " needs a list or range of levels for this design");
        return f.values().size();
    }

    private static void requireSamples(int samples) {
        if (samples < 1) throw new IllegalArgumentException("a sampling design needs samples >= 1, got " + samples);
    }
}
