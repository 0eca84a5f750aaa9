package datacapsim.report;

import static datacapsim.report.HtmlPage.esc;
import static datacapsim.report.SweepReport.ci;
import static datacapsim.report.SweepReport.fmt;
import static datacapsim.report.SweepReport.levelText;
import static datacapsim.report.SweepReport.unitParen;

import com.fasterxml.jackson.databind.JsonNode;
import datacapsim.report.SweepReportData.Factor;
import datacapsim.report.SweepReportData.PointStat;
import datacapsim.report.SweepReportData.Run;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The parts of a sweep report that do not depend on its design of experiments: the meta line (design, points, runs,
 * seeding), the factor table, the failed runs, the table of every point and the provenance.
 */
final class SweepTables {
    static final int MAX_FAILED = 50;
    static final int MAX_POINT_ROWS = 200;

    /** sweep.json fields that say when and how long, not what: left out of the page. */
    private static final Set<String> TIMES = Set.of("started_at", "wall_seconds");

    private final SweepReportData d;

    SweepTables(SweepReportData d) { this.d = d; }

    // ---- header ----------------------------------------------------------------------------------------------

    String metaLine() {
        Set<Integer> points = new TreeSet<>();
        Set<Integer> dps = new TreeSet<>();
        int complete = 0;
        int failed = 0;
        int missing = 0;
        for (Run r : d.runs) {
            points.add(r.point());
            dps.add(r.designPoint());
            switch (r.status()) {
                case COMPLETE -> complete++;
                case FAILED -> failed++;
                case MISSING, RUNNING -> missing++;
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
        String trajectories = SweepReportData.text(d.json, "trajectories", null);
        if (trajectories != null)
            m.append(", ").append(trajectories).append(" trajectories on ")
                    .append(SweepReportData.text(d.json, "levels", "?")).append(" levels");
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
            byRep.computeIfAbsent(r.replication(), k -> new TreeSet<>()).add(r.seed());
            byDpRep.computeIfAbsent((long) r.designPoint() * 1_000_000L + r.replication(), k -> new TreeSet<>())
                    .add(r.seed());
        }
        boolean allShare = !byRep.isEmpty();
        boolean armsShare = !byDpRep.isEmpty();
        for (Set<String> v : byRep.values()) allShare &= v.size() == 1;
        for (Set<String> v : byDpRep.values()) armsShare &= v.size() == 1;
        String flag = "; sweep.json common_random_numbers: " + d.json.path("common_random_numbers").asText("–");
        if (d.runs.size() < 2 || byRep.isEmpty()) return flag.substring(2);
        if (allShare && byDpRep.size() == byRep.size())
            return (d.comparing() ? "the arms share the seed of each replication (common random numbers)"
                    : "one seed per replication") + flag;
        if (allShare) return "every point uses the same seed in a replication: common random numbers" + flag;
        if (d.comparing() && armsShare)
            return "the arms share seeds within a design point and replication; design points have their own" + flag;
        return "every point has its own seeds" + flag;
    }

    void factorTable(StringBuilder b) {
        if (d.factors.isEmpty()) {
            b.append("<p class=\"meta\">No factor is varied.</p>\n");
            return;
        }
        b.append("<table class=\"small\"><tr><th>factor</th><th>meaning</th><th>unit</th><th>levels</th><th>axis</th>")
                .append("<th>base</th></tr>");
        for (Factor f : d.factors) {
            String levels;
            if (!f.levels().isEmpty()) levels = String.join(", ", f.levels());
            else {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (Run r : d.runs) {
                    double v = SweepReportData.parse(r.factorValues().get(f.path()));
                    if (!Double.isNaN(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
                levels = lo <= hi ? "sampled from " + fmt(lo) + " to " + fmt(hi) : "sampled";
            }
            b.append("<tr><td><code>").append(esc(f.path())).append("</code></td><td>").append(esc(f.doc()))
                    .append("</td><td>").append(esc(f.unit())).append("</td><td>").append(esc(levels))
                    .append("</td><td>").append(f.numeric() ? (f.log() ? "log" : "linear") : "categorical")
                    .append("</td><td>").append(esc(f.base() == null ? "" : f.base())).append("</td></tr>");
        }
        b.append("</table>\n");
    }

    void failed(StringBuilder b) {
        b.append("<h2 id=\"failed\">Failed runs</h2>\n");
        List<Run> failed = new ArrayList<>();
        for (Run r : d.runs) if (r.status() == RunStatus.FAILED) failed.add(r);
        if (failed.isEmpty()) {
            b.append("<p>No run failed.</p>\n");
            return;
        }
        b.append("<p>").append(failed.size()).append(failed.size() == 1 ? " run" : " runs").append(" failed")
                .append(failed.size() > MAX_FAILED ? "; the first " + MAX_FAILED + " are listed" : "")
                .append(". Their outcomes are left out of the means.</p>\n");
        b.append("<table class=\"small\"><tr><th>run</th><th>point</th><th>design point</th>")
                .append(d.comparing() ? "<th>arm</th>" : "")
                .append("<th>replication</th><th>seed</th><th>error</th></tr>");
        for (int i = 0; i < Math.min(MAX_FAILED, failed.size()); i++) {
            Run r = failed.get(i);
            b.append("<tr><td class=\"num\">").append(r.run()).append("</td><td class=\"num\">").append(r.point())
                    .append("</td><td class=\"num\">").append(r.designPoint()).append("</td>")
                    .append(d.comparing() ? "<td>" + esc(r.arm()) + "</td>" : "").append("<td class=\"num\">")
                    .append(r.replication()).append("</td><td class=\"num\">").append(esc(r.seed()))
                    .append("</td><td>").append(esc(r.error() == null ? "" : r.error())).append("</td></tr>");
        }
        b.append("</table>\n");
    }

    // ---- tables ----------------------------------------------------------------------------------------------

    /** Every point with its arm, factor values, complete runs and the mean of each charted outcome. */
    void pointsTable(StringBuilder b, List<String> charted) {
        b.append("<h2 id=\"points\">Points</h2>\n");
        // every point with its arm and factor values, from points.csv (or runs.csv for points without statistics)
        Map<Integer, Object[]> points = new TreeMap<>();
        for (List<PointStat> l : d.points.values())
            for (PointStat p : l)
                points.putIfAbsent(p.point(), new Object[] {p.designPoint(), p.arm(), p.factorValues()});
        for (Run r : d.runs) points.putIfAbsent(r.point(), new Object[] {r.designPoint(), r.arm(), r.factorValues()});
        Map<Integer, Integer> complete = new TreeMap<>();
        for (Run r : d.runs) if (r.complete()) complete.merge(r.point(), 1, Integer::sum);
        Map<String, Map<Integer, PointStat>> stats = new LinkedHashMap<>();
        for (String o : charted) {
            Map<Integer, PointStat> m = new TreeMap<>();
            for (PointStat p : d.points.getOrDefault(o, List.of())) m.putIfAbsent(p.point(), p);
            stats.put(o, m);
        }
        b.append("<p class=\"meta\">The mean of each charted outcome at each point, with its 95 % CI across ")
                .append("replications")
                .append(points.size() > MAX_POINT_ROWS
                        ? "; the first " + MAX_POINT_ROWS + " of " + points.size() + " points" : "")
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
            b.append("<tr><td class=\"num\">").append(e.getKey()).append("</td><td class=\"num\">").append(v[0])
                    .append("</td>");
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
            if (e.getKey().equals("run_commits") && e.getValue().isObject()) {
                b.append("<tr><td>run_commits</td><td>").append(esc(runCommits(e.getValue()))).append("</td></tr>");
                continue;
            }
            if (e.getValue().isContainerNode() || TIMES.contains(e.getKey())) continue;
            b.append("<tr><td>").append(esc(e.getKey())).append("</td><td>")
                    .append(esc(e.getValue().isNull() ? "–" : e.getValue().asText())).append("</td></tr>");
        }
        b.append("</table>\n<p class=\"meta\">When and how long the sweep ran is in sweep.json; the page leaves it ")
                .append("out so that it depends on the results alone (the same for any thread count, and for shards ")
                .append("merged).</p>\n");
    }

    /** sweep.json's run_commits in words: each git commit with the number of complete runs it made. */
    static String runCommits(JsonNode commits) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = commits.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> c = it.next();
            long n = c.getValue().asLong();
            parts.add(c.getKey() + ": " + n + (n == 1 ? " run" : " runs"));
        }
        return parts.isEmpty() ? "–" : String.join("; ", parts);
    }
}
