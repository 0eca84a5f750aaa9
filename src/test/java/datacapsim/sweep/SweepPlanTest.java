package datacapsim.sweep;

import static org.junit.jupiter.api.Assertions.*;

import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioException;
import datacapsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep block read from a file: expansion counts and bounds of every design, seeds, arms, and bad input. */
class SweepPlanTest {
    @TempDir
    Path dir;

    static final String BASE = "extends: " + Path.of("src/test/resources/small-direct.yaml").toAbsolutePath() + "\nhorizonDays: 30\n";

    SweepPlan plan(String sweepYaml) throws IOException {
        Path f = dir.resolve("sweep.yaml");
        Files.writeString(f, BASE + "sweep:\n" + sweepYaml.indent(2));
        return SweepPlan.of(ScenarioLoader.load(f));
    }

    ScenarioException bad(String sweepYaml) {
        return assertThrows(ScenarioException.class, () -> plan(sweepYaml));
    }

    @Test
    void aScenarioWithoutASweepIsOnePointOfOneRunAndRunIgnoresTheBlock() throws IOException {
        SweepPlan p = plan("replications: 1");
        assertEquals(1, p.points().size());
        assertEquals(1, p.runCount());
        assertFalse(p.compares());
        Path f = dir.resolve("sweep.yaml");
        String yaml = ScenarioLoader.toYaml(ScenarioLoader.load(f).scenario());
        assertFalse(yaml.contains("sweep"), "a run's resolved scenario has no sweep block");
        assertFalse(yaml.contains("extends"), "nor extends");
    }

    @Test
    void gridCountsAreTheProductOfLevelsTimesReplicationsAndTheLastFactorVariesFastest() throws IOException {
        SweepPlan p = plan("""
                replications: 4
                parameters:
                  - path: clients.count
                    values: [10, 20, 30]
                  - path: chain.payout
                    values: [expected, sampled]
                """);
        assertEquals(6, p.points().size());
        assertEquals(24, p.runCount());
        assertEquals(List.of("10", "expected"), List.copyOf(p.points().get(0).labels().values()));
        assertEquals(List.of("10", "sampled"), List.copyOf(p.points().get(1).labels().values()));
        Scenario s = p.scenario(5, 3);
        assertEquals(30, s.clients().count());
        assertEquals("sampled", s.chain().payout().word());
        assertEquals(8, s.providers().count(), "fields not swept keep the base value");
        assertEquals("p0005-r03", p.runId(5, 3));
    }

    @Test
    void rangesByStepAndByCountLinearAndLogAndWholeNumberFieldsRounded() throws IOException {
        SweepPlan p = plan("""
                parameters:
                  - path: clients.arrivalWindowFraction
                    start: 0.1
                    stop: 0.3
                    step: 0.1
                  - path: rootKey.verifierAllowanceTib
                    start: 100
                    stop: 10000
                    count: 3
                    scale: log
                  - path: clients.count
                    start: 10
                    stop: 20
                    count: 4
                """);
        assertEquals(List.of(new BigDecimal("0.1"), new BigDecimal("0.2"), new BigDecimal("0.3")), p.factors().get(0).values(),
                "exact decimal steps, no drift");
        assertEquals(List.of(100L, 1000L, 10000L), p.factors().get(1).values());
        assertEquals(List.of(10L, 13L, 17L, 20L), p.factors().get(2).values(), "rounded for a whole-number field");
        assertEquals(3 * 3 * 4, p.points().size());
    }

    @Test
    void zipPairsLevelsAndRefusesUnequalLists() throws IOException {
        SweepPlan p = plan("""
                design: zip
                parameters:
                  - path: clients.count
                    values: [10, 20, 30]
                  - path: providers.count
                    values: [4, 6, 8]
                """);
        assertEquals(3, p.points().size());
        assertEquals(6, p.scenario(1, 0).providers().count());
        assertEquals(20, p.scenario(1, 0).clients().count());
        ScenarioException e = bad("""
                design: zip
                parameters:
                  - path: clients.count
                    values: [10, 20, 30]
                  - path: providers.count
                    values: [4, 6]
                """);
        assertTrue(e.getMessage().contains("sweep.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("sweep.parameters[1]"), e.getMessage());
        assertTrue(e.getMessage().contains("as many levels"), e.getMessage());
    }

    @Test
    void latinHypercubeAndSobolDrawSamplesWithinTheirIntervalsAndDistributions() throws IOException {
        for (String design : List.of("latin-hypercube", "sobol")) {
            SweepPlan p = plan("""
                    design: %s
                    samples: 40
                    parameters:
                      - path: clients.count
                        start: 10
                        stop: 50
                        count: 2
                      - path: providers.extendProbability
                        distribution: {type: uniform, min: 0.2, max: 0.4}
                      - path: rootKey.verifierAllowanceTib
                        distribution: {type: lognormal, median: 1000, sigma: 0.5}
                    """.formatted(design));
            int points = design.equals("sobol") ? 40 * (3 + 2) : 40; // sobol: A, B and A_B^i of 40 rows each
            assertEquals(points, p.points().size(), design);
            Set<Long> counts = new HashSet<>();
            for (var pt : p.points()) {
                Object c = pt.factorSettings().get("clients.count");
                assertInstanceOf(Long.class, c, "whole-number field sampled as a whole number");
                assertTrue((Long) c >= 10 && (Long) c <= 50, design + " " + c);
                counts.add((Long) c);
                double x = ((Number) pt.factorSettings().get("providers.extendProbability")).doubleValue();
                assertTrue(x >= 0.2 && x <= 0.4, design + " " + x);
                double a = ((Number) pt.factorSettings().get("rootKey.verifierAllowanceTib")).doubleValue();
                assertTrue(a > 0, design + " " + a);
            }
            assertTrue(counts.size() > 20, design + " spreads over the interval: " + counts.size());
            // the lognormal's median splits the samples about in half
            long below = p.points().stream().filter(pt -> ((Number) pt.factorSettings().get("rootKey.verifierAllowanceTib")).doubleValue() < 1000).count();
            assertTrue(below >= points * 3 / 8 && below <= points * 5 / 8, design + " " + below);
        }
        assertEquals(64, plan("""
                design: sobol
                parameters:
                  - path: clients.count
                    distribution: {type: uniform, min: 10, max: 50}
                """).points().size() / 3, "64 samples by default: A, B and A_B^1 of 64 rows");
    }

    @Test
    void sensitivityDesignsRefuseInputTheirIndicesCannotUse() {
        String interval = """
                parameters:
                  - {path: providers.extendProbability, start: 0.1, stop: 0.9, count: 2}
                """;
        String[][] cases = {
            {"design: sobol\nsamples: 4\n" + interval, "sweep.samples", "at least 8"},
            {"design: morris\nlevels: 5\n" + interval, "sweep.levels", "even number of levels"},
            {"design: morris\ntrajectories: 1\n" + interval, "sweep.trajectories", "2 to 10,000"},
            {"design: morris\nlevels: 1\n" + interval, "sweep.levels", "2 to 1,000"},
            {"design: latin-hypercube\ntrajectories: 5\n" + interval, "sweep.trajectories", "trajectories with design morris"},
            {"design: morris\nsamples: 5\n" + interval, "sweep.samples", "samples with design latin-hypercube or sobol"},
            {"design: morris\nparameters:\n  - path: providers.extendProbability\n"
                    + "    distribution: {type: normal, mean: 0.5, sd: 0.1}\n", "distribution", "a range (start and stop"},
            {"design: morris\nparameters:\n  - path: providers.extendProbability\n    values: [0.1, 0.5]\n",
                "values", "a range (start and stop"},
            {"design: sobol\n" + interval + "compare:\n  - {name: a, set: {variant: designed}}\n", "sweep.compare",
                "no compare arms with design sobol"},
        };
        for (String[] c : cases) {
            ScenarioException e = bad(c[0]);
            assertTrue(e.getMessage().contains("sweep.yaml:"), c[0] + " → " + e.getMessage());
            assertTrue(e.getMessage().contains(c[1]), c[0] + " → " + e.getMessage());
            assertTrue(e.getMessage().contains(c[2]), c[0] + " → " + e.getMessage());
        }
    }

    @Test
    void sobolAndMorrisPlansRecordEachPointsPlaceInTheDesign() throws IOException {
        SweepPlan s = plan("""
                design: sobol
                samples: 8
                parameters:
                  - {path: providers.extendProbability, start: 0.1, stop: 0.9, count: 2}
                  - {path: clients.count, start: 10, stop: 50, count: 2}
                """);
        assertEquals(8 * 4, s.points().size());
        assertEquals(List.of("matrix", "sample"), s.designColumns());
        assertEquals(List.of("A", "AB1", "AB2", "B"), s.points().subList(0, 4).stream().map(p -> p.design().get("matrix")).toList());
        assertEquals("7", s.points().get(31).design().get("sample"));
        SweepPlan m = plan("""
                design: morris
                parameters:
                  - {path: providers.extendProbability, start: 0.1, stop: 0.9, count: 2}
                  - {path: clients.count, start: 10, stop: 50, count: 2}
                """);
        assertEquals(10 * 3, m.points().size(), "10 trajectories of k + 1 points by default");
        assertEquals(List.of("trajectory", "step", "moved", "delta"), m.designColumns());
        assertEquals(List.of(), plan("parameters:\n  - {path: clients.count, values: [10, 20]}\n").designColumns());
    }

    @Test
    void sampledLevelsOutsideTheFieldsRangeAreRefusedBeforeAnyRun() {
        ScenarioException e = bad("""
                design: latin-hypercube
                samples: 30
                parameters:
                  - path: providers.extendProbability
                    distribution: {type: normal, mean: 0.5, sd: 1}
                """);
        assertTrue(e.getMessage().contains("sweep.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("providers.extendProbability"), e.getMessage());
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
        assertTrue(e.getMessage().contains("0 to 1"), e.getMessage());
        assertTrue(e.line() > 0);
    }

    @Test
    void oneAtATimeVariesEachFactorAroundTheBaseWhichDefaultsToTheScenariosValue() throws IOException {
        SweepPlan p = plan("""
                design: one-at-a-time
                parameters:
                  - path: clients.count
                    values: [30, 60, 90]
                  - path: providers.count
                    values: [4, 16]
                    base: 16
                  - path: chain.payout
                    values: [expected, sampled]
                """);
        // base point: clients 60 (the scenario's), providers 16, payout expected; then 2 + 1 + 1 others
        assertEquals(1 + 2 + 1 + 1, p.points().size());
        Scenario base = p.scenario(0, 0);
        assertEquals(60, base.clients().count());
        assertEquals(16, base.providers().count());
        for (int i = 1; i < p.points().size(); i++) {
            Scenario s = p.scenario(i, 0);
            int changed = (s.clients().count() != 60 ? 1 : 0) + (s.providers().count() != 16 ? 1 : 0)
                    + (!s.chain().payout().word().equals("expected") ? 1 : 0);
            assertEquals(1, changed, "point " + i + " changes exactly one factor");
        }
    }

    @Test
    void compareArmsShareSeedsAndPointsDoNotUnlessCommonRandomNumbers() throws IOException {
        SweepPlan p = plan("""
                replications: 3
                parameters:
                  - path: clients.count
                    values: [10, 20]
                compare:
                  - name: designed
                    set: {variant: designed}
                  - name: deployed
                    set: {variant: deployed}
                """);
        assertEquals(4, p.points().size());
        assertTrue(p.compares());
        assertEquals("designed", p.scenario(0, 0).variant().word());
        assertEquals("deployed", p.scenario(1, 0).variant().word());
        assertEquals(p.scenario(0, 2).seed(), p.scenario(1, 2).seed(), "arms of a design point share each replication's seed");
        assertNotEquals(p.scenario(0, 2).seed(), p.scenario(2, 2).seed(), "other design points have other seeds");
        assertNotEquals(p.scenario(0, 0).seed(), p.scenario(0, 1).seed(), "replications differ");
        Set<Long> seeds = new HashSet<>();
        for (int i = 0; i < p.points().size(); i += 2) for (int r = 0; r < 3; r++) seeds.add(p.scenario(i, r).seed());
        assertEquals(6, seeds.size());

        SweepPlan crn = plan("""
                replications: 2
                commonRandomNumbers: true
                parameters:
                  - path: clients.count
                    values: [10, 20]
                """);
        assertEquals(crn.scenario(0, 1).seed(), crn.scenario(1, 1).seed());
        assertNotEquals(crn.scenario(0, 0).seed(), crn.scenario(0, 1).seed());
        assertEquals(p.scenario(0, 1).seed(), plan("""
                replications: 3
                parameters:
                  - path: clients.count
                    values: [10, 20]
                """).scenario(0, 1).seed(), "a seed depends on base seed, design point and replication only");
    }

    @Test
    void groupLevelsSetSeveralFieldsAtOnceAndLabelsNameThem() throws IOException {
        SweepPlan p = plan("""
                parameters:
                  - path: rootKey
                    labels: [small, large]
                    values:
                      - {verifierAllowanceTib: 100, topUpBelowFraction: 0.1}
                      - {verifierAllowanceTib: 5000}
                """);
        assertEquals("small", p.points().get(0).labels().get("rootKey"));
        Scenario s = p.scenario(0, 0);
        assertEquals(0, new BigDecimal("100").compareTo(s.rootKey().verifierAllowanceTib()));
        assertEquals(0.1, s.rootKey().topUpBelowFraction());
        assertEquals(30, s.rootKey().reviewIntervalDays(), "fields the level does not name keep the base value");
    }

    @Test
    void badSweepInputNamesFileLineFieldValueAndWhatIsAllowed() {
        ScenarioException e = bad("""
                parameters:
                  - path: clients.cuont
                    values: [1, 2]
                """);
        assertTrue(e.getMessage().contains("did you mean 'clients.count'"), e.getMessage());
        assertEquals(5, e.line(), e.getMessage());
        assertEquals("sweep.parameters[0].path", e.path());

        e = bad("""
                parameters:
                  - path: seed
                    values: [1, 2]
                """);
        assertTrue(e.getMessage().contains("replications"), e.getMessage());

        e = bad("""
                parameters:
                  - path: clients.count
                    values: [1, 2]
                    start: 1
                """);
        assertTrue(e.getMessage().contains("more than one way"), e.getMessage());

        e = bad("""
                parameters:
                  - path: clients.count
                    values: [10, -5]
                """);
        assertTrue(e.getMessage().contains("sweep point 1"), e.getMessage());
        assertTrue(e.getMessage().contains("-5"), e.getMessage());
        assertEquals(6, e.line(), "the line of the bad level: " + e.getMessage());

        e = bad("""
                parameters:
                  - path: clients.count
                    values: [10, 20]
                    labels: [a]
                """);
        assertTrue(e.getMessage().contains("labels"), e.getMessage());

        e = bad("""
                parameters:
                  - path: clients.count
                    values: [10, 20]
                compare:
                  - name: a
                    set: {clients.count: 5}
                """);
        assertTrue(e.getMessage().contains("swept parameter"), e.getMessage());

        e = bad("""
                outcomes: [datacap_claimed_bites]
                """);
        assertTrue(e.getMessage().contains("did you mean 'datacap_claimed_bytes'"), e.getMessage());

        e = bad("""
                design: one-at-a-time
                parameters:
                  - path: clients.count
                    distribution: {type: uniform, min: 1, max: 5}
                """);
        assertTrue(e.getMessage().contains("needs levels"), e.getMessage());

        e = bad("""
                design: latin-hypercub
                """);
        assertTrue(e.getMessage().contains("sweep.design"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'latin-hypercube'"), e.getMessage());

        e = bad("""
                replications: 0
                """);
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    }

    @Test
    void overlappingPathsIgnoredFieldsDuplicateLevelsAndHugeGridsAreRefused() {
        ScenarioException e = bad("""
                parameters:
                  - path: rootKey
                    values: [{verifierAllowanceTib: 100}]
                  - path: rootKey.topUpBelowFraction
                    values: [0.1, 0.2]
                """);
        assertTrue(e.getMessage().contains("overlaps the swept parameter 'rootKey'"), e.getMessage());
        e = bad("""
                parameters:
                  - path: clients.count
                    values: [2, 3]
                compare:
                  - name: a
                    set: {clients: {count: 4}}
                """);
        assertTrue(e.getMessage().contains("overlaps the swept parameter 'clients.count'"), e.getMessage());
        e = bad("""
                parameters:
                  - path: clients.count
                    values: [2, 3, 2]
                """);
        assertTrue(e.getMessage().contains("given twice"), e.getMessage());
        assertEquals(6, e.line(), e.getMessage());
        e = bad("""
                samples: 10
                parameters:
                  - path: clients.count
                    values: [2, 3]
                """);
        assertTrue(e.getMessage().contains("not from 'samples'"), e.getMessage());
        e = bad("""
                parameters:
                  - path: clients.count
                    values: [2, 3]
                    base: 2
                """);
        assertTrue(e.getMessage().contains("no base point"), e.getMessage());
        e = bad("""
                parameters:
                  - path: clients.count
                    start: 1
                    stop: 1000
                    step: 1
                  - path: providers.count
                    start: 1
                    stop: 1000
                    step: 1
                """);
        assertTrue(e.getMessage().contains("too many points"), e.getMessage());
        assertTrue(e.getMessage().contains("1000000"), e.getMessage());
    }

    @Test
    void aRuleBetweenFieldsBrokenAtOnePointNamesThatPointAndItsLevels() {
        ScenarioException e = bad("""
                parameters:
                  - path: providers.count
                    values: [8, 2]
                """);
        assertTrue(e.getMessage().contains("sweep point 1 (providers.count=2)"), e.getMessage());
        assertTrue(e.getMessage().contains("sweep.yaml:"), e.getMessage());
    }

    @Test
    void everySweepFieldShapesThePlan() throws IOException {
        // the fields ParameterReadTest leaves out of "changes a run" because they shape the set of runs
        SweepPlan base = plan("""
                parameters:
                  - path: clients.count
                    values: [10, 20]
                """);
        assertEquals(2, base.points().size());
        assertEquals(4, plan("""
                replications: 2
                parameters:
                  - path: clients.count
                    values: [10, 20]
                """).runCount());
        assertEquals(5, plan("""
                design: latin-hypercube
                samples: 5
                parameters:
                  - path: clients.count
                    values: [10, 20]
                """).points().size());
        assertEquals(List.of("datacap_claimed_bytes"), plan("outcomes: [datacap_claimed_bytes]").outcomes());
        assertEquals(datacapsim.scenario.SweepScenario.DEFAULT_OUTCOMES, base.outcomes(), "a sweep naming no outcomes charts the defaults");
    }
}
