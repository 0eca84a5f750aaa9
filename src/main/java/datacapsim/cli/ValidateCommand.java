package datacapsim.cli;

import datacapsim.scenario.Scenario;
import datacapsim.sweep.SweepPlan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a scenario file (with any overrides) without running it; exit 2 with the reason when it is not valid.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions scenario;

    @Override
    public Integer call() {
        var loaded = scenario.load();
        Scenario s = loaded.scenario();
        spec.commandLine().getOut().printf("%s: valid (%s, design %s, %d days, seed %d)%n", scenario.file, s.name(), s.design(),
                s.horizonDays(), s.seed());
        if (s.sweep() != null && (!s.sweep().parameters().isEmpty() || !s.sweep().compare().isEmpty())) {
            SweepPlan plan = SweepPlan.of(loaded); // checks every point
            spec.commandLine().getOut().printf("sweep: %s design, %d points × %d replications = %d runs, every point valid%n",
                    plan.design().word(), plan.points().size(), plan.replications(), plan.runCount());
        }
        return 0;
    }
}
