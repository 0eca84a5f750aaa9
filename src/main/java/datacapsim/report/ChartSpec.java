package datacapsim.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * One chart of the report: the columns it plots (with legend labels), the unit they are shown in, how (lines, stacked
 * areas, or daily increments of running totals), and a one-line reading computed from the table. A chart is drawn
 * only when all of its columns are in the file.
 */
public record ChartSpec(String id, String title, String yLabel, BigDecimal scale, Kind kind, List<Series> series,
                        Function<TimeseriesTable, String> reading) {
    public enum Kind { LINES, STACKED, DAILY }

    public record Series(String column, String label) {}

    public static Series s(String column, String label) { return new Series(column, label); }

    public boolean drawable(TimeseriesTable t) {
        if (t.rowCount() < 2) return false;
        for (Series s : series) if (!t.hasValues(s.column())) return false;
        return true;
    }
}
