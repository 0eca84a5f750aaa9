package datacapsim.economy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

class LogitTest {
    private static final List<String> OPTIONS = List.of("fil-plus", "committed-capacity", "nothing");
    private static final double[] VALUES = {3.0, 1.0, 0.0}; // USD per TiB-year

    @Test
    void lambdaZeroIsUniform() {
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, new Logit(0, 1).shares(VALUES), 1e-12);
    }

    @Test
    void aLargeLambdaIsTheBestResponse() {
        Logit best = new Logit(1e6, 1);
        assertArrayEquals(new double[] {1, 0, 0}, best.shares(VALUES), 1e-12);
        MersenneTwister rng = new MersenneTwister(3);
        for (int i = 0; i < 1000; i++) assertEquals("fil-plus", best.choose(OPTIONS, VALUES, rng).chosenOption());
    }

    @Test
    void sharesFollowExpLambdaValue() {
        double lambda = 0.5;
        double[] w = {Math.exp(1.5), Math.exp(0.5), 1};
        double sum = w[0] + w[1] + w[2];
        double[] expected = {w[0] / sum, w[1] / sum, w[2] / sum};
        assertArrayEquals(expected, new Logit(lambda, 1).shares(VALUES), 1e-12);
    }

    @Test
    void drawnChoicesMatchTheSharesByChiSquare() {
        Logit logit = new Logit(0.5, 1);
        double[] p = logit.shares(VALUES);
        long[] counts = new long[3];
        MersenneTwister rng = new MersenneTwister(11);
        int n = 20_000;
        for (int i = 0; i < n; i++) counts[logit.choose(OPTIONS, VALUES, rng).chosen()]++;
        double[] expected = {p[0] * n, p[1] * n, p[2] * n};
        double pValue = new ChiSquareTest().chiSquareTest(expected, counts);
        assertTrue(pValue > 0.001, "p = " + pValue + " for counts " + Arrays.toString(counts));
        // a wrong table is rejected by the same test: the draws are not uniform
        assertTrue(new ChiSquareTest().chiSquareTest(new double[] {n / 3.0, n / 3.0, n / 3.0}, counts) < 1e-6);
    }

    @Test
    void aRaisedValueRaisesItsShare() {
        Logit logit = new Logit(0.5, 1);
        double before = logit.shares(VALUES)[1];
        double after = logit.shares(new double[] {3.0, 2.0, 0.0})[1];
        assertTrue(after > before, after + " > " + before);
    }

    @Test
    void inertiaKeepsTheCurrentChoiceForAllButTheRevisingShare() {
        Logit logit = new Logit(1e6, 0.1);
        MersenneTwister rng = new MersenneTwister(5);
        int revised = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            Logit.Choice c = logit.revise(OPTIONS, VALUES, 2, rng);
            if (c.revised()) {
                revised++;
                assertEquals(0, c.chosen(), "a revising agent takes the best");
            } else {
                assertEquals(2, c.chosen(), "the others keep their choice");
            }
            assertArrayEquals(VALUES, c.values(), "each choice is recorded with the values it saw");
        }
        assertEquals(0.1, revised / (double) n, 0.01);
        assertFalse(new Logit(1, 0).revise(OPTIONS, VALUES, 1, rng).revised(), "a zero share never revises");
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Logit(-1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new Logit(1, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new Logit(1, 1).shares(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new Logit(1, 1).shares(new double[] {1, Double.NaN}));
    }
}
