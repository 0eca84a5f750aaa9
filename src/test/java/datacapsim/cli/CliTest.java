package datacapsim.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path out;

    private static final String SMALL = "src/test/resources/small-direct.yaml";

    @Test
    void runWritesTheTimeseriesAndItIsByteIdenticalOnASecondRun() throws IOException {
        assertEquals(0, Main.execute("run", SMALL, "--days", "40", "--out", out.resolve("a").toString()));
        assertEquals(0, Main.execute("run", SMALL, "--days", "40", "--out", out.resolve("b").toString()));
        Path a = out.resolve("a/small-direct/seed-20260704/timeseries.csv");
        Path b = out.resolve("b/small-direct/seed-20260704/timeseries.csv");
        assertTrue(Files.exists(a));
        List<String> lines = Files.readAllLines(a);
        assertEquals(41 + 1, lines.size(), "header + one row per day 0..40");
        assertTrue(lines.get(0).startsWith("day,epoch,datacap_root_allowance_bytes"));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertTrue(Files.exists(out.resolve("a/small-direct/seed-20260704/scenario.resolved.yaml")));
    }

    @Test
    void validateAcceptsTheBundledScenario() {
        assertEquals(0, Main.execute("validate", "scenarios/direct.yaml"));
    }

    @Test
    void badInputExitsWithTwoAndWritesNothing() throws IOException {
        Path bad = out.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\nclients:\n  cuont: 3\n");
        Path target = out.resolve("o");
        assertEquals(2, Main.execute("run", bad.toString(), "--out", target.toString()));
        assertFalse(Files.exists(target), "nothing written");
        assertEquals(2, Main.execute("validate", bad.toString()));
        assertEquals(2, Main.execute("run", SMALL, "--days", "0", "--out", target.toString()));
        assertFalse(Files.exists(target));
        assertEquals(2, Main.execute("run", out.resolve("missing.yaml").toString(), "--out", target.toString()));
        assertEquals(2, Main.execute("run"), "a missing argument is a usage error");
    }

    @Test
    void aFailedRunKeepsTheEarlierResult() throws IOException {
        Path target = out.resolve("keep");
        assertEquals(0, Main.execute("run", SMALL, "--days", "5", "--out", target.toString()));
        Path csv = target.resolve("small-direct/seed-20260704/timeseries.csv");
        byte[] before = Files.readAllBytes(csv);
        assertEquals(2, Main.execute("run", SMALL, "--days", "-1", "--out", target.toString()));
        assertArrayEquals(before, Files.readAllBytes(csv));
        try (Stream<Path> s = Files.list(target.resolve("small-direct"))) {
            assertEquals(List.of("seed-20260704"), s.map(p -> p.getFileName().toString()).toList(), "no temporary folder left");
        }
    }
}
