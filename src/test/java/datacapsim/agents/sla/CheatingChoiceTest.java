package datacapsim.agents.sla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.economy.Logit;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The cheating choice on a hand-made payoff table (default SLA, bands and levels of {@link ServiceChoiceTest}): a fake
 * at 0.97 over the minimal level's 0.79 scores 100 (full pay) against 33 (10 %), and a sanction's zero-quality
 * retrievability also scores 33 (bandwidth and stability stay met).
 */
class CheatingChoiceTest {
    static CheatingChoice choice(double lambda, double revisionShare, double success, int sanctionDays,
                                 RandomGenerator rng) {
        ServiceChoice service = ServiceChoiceTest.defaults(lambda, revisionShare, rng);
        return new CheatingChoice(new Logit(lambda, revisionShare), 30, service, success, 0.97, 1, sanctionDays, rng);
    }

    @Test
    void scoresOfAFakeACatchAndASanction() {
        ServiceChoice c = ServiceChoiceTest.defaults(0.5, 1, new MersenneTwister(1));
        assertEquals(100, c.score(0.97, 0.79, 100));
        assertEquals(33, c.score(0.79, 0.79, 100));
        assertEquals(33, c.score(0, 0.79, 100));
        assertEquals(16, c.score(0, 0, 100), "zero bandwidth too: only stability met");
    }

    @Test
    void theCheatIsItsGainLessTheExpectedPenalty() {
        // reward 10 USD/TiB-year; gain 10 × 1 − 0.6 = 9.4
        CheatingChoice none = choice(0.5, 1, 0.9, 0, new MersenneTwister(1));
        assertArrayEquals(new double[] {0.9, 0.1, 0}, none.roundShares(), 1e-12);
        CheatingChoice.Cheat c = none.cheat(10, 100);
        assertEquals(9.4, c.gainUsd(), 1e-12);
        // caught a tenth of the rounds, each paying 10 % instead of 100 %: 10 × 0.1 × 0.9 = 0.9
        assertEquals(0.9, c.penaltyUsd(), 1e-12);
        assertEquals(8.5, c.valueUsd(), 1e-12);
        // a 9-round sanction: cycle 1 + 9 × 0.1 = 1.9; rounds faked 0.9/1.9, caught 0.1/1.9, sanctioned 0.9/1.9
        CheatingChoice sanctioned = choice(0.5, 1, 0.9, 9, new MersenneTwister(1));
        assertEquals(9, sanctioned.sanctionRounds());
        assertArrayEquals(new double[] {0.9 / 1.9, 0.1 / 1.9, 0.9 / 1.9}, sanctioned.roundShares(), 1e-12);
        assertEquals(10 * (1.0 / 1.9) * 0.9, sanctioned.cheat(10, 100).penaltyUsd(), 1e-12);
        // a higher detection chance (success 0.5) penalises more
        assertTrue(choice(0.5, 1, 0.5, 0, new MersenneTwister(1)).cheat(10, 100).penaltyUsd() > c.penaltyUsd());
        assertEquals(1 - Math.pow(0.9, 365), none.detectionPerYear(), 1e-12);
    }

    @Test
    void aFakeNoBetterThanTheTruthGainsNothingAndRisksNothing() {
        ServiceChoice service = ServiceChoiceTest.defaults(0.5, 1, new MersenneTwister(1));
        CheatingChoice c = new CheatingChoice(new Logit(0.5, 1), 30, service, 0.9, 0.7, 1, 30, new MersenneTwister(1));
        assertEquals(10 * 0.1 - 0.6, c.cheat(10, 100).gainUsd(), 1e-12);
        assertEquals(0, c.cheat(10, 100).penaltyUsd());
    }

    @Test
    void theLogitWeighsHonestAgainstCheat() {
        // honest minimal 0.4 against cheat 8.5: at λ 0.5 the cheat's share is 1 / (1 + e^(−0.5 × 8.1))
        CheatingChoice c = choice(0.5, 1, 0.9, 0, new MersenneTwister(7));
        Logit.Choice ch = c.revise(0.4, 8.5, false);
        assertTrue(ch.revised());
        assertEquals(CheatingChoice.OPTIONS, ch.options());
        assertEquals(1 / (1 + Math.exp(-0.5 * 8.1)), ch.shares()[CheatingChoice.CHEAT], 1e-12);
        // best response (large λ): the better option
        CheatingChoice best = choice(50, 1, 0.9, 0, new MersenneTwister(7));
        assertEquals("cheat", best.revise(0.4, 8.5, false).chosenOption());
        assertEquals("honest", best.revise(3, 2, true).chosenOption());
        // inertia: no revision keeps the current option, recorded with the values it saw
        CheatingChoice still = choice(0.5, 0, 0.9, 0, new MersenneTwister(7));
        Logit.Choice kept = still.revise(0.4, 8.5, false);
        assertFalse(kept.revised());
        assertEquals("honest", kept.chosenOption());
        assertArrayEquals(new double[] {0.4, 8.5}, kept.values(), 0);
    }
}
