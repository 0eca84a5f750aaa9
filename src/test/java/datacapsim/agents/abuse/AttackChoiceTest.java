package datacapsim.agents.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.economy.Logit;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/** The attackers' decision on hand-made payoff tables (economics.md §5). */
class AttackChoiceTest {
    private static final Logit LOGIT = new Logit(0.5, 1);

    @Test
    void theAttackIsWorthTheUncaughtGainLessTheExpectedSanctionAndTheBribe() {
        // (1 - 0.25) * 20 - 0.25 * 2 - 1 = 13.5
        assertEquals(13.5, AttackChoice.attackValue(20, 0.25, 2, 1), 1e-12);
        assertEquals(20, AttackChoice.attackValue(20, 0, 7, 0), 1e-12);
        assertEquals(-7, AttackChoice.attackValue(20, 1, 7, 0), 1e-12);
    }

    @Test
    void aValuableAttackIsChosenAndADominatingSanctionKeepsAttackersOut() {
        double paying = AttackChoice.attackValue(20, 0.1, 1.3, 0);        // 16.87
        double deterred = AttackChoice.attackValue(20, 0.95, 50, 0);      // 1 - 47.5 = -46.5
        MersenneTwister rng = new MersenneTwister(42);
        int attacks = 0;
        int stays = 0;
        for (int i = 0; i < 1000; i++) {
            if (AttackChoice.decide(LOGIT, paying, rng).chosen() == 0) attacks++;
            if (AttackChoice.decide(LOGIT, deterred, rng).chosen() == 1) stays++;
        }
        assertTrue(attacks >= 995, attacks + " of 1000 attack when it pays 16.87 USD/TiB-year");
        assertEquals(1000, stays, "nobody attacks when the expected sanction dominates");
        Logit.Choice c = AttackChoice.decide(LOGIT, paying, new MersenneTwister(1));
        assertEquals(AttackChoice.OPTIONS, c.options());
        assertEquals(paying, c.values()[0], 1e-12);
        assertEquals(0, c.values()[1], 0);
        assertEquals(1 / (1 + Math.exp(-0.5 * paying)), c.shares()[0], 1e-12);
    }

    @Test
    void aHigherCatchProbabilityOrLossLowersTheShareThatAttacks() {
        double prev = 1;
        for (double q : new double[] {0, 0.2, 0.5, 0.8, 1}) {
            double share = LOGIT.shares(new double[] {AttackChoice.attackValue(10, q, 5, 0), 0})[0];
            assertTrue(share < prev, "q " + q + ": share " + share);
            prev = share;
        }
        double light = LOGIT.shares(new double[] {AttackChoice.attackValue(10, 0.5, 1, 0), 0})[0];
        double heavy = LOGIT.shares(new double[] {AttackChoice.attackValue(10, 0.5, 30, 0), 0})[0];
        assertTrue(heavy < light);
    }

    @Test
    void auditsCompoundOverAYearOfReviews() {
        AttackChoice.Terms t = new AttackChoice.Terms(0.1, 30, 0.8, 0.15, 1.5, 0, Map.of());
        assertEquals(1 - Math.pow(0.9, 365 / 30.0), t.auditCatchPerYear(), 1e-12);
        assertEquals(0, new AttackChoice.Terms(0, 30, 0.8, 0.15, 1.5, 0, Map.of()).auditCatchPerYear(), 0);
    }
}
