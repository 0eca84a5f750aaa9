package datacapsim.report;

import datacapsim.scenario.Word;
import java.util.Optional;

/**
 * How a run stands, by the word the files write: a run's manifest.json says {@code running}, then {@code complete}
 * or {@code failed} (run's Manifest writes them, the sweep reads them, both with this enum); a sweep's runs.csv says
 * {@code complete}, {@code failed} or {@code missing} (no finished folder for the run) of each run; a sweep's
 * sweep.json says {@code running}, then {@code complete} or {@code failed} (some run failed or is missing) of the
 * whole sweep.
 */
public enum RunStatus implements Word {
    RUNNING, COMPLETE, FAILED, MISSING;

    /** The status a word names; empty for a blank, a null or a word no status has. */
    public static Optional<RunStatus> parse(String word) { return Word.find(RunStatus.class, word); }

    @Override public String toString() { return word(); }

    /**
     * A runs.csv status cell: complete or failed by its word, and anything else (missing, blank, a word no run of a
     * sweep ends with) missing: the run is not known to have ended, and is counted with the missing.
     */
    public static RunStatus ofRunsCsv(String cell) {
        RunStatus s = parse(cell).orElse(MISSING);
        return s == COMPLETE || s == FAILED ? s : MISSING;
    }
}
