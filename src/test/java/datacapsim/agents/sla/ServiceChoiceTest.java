package datacapsim.agents.sla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.contracts.BeneficiaryPayoutRules;
import datacapsim.contracts.SlaParams;
import datacapsim.contracts.Variant;
import datacapsim.economy.Logit;
import java.util.EnumMap;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The service-level choice on a hand-made payoff table: scores of the default levels' base qualities against the
 * default SLA, the retained shares of the default bands, each level's value, and the logit choice among them.
 */
class ServiceChoiceTest {
    static final SlaParams SLA = new SlaParams(1000, 90, 200, 90, 90, 90);
    static final OracleService.Levels FULL = new OracleService.Levels(200, 100, 1000, 100, 100);
    static final OracleService.Levels ZERO = new OracleService.Levels(5000, 0, 0, 0, 0);

    static ServiceChoice choice(double lambda, double revisionShare, BeneficiaryPayoutRules rules,
                                RandomGenerator rng) {
        Map<ServiceLevel, Double> base = new EnumMap<>(ServiceLevel.class);
        base.put(ServiceLevel.MINIMAL, 0.79);
        base.put(ServiceLevel.STANDARD, 0.8725);
        base.put(ServiceLevel.PREMIUM, 0.955);
        return new ServiceChoice(new Logit(lambda, revisionShare), 30, base, SLA, FULL, ZERO, rules, rng);
    }

    static ServiceChoice defaults(double lambda, double revisionShare, RandomGenerator rng) {
        return choice(lambda, revisionShare, BeneficiaryPayoutRules.defaults(Variant.DESIGNED), rng);
    }

    @Test
    void eachLevelScoresThroughTheSlaThresholds() {
        ServiceChoice c = defaults(0.5, 1, new MersenneTwister(1));
        // minimal 0.79: latency 1,208 ms > 1,000, retention, availability, indexing 79 < 90; bandwidth 790 and
        // stability met: 2 of 6
        assertEquals(33, c.score(0.79, 100));
        // standard 0.8725: latency 812 ms met as well, retention 87 still short: 3 of 6
        assertEquals(50, c.score(0.8725, 100));
        assertEquals(100, c.score(0.955, 100));
        assertEquals(83, c.score(0.955, 80), "stability below 90 % misses one SLI");
        assertEquals(0.1, c.retainedShare(ServiceLevel.MINIMAL, 100));
        assertEquals(0.5, c.retainedShare(ServiceLevel.STANDARD, 100));
        assertEquals(1.0, c.retainedShare(ServiceLevel.PREMIUM, 100));
    }

    @Test
    void valuesAreTheRetainedRewardLessTheServiceCosts() {
        ServiceChoice c = defaults(0.5, 1, new MersenneTwister(1));
        // reward 10 USD/TiB-year, extra copy 7, bandwidth 6: 1 − 0.6; 5 − 6; 10 − 13
        assertArrayEquals(new double[] {0.4, -1, -3}, c.values(10, 100, 7, 6), 1e-12);
        // a richer reward makes premium best: 10 − 0.6; 50 − 6; 100 − 13
        assertArrayEquals(new double[] {9.4, 44, 87}, c.values(100, 100, 7, 6), 1e-12);
        BeneficiaryPayoutRules lenient = new BeneficiaryPayoutRules(50, 80, 10_000, 10_000, 10_000,
                BeneficiaryPayoutRules.Redirect.SEND_TO_BURN_ADDRESS);
        assertArrayEquals(new double[] {9.4, 4, -3}, choice(0.5, 1, lenient, new MersenneTwister(1))
                .values(10, 100, 7, 6), 1e-12, "when every band pays in full, paying for service only costs");
    }

    @Test
    void theLogitChoosesByValue() {
        double[] table = {0.4, -1, -3};
        Logit.Choice best = defaults(1e6, 1, new MersenneTwister(5)).revise(table, ServiceLevel.PREMIUM);
        assertTrue(best.revised());
        assertEquals(ServiceLevel.MINIMAL.label(), best.chosenOption(), "a large λ picks the best level");
        ServiceChoice c = defaults(0.5, 1, new MersenneTwister(7));
        double z = Math.exp(0.5 * 0.4) + Math.exp(-0.5) + Math.exp(-1.5);
        double[] expected = {Math.exp(0.5 * 0.4) / z, Math.exp(-0.5) / z, Math.exp(-1.5) / z};
        int[] counts = new int[3];
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            Logit.Choice ch = c.revise(table, ServiceLevel.STANDARD);
            assertArrayEquals(expected, ch.shares(), 1e-12);
            counts[ch.chosen()]++;
        }
        double chi2 = 0;
        for (int k = 0; k < 3; k++) chi2 += Math.pow(counts[k] - n * expected[k], 2) / (n * expected[k]);
        assertTrue(chi2 < 13.8, "chi-square with 2 degrees of freedom below its 0.1 % point: " + chi2);
    }

    @Test
    void withoutARevisionTheLevelIsKept() {
        Logit.Choice kept = defaults(1e6, 0, new MersenneTwister(5)).revise(new double[] {0.4, -1, -3},
                ServiceLevel.PREMIUM);
        assertFalse(kept.revised());
        assertEquals(ServiceLevel.PREMIUM.ordinal(), kept.chosen());
        assertArrayEquals(new double[] {0.4, -1, -3}, kept.values(), 0, "recorded with the values it saw");
    }
}
