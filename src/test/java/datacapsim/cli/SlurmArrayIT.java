package datacapsim.cli;

import static org.junit.jupiter.api.Assertions.*;

import datacapsim.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A sweep on a real, one-node Slurm cluster: .ci/slurm-up starts munged, slurmctld and slurmd as root with their
 * state in target/slurm-it (logs kept there), the jar writes the job files with {@code sweep --emit slurm --shards 2},
 * their submit.sh queues the 2-task array and the merge after it, and once the merge job has completed its runs.csv,
 * points.csv and report.html equal, byte for byte, those of the same sweep run unsharded here. .ci/slurm-down stops
 * the cluster and whatever it started, also when the test fails. Skipped where Slurm and munge are not installed or
 * the test is not root, unless .ci/run prepared them (.ci/setup-slurm).
 */
class SlurmArrayIT {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path CLUSTER = ROOT.resolve("target/slurm-it");
    private static final long TIMEOUT_SECONDS = 600;

    @Test
    void aTwoTaskArrayAndItsMergeEqualTheUnshardedSweep() throws Exception {
        List<String> missing = new ArrayList<>();
        for (String p : List.of("sbatch", "scontrol", "sinfo", "slurmctld", "slurmd", "munged", "mungekey"))
            if (!ExternalTools.onPath(p) && !Files.isExecutable(Path.of("/usr/sbin", p))) missing.add(p);
        boolean root = "root".equals(System.getProperty("user.name"));
        ExternalTools.assumeOrRequire("slurm", missing.isEmpty() && root,
                missing.isEmpty() ? "the test cluster runs its daemons as root" : "missing " + String.join(", ",
                        missing));
        Path jar = ROOT.resolve("target/datacap-sim.jar");
        assertTrue(Files.isRegularFile(jar), "integration tests run after package: " + jar);

        run(List.of(ROOT.resolve(".ci/slurm-down").toString(), CLUSTER.toString()), ROOT, Map.of(),
                120); // an earlier run's
        deleteTree(CLUSTER);
        Path work = Files.createDirectories(CLUSTER.resolve("work"));
        Path scenario = work.resolve("slurm-it.yaml");
        Files.writeString(scenario, "extends: " + ROOT.resolve("src/test/resources/small-direct.yaml")
                + "\nname: slurm-it\nhorizonDays: 10\nsweep:\n  replications: 2\n  parameters:\n"
                + "    - path: clients.count\n      values: [10, 20]\n");
        Path out = work.resolve("cluster");
        try {
            Result up = run(List.of(ROOT.resolve(".ci/slurm-up").toString(), CLUSTER.toString(), "120"), ROOT,
                    Map.of(), 180);
            assertEquals(0, up.code, "slurm-up: " + up.out);
            Map<String, String> env = clusterEnv();

            // the jar writes the job files (it finds its own path), then submit.sh queues them from another folder
            Result emit = run(List.of("java", "-jar", jar.toString(), "sweep", scenario.toString(), "--emit", "slurm",
                    "--shards", "2", "--cpus-per-shard", "1", "--out", out.toString()), work, Map.of(), 120);
            assertEquals(0, emit.code, emit.out);
            Path slurm = out.resolve("slurm-it/slurm");
            assertTrue(Files.readString(slurm.resolve("array.sbatch")).contains("-jar " + jar),
                    "calls the jar by its path");
            Result submit = run(List.of("bash", slurm.resolve("submit.sh").toString()),
                    Files.createDirectories(work.resolve("elsewhere")),
                    env, 60);
            assertEquals(0, submit.code, submit.out);
            String arrayJob = group("array job (\\d+)", submit.out), mergeJob = group("merge job (\\d+)", submit.out);

            String state = waitForEnd(mergeJob, env);
            assertEquals("COMPLETED", state, "merge job " + mergeJob + "; " + diagnosis(slurm));
            Result array = run(List.of("scontrol", "show", "job", arrayJob), work, env, 30);
            List<String> tasks = new ArrayList<>();
            for (Matcher m = Pattern.compile("ArrayTaskId=(\\d+).*?JobState=(\\w+)",
                    Pattern.DOTALL).matcher(array.out); m.find(); )
                tasks.add(m.group(1) + ":" + m.group(2));
            assertEquals(List.of("1:COMPLETED", "2:COMPLETED"), tasks.stream().sorted().toList(), array.out);
        } finally {
            Result down = run(List.of(ROOT.resolve(".ci/slurm-down").toString(), CLUSTER.toString()), ROOT, Map.of(),
                    120);
            System.out.println(down.out);
        }
        for (String daemon : List.of("slurmctld", "slurmd", "munged")) {
            Path pid = CLUSTER.resolve("run/" + daemon + ".pid");
            if (Files.exists(pid))
                assertFalse(ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()))
                                .map(ProcessHandle::isAlive).orElse(false),
                        daemon + " stopped");
        }

        CliRun whole = CliRun.of("sweep", scenario.toString(), "--out", work.resolve("whole").toString(), "--threads",
                "2");
        assertEquals(0, whole.code(), whole.err());
        for (String t : List.of("runs.csv", "points.csv", "report.html"))
            assertEquals(Files.readString(work.resolve("whole/slurm-it").resolve(t)),
                    Files.readString(out.resolve("slurm-it").resolve(t)),
                    t + ": the Slurm array's merge equals the unsharded sweep");
    }

    /** The job's state once it has ended (polled with scontrol), or a failure after the timeout. */
    private static String waitForEnd(String job, Map<String, String> env) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        String last = "";
        while (System.nanoTime() < deadline) {
            Result r = run(List.of("scontrol", "show", "job", job), ROOT, env, 30);
            last = r.out;
            Matcher m = Pattern.compile("JobState=(\\w+)").matcher(r.out);
            if (m.find()) {
                String s = m.group(1);
                if (!List.of("PENDING", "CONFIGURING", "RUNNING", "COMPLETING").contains(s)) return s;
                if (r.out.contains("DependencyNeverSatisfied")) return s
                        + " (DependencyNeverSatisfied: an array task failed)";
            }
            Thread.sleep(1000);
        }
        fail("job " + job + " did not end within " + TIMEOUT_SECONDS + " s: " + last);
        return null;
    }

    private static Map<String, String> clusterEnv() throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(CLUSTER.resolve("env"))) {
            Matcher m = Pattern.compile("export (\\w+)='(.*)'").matcher(line);
            if (m.matches()) env.put(m.group(1), m.group(2));
        }
        assertTrue(env.containsKey("SLURM_CONF"), "slurm-up wrote SLURM_CONF: " + env);
        return env;
    }

    private static String diagnosis(Path slurm) throws IOException {
        StringBuilder b = new StringBuilder("job logs:\n");
        try (Stream<Path> s = Files.list(slurm.resolve("logs"))) {
            for (Path f : s.sorted().toList())
                b.append("== ").append(f.getFileName()).append('\n').append(Files.readString(f));
        }
        b.append("daemon logs in ").append(CLUSTER.resolve("log"));
        return b.toString();
    }

    private static String group(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in " + text);
        return m.group(1);
    }

    record Result(int code, String out) {}

    private static Result run(List<String> cmd, Path cwd, Map<String, String> env,
            long timeoutSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("PATH", System.getenv("PATH") + ":/usr/sbin:/sbin");
        Path log = Files.createTempFile("slurm-it", ".out");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return new Result(-1, String.join(" ", cmd) + " timed out after " + timeoutSeconds + " s: "
                        + Files.readString(log));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
