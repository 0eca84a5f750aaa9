package datacapsim.cli;

import datacapsim.scenario.Scenario;
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
        Scenario s = scenario.load().scenario();
        spec.commandLine().getOut().printf("%s: valid (%s, design %s, %d days, seed %d)%n", scenario.file, s.name(), s.design(),
                s.horizonDays(), s.seed());
        return 0;
    }
}
