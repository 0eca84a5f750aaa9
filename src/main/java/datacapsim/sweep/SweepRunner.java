package datacapsim.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import datacapsim.report.ReportBuilder;
import datacapsim.report.RunStatus;
import datacapsim.run.BuildInfo;
import datacapsim.run.Manifest;
import datacapsim.run.RunDirectory;
import datacapsim.run.RunOptions;
import datacapsim.run.Runner;
import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioException;
import datacapsim.scenario.ScenarioLoader;
import datacapsim.scenario.Word;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs a sweep's plan (or one shard of it) in parallel into {@code <sweep folder>/runs/<run id>/}, then writes
 * runs.csv, points.csv, sweep.json and the sweep report.
 * <ul>
 * <li>Each run is an ordinary run folder, published atomically; a run already complete in the folder for the same
 *     resolved scenario (same SHA-256) is kept, not redone, so rerunning an interrupted sweep resumes it.</li>
 * <li>Only runs made by this build's git commit are kept silently: when the folder holds complete runs made by another
 *     commit (their manifests' {@code git_commit}) the sweep refuses before writing anything, naming both commits,
 *     unless {@code allowOtherCommit}; then they are kept and sweep.json's {@code run_commits} counts the runs of
 *     each commit. A build with changes not committed ({@code git_dirty}) is noted, not refused.</li>
 * <li>A failed run is published as {@code <run id>.failed} with its error; the others go on.</li>
 * <li>Workers take the next run in plan order; every output is a function of the plan alone, so the thread count
 *     changes nothing but the wall time. Memory holds the plan and the runs in flight, not their results.</li>
 * </ul>
 */
public final class SweepRunner {
    private SweepRunner() {}

    /** What a sweep keeps of each run: summary (manifest, resolved scenario, summary.csv), + timeseries.csv, or all. */
    public enum Keep implements Word {
        SUMMARY, TIMESERIES, ALL;

        public static Keep parse(String word) {
            List<String> words = Word.words(Keep.class);
            String allowed = String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
            return Word.find(Keep.class, word)
                    .orElseThrow(() -> new IllegalArgumentException("--keep takes " + allowed + ", not '" + word + "'"));
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

        /** How many of {@code runCount} runs are in this slice. */
        public long size(long runCount) { return Math.max(0, (runCount - (k - 1) + n - 1) / n); }

        /** The j-th run of this slice: j·n + (k − 1). */
        public long run(long j) { return j * n + k - 1; }

        public boolean whole() { return n == 1; }

        @Override
        public String toString() { return k + "/" + n; }
    }

    /**
     * How to run: worker threads, what to keep, invariant checks, a progress observer (may be null).
     *
     * @param failInjection for tests: called with each run's id just before it is published; throwing fails that run
     */
    public record Options(int threads, Keep keep, boolean checkInvariants, Shard shard, Progress progress, Consumer<String> failInjection,
                          boolean replace, boolean allowOtherCommit) {
        public Options {
            if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            if (shard == null) shard = Shard.ALL;
            if (keep == null) keep = Keep.SUMMARY;
        }

        public Options(int threads, Keep keep, boolean checkInvariants, Shard shard, Progress progress, Consumer<String> failInjection) {
            this(threads, keep, checkInvariants, shard, progress, failInjection, false, false);
        }

        public static Options of(int threads) { return new Options(threads, Keep.SUMMARY, false, Shard.ALL, null, null, false, false); }

        public Options replacing() {
            return new Options(threads, keep, checkInvariants, shard, progress, failInjection, true, allowOtherCommit);
        }

        /** The same options, keeping runs another git commit made (see the class comment). */
        public Options allowingOtherCommit() {
            return new Options(threads, keep, checkInvariants, shard, progress, failInjection, replace, true);
        }
    }

    /** Told of each run as it ends (from worker threads). */
    public interface Progress {
        void started(long runsInShard, long alreadyDone);

        void ended(String runId, boolean failed, String error);
    }

    /**
     * What the sweep did: runs in this shard, run now, kept from before, failed, missing (neither complete nor failed:
     * a run whose folder could not be written), and its folder; of the runs kept, how many another git commit made
     * and how many a build with changes not committed made.
     */
    public record Result(long runs, long ran, long reused, long failed, long missing, Path dir, long reusedOtherCommit,
                         long reusedDirty) {
        /** Whether every run of the shard completed. */
        public boolean allComplete() { return failed == 0 && missing == 0; }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The sweep folder: {@code out/<name>}, or {@code out/<name>/shard-k-of-n} for a shard. */
    public static Path sweepDir(Path out, SweepPlan plan, Shard shard) {
        Path d = out.resolve(plan.name());
        return shard.whole() ? d : d.resolve("shard-" + shard.k() + "-of-" + shard.n());
    }

    public static Result run(SweepPlan plan, Path dir, Options o) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sweep folder " + dir, e);
        }
        try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(lockFile, dir)) {
            assert lock.isValid(); // held until the sweep's tables are written
            checkSameSweep(plan, dir, o);
            return runLocked(plan, dir, o);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the sweep folder " + dir, e);
        }
    }

    private static FileLock tryLock(FileChannel ch, Path dir) throws IOException {
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            l = null;
        }
        if (l == null)
            throw new ScenarioException(dir.toString(), 0, null, null, "one sweep at a time in a folder (another --out, or wait)",
                    "another sweep is running in this folder");
        return l;
    }

    /**
     * A folder holding another sweep (its scenario or sweep block differ: another fingerprint) is not overwritten
     * unless asked: runs whose scenario changed would replace their earlier results.
     */
    private static void checkSameSweep(SweepPlan plan, Path dir, Options o) throws IOException {
        Path f = dir.resolve("sweep.json");
        if (o.replace() || !Files.isRegularFile(f)) return;
        JsonNode old;
        try {
            old = JSON.readTree(f.toFile());
        } catch (IOException e) {
            return; // unreadable: written again below
        }
        String fp = old == null ? null : old.path("fingerprint").asText(null);
        if (fp != null && !fp.equals(plan.fingerprint()))
            throw new ScenarioException(dir.toString(), 0, null, null,
                    "another --out, or --replace to rerun into it (runs whose scenario did not change are kept, the others replaced)",
                    "the folder holds a sweep with another scenario or sweep block");
    }

    private static Result runLocked(SweepPlan plan, Path dir, Options o) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Path runs = dir.resolve("runs");
        Shard sh = o.shard();
        int mine = (int) sh.size(plan.runCount());
        // which runs are already done, decided before any worker starts; each run's scenario is resolved (and hashed)
        // once: here when it has a folder to compare with, else by the worker that runs it
        String[] hashes = new String[mine];
        boolean[] done = new boolean[mine];
        long reused = 0;
        long reusedDirty = 0;
        BuildInfo build = BuildInfo.current();
        Map<String, Long> otherCommits = new TreeMap<>();
        for (int j = 0; j < mine; j++) {
            long i = sh.run(j);
            if (!Files.isDirectory(runs.resolve(plan.runId(i)))) continue;
            RunRef r = ref(plan, i);
            hashes[j] = r.sha256();
            JsonNode m = manifest(runs.resolve(r.id()));
            done[j] = reusable(runs.resolve(r.id()), m, r.sha256(), o);
            if (!done[j]) continue;
            reused++;
            String commit = commitOf(m);
            if (!commit.equals(build.commit())) otherCommits.merge(commit, 1L, Long::sum);
            if (m.path("git_dirty").asBoolean(false)) reusedDirty++;
        }
        if (!otherCommits.isEmpty() && !o.allowOtherCommit()) throw otherCommit(dir, otherCommits, build);
        long reusedOtherCommit = otherCommits.values().stream().mapToLong(Long::longValue).sum();
        try {
            Files.createDirectories(runs);
            removeTemporaryFolders(runs);
            SweepFiles.writePlan(plan, dir);
            SweepFiles.writeSweepJson(plan, dir, o.shard(), started, null, RunStatus.RUNNING, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the sweep folder " + dir, e);
        }
        if (o.progress() != null) o.progress().started(mine, reused);
        AtomicLong next = new AtomicLong();
        AtomicLong ran = new AtomicLong();
        AtomicLong failedNow = new AtomicLong();
        int threads = (int) Math.max(1, Math.min(o.threads(), mine - reused));
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            Thread t = new Thread(() -> {
                for (long j; (j = next.getAndIncrement()) < mine; ) {
                    if (done[(int) j]) continue;
                    long i = sh.run(j);
                    String id = plan.runId(i);
                    String error;
                    try {
                        RunRef r = ref(plan, i);
                        hashes[(int) j] = r.sha256(); // read by the tables after the workers are joined
                        error = runOne(r, runs, o);
                    } catch (RuntimeException | Error e) { // whatever happens to one run, the worker goes on to the next
                        error = e.toString();
                    }
                    ran.incrementAndGet();
                    if (error != null) failedNow.incrementAndGet();
                    if (o.progress() != null) o.progress().ended(id, error != null, error);
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
            SweepFiles.Counts counts = SweepFiles.writeRunsCsv(plan, dir, sh, i -> hashes[(int) (i / sh.n())]);
            SweepFiles.writePointsCsv(dir.resolve("runs.csv"), dir.resolve("points.csv"), SweepFiles.pointColumns(plan));
            if (plan.design().sensitivity() && sh.whole()) // a shard's points are a slice; merge writes the indices
                Sensitivity.write(dir.resolve("points.csv"), dir.resolve("sensitivity.csv"), plan.design(),
                        SweepFiles.factorPaths(plan), plan.baseSeed());
            double wall = (System.nanoTime() - t0) / 1e9;
            RunStatus status = counts.failed() + counts.missing() > 0 ? RunStatus.FAILED : RunStatus.COMPLETE;
            SweepFiles.writeSweepJson(plan, dir, o.shard(), started, wall, status, counts);
            SweepFiles.buildReport(dir);
            return new Result(mine, ran.get(), reused, counts.failed(), counts.missing(), dir, reusedOtherCommit, reusedDirty);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sweep's tables in " + dir, e);
        }
    }

    /** A planned run: its id, its scenario, and the SHA-256 of the resolved scenario (what its manifest records). */
    record RunRef(String id, Scenario scenario, String sha256) {}

    static RunRef ref(SweepPlan plan, long i) {
        Scenario s = plan.scenario((int) (i / plan.replications()), (int) (i % plan.replications()));
        return new RunRef(plan.runId(i), s, Manifest.sha256(ScenarioLoader.toYaml(s)));
    }

    /** Runs one; returns null when it completed, else its error. */
    private static String runOne(RunRef r, Path runs, Options o) {
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

    /**
     * The refusal to resume a sweep whose folder holds complete runs made by other git commits: names each of them
     * with its number of runs, and this build's commit.
     */
    static ScenarioException otherCommit(Path dir, Map<String, Long> otherCommits, BuildInfo build) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Long> e : otherCommits.entrySet())
            parts.add(e.getValue() + (e.getValue() == 1 ? " run" : " runs") + " made by commit " + e.getKey());
        return new ScenarioException(dir.toString(), 0, null, null,
                "--allow-other-commit to keep those runs (sweep.json's run_commits then counts the runs of each commit), "
                        + "or another --out to run the sweep afresh",
                "the folder holds " + String.join(" and ", parts) + "; this build is commit " + build.describe());
    }

    /** The commit a run's manifest records; {@code unknown} when it records none (a manifest older than the field). */
    static String commitOf(JsonNode manifest) {
        String c = manifest == null ? null : manifest.path("git_commit").asText(null);
        return c == null || c.isBlank() ? BuildInfo.UNKNOWN : c;
    }

    /**
     * A finished run this sweep may keep instead of redoing: complete for the same resolved scenario, by the same tool
     * version, with the invariants checked if this sweep checks them, and holding the files {@code --keep} asks for.
     * Its git commit is not looked at here: the sweep refuses runs of another commit unless asked to keep them.
     */
    static boolean reusable(Path runDir, JsonNode m, String sha256, Options o) {
        if (!isComplete(runDir, m, sha256)) return false;
        if (!Manifest.VERSION.equals(m.path("tool_version").asText())) return false;
        if (o.checkInvariants() && !m.path("invariants_checked").asBoolean(false)) return false;
        return switch (o.keep()) {
            case SUMMARY -> true;
            case TIMESERIES -> Files.exists(runDir.resolve("timeseries.csv"));
            case ALL -> Files.exists(runDir.resolve("timeseries.csv")) && Files.exists(runDir.resolve("report.html"))
                    && Files.exists(runDir.resolve("agents.csv"));
        };
    }

    /** A run folder published complete for the scenario with this SHA-256. */
    static boolean isComplete(Path runDir, String sha256) { return isComplete(runDir, manifest(runDir), sha256); }

    static boolean isComplete(Path runDir, JsonNode m, String sha256) {
        return sha256 != null && status(m).orElse(null) == RunStatus.COMPLETE
                && sha256.equals(m.path("scenario_sha256").asText())
                && Files.exists(runDir.resolve("summary.csv"));
    }

    /** The status a run's manifest records; empty without a manifest or a status word this tool writes. */
    static Optional<RunStatus> status(JsonNode manifest) {
        return manifest == null ? Optional.empty() : RunStatus.parse(manifest.path("status").asText());
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
            for (Path p : ds) RunDirectory.delete(p);
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(runs, ".*.old-*")) {
            for (Path p : ds) RunDirectory.delete(p);
        }
    }
}
