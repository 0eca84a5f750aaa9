package datacapsim.report;

import static datacapsim.report.HtmlPage.esc;

import datacapsim.report.SweepReportData.Factor;
import datacapsim.report.SweepReportData.PointStat;
import datacapsim.report.SweepReportData.Scale;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds a sweep's charts ({@code charts/<id>.png} and {@code .svg}) and {@code report.html} from its folder's
 * sweep.json, points.csv and runs.csv alone, so the report can be rebuilt from a finished (or merged) sweep and two
 * builds give the same bytes. Which charts it draws follows the design ({@link SweepSection}): the outcome against the
 * factor (one factor), a heat map (two factors on a grid), main effects (more factors on a grid), a tornado
 * (one-at-a-time), scatters with rank correlations (Latin hypercube, Sobol, Morris), the sensitivity indices of
 * sensitivity.csv ({@link SensitivitySection}: Sobol S1 and ST bars, Morris μ*–σ), and, when the sweep compares arms
 * ({@link ArmsComparison}), the arms side by side with the paired difference of each against the first. The parts
 * that do not depend on the design are {@link SweepTables}; the cap on charts is {@link ChartBudget}.
 */
public final class SweepReport {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private SweepReport() {}

    /** Most charts one report draws; the rest keep their reading and tables but no picture. */
    static final int MAX_CHARTS = 60;
    /** Most factors charted per outcome in scatter and per-factor designs. */
    static final int MAX_FACTOR_CHARTS = 6;

    private static final String CSS = HtmlPage.CSS + "table.small{font-size:.85em}.scroll{overflow-x:auto}\n";

    /** Writes charts/ and report.html into sweepDir from sweep.json, points.csv and runs.csv; returns its path. */
    public static Path build(Path sweepDir) {
        SweepReportData d = SweepReportData.read(sweepDir);
        try {
            Path charts = sweepDir.resolve("charts");
            Files.createDirectories(charts);
            String html = page(d, new ChartBudget(charts, MAX_CHARTS));
            Path report = sweepDir.resolve("report.html");
            Files.writeString(report, html, StandardCharsets.UTF_8);
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sweep report in " + sweepDir, e);
        }
    }

    /** True when dir holds a sweep (has sweep.json). */
    public static boolean isSweep(Path dir) { return SweepReportData.isSweep(dir); }

    private static String page(SweepReportData d, ChartBudget charts) {
        SweepTables tables = new SweepTables(d);
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(d.name))
                .append(" — datacap-sim sweep report</title><style>").append(CSS).append("</style></head><body>\n");
        b.append("<h1>").append(esc(d.name)).append("</h1>\n");
        if (!d.question.isBlank()) b.append("<p class=\"question\">").append(esc(d.question)).append("</p>\n");
        if (!d.description.isBlank()) b.append("<p>").append(esc(d.description)).append("</p>\n");
        b.append("<p class=\"meta\">").append(esc(tables.metaLine())).append("</p>\n");
        tables.factorTable(b);
        b.append("<nav><a href=\"#failed\">Failed runs</a><a href=\"#outcomes\">Outcomes</a>")
                .append("<a href=\"#points\">Points</a><a href=\"#provenance\">Provenance</a></nav>\n");
        tables.failed(b);
        b.append("<h2 id=\"outcomes\">Outcomes</h2>\n");
        SweepSection section = SweepSection.of(d, charts);
        ArmsComparison arms = new ArmsComparison(d, charts);
        SensitivitySection sensitivity = new SensitivitySection(d, charts);
        List<String> charted = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (String o : d.outcomes) if (outcome(body, d, o, section, arms, sensitivity)) charted.add(o);
        int leftOut = charts.leftOut();
        if (leftOut > 0)
            b.append("<p class=\"meta\">").append(leftOut).append(leftOut == 1 ? " chart was" : " charts were")
                    .append(" left out: a report draws at most ").append(charts.max())
                    .append("; their readings and tables are still below.</p>\n");
        b.append(body);
        tables.pointsTable(b, charted);
        tables.provenance(b);
        b.append("<p class=\"meta\">Built by datacap-sim from the sweep's sweep.json, runs.csv and points.csv")
                .append(d.sensitivity.isEmpty() ? "" : " (and sensitivity.csv)").append(" alone.")
                .append("</p>\n</body></html>\n");
        return b.toString();
    }

    /** One outcome's heading, its design's charts and the arms compared; false when no point has a mean for it. */
    private static boolean outcome(StringBuilder b, SweepReportData d, String o, SweepSection section,
                                   ArmsComparison arms, SensitivitySection sensitivity) {
        List<PointStat> all = d.points.getOrDefault(o, List.of());
        boolean any = false;
        for (PointStat p : all) any |= p.hasMean();
        if (!any) {
            b.append("<p class=\"meta\" id=\"").append(esc(sanitize(o))).append("\">").append(esc(o))
                    .append(": no point has a mean (no complete run has a value for it); not charted.</p>\n");
            return false;
        }
        Scale s = SweepReportData.scale(o);
        b.append("<h2 id=\"").append(esc(sanitize(o))).append("\">").append(esc(o)).append(esc(unitParen(s)))
                .append("</h2>\n");
        sensitivity.write(b, o);
        section.write(b, o);
        if (d.comparing()) arms.write(b, o);
        else if (d.factors.isEmpty())
            b.append("<p class=\"meta\">No factor is varied and no arms are compared: nothing to chart.</p>\n");
        return true;
    }

    // ---- how the report writes names and numbers -----------------------------------------------------------------

    /** A chart id reduced to file-name-safe characters. */
    static String sanitize(String id) {
        String s = id.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }

    /**
     * A number as the sweep report shows it: four significant digits (sweeps compare close values, so two decimals are
     * too coarse), trailing zeros dropped, thousands grouped without decimals; "–" when undefined.
     */
    static String fmt(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return "–";
        if (v == 0) return "0";
        if (Math.abs(v) >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
        String s = String.format(Locale.ROOT, "%.4g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        String exponent = e < 0 ? "" : s.substring(e);
        if (mantissa.contains(".")) mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        return mantissa + exponent;
    }

    static String ci(double low, double high) {
        if (Double.isNaN(low) || Double.isNaN(high)) return "–";
        return "[" + fmt(low) + ", " + fmt(high) + "]";
    }

    static String rho(double r) { return Double.isNaN(r) ? "–" : String.format(Locale.ROOT, "%.3f", r); }

    /** A factor's value as shown: its level label, or for a sampled (continuous) factor the number to four digits. */
    static String levelText(Factor f, String cell) {
        if (cell == null) return "–";
        double num = SweepReportData.parse(cell);
        return f.levels().isEmpty() && !Double.isNaN(num) ? fmt(num) : cell;
    }

    /** A value axis label: the outcome, what is plotted and the unit. */
    static String yLabel(String o, String what) {
        Scale s = SweepReportData.scale(o);
        return o + ", " + what + (s.unit().isEmpty() ? "" : " (" + s.unit() + ")");
    }

    /** " (PiB)", " (FIL)" or "" to follow a name. */
    static String unitParen(Scale s) { return s.unit().isEmpty() ? "" : " (" + s.unit() + ")"; }
}
