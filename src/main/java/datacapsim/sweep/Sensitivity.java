package datacapsim.sweep;

import com.univocity.parsers.csv.CsvParser;
import datacapsim.scenario.ExperimentDesign;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Sensitivity indices of a sobol or morris sweep, from each point's mean over its complete replications (the mean
 * points.csv holds), written to {@code sensitivity.csv} with the columns {@link #COLUMNS}:
 * <ul>
 * <li>sobol (Saltelli scheme, see {@link ExperimentDesign}): per factor i, the first-order index
 *     S1 = mean((f_B − f̄) (f_ABi − f_A)) / V (Saltelli et al. 2010, on outputs centred by their mean f̄ over A and B,
 *     as SALib does: the same expectation, since f_ABi − f_A has mean 0, without a variance that grows with f̄²) and
 *     the total index ST = mean((f_A − f_ABi)²) / 2 / V (Jansen 1999), V the variance of f over A and B; a row is used
 *     only when A, B and every A_B^i of it have a mean (a failed point drops its row from all matrices), and n is the
 *     number of rows used;</li>
 * <li>morris: per factor, the elementary effects EE = (f(x + Δ e_i) − f(x)) / Δ of its step in each trajectory, Δ the
 *     signed step in unit coordinates (the factor's interval mapped to [0, 1], on its log scale when the factor has
 *     {@code scale: log}), so effects are in outcome units per whole interval; μ = mean EE, μ* = mean |EE|
 *     (Campolongo et al. 2007), σ = their sample standard deviation; n is the number of effects (a step whose two
 *     points both have a mean).</li>
 * </ul>
 * Intervals are bootstrap percentile intervals ({@link #CONFIDENCE}): {@link #BOOTSTRAP} resamples with replacement of
 * the n rows (sobol) or the n effects (morris), from a MersenneTwister seeded by the sweep's base seed and the outcome,
 * so the file is the same bytes for the same points.csv. An index is blank when undefined (V = 0, or n too small).
 */
public final class Sensitivity {
    private Sensitivity() {}

    /** The columns of sensitivity.csv, in order. */
    public static final List<String> COLUMNS = List.of("outcome", "factor", "method", "index", "value", "ci_low",
            "ci_high", "n");
    /** Bootstrap resamples per index. */
    public static final int BOOTSTRAP = 1000;
    /** Coverage of the bootstrap percentile intervals. */
    public static final double CONFIDENCE = 0.95;

    /** One point's mean of one outcome, with the point's design cells (matrix and sample, or trajectory, step, ...). */
    public record Observation(Map<String, String> design, double value) {}

    /** One row of sensitivity.csv. */
    public record Index(String outcome, String factor, String method, String index, double value, double ciLow,
                        double ciHigh, int n) {}

    /** The indices of one outcome from its observations (one per point). */
    public static List<Index> estimate(ExperimentDesign design, List<String> factors, long baseSeed, String outcome,
                                       List<Observation> observations) {
        RandomGenerator rng = new MersenneTwister(Seeds.mix(Seeds.mix(baseSeed ^ 0xB0075L) ^ outcome.hashCode()));
        return switch (design) {
            case SOBOL -> sobol(factors, outcome, observations, rng);
            case MORRIS -> morris(factors, outcome, observations, rng);
            case GRID, ZIP, LATIN_HYPERCUBE, ONE_AT_A_TIME -> List.of();
        };
    }

    // ------------------------------------------------------------------ sobol

    private static List<Index> sobol(List<String> factors, String outcome, List<Observation> obs, RandomGenerator rng) {
        int k = factors.size();
        int rows = 0;
        for (Observation o : obs) rows = Math.max(rows, Integer.parseInt(o.design().get("sample")) + 1);
        double[] fa = nans(rows), fb = nans(rows);
        double[][] fab = new double[k][];
        for (int i = 0; i < k; i++) fab[i] = nans(rows);
        for (Observation o : obs) {
            int j = Integer.parseInt(o.design().get("sample"));
            String m = o.design().get("matrix");
            if (m.equals("A")) fa[j] = o.value();
            else if (m.equals("B")) fb[j] = o.value();
            else fab[Integer.parseInt(m.substring(2)) - 1][j] = o.value();
        }
        int[] valid = new int[rows];
        int n = 0;
        rowLoop:
        for (int j = 0; j < rows; j++) {
            if (!Double.isFinite(fa[j]) || !Double.isFinite(fb[j])) continue;
            for (int i = 0; i < k; i++) if (!Double.isFinite(fab[i][j])) continue rowLoop;
            valid[n++] = j;
        }
        int[] used = Arrays.copyOf(valid, n);
        double[][] point = saltelli(fa, fb, fab, used);
        double[][][] boot = new double[2][k][BOOTSTRAP];
        int[] idx = new int[n];
        for (int b = 0; b < BOOTSTRAP && n > 0; b++) {
            for (int j = 0; j < n; j++) idx[j] = used[rng.nextInt(n)];
            double[][] e = saltelli(fa, fb, fab, idx);
            for (int i = 0; i < k; i++) {
                boot[0][i][b] = e[0][i];
                boot[1][i][b] = e[1][i];
            }
        }
        List<Index> out = new ArrayList<>();
        for (int i = 0; i < k; i++)
            for (int w = 0; w < 2; w++) {
                double[] ci = n > 0 ? interval(boot[w][i]) : new double[] {Double.NaN, Double.NaN};
                out.add(new Index(outcome, factors.get(i), "sobol", w == 0 ? "S1" : "ST", point[w][i], ci[0], ci[1],
                        n));
            }
        return out;
    }

    /** S1 (Saltelli 2010, centred) and ST (Jansen) of every factor over the rows {@code idx} (repeats allowed). */
    static double[][] saltelli(double[] fa, double[] fb, double[][] fab, int[] idx) {
        int k = fab.length, n = idx.length;
        double[][] out = new double[2][k];
        double sum = 0;
        for (int j : idx) sum += fa[j] + fb[j];
        double mean = sum / (2.0 * n), ss = 0;
        for (int j : idx) ss += (fa[j] - mean) * (fa[j] - mean) + (fb[j] - mean) * (fb[j] - mean);
        double var = n < 2 || ss == 0 ? Double.NaN : ss / (2.0 * n); // a constant outcome has no indices
        for (int i = 0; i < k; i++) {
            double s1 = 0, st = 0;
            for (int j : idx) {
                double d = fab[i][j] - fa[j];
                s1 += (fb[j] - mean) * d; // centred: the same expectation, without a variance growing with mean²
                st += d * d;
            }
            out[0][i] = s1 / n / var;
            out[1][i] = st / (2.0 * n) / var;
        }
        return out;
    }

    // ------------------------------------------------------------------ morris

    private static List<Index> morris(List<String> factors, String outcome, List<Observation> obs,
                                      RandomGenerator rng) {
        Map<Integer, Map<Integer, Observation>> byTrajectory = new TreeMap<>();
        for (Observation o : obs)
            byTrajectory.computeIfAbsent(Integer.parseInt(o.design().get("trajectory")), t -> new TreeMap<>())
                    .put(Integer.parseInt(o.design().get("step")), o);
        Map<String, List<Double>> effects = new LinkedHashMap<>();
        for (String f : factors) effects.put(f, new ArrayList<>());
        for (Map<Integer, Observation> steps : byTrajectory.values())
            for (var e : steps.entrySet()) {
                if (e.getKey() == 0) continue;
                Observation now = e.getValue(), before = steps.get(e.getKey() - 1);
                if (before == null || !Double.isFinite(now.value()) || !Double.isFinite(before.value())) continue;
                List<Double> l = effects.get(now.design().get("moved"));
                if (l != null) l.add((now.value() - before.value()) / Double.parseDouble(now.design().get("delta")));
            }
        List<Index> out = new ArrayList<>();
        for (String f : factors) {
            double[] ee = effects.get(f).stream().mapToDouble(Double::doubleValue).toArray();
            int n = ee.length;
            double[] point = morrisStats(ee);
            double[][] boot = new double[3][BOOTSTRAP];
            double[] re = new double[n];
            for (int b = 0; b < BOOTSTRAP && n > 0; b++) {
                for (int j = 0; j < n; j++) re[j] = ee[rng.nextInt(n)];
                double[] s = morrisStats(re);
                for (int w = 0; w < 3; w++) boot[w][b] = s[w];
            }
            String[] names = {"mu", "mu_star", "sigma"};
            for (int w = 0; w < 3; w++) {
                double[] ci = n > 1 ? interval(boot[w]) : new double[] {Double.NaN, Double.NaN};
                out.add(new Index(outcome, f, "morris", names[w], point[w], ci[0], ci[1], n));
            }
        }
        return out;
    }

    /** μ, μ* and σ (sample standard deviation, n − 1) of elementary effects. */
    static double[] morrisStats(double[] ee) {
        int n = ee.length;
        if (n == 0) return new double[] {Double.NaN, Double.NaN, Double.NaN};
        double sum = 0, abs = 0;
        for (double e : ee) {
            sum += e;
            abs += Math.abs(e);
        }
        double mu = sum / n;
        double ss = 0;
        for (double e : ee) ss += (e - mu) * (e - mu);
        return new double[] {mu, abs / n, n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1))};
    }

    // ------------------------------------------------------------------ bootstrap

    /** The percentile interval of the finite bootstrap estimates (linear interpolation between order statistics). */
    static double[] interval(double[] estimates) {
        double[] v = Arrays.stream(estimates).filter(Double::isFinite).sorted().toArray();
        if (v.length < 2) return new double[] {Double.NaN, Double.NaN};
        double tail = (1 - CONFIDENCE) / 2;
        return new double[] {quantile(v, tail), quantile(v, 1 - tail)};
    }

    /** Quantile p of sorted values, R's type 7 (numpy's default). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    // ------------------------------------------------------------------ files

    /**
     * Writes sensitivity.csv from points.csv (its rows per point and outcome, with the design columns after the
     * factors), for every outcome points.csv holds, in its order; the unsharded sweep and a merge call it alike.
     */
    static void write(Path pointsCsv, Path out, ExperimentDesign design, List<String> factors, long baseSeed)
            throws IOException {
        Map<String, List<Observation>> byOutcome = new LinkedHashMap<>();
        List<String> designColumns = DesignPoints.designColumns(design);
        try (Reader r = Files.newBufferedReader(pointsCsv, StandardCharsets.UTF_8)) {
            CsvParser p = SweepFiles.parser();
            p.beginParsing(r);
            String[] header = p.parseNext();
            Map<String, Integer> col = new HashMap<>();
            for (int i = 0; i < header.length; i++) col.put(header[i], i);
            for (String c : designColumns)
                if (!col.containsKey(c)) throw new IOException(pointsCsv + " has no column '" + c + "'");
            for (String[] row; (row = p.parseNext()) != null; ) {
                Map<String, String> cells = new LinkedHashMap<>();
                for (String c : designColumns) cells.put(c, cell(row, col.get(c)));
                String mean = cell(row, col.get("mean"));
                byOutcome.computeIfAbsent(cell(row, col.get("outcome")), o -> new ArrayList<>())
                        .add(new Observation(cells, mean.isEmpty() ? Double.NaN : Double.parseDouble(mean)));
            }
        }
        List<Index> rows = new ArrayList<>();
        if (!factors.isEmpty())
            byOutcome.forEach((o, obs) -> rows.addAll(estimate(design, factors, baseSeed, o, obs)));
        write(out, rows);
    }

    /** Writes indices as sensitivity.csv (12 significant digits, blank when undefined), atomically. */
    static void write(Path out, List<Index> rows) throws IOException {
        SweepFiles.atomicCsv(out, COLUMNS, w -> {
            for (Index x : rows)
                w.accept(List.of(x.outcome(), x.factor(), x.method(), x.index(), SweepFiles.num(x.value()),
                        SweepFiles.num(x.ciLow()), SweepFiles.num(x.ciHigh()), String.valueOf(x.n())));
        });
    }

    private static String cell(String[] row, Integer i) {
        return i == null || i >= row.length || row[i] == null ? "" : row[i];
    }
}
