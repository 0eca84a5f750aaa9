package datacapsim.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import datacapsim.metrics.Manifest;
import datacapsim.metrics.RunOptions;
import datacapsim.metrics.Runner;
import datacapsim.report.ReportBuilder;
import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs a sweep's plan (or one shard of it) in parallel into {@code <sweep folder>/runs/<run id>/}, then writes
 * runs.csv, points.csv, sweep.json and the sweep report.
 * <ul>
 * <li>Each run is an ordinary run folder, published atomically; a run already complete in the folder for the same
 *     resolved scenario (same SHA-256) is kept, not redone, so rerunning an interrupted sweep resumes it.</li>
 * <li>A failed run is published as {@code <run id>.failed} with its error; the others go on.</li>
 * <li>Workers take the next run in plan order; every output is a function of the plan alone, so the thread count
 *     changes nothing but the wall time. Memory holds the plan and the runs in flight, not their results.</li>
 * </ul>
 */
public final class SweepRunner {
    private SweepRunner() {}

    /** What a sweep keeps of each run: summary (manifest, resolved scenario, summary.csv), + timeseries.csv, or all. */
    public enum Keep {
        SUMMARY, TIMESERIES, ALL;

        public static Keep parse(String word) {
            return switch (word) {
                case "summary" -> SUMMARY;
                case "timeseries" -> TIMESERIES;
                case "all" -> ALL;
                default -> throw new IllegalArgumentException("--keep takes summary, timeseries or all, not '" + word + "'");
            };
        }
    }

    /** The k-th (1-based) of n slices: run i belongs to slice (i mod n) + 1, so slices are alike in mix. */
    public record Shard(int k, int n) {
        public static final Shard ALL = new Shard(1, 1);

        public Shard {
            if (n < 1 || k < 1 || k > n) throw new IllegalArgumentException("a shard is k/n with 1 <= k <= n, got " + k + "/" + n);
        }

        public static Shard parse(String text) {
            String[] parts = text.trim().split("/");
            try {
                if (parts.length == 2) return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            } catch (NumberFormatException ignored) {
                // fall through
            }
            throw new IllegalArgumentException("a shard is k/n with 1 <= k <= n, e.g. 2/8, not '" + text + "'");
        }

        public boolean contains(long run) { return run % n == k - 1; }

        public boolean whole() { return n == 1; }

        @Override
        public String toString() { return k + "/" + n; }
    }

    /**
     * How to run: worker threads, what to keep, invariant checks, a progress observer (may be null).
     *
     * @param failInjection for tests: called with each run's id just before it is published; throwing fails that run
     */
    public record Options(int threads, Keep keep, boolean checkInvariants, Shard shard, Progress progress, Consumer<String> failInjection) {
        public Options {
            if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            if (shard == null) shard = Shard.ALL;
            if (keep == null) keep = Keep.SUMMARY;
        }

        public static Options of(int threads) { return new Options(threads, Keep.SUMMARY, false, Shard.ALL, null, null); }
    }

    /** Told of each run as it ends (from worker threads). */
    public interface Progress {
        void started(long runsInShard, long alreadyDone);

        void ended(String runId, boolean failed, String error);
    }

    /** What the sweep did: runs in this shard, run now, kept from before, failed (now or kept), and its folder. */
    public record Result(long runs, long ran, long reused, long failed, Path dir) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The sweep folder: {@code out/<name>}, or {@code out/<name>/shard-k-of-n} for a shard. */
    public static Path sweepDir(Path out, SweepPlan plan, Shard shard) {
        Path d = out.resolve(plan.name());
        return shard.whole() ? d : d.resolve("shard-" + shard.k() + "-of-" + shard.n());
    }

    public static Result run(SweepPlan plan, Path dir, Options o) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Path runs = dir.resolve("runs");
        try {
            Files.createDirectories(runs);
            removeTemporaryFolders(runs);
            SweepFiles.writePlan(plan, dir, o.shard());
            SweepFiles.writeSweepJson(plan, dir, o.shard(), started, null, "running", null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the sweep folder " + dir, e);
        }
        List<Long> mine = new ArrayList<>();
        for (long i = 0; i < plan.runCount(); i++) if (o.shard().contains(i)) mine.add(i);
        // which runs are already complete for the same scenario: decided before any worker starts
        boolean[] done = new boolean[mine.size()];
        long reused = 0;
        for (int j = 0; j < mine.size(); j++) {
            RunRef r = ref(plan, mine.get(j));
            done[j] = isComplete(runs.resolve(r.id()), r.sha256());
            if (done[j]) reused++;
        }
        if (o.progress() != null) o.progress().started(mine.size(), reused);
        AtomicLong next = new AtomicLong();
        AtomicLong ran = new AtomicLong();
        AtomicLong failedNow = new AtomicLong();
        int threads = (int) Math.max(1, Math.min(o.threads(), mine.size() - reused));
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            Thread t = new Thread(() -> {
                for (long j; (j = next.getAndIncrement()) < mine.size(); ) {
                    if (done[(int) j]) continue;
                    long i = mine.get((int) j);
                    RunRef r = ref(plan, i);
                    String error = runOne(plan, r, runs, o);
                    ran.incrementAndGet();
                    if (error != null) failedNow.incrementAndGet();
                    if (o.progress() != null) o.progress().ended(r.id(), error != null, error);
                }
            }, "sweep-worker-" + w);
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the sweep's runs", e);
            }
        }
        try {
            SweepFiles.Counts counts = SweepFiles.writeRunsCsv(plan, dir, o.shard());
            SweepFiles.writePointsCsv(dir.resolve("runs.csv"), dir.resolve("points.csv"), SweepFiles.factorPaths(plan));
            double wall = (System.nanoTime() - t0) / 1e9;
            SweepFiles.writeSweepJson(plan, dir, o.shard(), started, wall, counts.failed() + counts.missing() > 0 ? "failed" : "complete", counts);
            SweepFiles.buildReport(dir);
            return new Result(mine.size(), ran.get(), reused, counts.failed(), dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sweep's tables in " + dir, e);
        }
    }

    /** A planned run: flat index, point, replication, id, and the SHA-256 of its resolved scenario. */
    record RunRef(long index, int point, int replication, String id, Scenario scenario, String sha256) {}

    static RunRef ref(SweepPlan plan, long i) {
        int point = (int) (i / plan.replications());
        int rep = (int) (i % plan.replications());
        Scenario s = plan.scenario(point, rep);
        return new RunRef(i, point, rep, plan.runId(point, rep), s, Manifest.sha256(ScenarioLoader.toYaml(s)));
    }

    /** Runs one; returns null when it completed, else its error. */
    private static String runOne(SweepPlan plan, RunRef r, Path runs, Options o) {
        try {
            Runner.runInto(r.scenario(), runs.resolve(r.id()), new RunOptions(o.checkInvariants(), false, false, o.keep() != Keep.SUMMARY), tmp -> {
                if (o.failInjection() != null) o.failInjection().accept(r.id());
                keepOnly(tmp, o.keep());
            });
            return null;
        } catch (RuntimeException | Error e) {
            return e.toString();
        }
    }

    private static void keepOnly(Path dir, Keep keep) {
        try {
            switch (keep) {
                case SUMMARY -> Files.deleteIfExists(dir.resolve("agents.csv")); // no timeseries.csv was written
                case TIMESERIES -> Files.deleteIfExists(dir.resolve("agents.csv"));
                case ALL -> ReportBuilder.build(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A run folder published complete for the scenario with this SHA-256. */
    static boolean isComplete(Path runDir, String sha256) {
        JsonNode m = manifest(runDir);
        return m != null && "complete".equals(m.path("status").asText()) && sha256.equals(m.path("scenario_sha256").asText())
                && Files.exists(runDir.resolve("summary.csv"));
    }

    static JsonNode manifest(Path runDir) {
        Path f = runDir.resolve("manifest.json");
        if (!Files.isRegularFile(f)) return null;
        try {
            return JSON.readTree(f.toFile());
        } catch (IOException e) {
            return null; // unreadable: treated as absent, the run is redone
        }
    }

    /** Temporary folders of runs killed mid-way (".p0001-r00.tmp-…") left by an earlier, interrupted sweep. */
    private static void removeTemporaryFolders(Path runs) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(runs, ".*.tmp-*")) {
            for (Path p : ds) SweepFiles.deleteTree(p);
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(runs, ".*.old-*")) {
            for (Path p : ds) SweepFiles.deleteTree(p);
        }
    }
}
