package datacapsim.run;

/**
 * How to run: check the invariants after every step, write events.csv.gz, show a progress bar (only on a terminal),
 * write timeseries.csv (without it the run's probes are read once, at the end, for summary.csv: a sweep that keeps
 * only summaries skips the daily rows).
 */
public record RunOptions(boolean checkInvariants, boolean events, boolean progress, boolean timeseries) {
    public RunOptions(boolean checkInvariants, boolean events, boolean progress) {
        this(checkInvariants, events, progress, true);
    }

    public static RunOptions defaults() { return new RunOptions(false, false, false, true); }
}
