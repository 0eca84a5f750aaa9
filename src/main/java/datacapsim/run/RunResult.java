package datacapsim.run;

import java.nio.file.Path;

/** Where a finished run's files are, how many daily rows it wrote, and how long it took. */
public record RunResult(Path dir, long rows, double wallSeconds) {}
