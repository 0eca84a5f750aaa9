package datacapsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.scenario.ExperimentDesign;
import datacapsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sobol and Morris indices through the sweep's own path: the plan is built from a sweep block, a known function stands
 * in for the model at every plan point, its values go into a points.csv as the sweep writes it, and sensitivity.csv
 * is written from that file by the code the sweep and merge call.
 */
class SensitivityTest {
    @TempDir
    Path dir;

    static final String BASE = "extends: " + Path.of("src/test/resources/small-direct.yaml").toAbsolutePath()
            + "\nhorizonDays: 30\n";

    SweepPlan plan(String sweepYaml) throws IOException {
        Path f = dir.resolve("sweep.yaml");
        Files.writeString(f, BASE + "sweep:\n" + sweepYaml.indent(2));
        return SweepPlan.of(ScenarioLoader.load(f));
    }

    /** Evaluates {@code model} at every point of the plan, writes points.csv as a sweep does, then sensitivity.csv. */
    Map<String, Map<String, String[]>> indices(SweepPlan plan, ToDoubleFunction<Map<String, Object>> model)
            throws IOException {
        List<String> header = new ArrayList<>(List.of("point", "design_point", "compare"));
        header.addAll(SweepFiles.pointColumns(plan));
        header.addAll(List.of("outcome", "n", "mean", "sd", "ci_low", "ci_high"));
        Path points = dir.resolve("points.csv");
        SweepFiles.atomicCsv(points, header, w -> {
            for (SweepPlan.PlannedPoint p : plan.points()) {
                List<String> row = new ArrayList<>(List.of(String.valueOf(p.index()), String.valueOf(p.designPoint()),
                        ""));
                for (Factor f : plan.factors()) row.add(p.labels().get(f.path()));
                for (String c : plan.designColumns()) row.add(p.design().get(c));
                row.addAll(List.of("y", "1", SweepFiles.num(model.applyAsDouble(p.factorSettings())), "", "", ""));
                w.accept(row);
            }
        });
        Path out = dir.resolve("sensitivity.csv");
        Sensitivity.write(points, out, plan.design(), SweepFiles.factorPaths(plan), plan.baseSeed());
        List<String> lines = Files.readAllLines(out);
        assertEquals(String.join(",", Sensitivity.COLUMNS), lines.get(0));
        Map<String, Map<String, String[]>> byFactor = new HashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",", -1);
            assertEquals(8, c.length, l);
            assertEquals("y", c[0]);
            byFactor.computeIfAbsent(c[1], k -> new HashMap<>()).put(c[3], c);
        }
        return byFactor;
    }

    static double v(String[] row, int col) { return Double.parseDouble(row[col]); }

    static double x(Map<String, Object> s, String path) { return ((Number) s.get(path)).doubleValue(); }

    /** Points.csv from design points as a plan holds them (factor values and design cells), with the model's value. */
    Map<String, Map<String, String[]>> indices(ExperimentDesign design, List<Factor> factors, List<Point> points,
                                               ToDoubleFunction<Map<String, Object>> model) throws IOException {
        List<String> paths = factors.stream().map(Factor::path).toList();
        List<String> header = new ArrayList<>(List.of("point", "design_point", "compare"));
        header.addAll(paths);
        header.addAll(DesignPoints.designColumns(design));
        header.addAll(List.of("outcome", "n", "mean", "sd", "ci_low", "ci_high"));
        Path file = dir.resolve("points.csv");
        SweepFiles.atomicCsv(file, header, w -> {
            for (Point p : points) {
                List<String> row = new ArrayList<>(List.of(String.valueOf(p.index()), String.valueOf(p.index()), ""));
                for (Factor f : factors) row.add(Factor.format(p.settings().get(f.path())));
                for (String c : DesignPoints.designColumns(design)) row.add(p.design().get(c));
                row.addAll(List.of("y", "1", SweepFiles.num(model.applyAsDouble(p.settings())), "", "", ""));
                w.accept(row);
            }
        });
        return read(file, design, paths, 20260704L);
    }

    Map<String, Map<String, String[]>> read(Path points, ExperimentDesign design, List<String> factors, long seed)
            throws IOException {
        Path out = dir.resolve("sensitivity.csv");
        Sensitivity.write(points, out, design, factors, seed);
        List<String> lines = Files.readAllLines(out);
        assertEquals(String.join(",", Sensitivity.COLUMNS), lines.get(0));
        Map<String, Map<String, String[]>> byFactor = new HashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",", -1);
            assertEquals(8, c.length, l);
            assertEquals("y", c[0]);
            byFactor.computeIfAbsent(c[1], k -> new HashMap<>()).put(c[3], c);
        }
        return byFactor;
    }

    static final String ISHIGAMI_SWEEP = """
            design: sobol
            samples: %d
            parameters:
              - {path: abuse.catchProbability, start: 0, stop: 1, count: 2}
              - {path: abuse.laxCatchProbability, start: 0, stop: 1, count: 2}
              - {path: abuse.falseRejectProbability, start: 0, stop: 1, count: 2}
            """;

    @Test
    void ishigamiIndicesMatchTheAnalyticValuesAndLieInsideTheirBootstrapIntervals() throws IOException {
        // the sweep expands its block by DesignPoints.expand over the factors it read; at a small N the plan's points
        // are exactly those, so the large-N design below is the one a sweep of this block would run
        SweepPlan small = plan(ISHIGAMI_SWEEP.formatted(16));
        assertEquals(16 * 5, small.points().size(), "N (k + 2) points");
        List<Point> same = DesignPoints.expand(ExperimentDesign.SOBOL, small.factors(), 16, 0);
        for (int i = 0; i < same.size(); i++) {
            assertEquals(same.get(i).settings(), small.points().get(i).factorSettings());
            assertEquals(same.get(i).design(), small.points().get(i).design());
        }
        // N = 4096 (20,480 points; checking each against the scenario rules would take minutes): the three factors
        // uniform on their unit intervals, mapped to [-π, π], the Ishigami function's inputs
        int n = 4096;
        List<Point> points = DesignPoints.expand(ExperimentDesign.SOBOL, small.factors(), n, 0);
        double a = 7, b = 0.1;
        String[] p = {"abuse.catchProbability", "abuse.laxCatchProbability", "abuse.falseRejectProbability"};
        var idx = indices(ExperimentDesign.SOBOL, small.factors(), points, s -> {
            double x1 = -Math.PI + 2 * Math.PI * x(s, p[0]);
            double x2 = -Math.PI + 2 * Math.PI * x(s, p[1]);
            double x3 = -Math.PI + 2 * Math.PI * x(s, p[2]);
            return Math.sin(x1) + a * Math.sin(x2) * Math.sin(x2) + b * Math.pow(x3, 4) * Math.sin(x1);
        });
        // V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2; V1 = (1 + bπ⁴/5)²/2, V2 = a²/8, V13 = b²π⁸(1/18 − 1/50)
        double v1 = Math.pow(1 + b * Math.pow(Math.PI, 4) / 5, 2) / 2, v2 = a * a / 8;
        double v13 = b * b * Math.pow(Math.PI, 8) * (1.0 / 18 - 1.0 / 50), var = v1 + v2 + v13;
        double[] s1 = {v1 / var, v2 / var, 0}, st = {(v1 + v13) / var, v2 / var, v13 / var};
        assertEquals(0.314, s1[0], 5e-4);
        assertEquals(0.442, s1[1], 5e-4);
        assertEquals(0.558, st[0], 5e-4);
        assertEquals(0.244, st[2], 5e-4);
        for (int i = 0; i < 3; i++) {
            for (String index : List.of("S1", "ST")) {
                String[] row = idx.get(p[i]).get(index);
                double want = index.equals("S1") ? s1[i] : st[i];
                assertEquals("sobol", row[2]);
                assertEquals(want, v(row, 4), 0.03, p[i] + " " + index);
                assertTrue(v(row, 5) <= want && want <= v(row, 6),
                        p[i] + " " + index + ": analytic " + want + " inside [" + row[5] + ", " + row[6] + "]");
                assertTrue(v(row, 6) - v(row, 5) < 0.2, "a usable interval: " + String.join(",", row));
                assertEquals(String.valueOf(n), row[7], "every row complete");
            }
        }
        assertTrue(v(idx.get(p[0]).get("ST"), 4) > v(idx.get(p[0]).get("S1"), 4) + 0.1, "x1 interacts with x3");
    }

    @Test
    void aFailedPointDropsItsSampleRowFromEveryMatrixAndAConstantOutcomeHasNoIndices() {
        List<String> factors = List.of("f1", "f2");
        List<Sensitivity.Observation> obs = new ArrayList<>();
        List<Sensitivity.Observation> flat = new ArrayList<>();
        for (int j = 0; j < 10; j++)
            for (String m : List.of("A", "AB1", "AB2", "B")) {
                Map<String, String> cells = Map.of("matrix", m, "sample", String.valueOf(j));
                boolean failed = j == 3 && m.equals("AB2");
                obs.add(new Sensitivity.Observation(cells, failed ? Double.NaN : j * 1.5 + m.length()));
                flat.add(new Sensitivity.Observation(cells, 42));
            }
        for (Sensitivity.Index x : Sensitivity.estimate(ExperimentDesign.SOBOL, factors, 1, "y", obs))
            assertEquals(9, x.n(), "row 3 is left out of A, B and both AB matrices: " + x);
        for (Sensitivity.Index x : Sensitivity.estimate(ExperimentDesign.SOBOL, factors, 1, "y", flat)) {
            assertTrue(Double.isNaN(x.value()), "no variance, no index: " + x);
            assertEquals(10, x.n());
        }
        assertEquals(Sensitivity.estimate(ExperimentDesign.SOBOL, factors, 1, "y", obs),
                Sensitivity.estimate(ExperimentDesign.SOBOL, factors, 1, "y", obs), "the bootstrap is seeded");
    }

    @Test
    void morrisRanksFactorsByTheirKnownEffects() throws IOException {
        SweepPlan plan = plan("""
                design: morris
                trajectories: 12
                levels: 4
                parameters:
                  - {path: abuse.catchProbability, start: 0, stop: 1, count: 2}
                  - {path: abuse.laxCatchProbability, start: 0, stop: 1, count: 2}
                  - {path: abuse.falseRejectProbability, start: 0, stop: 1, count: 2}
                  - {path: abuse.auditProbability, start: 0, stop: 1, count: 2}
                  - {path: abuse.sybilLinkProbability, start: 0, stop: 1, count: 2}
                  - {path: rootKey.verifierAllowanceTib, start: 1000, stop: 100000, count: 2, scale: log}
                """);
        assertEquals(12 * 7, plan.points().size(), "r (k + 1) points");
        String[] p = {"abuse.catchProbability", "abuse.laxCatchProbability", "abuse.falseRejectProbability",
            "abuse.auditProbability", "abuse.sybilLinkProbability", "rootKey.verifierAllowanceTib"};
        // linear 1, 2 and 4 per whole interval; a quadratic with |EE| = 8/3 on a 4-level grid; no effect; and
        // 3 per decade over two decades on a log scale: 6 per whole (log) interval
        var idx = indices(plan, s -> x(s, p[0]) + 2 * x(s, p[1]) + 4 * x(s, p[2])
                + 8 * Math.pow(x(s, p[3]) - 0.5, 2) + 3 * Math.log10(x(s, p[5])));
        double[] muStar = {1, 2, 4, 8.0 / 3, 0, 6};
        for (int i = 0; i < p.length; i++) {
            assertEquals("morris", idx.get(p[i]).get("mu_star")[2]);
            assertEquals(muStar[i], v(idx.get(p[i]).get("mu_star"), 4), 1e-6, p[i]);
            assertEquals("12", idx.get(p[i]).get("mu_star")[7], "one effect per trajectory");
        }
        for (int i : new int[] {0, 1, 2, 5}) {
            assertEquals(muStar[i], v(idx.get(p[i]).get("mu"), 4), 1e-6, "linear: μ = μ*, " + p[i]);
            assertEquals(0, v(idx.get(p[i]).get("sigma"), 4), 1e-6, "linear: σ = 0, " + p[i]);
        }
        assertTrue(v(idx.get(p[3]).get("sigma"), 4) > 1, "the quadratic's effects change sign: σ > 0");
        assertTrue(Math.abs(v(idx.get(p[3]).get("mu"), 4)) < v(idx.get(p[3]).get("mu_star"), 4),
                "μ < μ* when signs mix");
        String[] ci = idx.get(p[3]).get("mu_star");
        assertTrue(v(ci, 5) <= v(ci, 4) && v(ci, 4) <= v(ci, 6), String.join(",", ci));
    }

    @Test
    void morrisTrajectoriesStepOneFactorAtATimeByDeltaOnTheGrid() throws IOException {
        SweepPlan plan = plan("""
                design: morris
                trajectories: 5
                levels: 6
                parameters:
                  - {path: abuse.catchProbability, start: 0, stop: 1, count: 2}
                  - {path: abuse.laxCatchProbability, start: 0, stop: 1, count: 2}
                """);
        double delta = 6 / (2.0 * 5);
        List<SweepPlan.PlannedPoint> pts = plan.points();
        for (int t = 0; t < 5; t++) {
            for (int s = 1; s <= 2; s++) {
                var now = pts.get(t * 3 + s);
                var before = pts.get(t * 3 + s - 1);
                assertEquals(String.valueOf(t), now.design().get("trajectory"));
                assertEquals(String.valueOf(s), now.design().get("step"));
                String moved = now.design().get("moved");
                double d = Double.parseDouble(now.design().get("delta"));
                assertEquals(delta, Math.abs(d), 1e-9);
                for (Factor f : plan.factors()) {
                    double a = x(before.factorSettings(), f.path()), b = x(now.factorSettings(), f.path());
                    assertEquals(f.path().equals(moved) ? d : 0, b - a, 1e-9, "step " + s + " of trajectory " + t);
                    assertEquals(0, Math.abs(b * 5 - Math.rint(b * 5)), 1e-9, "on the grid {0, 1/5, .., 1}: " + b);
                }
            }
        }
    }
}
