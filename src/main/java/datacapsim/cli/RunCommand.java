package datacapsim.cli;

import datacapsim.metrics.RunOptions;
import datacapsim.metrics.RunResult;
import datacapsim.metrics.Runner;
import datacapsim.report.ReportBuilder;
import datacapsim.report.TimeseriesTable;
import datacapsim.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run one scenario and write its outputs under OUT/<scenario>/seed-<seed>/: manifest.json, "
                + "scenario.resolved.yaml, timeseries.csv, summary.csv, agents.csv, charts/, report.html (and events.csv.gz with --events).")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--out", defaultValue = "output", description = "output root folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--check-invariants",
            description = "check the invariants after every step (DataCap and FIL conservation, no negative stock, rate limits, fair-distribution caps); stop on a violation")
    boolean checkInvariants;

    @Option(names = "--events", description = "also write events.csv.gz: every call with its outcome and every contract event")
    boolean events;

    @Option(names = "--no-report", description = "skip the charts and report.html (rebuild them later with `report DIR`)")
    boolean noReport;

    @Override
    public Integer call() {
        Scenario s = scenario.load().scenario();
        spec.commandLine().getErr().printf("running %s: design %s, %d days, seed %d%n", s.name(), s.design(), s.horizonDays(), s.seed());
        RunResult r = Runner.run(s, out, new RunOptions(checkInvariants, events, true),
                noReport ? dir -> { } : ReportBuilder::build);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("done in %.1f s: %d daily rows%n", r.wallSeconds(), r.rows());
        printOutcomes(o, r.dir());
        o.println("outputs: " + r.dir());
        if (!noReport) o.println("report:  " + r.dir().resolve("report.html"));
        return 0;
    }

    static void printOutcomes(PrintWriter o, Path dir) {
        var outcomes = ReportBuilder.outcomes(TimeseriesTable.read(dir.resolve("timeseries.csv")));
        int width = outcomes.stream().mapToInt(x -> x.label().length()).max().orElse(10);
        for (var x : outcomes) o.printf("  %-" + width + "s  %14s %s%n", x.label(), x.value(), x.unit());
    }
}
