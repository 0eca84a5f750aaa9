package datacapsim.cli;

import datacapsim.scenario.Setting;
import datacapsim.scenario.Overrides;
import datacapsim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The scenario file and the overrides every command that loads a scenario accepts. Overrides go through the same
 * binding and checks as the file; their errors name the option (e.g. {@code --set clients.count=abc}).
 */
final class ScenarioOptions {
    @Parameters(index = "0", paramLabel = "FILE", description = "scenario file (YAML)")
    Path file;

    @Option(names = "--seed", description = "override the scenario's seed")
    Long seed;

    @Option(names = "--days", description = "override the scenario's horizon in days")
    Integer days;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = {"override any field by its dotted path (repeatable; later wins), e.g.",
                    "  --set clients.count=50   --set chain.payout=sampled",
                    "  --set 'clients.datasetTib={type: constant, value: 3}'   --set clients.datasetTib.median=30",
                    "VALUE is a YAML scalar, flow mapping or flow list; `describe` lists the paths"})
    List<String> sets = new ArrayList<>();

    /** The scenario file with --set, then --seed and --days applied, validated. */
    ScenarioLoader.Loaded load() {
        ScenarioLoader.Loaded l = ScenarioLoader.load(file);
        List<Setting> settings = new ArrayList<>();
        for (String s : sets) settings.add(Setting.parse(s));
        if (seed != null) settings.add(new Setting("seed", seed.toString(), "--seed " + seed));
        if (days != null) settings.add(new Setting("horizonDays", days.toString(), "--days " + days));
        return Overrides.apply(l, settings);
    }
}
