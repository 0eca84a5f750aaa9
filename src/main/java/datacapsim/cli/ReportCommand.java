package datacapsim.cli;

import datacapsim.report.ReportBuilder;
import datacapsim.report.SweepReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rebuild the charts and report.html of a finished run or sweep from its files alone (no rerun).")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "a run folder (holding timeseries.csv) or a sweep folder (holding sweep.json)")
    Path dir;

    @Override
    public Integer call() {
        if (SweepReport.isSweep(dir)) {
            Path report;
            try {
                report = SweepReport.build(dir);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return Main.EXIT_BAD_INPUT;
            }
            spec.commandLine().getOut().println("report: " + report);
            return 0;
        }
        if (!Files.isRegularFile(dir.resolve("timeseries.csv"))) {
            spec.commandLine().getErr().println("error: " + dir + " is neither a run folder (no timeseries.csv) nor a sweep folder (no sweep.json)");
            return Main.EXIT_BAD_INPUT;
        }
        Path report = ReportBuilder.build(dir);
        RunCommand.printOutcomes(spec.commandLine().getOut(), dir);
        spec.commandLine().getOut().println("report: " + report);
        return 0;
    }
}
