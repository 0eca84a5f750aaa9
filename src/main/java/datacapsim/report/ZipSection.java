package datacapsim.report;

import static datacapsim.report.SweepReport.MAX_FACTOR_CHARTS;

import datacapsim.report.SweepReportData.Factor;

/**
 * A zip's charts of one outcome, also drawn for a design this report does not know: the outcome against each factor,
 * at most {@link #MAX_FACTOR_CHARTS} of them.
 */
final class ZipSection implements SweepSection {
    private final SweepReportData d;
    private final LevelCharts lines;

    ZipSection(SweepReportData d, ChartBudget charts) {
        this.d = d;
        this.lines = new LevelCharts(d, charts);
    }

    @Override
    public void write(StringBuilder b, String o) {
        int k = d.factors.size();
        if (k == 1) {
            lines.vs(b, o, d.factors.get(0), false);
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
            lines.vs(b, o, f, false);
        }
    }
}
