package datacapsim.sweep;

import static org.junit.jupiter.api.Assertions.*;

import datacapsim.scenario.Setting;
import datacapsim.scenario.Overrides;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import datacapsim.cli.Main;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps end to end on a small scenario: thread count changes nothing, an interrupted sweep resumes without redoing
 * finished runs, a failing run does not stop the others, shards merge into the unsharded result, a run reruns alone.
 */
class SweepRunnerTest {
    @TempDir
    Path tmp;

    static final String SWEEP = """
            extends: %s
            name: tiny-sweep
            horizonDays: 25
            clients:
              count: 20
            providers:
              count: 4
            sweep:
              replications: 2
              parameters:
                - path: clients.count
                  values: [10, 20, 30]
                - path: chain.payout
                  values: [expected, sampled]
            """.formatted(Path.of("src/test/resources/small-direct.yaml").toAbsolutePath());

    Path file() throws IOException {
        Path f = tmp.resolve("tiny-sweep.yaml");
        if (!Files.exists(f)) Files.writeString(f, SWEEP);
        return f;
    }

    SweepPlan plan() throws IOException { return SweepPlan.of(ScenarioLoader.load(file())); }

    static String read(Path p) throws IOException { return Files.readString(p); }

    @Test
    void oneAndTwoThreadsGiveByteIdenticalTables() throws IOException {
        SweepPlan plan = plan();
        var one = SweepRunner.run(plan, tmp.resolve("t1"), SweepRunner.Options.of(1));
        var two = SweepRunner.run(plan, tmp.resolve("t2"), SweepRunner.Options.of(2));
        assertEquals(12, one.runs());
        assertEquals(0, one.failed());
        assertEquals(read(tmp.resolve("t1/runs.csv")), read(tmp.resolve("t2/runs.csv")));
        assertEquals(read(tmp.resolve("t1/points.csv")), read(tmp.resolve("t2/points.csv")));
        assertEquals(read(tmp.resolve("t1/plan.csv")), read(tmp.resolve("t2/plan.csv")));
        assertEquals(read(tmp.resolve("t1/report.html")), read(tmp.resolve("t2/report.html")), "the report leaves out times");
        var four = SweepRunner.run(plan, tmp.resolve("t4"), SweepRunner.Options.of(4));
        assertEquals(0, four.failed());
        assertEquals(read(tmp.resolve("t1/runs.csv")), read(tmp.resolve("t4/runs.csv")), "four threads on two cores too");
        List<String> rows = Files.readAllLines(tmp.resolve("t1/runs.csv"));
        assertEquals(13, rows.size());
        assertTrue(rows.get(0).startsWith("run,point,design_point,compare,replication,seed,clients.count,chain.payout,status,error,"), rows.get(0));
        assertTrue(rows.get(1).startsWith("p0000-r00,0,0,,0,"), rows.get(1));
        for (String r : rows.subList(1, rows.size())) assertTrue(r.contains(",complete,"), r);
        // the outcome in runs.csv is the run's own summary.csv value
        Map<String, String> summary = SweepFiles.readSummary(tmp.resolve("t1/runs/p0003-r01/summary.csv"));
        String claimed = column(tmp.resolve("t1/runs.csv"), "datacap_claimed_bytes").get(3 * 2 + 1);
        assertEquals(summary.get("datacap_claimed_bytes"), claimed);
        assertTrue(Long.parseLong(claimed) > 0, "the runs claimed DataCap");
    }

    @Test
    void pointsHoldMeanSdAndTheStudentTIntervalOfEachPointsReplications() throws IOException {
        SweepPlan plan = plan();
        SweepRunner.run(plan, tmp.resolve("s"), SweepRunner.Options.of(2));
        List<String> claimed = column(tmp.resolve("s/runs.csv"), "datacap_claimed_bytes");
        double a = Double.parseDouble(claimed.get(4)), b = Double.parseDouble(claimed.get(5)); // point 2, replications 0 and 1
        PointStatistics expected = PointStatistics.of(a, b);
        List<Map<String, String>> points = rows(tmp.resolve("s/points.csv"));
        Map<String, String> row = points.stream().filter(r -> r.get("point").equals("2") && r.get("outcome").equals("datacap_claimed_bytes"))
                .findFirst().orElseThrow();
        assertEquals("2", row.get("n"));
        assertEquals("20", row.get("clients.count"));
        assertEquals("expected", row.get("chain.payout"));
        assertEquals(expected.mean(), Double.parseDouble(row.get("mean")), Math.abs(expected.mean()) * 1e-11);
        assertEquals(expected.ciHigh(), Double.parseDouble(row.get("ci_high")), Math.abs(expected.ciHigh()) * 1e-11);
        // t(0.975, 1) = 12.706: the half-width is 12.706 × sd / √2
        double half = Double.parseDouble(row.get("ci_high")) - Double.parseDouble(row.get("mean"));
        assertEquals(12.7062 * Double.parseDouble(row.get("sd")) / Math.sqrt(2), half, half * 1e-4 + 1e-6);
    }

    @Test
    void aFailingRunIsRecordedAndTheOthersGoOn() throws IOException {
        SweepPlan plan = plan();
        var o = new SweepRunner.Options(2, SweepRunner.Keep.SUMMARY, false, SweepRunner.Shard.ALL, null, id -> {
            if (id.startsWith("p0004-")) throw new IllegalStateException("deliberate failure of point 4");
        });
        var r = SweepRunner.run(plan, tmp.resolve("f"), o);
        assertEquals(2, r.failed());
        List<Map<String, String>> runs = rows(tmp.resolve("f/runs.csv"));
        for (Map<String, String> row : runs) {
            boolean four = row.get("point").equals("4");
            assertEquals(four ? "failed" : "complete", row.get("status"), row.get("run"));
            if (four) {
                assertTrue(row.get("error").contains("deliberate failure of point 4"), row.get("error"));
                assertEquals("", row.get("datacap_claimed_bytes"));
            }
        }
        assertTrue(Files.isDirectory(tmp.resolve("f/runs/p0004-r00.failed")));
        JsonNode sweep = new ObjectMapper().readTree(tmp.resolve("f/sweep.json").toFile());
        assertEquals("failed", sweep.get("status").asText());
        assertEquals(2, sweep.get("runs_failed").asInt());
        assertEquals(10, sweep.get("runs_complete").asInt());
        Map<String, String> p4 = rows(tmp.resolve("f/points.csv")).stream()
                .filter(x -> x.get("point").equals("4") && x.get("outcome").equals("datacap_claimed_bytes")).findFirst().orElseThrow();
        assertEquals("0", p4.get("n"));
        assertEquals("", p4.get("mean"));

        // rerun without the fault: only the failed runs are redone, and the .failed folders go
        var again = SweepRunner.run(plan, tmp.resolve("f"), SweepRunner.Options.of(2));
        assertEquals(2, again.ran());
        assertEquals(10, again.reused());
        assertEquals(0, again.failed());
        assertFalse(Files.exists(tmp.resolve("f/runs/p0004-r00.failed")));
    }

    @Test
    void aSweepKilledMidWayResumesWithoutRedoingFinishedRuns() throws Exception {
        Path out = tmp.resolve("k");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "datacapsim.cli.Main",
                "sweep", file().toString(), "--out", out.toString(), "--threads", "1")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile()).start();
        Path runs = out.resolve("tiny-sweep/runs");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && completeRuns(runs).size() < 3 && p.isAlive()) Thread.sleep(20);
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Map<String, String> before = startTimes(runs);
        assertTrue(before.size() >= 3 && before.size() < 12, "killed after some runs and before the last: " + before.keySet()
                + "\n" + read(tmp.resolve("log.txt")));
        assertFalse(Files.exists(out.resolve("tiny-sweep/runs.csv")), "no runs.csv before the sweep ends");

        StringWriter so = new StringWriter();
        int code = Main.execute(new PrintWriter(so), new PrintWriter(new StringWriter()), "sweep", file().toString(), "--out",
                out.toString(), "--threads", "2");
        assertEquals(0, code, so.toString());
        assertTrue(so.toString().contains("kept from before"), so.toString());
        Map<String, String> after = startTimes(runs);
        assertEquals(12, after.size());
        for (var e : before.entrySet()) assertEquals(e.getValue(), after.get(e.getKey()), e.getKey() + " was not redone");
        try (Stream<Path> s = Files.list(runs)) {
            assertTrue(s.noneMatch(d -> d.getFileName().toString().contains(".tmp-")), "temporary folders of the killed runs removed");
        }
        SweepRunner.run(plan(), tmp.resolve("fresh"), SweepRunner.Options.of(2));
        assertEquals(read(tmp.resolve("fresh/runs.csv")), read(out.resolve("tiny-sweep/runs.csv")), "the resumed sweep equals an uninterrupted one");
    }

    @Test
    void aChangedLevelIsRerunNotTakenFromTheOldFolder() throws IOException {
        SweepPlan plan = plan();
        SweepRunner.run(plan, tmp.resolve("c"), SweepRunner.Options.of(2));
        Files.writeString(file(), SWEEP.replace("values: [10, 20, 30]", "values: [10, 20, 35]"));
        String before = read(tmp.resolve("c/runs.csv"));
        var refused = assertThrows(datacapsim.scenario.ScenarioException.class,
                () -> SweepRunner.run(plan(), tmp.resolve("c"), SweepRunner.Options.of(2)));
        assertTrue(refused.getMessage().contains("--replace"), refused.getMessage());
        assertEquals(before, read(tmp.resolve("c/runs.csv")), "a refused sweep changes nothing");
        var r = SweepRunner.run(plan(), tmp.resolve("c"), SweepRunner.Options.of(2).replacing());
        assertEquals(4, r.ran(), "the four runs of clients.count 35 are new");
        assertEquals(8, r.reused());
        assertEquals("35", rows(tmp.resolve("c/runs.csv")).get(11).get("clients.count"));
    }

    @Test
    void mergingTwoShardsEqualsTheUnshardedSweep() throws IOException {
        SweepPlan plan = plan();
        SweepRunner.run(plan, tmp.resolve("whole"), SweepRunner.Options.of(2));
        Path root = tmp.resolve("sh");
        for (int k = 1; k <= 2; k++) {
            var shard = new SweepRunner.Shard(k, 2);
            var r = SweepRunner.run(plan, SweepRunner.sweepDir(root, plan, shard),
                    new SweepRunner.Options(1, SweepRunner.Keep.SUMMARY, false, shard, null, null));
            assertEquals(6, r.runs());
        }
        Path s1 = root.resolve("tiny-sweep/shard-1-of-2"), s2 = root.resolve("tiny-sweep/shard-2-of-2");
        assertEquals(6, Files.readAllLines(s1.resolve("runs.csv")).size() - 1);
        StringWriter so = new StringWriter();
        int code = Main.execute(new PrintWriter(so), new PrintWriter(new StringWriter()), "merge", s2.toString(), s1.toString());
        assertEquals(0, code, so.toString());
        Path merged = root.resolve("tiny-sweep");
        assertEquals(read(tmp.resolve("whole/runs.csv")), read(merged.resolve("runs.csv")));
        assertEquals(read(tmp.resolve("whole/points.csv")), read(merged.resolve("points.csv")));
        assertEquals(read(tmp.resolve("whole/report.html")), read(merged.resolve("report.html")));

        // five shards over twelve runs: uneven slices (3, 3, 2, 2, 2) merge to the same tables
        Path five = tmp.resolve("five");
        List<Path> dirs = new ArrayList<>();
        for (int k = 1; k <= 5; k++) {
            var shard = new SweepRunner.Shard(k, 5);
            Path d = SweepRunner.sweepDir(five, plan, shard);
            assertEquals(k <= 2 ? 3 : 2, SweepRunner.run(plan, d, new SweepRunner.Options(2, SweepRunner.Keep.SUMMARY, false, shard, null, null)).runs());
            dirs.add(d);
        }
        SweepMerge.merge(dirs, five.resolve("merged"));
        assertEquals(read(tmp.resolve("whole/runs.csv")), read(five.resolve("merged/runs.csv")));

        // one shard alone: the other half is listed as missing and the exit code says so
        Path half = tmp.resolve("half");
        code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), "merge", s1.toString(), "--out", half.toString());
        assertEquals(Main.EXIT_RUN_FAILED, code);
        List<Map<String, String>> rows = rows(half.resolve("runs.csv"));
        assertEquals(12, rows.size());
        assertEquals("missing", rows.get(1).get("status"));
        assertEquals("complete", rows.get(0).get("status"));

        // shards of another sweep are refused
        Files.writeString(file(), SWEEP.replace("replications: 2", "replications: 3"));
        SweepPlan other = plan();
        var shard = new SweepRunner.Shard(2, 2);
        SweepRunner.run(other, tmp.resolve("other"), new SweepRunner.Options(2, SweepRunner.Keep.SUMMARY, false, shard, null, null));
        StringWriter err = new StringWriter();
        code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "merge", s1.toString(), tmp.resolve("other").toString(),
                "--out", tmp.resolve("bad").toString());
        assertEquals(Main.EXIT_BAD_INPUT, code);
        assertTrue(err.toString().contains("another sweep"), err.toString());
    }

    @Test
    void refusalColumnsSeenOnlyBySomeRunsAreZeroElsewhereAlsoAfterMergingShardsThatDifferInColumns() throws IOException {
        Path f = tmp.resolve("limits.yaml");
        Files.writeString(f, """
                extends: %s
                name: limits
                horizonDays: 15
                clients:
                  count: 30
                providers:
                  count: 6
                sweep:
                  parameters:
                    - path: governance.onrampLimitTib
                      values: [1, 100000]
                """.formatted(Path.of("scenarios/onramp.yaml").toAbsolutePath()));
        SweepPlan plan = SweepPlan.of(ScenarioLoader.load(f));
        SweepRunner.run(plan, tmp.resolve("whole"), SweepRunner.Options.of(2));
        List<Map<String, String>> rows = rows(tmp.resolve("whole/runs.csv"));
        assertTrue(Long.parseLong(rows.get(0).get("refused_onramp_rate_limited")) > 0, "a 1 TiB limit refuses requests");
        assertEquals("0", rows.get(1).get("refused_onramp_rate_limited"), "a run that never saw the refusal counts 0, not blank");
        for (int k = 1; k <= 2; k++) {
            var shard = new SweepRunner.Shard(k, 2);
            SweepRunner.run(plan, SweepRunner.sweepDir(tmp.resolve("sh"), plan, shard),
                    new SweepRunner.Options(1, SweepRunner.Keep.SUMMARY, false, shard, null, null));
        }
        Path s2 = tmp.resolve("sh/limits/shard-2-of-2");
        assertFalse(Files.readString(s2.resolve("runs.csv")).contains("refused_onramp_rate_limited"),
                "the second shard never saw that refusal, so its table has no such column");
        SweepMerge.merge(List.of(tmp.resolve("sh/limits/shard-1-of-2"), s2), tmp.resolve("merged"));
        assertEquals(read(tmp.resolve("whole/runs.csv")), read(tmp.resolve("merged/runs.csv")));
        assertEquals(read(tmp.resolve("whole/points.csv")), read(tmp.resolve("merged/points.csv")));
    }

    @Test
    void resumeKeepsOnlyRunsThatHoldWhatThisSweepAsksFor() throws IOException {
        SweepPlan plan = plan();
        Path d = tmp.resolve("ask");
        assertEquals(12, SweepRunner.run(plan, d, SweepRunner.Options.of(2)).ran());
        assertEquals(0, SweepRunner.run(plan, d, SweepRunner.Options.of(2)).ran(), "the same sweep again runs nothing");
        var withSeries = new SweepRunner.Options(2, SweepRunner.Keep.TIMESERIES, false, SweepRunner.Shard.ALL, null, null);
        assertEquals(12, SweepRunner.run(plan, d, withSeries).ran(), "summary-only folders lack timeseries.csv");
        assertTrue(Files.exists(d.resolve("runs/p0000-r00/timeseries.csv")));
        assertEquals(0, SweepRunner.run(plan, d, SweepRunner.Options.of(2)).ran(), "runs with more files serve a summary sweep");
        var checked = new SweepRunner.Options(2, SweepRunner.Keep.SUMMARY, true, SweepRunner.Shard.ALL, null, null);
        assertEquals(12, SweepRunner.run(plan, d, checked).ran(), "runs made without invariant checks are redone with them");
        assertEquals(0, SweepRunner.run(plan, d, checked).ran());
    }

    @Test
    void aSecondSweepIntoTheSameFolderIsRefusedWhileTheFirstRuns() throws IOException {
        SweepPlan plan = plan();
        Path d = tmp.resolve("busy");
        Files.createDirectories(d);
        try (var ch = java.nio.channels.FileChannel.open(d.resolve(".lock"), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE); var lock = ch.lock()) {
            var e = assertThrows(datacapsim.scenario.ScenarioException.class, () -> SweepRunner.run(plan, d, SweepRunner.Options.of(2)));
            assertTrue(e.getMessage().contains("another sweep is running"), e.getMessage());
        }
        assertFalse(Files.exists(d.resolve("runs")), "nothing written");
        assertEquals(12, SweepRunner.run(plan, d, SweepRunner.Options.of(2)).runs());
    }

    @Test
    void keepDecidesWhatEachRunFolderHolds() throws IOException {
        SweepPlan plan = SweepPlan.of(Overrides.apply(ScenarioLoader.load(file()),
                List.of(Setting.parse("sweep.replications=1"))));
        for (var keep : SweepRunner.Keep.values()) {
            Path d = tmp.resolve("keep-" + keep);
            SweepRunner.run(plan, d, new SweepRunner.Options(2, keep, false, SweepRunner.Shard.ALL, null, null));
            List<String> files;
            try (Stream<Path> s = Files.list(d.resolve("runs/p0000-r00"))) {
                files = s.map(x -> x.getFileName().toString()).sorted().toList();
            }
            List<String> expected = switch (keep) {
                case SUMMARY -> List.of("manifest.json", "scenario.resolved.yaml", "summary.csv");
                case TIMESERIES -> List.of("manifest.json", "scenario.resolved.yaml", "summary.csv", "timeseries.csv");
                case ALL -> List.of("agents.csv", "charts", "manifest.json", "report.html", "scenario.resolved.yaml", "summary.csv", "timeseries.csv");
            };
            assertEquals(expected, files, keep.toString());
        }
        // summary keeps no daily rows and so reads the probes only at the end: the summary must not depend on that
        for (var keep : List.of(SweepRunner.Keep.SUMMARY, SweepRunner.Keep.ALL))
            for (int p = 0; p < plan.points().size(); p++)
                assertEquals(read(tmp.resolve("keep-TIMESERIES/runs/" + plan.runId(p, 0) + "/summary.csv")),
                        read(tmp.resolve("keep-" + keep + "/runs/" + plan.runId(p, 0) + "/summary.csv")), keep + " point " + p);
        assertEquals(read(tmp.resolve("keep-TIMESERIES/runs.csv")), read(tmp.resolve("keep-SUMMARY/runs.csv")));
    }

    @Test
    void anyRunOfTheSweepRerunsAloneWithTheSameResults() throws IOException {
        SweepPlan plan = plan();
        SweepRunner.run(plan, tmp.resolve("r"), new SweepRunner.Options(2, SweepRunner.Keep.TIMESERIES, false, SweepRunner.Shard.ALL, null, null));
        StringWriter so = new StringWriter();
        int code = Main.execute(new PrintWriter(so), new PrintWriter(new StringWriter()), "run", file().toString(), "--point", "3",
                "--replication", "1", "--out", tmp.resolve("alone").toString(), "--no-report");
        assertEquals(0, code, so.toString());
        Path alone = tmp.resolve("alone/tiny-sweep/p0003-r01");
        assertEquals(read(tmp.resolve("r/runs/p0003-r01/summary.csv")), read(alone.resolve("summary.csv")));
        assertEquals(read(tmp.resolve("r/runs/p0003-r01/timeseries.csv")), read(alone.resolve("timeseries.csv")));
        assertEquals(read(tmp.resolve("r/runs/p0003-r01/scenario.resolved.yaml")), read(alone.resolve("scenario.resolved.yaml")));

        StringWriter err = new StringWriter();
        code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "run", file().toString(), "--point", "6",
                "--out", tmp.resolve("alone").toString());
        assertEquals(Main.EXIT_BAD_INPUT, code);
        assertTrue(err.toString().contains("0 to 5"), err.toString());
    }

    // ------------------------------------------------------------------ helpers

    static List<String> completeRuns(Path runs) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(runs)) return out;
        try (Stream<Path> s = Files.list(runs)) {
            for (Path d : s.toList()) {
                String n = d.getFileName().toString();
                if (n.startsWith(".") || n.endsWith(".failed")) continue;
                if (Files.exists(d.resolve("manifest.json")) && read(d.resolve("manifest.json")).contains("\"complete\"")) out.add(n);
            }
        }
        return out;
    }

    static Map<String, String> startTimes(Path runs) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String n : completeRuns(runs))
            out.put(n, new ObjectMapper().readTree(runs.resolve(n).resolve("manifest.json").toFile()).get("started_at").asText());
        return out;
    }

    static List<Map<String, String>> rows(Path csv) throws IOException {
        var p = SweepFiles.parser();
        List<Map<String, String>> out = new ArrayList<>();
        try (var r = Files.newBufferedReader(csv)) {
            p.beginParsing(r);
            String[] h = p.parseNext();
            for (String[] row; (row = p.parseNext()) != null; ) {
                Map<String, String> m = new java.util.LinkedHashMap<>();
                for (int i = 0; i < h.length; i++) m.put(h[i], i < row.length && row[i] != null ? row[i] : "");
                out.add(m);
            }
        }
        return out;
    }

    static List<String> column(Path csv, String name) throws IOException {
        return rows(csv).stream().map(r -> r.get(name)).toList();
    }
}
