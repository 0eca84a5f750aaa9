package datacapsim.report;

import static datacapsim.report.HtmlPage.esc;
import static datacapsim.report.SweepReport.fmt;
import static datacapsim.report.SweepReport.unitParen;
import static datacapsim.report.SweepReport.yLabel;

import datacapsim.report.SweepReportData.PointStat;
import datacapsim.report.SweepReportData.Scale;
import datacapsim.report.SweepReportStats.Swing;
import java.util.List;

/** A one-at-a-time design's charts of one outcome: a tornado per arm, the factors ranked by their swing. */
final class OneAtATimeSection implements SweepSection {
    private final SweepReportData d;
    private final ChartBudget charts;

    OneAtATimeSection(SweepReportData d, ChartBudget charts) {
        this.d = d;
        this.charts = charts;
    }

    @Override
    public void write(StringBuilder b, String o) {
        Scale s = SweepReportData.scale(o);
        for (String arm : d.armsOrSingle()) {
            List<PointStat> pts = d.points(o, arm);
            List<Swing> swings = SweepReportStats.swings(d, pts);
            if (swings.isEmpty()) continue;
            double base = SweepReportStats.baseMean(pts, d.factors);
            Swing top = swings.get(0);
            Swing last = swings.get(swings.size() - 1);
            StringBuilder r = new StringBuilder(arm.isEmpty() ? "Largest swing: " : arm + ": largest swing: ");
            r.append(top.factor().path()).append(" (").append(fmt(top.swing())).append(s.suffix())
                    .append(", from ").append(fmt(top.low().mean())).append(" at ").append(top.low().label())
                    .append(" to ").append(fmt(top.high().mean())).append(" at ").append(top.high().label())
                    .append(")");
            if (swings.size() > 1)
                r.append("; smallest: ").append(last.factor().path()).append(" (").append(fmt(last.swing()))
                        .append(s.suffix()).append(")");
            r.append(Double.isNaN(base) ? "; no point has every factor at base."
                    : "; base point mean " + fmt(base) + s.suffix() + ".");
            StringBuilder t = new StringBuilder("<table class=\"small\"><tr><th>factor</th><th>swing")
                    .append(esc(unitParen(s)))
                    .append("</th><th>lowest mean</th><th>at level</th><th>highest mean</th><th>at level</th></tr>");
            for (Swing w : swings)
                t.append("<tr><td><code>").append(esc(w.factor().path())).append("</code></td><td class=\"num\">")
                        .append(fmt(w.swing())).append("</td><td class=\"num\">").append(fmt(w.low().mean()))
                        .append("</td><td>").append(esc(w.low().label())).append("</td><td class=\"num\">")
                        .append(fmt(w.high().mean())).append("</td><td>").append(esc(w.high().label()))
                        .append("</td></tr>");
            t.append("</table>");
            String id = o + "--tornado" + (arm.isEmpty() ? "" : "--" + arm);
            String title = o + ": swing by factor, one at a time" + (arm.isEmpty() ? "" : " — " + arm);
            String vLabel = yLabel(o, "point mean");
            charts.chart(b, id, title, r.toString(), () -> SweepCharts.tornado(title, vLabel, swings, base),
                    t.toString());
        }
    }
}
