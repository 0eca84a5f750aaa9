package datacapsim.sweep;

import datacapsim.metrics.Column;
import datacapsim.metrics.Probes;
import datacapsim.run.Manifest;
import datacapsim.scenario.Dist;
import datacapsim.scenario.ExperimentDesign;
import datacapsim.scenario.Overrides;
import datacapsim.scenario.ParameterCatalog;
import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioException;
import datacapsim.scenario.ScenarioLoader;
import datacapsim.scenario.Setting;
import datacapsim.scenario.Suggestions;
import datacapsim.scenario.SweepScenario.CompareArm;
import datacapsim.scenario.SweepScenario.SweepParameter;
import datacapsim.scenario.SweepScenario;
import datacapsim.scenario.Word;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep expanded: the base scenario, the factors, the design's points crossed with the compare arms, and the
 * replications. Run {@code i} (in plan order) is point {@code i / replications}, replication {@code i % replications};
 * point {@code p} is design point {@code p / arms}, arm {@code p % arms}. Every point is checked against the scenario
 * rules when the plan is made, so a bad level fails before any run starts.
 */
public final class SweepPlan {
    /** An arm of a comparison: name and settings; a sweep without {@code compare} has one unnamed arm. */
    public record Arm(String name, Map<String, Object> settings) {}

    /**
     * A point: flat index, index of its parameter combination, arm, the factor settings and their labels, and its place
     * in a sensitivity design (column → cell; empty for the other designs).
     */
    public record PlannedPoint(int index, int designPoint, Arm arm, Map<String, Object> factorSettings, Map<String, String> labels,
                               Map<String, String> design) {}

    /** Fewest rows N of sobol's base matrices: fewer give no usable variance or bootstrap. */
    public static final int MIN_SOBOL_SAMPLES = 8;

    /** Most points (design points × arms) a sweep may have: the plan and its tables stay well within memory. */
    public static final long MAX_POINTS = 100_000;

    private final ScenarioLoader.Loaded base;
    private final SweepScenario spec;
    private final ExperimentDesign design;
    private final List<Factor> factors;
    private final List<Arm> arms;
    private final List<PlannedPoint> points;
    private final int replications;
    private final boolean crn;
    private final List<String> outcomes;
    private final String fingerprint;

    private SweepPlan(ScenarioLoader.Loaded base, SweepScenario spec, ExperimentDesign design, List<Factor> factors, List<Arm> arms,
                      List<PlannedPoint> points, List<String> outcomes) {
        this.base = base;
        this.spec = spec;
        this.design = design;
        this.factors = List.copyOf(factors);
        this.arms = List.copyOf(arms);
        this.points = List.copyOf(points);
        this.replications = spec.replications();
        this.crn = Boolean.TRUE.equals(spec.commonRandomNumbers());
        this.outcomes = List.copyOf(outcomes);
        this.fingerprint = Manifest.sha256(ScenarioLoader.toYaml(base.scenario()) + "\n---\n" + ScenarioLoader.sweepYaml(base.scenario()));
    }

    /** Expands the sweep block of a loaded (and overridden) scenario; bad sweep input throws a ScenarioException. */
    public static SweepPlan of(ScenarioLoader.Loaded loaded) {
        Scenario s = loaded.scenario();
        SweepScenario spec = s.sweep() == null ? SweepScenario.defaults() : s.sweep();
        ExperimentDesign design = spec.design();
        List<Factor> factors = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        List<SweepParameter> params = spec.parameters() == null ? List.of() : spec.parameters();
        for (int j = 0; j < params.size(); j++) {
            Factor f = factor(loaded, "sweep.parameters[" + j + "]", params.get(j), design);
            String clash = clash(f.path(), paths);
            if (clash != null)
                throw fail(loaded, "sweep.parameters[" + j + "].path", f.path(), "each field swept once",
                        clash.equals(f.path()) ? "the parameter is swept twice" : "it overlaps the swept parameter '" + clash + "' (a group and a field in it)");
            paths.add(f.path());
            factors.add(f);
        }
        if (design == ExperimentDesign.ZIP) {
            int n = factors.isEmpty() ? 0 : factors.get(0).values().size();
            for (int j = 0; j < factors.size(); j++)
                if (factors.get(j).values().size() != n)
                    throw fail(loaded, "sweep.parameters[" + j + "]", factors.get(j).path(),
                            "as many levels as the first parameter (" + n + ")",
                            "zip takes the i-th level of every parameter together; this one has " + factors.get(j).values().size());
        }
        boolean sampling = design.samples();
        checkSensitivity(loaded, spec, design, factors);
        if (!sampling && loaded.locations().containsKey("sweep.samples") && !factors.isEmpty())
            throw fail(loaded, "sweep.samples", String.valueOf(spec.samples()), "samples with design latin-hypercube or sobol",
                    "the " + design.word() + " design takes its points from the levels, not from 'samples'");
        for (int j = 0; j < params.size(); j++)
            if (design != ExperimentDesign.ONE_AT_A_TIME && params.get(j).base() != null)
                throw fail(loaded, "sweep.parameters[" + j + "].base", Factor.format(params.get(j).base()), "base with design one-at-a-time",
                        "the " + design.word() + " design has no base point");
        List<Arm> arms = arms(loaded, spec, paths);
        long designPointCount = 1; // counted before expanding, so a huge grid is refused instead of exhausting memory
        if (design == ExperimentDesign.SOBOL) designPointCount = factors.isEmpty() ? 1 : (long) spec.samples() * (factors.size() + 2);
        else if (design == ExperimentDesign.MORRIS) designPointCount = factors.isEmpty() ? 1 : (long) spec.trajectories() * (factors.size() + 1);
        else if (sampling) designPointCount = factors.isEmpty() ? 1 : spec.samples();
        else if (design == ExperimentDesign.ZIP) designPointCount = factors.isEmpty() ? 1 : factors.get(0).values().size();
        else if (design == ExperimentDesign.ONE_AT_A_TIME) for (Factor f : factors) designPointCount += f.values().size();
        else for (Factor f : factors) if ((designPointCount *= f.values().size()) > MAX_POINTS) break; // ≤ 1e5 × 1e5: no overflow
        if (designPointCount * arms.size() > MAX_POINTS)
            throw fail(loaded, "sweep.parameters", String.valueOf(designPointCount * arms.size()),
                    "at most " + String.format(java.util.Locale.ROOT, "%,d", MAX_POINTS) + " points (levels multiplied over the parameters, times the arms)",
                    "the sweep has too many points");
        List<String> outcomes = outcomes(loaded, spec);
        long lhsSeed = Seeds.mix(s.seed() ^ 0x5EEDL);
        List<Point> designPoints;
        try {
            designPoints = DesignPoints.expand(design, factors, sampling && spec.samples() != null ? spec.samples() : 0,
                    spec.trajectories() == null ? 0 : spec.trajectories(), spec.levels() == null ? 0 : spec.levels(), lhsSeed);
        } catch (IllegalArgumentException e) {
            throw fail(loaded, "sweep", design.word(), "a design its parameters can expand", e.getMessage());
        }
        List<PlannedPoint> points = new ArrayList<>();
        for (Point dp : designPoints) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (Factor f : factors) labels.put(f.path(), f.label(dp.settings().get(f.path())));
            for (Arm a : arms) points.add(new PlannedPoint(points.size(), dp.index(), a, dp.settings(), labels, dp.design()));
        }
        SweepPlan plan = new SweepPlan(loaded, spec, design, factors, arms, points, outcomes);
        for (PlannedPoint p : points) plan.check(p);
        return plan;
    }

    /**
     * The rules of the sensitivity designs: sobol needs at least {@link #MIN_SOBOL_SAMPLES} samples; morris an even
     * number of levels; trajectories and levels belong to morris alone; neither compares arms (sensitivity.csv holds one
     * index per outcome and factor: run one sweep per arm).
     */
    private static void checkSensitivity(ScenarioLoader.Loaded l, SweepScenario spec, ExperimentDesign design, List<Factor> factors) {
        if (design != ExperimentDesign.MORRIS)
            for (String key : List.of("trajectories", "levels"))
                if (l.locations().containsKey("sweep." + key) && !factors.isEmpty())
                    throw fail(l, "sweep." + key, String.valueOf(key.equals("levels") ? spec.levels() : spec.trajectories()),
                            key + " with design morris", "the " + design.word() + " design has no " + key);
        if (design == ExperimentDesign.SOBOL && spec.samples() != null && spec.samples() < MIN_SOBOL_SAMPLES && !factors.isEmpty())
            throw fail(l, "sweep.samples", String.valueOf(spec.samples()), "at least " + MIN_SOBOL_SAMPLES + " with design sobol (64 or more suits)",
                    "too few samples for Sobol indices: their variance and bootstrap intervals need more rows");
        if (design == ExperimentDesign.MORRIS && spec.levels() != null && spec.levels() % 2 != 0)
            throw fail(l, "sweep.levels", String.valueOf(spec.levels()), "an even number of levels, 2 to 1000 (e.g. 4)",
                    "with an odd number of levels the step Δ = p / (2(p − 1)) is not a whole number of grid steps");
        if (design.sensitivity() && spec.compare() != null && !spec.compare().isEmpty())
            throw fail(l, "sweep.compare", spec.compare().get(0).name(), "no compare arms with design " + design.word(),
                    "sensitivity.csv holds one set of indices per outcome; run one " + design.word() + " sweep per arm");
    }

    private static Factor factor(ScenarioLoader.Loaded l, String at, SweepParameter p, ExperimentDesign design) {
        if (p.path() == null || p.path().isBlank())
            throw fail(l, at, null, "the path of a scenario parameter, e.g. governance.onrampWindowDays", "a swept parameter needs a 'path'");
        String path = p.path().trim();
        checkSettable(l, at + ".path", path);
        boolean hasValues = p.values() != null && !p.values().isEmpty();
        boolean hasRange = p.start() != null || p.stop() != null || p.step() != null || p.count() != null;
        boolean hasDist = p.distribution() != null;
        int given = (hasValues ? 1 : 0) + (hasRange ? 1 : 0) + (hasDist ? 1 : 0);
        if (given != 1)
            throw fail(l, at, path, "exactly one of: values: [...]; start, stop and step or count; distribution: {...}",
                    given == 0 ? "the parameter has no levels" : "the parameter has more than one way of giving its levels");
        boolean log = p.scale() == SweepScenario.Scale.LOG;
        boolean whole = ParameterCatalog.find(path).map(e -> e.kind() == ParameterCatalog.Kind.WHOLE).orElse(false);
        Factor f;
        try {
            if (hasValues) {
                f = new Factor(path, p.values(), null, null, false, null);
                if (p.scale() != null) throw new IllegalArgumentException("'scale' applies to a range, not to a list of values");
            } else if (hasRange) {
                if (p.start() == null || p.stop() == null)
                    throw new IllegalArgumentException("a range needs 'start' and 'stop'");
                if ((p.step() == null) == (p.count() == null))
                    throw new IllegalArgumentException("a range needs either 'step' or 'count'");
                double a = p.start().doubleValue(), b = p.stop().doubleValue();
                if (p.step() != null) {
                    if (log) throw new IllegalArgumentException("a log range is given by 'count', not 'step'");
                    f = Factor.range(path, p.start(), p.stop(), p.step());
                } else f = Factor.count(path, a, b, p.count(), log);
                if (whole) f = wholeLevels(f);
            } else {
                f = Factor.sampled(path, p.distribution());
                if (p.scale() != null) throw new IllegalArgumentException("'scale' applies to a range, not to a distribution");
            }
        } catch (IllegalArgumentException e) {
            throw fail(l, at, path, "values: [...]; start, stop and step or count (scale linear or log); distribution: {...}",
                    e.getMessage().startsWith(path) ? e.getMessage().substring(path.length() + 2) : e.getMessage());
        }
        for (int i = 0; i < f.values().size(); i++)
            for (int k = 0; k < i; k++)
                if (Factor.sameLevel(f.values().get(i), f.values().get(k)))
                    throw fail(l, at + (hasValues ? ".values[" + i + "]" : ""), Factor.format(f.values().get(i)), "distinct levels",
                            "the level is given twice (levels " + k + " and " + i + ")");
        if (p.labels() != null && !p.labels().isEmpty()) {
            if (p.labels().size() != f.values().size())
                throw fail(l, at + ".labels", String.valueOf(p.labels().size()), "one label per level (" + f.values().size() + ")",
                        "labels and levels differ in number");
            if (new HashSet<>(p.labels()).size() != p.labels().size())
                throw fail(l, at + ".labels", String.join(", ", p.labels()), "distinct labels", "two levels have the same label");
            f = f.withLabels(p.labels());
        }
        if (hasDist && p.distribution().problem() != null)
            throw fail(l, at + ".distribution", ParameterCatalog.format(p.distribution()), "a complete distribution", p.distribution().problem());
        boolean sampling = design.samples();
        if (design == ExperimentDesign.MORRIS && (hasValues || hasDist))
            throw fail(l, at + (hasValues ? ".values" : ".distribution"), path,
                    "a range (start and stop; scale linear or log) with design morris",
                    "morris steps over a grid of the factor's interval; a " + (hasValues ? "list of values" : "distribution")
                            + " has no interval to step over");
        if (!sampling && design != ExperimentDesign.MORRIS && f.values().isEmpty())
            throw fail(l, at, path, "values: [...] or a range (start, stop, step or count)",
                    "the " + design.word() + " design needs levels; a distribution serves latin-hypercube and sobol only");
        Object base = p.base() != null ? p.base() : ParameterCatalog.read(l.scenario(), path);
        if (base instanceof Record r && !(base instanceof Dist)) base = null; // a group has no single base level
        if (base instanceof Word w) base = w.word(); // levels are words as the file writes them
        return f.withBase(base).rounded(whole);
    }

    /** The path among {@code others} equal to {@code path}, or a group containing it, or a field inside it; else null. */
    private static String clash(String path, Set<String> others) {
        for (String o : others)
            if (o.equals(path) || o.startsWith(path + ".") || path.startsWith(o + ".")) return o;
        return null;
    }

    /** A range over a whole-number field: its levels rounded, duplicates (from a narrow log range) removed. */
    private static Factor wholeLevels(Factor f) {
        List<Object> v = new ArrayList<>();
        for (Object x : f.values()) {
            long r = Math.round(((Number) x).doubleValue());
            if (!v.contains(r)) v.add(r);
        }
        return new Factor(f.path(), v, f.min(), f.max(), f.log(), null);
    }

    private static void checkSettable(ScenarioLoader.Loaded l, String at, String path) {
        var e = ParameterCatalog.find(path);
        if (e.isEmpty() || !e.get().settable()) {
            String close = ParameterCatalog.closest(path);
            throw fail(l, at, path, "a parameter path as `describe` lists it", "unknown parameter '" + path + "'"
                    + Suggestions.didYouMean(close));
        }
        if (path.equals("seed") || path.equals("name") || path.equals("sweep") || path.startsWith("sweep."))
            throw fail(l, at, path, "any parameter but seed, name and the sweep block",
                    path.equals("seed") ? "seeds come from the base seed, the point and the replication (use replications)"
                            : "'" + path + "' cannot be swept");
    }

    private static List<Arm> arms(ScenarioLoader.Loaded l, SweepScenario spec, Set<String> factorPaths) {
        List<CompareArm> compare = spec.compare() == null ? List.of() : spec.compare();
        if (compare.isEmpty()) return List.of(new Arm("", Map.of()));
        List<Arm> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < compare.size(); i++) {
            CompareArm a = compare.get(i);
            String at = "sweep.compare[" + i + "]";
            if (a.name() == null || !a.name().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}"))
                throw fail(l, at + ".name", a.name(), "a name of letters, digits, '.', '_' or '-' (at most 64)", "an arm needs a name");
            if (!names.add(a.name())) throw fail(l, at + ".name", a.name(), "distinct arm names", "two arms have the same name");
            Map<String, Object> set = a.set() == null ? Map.of() : a.set();
            for (String p : set.keySet()) {
                checkSettable(l, at + ".set", p);
                String clash = clash(p, factorPaths);
                if (clash != null)
                    throw fail(l, at + ".set", p, "a parameter the sweep does not vary",
                            "the arm sets " + (clash.equals(p) ? "a swept parameter" : "a field that overlaps the swept parameter '" + clash + "'"));
            }
            out.add(new Arm(a.name(), new LinkedHashMap<>(set)));
        }
        return out;
    }

    private static List<String> outcomes(ScenarioLoader.Loaded l, SweepScenario spec) {
        List<String> out = spec.outcomes() == null ? SweepScenario.DEFAULT_OUTCOMES : spec.outcomes();
        Set<String> known = new HashSet<>();
        for (Column c : Probes.TIMESERIES) known.add(c.name());
        for (int i = 0; i < out.size(); i++)
            if (!known.contains(out.get(i)) && !out.get(i).startsWith("refused_"))
                throw fail(l, "sweep.outcomes[" + i + "]", out.get(i), "a column of summary.csv (README lists them)",
                        "unknown outcome" + Suggestions.suggest(out.get(i), known));
        return out;
    }

    private static ScenarioException fail(ScenarioLoader.Loaded l, String at, String value, String allowed, String problem) {
        ScenarioLoader.Location loc = l.locate(at);
        return new ScenarioException(loc.file(), loc.line(), at, value, allowed, problem);
    }

    // ------------------------------------------------------------------ runs

    public ScenarioLoader.Loaded base() { return base; }
    public SweepScenario spec() { return spec; }
    public ExperimentDesign design() { return design; }
    public List<Factor> factors() { return factors; }
    public List<Arm> arms() { return arms; }
    public List<PlannedPoint> points() { return points; }
    public int replications() { return replications; }
    public boolean commonRandomNumbers() { return crn; }
    public List<String> outcomes() { return outcomes; }
    /** The columns plan.csv, runs.csv and points.csv give each point's place in a sensitivity design, after the factors. */
    public List<String> designColumns() { return factors.isEmpty() ? List.of() : DesignPoints.designColumns(design); }
    public String name() { return base.scenario().name(); }
    public long baseSeed() { return base.scenario().seed(); }
    /** SHA-256 of the resolved base scenario and the sweep block: shards of one sweep share it. */
    public String fingerprint() { return fingerprint; }
    public boolean compares() { return !arms.get(0).name().isEmpty(); }

    public long runCount() { return (long) points.size() * replications; }

    public PlannedPoint point(int index) {
        if (index < 0 || index >= points.size())
            throw new ScenarioException("--point " + index, 0, null, String.valueOf(index),
                    "0 to " + (points.size() - 1), "the sweep has " + points.size() + " points");
        return points.get(index);
    }

    /** The seed of a replication of a point: arms of one design point always share it (common random numbers). */
    public long seed(PlannedPoint p, int replication) {
        return Seeds.forRun(baseSeed(), p.designPoint(), replication, crn);
    }

    /** Run folder name, e.g. {@code p0003-r01}: sorts in plan order. */
    public String runId(int point, int replication) {
        int pw = Math.max(4, String.valueOf(points.size() - 1).length());
        int rw = Math.max(2, String.valueOf(replications - 1).length());
        return String.format(java.util.Locale.ROOT, "p%0" + pw + "d-r%0" + rw + "d", point, replication);
    }

    /** The folder name of run {@code run} in plan order (point {@code run / replications}, replication {@code run % replications}). */
    public String runId(long run) { return runId((int) (run / replications), (int) (run % replications)); }

    /** The settings of a point: its factors' levels, then its arm's settings, then the run's seed. */
    public List<Setting> settings(PlannedPoint p, int replication) {
        List<Setting> out = new ArrayList<>();
        String where = "sweep point " + p.index() + (p.arm().name().isEmpty() ? "" : " (arm " + p.arm().name() + ")");
        p.factorSettings().forEach((path, v) -> out.add(new Setting(path, Json.compact(v), where + ": " + path + "=" + Factor.format(v))));
        p.arm().settings().forEach((path, v) -> out.add(new Setting(path, Json.compact(v), where + ": " + path + "=" + Factor.format(v))));
        if (replication >= 0) {
            long seed = seed(p, replication);
            out.add(new Setting("seed", String.valueOf(seed), where + ", replication " + replication + ": seed"));
        }
        return out;
    }

    /** The scenario of one run. */
    public Scenario scenario(int point, int replication) {
        if (replication < 0 || replication >= replications)
            throw new ScenarioException("--replication " + replication, 0, null, String.valueOf(replication),
                    "0 to " + (replications - 1), "the sweep has " + replications + " replications");
        return Overrides.apply(base, settings(point(point), replication)).scenario();
    }

    /** Checks a point against the scenario rules, naming the sweep file and the line of the level at fault. */
    private void check(PlannedPoint p) {
        try {
            Overrides.apply(base, settings(p, -1));
        } catch (ScenarioException e) {
            String at = "sweep";
            List<SweepParameter> params = spec.parameters() == null ? List.of() : spec.parameters();
            for (int j = 0; j < params.size(); j++)
                if (e.path() != null && params.get(j).path() != null
                        && (e.path().equals(params.get(j).path().trim()) || e.path().startsWith(params.get(j).path().trim() + "."))) {
                    at = "sweep.parameters[" + j + "]";
                    Factor f = factors.get(j);
                    Object level = p.factorSettings().get(f.path());
                    for (int i = 0; i < f.values().size(); i++)
                        if (params.get(j).values() != null && !params.get(j).values().isEmpty() && Factor.sameLevel(f.values().get(i), level))
                            at += ".values[" + i + "]"; // the line of the level itself
                }
            if (at.equals("sweep") && !p.arm().name().isEmpty())
                at = "sweep.compare[" + arms.indexOf(p.arm()) + "]";
            ScenarioLoader.Location loc = base.locate(at);
            StringBuilder where = new StringBuilder("sweep point ").append(p.index());
            if (!p.arm().name().isEmpty()) where.append(" [arm ").append(p.arm().name()).append(']');
            if (!p.labels().isEmpty()) {
                List<String> parts = new ArrayList<>();
                p.labels().forEach((k, v) -> parts.add(k + "=" + v));
                where.append(" (").append(String.join(", ", parts)).append(')');
            }
            boolean fromSweep = e.file() != null && e.file().startsWith("sweep point");
            String origin = fromSweep || e.file() == null ? "" : " (the rule involves a field written in " + e.file()
                    + (e.line() > 0 ? ":" + e.line() : "") + ")";
            throw new ScenarioException(loc.file(), loc.line(), e.path(), e.value(), e.allowed(), where + ": " + e.problem() + origin);
        }
    }
}
