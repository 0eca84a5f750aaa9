package datacapsim.scenario;

/**
 * One command-line assignment {@code path=value} ({@code --set}); {@code value} is a YAML scalar, flow mapping or
 * flow list, e.g. {@code clients.count=50}, {@code chain.payout=sampled},
 * {@code clients.datasetTib={type: constant, value: 3}}, {@code clients.datasetTib.median=30}.
 *
 * @param origin how the user wrote it (e.g. "--set clients.count=50"), named by every error it causes
 */
public record Setting(String path, String value, String origin) {
    /** Parses "path=value" given to {@code --set}. */
    public static Setting parse(String assignment) {
        String origin = "--set " + assignment;
        int eq = assignment.indexOf('=');
        if (eq <= 0)
            throw new ScenarioException(origin, 0, null, assignment, "path=value, e.g. clients.count=50",
                    "an override needs the form path=value");
        return new Setting(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim(), origin);
    }
}
