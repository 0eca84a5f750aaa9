package datacapsim.economy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Experience-weighted attraction (Camerer & Ho 1999) by hand, and its two limits. */
class EwaTest {
    @Test
    void oneUpdateByHand() {
        Ewa.State s = new Ewa.State(new double[] {4, 0});
        Ewa.DEFAULTS.update(s, new double[] {-2, 0}, 0);
        // N = 0.9 × 1 + 1 = 1.9; A0 = (0.9 × 1 × 4 + 1 × −2) / 1.9; A1 = (0.9 × 1 × 0 + 0.5 × 0) / 1.9
        assertEquals(1.9, s.experience(), 1e-12);
        assertArrayEquals(new double[] {1.6 / 1.9, 0}, s.attractions(), 1e-12);
        Ewa.DEFAULTS.update(s, new double[] {-2, 3}, 0);
        // N = 0.9 × 1.9 + 1 = 2.71; A0 = (0.9 × 1.9 × 1.6/1.9 − 2) / 2.71; A1 = (0 + 0.5 × 3) / 2.71
        assertEquals(2.71, s.experience(), 1e-12);
        assertArrayEquals(new double[] {(0.9 * 1.6 - 2) / 2.71, 1.5 / 2.71}, s.attractions(), 1e-12);
    }

    @Test
    void repeatedPayoffsConvergeToThemWhenForegoneOnesCountFully() {
        Ewa belief = new Ewa(1, 0.9, 0.9);
        Ewa.State s = new Ewa.State(new double[] {10, -10});
        for (int t = 0; t < 300; t++) belief.update(s, new double[] {-1, 2}, 0);
        assertArrayEquals(new double[] {-1, 2}, s.attractions(), 1e-9, "φ = ρ, δ = 1: a weighted mean of payoffs");
    }

    @Test
    void reinforcementIgnoresForegonePayoffs() {
        Ewa reinforcement = new Ewa(0, 0.9, 0.9);
        Ewa.State s = new Ewa.State(new double[] {1, 1});
        reinforcement.update(s, new double[] {1, 100}, 0);
        assertTrue(s.attractions()[1] < 1, "the unchosen option only decays");
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Ewa(1.5, 0.9, 0.9));
        assertThrows(IllegalArgumentException.class, () -> Ewa.DEFAULTS.update(new Ewa.State(new double[] {0}),
                new double[] {0, 1}, 0));
    }
}
