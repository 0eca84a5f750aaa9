package datacapsim.cli;

import datacapsim.metrics.RunResult;
import datacapsim.metrics.Runner;
import datacapsim.scenario.Scenario;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run one scenario and write its outputs under OUT/<scenario>/seed-<seed>/.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--out", defaultValue = "output", description = "output root folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--check-invariants", description = "check DataCap and FIL conservation after every step; stop on a violation")
    boolean checkInvariants;

    @Override
    public Integer call() {
        Scenario s = scenario.load().scenario();
        System.err.printf("running %s: design %s, %d days, seed %d%n", s.name(), s.design(), s.horizonDays(), s.seed());
        RunResult r = Runner.run(s, out, checkInvariants);
        System.out.printf("done in %.1f s: %d daily rows%n", r.wallSeconds(), r.rows());
        System.out.println("timeseries: " + r.dir().resolve("timeseries.csv"));
        return 0;
    }
}
