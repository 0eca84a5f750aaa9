package datacapsim.report;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ChartSamplingTest {
    @Test
    void shortSeriesKeepEveryRow() {
        assertArrayEquals(new int[] {0, 1, 2, 3}, ChartRenderer.sampled(4));
        assertEquals(ChartRenderer.MAX_POINTS + 1, ChartRenderer.sampled(ChartRenderer.MAX_POINTS + 1).length);
    }

    @Test
    void longSeriesAreSampledEvenlyAndKeepTheLastRow() {
        int[] idx = ChartRenderer.sampled(1827);
        assertTrue(idx.length <= ChartRenderer.MAX_POINTS + 1, "at most MAX_POINTS + 1 points, got " + idx.length);
        assertEquals(0, idx[0]);
        assertEquals(1826, idx[idx.length - 1], "the last day is always drawn");
        for (int k = 1; k < idx.length - 1; k++) assertEquals(idx[1], idx[k] - idx[k - 1], "even stride");
        assertTrue(idx[idx.length - 1] - idx[idx.length - 2] <= idx[1]);
    }
}
