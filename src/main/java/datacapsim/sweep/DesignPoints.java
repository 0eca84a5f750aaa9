package datacapsim.sweep;

import datacapsim.scenario.ExperimentDesign;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/** The points of a design of experiments ({@link ExperimentDesign}) over a sweep's factors. */
final class DesignPoints {
    private DesignPoints() {}

    /** The points of {@code design} over {@code factors}; {@code samples} and {@code seed} serve the sampling designs. */
    static List<Point> expand(ExperimentDesign design, List<Factor> factors, int samples, long seed) {
        if (factors.isEmpty()) return List.of(new Point(0, Map.of()));
        return switch (design) {
            case GRID -> grid(factors);
            case ZIP -> zip(factors);
            case LATIN_HYPERCUBE -> latinHypercube(factors, samples, seed);
            case SOBOL -> sobol(factors, samples);
            case ONE_AT_A_TIME -> oneAtATime(factors);
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

    private static List<Point> sobol(List<Factor> factors, int samples) {
        requireSamples(samples);
        SobolSequenceGenerator gen = new SobolSequenceGenerator(factors.size());
        gen.nextVector(); // drop the all-zero corner (commons-math 3.6.1's skipTo(1) would also drop the next point)
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            double[] u = gen.nextVector();
            Map<String, Object> s = new LinkedHashMap<>();
            for (int j = 0; j < factors.size(); j++) s.put(factors.get(j).path(), factors.get(j).at(u[j]));
            out.add(new Point(i, s));
        }
        return out;
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
