package datacapsim.cli;

import datacapsim.run.BuildInfo;
import datacapsim.scenario.ScenarioException;
import datacapsim.sweep.ClusterJobs;
import datacapsim.sweep.SweepPlan;
import datacapsim.sweep.SweepRunner;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
                "A resume by a build of another git commit than the kept runs' refuses (exit 2) unless --allow-other-commit.",
                "--emit slurm|k8s runs nothing: it writes OUT/<name>/slurm/ (array.sbatch, merge.sbatch, submit.sh) or "
                        + "OUT/<name>/k8s/ (an Indexed Job, a merge Job, submit.sh) that run the sweep in --shards shards on a "
                        + "cluster and merge them."})
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
    @Option(names = "--emit", paramLabel = "slurm|k8s", description = "write job files that run the sweep's shards on a "
            + "cluster and merge them, into OUT/<name>/slurm or OUT/<name>/k8s; runs nothing")
    String emit;

    @Option(names = "--shards", paramLabel = "n", description = "with --emit: shards, one per array task or pod, 1 to the "
            + "number of runs (default: the runs, at most " + DEFAULT_SHARDS + ")")
    Integer shards;

    @Option(names = "--cpus-per-shard", paramLabel = "C", description = "with --emit: CPUs of each shard's task or pod, its "
            + "--threads (default: " + DEFAULT_CPUS + ")")
    Integer cpusPerShard;

    @Option(names = "--jar", paramLabel = "PATH", description = "with --emit slurm: the jar the jobs run, on a filesystem the "
            + "nodes share (default: the jar running this command)")
    Path jar;

    @Option(names = "--slurm-option", paramLabel = "KEY=VALUE", description = "with --emit slurm: an sbatch long option for "
            + "both jobs, e.g. partition=short, time=12:00:00, mem=8G (repeatable; the merge keeps 1 CPU). Defaults: "
            + "time=04:00:00, mem-per-cpu=2G")
    List<String> slurmOptions = new ArrayList<>();

    @Option(names = "--slurm-merge-option", paramLabel = "KEY=VALUE", description = "with --emit slurm: an sbatch option "
            + "for the merge job alone (repeatable). Defaults: cpus-per-task=1, time=01:00:00, mem=4G")
    List<String> slurmMergeOptions = new ArrayList<>();

    @Option(names = "--image", description = "with --emit k8s: the container image, with java 17+ and the jar at --image-jar "
            + "(default: the placeholder " + ClusterJobs.IMAGE_PLACEHOLDER + ")")
    String image;

    @Option(names = "--image-jar", paramLabel = "PATH", defaultValue = "/opt/datacap-sim/datacap-sim.jar",
            description = "with --emit k8s: the jar's path inside the image (default: ${DEFAULT-VALUE})")
    String imageJar;

    @Option(names = "--volume-claim", paramLabel = "NAME", defaultValue = "datacap-sim-output",
            description = "with --emit k8s: the ReadWriteMany PersistentVolumeClaim mounted at /out in every pod "
                    + "(default: ${DEFAULT-VALUE})")
    String volumeClaim;

    static final int DEFAULT_SHARDS = 10;
    static final int DEFAULT_CPUS = 4;

    @Override
    public Integer call() {
        checkEmitOptions();
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
        err.printf("sweep %s: %s design, %d points%s × %d replications = %d runs%s%s%n", plan.name(),
                plan.design().word(), plan.points().size(),
                plan.compares() ? " (" + plan.points().size() / plan.arms().size() + " × " + plan.arms().size() + " arms)" : "",
                plan.replications(), plan.runCount(), sh.whole() ? "" : ", shard " + sh + ": " + mine + " runs",
                emit == null ? "; " + n + " threads" : "");
        if (emit != null) return emit(plan, k, o);
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

    /** Options that belong to --emit (or to one target) are refused elsewhere, before anything is read or written. */
    private void checkEmitOptions() {
        ClusterJobs.Target t = emit == null ? null : ClusterJobs.Target.parse(emit);
        if (t != null && shard != null)
            throw new ScenarioException("--shard " + shard, 0, null, shard, "--emit alone (its jobs run every shard)",
                    "--emit and --shard cannot be combined");
        if (t != null && dryRun)
            throw new ScenarioException("--dry-run", 0, null, null, "--emit alone (it runs nothing either)",
                    "--emit and --dry-run cannot be combined");
        refuse(shards != null && t == null, "--shards " + shards, "--emit slurm or --emit k8s (a sweep run here takes --shard k/n)");
        refuse(cpusPerShard != null && t == null, "--cpus-per-shard " + cpusPerShard, "--emit slurm or --emit k8s");
        boolean slurm = t == ClusterJobs.Target.SLURM, k8s = t == ClusterJobs.Target.K8S;
        refuse(jar != null && !slurm, "--jar " + jar, "--emit slurm");
        for (String s : slurmOptions) refuse(!slurm, "--slurm-option " + s, "--emit slurm");
        for (String s : slurmMergeOptions) refuse(!slurm, "--slurm-merge-option " + s, "--emit slurm");
        refuse(image != null && !k8s, "--image " + image, "--emit k8s");
    }

    private static void refuse(boolean bad, String option, String with) {
        if (bad) throw new ScenarioException(option, 0, null, null, "only with " + with, "an option of --emit");
    }

    private int emit(SweepPlan plan, SweepRunner.Keep k, PrintWriter o) {
        ClusterJobs.Target t = ClusterJobs.Target.parse(emit);
        List<String> runArgs = new ArrayList<>(List.of("--keep", k.word()));
        if (checkInvariants) runArgs.add("--check-invariants");
        if (replace) runArgs.add("--replace");
        List<String> args = new ArrayList<>();
        if (t == ClusterJobs.Target.SLURM) { // the pods load the resolved scenario, which has these in it already
            for (String s : scenario.sets) args.addAll(List.of("--set", s));
            if (scenario.seed != null) args.addAll(List.of("--seed", scenario.seed.toString()));
            if (scenario.days != null) args.addAll(List.of("--days", scenario.days.toString()));
        }
        args.addAll(runArgs);
        int n = shards != null ? shards : (int) Math.min(plan.runCount(), DEFAULT_SHARDS);
        ClusterJobs.Written w = ClusterJobs.write(t, new ClusterJobs.Request(plan, out, scenario.file, args, n,
                cpusPerShard == null ? DEFAULT_CPUS : cpusPerShard, t == ClusterJobs.Target.SLURM ? jarPath() : null,
                slurmOptions, slurmMergeOptions, image, imageJar, volumeClaim));
        o.printf("wrote %s jobs for sweep %s (%d runs in %d shards) into %s:%n", t.word(), plan.name(), plan.runCount(), n, w.dir());
        for (Path f : w.files()) o.println("  " + f.getFileName());
        if (t == ClusterJobs.Target.SLURM) {
            o.println("submit (from any folder, on a login node that shares " + w.dir().getParent() + " with the nodes):");
            o.println("  " + w.submit() + " [sbatch options, e.g. --partition=short]");
            o.println("merged tables when done: " + w.dir().getParent().resolve("runs.csv"));
        } else {
            if (image == null) o.println("note: the image is the placeholder " + ClusterJobs.IMAGE_PLACEHOLDER + "; set it with --image");
            o.println("submit (the volume claim " + volumeClaim + " must exist):");
            o.println("  " + w.submit() + " [kubectl options, e.g. --namespace=sims]");
            o.println("merged tables when done: /out/" + plan.name() + "/runs.csv on the volume claim " + volumeClaim);
        }
        return 0;
    }

    /** The jar the Slurm jobs call: --jar, or the one this command runs from. */
    private Path jarPath() {
        if (jar != null) return jar.toAbsolutePath().normalize();
        try {
            var src = SweepCommand.class.getProtectionDomain().getCodeSource();
            Path p = src == null ? null : Path.of(src.getLocation().toURI());
            if (p != null && Files.isRegularFile(p) && p.toString().endsWith(".jar")) return p;
        } catch (URISyntaxException | IllegalArgumentException e) {
            // fall through
        }
        throw new ScenarioException("--emit slurm", 0, null, null, "--jar PATH (e.g. target/datacap-sim.jar)",
                "this command does not run from a jar, so the jobs need to be told which one to call");
    }
}
