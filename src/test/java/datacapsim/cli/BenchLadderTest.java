package datacapsim.cli;

import static org.junit.jupiter.api.Assertions.*;

import datacapsim.scenario.Overrides;
import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioLoader;
import datacapsim.scenario.Setting;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bench --ladder}: every rung is printed with the populations it ran, both exponents are printed, the CSV
 * holds the same table, bad options are bad input. The timings' values are never asserted (the machine is noisy).
 */
class BenchLadderTest {
    static final String[] TINY = {"scenarios/direct.yaml", "--days", "20", "--set", "providers.count=3", "--set",
        "clients.count=10", "--set", "clients.providersPerClient=2"};

    static String[] args(String... more) {
        String[] a = new String[2 + TINY.length + more.length];
        a[0] = "bench";
        a[1] = "--ladder";
        System.arraycopy(TINY, 0, a, 2, TINY.length);
        System.arraycopy(more, 0, a, 2 + TINY.length, more.length);
        return a;
    }

    static ScenarioLoader.Loaded tiny() {
        return Overrides.apply(ScenarioLoader.load(Path.of("scenarios/direct.yaml")), List.of(
                new Setting("horizonDays", "20", "test"), new Setting("providers.count", "3", "test"),
                new Setting("clients.count", "10", "test"), new Setting("clients.providersPerClient", "2", "test")));
    }

    @Test
    void theRungsScalePopulationsAndArrivalsAndTheSecondDoublesTheHorizon() {
        List<Ladder.Rung> rungs = Ladder.rungs(tiny(), Ladder.parseScales("1,2"));
        assertEquals(List.of("1x", "1x, 2x days", "2x"), rungs.stream().map(Ladder.Rung::label).toList());
        Scenario one = rungs.get(0).scenario(), days = rungs.get(1).scenario(), two = rungs.get(2).scenario();
        assertEquals(List.of(3, 10, 5, 20), List.of(one.providers().count(), one.clients().count(),
                one.allocators().count(), one.horizonDays()));
        assertEquals(List.of(3, 10, 5, 40), List.of(days.providers().count(), days.clients().count(),
                days.allocators().count(), days.horizonDays()));
        assertEquals(List.of(6, 20, 10, 20), List.of(two.providers().count(), two.clients().count(),
                two.allocators().count(), two.horizonDays()));
        assertEquals(2 * one.clients().arrivalsPerDay(), two.clients().arrivalsPerDay(), 1e-12,
                "the Poisson arrival rate scales with the clients");
        assertEquals(18, rungs.get(0).agents());
        assertEquals(36, rungs.get(2).agents());
        // per-agent fields stay
        assertEquals(one.providers().sealingTibPerDay(), two.providers().sealingTibPerDay());
        assertEquals(one.rootKey().verifierAllowanceTib(), two.rootKey().verifierAllowanceTib());
        assertEquals(one.clients().providersPerClient(), two.clients().providersPerClient());
    }

    @Test
    void abusivePopulationsScaleWhenPresent() {
        ScenarioLoader.Loaded l = ScenarioLoader.load(Path.of("scenarios/attack-lax-allocator.yaml"));
        var a = l.scenario().abuse();
        Scenario s = Ladder.rung(l, new BigDecimal("4"), 1).scenario();
        assertEquals(4 * a.sybilOwners(), s.abuse().sybilOwners());
        assertEquals(4 * a.selfDealingProviders(), s.abuse().selfDealingProviders());
        assertEquals(4 * a.colludingClients(), s.abuse().colludingClients());
        assertEquals(a.sybilAddressesPerOwner(), s.abuse().sybilAddressesPerOwner(), "per owner, not scaled");
        assertEquals(l.scenario().seed(), s.seed());
    }

    @Test
    void everyBundledScenarioHasValidRungs() throws IOException {
        try (var files = Files.list(Path.of("scenarios"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                ScenarioLoader.Loaded l = ScenarioLoader.load(f);
                List<Ladder.Rung> rungs = assertDoesNotThrow(() -> Ladder.rungs(l, Ladder.parseScales("1,2,10")),
                        f.toString());
                Scenario base = l.scenario(), ten = rungs.get(3).scenario();
                assertEquals(10L * base.clients().count(), (long) ten.clients().count(), f.toString());
                assertEquals(10L * base.providers().count(), (long) ten.providers().count(), f.toString());
                assertEquals(2L * base.horizonDays(), (long) rungs.get(1).scenario().horizonDays(), f.toString());
            }
        }
    }

    @Test
    void printsEveryRungAndBothExponentsAndWritesTheCsv(@TempDir Path tmp) throws IOException {
        Path csv = tmp.resolve("sub/ladder.csv");
        CliRun r = CliRun.of(args("--ladder-scales", "1,2", "--repeat", "1", "--out", csv.toString()));
        assertEquals(0, r.code(), r.err());
        String num = "\\d+\\.\\d{2}";
        for (String row : List.of("1x +3 +10 +5 +18 +20 ", "1x, 2x days +3 +10 +5 +18 +40 ", "2x +6 +20 +10 +36 +20 "))
            assertTrue(Pattern.compile("(?m)^" + row + " *" + num + " +" + num + "-" + num + " +" + num + "$")
                    .matcher(r.out()).find(), "rung row " + row + " in:\n" + r.out());
        assertTrue(Pattern.compile("(?m)^cost exponent in agents: -?" + num + " \\(").matcher(r.out()).find(), r.out());
        assertTrue(Pattern.compile("(?m)^cost exponent in days: -?" + num + " \\(").matcher(r.out()).find(), r.out());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("rung,scale,horizon_factor,providers,clients,allocators,agents,days,runs,median_s,min_s,max_s,"
                + "peak_heap_gib,status,exponent", lines.get(0));
        assertEquals(6, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(1).startsWith("\"1x\",1,1,3,10,5,18,20,1,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("\"1x, 2x days\",1,2,3,10,5,18,40,1,"), lines.get(2));
        assertTrue(lines.get(3).startsWith("\"2x\",2,1,6,20,10,36,20,1,"), lines.get(3));
        assertTrue(lines.get(4).matches("exponent_agents,{14}-?\\d+\\.\\d{3}"), lines.get(4));
        assertTrue(lines.get(5).matches("exponent_days,{14}-?\\d+\\.\\d{3}"), lines.get(5));
        for (String l : lines.subList(1, 4)) assertEquals(15, l.replace("\"1x, 2x days\"", "x").split(",", -1).length);
    }

    @Test
    void aRungOverTheLimitSkipsTheRest() {
        CliRun r = CliRun.of(args("--ladder-scales", "1,2,4", "--repeat", "1", "--ladder-max-seconds", "0.000001"));
        assertEquals(0, r.code(), r.err());
        assertTrue(Pattern.compile("(?m)^1x +3 +10 +5 +18 +20 +\\d").matcher(r.out()).find(), r.out());
        assertTrue(Pattern.compile("(?m)^1x, 2x days +3 +10 +5 +18 +40 +skipped \\(1x took").matcher(r.out()).find(),
                r.out());
        assertTrue(Pattern.compile("(?m)^2x +6 +20 +10 +36 +20 +skipped").matcher(r.out()).find(), r.out());
        assertTrue(Pattern.compile("(?m)^4x +12 +40 +20 +72 +20 +skipped").matcher(r.out()).find(), r.out());
        assertTrue(r.out().contains("cost exponent in agents: n/a"), r.out());
        assertTrue(r.out().contains("cost exponent in days: n/a"), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1,x", "0,2", "-1,2", "2,1", "1,1", "1,,2", "1,2000"})
    void badScalesAreBadInput(String scales) {
        CliRun r = CliRun.of(args("--ladder-scales", scales));
        assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--ladder-scales"), r.err());
        assertTrue(r.err().contains("allowed: comma-separated positive numbers in ascending order"), r.err());
        assertFalse(r.out().contains("rung"), "nothing ran: " + r.out());
    }

    @Test
    void badCombinationsAreBadInput() {
        assertEquals(Main.EXIT_BAD_INPUT, CliRun.of(args("--ladder-max-seconds", "0")).code());
        assertEquals(Main.EXIT_BAD_INPUT, CliRun.of(args("--sweep")).code());
        assertEquals(Main.EXIT_BAD_INPUT, CliRun.of("bench", "scenarios/direct.yaml", "--out", "x.csv").code());
        CliRun r = CliRun.of(args("--set", "providers.count=200", "--ladder-scales", "1,1000"));
        assertEquals(Main.EXIT_BAD_INPUT, r.code(), "a scale past a count's range is refused by the validator");
        assertTrue(r.err().contains("--ladder-scales 1000") && r.err().contains("providers.count"), r.err());
    }
}
