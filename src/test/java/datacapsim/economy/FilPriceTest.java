package datacapsim.economy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;

class FilPriceTest {
    @Test
    void aSeriesHoldsEachStepUntilTheNext() {
        FilPrice p = new FilPrice.Series(new TreeMap<>(Map.of(0, 0.8, 30, 1.2, 90, 0.5)));
        assertEquals(0.8, p.usdOn(0));
        assertEquals(0.8, p.usdOn(29));
        assertEquals(1.2, p.usdOn(30));
        assertEquals(0.5, p.usdOn(1000));
        assertThrows(IllegalArgumentException.class, () -> new FilPrice.Series(new TreeMap<>(Map.of(5, 1.0))));
        assertThrows(IllegalArgumentException.class, () -> new FilPrice.Constant(0));
    }

    @Test
    void aGbmPathDependsOnItsSeedAloneNotOnTheOrderOfQuestions() {
        FilPrice a = new FilPrice.Gbm(0.8, 0.1, 0.9, new MersenneTwister(7));
        FilPrice b = new FilPrice.Gbm(0.8, 0.1, 0.9, new MersenneTwister(7));
        double late = a.usdOn(200);
        for (int d = 0; d <= 200; d++) b.usdOn(d);
        assertEquals(late, b.usdOn(200));
        assertEquals(0.8, a.usdOn(0));
        assertNotEquals(late, new FilPrice.Gbm(0.8, 0.1, 0.9, new MersenneTwister(8)).usdOn(200));
    }

    @Test
    void gbmDailyLogReturnsHaveTheDriftAndVolatilityAsked() {
        double mu = 0.2;
        double sigma = 0.8;
        FilPrice p = new FilPrice.Gbm(1, mu, sigma, new MersenneTwister(1));
        SummaryStatistics r = new SummaryStatistics();
        int days = 200_000;
        double prev = p.usdOn(0);
        for (int d = 1; d <= days; d++) {
            double x = p.usdOn(d);
            r.addValue(Math.log(x / prev));
            prev = x;
        }
        double dt = 1.0 / 365;
        assertEquals(sigma * Math.sqrt(dt), r.getStandardDeviation(), 0.01 * sigma * Math.sqrt(dt));
        double se = sigma * Math.sqrt(dt) / Math.sqrt(days);
        assertEquals((mu - sigma * sigma / 2) * dt, r.getMean(), 4 * se);
    }
}
