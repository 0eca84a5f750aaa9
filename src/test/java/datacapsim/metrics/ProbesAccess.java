package datacapsim.metrics;

/** Test access to package-private helpers of {@link Probes}. */
public final class ProbesAccess {
    private ProbesAccess() {}

    public static String snake(String rule) { return Probes.snake(rule); }

    /** HHI, Gini and top-10 share of holdings, as the CSV writes them. */
    public static java.util.List<String> concentration(java.util.List<Long> holdings) {
        var c = Probes.concentrationOf(holdings);
        return java.util.List.of(c.hhi(), c.gini(), c.top10());
    }

    public static long quantile(java.util.List<Long> sorted, double q) { return Probes.quantile(sorted, q); }
}
