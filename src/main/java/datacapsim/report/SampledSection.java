package datacapsim.report;

import static datacapsim.report.HtmlPage.esc;
import static datacapsim.report.SweepReport.MAX_FACTOR_CHARTS;
import static datacapsim.report.SweepReport.rho;
import static datacapsim.report.SweepReport.unitParen;
import static datacapsim.report.SweepReport.yLabel;

import datacapsim.report.SweepReportData.Factor;
import datacapsim.report.SweepReportData.Run;
import datacapsim.report.SweepReportData.Scale;
import datacapsim.report.SweepReportStats.Rank;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The charts of one outcome for the sampling designs (Latin hypercube and Sobol draw their points differently but are
 * read alike): a scatter of each complete run against each numeric factor, those the outcome moves with most first
 * (at most {@link SweepReport#MAX_FACTOR_CHARTS}), and the Spearman rank correlation with every numeric factor.
 */
final class SampledSection implements SweepSection {
    private final SweepReportData d;
    private final ChartBudget charts;

    SampledSection(SweepReportData d, ChartBudget charts) {
        this.d = d;
        this.charts = charts;
    }

    @Override
    public void write(StringBuilder b, String o) {
        Scale s = SweepReportData.scale(o);
        List<String> arms = d.armsOrSingle();
        List<Factor> numeric = new ArrayList<>();
        List<Factor> other = new ArrayList<>();
        Map<Factor, List<Rank>> ranks = new LinkedHashMap<>();
        for (Factor f : d.factors) {
            if (!f.numeric()) {
                other.add(f);
                continue;
            }
            numeric.add(f);
            List<Rank> rs = new ArrayList<>();
            for (String arm : arms) rs.add(SweepReportStats.spearman(d.runs, o, f, arm));
            ranks.put(f, rs);
        }
        // the factors the outcome moves with most first (largest |rho| over arms); ties keep the factors' order
        List<Factor> order = new ArrayList<>(numeric);
        order.sort(Comparator.comparingDouble((Factor f) -> -maxAbs(ranks.get(f))));
        for (int k = 0; k < Math.min(MAX_FACTOR_CHARTS, order.size()); k++) scatter(b, o, order.get(k), arms, ranks);
        if (order.size() > MAX_FACTOR_CHARTS)
            b.append("<p class=\"meta\">").append(order.size() - MAX_FACTOR_CHARTS)
                    .append(order.size() - MAX_FACTOR_CHARTS == 1 ? " more factor" : " more factors")
                    .append(" not charted for this outcome (at most ").append(MAX_FACTOR_CHARTS)
                    .append(", those with the largest |ρ|); all are in the table.</p>\n");
        if (numeric.isEmpty()) return;
        b.append("<p>Spearman rank correlation of ").append(esc(o)).append(" with each factor over complete runs")
                .append(esc(unitParen(s).isEmpty() ? ""
                        : " (values in " + s.unit() + "; ranks do not depend on the unit)"))
                .append(", n runs in brackets:</p>\n<table class=\"small\"><tr><th>factor</th>");
        for (String arm : arms) b.append("<th>").append(esc(arm.isEmpty() ? "ρ" : "ρ " + arm)).append("</th>");
        b.append("</tr>");
        for (Factor f : numeric) {
            b.append("<tr><td><code>").append(esc(f.path())).append("</code></td>");
            for (Rank rk : ranks.get(f))
                b.append("<td class=\"num\">").append(rho(rk.rho())).append(" (").append(rk.n()).append(")</td>");
            b.append("</tr>");
        }
        b.append("</table>\n");
        if (!other.isEmpty()) {
            List<String> paths = new ArrayList<>();
            for (Factor f : other) paths.add(f.path());
            b.append("<p class=\"meta\">Not ranked (categorical): ").append(esc(String.join(", ", paths)))
                    .append(".</p>\n");
        }
    }

    /** The outcome of each complete run against one factor, a series per arm, read by its rank correlations. */
    private void scatter(StringBuilder b, String o, Factor f, List<String> arms, Map<Factor, List<Rank>> ranks) {
        List<String> names = new ArrayList<>();
        List<double[][]> xy = new ArrayList<>();
        boolean log = f.log();
        for (String arm : arms) {
            List<double[]> pts = new ArrayList<>();
            for (Run r : d.runs) {
                if (!arm.isEmpty() && !arm.equals(r.arm())) continue;
                double x = SweepReportData.parse(r.factorValues().get(f.path()));
                double y = r.value(o);
                if (Double.isNaN(x) || Double.isNaN(y)) continue;
                if (x <= 0) log = false;
                pts.add(new double[] {x, y});
            }
            double[][] v = new double[2][pts.size()];
            for (int i = 0; i < pts.size(); i++) {
                v[0][i] = pts.get(i)[0];
                v[1][i] = pts.get(i)[1];
            }
            names.add(arm.isEmpty() ? "complete runs" : arm);
            xy.add(v);
        }
        StringBuilder r = new StringBuilder();
        for (Rank rk : ranks.get(f)) {
            if (r.length() > 0) r.append("; ");
            if (!rk.arm().isEmpty()) r.append(rk.arm()).append(": ");
            r.append("Spearman ρ = ").append(rho(rk.rho())).append(" over ").append(rk.n()).append(" complete runs");
            if (!Double.isNaN(rk.rho())) r.append(", ").append(direction(rk.rho(), o, f.path()));
        }
        r.append('.');
        String id = o + "--vs--" + f.path();
        String title = o + " vs " + f.path() + " (each complete run)";
        boolean logAxis = log;
        String yLabel = yLabel(o, "end-of-run value");
        charts.chart(b, id, title, r.toString(),
                () -> SweepCharts.scatter(title, f.label(), logAxis, yLabel, names, xy), "");
    }

    static double maxAbs(List<Rank> rs) {
        double m = -1;
        for (Rank r : rs) if (!Double.isNaN(r.rho())) m = Math.max(m, Math.abs(r.rho()));
        return m;
    }

    static String direction(double rho, String o, String f) {
        double a = Math.abs(rho);
        if (a < 0.2) return "no clear monotone relation";
        String verb = rho > 0 ? "rises" : "falls";
        return (a >= 0.5 ? o + " " + verb + " with " : o + " tends to " + (rho > 0 ? "rise" : "fall") + " with ") + f;
    }
}
