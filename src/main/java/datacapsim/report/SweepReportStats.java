package datacapsim.report;

import datacapsim.report.SweepReportData.Factor;
import datacapsim.report.SweepReportData.PointStat;
import datacapsim.report.SweepReportData.Run;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/** The numbers the sweep report shows: level summaries, heat-map cells, tornado swings, paired differences, rank correlations. */
final class SweepReportStats {
    private SweepReportStats() {}

    static final double CONFIDENCE = 0.95;

    /** An outcome at one level of a factor: the mean and the band around it (a CI, or the range of point means). */
    record Level(int index, String label, double x, double mean, double low, double high, int points) {}

    /**
     * The outcome at each level of {@code f} over the points that pass {@code filter}. A level held by one point shows its
     * mean and 95 % CI (collapsed to the mean when the CI is blank); a level held by several shows the mean of their
     * means and, as the band, the range (min–max) of their means. Levels without a mean are left out.
     */
    static List<Level> levels(List<PointStat> points, Factor f, List<String> levels, double[] xs, Predicate<PointStat> filter) {
        Map<Integer, List<PointStat>> by = new TreeMap<>();
        for (PointStat p : points) {
            if (!p.hasMean() || !filter.test(p)) continue;
            int i = SweepReportData.levelIndex(levels, p.factorValues().get(f.path()));
            if (i >= 0) by.computeIfAbsent(i, k -> new ArrayList<>()).add(p);
        }
        List<Level> out = new ArrayList<>();
        for (Map.Entry<Integer, List<PointStat>> e : by.entrySet()) {
            int i = e.getKey();
            List<PointStat> ps = e.getValue();
            double x = xs == null ? i : xs[i];
            if (ps.size() == 1) {
                PointStat p = ps.get(0);
                out.add(new Level(i, levels.get(i), x, p.mean(), p.hasCi() ? p.ciLow() : p.mean(), p.hasCi() ? p.ciHigh() : p.mean(), 1));
            } else {
                double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
                for (PointStat p : ps) {
                    sum += p.mean();
                    min = Math.min(min, p.mean());
                    max = Math.max(max, p.mean());
                }
                out.add(new Level(i, levels.get(i), x, sum / ps.size(), min, max, ps.size()));
            }
        }
        return out;
    }

    /** The numeric positions of a factor's levels, or null when they are not all numbers (positive numbers on a log scale). */
    static double[] numericLevels(Factor f, List<String> levels) {
        if (!f.numeric() || levels.isEmpty()) return null;
        double[] xs = new double[levels.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = SweepReportData.parse(levels.get(i));
            if (Double.isNaN(xs[i]) || Double.isInfinite(xs[i])) return null;
        }
        return xs;
    }

    /** Whether the 95 % CIs of two levels overlap; null when either has no CI (a single replication). */
    static Boolean ciOverlap(Level a, Level b) {
        if (a.points() != 1 || b.points() != 1 || a.low() == a.high() && b.low() == b.high()) return null;
        return a.low() <= b.high() && b.low() <= a.high();
    }

    /** A heat-map cell: the mean at the i-th level of the first factor and the j-th of the second (averaged if several points). */
    record Cell(int i, int j, double mean) {}

    static List<Cell> cells(List<PointStat> points, Factor fx, List<String> lx, Factor fy, List<String> ly) {
        Map<Long, double[]> acc = new TreeMap<>();
        for (PointStat p : points) {
            if (!p.hasMean()) continue;
            int i = SweepReportData.levelIndex(lx, p.factorValues().get(fx.path()));
            int j = SweepReportData.levelIndex(ly, p.factorValues().get(fy.path()));
            if (i < 0 || j < 0) continue;
            double[] a = acc.computeIfAbsent((long) j * 1_000_000L + i, k -> new double[2]);
            a[0] += p.mean();
            a[1]++;
        }
        List<Cell> out = new ArrayList<>();
        for (Map.Entry<Long, double[]> e : acc.entrySet())
            out.add(new Cell((int) (e.getKey() % 1_000_000L), (int) (e.getKey() / 1_000_000L), e.getValue()[0] / e.getValue()[1]));
        return out;
    }

    /** One factor's bar in a tornado: the lowest and highest point mean over its levels with the other factors at base. */
    record Swing(Factor factor, Level low, Level high) {
        double swing() { return high.mean() - low.mean(); }
    }

    /** The base point's mean in a one-at-a-time sweep: the point(s) with every factor at its base level; NaN when none. */
    static double baseMean(List<PointStat> points, List<Factor> factors) {
        double sum = 0;
        int n = 0;
        for (PointStat p : points) {
            if (!p.hasMean()) continue;
            boolean base = true;
            for (Factor f : factors) if (f.base() != null && !SweepReportData.sameLevel(f.base(), p.factorValues().get(f.path()))) base = false;
            if (base) {
                sum += p.mean();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The swing of every factor (with at least one level that has a mean), largest first; ties keep the factors' order. */
    static List<Swing> swings(SweepReportData d, List<PointStat> points) {
        List<Swing> out = new ArrayList<>();
        for (Factor f : d.factors) {
            List<String> levels = d.levels(f);
            Predicate<PointStat> othersAtBase = p -> {
                for (Factor g : d.factors)
                    if (g != f && g.base() != null && !SweepReportData.sameLevel(g.base(), p.factorValues().get(g.path()))) return false;
                return true;
            };
            List<Level> ls = levels(points, f, levels, null, othersAtBase);
            if (ls.isEmpty()) continue;
            Level lo = ls.get(0), hi = ls.get(0);
            for (Level l : ls) {
                if (l.mean() < lo.mean()) lo = l;
                if (l.mean() > hi.mean()) hi = l;
            }
            out.add(new Swing(f, lo, hi));
        }
        out.sort(Comparator.comparingDouble(Swing::swing).reversed());
        return out;
    }

    /** A mean with its 95 % Student-t CI. */
    record Ci(int n, double mean, double low, double high) {}

    static Ci tCi(double[] v) {
        int n = v.length;
        if (n == 0) return new Ci(0, Double.NaN, Double.NaN, Double.NaN);
        double mean = 0;
        for (double x : v) mean += x;
        mean /= n;
        if (n == 1) return new Ci(1, mean, Double.NaN, Double.NaN);
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        double sd = Math.sqrt(ss / (n - 1));
        double half = tQuantile(n - 1) * sd / Math.sqrt(n);
        return new Ci(n, mean, mean - half, mean + half);
    }

    static double tQuantile(double df) {
        return new TDistribution(null, df).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
    }

    /** The 95 % CI of mean(b) − mean(a) for independent samples (Welch), for contrast with the paired one. */
    static Ci welch(double[] a, double[] b) {
        Ci ca = tCi(a), cb = tCi(b);
        double diff = cb.mean() - ca.mean();
        if (a.length < 2 || b.length < 2) return new Ci(0, diff, Double.NaN, Double.NaN);
        double va = variance(a, ca.mean()) / a.length, vb = variance(b, cb.mean()) / b.length;
        double se = Math.sqrt(va + vb);
        if (se == 0) return new Ci(a.length + b.length, diff, diff, diff);
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        double half = tQuantile(df) * se;
        return new Ci(a.length + b.length, diff, diff - half, diff + half);
    }

    private static double variance(double[] v, double mean) {
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        return ss / (v.length - 1);
    }

    /**
     * An arm against the first arm over some design points: the runs paired by design point and replication (both
     * complete, both with a value), the paired mean difference and its CI, the unpaired CI of the same runs, and how many
     * pairs shared their seed.
     */
    record Paired(String label, String arm, String reference, int pairs, Ci paired, Ci unpaired, int sameSeed) {}

    static Paired paired(List<Run> runs, String outcome, String reference, String arm, Predicate<Integer> designPoints, String label) {
        Map<Long, Run> ref = new TreeMap<>();
        for (Run r : runs)
            if (reference.equals(r.arm()) && designPoints.test(r.designPoint())) ref.putIfAbsent(key(r), r);
        List<double[]> pairs = new ArrayList<>();
        int same = 0;
        for (Run r : runs) {
            if (!arm.equals(r.arm()) || !designPoints.test(r.designPoint())) continue;
            Run a = ref.get(key(r));
            if (a == null) continue;
            double va = a.value(outcome), vb = r.value(outcome);
            if (Double.isNaN(va) || Double.isNaN(vb)) continue;
            pairs.add(new double[] {va, vb});
            if (a.seed() != null && a.seed().equals(r.seed())) same++;
        }
        double[] xa = new double[pairs.size()], xb = new double[pairs.size()], diff = new double[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            xa[i] = pairs.get(i)[0];
            xb[i] = pairs.get(i)[1];
            diff[i] = xb[i] - xa[i];
        }
        return new Paired(label, arm, reference, pairs.size(), tCi(diff), welch(xa, xb), same);
    }

    private static long key(Run r) { return (long) r.designPoint() * 1_000_000L + r.replication(); }

    /** Spearman's rank correlation of the outcome against a factor's value over complete runs; NaN with fewer than 3. */
    record Rank(Factor factor, String arm, int n, double rho) {}

    static Rank spearman(List<Run> runs, String outcome, Factor f, String arm) {
        List<double[]> xy = new ArrayList<>();
        for (Run r : runs) {
            if (!arm.isEmpty() && !arm.equals(r.arm())) continue;
            double x = SweepReportData.parse(r.factorValues().get(f.path())), y = r.value(outcome);
            if (!Double.isNaN(x) && !Double.isNaN(y)) xy.add(new double[] {x, y});
        }
        if (xy.size() < 3) return new Rank(f, arm, xy.size(), Double.NaN);
        double[] x = new double[xy.size()], y = new double[xy.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = xy.get(i)[0];
            y[i] = xy.get(i)[1];
        }
        return new Rank(f, arm, x.length, new SpearmansCorrelation().correlation(x, y));
    }
}
