package datacapsim.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import datacapsim.scenario.ExperimentDesign;
import datacapsim.scenario.ScenarioException;
import datacapsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Job files that run a sweep's shards on a cluster, one shard ({@code sweep --shard k/n}) per task, and then join
 * them with {@code merge}, without running anything here:
 * <ul>
 * <li>Slurm ({@link Target#SLURM}), in {@code OUT/<name>/slurm/}: {@code array.sbatch} (an array job, task k runs
 *     shard k/n with {@code --threads $SLURM_CPUS_PER_TASK}), {@code merge.sbatch} and {@code submit.sh}, which
 *     submits the array and then the merge with {@code --dependency=afterok:<array job>};</li>
 * <li>Kubernetes ({@link Target#K8S}), in {@code OUT/<name>/k8s/}: {@code shards.yaml} (a ConfigMap holding the
 *     resolved scenario and an Indexed Job, pod index i running shard i+1/n, the output on a shared volume claim),
 *     {@code merge.yaml} (the merge Job) and {@code submit.sh}, which applies the first, waits for it and applies the
 *     second.</li>
 * </ul>
 * Every path in the files is absolute, so they work from any folder; the folder is written whole or not at all.
 */
public final class ClusterJobs {
    private ClusterJobs() {}

    /** Where the shards run. */
    public enum Target {
        SLURM("slurm"), K8S("k8s");

        private final String word;

        Target(String word) { this.word = word; }

        /** The word {@code --emit} takes, also the name of the folder written. */
        public String word() { return word; }

        public static Target parse(String text) {
            for (Target t : values()) if (t.word.equals(text)) return t;
            throw new ScenarioException("--emit " + text, 0, null, text, "slurm, k8s",
                    "not a cluster to emit jobs for");
        }
    }

    /** Slurm's array job options unless the user sets them; the cpus come from {@link Request#cpus()}. */
    public static final Map<String, String> SLURM_ARRAY_DEFAULTS = Map.of("time", "04:00:00", "mem-per-cpu", "2G");
    /** The merge job's options unless the user sets them (the merge is one thread). */
    public static final Map<String, String> SLURM_MERGE_DEFAULTS = Map.of("cpus-per-task", "1", "time", "01:00:00",
            "mem", "4G");
    /** Options the files set themselves. */
    static final Set<String> SLURM_RESERVED = Set.of("array", "dependency", "parsable", "wrap");
    /** sbatch's memory options: setting one drops the others (sbatch refuses two). */
    static final Set<String> SLURM_MEMORY = Set.of("mem", "mem-per-cpu", "mem-per-gpu");
    private static final Pattern SLURM_KEY = Pattern.compile("[a-z][a-z0-9-]+");
    private static final Pattern SLURM_VALUE = Pattern.compile("[^\\s'\"\\\\]+");
    /** The Kubernetes image placeholder, until {@code --image} names the user's. */
    public static final String IMAGE_PLACEHOLDER = "registry.example.com/datacap-sim:0.1.0";
    /** Gibibytes of memory a pod asks for per CPU (as Slurm's mem-per-cpu default). */
    static final int K8S_GIB_PER_CPU = 2;

    /**
     * What to write.
     *
     * @param plan          the sweep
     * @param outRoot       the sweep's {@code --out}; the shards write {@code outRoot/<name>/shard-k-of-n}
     * @param scenarioFile  the scenario file the Slurm tasks load (the Kubernetes pods load the resolved copy)
     * @param sweepArgs     options every shard's {@code sweep} gets after the file (--set, --seed, --days, --keep ...)
     * @param shards        n, 1 to the number of runs
     * @param cpus          CPUs per shard: Slurm's cpus-per-task, the pod's CPU request and its --threads
     * @param jar           the jar the Slurm jobs run (on a filesystem the nodes share)
     * @param slurmOptions  KEY=VALUE sbatch long options for both Slurm jobs (the merge keeps one CPU)
     * @param mergeOptions  KEY=VALUE sbatch long options for the merge job alone (win over slurmOptions)
     * @param image         the container image (java 17+ and the jar at {@code imageJar})
     * @param imageJar      where the jar is inside the image
     * @param volumeClaim   the PersistentVolumeClaim (ReadWriteMany) mounted at /out in every pod
     */
    public record Request(SweepPlan plan, Path outRoot, Path scenarioFile, List<String> sweepArgs, int shards, int cpus,
                          Path jar, List<String> slurmOptions, List<String> mergeOptions, String image, String imageJar,
                          String volumeClaim) {
        public Request {
            sweepArgs = List.copyOf(sweepArgs);
            slurmOptions = List.copyOf(slurmOptions);
            mergeOptions = List.copyOf(mergeOptions);
        }

        Path sweepDir() {
            return SweepRunner.sweepDir(outRoot.toAbsolutePath().normalize(), plan, SweepRunner.Shard.ALL);
        }
    }

    /** The folder written, its files in order, and the command that submits them. */
    public record Written(Path dir, List<Path> files, String submit) {}

    /** Checks the request (bad values are {@link ScenarioException}s) and writes the target's folder whole. */
    public static Written write(Target target, Request r) {
        checkShards(r);
        if (r.cpus() < 1)
            throw new ScenarioException("--cpus-per-shard " + r.cpus(), 0, null, String.valueOf(r.cpus()), ">= 1",
                    "not a CPU count");
        Map<String, String> files = switch (target) {
            case SLURM -> slurm(r);
            case K8S -> kubernetes(r);
        };
        Path dir = r.sweepDir().resolve(target.word());
        try {
            return new Written(dir, publish(dir, files), dir.resolve("submit.sh").toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the job files into " + dir, e);
        }
    }

    private static void checkShards(Request r) {
        long runs = r.plan().runCount();
        if (r.shards() < 1 || r.shards() > runs)
            throw new ScenarioException("--shards " + r.shards(), 0, null, String.valueOf(r.shards()),
                    "1 to the sweep's " + runs + " runs",
                    r.shards() < 1 ? "not a shard count" : "more shards than runs");
    }

    // ------------------------------------------------------------------ Slurm

    static Map<String, String> slurm(Request r) {
        Path jar = r.jar().toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar))
            throw new ScenarioException("--jar " + r.jar(), 0, null, r.jar().toString(), "the path of datacap-sim.jar",
                    "no such file");
        Map<String, String> user = slurmOptions(r.slurmOptions(), "--slurm-option");
        Map<String, String> mergeUser = slurmOptions(r.mergeOptions(), "--slurm-merge-option");
        Path dir = r.sweepDir().resolve(Target.SLURM.word());
        if (!SLURM_VALUE.matcher(dir.toString()).matches())
            throw new ScenarioException("--out " + r.outRoot(), 0, null, dir.toString(),
                    "a folder whose path has no spaces, quotes or backslashes",
                    "the #SBATCH lines cannot hold this path");
        Path logs = dir.resolve("logs");
        String job = "datacap-" + r.plan().name().replaceAll("[^A-Za-z0-9._-]+", "-");
        int n = r.shards();

        Map<String, String> array = new LinkedHashMap<>();
        array.put("job-name", job);
        array.put("cpus-per-task", String.valueOf(r.cpus()));
        new TreeMap<>(SLURM_ARRAY_DEFAULTS).forEach((k, v) -> put(array, k, v));
        array.put("chdir", dir.toString());
        array.put("output", logs.resolve("%x-%A_%a.out").toString());
        array.put("error", logs.resolve("%x-%A_%a.err").toString());
        user.forEach((k, v) -> put(array, k, v));

        Map<String, String> merge = new LinkedHashMap<>();
        merge.put("job-name", job + "-merge");
        new TreeMap<>(SLURM_MERGE_DEFAULTS).forEach((k, v) -> put(merge, k, v));
        merge.put("chdir", dir.toString());
        merge.put("output", logs.resolve("%x-%j.out").toString());
        merge.put("error", logs.resolve("%x-%j.err").toString());
        user.forEach((k, v) -> { if (!k.equals("cpus-per-task")) put(merge, k, v); });
        mergeUser.forEach((k, v) -> put(merge, k, v));

        Path sweepDir = r.sweepDir();
        String java = "\"${DATACAP_SIM_JAVA:-java}\" ${DATACAP_SIM_JAVA_OPTS:--Xss8m} -jar " + quote(jar.toString());
        List<String> sweep = new ArrayList<>(List.of("sweep", r.scenarioFile().toAbsolutePath().normalize().toString(),
                "--out", r.outRoot().toAbsolutePath().normalize().toString()));
        sweep.addAll(r.sweepArgs());

        Map<String, String> files = new LinkedHashMap<>();
        files.put("array.sbatch", "#!/bin/bash\n"
                + "# Sweep " + r.plan().name() + ": " + r.plan().runCount() + " runs in " + n
                        + " shards, shard k in array task k.\n"
                + "# Written by datacap-sim sweep --emit slurm; submit.sh submits it and the merge after it.\n"
                + directives(array) + "#SBATCH --array=1-" + n + "\n"
                + "set -euo pipefail\n"
                + ": \"${SLURM_ARRAY_TASK_ID:?submit this script with sbatch: it is a Slurm array job}\"\n"
                + "# a shard reruns only what it has not finished (resume); exit 1 when a run failed (no merge)\n"
                + "exec " + java + " " + join(sweep) + " \\\n"
                + "  --shard \"$SLURM_ARRAY_TASK_ID/" + n + "\" --threads \"${SLURM_CPUS_PER_TASK:-1}\"\n");
        files.put("merge.sbatch", "#!/bin/bash\n"
                + "# Joins the " + n + " shards of sweep " + r.plan().name() + " into " + sweepDir + "\n"
                + "# (runs.csv, points.csv, report.html).\n"
                + "# Written by datacap-sim sweep --emit slurm; submit.sh queues it after every array task succeeded.\n"
                + directives(merge)
                + "set -euo pipefail\n"
                + "shards=()\n"
                + "for k in $(seq 1 " + n + "); do shards+=(" + quote(sweepDir.toString()) + "/shard-$k-of-" + n
                        + "); done\n"
                + "exec " + java + " merge \"${shards[@]}\"\n");
        files.put("submit.sh", "#!/usr/bin/env bash\n"
                + "# Submits sweep " + r.plan().name() + " to Slurm: the array job (" + n + " tasks, one shard each),\n"
                + "# then the merge job, which starts when every task succeeded. Arguments go to both sbatch calls\n"
                + "# (e.g. --partition=short); SBATCH_* environment variables (SBATCH_PARTITION, SBATCH_ACCOUNT,\n"
                + "# SBATCH_TIMELIMIT ...) override the scripts' #SBATCH lines too. Rerun it to resume (finished\n"
                + "# runs are kept).\n"
                + "set -euo pipefail\n"
                + "dir=" + quote(dir.toString()) + "\n"
                + "mkdir -p \"$dir/logs\"\n"
                + "array=$(sbatch --parsable \"$@\" \"$dir/array.sbatch\")\n"
                + "array=${array%%;*}\n"
                + "merge=$(sbatch --parsable \"$@\" --dependency=afterok:\"$array\" \"$dir/merge.sbatch\")\n"
                + "merge=${merge%%;*}\n"
                + "echo \"array job $array: " + n + " shard tasks; merge job $merge after they all succeed\"\n"
                + "echo \"watch: squeue -j $array,$merge; logs: $dir/logs; merged tables: " + sweepDir
                        + "/runs.csv\"\n");
        return files;
    }

    /** KEY=VALUE sbatch options, checked; the option's name is in every error. */
    static Map<String, String> slurmOptions(List<String> given, String option) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : given) {
            int eq = s.indexOf('=');
            String key = eq < 0 ? s : s.substring(0, eq);
            String value = eq < 0 ? null : s.substring(eq + 1);
            String origin = option + " " + s;
            if (value == null || value.isEmpty())
                throw new ScenarioException(origin, 0, null, s, "KEY=VALUE, e.g. partition=short or time=12:00:00",
                        "no value");
            if (key.startsWith("--")) key = key.substring(2);
            if (!SLURM_KEY.matcher(key).matches())
                throw new ScenarioException(origin, 0, null, key,
                        "a long sbatch option name without dashes (partition, time, mem, account, qos ...)",
                        "not an sbatch option name");
            if (SLURM_RESERVED.contains(key))
                throw new ScenarioException(origin, 0, null, key,
                        "any sbatch option but " + String.join(", ", new TreeSet<>(SLURM_RESERVED)),
                        "the job files set --" + key + " themselves (use --shards for the array)");
            if (!SLURM_VALUE.matcher(value).matches())
                throw new ScenarioException(origin, 0, null, value, "a value without spaces, quotes or backslashes",
                        "cannot be written on an #SBATCH line");
            put(out, key, value);
        }
        return out;
    }

    private static void put(Map<String, String> options, String key, String value) {
        if (SLURM_MEMORY.contains(key)) options.keySet().removeIf(SLURM_MEMORY::contains);
        options.put(key, value);
    }

    private static String directives(Map<String, String> options) {
        StringBuilder b = new StringBuilder();
        options.forEach((k, v) -> b.append("#SBATCH --").append(k).append('=').append(v).append('\n'));
        return b.toString();
    }

    // ------------------------------------------------------------------ Kubernetes

    private static final YAMLMapper K8S_YAML = new YAMLMapper(new YAMLFactory()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES));

    private static final Pattern K8S_CLAIM = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    static Map<String, String> kubernetes(Request r) {
        if (!K8S_CLAIM.matcher(r.volumeClaim()).matches())
            throw new ScenarioException("--volume-claim " + r.volumeClaim(), 0, null, r.volumeClaim(),
                    "a Kubernetes name: lower-case letters, digits, '-' and '.', starting and ending with a letter "
                            + "or digit",
                    "not a PersistentVolumeClaim name");
        if (r.image() != null && (r.image().isBlank() || !r.image().matches("\\S+")))
            throw new ScenarioException("--image " + r.image(), 0, null, r.image(), "an image reference, e.g. "
                    + "ghcr.io/me/datacap-sim:0.1.0", "not an image reference (empty or with spaces)");
        if (!r.imageJar().startsWith("/"))
            throw new ScenarioException("--image-jar " + r.imageJar(), 0, null, r.imageJar(), "an absolute path inside "
                    + "the image", "not an absolute path");
        String name = k8sName(r.plan().name());
        int n = r.shards();
        String scenario = selfContained(r.plan());
        String image = r.image() == null ? IMAGE_PLACEHOLDER : r.image();
        String jar = quote(r.imageJar());
        String java = "exec java ${DATACAP_SIM_JAVA_OPTS:--Xss8m} -jar " + jar + " ";
        Map<String, Object> labels = map("app.kubernetes.io/name", "datacap-sim", "datacap-sim/sweep", name);

        Map<String, Object> configMap = map("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", map("name", name + "-scenario", "labels", labels),
                "data", map("scenario.yaml", scenario));
        String shardCommand = java + "sweep /etc/datacap-sim/scenario.yaml --out /out " + join(r.sweepArgs())
                + (r.sweepArgs().isEmpty() ? "" : " ") + "--shard $((JOB_COMPLETION_INDEX + 1))/" + n + " --threads "
                        + r.cpus();
        Map<String, Object> shards = job(name + "-shards", labels, image, r, shardCommand, r.cpus(), true,
                map("completionMode", "Indexed", "completions", n, "parallelism", n, "backoffLimit", n));
        String mergeCommand = "set --; for k in $(seq 1 " + n + "); do set -- \"$@\" " + quote("/out/"
                + r.plan().name())
                + "/shard-$k-of-" + n + "; done; " + java + "merge \"$@\"";
        Map<String, Object> merge = job(name + "-merge", labels, image, r, mergeCommand, 1, false,
                map("completions", 1, "parallelism", 1, "backoffLimit", 2));

        Map<String, String> files = new LinkedHashMap<>();
        files.put("shards.yaml", "# Sweep " + r.plan().name() + ": " + r.plan().runCount() + " runs in " + n
                + " shards, pod index i runs shard i+1 (written by datacap-sim sweep --emit k8s).\n"
                + yaml(configMap) + yaml(shards));
        files.put("merge.yaml", "# Joins the shards of sweep " + r.plan().name() + " into /out/" + r.plan().name()
                + " on the volume claim " + r.volumeClaim() + "; apply it once " + name + "-shards is complete.\n"
                + yaml(merge));
        files.put("submit.sh", "#!/usr/bin/env bash\n"
                + "# Runs sweep " + r.plan().name() + " on Kubernetes: applies shards.yaml, waits for its Indexed\n"
                + "# Job, then applies merge.yaml. Arguments go to every kubectl call (e.g. --namespace=sims). The\n"
                + "# image is set by sweep --emit k8s --image; the volume claim " + r.volumeClaim()
                + " (ReadWriteMany) must exist.\n"
                + "set -euo pipefail\n"
                + "dir=" + quote(r.sweepDir().resolve(Target.K8S.word()).toString()) + "\n"
                + "kubectl \"$@\" apply -f \"$dir/shards.yaml\"\n"
                + "kubectl \"$@\" wait --for=condition=complete --timeout=\"${DATACAP_K8S_WAIT:-24h}\" job/" + name
                        + "-shards\n"
                + "kubectl \"$@\" apply -f \"$dir/merge.yaml\"\n"
                + "echo \"merge job " + name + "-merge started; its tables: /out/" + r.plan().name() + " on "
                        + r.volumeClaim() + "\"\n");
        return files;
    }

    private static Map<String, Object> job(String name, Map<String, Object> labels, String image, Request r,
            String command,
                                           int cpus, boolean mountScenario, Map<String, Object> spec) {
        List<Object> mounts = new ArrayList<>(List.of(map("name", "out", "mountPath", "/out")));
        List<Object> volumes = new ArrayList<>(List.of(map("name", "out", "persistentVolumeClaim",
                map("claimName", r.volumeClaim()))));
        if (mountScenario) {
            mounts.add(map("name", "scenario", "mountPath", "/etc/datacap-sim", "readOnly", true));
            volumes.add(map("name", "scenario", "configMap", map("name", k8sName(r.plan().name()) + "-scenario")));
        }
        String memory = cpus * K8S_GIB_PER_CPU + "Gi";
        Map<String, Object> container = map("name", "datacap-sim", "image", image,
                "command", List.of("/bin/sh", "-c", command),
                "resources", map("requests", map("cpu", String.valueOf(cpus), "memory", memory), "limits",
                        map("memory", memory)),
                "volumeMounts", mounts);
        Map<String, Object> s = new LinkedHashMap<>(spec);
        s.put("template", map("metadata", map("labels", labels),
                "spec", map("restartPolicy", "Never", "containers", List.of(container), "volumes", volumes)));
        return map("apiVersion", "batch/v1", "kind", "Job", "metadata", map("name", name, "labels", labels), "spec", s);
    }

    /**
     * The sweep's scenario as one file, every field resolved and its sweep block below, so a pod needs no other file;
     * it has the same fingerprint as the sweep, so its shards merge with shards run from the original file.
     */
    static String selfContained(SweepPlan plan) {
        String text;
        try { // as the loader reads it: no nulls, samples only for a design that samples, morris alone its own
            JsonNode sweep = K8S_YAML.readTree(ScenarioLoader.sweepYaml(plan.base().scenario()));
            withoutNulls(sweep);
            if (!plan.design().samples()) ((ObjectNode) sweep).remove("samples");
            if (plan.design() != ExperimentDesign.MORRIS)
                ((ObjectNode) sweep).remove(List.of("trajectories", "levels"));
            ObjectNode doc = K8S_YAML.createObjectNode();
            doc.set("sweep", sweep);
            text = ScenarioLoader.toYaml(plan.base().scenario())
                    + K8S_YAML.writeValueAsString(doc).replaceFirst("^---\\s*\n", "");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile("datacap-scenario", ".yaml");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            String fp = SweepPlan.of(ScenarioLoader.load(tmp)).fingerprint();
            if (!fp.equals(plan.fingerprint()))
                throw new IllegalStateException("the resolved scenario does not reload to the same sweep (fingerprint "
                        + fp + ", not " + plan.fingerprint() + ")");
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }

    private static void withoutNulls(JsonNode n) {
        if (n instanceof ObjectNode o) {
            List<String> nulls = new ArrayList<>();
            o.fields().forEachRemaining(e -> { if (e.getValue().isNull()) nulls.add(e.getKey()); });
            o.remove(nulls);
        }
        for (JsonNode c : n) withoutNulls(c);
    }

    /** A Kubernetes object name (DNS-1123 label, room left for a suffix): datacap-<sweep name>. */
    static String k8sName(String sweep) {
        String s = ("datacap-" + sweep).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-+", "-");
        if (s.length() > 48) s = s.substring(0, 48);
        return s.replaceAll("-+$", "");
    }

    private static String yaml(Object o) {
        try {
            return K8S_YAML.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    // ------------------------------------------------------------------ shell and files

    /** A word for sh: single-quoted unless it is plainly safe. */
    static String quote(String s) {
        if (!s.isEmpty() && s.matches("[A-Za-z0-9_./:=@%+,-]+")) return s;
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String join(List<String> words) {
        return String.join(" ", words.stream().map(ClusterJobs::quote).toList());
    }

    /** Writes the files into a hidden folder beside {@code dir}, then puts it in place of any earlier one. */
    private static List<Path> publish(Path dir, Map<String, String> files) throws IOException {
        Files.createDirectories(dir.getParent());
        Path tmp = dir.resolveSibling("." + dir.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        deleteTree(tmp);
        Files.createDirectories(tmp.resolve("logs"));
        List<Path> written = new ArrayList<>();
        try {
            for (var e : files.entrySet()) {
                Path f = tmp.resolve(e.getKey());
                Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
                if (e.getKey().endsWith(".sh") || e.getKey().endsWith(".sbatch"))
                    try {
                        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
                    } catch (UnsupportedOperationException ignored) {
                        // not a POSIX filesystem: run the scripts with bash
                    }
                written.add(dir.resolve(e.getKey()));
            }
            if (Files.exists(dir)) {
                Path logs = dir.resolve("logs");
                if (Files.isDirectory(logs)) { // keep the logs of earlier submissions
                    Files.delete(tmp.resolve("logs"));
                    Files.move(logs, tmp.resolve("logs"));
                }
                deleteTree(dir);
            }
            Files.move(tmp, dir);
        } finally {
            deleteTree(tmp);
        }
        return written;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
