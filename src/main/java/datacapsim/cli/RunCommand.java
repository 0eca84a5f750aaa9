package datacapsim.cli;

import datacapsim.metrics.RunResult;
import datacapsim.metrics.Runner;
import datacapsim.scenario.Scenario;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run one scenario and write its outputs under OUT/<scenario>/seed-<seed>/.")
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

    @Override
    public Integer call() {
        Scenario s = scenario.load().scenario();
        spec.commandLine().getErr().printf("running %s: design %s, %d days, seed %d%n", s.name(), s.design(), s.horizonDays(), s.seed());
        RunResult r = Runner.run(s, out, checkInvariants);
        var out = spec.commandLine().getOut();
        out.printf("done in %.1f s: %d daily rows%n", r.wallSeconds(), r.rows());
        out.println("timeseries: " + r.dir().resolve("timeseries.csv"));
        return 0;
    }
}
