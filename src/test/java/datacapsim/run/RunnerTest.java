package datacapsim.run;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import datacapsim.agents.Agent;
import datacapsim.engine.Simulation;
import datacapsim.scenario.Overrides;
import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioLoader;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerTest {
    @TempDir
    Path out;

    static Scenario small(int days) {
        var loaded = ScenarioLoader.load(Path.of("src/test/resources/small-direct.yaml"));
        return Overrides.override(loaded, Overrides.partial("horizonDays: " + days, "test"), Map.of()).scenario();
    }

    @Test
    void aCompleteRunHasItsManifestSummaryAndAgents() throws IOException {
        Scenario s = small(20);
        RunResult r = Runner.run(s, out, true);
        JsonNode m = new ObjectMapper().readTree(r.dir().resolve("manifest.json").toFile());
        assertEquals("complete", m.get("status").asText());
        assertEquals("small-direct", m.get("scenario").asText());
        assertEquals(s.seed().longValue(), m.get("seed").asLong());
        assertEquals(Manifest.sha256(Files.readString(r.dir().resolve("scenario.resolved.yaml"))), m.get("scenario_sha256").asText());
        assertTrue(m.get("wall_seconds").asDouble() > 0);
        assertEquals(21, m.get("daily_rows").asLong());
        assertTrue(m.get("error").isNull());

        List<String> summary = Files.readAllLines(r.dir().resolve("summary.csv"));
        assertEquals(2, summary.size(), "header and one row");
        assertTrue(summary.get(0).startsWith("scenario,design,variant,seed,day,epoch,"));
        List<String> ts = Files.readAllLines(r.dir().resolve("timeseries.csv"));
        String lastDay = ts.get(ts.size() - 1);
        assertTrue(summary.get(1).endsWith(lastDay), "the summary carries the last day's values");

        Simulation sim = new Simulation(s, false);
        sim.run();
        List<String> agents = Files.readAllLines(r.dir().resolve("agents.csv"));
        assertEquals(sim.agents(Agent.class).size() + 1, agents.size(), "one row per agent");
        assertTrue(agents.get(0).startsWith("agent,type,address,"));
        assertTrue(agents.stream().anyMatch(l -> l.startsWith("provider-0,Provider,")));
    }

    @Test
    void aFailedRunIsMarkedFailedWithItsErrorAndKeepsTheEarlierResult() throws IOException {
        Scenario s = small(5);
        RunResult first = Runner.run(s, out, false);
        byte[] before = Files.readAllBytes(first.dir().resolve("timeseries.csv"));
        RuntimeException boom = assertThrows(RuntimeException.class,
                () -> Runner.run(s, out, false, dir -> { throw new IllegalStateException("disk on fire"); }));
        assertEquals("disk on fire", boom.getMessage());
        assertArrayEquals(before, Files.readAllBytes(first.dir().resolve("timeseries.csv")), "earlier result kept");
        JsonNode kept = new ObjectMapper().readTree(first.dir().resolve("manifest.json").toFile());
        assertEquals("complete", kept.get("status").asText());
        Path failed = first.dir().resolveSibling("seed-" + s.seed() + ".failed");
        JsonNode m = new ObjectMapper().readTree(failed.resolve("manifest.json").toFile());
        assertEquals("failed", m.get("status").asText());
        assertTrue(m.get("error").asText().contains("disk on fire"));
        try (Stream<Path> names = Files.list(first.dir().getParent())) {
            assertEquals(List.of("seed-" + s.seed(), "seed-" + s.seed() + ".failed"),
                    names.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary folder left behind");
        }
    }

    @Test
    void aRunKilledMidWayLeavesNoFolderThatLooksComplete() throws Exception {
        Path scenario = out.resolve("long.yaml");
        Files.writeString(scenario, "extends: " + Path.of("scenarios/direct.yaml").toAbsolutePath() + "\nname: killed\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "datacapsim.cli.Main",
                "run", scenario.toString(), "--out", out.resolve("o").toString())
                .redirectErrorStream(true).redirectOutput(out.resolve("log.txt").toFile()).start();
        Path root = out.resolve("o/killed");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // wait until the run has started writing, then kill it hard
        while (System.nanoTime() < deadline && !(Files.isDirectory(root) && hasTemp(root))) Thread.sleep(50);
        Thread.sleep(500);
        assertTrue(p.isAlive(), "the five-year run is still going when it is killed");
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertFalse(Files.exists(root.resolve("seed-20260704")), "no complete folder");
        try (Stream<Path> s = Files.list(root)) {
            for (Path d : s.toList()) {
                String name = d.getFileName().toString();
                assertTrue(name.startsWith(".seed-20260704.tmp-"), "only a hidden temporary folder: " + name);
                JsonNode m = new ObjectMapper().readTree(d.resolve("manifest.json").toFile());
                assertEquals("running", m.get("status").asText(), "its manifest never says complete");
            }
        }
    }

    @Test
    void eventsListEveryCallWithItsOutcomeAndEveryContractEvent() throws IOException {
        var loaded = ScenarioLoader.load(Path.of("scenarios/meta-allocator.yaml"));
        Scenario s = Overrides.override(loaded, Overrides.partial(
                "horizonDays: 15\nclients:\n  count: 20\nproviders:\n  count: 6", "test"), Map.of()).scenario();
        RunResult r = Runner.run(s, out, new RunOptions(true, true, false), dir -> { });
        List<String> lines;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(r.dir().resolve("events.csv.gz")))) {
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
        assertEquals("epoch,day,kind,name,actor,outcome,detail", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.contains(",call,verifreg.AddVerifier,") && l.contains(",ok,")));
        assertTrue(lines.stream().anyMatch(l -> l.contains(",call,MetaAllocator.addVerifiedClient,")));
        assertTrue(lines.stream().anyMatch(l -> l.contains(",event,AllowanceChanged,")), "contract events");
        assertTrue(lines.stream().anyMatch(l -> l.contains(",event,DatacapAllocated,")));
        List<String> ts = Files.readAllLines(r.dir().resolve("timeseries.csv"));
        String[] h = ts.get(0).split(",");
        String[] last = ts.get(ts.size() - 1).split(",");
        long ok = 0, refused = 0;
        for (int i = 0; i < h.length; i++) {
            if (h[i].equals("calls_ok")) ok = Long.parseLong(last[i]);
            if (h[i].equals("calls_refused")) refused = Long.parseLong(last[i]);
        }
        long calls = lines.stream().filter(l -> l.contains(",call,")).count();
        assertEquals(ok + refused, calls, "one line per call counted by the chain");
    }

    private static boolean hasTemp(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.anyMatch(d -> d.getFileName().toString().contains(".tmp-") && new File(d.toFile(), "manifest.json").exists());
        }
    }
}
