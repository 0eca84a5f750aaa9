package datacapsim.cli;

import datacapsim.run.BuildInfo;
import datacapsim.scenario.ScenarioException;
import datacapsim.sweep.SweepPlan;
import datacapsim.sweep.SweepRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run every point of a scenario's sweep block, R replications each, in parallel, into OUT/<name>/ "
                + "(OUT/<name>/shard-k-of-n/ for a shard): runs/<run id>/ per run, runs.csv, points.csv, plan.csv, sweep.json, "
                + "charts/ and report.html.",
                "Rerunning the same command resumes: runs already complete for the same scenario are kept. A failed run is "
                        + "recorded (runs/<run id>.failed/ and runs.csv) and the others go on; the exit code is 1 when any failed.",
                "A resume by a build of another git commit than the kept runs' refuses (exit 2) unless --allow-other-commit."})
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--out", defaultValue = "output", description = "output root folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--threads", description = "runs at a time (default: all cores, here ${DEFAULT-VALUE})", defaultValue = "0")
    int threads;

    @Option(names = "--shard", paramLabel = "k/n", description = "run only the k-th of n slices of the runs (e.g. a Slurm array task); join them with `merge`")
    String shard;

    @Option(names = "--keep", paramLabel = "summary|timeseries|all", defaultValue = "summary",
            description = "what each run folder keeps: summary (manifest, resolved scenario, summary.csv), timeseries (+ timeseries.csv), "
                    + "all (+ agents.csv, charts, report.html) (default: ${DEFAULT-VALUE})")
    String keep;

    @Option(names = "--check-invariants", description = "check the invariants after every step of every run; a violation fails that run")
    boolean checkInvariants;

    @Option(names = "--dry-run", description = "print the plan (points, runs, seeds) and write nothing")
    boolean dryRun;

    @Option(names = "--replace", description = "rerun into a folder that holds a sweep of another scenario or sweep block "
            + "(runs whose scenario did not change are kept; the others are replaced)")
    boolean replace;

    @Option(names = "--allow-other-commit", description = "resume a sweep whose folder holds runs made by another git "
            + "commit, keeping them (sweep.json's run_commits counts the runs of each commit); without it such a resume "
            + "refuses with exit code 2")
    boolean allowOtherCommit;

    @Override
    public Integer call() {
        SweepRunner.Keep k;
        SweepRunner.Shard sh;
        try {
            k = SweepRunner.Keep.parse(keep);
            sh = shard == null ? SweepRunner.Shard.ALL : SweepRunner.Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(shard != null && e.getMessage().contains("shard") ? "--shard " + shard : "--keep " + keep,
                    0, null, null, null, e.getMessage());
        }
        if (threads < 0) throw new ScenarioException("--threads " + threads, 0, null, String.valueOf(threads), ">= 1 (0 = all cores)", "not a thread count");
        int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        SweepPlan plan = SweepPlan.of(scenario.load());
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long mine = sh.size(plan.runCount());
        err.printf("sweep %s: %s design, %d points%s × %d replications = %d runs%s; %d threads%n", plan.name(),
                plan.design().word(), plan.points().size(),
                plan.compares() ? " (" + plan.points().size() / plan.arms().size() + " × " + plan.arms().size() + " arms)" : "",
                plan.replications(), plan.runCount(), sh.whole() ? "" : ", shard " + sh + ": " + mine + " runs", n);
        if (dryRun) {
            for (var p : plan.points())
                o.printf("point %d%s: %s%n", p.index(), p.arm().name().isEmpty() ? "" : " [" + p.arm().name() + "]",
                        p.labels().isEmpty() ? "(base scenario)" : p.labels().toString());
            return 0;
        }
        Path dir = SweepRunner.sweepDir(out, plan, sh);
        try (SweepProgress bar = new SweepProgress(err, plan.name())) {
            SweepRunner.Result r = SweepRunner.run(plan, dir, new SweepRunner.Options(n, k, checkInvariants, sh, bar, null, replace,
                    allowOtherCommit));
            o.printf("done: %d runs (%d run now, %d kept from before), %d failed%s%n", r.runs(), r.ran(), r.reused(), r.failed(),
                    r.missing() > 0 ? ", " + r.missing() + " missing (no folder could be written)" : "");
            o.println("runs:    " + dir.resolve("runs.csv"));
            o.println("points:  " + dir.resolve("points.csv"));
            o.println("report:  " + dir.resolve("report.html"));
            notes(err, r);
            if (!sh.whole()) o.println("merge the shards with: ./datacap-sim merge " + dir.getParent() + "/shard-*-of-" + sh.n());
            return r.allComplete() ? 0 : Main.EXIT_RUN_FAILED;
        }
    }

    /** Says where the results' provenance is less than one clean commit: other commits' runs kept, a dirty build. */
    static void notes(PrintWriter err, SweepRunner.Result r) {
        BuildInfo build = BuildInfo.current();
        if (r.reusedOtherCommit() > 0)
            err.printf("note: kept %d runs made by other git commits (--allow-other-commit); sweep.json's run_commits "
                    + "counts the runs of each commit%n", r.reusedOtherCommit());
        if (Boolean.TRUE.equals(build.dirty()))
            err.printf("note: this build (commit %s) had changes not committed: git_dirty is true in sweep.json and in "
                    + "the manifests of the runs it made%s%n", build.commit(),
                    r.reused() > 0 ? "; the runs kept from before were matched by commit only" : "");
        if (r.reusedDirty() > 0)
            err.printf("note: %d of the runs kept from before were made by a build with changes not committed "
                    + "(git_dirty in their manifests)%n", r.reusedDirty());
    }
}
