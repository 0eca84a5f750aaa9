package datacapsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden test of refactors: every bundled scenario at a short horizon, and one sweep, give outputs byte-identical
 * to fixtures recorded from the code before a refactor ({@code src/test/resources/golden/}, gzipped). A change that
 * means to change results records new fixtures with {@code -Dgolden.record=true} (the test then fails once, so a
 * recording never passes silently) and says so in its commit.
 */
class GoldenOutputTest {
    static final Path FIXTURES = Path.of("src/test/resources/golden");
    /** Long enough for applications, grants, allocations, claims and the SLA paths to happen. */
    static final int DAYS = 40;
    static final List<String> RUN_FILES = List.of("timeseries.csv", "summary.csv", "agents.csv", "scenario.resolved.yaml");
    static final String SWEEP = "sweep-designed-vs-deployed";
    static final List<String> SWEEP_FILES = List.of("runs.csv", "points.csv", "plan.csv");
    static final boolean RECORD = Boolean.getBoolean("golden.record");
    /** Bundled scale benchmarks, too large to run here even for 40 days (issue 13; timed by {@code bench}). */
    static final List<String> BENCHMARKS = List.of("mainnet-scale.yaml");

    @TempDir
    Path tmp;

    static List<Path> scenarios() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("scenarios"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().startsWith("sweep-"))
                    .filter(p -> !BENCHMARKS.contains(p.getFileName().toString()))
                    .sorted()
                    .toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyBundledScenarioGivesTheRecordedOutputs() throws IOException {
        return scenarios().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String name = file.getFileName().toString().replaceAll("\\.yaml$", "");
            Path out = tmp.resolve(name);
            CliRun r = CliRun.of("run", file.toString(), "--days", String.valueOf(DAYS), "--out", out.toString(),
                    "--no-report");
            assertEquals(0, r.code(), r.err());
            Path dir;
            try (Stream<Path> d = Files.list(out.resolve(name))) {
                dir = d.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            for (String f : RUN_FILES) compare(dir.resolve(f), FIXTURES.resolve(name).resolve(f + ".gz"));
            recorded();
        }));
    }

    @TestFactory
    Stream<DynamicTest> aSweepGivesTheRecordedTables() {
        return Stream.of(DynamicTest.dynamicTest(SWEEP, () -> {
            CliRun r = CliRun.of("sweep", "scenarios/" + SWEEP + ".yaml", "--set", "horizonDays=10", "--set",
                    "sweep.replications=2", "--threads", "2", "--out", tmp.toString());
            assertEquals(0, r.code(), r.err());
            for (String f : SWEEP_FILES)
                compare(tmp.resolve(SWEEP).resolve(f), FIXTURES.resolve(SWEEP).resolve(f + ".gz"));
            recorded();
        }));
    }

    private static void recorded() {
        if (RECORD) fail("fixtures recorded; run again without -Dgolden.record");
    }

    private static void compare(Path actual, Path fixture) throws IOException {
        byte[] got = Files.readAllBytes(actual);
        if (RECORD) {
            Files.createDirectories(fixture.getParent());
            try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(fixture))) {
                o.write(got);
            }
            return;
        }
        assertTrue(Files.exists(fixture), "no fixture " + fixture);
        byte[] want;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(fixture))) {
            want = in.readAllBytes();
        }
        if (Arrays.equals(got, want)) return;
        List<String> a = new String(got, StandardCharsets.UTF_8).lines().toList();
        List<String> b = new String(want, StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "<end>";
            String y = i < b.size() ? b.get(i) : "<end>";
            if (!x.equals(y))
                fail(actual.getFileName() + " differs from " + fixture + " at line " + (i + 1) + ":\n  got:  " + x
                        + "\n  want: " + y);
        }
        fail(actual.getFileName() + " differs from " + fixture + " in its bytes (line endings)");
    }
}
