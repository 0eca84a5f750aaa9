package datacapsim.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep command line: bad input is exit 2 with nothing written; validate and --dry-run show the plan. */
class SweepCommandTest {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {}

    static Result exec(String... args) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        int code = Main.execute(new PrintWriter(o), new PrintWriter(e), args);
        return new Result(code, o.toString(), e.toString());
    }

    Path file(String sweep) throws IOException {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, "extends: " + Path.of("src/test/resources/small-direct.yaml").toAbsolutePath()
                + "\nname: cli-sweep\nhorizonDays: 10\nsweep:\n" + sweep.indent(2));
        return f;
    }

    @Test
    void badSweepInputIsExitTwoAndWritesNothing() throws IOException {
        Path out = tmp.resolve("out");
        Path f = file("""
                parameters:
                  - path: clients.count
                    values: [10, 2000000]
                """);
        Result r = exec("sweep", f.toString(), "--out", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("s.yaml:7"), r.err());
        assertTrue(r.err().contains("clients.count"), r.err());
        assertTrue(r.err().contains("2000000"), r.err());
        assertTrue(r.err().contains("0 to 1,000,000"), r.err());
        assertFalse(Files.exists(out), "nothing written");

        Path ok = file("""
                parameters:
                  - path: clients.count
                    values: [10, 20]
                """);
        for (String[] bad : new String[][] {{"--shard", "3/2"}, {"--shard", "x"}, {"--keep", "everything"}, {"--threads", "-1"}}) {
            r = exec("sweep", ok.toString(), "--out", out.toString(), bad[0], bad[1]);
            assertEquals(Main.EXIT_BAD_INPUT, r.code(), String.join(" ", bad) + ": " + r.err());
            assertTrue(r.err().contains(bad[0]), r.err());
            assertFalse(Files.exists(out), "nothing written for " + String.join(" ", bad));
        }
        r = exec("run", ok.toString(), "--replication", "1", "--out", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("--replication needs --point"), r.err());
    }

    @Test
    void brokenSweepFoldersAreBadInputForMergeAndReport() throws IOException {
        Path d = tmp.resolve("broken");
        Files.createDirectories(d);
        Files.writeString(d.resolve("sweep.json"), "{");
        Files.writeString(d.resolve("runs.csv"), "run\n");
        Result m = exec("merge", d.toString(), "--out", tmp.resolve("m").toString());
        assertEquals(Main.EXIT_BAD_INPUT, m.code(), m.err());
        assertTrue(m.err().contains("not valid JSON"), m.err());
        Path e = tmp.resolve("empty");
        Files.createDirectories(e);
        Files.writeString(e.resolve("sweep.json"), "{}");
        Result r = exec("report", e.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("runs.csv"), r.err());
    }

    @Test
    void validateAndDryRunShowThePlan() throws IOException {
        Path f = file("""
                replications: 3
                parameters:
                  - path: clients.count
                    values: [10, 20]
                compare:
                  - {name: designed, set: {variant: designed}}
                  - {name: deployed, set: {variant: deployed}}
                """);
        Result v = exec("validate", f.toString());
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("4 points × 3 replications = 12 runs"), v.out());
        Result d = exec("sweep", f.toString(), "--dry-run", "--out", tmp.resolve("dry").toString());
        assertEquals(0, d.code(), d.err());
        assertTrue(d.out().contains("point 3 [deployed]: {clients.count=20}"), d.out());
        assertFalse(Files.exists(tmp.resolve("dry")));
    }

    @Test
    void aSweepPrintsWhereItsTablesAreAndReportRebuildsItsPage() throws IOException {
        Path f = file("""
                parameters:
                  - path: clients.count
                    values: [10, 20]
                """);
        Path out = tmp.resolve("o");
        Result r = exec("sweep", f.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("done: 2 runs"), r.out());
        Path dir = out.resolve("cli-sweep");
        String page = Files.readString(dir.resolve("report.html"));
        Files.delete(dir.resolve("report.html"));
        Result rep = exec("report", dir.toString());
        assertEquals(0, rep.code(), rep.err());
        assertEquals(page, Files.readString(dir.resolve("report.html")), "rebuilt from the tables alone, byte for byte");
    }

    @Test
    void aSobolSweepWritesSensitivityCsvItsReportSectionAndShardsMergeToTheSameIndices() throws IOException {
        Path f = file("""
                design: sobol
                samples: 8
                parameters:
                  - {path: providers.extendProbability, start: 0.1, stop: 0.9, count: 2}
                  - {path: clients.count, start: 10, stop: 60, count: 2}
                outcomes: [datacap_claimed_bytes, requests_refused]
                """);
        Path out = tmp.resolve("sob");
        Result r = exec("sweep", f.toString(), "--out", out.toString(), "--threads", "2", "--set", "horizonDays=5");
        assertEquals(0, r.code(), r.err());
        Path dir = out.resolve("cli-sweep");
        List<String> lines = Files.readAllLines(dir.resolve("sensitivity.csv"));
        assertEquals("outcome,factor,method,index,value,ci_low,ci_high,n", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("datacap_claimed_bytes,clients.count,sobol,ST,")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("datacap_claimed_bytes,providers.extendProbability,sobol,S1,")
                && l.endsWith(",8")), "n = 8 complete rows");
        assertTrue(Files.readString(dir.resolve("plan.csv")).startsWith(
                "run,point,design_point,compare,replication,seed,providers.extendProbability,clients.count,matrix,sample\n"));
        String page = Files.readString(dir.resolve("report.html"));
        assertTrue(page.contains("datacap_claimed_bytes: Sobol indices S1 and ST per factor"), "the report's section");
        assertTrue(Files.exists(dir.resolve("charts/datacap_claimed_bytes--sobol.png")));

        Path sh = tmp.resolve("sh");
        for (String k : List.of("1/2", "2/2"))
            assertEquals(0, exec("sweep", f.toString(), "--out", sh.toString(), "--threads", "2", "--set", "horizonDays=5",
                    "--shard", k).code());
        assertFalse(Files.exists(sh.resolve("cli-sweep/shard-1-of-2/sensitivity.csv")), "a shard's points are a slice");
        Result m = exec("merge", sh.resolve("cli-sweep/shard-1-of-2").toString(), sh.resolve("cli-sweep/shard-2-of-2").toString(),
                "--out", tmp.resolve("merged").toString());
        assertEquals(0, m.code(), m.err());
        for (String file : List.of("sensitivity.csv", "points.csv", "runs.csv", "plan.csv", "report.html"))
            assertEquals(Files.readString(dir.resolve(file)), Files.readString(tmp.resolve("merged").resolve(file)), file);
    }

    @Test
    void aMorrisSweepWritesEffectsAndBadMorrisInputIsExitTwo() throws IOException {
        Path f = file("""
                design: morris
                trajectories: 2
                parameters:
                  - {path: providers.extendProbability, start: 0.1, stop: 0.9, count: 2}
                  - {path: clients.count, start: 10, stop: 60, count: 2}
                outcomes: [datacap_claimed_bytes]
                """);
        Path out = tmp.resolve("mor");
        Result r = exec("sweep", f.toString(), "--out", out.toString(), "--threads", "2", "--set", "horizonDays=5");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("done: 6 runs"), r.out());
        List<String> lines = Files.readAllLines(out.resolve("cli-sweep/sensitivity.csv"));
        assertEquals(1 + 2 * 3 * lines.stream().skip(1).map(l -> l.split(",")[0]).distinct().count(), lines.size());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("datacap_claimed_bytes,clients.count,morris,mu_star,")
                && l.endsWith(",2")), "two effects per factor");
        assertTrue(Files.readString(out.resolve("cli-sweep/report.html")).contains("Morris μ* and σ per factor"));

        Path bad = file("""
                design: morris
                levels: 3
                parameters:
                  - {path: providers.extendProbability, start: 0.1, stop: 0.9, count: 2}
                """);
        Result b = exec("sweep", bad.toString(), "--out", tmp.resolve("bad").toString());
        assertEquals(Main.EXIT_BAD_INPUT, b.code());
        assertTrue(b.err().contains("s.yaml:") && b.err().contains("sweep.levels") && b.err().contains("even"), b.err());
        assertFalse(Files.exists(tmp.resolve("bad")), "nothing written");
    }
}
