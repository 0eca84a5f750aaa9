package datacapsim.cli;

import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The scenario file and the overrides every command that loads a scenario accepts. */
final class ScenarioOptions {
    @Parameters(index = "0", paramLabel = "FILE", description = "scenario file (YAML)")
    Path file;

    @Option(names = "--seed", description = "override the scenario's seed")
    Long seed;

    @Option(names = "--days", description = "override the scenario's horizon in days")
    Integer days;

    ScenarioLoader.Loaded load() {
        ScenarioLoader.Loaded l = ScenarioLoader.load(file);
        if (seed == null && days == null) return l;
        StringBuilder yaml = new StringBuilder();
        if (seed != null) yaml.append("seed: ").append(seed).append('\n');
        if (days != null) yaml.append("horizonDays: ").append(days).append('\n');
        Scenario partial = ScenarioLoader.partial(yaml.toString(), "command line");
        Map<String, String> origin = new LinkedHashMap<>();
        if (seed != null) origin.put("seed", "--seed");
        if (days != null) origin.put("horizonDays", "--days");
        return ScenarioLoader.override(l, partial, origin);
    }
}
