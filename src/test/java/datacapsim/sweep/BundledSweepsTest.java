package datacapsim.sweep;

import static org.junit.jupiter.api.Assertions.*;

import datacapsim.scenario.ExperimentDesign;
import datacapsim.scenario.Setting;
import datacapsim.scenario.Overrides;
import datacapsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bundled sweep expands as documented and runs end to end (three days, one replication; the sensitivity designs
 * at their smallest: 8 Sobol rows, 2 Morris trajectories) to a report.
 */
class BundledSweepsTest {
    @TempDir
    Path tmp;

    /** File → points (design points × arms) it must expand to. */
    static final Map<String, Integer> POINTS = Map.ofEntries(Map.entry("sweep-sobol-sla.yaml", 96),
            Map.entry("sweep-morris-sla.yaml", 60),
            Map.entry("attack-deterrence.yaml", 8),
            Map.entry("sweep-beneficiary-bands.yaml", 9),
            Map.entry("sweep-onramp-window-limit.yaml", 9),
            Map.entry("sweep-deviation-providers.yaml", 9),
            Map.entry("sweep-global-limit-demand.yaml", 9),
            Map.entry("sweep-designed-vs-deployed.yaml", 2),
            Map.entry("sweep-fil-price.yaml", 12),
            Map.entry("sweep-sla-response.yaml", 6),
            Map.entry("sweep-regimes.yaml", 5));

    /** A scenario file with its own top-level sweep block. */
    static boolean hasSweepBlock(Path file) {
        try {
            return Files.readAllLines(file).stream().anyMatch(l -> l.startsWith("sweep:"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyBundledSweepRunsToAReport() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("scenarios"))) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(BundledSweepsTest::hasSweepBlock).sorted().toList();
        }
        assertEquals(POINTS.keySet().stream().sorted().toList(), files.stream().map(p -> p.getFileName().toString()).toList(),
                "the bundled sweeps (files with a sweep block) are the ones listed here");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            SweepPlan full = SweepPlan.of(ScenarioLoader.load(f));
            assertEquals(POINTS.get(f.getFileName().toString()), full.points().size());
            assertTrue(full.replications() >= 2, "replications give confidence intervals");
            assertFalse(full.base().scenario().question().isBlank());
            List<Setting> small = new ArrayList<>(List.of(Setting.parse("horizonDays=3"), Setting.parse("sweep.replications=1")));
            if (full.design() == ExperimentDesign.SOBOL) small.add(Setting.parse("sweep.samples=8"));
            if (full.design() == ExperimentDesign.MORRIS) small.add(Setting.parse("sweep.trajectories=2"));
            SweepPlan plan = SweepPlan.of(Overrides.apply(ScenarioLoader.load(f), small));
            Path dir = tmp.resolve(plan.name());
            var r = SweepRunner.run(plan, dir, SweepRunner.Options.of(2));
            assertEquals(plan.points().size(), r.runs());
            assertEquals(0, r.failed());
            assertTrue(Files.size(dir.resolve("report.html")) > 1000);
            List<Map<String, String>> runs = SweepRunnerTest.rows(dir.resolve("runs.csv"));
            for (Map<String, String> row : runs) assertEquals("complete", row.get("status"), row.get("run"));
            for (Factor fac : plan.factors()) assertTrue(runs.get(0).containsKey(fac.path()), fac.path());
            if (plan.compares()) assertEquals(runs.get(0).get("seed"), runs.get(1).get("seed"), "arms share the seed");
            if (plan.design().sensitivity()) {
                List<Map<String, String>> idx = SweepRunnerTest.rows(dir.resolve("sensitivity.csv"));
                int perFactor = plan.design() == ExperimentDesign.SOBOL ? 2 : 3;
                assertEquals(0, idx.size() % (plan.factors().size() * perFactor), "every outcome has every factor's indices");
                assertTrue(idx.stream().anyMatch(row -> row.get("outcome").equals(plan.outcomes().get(0))));
            }
        }));
    }
}
