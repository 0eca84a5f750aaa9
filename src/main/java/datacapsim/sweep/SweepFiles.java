package datacapsim.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import datacapsim.metrics.Column;
import datacapsim.metrics.Probes;
import datacapsim.report.RunStatus;
import datacapsim.report.SweepReport;
import datacapsim.run.BuildInfo;
import datacapsim.scenario.ExperimentDesign;
import datacapsim.scenario.ParameterCatalog;
import datacapsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The files of a sweep folder, each written to a temporary name and moved into place, so an interrupted sweep never
 * leaves a half-written table:
 * <ul>
 * <li>{@code sweep.json}: what the sweep is (design, factors and levels, arms, replications, seeds, fingerprint, shard),
 *     the build that wrote it ({@code tool_version}, {@code git_commit}, {@code git_dirty}), how it ended (status,
 *     counts, wall time) and {@code run_commits}: how many of the complete runs each git commit made;</li>
 * <li>{@code plan.csv}: every run of the whole sweep (not just this shard): run id, point, design point, arm,
 *     replication, seed and the factor levels;</li>
 * <li>{@code runs.csv}: the plan's columns for this shard's runs, then status, error and every outcome (the run's
 *     summary.csv values), in plan order;</li>
 * <li>{@code points.csv}: per point and outcome, n complete runs, mean, standard deviation and 95 % Student-t
 *     confidence interval of the mean;</li>
 * <li>{@code sensitivity.csv} (sobol and morris designs, {@link Sensitivity}): per outcome and factor, the indices
 *     estimated from points.csv's means, with bootstrap intervals.</li>
 * </ul>
 * Nothing in them depends on timing or thread count except sweep.json's times.
 */
public final class SweepFiles {
    private SweepFiles() {}

    /** Columns that identify a run in plan.csv and runs.csv, before the factor columns. */
    static final List<String> RUN_ID_COLUMNS = List.of("run", "point", "design_point", "compare", "replication", "seed");
    /** Columns after the factor columns in runs.csv, before the outcomes. */
    static final List<String> STATUS_COLUMNS = List.of("status", "error");
    /** summary.csv columns that are not outcomes: the run's identity and clock. */
    static final Set<String> NOT_OUTCOMES = Set.of("scenario", "design", "variant", "seed", "day", "epoch");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * How many runs are complete, failed and missing, and of the complete ones how many each git commit made (sorted
     * by commit; {@code unknown} for a build that did not know its commit).
     */
    public record Counts(long complete, long failed, long missing, SortedMap<String, Long> commits) {
        public Counts {
            commits = Collections.unmodifiableSortedMap(new TreeMap<>(commits));
        }
    }

    static List<String> factorPaths(SweepPlan plan) {
        return plan.factors().stream().map(Factor::path).toList();
    }

    /** The columns after the run id columns that every file repeats per point: the factors, then the design columns. */
    static List<String> pointColumns(SweepPlan plan) {
        List<String> out = new ArrayList<>(factorPaths(plan));
        out.addAll(plan.designColumns());
        return out;
    }

    /** Outcome columns in their canonical order: the fixed summary columns as declared, then any others sorted. */
    static List<String> canonicalOutcomes(Set<String> seen) {
        List<String> out = new ArrayList<>();
        Set<String> fixed = new LinkedHashSet<>();
        for (Column c : Probes.TIMESERIES) if (!NOT_OUTCOMES.contains(c.name())) fixed.add(c.name());
        out.addAll(fixed);
        for (String s : new TreeSet<>(seen)) if (!fixed.contains(s) && !NOT_OUTCOMES.contains(s)) out.add(s);
        return out;
    }

    // ------------------------------------------------------------------ plan.csv, sweep.json

    /** plan.csv (every run of the whole sweep) and the resolved base scenario and sweep block. */
    static void writePlan(SweepPlan plan, Path dir) throws IOException {
        List<String> header = new ArrayList<>(RUN_ID_COLUMNS);
        header.addAll(pointColumns(plan));
        atomicCsv(dir.resolve("plan.csv"), header, w -> {
            for (long i = 0; i < plan.runCount(); i++) w.accept(planRow(plan, i));
        });
        atomicText(dir.resolve("scenario.resolved.yaml"), ScenarioLoader.toYaml(plan.base().scenario()));
        atomicText(dir.resolve("sweep.resolved.yaml"), ScenarioLoader.sweepYaml(plan.base().scenario()));
    }

    static List<String> planRow(SweepPlan plan, long i) {
        int point = (int) (i / plan.replications());
        int rep = (int) (i % plan.replications());
        SweepPlan.PlannedPoint p = plan.points().get(point);
        List<String> row = new ArrayList<>(List.of(plan.runId(point, rep), String.valueOf(point), String.valueOf(p.designPoint()),
                p.arm().name(), String.valueOf(rep), String.valueOf(plan.seed(p, rep))));
        for (Factor f : plan.factors()) row.add(p.labels().get(f.path()));
        for (String c : plan.designColumns()) row.add(p.design().getOrDefault(c, ""));
        return row;
    }

    static void writeSweepJson(SweepPlan plan, Path dir, SweepRunner.Shard shard, Instant started, Double wall,
                               RunStatus status, Counts counts) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        var s = plan.base().scenario();
        m.put("name", plan.name());
        m.put("question", s.question());
        m.put("description", s.description());
        m.put("scenario_design", s.design().word());
        m.put("design", plan.design().word());
        m.put("replications", plan.replications());
        boolean sampling = plan.design().samples();
        m.put("samples", sampling ? plan.spec().samples() : null);
        boolean morris = plan.design() == ExperimentDesign.MORRIS;
        m.put("trajectories", morris ? plan.spec().trajectories() : null);
        m.put("levels", morris ? plan.spec().levels() : null);
        m.put("design_columns", plan.designColumns());
        m.put("common_random_numbers", plan.commonRandomNumbers());
        m.put("base_seed", plan.baseSeed());
        List<Map<String, Object>> factors = new ArrayList<>();
        for (Factor f : plan.factors()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            var entry = ParameterCatalog.find(f.path());
            fm.put("path", f.path());
            fm.put("doc", entry.map(ParameterCatalog.Entry::doc).orElse(""));
            fm.put("unit", entry.map(ParameterCatalog.Entry::unit).orElse(""));
            boolean numeric = f.values().isEmpty() ? (f.distribution() != null || f.min() != null)
                    : f.labels().isEmpty() && f.values().stream().allMatch(v -> v instanceof Number);
            fm.put("numeric", numeric);
            fm.put("log", f.log());
            List<String> levels = new ArrayList<>();
            if (!plan.design().continuous()) for (Object v : f.values()) levels.add(f.label(v));
            fm.put("levels", levels);
            fm.put("base", plan.design() == ExperimentDesign.ONE_AT_A_TIME && f.base() != null ? f.label(f.base()) : null);
            factors.add(fm);
        }
        m.put("factors", factors);
        m.put("compare", plan.compares() ? plan.arms().stream().map(SweepPlan.Arm::name).toList() : List.of());
        m.put("outcomes", plan.outcomes());
        m.put("points", plan.points().size());
        m.put("runs", plan.runCount());
        m.put("shard", shard.whole() ? null : shard.toString());
        m.put("fingerprint", plan.fingerprint());
        BuildInfo build = BuildInfo.current();
        m.put("tool_version", build.version());
        m.put("git_commit", build.commit());
        m.put("git_dirty", build.dirty());
        m.put("started_at", started == null ? null : started.toString());
        m.put("wall_seconds", wall == null ? null : Math.round(wall * 1000) / 1000.0);
        m.put("status", status.word());
        m.put("runs_complete", counts == null ? null : counts.complete());
        m.put("runs_failed", counts == null ? null : counts.failed());
        m.put("runs_missing", counts == null ? null : counts.missing());
        m.put("run_commits", counts == null ? null : counts.commits());
        atomicText(dir.resolve("sweep.json"), JSON.writeValueAsString(m) + "\n");
    }

    // ------------------------------------------------------------------ runs.csv

    /** runs.csv of this shard's runs, from the run folders; returns how many are complete, failed and missing. */
    static Counts writeRunsCsv(SweepPlan plan, Path dir, SweepRunner.Shard shard, java.util.function.LongFunction<String> hashOf)
            throws IOException {
        Path runs = dir.resolve("runs");
        // pass 1: the outcome columns any run has (refusal reasons appear only in runs that saw them)
        Set<String> seen = new LinkedHashSet<>();
        for (long i = 0; i < plan.runCount(); i++) {
            if (!shard.contains(i)) continue;
            Path d = runs.resolve(plan.runId(i));
            if (SweepRunner.isComplete(d, hashOf.apply(i))) seen.addAll(readHeader(d.resolve("summary.csv")));
        }
        List<String> outcomes = canonicalOutcomes(seen);
        List<String> header = new ArrayList<>(RUN_ID_COLUMNS);
        header.addAll(pointColumns(plan));
        header.addAll(STATUS_COLUMNS);
        header.addAll(outcomes);
        long[] c = new long[3];
        Map<String, Long> commits = new TreeMap<>();
        atomicCsv(dir.resolve("runs.csv"), header, w -> {
            for (long i = 0; i < plan.runCount(); i++) {
                if (!shard.contains(i)) continue;
                String id = plan.runId(i);
                String sha256 = hashOf.apply(i);
                List<String> row = planRow(plan, i);
                Path d = runs.resolve(id);
                Path failed = runs.resolve(id + ".failed");
                JsonNode manifest = SweepRunner.manifest(d);
                if (SweepRunner.isComplete(d, manifest, sha256)) {
                    c[0]++;
                    commits.merge(SweepRunner.commitOf(manifest), 1L, Long::sum);
                    row.add(RunStatus.COMPLETE.word());
                    row.add("");
                    Map<String, String> values = readSummary(d.resolve("summary.csv"));
                    for (String o : outcomes) row.add(completeCell(o, values.getOrDefault(o, "")));
                } else {
                    JsonNode m = SweepRunner.manifest(failed);
                    boolean isFailed = SweepRunner.status(m).orElse(null) == RunStatus.FAILED
                            && sha256 != null && sha256.equals(m.path("scenario_sha256").asText());
                    c[isFailed ? 1 : 2]++;
                    row.add((isFailed ? RunStatus.FAILED : RunStatus.MISSING).word());
                    row.add(isFailed ? m.path("error").asText("") : "");
                    for (int k = 0; k < outcomes.size(); k++) row.add("");
                }
                w.accept(row);
            }
        });
        return new Counts(c[0], c[1], c[2], new TreeMap<>(commits));
    }

    /**
     * An outcome of a complete run as runs.csv writes it: a {@code refused_<reason>} column exists only in runs that
     * saw that refusal, so a complete run without it refused 0 times for that reason.
     */
    static String completeCell(String outcome, String value) {
        return value.isEmpty() && outcome.startsWith("refused_") ? "0" : value;
    }

    // ------------------------------------------------------------------ points.csv

    /**
     * points.csv from runs.csv (which is in point order): per point and outcome, n, mean, sd and the 95 % t CI;
     * {@code factorPaths} are the point columns runs.csv has after the run id columns (factors, then design columns).
     */
    static void writePointsCsv(Path runsCsv, Path pointsCsv, List<String> factorPaths) throws IOException {
        try (Reader r = Files.newBufferedReader(runsCsv, StandardCharsets.UTF_8)) {
            CsvParser p = parser();
            p.beginParsing(r);
            String[] header = p.parseNext();
            Map<String, Integer> col = new HashMap<>();
            for (int i = 0; i < header.length; i++) col.put(header[i], i);
            int firstOutcome = RUN_ID_COLUMNS.size() + factorPaths.size() + STATUS_COLUMNS.size();
            List<String> outcomes = Arrays.asList(header).subList(firstOutcome, header.length);
            List<String> out = new ArrayList<>(List.of("point", "design_point", "compare"));
            out.addAll(factorPaths);
            out.addAll(List.of("outcome", "n", "mean", "sd", "ci_low", "ci_high"));
            atomicCsv(pointsCsv, out, w -> {
                List<String[]> group = new ArrayList<>();
                for (String[] row; (row = p.parseNext()) != null; ) {
                    if (!group.isEmpty() && !group.get(0)[col.get("point")].equals(row[col.get("point")])) {
                        emitPoint(group, col, factorPaths, outcomes, firstOutcome, w);
                        group.clear();
                    }
                    group.add(row);
                }
                if (!group.isEmpty()) emitPoint(group, col, factorPaths, outcomes, firstOutcome, w);
            });
        }
    }

    private static void emitPoint(List<String[]> rows, Map<String, Integer> col, List<String> factorPaths, List<String> outcomes,
                                  int firstOutcome, RowSink<List<String>> w) {
        String[] first = rows.get(0);
        for (int k = 0; k < outcomes.size(); k++) {
            List<Double> xs = new ArrayList<>();
            for (String[] r : rows) {
                if (RunStatus.ofRunsCsv(cell(r, col.get("status"))) != RunStatus.COMPLETE) continue;
                String v = cell(r, firstOutcome + k);
                if (!v.isEmpty()) xs.add(Double.parseDouble(v));
            }
            PointStatistics st = PointStatistics.of(xs.stream().mapToDouble(Double::doubleValue).toArray());
            List<String> row = new ArrayList<>(List.of(cell(first, col.get("point")), cell(first, col.get("design_point")),
                    cell(first, col.get("compare"))));
            for (String f : factorPaths) row.add(cell(first, col.get(f)));
            row.add(outcomes.get(k));
            row.add(String.valueOf(st.n()));
            row.add(num(st.mean()));
            row.add(num(st.sd()));
            row.add(num(st.ciLow()));
            row.add(num(st.ciHigh()));
            w.accept(row);
        }
    }

    /** A statistic as written: 12 significant digits, plain notation, blank when undefined. */
    static String num(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) return "";
        if (x == 0) return "0";
        return new BigDecimal(x).round(new MathContext(12)).stripTrailingZeros().toPlainString();
    }

    private static String cell(String[] row, int i) { return i < row.length && row[i] != null ? row[i] : ""; }

    // ------------------------------------------------------------------ report

    static void buildReport(Path dir) {
        SweepReport.build(dir);
    }

    // ------------------------------------------------------------------ CSV and file helpers

    interface RowSink<T> { void accept(T t); }

    interface Body { void write(RowSink<List<String>> rows) throws IOException; }

    static CsvParser parser() {
        CsvParserSettings s = new CsvParserSettings();
        s.setNullValue("");
        s.setEmptyValue("");
        s.setMaxCharsPerColumn(1 << 20);
        s.setMaxColumns(100_000);
        s.getFormat().setLineSeparator("\n");
        return new CsvParser(s);
    }

    static List<String> readHeader(Path csv) throws IOException {
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            CsvParser p = parser();
            p.beginParsing(r);
            String[] h = p.parseNext();
            p.stopParsing();
            return h == null ? List.of() : Arrays.asList(h);
        }
    }

    static Map<String, String> readSummary(Path csv) throws IOException {
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            CsvParser p = parser();
            p.beginParsing(r);
            String[] h = p.parseNext();
            String[] v = p.parseNext();
            p.stopParsing();
            Map<String, String> out = new HashMap<>();
            if (h != null && v != null) for (int i = 0; i < h.length; i++) out.put(h[i], i < v.length && v[i] != null ? v[i] : "");
            return out;
        }
    }

    private static final java.util.concurrent.atomic.AtomicLong COUNTER = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A new hidden file name beside {@code file}; created by the writer with the user's ordinary permissions (a
     * temporary-file API would make the published table owner-only).
     */
    private static Path tempBeside(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
    }

    static void atomicCsv(Path file, List<String> header, Body body) throws IOException {
        Path tmp = tempBeside(file);
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE)) {
                CsvWriterSettings settings = new CsvWriterSettings();
                settings.getFormat().setLineSeparator("\n");
                CsvWriter csv = new CsvWriter(w, settings);
                csv.writeHeaders(header);
                body.write(row -> csv.writeRow(row.toArray()));
                csv.close();
            }
            move(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void atomicText(Path file, String text) throws IOException {
        Path tmp = tempBeside(file);
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE);
            move(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Copies a file into place atomically. */
    static void atomicCopy(Path from, Path to) throws IOException {
        atomicText(to, Files.readString(from, StandardCharsets.UTF_8));
    }

}
