package datacapsim.cli;

import datacapsim.run.BuildInfo;
import datacapsim.scenario.ScenarioException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The datacap-sim command line. Exit codes: 0 success, 1 a run failed, 2 bad input (nothing written). */
@Command(name = "datacap-sim", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Agent-based simulation of Filecoin Plus DataCap flows.",
        subcommands = {RunCommand.class, SweepCommand.class, MergeCommand.class, ValidateCommand.class, DescribeCommand.class, BenchCommand.class, ReportCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_RUN_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code --version}: the tool version and the git commit the jar was built from (see {@link BuildInfo}). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            BuildInfo b = BuildInfo.current();
            return new String[] {"datacap-sim " + b.version(), "built from commit " + b.describe()};
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line on the process's standard streams and returns its exit code. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line writing to {@code out} and {@code err} (for tests) and returns its exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e -> e instanceof ScenarioException
                || e instanceof CommandLine.ParameterException ? EXIT_BAD_INPUT : EXIT_RUN_FAILED);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ScenarioException se) {
                cmd.getErr().println("error: " + se.getMessage());
                return EXIT_BAD_INPUT;
            }
            cmd.getErr().println("error: run failed: " + e);
            return EXIT_RUN_FAILED;
        });
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
