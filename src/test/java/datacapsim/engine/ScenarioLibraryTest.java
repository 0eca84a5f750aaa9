package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.*;

import datacapsim.metrics.Probes;
import datacapsim.metrics.TimeseriesWriter;
import datacapsim.run.RunResult;
import datacapsim.run.Runner;
import datacapsim.scenario.Overrides;
import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioLoader;
import datacapsim.scenario.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bundled scenario (every {@code scenarios/*.yaml}, found by listing the folder, so new files are included
 * without touching this test) states its question, runs a short horizon with every invariant checked after every
 * day, and gives byte-identical daily rows when run again with the same seed.
 */
class ScenarioLibraryTest {
    static final Path FOLDER = Path.of("scenarios");
    /** Short enough for the suite, long enough for applications, grants, allocations and claims to happen. */
    static final int DAYS = 30;

    /**
     * Bundled benchmarks too large for a test run even at a short horizon (mainnet-scale: 1,000 providers and 10,000
     * clients, the scale benchmark of issue 13, run by {@code bench}): they state their question and validate here,
     * but are not run.
     */
    static final List<String> BENCHMARKS = List.of("mainnet-scale.yaml");

    static List<Path> bundled() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** The bundled scenarios that run here: all but {@link #BENCHMARKS}. */
    static List<Path> runnable() throws IOException {
        return bundled().stream().filter(p -> !BENCHMARKS.contains(p.getFileName().toString())).toList();
    }

    static Scenario shortRun(Path file) {
        ScenarioLoader.Loaded l = ScenarioLoader.load(file);
        return Overrides.apply(l, List.of(new Setting("horizonDays", String.valueOf(DAYS), "test"))).scenario();
    }

    @Test
    void theLibraryHoldsEveryDesignThatRuns() throws IOException {
        List<String> names = bundled().stream().map(p -> p.getFileName().toString()).toList();
        for (String f : List.of("direct.yaml", "meta-allocator.yaml", "client-contract.yaml", "onramp.yaml"))
            assertTrue(names.contains(f), f + " is bundled");
    }

    @Test
    void theLibraryHoldsEveryRegimeThatRuns() {
        for (Scenario.Regime r : List.of(Scenario.Regime.V1, Scenario.Regime.V1_TOPUP, Scenario.Regime.FIP45_MARKET)) {
            Scenario s = ScenarioLoader.load(FOLDER.resolve(r.word() + ".yaml")).scenario();
            assertEquals(r, s.regime(), r.word() + ".yaml runs its regime");
            assertEquals(Scenario.Design.DIRECT, s.design());
            assertEquals(365, s.horizonDays());
            if (r != Scenario.Regime.FIP45_MARKET)
                assertTrue(s.clients().termMaxDays() <= 540, r.word() + ": deals within v1's 540 days");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundled")
    void opensWithItsQuestion(Path file) throws IOException {
        String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
        assertTrue(first.startsWith("# Question: ") && first.length() > "# Question: ".length() + 10,
                file + " must open with a '# Question: ...' comment, found: " + first);
        Scenario s = ScenarioLoader.load(file).scenario();
        assertFalse(s.question() == null || s.question().isBlank(), file + " needs a non-empty question: field");
        assertFalse(s.description() == null || s.description().isBlank(), file + " needs a description: field");
        assertEquals(file.getFileName().toString().replaceAll("\\.yaml$", ""), s.name(), "name matches the file");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runnable")
    void runsShortWithEveryInvariantAndRepeatsByteForByte(Path file, @TempDir Path tmp) throws IOException {
        Scenario s = shortRun(file);
        // first run: every invariant (chain and contracts) after every day, rows written as the Runner writes them
        Path first = tmp.resolve("first.csv");
        List<Long> checked = new ArrayList<>();
        Simulation sim = new Simulation(s, true);
        try (TimeseriesWriter ts = new TimeseriesWriter(first, Probes.TIMESERIES, Probes::refusalsByReason)) {
            sim.addObserver(ts);
            sim.addObserver((day, x) -> {
                List<String> v = Invariants.violations(x);
                if (!v.isEmpty()) fail(file + ", day " + day + ": " + String.join("; ", v));
                checked.add(day);
            });
            sim.run();
        }
        assertEquals(DAYS + 1, checked.size(), "invariants checked on days 0.." + DAYS);
        // second run, same seed, through the Runner (with its own per-step invariant check)
        RunResult r = Runner.run(s, tmp.resolve("out"), true);
        Path second = r.dir().resolve("timeseries.csv");
        List<String> lines = Files.readAllLines(second);
        assertEquals(DAYS + 2, lines.size(), "header and one row per day 0.." + DAYS);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second), file + ": same seed, same bytes");
    }
}
