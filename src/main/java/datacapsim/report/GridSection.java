package datacapsim.report;

import static datacapsim.report.HtmlPage.esc;
import static datacapsim.report.SweepReport.fmt;
import static datacapsim.report.SweepReport.unitParen;
import static datacapsim.report.SweepReport.yLabel;

import datacapsim.report.SweepReportData.Factor;
import datacapsim.report.SweepReportData.Scale;
import datacapsim.report.SweepReportStats.Cell;
import datacapsim.report.SweepReportStats.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A grid's charts of one outcome: against the factor (one factor); a heat map per arm and the outcome against the
 * first factor, one line per level of the second (two factors); main effects led by the factors ranked by the spread
 * of their level means (more factors).
 */
final class GridSection implements SweepSection {
    private final SweepReportData d;
    private final ChartBudget charts;
    private final LevelCharts lines;

    GridSection(SweepReportData d, ChartBudget charts) {
        this.d = d;
        this.charts = charts;
        this.lines = new LevelCharts(d, charts);
    }

    @Override
    public void write(StringBuilder b, String o) {
        int k = d.factors.size();
        if (k == 1) lines.vs(b, o, d.factors.get(0), false);
        else if (k == 2) {
            heatmaps(b, o);
            slices(b, o);
        } else if (k > 2) mainEffects(b, o);
    }

    /** Every factor's main-effects chart (within the report's cap), led by their spreads, largest first. */
    private void mainEffects(StringBuilder b, String o) {
        Scale s = SweepReportData.scale(o);
        for (String arm : d.armsOrSingle()) {
            List<Object[]> spreads = new ArrayList<>();
            for (Factor f : d.factors) {
                List<Level> ls = SweepReportStats.levels(d.points(o, arm), f, d.levels(f), null, p -> true);
                if (ls.isEmpty()) continue;
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (Level l : ls) {
                    lo = Math.min(lo, l.mean());
                    hi = Math.max(hi, l.mean());
                }
                spreads.add(new Object[] {f.path(), hi - lo});
            }
            if (spreads.isEmpty()) continue;
            spreads.sort(Comparator.comparingDouble((Object[] x) -> -(Double) x[1]));
            List<String> parts = new ArrayList<>();
            for (Object[] x : spreads) parts.add(x[0] + " " + fmt((Double) x[1]));
            b.append("<p>").append(esc((arm.isEmpty() ? "" : arm + ": ")
                    + "spread of the level means (mean of point means at a level)" + unitParen(s)
                    + " by factor, largest first: " + String.join(", ", parts) + ".")).append("</p>\n");
        }
        for (Factor f : d.factors) lines.vs(b, o, f, true);
    }

    /**
     * Two factors on a grid: the outcome against the first factor with its 95 % CI band, one line per level of the
     * second (and per arm), so the heat map's cells can be read with their uncertainty.
     */
    private void slices(StringBuilder b, String o) {
        Factor fx = d.factors.get(0);
        Factor fy = d.factors.get(1);
        List<String> lx = d.levels(fx);
        List<String> ly = d.levels(fy);
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
        String reading = lines.trend("the mean", names, series, fx, s, true) + " Bands: 95 % CIs of each point's mean.";
        String[] cats = xs == null ? lx.toArray(String[]::new) : null;
        charts.chart(b, o + "--vs--" + fx.path() + "--by--" + fy.path(), title, reading,
                () -> SweepCharts.bands(title, xLabel, yLabel(o, "mean"), names, series, cats), "");
    }

    private void heatmaps(StringBuilder b, String o) {
        Factor fx = d.factors.get(0);
        Factor fy = d.factors.get(1);
        List<String> lx = d.levels(fx);
        List<String> ly = d.levels(fy);
        Scale s = SweepReportData.scale(o);
        for (String arm : d.armsOrSingle()) {
            List<Cell> cells = SweepReportStats.cells(d.points(o, arm), fx, lx, fy, ly);
            if (cells.isEmpty()) {
                b.append("<p class=\"meta\">").append(esc(o)).append(arm.isEmpty() ? "" : " (" + esc(arm) + ")")
                        .append(": no point has a mean; no heat map.</p>\n");
                continue;
            }
            Cell hi = cells.get(0);
            Cell lo = cells.get(0);
            for (Cell c : cells) {
                if (c.mean() > hi.mean()) hi = c;
                if (c.mean() < lo.mean()) lo = c;
            }
            String reading = hi.mean() == lo.mean()
                    ? (arm.isEmpty() ? "The mean is " : arm + ": the mean is ") + fmt(hi.mean()) + s.suffix()
                    + " in every cell with a value."
                    : (arm.isEmpty() ? "Highest mean " : arm + ": highest mean ") + fmt(hi.mean()) + s.suffix()
                    + " at " + fx.path() + " = " + lx.get(hi.i()) + ", " + fy.path() + " = " + ly.get(hi.j())
                    + "; lowest " + fmt(lo.mean()) + s.suffix() + " at " + fx.path() + " = " + lx.get(lo.i()) + ", "
                    + fy.path() + " = " + ly.get(lo.j()) + ".";
            if (cells.size() < lx.size() * ly.size())
                reading += " " + (lx.size() * ly.size() - cells.size()) + " cells have no mean (blank).";
            String id = o + "--heatmap" + (arm.isEmpty() ? "" : "--" + arm);
            String title = o + ": mean over " + fx.shortName() + " × " + fy.shortName()
                    + (arm.isEmpty() ? "" : " — " + arm);
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
            charts.chart(b, id, title, reading, () -> SweepCharts.heatmap(title, fx.label(), lx.toArray(String[]::new),
                    fy.label(), ly.toArray(String[]::new), cells, zLabel), t.toString());
        }
    }
}
