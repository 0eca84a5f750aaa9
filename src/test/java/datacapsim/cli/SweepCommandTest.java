package datacapsim.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
