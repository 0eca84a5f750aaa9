package datacapsim.sweep;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import datacapsim.cli.Main;
import datacapsim.run.BuildInfo;
import datacapsim.scenario.ScenarioException;
import datacapsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's provenance in a sweep: sweep.json and every manifest name this build's commit; a resume finding runs
 * another commit made refuses (exit 2, both commits named, nothing written) unless --allow-other-commit, which keeps
 * them and counts them in run_commits; merge refuses shards of different commits the same way.
 */
class SweepProvenanceTest {
    @TempDir
    Path tmp;

    static final String OTHER = "1111111111111111111111111111111111111111";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SWEEP = """
            extends: %s
            name: prov-sweep
            horizonDays: 8
            clients:
              count: 10
            providers:
              count: 4
            sweep:
              replications: 1
              parameters:
                - path: clients.count
                  values: [8, 12, 16]
            """.formatted(Path.of("src/test/resources/small-direct.yaml").toAbsolutePath());

    SweepPlan plan() throws IOException {
        Path f = tmp.resolve("prov-sweep.yaml");
        if (!Files.exists(f)) Files.writeString(f, SWEEP);
        return SweepPlan.of(ScenarioLoader.load(f));
    }

    static JsonNode json(Path f) throws IOException { return JSON.readTree(f.toFile()); }

    static List<Path> runDirs(Path sweep) throws IOException {
        try (Stream<Path> s = Files.list(sweep.resolve("runs"))) {
            return s.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    /** Rewrites a run's manifest as if another commit's build had made it. */
    static void madeBy(Path runDir, String commit, boolean dirty) throws IOException {
        ObjectNode m = (ObjectNode) json(runDir.resolve("manifest.json"));
        m.put("git_commit", commit);
        m.put("git_dirty", dirty);
        Files.writeString(runDir.resolve("manifest.json"), JSON.writeValueAsString(m));
    }

    static Map<String, Long> runCommits(Path sweep) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        json(sweep.resolve("sweep.json")).path("run_commits").fields()
                .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }

    @Test
    void sweepJsonAndManifestsNameThisBuild() throws IOException {
        BuildInfo build = BuildInfo.current();
        Path d = tmp.resolve("a");
        SweepRunner.run(plan(), d, SweepRunner.Options.of(2));
        JsonNode s = json(d.resolve("sweep.json"));
        assertEquals(build.commit(), s.path("git_commit").asText());
        assertEquals(build.version(), s.path("tool_version").asText());
        assertEquals(build.dirty() == null, s.path("git_dirty").isNull());
        if (build.dirty() != null) assertEquals(build.dirty(), s.path("git_dirty").asBoolean());
        assertEquals(Map.of(build.commit(), 3L), runCommits(d));
        for (Path r : runDirs(d)) {
            JsonNode m = json(r.resolve("manifest.json"));
            assertEquals(build.commit(), m.path("git_commit").asText(), r.toString());
            assertTrue(m.has("git_dirty"), r.toString());
        }
    }

    @Test
    void aResumeByAnotherCommitRefusesNamingBothUnlessAllowed() throws IOException {
        BuildInfo build = BuildInfo.current();
        Path out = tmp.resolve("out");
        Path f = tmp.resolve("prov-sweep.yaml");
        plan();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "sweep", f.toString(),
                "--out", out.toString(), "--threads", "2"), err.toString());
        Path d = out.resolve("prov-sweep");
        List<Path> runs = runDirs(d);
        assertEquals(3, runs.size());
        madeBy(runs.get(0), OTHER, false);
        madeBy(runs.get(2), OTHER, true);
        String sweepJson = Files.readString(d.resolve("sweep.json"));
        String runsCsv = Files.readString(d.resolve("runs.csv"));

        err = new StringWriter();
        int code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "sweep", f.toString(),
                "--out", out.toString(), "--threads", "2");
        assertEquals(Main.EXIT_BAD_INPUT, code, err.toString());
        String msg = err.toString();
        assertTrue(msg.contains("2 runs made by commit " + OTHER), msg);
        assertTrue(msg.contains("this build is commit " + build.commit()), msg);
        assertTrue(msg.contains("--allow-other-commit"), msg);
        assertEquals(sweepJson, Files.readString(d.resolve("sweep.json")), "a refused resume writes nothing");
        assertEquals(runsCsv, Files.readString(d.resolve("runs.csv")), "a refused resume writes nothing");

        err = new StringWriter();
        StringWriter so = new StringWriter();
        code = Main.execute(new PrintWriter(so), new PrintWriter(err), "sweep", f.toString(), "--out", out.toString(),
                "--threads", "2", "--allow-other-commit");
        assertEquals(0, code, err.toString());
        assertTrue(so.toString().contains("0 run now, 3 kept from before"), so.toString());
        assertTrue(err.toString().contains("kept 2 runs made by other git commits"), err.toString());
        long dirty = 1 + (Boolean.TRUE.equals(build.dirty()) ? 1 : 0); // the one marked, and this build's if dirty
        assertTrue(err.toString().contains(dirty + " of the runs kept from before were made by a build with changes"),
                err.toString());
        Map<String, Long> expected = new TreeMap<>(Map.of(OTHER, 2L));
        expected.merge(build.commit(), 1L, Long::sum);
        assertEquals(expected, runCommits(d), "run_commits counts the runs of each commit");
        String report = Files.readString(d.resolve("report.html"));
        String listed = OTHER.compareTo(build.commit()) < 0 ? OTHER + ": 2 runs; " + build.commit() + ": 1 run"
                : build.commit() + ": 1 run; " + OTHER + ": 2 runs";
        assertTrue(report.contains("<td>run_commits</td><td>" + listed), "the report's provenance lists the commits");
        assertEquals(build.commit(), json(d.resolve("sweep.json")).path("git_commit").asText(),
                "the build that wrote it");
        assertEquals(runsCsv, Files.readString(d.resolve("runs.csv")), "the kept runs' results are unchanged");

        // the folder now holds other commits' runs by choice; a plain resume still refuses to add to it silently
        assertThrows(ScenarioException.class, () -> SweepRunner.run(plan(), d, SweepRunner.Options.of(1)));
    }

    @Test
    void runsOfTheSameCommitAreKeptWithoutAsking() throws IOException {
        Path d = tmp.resolve("same");
        SweepRunner.run(plan(), d, SweepRunner.Options.of(2));
        var r = SweepRunner.run(plan(), d, SweepRunner.Options.of(2));
        assertEquals(3, r.reused());
        assertEquals(0, r.reusedOtherCommit());
    }

    @Test
    void mergeRefusesShardsOfDifferentCommitsUnlessAllowed() throws IOException {
        SweepPlan plan = plan();
        Path root = tmp.resolve("sh");
        List<Path> dirs = new ArrayList<>();
        for (int k = 1; k <= 2; k++) {
            var shard = new SweepRunner.Shard(k, 2);
            Path d = SweepRunner.sweepDir(root, plan, shard);
            SweepRunner.run(plan, d, new SweepRunner.Options(1, SweepRunner.Keep.SUMMARY, false, shard, null, null));
            dirs.add(d);
        }
        BuildInfo build = BuildInfo.current();
        assertEquals(Map.of(build.commit(), 2L), runCommits(dirs.get(0)));
        // shard 2 as a build of another commit, written before run_commits existed: its git_commit speaks for it
        ObjectNode s2 = (ObjectNode) json(dirs.get(1).resolve("sweep.json"));
        s2.remove("run_commits");
        s2.put("git_commit", OTHER);
        Files.writeString(dirs.get(1).resolve("sweep.json"), JSON.writeValueAsString(s2));

        StringWriter err = new StringWriter();
        Path merged = tmp.resolve("merged");
        int code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "merge",
                dirs.get(0).toString(), dirs.get(1).toString(), "--out", merged.toString());
        assertEquals(Main.EXIT_BAD_INPUT, code, err.toString());
        assertTrue(err.toString().contains("1 runs made by commit " + OTHER), err.toString());
        assertTrue(err.toString().contains("2 runs made by commit " + build.commit()), err.toString());
        assertFalse(Files.exists(merged), "a refused merge writes nothing");

        code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "merge", dirs.get(0).toString(),
                dirs.get(1).toString(), "--out", merged.toString(), "--allow-other-commit");
        assertEquals(0, code, err.toString());
        Map<String, Long> expected = new TreeMap<>(Map.of(OTHER, 1L));
        expected.merge(build.commit(), 2L, Long::sum);
        assertEquals(expected, runCommits(merged));
        assertEquals(build.commit(), json(merged.resolve("sweep.json")).path("git_commit").asText());
    }
}
