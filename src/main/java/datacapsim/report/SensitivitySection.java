package datacapsim.report;

import static datacapsim.report.HtmlPage.esc;
import static datacapsim.report.SweepReport.ci;
import static datacapsim.report.SweepReport.fmt;

import datacapsim.report.SweepReportData.Scale;
import datacapsim.report.SweepReportData.SensitivityIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sensitivity indices of one outcome, from sensitivity.csv (sobol and morris sweeps): for sobol, S1 and ST per
 * factor as bars with their bootstrap intervals and a table; for morris, the μ*–σ plane and a table of μ, μ* (with its
 * interval) and σ. Factors are ranked by ST (sobol) or μ* (morris). Nothing is written when the file has no rows for
 * the outcome.
 */
final class SensitivitySection {
    private final SweepReportData d;
    private final ChartBudget charts;

    SensitivitySection(SweepReportData d, ChartBudget charts) {
        this.d = d;
        this.charts = charts;
    }

    /** Writes the indices of outcome {@code o} into {@code b}. */
    void write(StringBuilder b, String o) {
        List<SensitivityIndex> rows = d.sensitivity.getOrDefault(o, List.of());
        if (rows.isEmpty()) return;
        Map<String, Map<String, SensitivityIndex>> byFactor = new LinkedHashMap<>();
        for (SensitivityIndex x : rows)
            byFactor.computeIfAbsent(x.factor(), f -> new LinkedHashMap<>()).put(x.index(), x);
        if (rows.get(0).method().equals("morris")) morris(b, o, byFactor);
        else sobol(b, o, byFactor);
        if (!d.json.path("common_random_numbers").asBoolean(false))
            b.append("<p class=\"meta\">Seeds differ between points (commonRandomNumbers is false), so these indices")
                    .append(" include run-to-run noise as if it were an effect of the factors.</p>\n");
    }

    private void sobol(StringBuilder b, String o, Map<String, Map<String, SensitivityIndex>> byFactor) {
        List<String> factors = ranked(byFactor, "ST");
        String[] names = {"S1", "ST"};
        double[][] v = new double[2][factors.size()], lo = new double[2][factors.size()];
        double[][] hi = new double[2][factors.size()];
        int n = 0;
        for (int k = 0; k < factors.size(); k++)
            for (int s = 0; s < 2; s++) {
                SensitivityIndex x = byFactor.get(factors.get(k)).get(names[s]);
                v[s][k] = x == null ? Double.NaN : x.value();
                lo[s][k] = x == null ? Double.NaN : x.ciLow();
                hi[s][k] = x == null ? Double.NaN : x.ciHigh();
                if (x != null) n = Math.max(n, x.n());
            }
        StringBuilder reading = new StringBuilder();
        if (factors.isEmpty() || Double.isNaN(v[1][0])) {
            reading.append("No index is defined (the outcome does not vary over the complete sample rows, or too few")
                    .append(" are complete); n = ").append(n).append(" rows.");
        } else {
            reading.append("Ranked by total index: ");
            for (int k = 0; k < Math.min(3, factors.size()); k++) {
                if (Double.isNaN(v[1][k])) break;
                if (k > 0) reading.append("; ");
                reading.append(factors.get(k)).append(" ST ").append(fmt(v[1][k])).append(' ')
                        .append(ci(lo[1][k], hi[1][k])).append(", S1 ").append(fmt(v[0][k]));
            }
            double sum = 0;
            for (double s1 : v[0]) if (!Double.isNaN(s1)) sum += s1;
            reading.append(". Sum of S1 = ").append(fmt(sum)).append(sum < 0.8
                    ? " (well below 1: interactions between factors carry much of the variance)"
                    : " (near 1: the factors act mostly additively)")
                    .append("; n = ").append(n).append(" sample rows, 95 % bootstrap intervals.");
        }
        String title = o + ": Sobol indices S1 and ST per factor";
        List<String> shortNames = shortNames(factors);
        charts.chart(b, o + "--sobol", title, reading.toString(),
                () -> SweepCharts.indexBars(title, "share of the outcome's variance", shortNames, List.of(names),
                        v, lo, hi), table(byFactor, factors, List.of("S1", "ST"), 1));
    }

    private void morris(StringBuilder b, String o, Map<String, Map<String, SensitivityIndex>> byFactor) {
        List<String> factors = ranked(byFactor, "mu_star");
        Scale s = SweepReportData.scale(o);
        double div = s.divisor().doubleValue();
        double[] muStar = new double[factors.size()], sigma = new double[factors.size()];
        int n = 0;
        for (int k = 0; k < factors.size(); k++) {
            SensitivityIndex m = byFactor.get(factors.get(k)).get("mu_star");
            SensitivityIndex sg = byFactor.get(factors.get(k)).get("sigma");
            muStar[k] = m == null ? Double.NaN : m.value() / div;
            sigma[k] = sg == null ? Double.NaN : sg.value() / div;
            if (m != null) n = Math.max(n, m.n());
        }
        StringBuilder reading = new StringBuilder();
        if (factors.isEmpty() || Double.isNaN(muStar[0])) {
            reading.append("No elementary effect is defined (too few steps with both points complete).");
        } else {
            reading.append("Ranked by μ* (mean absolute elementary effect, ")
                    .append(s.unit().isEmpty() ? "outcome units" : s.unit())
                    .append(" per whole interval of the factor): ");
            for (int k = 0; k < Math.min(3, factors.size()); k++) {
                if (k > 0) reading.append("; ");
                reading.append(factors.get(k)).append(" μ* ").append(fmt(muStar[k])).append(", σ ")
                        .append(fmt(sigma[k]));
            }
            reading.append(". A σ near or above μ* marks a nonlinear effect or interactions; up to ").append(n)
                    .append(" effects per factor.");
        }
        String title = o + ": Morris μ* and σ per factor";
        List<String> shortNames = shortNames(factors);
        String unit = s.unit().isEmpty() ? "" : " (" + s.unit() + ")";
        charts.chart(b, o + "--morris", title, reading.toString(),
                () -> SweepCharts.muStarSigma(title, "μ* (mean |elementary effect|)" + unit, "σ of the effects" + unit,
                        shortNames, muStar, sigma), table(byFactor, factors, List.of("mu", "mu_star", "sigma"), div));
    }

    /** The factors, largest {@code index} first (undefined last; ties keep the file's order). */
    private static List<String> ranked(Map<String, Map<String, SensitivityIndex>> byFactor, String index) {
        List<String> out = new ArrayList<>(byFactor.keySet());
        out.sort(Comparator.comparingDouble((String f) -> {
            SensitivityIndex x = byFactor.get(f).get(index);
            return x == null || Double.isNaN(x.value()) ? Double.POSITIVE_INFINITY : -x.value();
        }));
        return out;
    }

    /** The indices of every factor with their intervals; values divided by {@code div} (the outcome's display unit). */
    private static String table(Map<String, Map<String, SensitivityIndex>> byFactor, List<String> factors,
                                List<String> indices, double div) {
        StringBuilder t = new StringBuilder("<table class=\"small\"><tr><th>factor</th>");
        for (String i : indices) t.append("<th>").append(esc(header(i))).append("</th><th>95 % interval</th>");
        t.append("<th>n</th></tr>");
        for (String f : factors) {
            t.append("<tr><td><code>").append(esc(f)).append("</code></td>");
            int n = 0;
            for (String i : indices) {
                SensitivityIndex x = byFactor.get(f).get(i);
                t.append("<td class=\"num\">").append(x == null ? "–" : fmt(x.value() / div))
                        .append("</td><td class=\"num\">")
                        .append(x == null ? "–" : ci(x.ciLow() / div, x.ciHigh() / div)).append("</td>");
                if (x != null) n = Math.max(n, x.n());
            }
            t.append("<td class=\"num\">").append(n).append("</td></tr>");
        }
        return t.append("</table>\n").toString();
    }

    private static String header(String index) {
        return switch (index) {
            case "mu" -> "μ";
            case "mu_star" -> "μ*";
            case "sigma" -> "σ";
            default -> index;
        };
    }

    /** The last segment of each path, or the whole paths when two last segments are the same. */
    private static List<String> shortNames(List<String> paths) {
        List<String> out = new ArrayList<>();
        for (String p : paths) out.add(shortName(p));
        return out.stream().distinct().count() == out.size() ? out : paths;
    }

    private static String shortName(String path) {
        int dot = path.lastIndexOf('.');
        return dot >= 0 && dot < path.length() - 1 ? path.substring(dot + 1) : path;
    }
}
