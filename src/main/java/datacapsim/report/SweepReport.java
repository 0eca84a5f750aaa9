package datacapsim.report;

import static datacapsim.report.HtmlPage.esc;

import com.fasterxml.jackson.databind.JsonNode;
import datacapsim.report.SweepReportData.Factor;
import datacapsim.report.SweepReportData.PointStat;
import datacapsim.report.SweepReportData.Run;
import datacapsim.report.SweepReportData.Scale;
import datacapsim.report.SweepReportStats.Cell;
import datacapsim.report.SweepReportStats.Level;
import datacapsim.report.SweepReportStats.Paired;
import datacapsim.report.SweepReportStats.Rank;
import datacapsim.report.SweepReportStats.Swing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jfree.chart.JFreeChart;

/**
 * Builds a sweep's charts ({@code charts/<id>.png} and {@code .svg}) and {@code report.html} from its folder's
 * sweep.json, points.csv and runs.csv alone, so the report can be rebuilt from a finished (or merged) sweep and two
 * builds give the same bytes. Which charts it draws follows the design: the outcome against the factor (one factor),
 * a heat map (two factors on a grid), main effects (more factors on a grid), a tornado (one-at-a-time), scatters with
 * rank correlations (Latin hypercube, Sobol), and, when the sweep compares arms, the arms side by side with the paired
 * difference of each against the first.
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
    /** Up to this many design points the arms are compared point by point; above it, averaged over points. */
    static final int MAX_COMPARE_POINTS = 12;
    static final int MAX_FAILED = 50;
    static final int MAX_POINT_ROWS = 200;

    /** Writes charts/ and report.html into sweepDir from sweep.json, points.csv and runs.csv; returns report.html's path. */
    public static Path build(Path sweepDir) {
        SweepReportData d = SweepReportData.read(sweepDir);
        try {
            Path charts = sweepDir.resolve("charts");
            Files.createDirectories(charts);
            Builder b = new Builder(d, charts);
            String html = b.page();
            Path report = sweepDir.resolve("report.html");
            Files.writeString(report, html, StandardCharsets.UTF_8);
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sweep report in " + sweepDir, e);
        }
    }

    /** True when dir holds a sweep (has sweep.json). */
    public static boolean isSweep(Path dir) { return SweepReportData.isSweep(dir); }

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
        String mantissa = e < 0 ? s : s.substring(0, e), exponent = e < 0 ? "" : s.substring(e);
        if (mantissa.contains(".")) mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        return mantissa + exponent;
    }

    static String ci(double low, double high) {
        if (Double.isNaN(low) || Double.isNaN(high)) return "–";
        return "[" + fmt(low) + ", " + fmt(high) + "]";
    }

    static String rho(double r) { return Double.isNaN(r) ? "–" : String.format(Locale.ROOT, "%.3f", r); }

    /** sweep.json fields that say when and how long, not what: left out of the page. */
    private static final java.util.Set<String> TIMES = java.util.Set.of("started_at", "wall_seconds");

    private static final String CSS = HtmlPage.CSS + "table.small{font-size:.85em}.scroll{overflow-x:auto}\n";


    /** One build: the data, the chart folder, the charts drawn and left out so far. */
    private static final class Builder {
        final SweepReportData d;
        final Path chartsDir;
        final Set<String> ids = new HashSet<>();
        int drawn;
        int leftOut;
        final List<String> charted = new ArrayList<>();

        Builder(SweepReportData d, Path chartsDir) {
            this.d = d;
            this.chartsDir = chartsDir;
        }

        String page() throws IOException {
            StringBuilder b = new StringBuilder();
            b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(d.name))
                    .append(" — datacap-sim sweep report</title><style>").append(CSS).append("</style></head><body>\n");
            b.append("<h1>").append(esc(d.name)).append("</h1>\n");
            if (!d.question.isBlank()) b.append("<p class=\"question\">").append(esc(d.question)).append("</p>\n");
            if (!d.description.isBlank()) b.append("<p>").append(esc(d.description)).append("</p>\n");
            b.append("<p class=\"meta\">").append(esc(metaLine())).append("</p>\n");
            factorTable(b);
            b.append("<nav><a href=\"#failed\">Failed runs</a><a href=\"#outcomes\">Outcomes</a><a href=\"#points\">Points</a>")
                    .append("<a href=\"#provenance\">Provenance</a></nav>\n");
            failed(b);
            b.append("<h2 id=\"outcomes\">Outcomes</h2>\n");
            StringBuilder body = new StringBuilder();
            for (String o : d.outcomes) outcome(body, o);
            if (leftOut > 0)
                b.append("<p class=\"meta\">").append(leftOut).append(leftOut == 1 ? " chart was" : " charts were")
                        .append(" left out: a report draws at most ").append(MAX_CHARTS)
                        .append("; their readings and tables are still below.</p>\n");
            b.append(body);
            pointsTable(b);
            provenance(b);
            b.append("<p class=\"meta\">Built by datacap-sim from the sweep's sweep.json, runs.csv and points.csv alone.</p>\n</body></html>\n");
            return b.toString();
        }

        // ---- header ----------------------------------------------------------------------------------------

        String metaLine() {
            Set<Integer> points = new java.util.TreeSet<>(), dps = new java.util.TreeSet<>();
            int complete = 0, failed = 0, missing = 0;
            for (Run r : d.runs) {
                points.add(r.point());
                dps.add(r.designPoint());
                switch (r.status() == null ? "" : r.status()) {
                    case "complete" -> complete++;
                    case "failed" -> failed++;
                    default -> missing++;
                }
            }
            for (List<PointStat> l : d.points.values())
                for (PointStat p : l) {
                    points.add(p.point());
                    dps.add(p.designPoint());
                }
            StringBuilder m = new StringBuilder("design ").append(d.design);
            String reps = SweepReportData.text(d.json, "replications", null);
            if (reps != null) m.append(", ").append(reps).append(" replication").append("1".equals(reps) ? "" : "s");
            String samples = SweepReportData.text(d.json, "samples", null);
            if (samples != null) m.append(", ").append(samples).append(" samples");
            m.append(", ").append(points.size()).append(points.size() == 1 ? " point" : " points");
            if (d.comparing())
                m.append(" (").append(dps.size()).append(" design point").append(dps.size() == 1 ? "" : "s").append(" × ")
                        .append(d.arms.size()).append(" arms: ").append(String.join(", ", d.arms)).append(")");
            m.append(", ").append(d.runs.size()).append(d.runs.size() == 1 ? " run" : " runs").append(": ").append(complete)
                    .append(" complete, ").append(failed).append(" failed, ").append(missing).append(" missing; ");
            m.append(seeding());
            String base = SweepReportData.text(d.json, "base_seed", null);
            if (base != null) m.append(", base seed ").append(base);
            return m.toString();
        }

        /** How the runs' seeds relate, read from runs.csv, with sweep.json's common_random_numbers flag. */
        String seeding() {
            Map<Integer, Set<String>> byRep = new TreeMap<>();
            Map<Long, Set<String>> byDpRep = new TreeMap<>();
            for (Run r : d.runs) {
                if (r.seed() == null) continue;
                byRep.computeIfAbsent(r.replication(), k -> new java.util.TreeSet<>()).add(r.seed());
                byDpRep.computeIfAbsent((long) r.designPoint() * 1_000_000L + r.replication(), k -> new java.util.TreeSet<>()).add(r.seed());
            }
            boolean allShare = !byRep.isEmpty(), armsShare = !byDpRep.isEmpty();
            for (Set<String> v : byRep.values()) allShare &= v.size() == 1;
            for (Set<String> v : byDpRep.values()) armsShare &= v.size() == 1;
            String flag = "; sweep.json common_random_numbers: " + d.json.path("common_random_numbers").asText("–");
            if (d.runs.size() < 2 || byRep.isEmpty()) return flag.substring(2);
            if (allShare && byDpRep.size() == byRep.size())
                return (d.comparing() ? "the arms share the seed of each replication (common random numbers)" : "one seed per replication") + flag;
            if (allShare) return "every point uses the same seed in a replication: common random numbers" + flag;
            if (d.comparing() && armsShare) return "the arms share seeds within a design point and replication; design points have their own" + flag;
            return "every point has its own seeds" + flag;
        }

        void factorTable(StringBuilder b) {
            if (d.factors.isEmpty()) {
                b.append("<p class=\"meta\">No factor is varied.</p>\n");
                return;
            }
            b.append("<table class=\"small\"><tr><th>factor</th><th>meaning</th><th>unit</th><th>levels</th><th>axis</th><th>base</th></tr>");
            for (Factor f : d.factors) {
                String levels;
                if (!f.levels().isEmpty()) levels = String.join(", ", f.levels());
                else {
                    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                    for (Run r : d.runs) {
                        double v = SweepReportData.parse(r.factorValues().get(f.path()));
                        if (!Double.isNaN(v)) {
                            lo = Math.min(lo, v);
                            hi = Math.max(hi, v);
                        }
                    }
                    levels = lo <= hi ? "sampled from " + fmt(lo) + " to " + fmt(hi) : "sampled";
                }
                b.append("<tr><td><code>").append(esc(f.path())).append("</code></td><td>").append(esc(f.doc())).append("</td><td>")
                        .append(esc(f.unit())).append("</td><td>").append(esc(levels)).append("</td><td>")
                        .append(f.numeric() ? (f.log() ? "log" : "linear") : "categorical").append("</td><td>")
                        .append(esc(f.base() == null ? "" : f.base())).append("</td></tr>");
            }
            b.append("</table>\n");
        }

        void failed(StringBuilder b) {
            b.append("<h2 id=\"failed\">Failed runs</h2>\n");
            List<Run> failed = new ArrayList<>();
            for (Run r : d.runs) if ("failed".equals(r.status())) failed.add(r);
            if (failed.isEmpty()) {
                b.append("<p>No run failed.</p>\n");
                return;
            }
            b.append("<p>").append(failed.size()).append(failed.size() == 1 ? " run" : " runs").append(" failed")
                    .append(failed.size() > MAX_FAILED ? "; the first " + MAX_FAILED + " are listed" : "")
                    .append(". Their outcomes are left out of the means.</p>\n");
            b.append("<table class=\"small\"><tr><th>run</th><th>point</th><th>design point</th>")
                    .append(d.comparing() ? "<th>arm</th>" : "").append("<th>replication</th><th>seed</th><th>error</th></tr>");
            for (int i = 0; i < Math.min(MAX_FAILED, failed.size()); i++) {
                Run r = failed.get(i);
                b.append("<tr><td class=\"num\">").append(r.run()).append("</td><td class=\"num\">").append(r.point())
                        .append("</td><td class=\"num\">").append(r.designPoint()).append("</td>")
                        .append(d.comparing() ? "<td>" + esc(r.arm()) + "</td>" : "").append("<td class=\"num\">")
                        .append(r.replication()).append("</td><td class=\"num\">").append(esc(r.seed())).append("</td><td>")
                        .append(esc(r.error() == null ? "" : r.error())).append("</td></tr>");
            }
            b.append("</table>\n");
        }

        // ---- charts per outcome ----------------------------------------------------------------------------

        void outcome(StringBuilder b, String o) {
            List<PointStat> all = d.points.getOrDefault(o, List.of());
            boolean any = false;
            for (PointStat p : all) any |= p.hasMean();
            if (!any) {
                b.append("<p class=\"meta\" id=\"").append(esc(sanitize(o))).append("\">").append(esc(o))
                        .append(": no point has a mean (no complete run has a value for it); not charted.</p>\n");
                return;
            }
            charted.add(o);
            Scale s = SweepReportData.scale(o);
            b.append("<h2 id=\"").append(esc(sanitize(o))).append("\">").append(esc(o)).append(esc(s.unit().isEmpty() ? "" : " (" + s.unit() + ")"))
                    .append("</h2>\n");
            int k = d.factors.size();
            switch (d.design) {
                case "grid" -> {
                    if (k == 1) vs(b, o, d.factors.get(0), false);
                    else if (k == 2) {
                        heatmaps(b, o);
                        slices(b, o);
                    }
                    else if (k > 2) perFactor(b, o, true);
                }
                case "one-at-a-time" -> tornados(b, o);
                case "latin-hypercube", "sobol" -> scatters(b, o);
                default -> {
                    if (k == 1) vs(b, o, d.factors.get(0), false);
                    else if (k > 1) perFactor(b, o, false);
                }
            }
            if (d.comparing()) compare(b, o);
            else if (k == 0) b.append("<p class=\"meta\">No factor is varied and no arms are compared: nothing to chart.</p>\n");
        }

        /**
         * Outcome against each factor (zip and other designs; at most {@link #MAX_FACTOR_CHARTS}) or main effects (grid
         * with more than two factors: every factor, led by a line ranking the factors by the spread of their level means).
         */
        void perFactor(StringBuilder b, String o, boolean mainEffects) {
            if (mainEffects) {
                // every factor gets its main-effects chart (within the report's cap), led by their spreads, largest first
                Scale s = SweepReportData.scale(o);
                for (String arm : d.armsOrSingle()) {
                    List<Object[]> spreads = new ArrayList<>();
                    for (Factor f : d.factors) {
                        List<Level> ls = SweepReportStats.levels(d.points(o, arm), f, d.levels(f), null, p -> true);
                        if (ls.isEmpty()) continue;
                        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                        for (Level l : ls) {
                            lo = Math.min(lo, l.mean());
                            hi = Math.max(hi, l.mean());
                        }
                        spreads.add(new Object[] {f.path(), hi - lo});
                    }
                    if (spreads.isEmpty()) continue;
                    spreads.sort(java.util.Comparator.comparingDouble((Object[] x) -> -(Double) x[1]));
                    List<String> parts = new ArrayList<>();
                    for (Object[] x : spreads) parts.add(x[0] + " " + fmt((Double) x[1]));
                    b.append("<p>").append(esc((arm.isEmpty() ? "" : arm + ": ") + "spread of the level means (mean of point means at a level)"
                            + unitParen(s) + " by factor, largest first: " + String.join(", ", parts) + ".")).append("</p>\n");
                }
                for (Factor f : d.factors) vs(b, o, f, true);
                return;
            }
            int n = 0;
            for (Factor f : d.factors) {
                if (n++ == MAX_FACTOR_CHARTS) {
                    int more = d.factors.size() - MAX_FACTOR_CHARTS;
                    b.append("<p class=\"meta\">").append(more).append(more == 1 ? " more factor" : " more factors")
                            .append(" not charted for this outcome (at most ").append(MAX_FACTOR_CHARTS).append(").</p>\n");
                    break;
                }
                vs(b, o, f, mainEffects);
            }
        }

        /**
         * The outcome against one factor, a line per arm: at a level held by one point its mean and 95 % CI band; with
         * {@code mainEffect}, the mean of point means at each level and the range of point means as the band.
         */
        void vs(StringBuilder b, String o, Factor f, boolean mainEffect) {
            Scale s = SweepReportData.scale(o);
            List<String> levels = d.levels(f);
            // log-spaced levels sit evenly on a level axis, which is a log axis labelled with the levels themselves
            double[] xs = f.log() ? null : SweepReportStats.numericLevels(f, levels);
            String xLabel = f.log() ? f.label() + ", log-spaced levels" : f.label();
            List<String> names = new ArrayList<>();
            List<List<Level>> series = new ArrayList<>();
            for (String arm : d.armsOrSingle()) {
                List<Level> ls = SweepReportStats.levels(d.points(o, arm), f, levels, xs, p -> true);
                if (ls.isEmpty()) continue;
                names.add(arm.isEmpty() ? (mainEffect ? "mean of point means (band: min–max of point means)" : "mean (band: 95 % CI)")
                        : arm);
                series.add(ls);
            }
            if (series.isEmpty()) return;
            String id = mainEffect ? o + "--main--" + f.path() : o + "--vs--" + f.path();
            String title = mainEffect ? "Main effect of " + f.path() + " on " + o : o + " vs " + f.path();
            String yLabel = yLabel(o, mainEffect ? "mean of point means" : "mean");
            String reading = trend(mainEffect ? "the level mean" : "the mean", names, series, f, s, !mainEffect);
            if (d.comparing()) reading += mainEffect ? " Bands: min–max of point means at each level." : " Bands: 95 % CIs.";
            String[] cats = xs == null ? levels.toArray(String[]::new) : null;
            chart(b, id, title, reading, () -> SweepCharts.bands(title, xLabel, yLabel, names, series, cats), "");
        }

        /**
         * Two factors on a grid: the outcome against the first factor with its 95 % CI band, one line per level of the
         * second (and per arm), so the heat map's cells can be read with their uncertainty.
         */
        void slices(StringBuilder b, String o) {
            Factor fx = d.factors.get(0), fy = d.factors.get(1);
            List<String> lx = d.levels(fx), ly = d.levels(fy);
            Scale s = SweepReportData.scale(o);
            double[] xs = fx.log() ? null : SweepReportStats.numericLevels(fx, lx);
            List<String> names = new ArrayList<>();
            List<List<Level>> series = new ArrayList<>();
            for (String arm : d.armsOrSingle())
                for (String yl : ly) {
                    List<Level> ls = SweepReportStats.levels(d.points(o, arm), fx, lx, xs,
                            p -> yl.equals(p.factorValues().get(fy.path())));
                    if (ls.isEmpty()) continue;
                    names.add((arm.isEmpty() ? "" : arm + ", ") + fy.shortName() + " = " + yl);
                    series.add(ls);
                }
            if (series.isEmpty()) return;
            String xLabel = fx.log() ? fx.label() + ", log-spaced levels" : fx.label();
            String title = o + " vs " + fx.path() + ", one line per " + fy.path();
            String reading = trend("the mean", names, series, fx, s, true) + " Bands: 95 % CIs of each point's mean.";
            String[] cats = xs == null ? lx.toArray(String[]::new) : null;
            chart(b, o + "--vs--" + fx.path() + "--by--" + fy.path(), title, reading,
                    () -> SweepCharts.bands(title, xLabel, yLabel(o, "mean"), names, series, cats), "");
        }

        void heatmaps(StringBuilder b, String o) {
            Factor fx = d.factors.get(0), fy = d.factors.get(1);
            List<String> lx = d.levels(fx), ly = d.levels(fy);
            Scale s = SweepReportData.scale(o);
            for (String arm : d.armsOrSingle()) {
                List<Cell> cells = SweepReportStats.cells(d.points(o, arm), fx, lx, fy, ly);
                if (cells.isEmpty()) {
                    b.append("<p class=\"meta\">").append(esc(o)).append(arm.isEmpty() ? "" : " (" + esc(arm) + ")")
                            .append(": no point has a mean; no heat map.</p>\n");
                    continue;
                }
                Cell hi = cells.get(0), lo = cells.get(0);
                for (Cell c : cells) {
                    if (c.mean() > hi.mean()) hi = c;
                    if (c.mean() < lo.mean()) lo = c;
                }
                String reading = hi.mean() == lo.mean()
                        ? (arm.isEmpty() ? "The mean is " : arm + ": the mean is ") + fmt(hi.mean()) + s.suffix() + " in every cell with a value."
                        : (arm.isEmpty() ? "Highest mean " : arm + ": highest mean ") + fmt(hi.mean()) + s.suffix() + " at " + fx.path() + " = "
                        + lx.get(hi.i()) + ", " + fy.path() + " = " + ly.get(hi.j()) + "; lowest " + fmt(lo.mean()) + s.suffix() + " at "
                        + fx.path() + " = " + lx.get(lo.i()) + ", " + fy.path() + " = " + ly.get(lo.j()) + ".";
                if (cells.size() < lx.size() * ly.size())
                    reading += " " + (lx.size() * ly.size() - cells.size()) + " cells have no mean (blank).";
                String id = o + "--heatmap" + (arm.isEmpty() ? "" : "--" + arm);
                String title = o + ": mean over " + fx.shortName() + " × " + fy.shortName() + (arm.isEmpty() ? "" : " — " + arm);
                StringBuilder t = new StringBuilder("<div class=\"scroll\"><table class=\"small\"><tr><th>")
                        .append(esc(fy.path())).append(" ↓ / ").append(esc(fx.path())).append(" →</th>");
                for (String x : lx) t.append("<th>").append(esc(x)).append("</th>");
                t.append("</tr>");
                Map<Long, Double> at = new TreeMap<>();
                for (Cell c : cells) at.put((long) c.j() * 1_000_000L + c.i(), c.mean());
                for (int j = 0; j < ly.size(); j++) {
                    t.append("<tr><th>").append(esc(ly.get(j))).append("</th>");
                    for (int i = 0; i < lx.size(); i++) {
                        Double v = at.get((long) j * 1_000_000L + i);
                        t.append("<td class=\"num\">").append(v == null ? "–" : fmt(v)).append("</td>");
                    }
                    t.append("</tr>");
                }
                t.append("</table></div>");
                String zLabel = yLabel(o, "mean");
                chart(b, id, title, reading, () -> SweepCharts.heatmap(title, fx.label(), lx.toArray(String[]::new), fy.label(),
                        ly.toArray(String[]::new), cells, zLabel), t.toString());
            }
        }

        void tornados(StringBuilder b, String o) {
            Scale s = SweepReportData.scale(o);
            for (String arm : d.armsOrSingle()) {
                List<PointStat> pts = d.points(o, arm);
                List<Swing> swings = SweepReportStats.swings(d, pts);
                if (swings.isEmpty()) continue;
                double base = SweepReportStats.baseMean(pts, d.factors);
                Swing top = swings.get(0), last = swings.get(swings.size() - 1);
                StringBuilder r = new StringBuilder(arm.isEmpty() ? "Largest swing: " : arm + ": largest swing: ");
                r.append(top.factor().path()).append(" (").append(fmt(top.swing())).append(s.suffix())
                        .append(", from ").append(fmt(top.low().mean())).append(" at ").append(top.low().label()).append(" to ")
                        .append(fmt(top.high().mean())).append(" at ").append(top.high().label()).append(")");
                if (swings.size() > 1)
                    r.append("; smallest: ").append(last.factor().path()).append(" (").append(fmt(last.swing())).append(s.suffix()).append(")");
                r.append(Double.isNaN(base) ? "; no point has every factor at base." : "; base point mean " + fmt(base) + s.suffix() + ".");
                StringBuilder t = new StringBuilder("<table class=\"small\"><tr><th>factor</th><th>swing").append(esc(unitParen(s)))
                        .append("</th><th>lowest mean</th><th>at level</th><th>highest mean</th><th>at level</th></tr>");
                for (Swing w : swings)
                    t.append("<tr><td><code>").append(esc(w.factor().path())).append("</code></td><td class=\"num\">").append(fmt(w.swing()))
                            .append("</td><td class=\"num\">").append(fmt(w.low().mean())).append("</td><td>").append(esc(w.low().label()))
                            .append("</td><td class=\"num\">").append(fmt(w.high().mean())).append("</td><td>")
                            .append(esc(w.high().label())).append("</td></tr>");
                t.append("</table>");
                String id = o + "--tornado" + (arm.isEmpty() ? "" : "--" + arm);
                String title = o + ": swing by factor, one at a time" + (arm.isEmpty() ? "" : " — " + arm);
                String vLabel = yLabel(o, "point mean");
                chart(b, id, title, r.toString(), () -> SweepCharts.tornado(title, vLabel, swings, base), t.toString());
            }
        }

        void scatters(StringBuilder b, String o) {
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
            order.sort(java.util.Comparator.comparingDouble((Factor f) -> -maxAbs(ranks.get(f))));
            for (int k = 0; k < Math.min(MAX_FACTOR_CHARTS, order.size()); k++) {
                Factor f = order.get(k);
                List<String> names = new ArrayList<>();
                List<double[][]> xy = new ArrayList<>();
                boolean log = f.log();
                for (String arm : arms) {
                    List<double[]> pts = new ArrayList<>();
                    for (Run r : d.runs) {
                        if (!arm.isEmpty() && !arm.equals(r.arm())) continue;
                        double x = SweepReportData.parse(r.factorValues().get(f.path())), y = r.value(o);
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
                chart(b, id, title, r.toString(), () -> SweepCharts.scatter(title, f.label(), logAxis, yLabel, names, xy), "");
            }
            if (order.size() > MAX_FACTOR_CHARTS)
                b.append("<p class=\"meta\">").append(order.size() - MAX_FACTOR_CHARTS)
                        .append(order.size() - MAX_FACTOR_CHARTS == 1 ? " more factor" : " more factors").append(" not charted for this outcome (at most ")
                        .append(MAX_FACTOR_CHARTS).append(", those with the largest |ρ|); all are in the table.</p>\n");
            if (numeric.isEmpty()) return;
            b.append("<p>Spearman rank correlation of ").append(esc(o)).append(" with each factor over complete runs")
                    .append(esc(unitParen(s).isEmpty() ? "" : " (values in " + s.unit() + "; ranks do not depend on the unit)"))
                    .append(", n runs in brackets:</p>\n<table class=\"small\"><tr><th>factor</th>");
            for (String arm : arms) b.append("<th>").append(esc(arm.isEmpty() ? "ρ" : "ρ " + arm)).append("</th>");
            b.append("</tr>");
            for (Factor f : numeric) {
                b.append("<tr><td><code>").append(esc(f.path())).append("</code></td>");
                for (Rank rk : ranks.get(f)) b.append("<td class=\"num\">").append(rho(rk.rho())).append(" (").append(rk.n()).append(")</td>");
                b.append("</tr>");
            }
            b.append("</table>\n");
            if (!other.isEmpty()) {
                List<String> paths = new ArrayList<>();
                for (Factor f : other) paths.add(f.path());
                b.append("<p class=\"meta\">Not ranked (categorical): ").append(esc(String.join(", ", paths))).append(".</p>\n");
            }
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

        /** The arms side by side (per design point, or averaged over points) and each arm's paired difference to the first. */
        void compare(StringBuilder b, String o) {
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
                java.util.Arrays.fill(means[a], Double.NaN);
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
            StringBuilder r = new StringBuilder("Averaged over ").append(dpList.size()).append(dpList.size() == 1 ? " design point: " : " design points: ");
            for (int a = 0; a < arms.size(); a++) r.append(a == 0 ? "" : ", ").append(arms.get(a)).append(" ").append(fmt(avg[a]));
            r.append(s.suffix()).append('.');
            if (perPoint && dpList.size() > 1) {
                for (int a = 1; a < arms.size(); a++) {
                    int above = 0, both = 0;
                    for (int k = 0; k < cats.size(); k++) {
                        if (Double.isNaN(means[a][k]) || Double.isNaN(means[0][k])) continue;
                        both++;
                        if (means[a][k] > means[0][k]) above++;
                    }
                    r.append(' ').append(arms.get(a)).append(" is above ").append(arms.get(0)).append(" at ").append(above).append(" of ")
                            .append(both).append(" design points.");
                }
            }
            if (!perPoint) r.append(" (More than ").append(MAX_COMPARE_POINTS).append(" design points: the bars are the arms' means averaged over points, without CI.)");
            String id = o + "--compare";
            String title = o + " by arm" + (perPoint ? "" : ", averaged over design points");
            String catLabel = d.factors.isEmpty() ? "" : perPoint ? factorNames() : "";
            String vLabel = yLabel(o, "mean");
            chart(b, id, title, r.toString(), () -> SweepCharts.compare(title, catLabel, vLabel, arms, cats, means, halves), "");
            pairedTable(b, o, dpList, dps);
        }

        void pairedTable(StringBuilder b, String o, List<Integer> dpList, Map<Integer, Map<String, String>> dps) {
            if (d.arms.size() < 2) return;
            Scale s = SweepReportData.scale(o);
            String ref = d.arms.get(0);
            List<Paired> rows = new ArrayList<>();
            int pairs = 0, same = 0;
            double pairedWidth = 0, unpairedWidth = 0;
            for (int a = 1; a < d.arms.size(); a++) {
                String arm = d.arms.get(a);
                if (dpList.size() <= MAX_COMPARE_POINTS && dpList.size() > 1)
                    for (int dp : dpList) rows.add(SweepReportStats.paired(d.runs, o, ref, arm, x -> x == dp, "#" + dp + " " + dpLabel(dps.get(dp))));
                String label = dpList.size() == 1 ? "#" + dpList.get(0) + " " + dpLabel(dps.get(dpList.get(0))) : "all " + dpList.size() + " design points";
                Paired all = SweepReportStats.paired(d.runs, o, ref, arm, x -> true, label);
                rows.add(all);
                pairs += all.pairs();
                same += all.sameSeed();
                double pw = all.paired().high() - all.paired().low(), uw = all.unpaired().high() - all.unpaired().low();
                if (Double.isFinite(pw) && Double.isFinite(uw) && uw > 0) {
                    pairedWidth += pw;
                    unpairedWidth += uw;
                }
            }
            b.append("<p>Paired difference of each arm against ").append(esc(ref))
                    .append(": runs paired by design point and replication, the mean of the per-replication differences")
                    .append(esc(unitParen(s))).append(" and its 95 % t CI.</p>\n");
            b.append("<table class=\"small paired\"><tr><th>design point</th><th>difference</th><th>pairs</th><th>mean difference</th>")
                    .append("<th>95 % CI, paired</th><th>95 % CI, unpaired (for contrast)</th></tr>");
            for (Paired p : rows)
                b.append("<tr><td>").append(esc(p.label())).append("</td><td>").append(esc(p.arm() + " − " + p.reference()))
                        .append("</td><td class=\"num\">").append(p.pairs()).append("</td><td class=\"num\">").append(fmt(p.paired().mean()))
                        .append("</td><td class=\"num\">").append(ci(p.paired().low(), p.paired().high())).append("</td><td class=\"num\">")
                        .append(ci(p.unpaired().low(), p.unpaired().high())).append("</td></tr>");
            b.append("</table>\n<p class=\"meta\">");
            String here = !(unpairedWidth > 0) ? ""
                    : pairedWidth == 0 ? " Here the difference is the same in every replication (a zero-width paired CI)."
                    : String.format(Locale.ROOT, " Here the paired CI is %.0f %% as wide as the unpaired one.", 100 * pairedWidth / unpairedWidth);
            if (pairs == 0) b.append("No pair of complete runs with a value: no paired difference.");
            else if (same == pairs)
                b.append("Every pair shares its seed (common random numbers), so the noise both arms share cancels in the paired "
                        + "differences: that narrower paired CI is the point of common random numbers.").append(here);
            else if (same == 0)
                b.append("The paired runs do not share seeds, so no noise is shared by construction and pairing is, in expectation, "
                        + "no sharper than an unpaired comparison.").append(here);
            else b.append(same).append(" of ").append(pairs).append(" pairs share their seed; only those gain from common random numbers.").append(here);
            b.append("</p>\n");
        }

        String factorNames() {
            List<String> n = new ArrayList<>();
            for (Factor f : d.factors) n.add(f.shortName());
            return String.join(", ", n);
        }

        String dpLabel(Map<String, String> values) {
            if (values == null || d.factors.isEmpty()) return "all";
            List<String> v = new ArrayList<>();
            for (Factor f : d.factors) v.add(levelText(f, values.get(f.path())));
            return String.join(", ", v);
        }

        /** A factor's value as shown: its level label, or for a sampled (continuous) factor the number to four digits. */
        static String levelText(Factor f, String cell) {
            if (cell == null) return "–";
            double num = SweepReportData.parse(cell);
            return f.levels().isEmpty() && !Double.isNaN(num) ? fmt(num) : cell;
        }

        /** Draws a chart (PNG and SVG) and its section, or, past the cap, the section without the picture. */
        void chart(StringBuilder b, String rawId, String title, String reading, Supplier<JFreeChart> make, String extraHtml) {
            String base = sanitize(rawId), id = base;
            for (int k = 2; !ids.add(id); k++) id = base + "-" + k;
            b.append("<section class=\"chart\" id=\"").append(esc(id)).append("\"><h3>").append(esc(title)).append("</h3><p class=\"reading\">")
                    .append(esc(reading)).append("</p>\n");
            if (drawn < MAX_CHARTS) {
                JFreeChart chart = make.get();
                try {
                    ChartRenderer.writePng(chart, chartsDir.resolve(id + ".png"));
                    String svg = ChartRenderer.svg(chart, "svg-" + id);
                    ChartRenderer.writeSvg(svg, chartsDir.resolve(id + ".svg"));
                    b.append(svg).append("\n<p class=\"meta\">Also as charts/").append(esc(id)).append(".png and charts/").append(esc(id))
                            .append(".svg</p>");
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write chart " + id, e);
                }
                drawn++;
            } else {
                leftOut++;
                b.append("<p class=\"meta\">(Chart left out: a report draws at most ").append(MAX_CHARTS).append(" charts.)</p>");
            }
            b.append(extraHtml).append("</section>\n");
        }

        // ---- readings --------------------------------------------------------------------------------------

        /** How the outcome moves across a factor's levels, one sentence per series. */
        String trend(String what, List<String> names, List<List<Level>> series, Factor f, Scale s, boolean ci) {
            StringBuilder r = new StringBuilder();
            int shown = Math.min(series.size(), 6);
            for (int i = 0; i < shown; i++) {
                List<Level> ls = series.get(i);
                if (r.length() > 0) r.append(' ');
                String who = d.comparing() || series.size() > 1 ? names.get(i) + ": " : "";
                Level first = ls.get(0), last = ls.get(ls.size() - 1);
                if (ls.size() == 1) {
                    r.append(who).append(what).append(" is ").append(fmt(first.mean())).append(s.suffix()).append(" at ").append(f.path())
                            .append(" = ").append(first.label()).append(" (the only level with a value).");
                    continue;
                }
                r.append(who).append(what);
                if (last.mean() > first.mean()) r.append(" rises from ").append(fmt(first.mean())).append(" to ").append(fmt(last.mean()));
                else if (last.mean() < first.mean()) r.append(" falls from ").append(fmt(first.mean())).append(" to ").append(fmt(last.mean()));
                else r.append(" stays at ").append(fmt(first.mean()));
                r.append(s.suffix()).append(" as ").append(f.path()).append(" goes from ").append(first.label()).append(" to ").append(last.label());
                Level max = first, min = first;
                for (Level l : ls) {
                    if (l.mean() > max.mean()) max = l;
                    if (l.mean() < min.mean()) min = l;
                }
                if (max != first && max != last) r.append(", peaking at ").append(fmt(max.mean())).append(" at ").append(max.label());
                else if (min != first && min != last) r.append(", lowest at ").append(fmt(min.mean())).append(" at ").append(min.label());
                if (ci) {
                    Boolean overlap = SweepReportStats.ciOverlap(first, last);
                    if (overlap != null)
                        r.append("; the 95 % CIs at ").append(first.label()).append(" and ").append(last.label())
                                .append(overlap ? " overlap" : " do not overlap");
                } else {
                    r.append(" (spread of level means ").append(fmt(max.mean() - min.mean())).append(s.suffix()).append(")");
                }
                r.append('.');
            }
            if (series.size() > shown) r.append(" (").append(series.size() - shown).append(" more series in the chart.)");
            return r.toString();
        }

        static String yLabel(String o, String what) {
            Scale s = SweepReportData.scale(o);
            return o + ", " + what + (s.unit().isEmpty() ? "" : " (" + s.unit() + ")");
        }

        static String unitParen(Scale s) { return s.unit().isEmpty() ? "" : " (" + s.unit() + ")"; }

        // ---- tables ----------------------------------------------------------------------------------------

        void pointsTable(StringBuilder b) {
            b.append("<h2 id=\"points\">Points</h2>\n");
            // every point with its arm and factor values, from points.csv (or runs.csv for points without statistics)
            Map<Integer, Object[]> points = new TreeMap<>();
            for (List<PointStat> l : d.points.values())
                for (PointStat p : l) points.putIfAbsent(p.point(), new Object[] {p.designPoint(), p.arm(), p.factorValues()});
            for (Run r : d.runs) points.putIfAbsent(r.point(), new Object[] {r.designPoint(), r.arm(), r.factorValues()});
            Map<Integer, Integer> complete = new TreeMap<>();
            for (Run r : d.runs) if (r.complete()) complete.merge(r.point(), 1, Integer::sum);
            Map<String, Map<Integer, PointStat>> stats = new LinkedHashMap<>();
            for (String o : charted) {
                Map<Integer, PointStat> m = new TreeMap<>();
                for (PointStat p : d.points.getOrDefault(o, List.of())) m.putIfAbsent(p.point(), p);
                stats.put(o, m);
            }
            b.append("<p class=\"meta\">The mean of each charted outcome at each point, with its 95 % CI across replications")
                    .append(points.size() > MAX_POINT_ROWS ? "; the first " + MAX_POINT_ROWS + " of " + points.size() + " points" : "")
                    .append(" (all in points.csv).</p>\n");
            b.append("<div class=\"scroll\"><table class=\"small\"><tr><th>point</th><th>design point</th>");
            if (d.comparing()) b.append("<th>arm</th>");
            for (Factor f : d.factors) b.append("<th>").append(esc(f.path())).append("</th>");
            b.append("<th>complete runs</th>");
            for (String o : charted) b.append("<th>").append(esc(o + unitParen(SweepReportData.scale(o)))).append("</th>");
            b.append("</tr>");
            int rows = 0;
            for (Map.Entry<Integer, Object[]> e : points.entrySet()) {
                if (rows++ == MAX_POINT_ROWS) break;
                Object[] v = e.getValue();
                @SuppressWarnings("unchecked")
                Map<String, String> fv = (Map<String, String>) v[2];
                b.append("<tr><td class=\"num\">").append(e.getKey()).append("</td><td class=\"num\">").append(v[0]).append("</td>");
                if (d.comparing()) b.append("<td>").append(esc((String) v[1])).append("</td>");
                for (Factor f : d.factors) b.append("<td>").append(esc(levelText(f, fv.get(f.path())))).append("</td>");
                b.append("<td class=\"num\">").append(complete.getOrDefault(e.getKey(), 0)).append("</td>");
                for (String o : charted) {
                    PointStat p = stats.get(o).get(e.getKey());
                    b.append("<td class=\"num\">");
                    if (p == null || !p.hasMean()) b.append("–");
                    else b.append(fmt(p.mean())).append(p.hasCi() ? " " + ci(p.ciLow(), p.ciHigh()) : "");
                    b.append("</td>");
                }
                b.append("</tr>");
            }
            b.append("</table></div>\n");
        }

        void provenance(StringBuilder b) {
            b.append("<h2 id=\"provenance\">Provenance</h2>\n<table class=\"small\">");
            for (Iterator<Map.Entry<String, JsonNode>> it = d.json.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isContainerNode() || TIMES.contains(e.getKey())) continue;
                b.append("<tr><td>").append(esc(e.getKey())).append("</td><td>")
                        .append(esc(e.getValue().isNull() ? "–" : e.getValue().asText())).append("</td></tr>");
            }
            b.append("</table>\n<p class=\"meta\">When and how long the sweep ran is in sweep.json; the page leaves it out so ")
                    .append("that it depends on the results alone (the same for any thread count, and for shards merged).</p>\n");
        }
    }
}
