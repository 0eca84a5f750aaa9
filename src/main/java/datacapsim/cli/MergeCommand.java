package datacapsim.cli;

import datacapsim.sweep.SweepMerge;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Join the folders of a sharded sweep (sweep --shard k/n) into one runs.csv, points.csv, sweep.json and report. "
                + "Runs no given shard finished are listed as missing; the exit code is 1 when any run is failed or missing.")
final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "shard folders (OUT/<name>/shard-k-of-n)")
    List<Path> dirs;

    @Option(names = "--out", description = "merged folder (default: the folder the shards are in)")
    Path out;

    @Option(names = "--allow-other-commit", description = "merge shards whose runs were made by different git commits "
            + "(the merged sweep.json's run_commits counts the runs of each commit); without it they are refused")
    boolean allowOtherCommit;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        try {
            Path target = out != null ? out : SweepMerge.defaultOut(dirs);
            SweepMerge.Result r = SweepMerge.merge(dirs, target, allowOtherCommit);
            o.printf("merged %d shard folders: %d runs, %d complete, %d failed, %d missing%n", dirs.size(), r.runs(),
                    r.counts().complete(), r.counts().failed(), r.counts().missing());
            o.println("runs:    " + target.resolve("runs.csv"));
            o.println("points:  " + target.resolve("points.csv"));
            o.println("report:  " + target.resolve("report.html"));
            return r.counts().failed() + r.counts().missing() > 0 ? Main.EXIT_RUN_FAILED : 0;
        } catch (SweepMerge.MergeException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
