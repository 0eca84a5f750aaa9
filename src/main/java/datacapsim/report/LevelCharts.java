package datacapsim.report;

import static datacapsim.report.SweepReport.fmt;
import static datacapsim.report.SweepReport.yLabel;

import datacapsim.report.SweepReportData.Factor;
import datacapsim.report.SweepReportData.Scale;
import datacapsim.report.SweepReportStats.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * An outcome against a factor's levels, as the grid and zip designs chart it: a line (with its band) per arm, and a
 * reading of how the outcome moves across the levels.
 */
final class LevelCharts {
    private final SweepReportData d;
    private final ChartBudget charts;

    LevelCharts(SweepReportData d, ChartBudget charts) {
        this.d = d;
        this.charts = charts;
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
            names.add(arm.isEmpty()
                    ? (mainEffect ? "mean of point means (band: min–max of point means)" : "mean (band: 95 % CI)")
                    : arm);
            series.add(ls);
        }
        if (series.isEmpty()) return;
        String id = mainEffect ? o + "--main--" + f.path() : o + "--vs--" + f.path();
        String title = mainEffect ? "Main effect of " + f.path() + " on " + o : o + " vs " + f.path();
        String yLabel = yLabel(o, mainEffect ? "mean of point means" : "mean");
        String reading = trend(mainEffect ? "the level mean" : "the mean", names, series, f, s, !mainEffect);
        if (d.comparing())
            reading += mainEffect ? " Bands: min–max of point means at each level." : " Bands: 95 % CIs.";
        String[] cats = xs == null ? levels.toArray(String[]::new) : null;
        charts.chart(b, id, title, reading, () -> SweepCharts.bands(title, xLabel, yLabel, names, series, cats), "");
    }

    /** How the outcome moves across a factor's levels, one sentence per series. */
    String trend(String what, List<String> names, List<List<Level>> series, Factor f, Scale s, boolean ci) {
        StringBuilder r = new StringBuilder();
        int shown = Math.min(series.size(), 6);
        for (int i = 0; i < shown; i++) {
            List<Level> ls = series.get(i);
            if (r.length() > 0) r.append(' ');
            String who = d.comparing() || series.size() > 1 ? names.get(i) + ": " : "";
            Level first = ls.get(0);
            Level last = ls.get(ls.size() - 1);
            if (ls.size() == 1) {
                r.append(who).append(what).append(" is ").append(fmt(first.mean())).append(s.suffix()).append(" at ")
                        .append(f.path()).append(" = ").append(first.label()).append(" (the only level with a value).");
                continue;
            }
            r.append(who).append(what);
            if (last.mean() > first.mean())
                r.append(" rises from ").append(fmt(first.mean())).append(" to ").append(fmt(last.mean()));
            else if (last.mean() < first.mean())
                r.append(" falls from ").append(fmt(first.mean())).append(" to ").append(fmt(last.mean()));
            else r.append(" stays at ").append(fmt(first.mean()));
            r.append(s.suffix()).append(" as ").append(f.path()).append(" goes from ").append(first.label())
                    .append(" to ").append(last.label());
            Level max = first;
            Level min = first;
            for (Level l : ls) {
                if (l.mean() > max.mean()) max = l;
                if (l.mean() < min.mean()) min = l;
            }
            if (max != first && max != last)
                r.append(", peaking at ").append(fmt(max.mean())).append(" at ").append(max.label());
            else if (min != first && min != last)
                r.append(", lowest at ").append(fmt(min.mean())).append(" at ").append(min.label());
            if (ci) {
                Boolean overlap = SweepReportStats.ciOverlap(first, last);
                if (overlap != null)
                    r.append("; the 95 % CIs at ").append(first.label()).append(" and ").append(last.label())
                            .append(overlap ? " overlap" : " do not overlap");
            } else {
                r.append(" (spread of level means ").append(fmt(max.mean() - min.mean())).append(s.suffix())
                        .append(")");
            }
            r.append('.');
        }
        if (series.size() > shown) r.append(" (").append(series.size() - shown).append(" more series in the chart.)");
        return r.toString();
    }
}
