package datacapsim.metrics;

/** Test access to package-private helpers of {@link Probes}. */
public final class ProbesAccess {
    private ProbesAccess() {}

    public static String snake(String rule) { return Probes.snake(rule); }
}
