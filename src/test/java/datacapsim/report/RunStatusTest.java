package datacapsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Status words are read once: a runs.csv cell that is neither complete nor failed counts with the missing. */
class RunStatusTest {
    @Test
    void everyStatusReadsBackFromItsWord() {
        for (RunStatus s : RunStatus.values()) assertEquals(Optional.of(s), RunStatus.parse(s.word()));
        assertEquals("complete", RunStatus.COMPLETE.word());
        assertEquals("failed", RunStatus.FAILED.word());
        assertEquals("missing", RunStatus.MISSING.word());
        assertEquals("running", RunStatus.RUNNING.word());
        assertTrue(RunStatus.parse("Complete").isEmpty());
    }

    @Test
    void aRunsCsvCellOtherThanCompleteOrFailedIsMissing() {
        assertEquals(RunStatus.COMPLETE, RunStatus.ofRunsCsv("complete"));
        assertEquals(RunStatus.FAILED, RunStatus.ofRunsCsv("failed"));
        for (String cell : new String[] {"missing", "running", "", null, "weird", "Complete"})
            assertEquals(RunStatus.MISSING, RunStatus.ofRunsCsv(cell), String.valueOf(cell));
    }
}
