package datacapsim.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import datacapsim.scenario.ExperimentDesign;
import datacapsim.scenario.Word;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sweep folder read back: sweep.json (the design, its factors, arms and outcomes), runs.csv (one row per run) and
 * points.csv (one row per point and outcome). Values are kept as the files write them; outcome numbers are scaled for
 * display (bytes → PiB, attoFIL → FIL) when read through {@link #scale}.
 */
final class SweepReportData {
    static final String SWEEP_JSON = "sweep.json";
    static final String POINTS_CSV = "points.csv";
    static final String RUNS_CSV = "runs.csv";
    static final String SENSITIVITY_CSV = "sensitivity.csv";

    /** A swept parameter as sweep.json describes it. */
    record Factor(String path, String doc, String unit, boolean numeric, boolean log, List<String> levels, String base) {
        /** The axis label: the path and its unit. */
        String label() { return unit.isBlank() ? path : path + " (" + unit + ")"; }

        /** The last segment of the path, for compact labels. */
        String shortName() {
            int dot = path.lastIndexOf('.');
            return dot >= 0 && dot < path.length() - 1 ? path.substring(dot + 1) : path;
        }
    }

    /** One row of runs.csv. */
    record Run(int run, int point, int designPoint, String arm, int replication, String seed, RunStatus status,
               String error, Map<String, String> factorValues, Table table, int row) {
        boolean complete() { return status == RunStatus.COMPLETE; }

        /** The outcome scaled for display; NaN when blank, absent or the run is not complete. */
        double value(String outcome) {
            if (!complete()) return Double.NaN;
            return scale(outcome).apply(table.cell(row, outcome));
        }
    }

    /** One row of points.csv, its numbers scaled for display. */
    record PointStat(int point, int designPoint, String arm, Map<String, String> factorValues, String outcome, int n,
                     double mean, double sd, double ciLow, double ciHigh) {
        boolean hasMean() { return !Double.isNaN(mean); }

        boolean hasCi() { return !Double.isNaN(ciLow) && !Double.isNaN(ciHigh); }
    }

    /**
     * One row of sensitivity.csv (sobol: S1, ST; morris: mu, mu_star, sigma), its numbers as written (Sobol indices
     * are fractions of variance; Morris effects are in the outcome's own unit per whole interval of the factor).
     */
    record SensitivityIndex(String outcome, String factor, String method, String index, double value, double ciLow,
                            double ciHigh, int n) {}

    /** How an outcome is shown: its values divided by {@code divisor}, labelled with {@code unit}. */
    record Scale(BigDecimal divisor, String unit) {
        double apply(String cell) { return number(cell, divisor); }

        /** " PiB", " FIL" or "" to follow a number. */
        String suffix() { return unit.isEmpty() ? "" : " " + unit; }
    }

    static Scale scale(String outcome) {
        if (outcome.endsWith("_bytes")) return new Scale(DisplayUnits.PIB, "PiB");
        if (outcome.endsWith("_attofil")) return new Scale(DisplayUnits.FIL, "FIL");
        return new Scale(DisplayUnits.ONE, "");
    }

    final Path dir;
    final JsonNode json;
    final String name;
    final String question;
    final String description;
    /** The design's word as sweep.json writes it (shown as it is). */
    final String design;
    /** The design that word names; empty for a word this report does not know. */
    final Optional<ExperimentDesign> designOfExperiments;
    final List<Factor> factors;
    final List<String> arms;
    final List<String> outcomes;
    final List<Run> runs;
    /** points.csv rows by outcome, each list in point order. */
    final Map<String, List<PointStat>> points;
    /** sensitivity.csv rows by outcome, in file order (empty when the sweep has no sensitivity.csv). */
    final Map<String, List<SensitivityIndex>> sensitivity;

    private SweepReportData(Path dir, JsonNode json, List<Run> runs, Map<String, List<PointStat>> points, List<Factor> factors,
                            Map<String, List<SensitivityIndex>> sensitivity) {
        this.dir = dir;
        this.json = json;
        this.name = text(json, "name", dir.getFileName() == null ? "sweep" : dir.getFileName().toString());
        this.question = text(json, "question", "");
        this.description = text(json, "description", "");
        this.design = text(json, "design", "grid");
        this.designOfExperiments = Word.find(ExperimentDesign.class, design);
        this.factors = factors;
        this.arms = strings(json.get("compare"));
        this.runs = runs;
        this.points = points;
        this.sensitivity = sensitivity;
        List<String> declared = strings(json.get("outcomes"));
        if (declared.isEmpty()) declared = new ArrayList<>(points.keySet());
        this.outcomes = List.copyOf(declared);
    }

    static boolean isSweep(Path dir) { return dir != null && Files.isRegularFile(dir.resolve(SWEEP_JSON)); }

    static SweepReportData read(Path dir) {
        for (String f : List.of(SWEEP_JSON, RUNS_CSV, POINTS_CSV))
            if (!Files.isRegularFile(dir.resolve(f)))
                throw new IllegalArgumentException(dir + " has no " + f + ": not a sweep folder (a sweep holds sweep.json, runs.csv and points.csv)");
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(dir.resolve(SWEEP_JSON).toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(dir.resolve(SWEEP_JSON) + " is not valid JSON: " + e.getMessage(), e);
        }
        if (json == null || !json.isObject()) throw new IllegalArgumentException(dir.resolve(SWEEP_JSON) + " does not hold a JSON object");
        List<Factor> factors = new ArrayList<>();
        JsonNode fs = json.get("factors");
        if (fs != null && fs.isArray()) {
            for (JsonNode f : fs) {
                String path = text(f, "path", "");
                if (path.isBlank()) continue;
                String base = f.get("base") == null || f.get("base").isNull() ? null : f.get("base").asText();
                factors.add(new Factor(path, text(f, "doc", ""), text(f, "unit", ""), bool(f, "numeric", false), bool(f, "log", false),
                        strings(f.get("levels")), base));
            }
        }
        Table runsT = Table.read(dir.resolve(RUNS_CSV));
        Table pointsT = Table.read(dir.resolve(POINTS_CSV));
        for (String col : List.of("run", "point", "design_point", "status"))
            if (!runsT.has(col)) throw new IllegalArgumentException(dir.resolve(RUNS_CSV) + " has no column '" + col + "'");
        for (String col : List.of("point", "outcome", "mean"))
            if (!pointsT.has(col)) throw new IllegalArgumentException(dir.resolve(POINTS_CSV) + " has no column '" + col + "'");

        List<Run> runs = new ArrayList<>();
        for (int r = 0; r < runsT.rows.size(); r++) {
            Map<String, String> fv = new LinkedHashMap<>();
            for (Factor f : factors) fv.put(f.path(), runsT.cell(r, f.path()));
            runs.add(new Run(integer(runsT.cell(r, "run"), r), integer(runsT.cell(r, "point"), -1),
                    integer(runsT.cell(r, "design_point"), integer(runsT.cell(r, "point"), -1)), runsT.cell(r, "compare"),
                    integer(runsT.cell(r, "replication"), 0), runsT.cell(r, "seed"), RunStatus.ofRunsCsv(runsT.cell(r, "status")), runsT.cell(r, "error"),
                    Collections.unmodifiableMap(fv), runsT, r));
        }

        Map<String, List<PointStat>> points = new LinkedHashMap<>();
        for (int r = 0; r < pointsT.rows.size(); r++) {
            String outcome = pointsT.cell(r, "outcome");
            Scale s = scale(outcome);
            Map<String, String> fv = new LinkedHashMap<>();
            for (Factor f : factors) fv.put(f.path(), pointsT.cell(r, f.path()));
            int point = integer(pointsT.cell(r, "point"), r);
            points.computeIfAbsent(outcome, k -> new ArrayList<>()).add(new PointStat(point,
                    integer(pointsT.cell(r, "design_point"), point), pointsT.cell(r, "compare"), Collections.unmodifiableMap(fv), outcome,
                    integer(pointsT.cell(r, "n"), 0), s.apply(pointsT.cell(r, "mean")), s.apply(pointsT.cell(r, "sd")),
                    s.apply(pointsT.cell(r, "ci_low")), s.apply(pointsT.cell(r, "ci_high"))));
        }
        for (List<PointStat> l : points.values()) l.sort(java.util.Comparator.comparingInt(PointStat::point));
        Map<String, List<SensitivityIndex>> sensitivity = new LinkedHashMap<>();
        if (Files.isRegularFile(dir.resolve(SENSITIVITY_CSV))) {
            Table t = Table.read(dir.resolve(SENSITIVITY_CSV));
            for (String col : List.of("outcome", "factor", "method", "index", "value", "ci_low", "ci_high", "n"))
                if (!t.has(col)) throw new IllegalArgumentException(dir.resolve(SENSITIVITY_CSV) + " has no column '" + col + "'");
            for (int r = 0; r < t.rows.size(); r++)
                sensitivity.computeIfAbsent(t.cell(r, "outcome"), k -> new ArrayList<>()).add(new SensitivityIndex(
                        t.cell(r, "outcome"), t.cell(r, "factor"), t.cell(r, "method"), t.cell(r, "index"),
                        parse(t.cell(r, "value")), parse(t.cell(r, "ci_low")), parse(t.cell(r, "ci_high")),
                        integer(t.cell(r, "n"), 0)));
        }
        return new SweepReportData(dir, json, List.copyOf(runs), points, List.copyOf(factors), sensitivity);
    }

    /** The arms to iterate: the compared arms, or one unnamed arm when the sweep compares nothing. */
    List<String> armsOrSingle() { return arms.isEmpty() ? List.of("") : arms; }

    boolean comparing() { return !arms.isEmpty(); }

    /** Points of one outcome in one arm (all points when the sweep compares nothing), in point order. */
    List<PointStat> points(String outcome, String arm) {
        List<PointStat> out = new ArrayList<>();
        for (PointStat p : points.getOrDefault(outcome, List.of())) if (arm.isEmpty() || arm.equals(p.arm())) out.add(p);
        return out;
    }

    /** Distinct design points in order, with the factor values of each (from runs.csv, or points.csv when it has no runs). */
    Map<Integer, Map<String, String>> designPoints() {
        Map<Integer, Map<String, String>> out = new java.util.TreeMap<>();
        for (Run r : runs) out.putIfAbsent(r.designPoint(), r.factorValues());
        for (List<PointStat> l : points.values()) for (PointStat p : l) out.putIfAbsent(p.designPoint(), p.factorValues());
        return out;
    }

    /** A factor's levels: those sweep.json lists, then any value the files hold that it does not (in point order). */
    List<String> levels(Factor f) {
        List<String> out = new ArrayList<>(f.levels());
        for (List<PointStat> l : points.values())
            for (PointStat p : l) {
                String v = p.factorValues().get(f.path());
                if (v != null && levelIndex(out, v) < 0) out.add(v);
            }
        return out;
    }

    /** The index of a cell's level: the same text, or else the same number ("7" and "7.0"); -1 when absent. */
    static int levelIndex(List<String> levels, String cell) {
        if (cell == null) return -1;
        String c = cell.trim();
        for (int i = 0; i < levels.size(); i++) if (levels.get(i).trim().equals(c)) return i;
        double v = parse(c);
        if (Double.isNaN(v)) return -1;
        for (int i = 0; i < levels.size(); i++) if (parse(levels.get(i).trim()) == v) return i;
        return -1;
    }

    static boolean sameLevel(String a, String b) {
        if (a == null || b == null) return false;
        return levelIndex(List.of(a), b) == 0;
    }

    static double parse(String s) {
        if (s == null || s.isBlank()) return Double.NaN;
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static double number(String cell, BigDecimal divisor) {
        if (cell == null || cell.isBlank()) return Double.NaN;
        try {
            return new BigDecimal(cell.trim()).divide(divisor, MathContext.DECIMAL64).doubleValue();
        } catch (NumberFormatException | ArithmeticException e) {
            double v = parse(cell);
            return Double.isNaN(v) ? v : v / divisor.doubleValue();
        }
    }

    private static int integer(String s, int dflt) {
        if (s == null || s.isBlank()) return dflt;
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            double d = parse(s);
            return Double.isNaN(d) ? dflt : (int) d;
        }
    }

    static String text(JsonNode n, String field, String dflt) {
        if (n == null || n.get(field) == null || n.get(field).isNull()) return dflt;
        return n.get(field).asText();
    }

    private static boolean bool(JsonNode n, String field, boolean dflt) {
        if (n == null || n.get(field) == null || n.get(field).isNull()) return dflt;
        return n.get(field).asBoolean(dflt);
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        if (arr != null && arr.isArray()) for (JsonNode e : arr) if (!e.isNull()) out.add(e.isValueNode() ? e.asText() : e.toString());
        return List.copyOf(out);
    }

    /** A CSV file with a header: cells by row and column name (blank cells as null). */
    static final class Table {
        final List<String> header;
        final List<String[]> rows;
        private final Map<String, Integer> index = new HashMap<>();

        private Table(List<String> header, List<String[]> rows) {
            this.header = header;
            this.rows = rows;
            for (int i = 0; i < header.size(); i++) index.putIfAbsent(header.get(i), i);
        }

        static Table read(Path csv) {
            CsvParserSettings settings = new CsvParserSettings();
            settings.setHeaderExtractionEnabled(true);
            settings.setLineSeparatorDetectionEnabled(true);
            settings.setMaxCharsPerColumn(-1);
            settings.setMaxColumns(100_000);
            CsvParser parser = new CsvParser(settings);
            try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                List<String[]> rows = parser.parseAll(r);
                String[] header = parser.getRecordMetadata() == null ? null : parser.getRecordMetadata().headers();
                if (header == null) throw new IllegalArgumentException(csv + " has no header row");
                List<String> h = new ArrayList<>();
                for (String c : header) h.add(c == null ? "" : c.trim());
                return new Table(List.copyOf(h), rows);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + csv, e);
            }
        }

        boolean has(String column) { return index.containsKey(column); }

        String cell(int row, String column) {
            Integer i = index.get(column);
            if (i == null) return null;
            String[] r = rows.get(row);
            return i < r.length ? r[i] : null;
        }
    }
}
