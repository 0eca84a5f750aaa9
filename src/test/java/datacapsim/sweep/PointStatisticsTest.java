package datacapsim.sweep;

import static org.junit.jupiter.api.Assertions.*;

import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

class PointStatisticsTest {
    @Test
    void handComputedInterval() {
        // 2, 4, 6, 8: mean 5, sd √(20/3) = 2.581989; t(0.975, 3) = 3.182446; half width = 3.182446 × 2.581989 / 2 = 4.108521
        PointStatistics p = PointStatistics.of(2, 4, 6, 8);
        assertEquals(4, p.n());
        assertEquals(5.0, p.mean(), 1e-12);
        assertEquals(2.581988897, p.sd(), 1e-9);
        assertEquals(5 - 4.108521, p.ciLow(), 1e-5);
        assertEquals(5 + 4.108521, p.ciHigh(), 1e-5);
    }

    @Test
    void oneReplicationHasNoInterval() {
        PointStatistics p = PointStatistics.of(3);
        assertEquals(1, p.n());
        assertEquals(3.0, p.mean());
        assertTrue(Double.isNaN(p.sd()) && Double.isNaN(p.ciLow()) && Double.isNaN(p.ciHigh()));
        assertEquals(0, PointStatistics.of().n());
    }

    @Test
    void theIntervalCoversTheTrueMeanAboutNinetyFivePercentOfTheTime() {
        MersenneTwister rng = new MersenneTwister(11);
        int covered = 0, trials = 4000;
        for (int t = 0; t < trials; t++) {
            double[] x = new double[5];
            for (int i = 0; i < x.length; i++) x[i] = 10 + 3 * rng.nextGaussian();
            PointStatistics p = PointStatistics.of(x);
            if (p.ciLow() <= 10 && 10 <= p.ciHigh()) covered++;
        }
        double rate = covered / (double) trials;
        assertEquals(0.95, rate, 0.015, "coverage " + rate);
    }
}
