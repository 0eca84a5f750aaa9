package datacapsim.metrics;

import datacapsim.engine.Simulation;
import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs one scenario into {@code <out>/<scenario name>/seed-<seed>/}, atomically. */
public final class Runner {
    private Runner() {}

    public static Path runDir(Path outRoot, Scenario s) {
        return outRoot.resolve(s.name()).resolve("seed-" + s.seed());
    }

    public static RunResult run(Scenario s, Path outRoot, boolean checkInvariants) {
        return run(s, outRoot, checkInvariants, dir -> { });
    }

    /**
     * Runs, then calls {@code beforePublish} on the still-temporary folder (e.g. to build the report from its files),
     * then publishes the folder. A failure anywhere leaves no folder that looks complete.
     */
    public static RunResult run(Scenario s, Path outRoot, boolean checkInvariants, java.util.function.Consumer<Path> beforePublish) {
        RunDirectory dir = new RunDirectory(runDir(outRoot, s));
        long t0 = System.nanoTime();
        try {
            Files.writeString(dir.dir().resolve("scenario.resolved.yaml"), ScenarioLoader.toYaml(s), StandardCharsets.UTF_8);
            Simulation sim = new Simulation(s, checkInvariants);
            long rows;
            try (TimeseriesWriter ts = new TimeseriesWriter(dir.dir().resolve("timeseries.csv"), Probes.TIMESERIES)) {
                sim.addObserver(ts);
                sim.run();
                rows = ts.rows();
            }
            beforePublish.accept(dir.dir());
            dir.commit();
            return new RunResult(dir.finalDir(), rows, (System.nanoTime() - t0) / 1e9);
        } catch (IOException e) {
            dir.abandon();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            dir.abandon();
            throw e;
        }
    }
}
