package datacapsim.economy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HurdleRampTest {
    @Test
    void nothingBelowTheHurdleAllAboveTheFullRoiLinearBetween() {
        HurdleRamp r = HurdleRamp.AGENTFIL;
        assertEquals(0, r.share(-0.5));
        assertEquals(0, r.share(0.10));
        assertEquals(0.5, r.share(0.20), 1e-12);
        assertEquals(0.25, r.share(0.15), 1e-12);
        assertEquals(1, r.share(0.30));
        assertEquals(1, r.share(2));
        assertThrows(IllegalArgumentException.class, () -> new HurdleRamp(0.3, 0.1));
    }
}
