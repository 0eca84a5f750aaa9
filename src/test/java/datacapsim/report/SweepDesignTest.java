package datacapsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.sweep.ExperimentDesign;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The report reads every design word the sweep writes into sweep.json, as the same design. */
class SweepDesignTest {
    @Test
    void everyDesignTheSweepWritesIsReadAsItself() {
        for (ExperimentDesign e : ExperimentDesign.values())
            assertEquals(Optional.of(SweepDesign.valueOf(e.name())), SweepDesign.parse(e.word()), e.word());
        assertEquals(ExperimentDesign.values().length, SweepDesign.values().length);
    }

    @Test
    void anUnknownWordIsNoDesign() {
        assertTrue(SweepDesign.parse("bogus").isEmpty());
        assertTrue(SweepDesign.parse(null).isEmpty());
    }
}
