package datacapsim.sweep;

import static org.junit.jupiter.api.Assertions.*;

import datacapsim.scenario.ExperimentDesign;
import datacapsim.scenario.Word;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DesignPointsTest {
    static final Factor A = Factor.list("clients.count", 10L, 20L, 30L);
    static final Factor B = Factor.list("chain.payout", "expected", "sampled");

    @Test
    void gridIsEveryCombinationOnceWithTheLastFactorFastest() {
        List<Point> p = DesignPoints.expand(ExperimentDesign.GRID, List.of(A, B), 0, 0);
        assertEquals(6, p.size());
        assertEquals(Map.of("clients.count", 10L, "chain.payout", "expected"), p.get(0).settings());
        assertEquals(Map.of("clients.count", 10L, "chain.payout", "sampled"), p.get(1).settings());
        assertEquals(Map.of("clients.count", 30L, "chain.payout", "sampled"), p.get(5).settings());
        Set<Map<String, Object>> distinct = new HashSet<>();
        for (Point x : p) distinct.add(x.settings());
        assertEquals(6, distinct.size());
        for (int i = 0; i < p.size(); i++) assertEquals(i, p.get(i).index());
    }

    @Test
    void zipPairsTheIthLevelsAndRefusesUnequalLengths() {
        Factor c = Factor.list("clients.replicas", 1L, 2L, 3L);
        List<Point> p = DesignPoints.expand(ExperimentDesign.ZIP, List.of(A, c), 0, 0);
        assertEquals(3, p.size());
        assertEquals(Map.of("clients.count", 20L, "clients.replicas", 2L), p.get(1).settings());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DesignPoints.expand(ExperimentDesign.ZIP, List.of(A, B), 0, 0));
        assertTrue(e.getMessage().contains("chain.payout has 2"), e.getMessage());
    }

    @Test
    void latinHypercubePutsOnePointInEveryStratumOfEveryFactor() {
        int n = 50;
        Factor x = Factor.interval("a", 0, 100, false);
        Factor y = Factor.interval("b", 1, 1000, true);
        List<Point> p = DesignPoints.expand(ExperimentDesign.LATIN_HYPERCUBE, List.of(x, y), n, 7);
        assertEquals(n, p.size());
        boolean[] seenX = new boolean[n];
        boolean[] seenY = new boolean[n];
        for (Point pt : p) {
            double a = ((Number) pt.settings().get("a")).doubleValue();
            double b = ((Number) pt.settings().get("b")).doubleValue();
            assertTrue(a >= 0 && a <= 100 && b >= 1 && b <= 1000, pt.toString());
            int sx = Math.min(n - 1, (int) (a / 100 * n));
            int sy = Math.min(n - 1, (int) (Math.log(b) / Math.log(1000) * n));
            assertFalse(seenX[sx], "stratum " + sx + " of a twice");
            assertFalse(seenY[sy], "stratum " + sy + " of b twice");
            seenX[sx] = true;
            seenY[sy] = true;
        }
        assertEquals(p, DesignPoints.expand(ExperimentDesign.LATIN_HYPERCUBE, List.of(x, y), n, 7), "same seed, same points");
        assertNotEquals(p, DesignPoints.expand(ExperimentDesign.LATIN_HYPERCUBE, List.of(x, y), n, 8), "another seed, other points");
    }

    @Test
    void sobolPointsAreWithinBoundsSkipTheCornerAndFillStrataEvenly() {
        int n = 63; // with the skipped zero point, the first 2^6 points of the sequence: one per 1/64 stratum
        Factor x = Factor.interval("a", 0, 1, false);
        Factor y = Factor.interval("b", 10, 20, false);
        List<Point> all = DesignPoints.expand(ExperimentDesign.SOBOL, List.of(x, y), n, 0);
        assertEquals(n * 4, all.size(), "Saltelli: A, AB1, AB2 and B per row");
        List<Point> p = all.stream().filter(pt -> pt.design().get("matrix").equals("A")).toList();
        assertEquals(n, p.size());
        assertNotEquals(0.0, ((Number) p.get(0).settings().get("a")).doubleValue(), "the all-zero point is skipped");
        for (int j = 0; j < n; j++) {
            Map<String, Point> row = new HashMap<>();
            for (Point pt : all) if (pt.design().get("sample").equals(String.valueOf(j))) row.put(pt.design().get("matrix"), pt);
            assertEquals(Set.of("A", "AB1", "AB2", "B"), row.keySet());
            assertEquals(row.get("B").settings().get("a"), row.get("AB1").settings().get("a"), "AB1 takes column 1 from B");
            assertEquals(row.get("A").settings().get("b"), row.get("AB1").settings().get("b"), "and the rest from A");
            assertEquals(row.get("A").settings().get("a"), row.get("AB2").settings().get("a"));
            assertEquals(row.get("B").settings().get("b"), row.get("AB2").settings().get("b"));
            if (j > 0) // the sequence's first point after zero is (½, .., ½): its A and B rows coincide
                assertNotEquals(row.get("A").settings(), row.get("B").settings(), "A and B are different columns of the sequence");
        }
        int[] strata = new int[n + 1];
        for (Point pt : p) {
            double a = ((Number) pt.settings().get("a")).doubleValue();
            double b = ((Number) pt.settings().get("b")).doubleValue();
            assertTrue(a >= 0 && a < 1 && b >= 10 && b < 20, pt.toString());
            strata[(int) (a * (n + 1))]++;
        }
        assertEquals(0, strata[0], "stratum 0 held the skipped zero point");
        for (int k = 1; k <= n; k++) assertEquals(1, strata[k], "a (0,m,s)-net puts one point in each stratum; stratum " + k);
        assertEquals(all, DesignPoints.expand(ExperimentDesign.SOBOL, List.of(x, y), n, 99), "Sobol points do not depend on the seed");
    }

    @Test
    void oneAtATimeVariesOneFactorFromTheBase() {
        Factor a = A.withBase(20L);
        Factor b = B.withBase("expected");
        List<Point> p = DesignPoints.expand(ExperimentDesign.ONE_AT_A_TIME, List.of(a, b), 0, 0);
        assertEquals(1 + 2 + 1, p.size(), "base, then the other levels of each factor");
        assertEquals(Map.of("clients.count", 20L, "chain.payout", "expected"), p.get(0).settings());
        for (Point pt : p.subList(1, p.size())) {
            int differ = 0;
            for (var e : pt.settings().entrySet()) if (!e.getValue().equals(p.get(0).settings().get(e.getKey()))) differ++;
            assertEquals(1, differ, pt.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> DesignPoints.expand(ExperimentDesign.ONE_AT_A_TIME, List.of(A), 0, 0), "needs a base");
    }

    @Test
    void rangesMakeTheirLevels() {
        assertEquals(List.of(0L, 25L, 50L, 75L, 100L), Factor.range("x", 0, 100, 25).values());
        assertEquals(List.of(0.1, 0.2, 0.3), Factor.range("x", 0.1, 0.3, 0.1).values(), "no floating-point drift");
        assertEquals(List.of(1L, 10L, 100L, 1000L), Factor.count("x", 1, 1000, 4, true).values(), "log spacing");
        assertEquals(List.of(0L, 5L, 10L), Factor.count("x", 0, 10, 3, false).values());
        assertThrows(IllegalArgumentException.class, () -> Factor.count("x", 0, 10, 3, true), "log needs start > 0");
        assertThrows(IllegalArgumentException.class, () -> Factor.range("x", 0, 10, 0));
        assertEquals(List.of("clients.count=10", "chain.payout=expected"),
                DesignPoints.expand(ExperimentDesign.GRID, List.of(A, B), 0, 0).get(0).asSetArguments());
    }

    @Test
    void designsAreNamedAsInScenarioFiles() {
        assertEquals("latin-hypercube", ExperimentDesign.LATIN_HYPERCUBE.word());
        assertEquals("one-at-a-time", ExperimentDesign.ONE_AT_A_TIME.toString());
        assertEquals(List.of("grid", "zip", "latin-hypercube", "sobol", "one-at-a-time", "morris"), Word.words(ExperimentDesign.class));
    }

    @Test
    void seedsAreDerivedFromBasePointAndReplicationAlone() {
        Set<Long> seen = new HashSet<>();
        for (int point = 0; point < 100; point++)
            for (int r = 0; r < 10; r++) {
                long s = Seeds.forRun(42, point, r, false);
                assertTrue(s >= 0);
                assertTrue(seen.add(s), "distinct seeds");
                assertEquals(s, Seeds.forRun(42, point, r, false), "rerunnable alone");
            }
        assertNotEquals(Seeds.forRun(42, 0, 0, false), Seeds.forRun(43, 0, 0, false));
        assertEquals(Seeds.forRun(42, 3, 1, true), Seeds.forRun(42, 7, 1, true), "common random numbers across points");
        assertNotEquals(Seeds.forRun(42, 3, 1, true), Seeds.forRun(42, 3, 2, true));
    }
}
