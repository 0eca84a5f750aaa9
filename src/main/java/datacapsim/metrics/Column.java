package datacapsim.metrics;

import java.util.function.Function;

/**
 * One declared probe: a column name, what it measures, its unit, its kind and how to read it from the model.
 * Kinds: STOCK (a level at the end of the day), FLOW (a running total from day 0), COUNTER (a running count),
 * DISTRIBUTION (a statistic of a distribution across agents that day: mean, percentile, concentration index, share),
 * INDEX (day and epoch).
 */
public record Column(String name, String description, String unit, Kind kind, Function<Sample, Object> probe) {
    public enum Kind { STOCK, FLOW, COUNTER, DISTRIBUTION, INDEX }
}
