package datacapsim.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.univocity.parsers.csv.CsvParser;
import datacapsim.report.RunStatus;
import datacapsim.run.BuildInfo;
import datacapsim.scenario.ExperimentDesign;
import datacapsim.scenario.Word;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Joins the folders of a sharded sweep ({@code --shard k/n}) into one runs.csv, points.csv, sweep.json, report and
 * (for sobol and morris) sensitivity.csv, equal to what the unsharded sweep writes. Runs are taken in plan order from the shard that owns them (run i belongs
 * to shard (i mod n) + 1), streaming, so memory does not grow with the number of runs; a run whose shard is not given
 * or did not finish it is listed as missing.
 *
 * <p>The shards' runs must come from one git commit (their sweep.json's {@code run_commits}, or {@code git_commit} for
 * a shard written before that field), unless {@code allowOtherCommit}: the merged sweep.json's {@code run_commits} then
 * counts the runs of each commit. Its {@code tool_version}, {@code git_commit} and {@code git_dirty} are the merging
 * build's.
 */
public final class SweepMerge {
    private SweepMerge() {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Thrown for shard folders that cannot be merged (exit code 2). */
    public static final class MergeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MergeException(String message) { super(message, null, false, false); }
    }

    public record Result(Path dir, long runs, SweepFiles.Counts counts) {}

    /** The default output folder: the folder the shard folders share, if they share one. */
    public static Path defaultOut(List<Path> shardDirs) {
        Path parent = shardDirs.get(0).toAbsolutePath().normalize().getParent();
        for (Path d : shardDirs)
            if (!d.toAbsolutePath().normalize().getParent().equals(parent))
                throw new MergeException("the shard folders are not in one folder; name the merged folder with --out");
        return parent;
    }

    public static Result merge(List<Path> shardDirs, Path out) throws IOException { return merge(shardDirs, out, false); }

    /** Merges the shard folders into {@code out}; see the class comment for {@code allowOtherCommit}. */
    public static Result merge(List<Path> shardDirs, Path out, boolean allowOtherCommit) throws IOException {
        if (shardDirs.isEmpty()) throw new MergeException("merge needs at least one shard folder");
        List<JsonNode> sweeps = new ArrayList<>();
        for (Path d : shardDirs) {
            Path f = d.resolve("sweep.json");
            if (!Files.isRegularFile(f)) throw new MergeException(d + ": no sweep.json: not a sweep folder");
            if (!Files.isRegularFile(d.resolve("runs.csv")))
                throw new MergeException(d + ": no runs.csv: the shard has not finished (rerun its sweep command to complete it)");
            JsonNode j;
            try {
                j = JSON.readTree(f.toFile());
            } catch (IOException e) {
                throw new MergeException(f + " is not valid JSON: " + e.getMessage().split("\n")[0]);
            }
            if (j == null || !j.isObject() || !j.path("fingerprint").isTextual())
                throw new MergeException(f + " is not a sweep's sweep.json (it has no fingerprint)");
            sweeps.add(j);
        }
        JsonNode first = sweeps.get(0);
        String fingerprint = first.path("fingerprint").asText();
        int n = shardCount(first, shardDirs.get(0));
        Map<Integer, Path> byShard = new HashMap<>();
        for (int i = 0; i < sweeps.size(); i++) {
            JsonNode s = sweeps.get(i);
            if (!fingerprint.equals(s.path("fingerprint").asText()))
                throw new MergeException(shardDirs.get(i) + " is a shard of another sweep (its scenario or sweep block differs from "
                        + shardDirs.get(0) + ")");
            if (shardCount(s, shardDirs.get(i)) != n)
                throw new MergeException(shardDirs.get(i) + " was cut into " + shardCount(s, shardDirs.get(i)) + " shards, "
                        + shardDirs.get(0) + " into " + n);
            int k = shardIndex(s);
            if (byShard.put(k, shardDirs.get(i)) != null) throw new MergeException("shard " + k + "/" + n + " is given twice");
        }
        Map<String, Long> commits = new TreeMap<>();
        Map<String, Path> commitShard = new TreeMap<>();
        for (int i = 0; i < sweeps.size(); i++) {
            for (var e : runCommits(sweeps.get(i)).entrySet()) {
                commits.merge(e.getKey(), e.getValue(), Long::sum);
                commitShard.putIfAbsent(e.getKey(), shardDirs.get(i));
            }
        }
        if (commits.size() > 1 && !allowOtherCommit) {
            List<String> parts = new ArrayList<>();
            for (var e : commits.entrySet())
                parts.add(e.getValue() + " runs made by commit " + e.getKey() + " (in " + commitShard.get(e.getKey()) + ")");
            throw new MergeException("the shards hold runs of more than one git commit: " + String.join(", ", parts)
                    + "; rerun the shards with one build, or --allow-other-commit to merge them (the merged sweep.json's "
                    + "run_commits then counts the runs of each commit)");
        }
        Files.createDirectories(out);
        for (Path d : shardDirs)
            if (d.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize()))
                throw new MergeException("the merged folder cannot be one of the shard folders (" + d + ")");

        // the plan and the factor columns are the same in every shard
        Path planCsv = shardDirs.get(0).resolve("plan.csv");
        List<String> planHeader = SweepFiles.readHeader(planCsv);
        List<String> factorPaths = planHeader.subList(SweepFiles.RUN_ID_COLUMNS.size(), planHeader.size());
        int firstOutcome = planHeader.size() + SweepFiles.STATUS_COLUMNS.size();
        Set<String> seen = new LinkedHashSet<>();
        for (Path d : byShard.values()) {
            List<String> h = SweepFiles.readHeader(d.resolve("runs.csv"));
            if (!h.subList(0, Math.min(h.size(), planHeader.size())).equals(planHeader))
                throw new MergeException(d + "/runs.csv does not have the plan's columns " + planHeader);
            seen.addAll(h.subList(firstOutcome, h.size()));
        }
        List<String> outcomes = SweepFiles.canonicalOutcomes(seen);
        List<String> header = new ArrayList<>(planHeader);
        header.addAll(SweepFiles.STATUS_COLUMNS);
        header.addAll(outcomes);

        Map<Integer, Shard> readers = new HashMap<>();
        long[] c = new long[3];
        long[] runs = new long[1];
        try (Reader planReader = Files.newBufferedReader(planCsv, StandardCharsets.UTF_8)) {
            for (var e : byShard.entrySet()) readers.put(e.getKey(), new Shard(e.getValue()));
            CsvParser plan = SweepFiles.parser();
            plan.beginParsing(planReader);
            plan.parseNext();
            SweepFiles.atomicCsv(out.resolve("runs.csv"), header, w -> {
                long i = 0;
                for (String[] p; (p = plan.parseNext()) != null; i++) {
                    runs[0]++;
                    int k = (int) (i % n) + 1;
                    Shard s = readers.get(k);
                    String[] row = s == null ? null : s.next();
                    if (row != null && !row[0].equals(p[0]))
                        throw new MergeException(s.dir + "/runs.csv: expected run " + p[0] + " next, found " + row[0]);
                    List<String> outRow = new ArrayList<>();
                    for (int j = 0; j < planHeader.size(); j++) outRow.add(j < p.length && p[j] != null ? p[j] : "");
                    if (row == null) {
                        c[2]++;
                        outRow.add(RunStatus.MISSING.word());
                        outRow.add("");
                        for (int j = 0; j < outcomes.size(); j++) outRow.add("");
                    } else {
                        String word = s.cell(row, "status");
                        RunStatus status = RunStatus.ofRunsCsv(word);
                        switch (status) {
                            case COMPLETE -> c[0]++;
                            case FAILED -> c[1]++;
                            case MISSING, RUNNING -> c[2]++;
                        }
                        outRow.add(word); // the shard's word as it wrote it
                        outRow.add(s.cell(row, "error"));
                        for (String o : outcomes)
                            outRow.add(status == RunStatus.COMPLETE ? SweepFiles.completeCell(o, s.cell(row, o))
                                    : s.cell(row, o));
                    }
                    w.accept(outRow);
                }
                for (Shard s : readers.values()) // checked before runs.csv is moved into place
                    if (s.next() != null) throw new MergeException(s.dir + "/runs.csv has runs the plan does not have");
            });
        } finally {
            for (Shard s : readers.values()) s.close();
        }
        SweepFiles.writePointsCsv(out.resolve("runs.csv"), out.resolve("points.csv"), factorPaths);
        var design = Word.find(ExperimentDesign.class, first.path("design").asText());
        if (design.isPresent() && design.get().sensitivity()) {
            List<String> factors = new ArrayList<>();
            for (JsonNode f : first.path("factors")) factors.add(f.path("path").asText());
            Sensitivity.write(out.resolve("points.csv"), out.resolve("sensitivity.csv"), design.get(), factors,
                    first.path("base_seed").asLong());
        }
        SweepFiles.atomicCopy(planCsv, out.resolve("plan.csv"));
        for (String f : List.of("scenario.resolved.yaml", "sweep.resolved.yaml"))
            if (Files.exists(shardDirs.get(0).resolve(f))) SweepFiles.atomicCopy(shardDirs.get(0).resolve(f), out.resolve(f));
        SweepFiles.Counts counts = new SweepFiles.Counts(c[0], c[1], c[2], new TreeMap<>(commits));
        ObjectNode merged = first.deepCopy();
        BuildInfo build = BuildInfo.current();
        merged.put("tool_version", build.version());
        merged.put("git_commit", build.commit());
        if (build.dirty() == null) merged.putNull("git_dirty");
        else merged.put("git_dirty", build.dirty());
        merged.putNull("shard");
        merged.putNull("started_at");
        merged.putNull("wall_seconds");
        merged.put("status", (c[1] + c[2] > 0 ? RunStatus.FAILED : RunStatus.COMPLETE).word());
        merged.put("runs_complete", c[0]);
        merged.put("runs_failed", c[1]);
        merged.put("runs_missing", c[2]);
        ObjectNode rc = merged.putObject("run_commits");
        for (var e : commits.entrySet()) rc.put(e.getKey(), e.getValue());
        var shards = merged.putArray("merged_from");
        for (int k = 1; k <= n; k++) if (byShard.containsKey(k)) shards.add(byShard.get(k).toString());
        SweepFiles.atomicText(out.resolve("sweep.json"), JSON.writeValueAsString(merged) + "\n");
        SweepFiles.buildReport(out);
        return new Result(out, runs[0], counts);
    }

    /**
     * How many complete runs of a shard each git commit made: its {@code run_commits}, or all its complete runs under
     * its {@code git_commit} for a sweep.json written before that field.
     */
    static Map<String, Long> runCommits(JsonNode sweep) {
        Map<String, Long> out = new TreeMap<>();
        JsonNode rc = sweep.path("run_commits");
        if (rc.isObject()) {
            for (var it = rc.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getValue().asLong() > 0) out.put(e.getKey(), e.getValue().asLong());
            }
            return out;
        }
        long complete = sweep.path("runs_complete").asLong(0);
        String commit = sweep.path("git_commit").asText("");
        if (complete > 0) out.put(commit.isBlank() ? BuildInfo.UNKNOWN : commit, complete);
        return out;
    }

    private static int shardCount(JsonNode s, Path d) { return shard(s, d).n(); }

    private static int shardIndex(JsonNode s) { return shard(s, null).k(); }

    private static SweepRunner.Shard shard(JsonNode s, Path d) {
        String text = s.path("shard").isNull() || s.path("shard").isMissingNode() ? "1/1" : s.path("shard").asText();
        try {
            return SweepRunner.Shard.parse(text);
        } catch (IllegalArgumentException e) {
            throw new MergeException((d == null ? "" : d + "/") + "sweep.json: shard '" + text + "' is not k/n");
        }
    }

    /** A shard's runs.csv read row by row. */
    private static final class Shard implements AutoCloseable {
        final Path dir;
        final Reader reader;
        final CsvParser parser;
        final Map<String, Integer> col = new HashMap<>();

        Shard(Path dir) throws IOException {
            this.dir = dir;
            this.reader = Files.newBufferedReader(dir.resolve("runs.csv"), StandardCharsets.UTF_8);
            this.parser = SweepFiles.parser();
            parser.beginParsing(reader);
            String[] h = parser.parseNext();
            for (int i = 0; i < h.length; i++) col.put(h[i], i);
        }

        String[] next() { return parser.parseNext(); }

        String cell(String[] row, String column) {
            Integer i = col.get(column);
            return i == null || i >= row.length || row[i] == null ? "" : row[i];
        }

        @Override
        public void close() {
            try {
                parser.stopParsing();
                reader.close();
            } catch (IOException ignored) {
                // closing a reader we only read
            }
        }
    }
}
