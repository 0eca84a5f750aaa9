package datacapsim.report;

import static datacapsim.report.HtmlPage.esc;
import static datacapsim.report.SweepReport.ci;
import static datacapsim.report.SweepReport.fmt;
import static datacapsim.report.SweepReport.levelText;
import static datacapsim.report.SweepReport.unitParen;
import static datacapsim.report.SweepReport.yLabel;

import datacapsim.report.SweepReportData.Factor;
import datacapsim.report.SweepReportData.PointStat;
import datacapsim.report.SweepReportData.Scale;
import datacapsim.report.SweepReportStats.Paired;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * When a sweep compares arms, whatever its design: the arms side by side (per design point, or averaged over points)
 * and the paired difference of each arm against the first.
 */
final class ArmsComparison {
    /** Up to this many design points the arms are compared point by point; above it, averaged over points. */
    static final int MAX_COMPARE_POINTS = 12;

    private final SweepReportData d;
    private final ChartBudget charts;

    ArmsComparison(SweepReportData d, ChartBudget charts) {
        this.d = d;
        this.charts = charts;
    }

    /** The arms side by side (per design point, or averaged over points) and each arm's paired difference. */
    void write(StringBuilder b, String o) {
        Scale s = SweepReportData.scale(o);
        Map<Integer, Map<String, String>> dps = d.designPoints();
        List<Integer> dpList = new ArrayList<>(dps.keySet());
        boolean perPoint = dpList.size() <= MAX_COMPARE_POINTS;
        List<String> cats = new ArrayList<>();
        if (perPoint) {
            Set<String> seen = new HashSet<>();
            for (int dp : dpList) {
                String label = dpLabel(dps.get(dp));
                if (!seen.add(label)) label = label + " (#" + dp + ")";
                cats.add(label);
            }
        } else {
            cats.add("mean over " + dpList.size() + " design points");
        }
        List<String> arms = d.arms;
        double[][] means = new double[arms.size()][cats.size()];
        Double[][] halves = new Double[arms.size()][cats.size()];
        double[] avg = new double[arms.size()];
        for (int a = 0; a < arms.size(); a++) {
            Arrays.fill(means[a], Double.NaN);
            double sum = 0;
            int n = 0;
            for (PointStat p : d.points(o, arms.get(a))) {
                if (!p.hasMean()) continue;
                sum += p.mean();
                n++;
                if (perPoint) {
                    int k = dpList.indexOf(p.designPoint());
                    if (k < 0) continue;
                    means[a][k] = p.mean();
                    halves[a][k] = p.hasCi() ? Double.valueOf((p.ciHigh() - p.ciLow()) / 2) : null;
                }
            }
            avg[a] = n == 0 ? Double.NaN : sum / n;
            if (!perPoint) means[a][0] = avg[a];
        }
        StringBuilder r = new StringBuilder("Averaged over ").append(dpList.size())
                .append(dpList.size() == 1 ? " design point: " : " design points: ");
        for (int a = 0; a < arms.size(); a++)
            r.append(a == 0 ? "" : ", ").append(arms.get(a)).append(" ").append(fmt(avg[a]));
        r.append(s.suffix()).append('.');
        if (perPoint && dpList.size() > 1) {
            for (int a = 1; a < arms.size(); a++) {
                int above = 0;
                int both = 0;
                for (int k = 0; k < cats.size(); k++) {
                    if (Double.isNaN(means[a][k]) || Double.isNaN(means[0][k])) continue;
                    both++;
                    if (means[a][k] > means[0][k]) above++;
                }
                r.append(' ').append(arms.get(a)).append(" is above ").append(arms.get(0)).append(" at ").append(above)
                        .append(" of ").append(both).append(" design points.");
            }
        }
        if (!perPoint)
            r.append(" (More than ").append(MAX_COMPARE_POINTS)
                    .append(" design points: the bars are the arms' means averaged over points, without CI.)");
        String id = o + "--compare";
        String title = o + " by arm" + (perPoint ? "" : ", averaged over design points");
        String catLabel = d.factors.isEmpty() ? "" : perPoint ? factorNames() : "";
        String vLabel = yLabel(o, "mean");
        charts.chart(b, id, title, r.toString(),
                () -> SweepCharts.compare(title, catLabel, vLabel, arms, cats, means, halves), "");
        pairedTable(b, o, dpList, dps);
    }

    private void pairedTable(StringBuilder b, String o, List<Integer> dpList, Map<Integer, Map<String, String>> dps) {
        if (d.arms.size() < 2) return;
        Scale s = SweepReportData.scale(o);
        String ref = d.arms.get(0);
        List<Paired> rows = new ArrayList<>();
        int pairs = 0;
        int same = 0;
        double pairedWidth = 0;
        double unpairedWidth = 0;
        for (int a = 1; a < d.arms.size(); a++) {
            String arm = d.arms.get(a);
            if (dpList.size() <= MAX_COMPARE_POINTS && dpList.size() > 1)
                for (int dp : dpList)
                    rows.add(SweepReportStats.paired(d.runs, o, ref, arm, x -> x == dp,
                            "#" + dp + " " + dpLabel(dps.get(dp))));
            String label = dpList.size() == 1 ? "#" + dpList.get(0) + " " + dpLabel(dps.get(dpList.get(0)))
                    : "all " + dpList.size() + " design points";
            Paired all = SweepReportStats.paired(d.runs, o, ref, arm, x -> true, label);
            rows.add(all);
            pairs += all.pairs();
            same += all.sameSeed();
            double pw = all.paired().high() - all.paired().low();
            double uw = all.unpaired().high() - all.unpaired().low();
            if (Double.isFinite(pw) && Double.isFinite(uw) && uw > 0) {
                pairedWidth += pw;
                unpairedWidth += uw;
            }
        }
        b.append("<p>Paired difference of each arm against ").append(esc(ref))
                .append(": runs paired by design point and replication, the mean of the per-replication differences")
                .append(esc(unitParen(s))).append(" and its 95 % t CI.</p>\n");
        b.append("<table class=\"small paired\"><tr><th>design point</th><th>difference</th><th>pairs</th>")
                .append("<th>mean difference</th>")
                .append("<th>95 % CI, paired</th><th>95 % CI, unpaired (for contrast)</th></tr>");
        for (Paired p : rows)
            b.append("<tr><td>").append(esc(p.label())).append("</td><td>")
                    .append(esc(p.arm() + " − " + p.reference())).append("</td><td class=\"num\">").append(p.pairs())
                    .append("</td><td class=\"num\">").append(fmt(p.paired().mean())).append("</td><td class=\"num\">")
                    .append(ci(p.paired().low(), p.paired().high())).append("</td><td class=\"num\">")
                    .append(ci(p.unpaired().low(), p.unpaired().high())).append("</td></tr>");
        b.append("</table>\n<p class=\"meta\">");
        String here = !(unpairedWidth > 0) ? ""
                : pairedWidth == 0 ? " Here the difference is the same in every replication (a zero-width paired CI)."
                : String.format(Locale.ROOT, " Here the paired CI is %.0f %% as wide as the unpaired one.",
                        100 * pairedWidth / unpairedWidth);
        if (pairs == 0) b.append("No pair of complete runs with a value: no paired difference.");
        else if (same == pairs)
            b.append("Every pair shares its seed (common random numbers), so the noise both arms share cancels in the "
                    + "paired differences: that narrower paired CI is the point of common random numbers.")
                    .append(here);
        else if (same == 0)
            b.append("The paired runs do not share seeds, so no noise is shared by construction and pairing is, in "
                    + "expectation, no sharper than an unpaired comparison.").append(here);
        else
            b.append(same).append(" of ").append(pairs)
                    .append(" pairs share their seed; only those gain from common random numbers.").append(here);
        b.append("</p>\n");
    }

    private String factorNames() {
        List<String> n = new ArrayList<>();
        for (Factor f : d.factors) n.add(f.shortName());
        return String.join(", ", n);
    }

    private String dpLabel(Map<String, String> values) {
        if (values == null || d.factors.isEmpty()) return "all";
        List<String> v = new ArrayList<>();
        for (Factor f : d.factors) v.add(levelText(f, values.get(f.path())));
        return String.join(", ", v);
    }
}
