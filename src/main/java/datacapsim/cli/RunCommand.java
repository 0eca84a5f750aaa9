package datacapsim.cli;

import datacapsim.report.ReportBuilder;
import datacapsim.report.TimeseriesTable;
import datacapsim.run.RunOptions;
import datacapsim.run.RunResult;
import datacapsim.run.Runner;
import datacapsim.scenario.Scenario;
import datacapsim.sweep.SweepPlan;
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

    @Option(names = "--point", paramLabel = "K",
            description = "run point K of the file's sweep block alone (its levels and arm), into OUT/<name>/<run id>/ as the sweep's runs/<run id>/")
    Integer point;

    @Option(names = "--replication", paramLabel = "R", description = "with --point: the replication (default 0); its seed is the sweep's")
    Integer replication;

    @Override
    public Integer call() {
        var loaded = scenario.load();
        Scenario s = loaded.scenario();
        java.nio.file.Path target = null;
        if (point == null && replication != null)
            throw new datacapsim.scenario.ScenarioException("--replication " + replication, 0, null, String.valueOf(replication),
                    "--point K --replication R", "--replication needs --point");
        if (point != null) {
            SweepPlan plan = SweepPlan.of(loaded);
            int rep = replication == null ? 0 : replication;
            s = plan.scenario(point, rep);
            target = out.resolve(plan.name()).resolve(plan.runId(point, rep));
            var p = plan.point(point);
            spec.commandLine().getErr().printf("sweep point %d%s, replication %d: %s%n", point,
                    p.arm().name().isEmpty() ? "" : " [" + p.arm().name() + "]", rep, p.labels().isEmpty() ? "(base scenario)" : p.labels());
        }
        spec.commandLine().getErr().printf("running %s: design %s, %d days, seed %d%n", s.name(), s.design(), s.horizonDays(), s.seed());
        RunOptions options = new RunOptions(checkInvariants, events, true);
        java.util.function.Consumer<java.nio.file.Path> report = noReport ? dir -> { } : ReportBuilder::build;
        RunResult r = target == null ? Runner.run(s, out, options, report) : Runner.runInto(s, target, options, report);
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
