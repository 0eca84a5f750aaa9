package datacapsim.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep --emit slurm|k8s} without a cluster: the Slurm scripts are run by bash with stand-ins for sbatch and
 * java that record their arguments, and the recorded java commands are then run here, so the shards the array tasks
 * would run and the merge job's merge give the unsharded sweep's tables; the Kubernetes manifests are parsed and
 * their shard and merge commands run the same way. Bad values are exit 2 with nothing written.
 */
class SweepEmitTest {
    @TempDir
    Path tmp;

    private static final YAMLMapper YAML = new YAMLMapper();

    Path scenario() throws IOException {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, "extends: " + Path.of("src/test/resources/small-direct.yaml").toAbsolutePath()
                + "\nname: emit-sweep\nhorizonDays: 10\nsweep:\n  replications: 2\n  parameters:\n"
                + "    - path: clients.count\n      values: [10, 20]\n");
        return f;
    }

    Path fakeJar() throws IOException {
        Path jar = tmp.resolve("shared/datacap-sim.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "not run: java is a stand-in here");
        return jar;
    }

    /** A stand-in program in tmp/bin that records its arguments (NUL-separated) into $RECORD_DIR/name-N. */
    Path standIn(String name, String printed) throws IOException {
        Path bin = tmp.resolve("bin");
        Files.createDirectories(bin);
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\nn=$(ls \"$RECORD_DIR\" | grep -c '^" + name + "-')\n"
                + "printf '%s\\0' \"$@\" > \"$RECORD_DIR/" + name + "-$n\"\n"
                + (printed == null ? "" : "echo \"" + printed + "\"\n"));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /** Runs a script with bash from {@code cwd}, the stand-ins first on the PATH; returns its output. */
    String bash(Path script, Path cwd, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", tmp.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().put("RECORD_DIR", records().toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), script + ": " + out);
        return out;
    }

    Path records() throws IOException { return Files.createDirectories(tmp.resolve("records")); }

    List<String> recorded(String name) throws IOException {
        String s = Files.readString(records().resolve(name), StandardCharsets.UTF_8);
        return Arrays.asList(s.substring(0, s.length() - 1).split("\0", -1));
    }

    /** The datacap-sim arguments of a recorded java command line (what follows -jar JAR). */
    static String[] afterJar(List<String> javaArgs, Path jar) {
        int i = javaArgs.indexOf("-jar");
        assertTrue(i >= 0, "java -jar: " + javaArgs);
        assertEquals(jar.toString(), javaArgs.get(i + 1), "the jar by its absolute path");
        return javaArgs.subList(i + 2, javaArgs.size()).toArray(String[]::new);
    }

    @Test
    void theSlurmArrayRunsEveryShardAndTheMergeGivesTheUnshardedTables() throws Exception {
        Path f = scenario();
        Path jar = fakeJar();
        Path out = tmp.resolve("cluster");
        CliRun e = CliRun.of("sweep", f.toString(), "--emit", "slurm", "--shards", "3", "--out", out.toString(),
                "--jar",
                jar.toString(), "--set", "providers.count=6", "--slurm-option", "partition=short", "--slurm-option",
                        "mem=8G",
                "--slurm-merge-option", "time=00:20:00", "--cpus-per-shard", "2");
        assertEquals(0, e.code(), e.err());
        Path dir = out.resolve("emit-sweep/slurm");
        assertTrue(e.out().contains(dir.resolve("submit.sh").toString()), "says how to submit: " + e.out());
        assertFalse(Files.exists(out.resolve("emit-sweep/runs")), "nothing run");
        String array = Files.readString(dir.resolve("array.sbatch"));
        String merge = Files.readString(dir.resolve("merge.sbatch"));
        for (String line : List.of("#SBATCH --array=1-3", "#SBATCH --cpus-per-task=2",
                "#SBATCH --job-name=datacap-emit-sweep",
                "#SBATCH --partition=short", "#SBATCH --mem=8G", "#SBATCH --time=04:00:00",
                "#SBATCH --output=" + dir.resolve("logs/%x-%A_%a.out"), "#SBATCH --error="
                        + dir.resolve("logs/%x-%A_%a.err")))
            assertTrue(array.lines().anyMatch(line::equals), line + " in\n" + array);
        assertFalse(array.contains("mem-per-cpu"), "mem replaces the default mem-per-cpu (sbatch takes one): " + array);
        for (String line : List.of("#SBATCH --cpus-per-task=1", "#SBATCH --partition=short", "#SBATCH --mem=8G",
                "#SBATCH --time=00:20:00", "#SBATCH --job-name=datacap-emit-sweep-merge"))
            assertTrue(merge.lines().anyMatch(line::equals), line + " in\n" + merge);
        assertFalse(merge.contains("--array"), merge);

        // submit.sh from another folder: the array, then the merge after it, both with the arguments given
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        standIn("sbatch", "4$n;ci");
        String said = bash(dir.resolve("submit.sh"), elsewhere, Map.of(), "--qos=low");
        List<String> first = recorded("sbatch-0"), second = recorded("sbatch-1");
        assertEquals(List.of("--parsable", "--qos=low", dir.resolve("array.sbatch").toString()), first);
        assertEquals(List.of("--parsable", "--qos=low", "--dependency=afterok:40",
                dir.resolve("merge.sbatch").toString()), second,
                "the merge waits for the array job's id as sbatch --parsable printed it");
        assertTrue(said.contains("array job 40") && said.contains("merge job 41"), said);

        // each array task as Slurm would start it, then the merge job; java records what it was asked to run
        standIn("java", null);
        Map<String, String> javaEnv = Map.of("DATACAP_SIM_JAVA", tmp.resolve("bin/java").toString());
        for (int k = 1; k <= 3; k++)
            bash(dir.resolve("array.sbatch"), elsewhere, Map.of("DATACAP_SIM_JAVA", tmp.resolve("bin/java").toString(),
                    "SLURM_ARRAY_TASK_ID", String.valueOf(k), "SLURM_CPUS_PER_TASK", "2"));
        bash(dir.resolve("merge.sbatch"), elsewhere, javaEnv);
        for (int k = 1; k <= 3; k++) {
            String[] args = afterJar(recorded("java-" + (k - 1)), jar);
            assertEquals(List.of("sweep", f.toString(), "--out", out.toString(), "--set", "providers.count=6",
                    "--keep", "summary",
                    "--shard", k + "/3", "--threads", "2"), List.of(args));
            CliRun shard = CliRun.of(args);
            assertEquals(0, shard.code(), shard.err());
        }
        String[] mergeArgs = afterJar(recorded("java-3"), jar);
        assertEquals("merge", mergeArgs[0]);
        CliRun m = CliRun.of(mergeArgs);
        assertEquals(0, m.code(), m.err());

        CliRun whole = CliRun.of("sweep", f.toString(), "--out", tmp.resolve("whole").toString(), "--set",
                "providers.count=6");
        assertEquals(0, whole.code(), whole.err());
        for (String t : List.of("runs.csv", "points.csv", "report.html"))
            assertEquals(Files.readString(tmp.resolve("whole/emit-sweep").resolve(t)),
                    Files.readString(out.resolve("emit-sweep").resolve(t)),
                    t + ": the Slurm jobs' merge equals the unsharded sweep");
    }

    @Test
    void theKubernetesManifestsAreAnIndexedJobAndAMergeJobWhoseCommandsGiveTheUnshardedTables() throws Exception {
        Path f = scenario();
        Path out = tmp.resolve("k8s-out");
        CliRun e = CliRun.of("sweep", f.toString(), "--emit", "k8s", "--shards", "2", "--out", out.toString(),
                "--image",
                "ghcr.io/lab/datacap-sim:1.2", "--volume-claim", "sims", "--cpus-per-shard", "3", "--set",
                        "providers.count=6");
        assertEquals(0, e.code(), e.err());
        Path dir = out.resolve("emit-sweep/k8s");
        List<JsonNode> docs;
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(dir.resolve("shards.yaml").toFile())) {
            docs = it.readAll();
        }
        assertEquals(List.of("ConfigMap", "Job"), docs.stream().map(d -> d.path("kind").asText()).toList());
        JsonNode job = docs.get(1);
        assertEquals("batch/v1", job.path("apiVersion").asText());
        JsonNode spec = job.path("spec");
        assertEquals("Indexed", spec.path("completionMode").asText());
        assertEquals(2, spec.path("completions").asInt());
        assertEquals(2, spec.path("parallelism").asInt());
        JsonNode pod = spec.path("template").path("spec");
        assertEquals("Never", pod.path("restartPolicy").asText());
        JsonNode c = pod.path("containers").get(0);
        assertEquals("ghcr.io/lab/datacap-sim:1.2", c.path("image").asText());
        assertEquals("3", c.path("resources").path("requests").path("cpu").asText());
        assertEquals("sims", volume(pod, "out").path("persistentVolumeClaim").path("claimName").asText());
        assertEquals(docs.get(0).path("metadata").path("name").asText(), volume(pod,
                "scenario").path("configMap").path("name").asText());
        assertEquals("/out", mount(c, "out").path("mountPath").asText());
        String shardCommand = c.path("command").get(2).asText();
        assertTrue(shardCommand.contains("--shard $((JOB_COMPLETION_INDEX + 1))/2")
                && shardCommand.contains("--threads 3"), shardCommand);

        JsonNode mergeJob = YAML.readTree(dir.resolve("merge.yaml").toFile());
        assertEquals("Job", mergeJob.path("kind").asText());
        JsonNode mergePod = mergeJob.path("spec").path("template").path("spec");
        assertEquals("sims", volume(mergePod, "out").path("persistentVolumeClaim").path("claimName").asText());
        String mergeCommand = mergePod.path("containers").get(0).path("command").get(2).asText();

        // the pods, played here: the ConfigMap's scenario at its mount, each index's command, then the merge's
        Path etc = Files.createDirectories(tmp.resolve("etc"));
        Files.writeString(etc.resolve("scenario.yaml"), docs.get(0).path("data").path("scenario.yaml").asText());
        Path vol = Files.createDirectories(tmp.resolve("volume"));
        standIn("java", null);
        for (int i = 0; i < 2; i++) shell(shardCommand, Map.of("JOB_COMPLETION_INDEX", String.valueOf(i)));
        shell(mergeCommand, Map.of());
        for (int i = 0; i < 3; i++) {
            List<String> args = new ArrayList<>();
            for (String a : afterJar(recorded("java-" + i), Path.of("/opt/datacap-sim/datacap-sim.jar")))
                args.add(a.replace("/etc/datacap-sim", etc.toString()).replace("/out", vol.toString()));
            if (i < 2) assertEquals(List.of("--shard", (i + 1) + "/2"), args.subList(args.size() - 4, args.size() - 2));
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, r.code(), args + ": " + r.err());
        }
        CliRun whole = CliRun.of("sweep", f.toString(), "--out", tmp.resolve("whole").toString(), "--set",
                "providers.count=6");
        assertEquals(0, whole.code(), whole.err());
        for (String t : List.of("runs.csv", "points.csv", "report.html"))
            assertEquals(Files.readString(tmp.resolve("whole/emit-sweep").resolve(t)),
                    Files.readString(vol.resolve("emit-sweep").resolve(t)),
                    t + ": the pods' merge equals the unsharded sweep");
        assertEquals(YAML.readTree(tmp.resolve("whole/emit-sweep/sweep.json").toFile()).path("fingerprint").asText(),
                YAML.readTree(vol.resolve("emit-sweep/sweep.json").toFile()).path("fingerprint").asText(),
                "the ConfigMap's resolved scenario is the same sweep");
    }

    private void shell(String command, Map<String, String> env) throws Exception {
        Path script = tmp.resolve("pod.sh");
        Files.writeString(script, command.replace("exec java", "exec \"$DATACAP_SIM_JAVA\"") + "\n");
        var all = new HashMap<>(env);
        all.put("DATACAP_SIM_JAVA", tmp.resolve("bin/java").toString());
        bash(script, tmp, all);
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode v : pod.path("volumes")) if (v.path("name").asText().equals(name)) return v;
        throw new AssertionError("no volume " + name + " in " + pod);
    }

    private static JsonNode mount(JsonNode container, String name) {
        for (JsonNode v : container.path("volumeMounts")) if (v.path("name").asText().equals(name)) return v;
        throw new AssertionError("no mount " + name + " in " + container);
    }

    @Test
    void badEmitValuesAreExitTwoAndWriteNothing() throws IOException {
        Path f = scenario();
        Path jar = fakeJar();
        Path out = tmp.resolve("out");
        String[][] bad = {
                {"--emit", "pbs"},
                {"--emit", "slurm", "--jar", jar.toString(), "--shards", "0"},
                {"--emit", "slurm", "--jar", jar.toString(), "--shards", "5"},
                {"--emit", "k8s", "--shards", "-1"},
                {"--emit", "slurm", "--jar", jar.toString(), "--cpus-per-shard", "0"},
                {"--emit", "slurm", "--jar", jar.toString(), "--slurm-option", "array=1-9"},
                {"--emit", "slurm", "--jar", jar.toString(), "--slurm-option", "partition"},
                {"--emit", "slurm", "--jar", jar.toString(), "--slurm-option", "comment=two words"},
                {"--emit", "slurm", "--jar", jar.toString(), "--slurm-merge-option", "p=short"},
                {"--emit", "slurm", "--jar", tmp.resolve("missing.jar").toString()},
                {"--emit", "slurm", "--jar", jar.toString(), "--shard", "1/2"},
                {"--emit", "k8s", "--dry-run"},
                {"--emit", "k8s", "--volume-claim", "Not_A_Name"},
                {"--emit", "k8s", "--image-jar", "datacap-sim.jar"},
                {"--emit", "k8s", "--jar", jar.toString()},
                {"--emit", "slurm", "--jar", jar.toString(), "--image", "x:1"},
                {"--shards", "2"},
                {"--slurm-option", "partition=short"},
        };
        String[] named = {"--emit pbs", "--shards 0", "--shards 5", "--shards -1", "--cpus-per-shard 0",
                "--slurm-option array=1-9",
                "--slurm-option partition", "--slurm-option comment=two words", "--slurm-merge-option p=short", "--jar",
                "--shard 1/2", "--dry-run", "--volume-claim Not_A_Name", "--image-jar datacap-sim.jar", "--jar",
                        "--image x:1",
                "--shards 2", "--slurm-option partition=short"};
        for (int i = 0; i < bad.length; i++) {
            List<String> args = new ArrayList<>(List.of("sweep", f.toString(), "--out", out.toString()));
            args.addAll(List.of(bad[i]));
            CliRun r = CliRun.of(args.toArray(String[]::new));
            String what = String.join(" ", bad[i]);
            assertEquals(Main.EXIT_BAD_INPUT, r.code(), what + ": " + r.err());
            assertTrue(r.err().contains("error: " + named[i]), what + " named: " + r.err());
            assertFalse(Files.exists(out), "nothing written for " + what);
        }
        Path spaced = tmp.resolve("my sweeps");
        CliRun sp = CliRun.of("sweep", f.toString(), "--out", spaced.toString(), "--emit", "slurm", "--jar",
                jar.toString());
        assertEquals(Main.EXIT_BAD_INPUT, sp.code(), sp.err());
        assertTrue(sp.err().contains("error: --out " + spaced) && sp.err().contains("#SBATCH"), sp.err());
        assertFalse(Files.exists(spaced), "nothing written");
        CliRun r = CliRun.of("sweep", f.toString(), "--out", out.toString(), "--emit", "slurm", "--shards", "5",
                "--jar", jar.toString());
        assertTrue(r.err().contains("1 to the sweep's 4 runs"), r.err());

        // the tests run from target/classes, not a jar: the Slurm jobs need to be told which jar to call
        r = CliRun.of("sweep", f.toString(), "--out", out.toString(), "--emit", "slurm");
        assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("--jar"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void emittingAgainReplacesTheFilesAndKeepsTheLogs() throws IOException {
        Path f = scenario();
        Path jar = fakeJar();
        Path out = tmp.resolve("again");
        assertEquals(0, CliRun.of("sweep", f.toString(), "--out", out.toString(), "--emit", "slurm", "--jar",
                jar.toString()).code());
        Path dir = out.resolve("emit-sweep/slurm");
        assertTrue(Files.readString(dir.resolve("array.sbatch")).contains("#SBATCH --array=1-4"),
                "default: one shard per run up to 10");
        Files.writeString(dir.resolve("logs/datacap-emit-sweep-7_1.out"), "an earlier task's log");
        assertEquals(0, CliRun.of("sweep", f.toString(), "--out", out.toString(), "--emit", "slurm", "--jar",
                jar.toString(),
                "--shards", "2").code());
        assertTrue(Files.readString(dir.resolve("array.sbatch")).contains("#SBATCH --array=1-2"));
        assertTrue(Files.exists(dir.resolve("logs/datacap-emit-sweep-7_1.out")), "logs kept");
        try (Stream<Path> s = Files.list(dir.getParent())) {
            assertEquals(List.of("slurm"), s.map(p -> p.getFileName().toString()).toList(), "no temporary folder left");
        }
    }
}
