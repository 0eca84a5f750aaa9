package datacapsim.metrics;

import datacapsim.chain.Chain;
import datacapsim.engine.Simulation;
import datacapsim.engine.World;
import datacapsim.scenario.Scenario;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One reading of a run at one epoch: what a probe sees. Aggregates several columns share (payouts, SLA scores,
 * concentration) are computed once per reading ({@link #memo}) and dropped with it, so a row never mixes epochs.
 */
public final class Sample {
    private final Simulation sim;
    private final Map<String, Object> memo = new HashMap<>();

    private Sample(Simulation sim) { this.sim = sim; }

    /** A new reading of {@code sim} as it stands now. */
    public static Sample of(Simulation sim) { return new Sample(sim); }

    public Simulation simulation() { return sim; }
    public Chain chain() { return sim.chain(); }
    public Scenario scenario() { return sim.scenario(); }
    public World world() { return sim.world(); }

    /** A value computed once for this reading and shared by every column that reads it. */
    @SuppressWarnings("unchecked")
    <T> T memo(String key, Supplier<T> compute) {
        Object v = memo.get(key);
        if (v == null) {
            v = compute.get();
            memo.put(key, v);
        }
        return (T) v;
    }
}
