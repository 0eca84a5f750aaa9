package datacapsim.run;

import datacapsim.engine.Simulation;
import datacapsim.metrics.EventsWriter;
import datacapsim.metrics.Probes;
import datacapsim.metrics.ProgressBarObserver;
import datacapsim.metrics.TableFiles;
import datacapsim.metrics.TimeseriesWriter;
import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one scenario into {@code <out>/<scenario name>/seed-<seed>/}, atomically: the files are written into a hidden
 * temporary folder, published under the final name only when complete; a failed run's folder is renamed
 * {@code seed-<seed>.failed} with its manifest saying why, and an earlier complete result is kept.
 */
public final class Runner {
    private Runner() {}

    public static Path runDir(Path outRoot, Scenario s) {
        return outRoot.resolve(s.name()).resolve("seed-" + s.seed());
    }

    public static RunResult run(Scenario s, Path outRoot, boolean checkInvariants) {
        return run(s, outRoot, new RunOptions(checkInvariants, false, false), dir -> { });
    }

    public static RunResult run(Scenario s, Path outRoot, boolean checkInvariants, java.util.function.Consumer<Path> beforePublish) {
        return run(s, outRoot, new RunOptions(checkInvariants, false, false), beforePublish);
    }

    /**
     * Runs, then calls {@code beforePublish} on the still-temporary folder (e.g. to build the report from its files),
     * then publishes the folder. A failure anywhere leaves no folder that looks complete.
     */
    public static RunResult run(Scenario s, Path outRoot, RunOptions options, java.util.function.Consumer<Path> beforePublish) {
        return runInto(s, runDir(outRoot, s), options, beforePublish);
    }

    /** As {@link #run(Scenario, Path, RunOptions, java.util.function.Consumer)}, into the folder {@code finalDir}. */
    public static RunResult runInto(Scenario s, Path finalDir, RunOptions options, java.util.function.Consumer<Path> beforePublish) {
        RunDirectory dir = new RunDirectory(finalDir);
        long t0 = System.nanoTime();
        String resolved = ScenarioLoader.toYaml(s);
        Manifest manifest = new Manifest(s, resolved, java.time.Instant.now()).invariantsChecked(options.checkInvariants());
        try {
            manifest.write(dir.dir()); // status "running": a run killed mid-way leaves a folder that says so
            Files.writeString(dir.dir().resolve("scenario.resolved.yaml"), resolved, StandardCharsets.UTF_8);
            Simulation sim = new Simulation(s, options.checkInvariants());
            long rows;
            try (TimeseriesWriter ts = options.timeseries() ? new TimeseriesWriter(dir.dir().resolve("timeseries.csv"), Probes.TIMESERIES,
                         Probes::refusalsByReason) : null;
                 EventsWriter events = options.events() ? new EventsWriter(dir.dir().resolve("events.csv.gz")) : null;
                 ProgressBarObserver bar = options.progress() && ProgressBarObserver.wanted()
                         ? new ProgressBarObserver(s.horizonDays()) : null) {
                if (ts != null) sim.addObserver(ts);
                if (events != null) events.attach(sim);
                if (bar != null) sim.addObserver(bar);
                sim.run();
                rows = ts == null ? 0 : ts.rows();
            }
            TableFiles.writeSummary(dir.dir().resolve("summary.csv"), sim);
            TableFiles.writeAgents(dir.dir().resolve("agents.csv"), sim);
            double wall = (System.nanoTime() - t0) / 1e9;
            manifest.complete(wall, rows).write(dir.dir()); // before the report, which shows it; rewritten if that fails
            beforePublish.accept(dir.dir());
            dir.commit();
            return new RunResult(dir.finalDir(), rows, wall);
        } catch (IOException | RuntimeException | Error e) {
            try {
                manifest.failed((System.nanoTime() - t0) / 1e9, e).write(dir.dir());
                dir.markFailed();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
                dir.abandon();
            }
            if (e instanceof IOException io) throw new UncheckedIOException(io);
            if (e instanceof RuntimeException re) throw re;
            throw (Error) e;
        }
    }
}
