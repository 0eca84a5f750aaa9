package datacapsim.metrics;

import datacapsim.engine.Simulation;
import java.util.function.Function;

/**
 * One declared probe: a column name, what it measures, its unit, its kind (stock, flow = running total from day 0,
 * counter) and how to read it from the model.
 */
public record Column(String name, String description, String unit, Kind kind, Function<Simulation, Object> probe) {
    public enum Kind { STOCK, FLOW, COUNTER, INDEX }
}
