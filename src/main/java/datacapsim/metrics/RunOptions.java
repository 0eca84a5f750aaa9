package datacapsim.metrics;

/**
 * How to run: check the invariants after every step, write events.csv.gz, show a progress bar (only on a terminal).
 */
public record RunOptions(boolean checkInvariants, boolean events, boolean progress) {
    public static RunOptions defaults() { return new RunOptions(false, false, false); }
}
