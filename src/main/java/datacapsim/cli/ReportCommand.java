package datacapsim.cli;

import datacapsim.report.ReportBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rebuild the charts and report.html of a finished run from its files alone (no rerun).")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "a run folder (holding timeseries.csv)")
    Path dir;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(dir.resolve("timeseries.csv"))) {
            spec.commandLine().getErr().println("error: " + dir + " is not a run folder: it has no timeseries.csv");
            return Main.EXIT_BAD_INPUT;
        }
        Path report = ReportBuilder.build(dir);
        RunCommand.printOutcomes(spec.commandLine().getOut(), dir);
        spec.commandLine().getOut().println("report: " + report);
        return 0;
    }
}
