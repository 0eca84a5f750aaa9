package datacapsim.engine;

import java.util.List;

/** A broken conservation law: stops the run, naming the day, the invariant and the numbers. */
public final class InvariantViolation extends RuntimeException {
    private final long day;
    private final List<String> violations;

    public InvariantViolation(long day, long epoch, List<String> violations) {
        super("invariant violated on day " + day + " (epoch " + epoch + "): " + String.join("; ", violations));
        this.day = day;
        this.violations = List.copyOf(violations);
    }

    public long day() { return day; }

    public List<String> violations() { return violations; }
}
