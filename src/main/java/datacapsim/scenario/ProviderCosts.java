package datacapsim.scenario;

/**
 * A provider's cost levels, each drawn once per provider (economics.md §2; defaults from CryptoEconLab's SP cost
 * calculator, CELtd/sp_cost_web, 2023 to 2025; disks from CryptoNet's 2023 notebooks). Every level is USD per raw TiB
 * per year except sealing (USD per TiB sealed). The default draws are uniform within ±25 % of the spec's default
 * (our assumption for the spread between a big operator and a small one), inside the spec's range.
 */
public record ProviderCosts(
        @Param(doc = "power and colocation (spec range 2 to 24)", unit = "USD/TiB-year", min = 0, max = 1_000)
        Dist power,
        @Param(doc = "storage hardware, amortised (spec range 4 to 20)", unit = "USD/TiB-year", min = 0, max = 1_000)
        Dist disks,
        @Param(doc = "bandwidth for honest service; one that serves no retrievals pays 0.6 (spec range 0.6 to 12)",
                unit = "USD/TiB-year", min = 0, max = 1_000) Dist bandwidth,
        @Param(doc = "staff (spec range 4 to 16)", unit = "USD/TiB-year", min = 0, max = 1_000) Dist staff,
        @Param(doc = "sealing, once per TiB sealed (spec range 0.5 to 5)", unit = "USD/TiB", min = 0, max = 1_000)
        Dist sealing,
        @Param(doc = "gas of deal sectors (committed capacity 0.1; spec range 0.1 to 5)", unit = "USD/TiB-year",
                min = 0,
                max = 1_000) Dist gas,
        @Param(doc = "an extra unsealed copy for fast retrieval (spec range 5 to 14)", unit = "USD/TiB-year", min = 0,
                max = 1_000) Dist extraCopy,
        @Param(doc = "business development for FIL+ clients (spec range 1 to 16)", unit = "USD/TiB-year", min = 0,
                max = 1_000) Dist bizdev) {

    public static ProviderCosts defaults() {
        return new ProviderCosts(around(6), around(9), around(6), around(8), around(1.3), around(2.2), around(7),
                around(8));
    }

    private static Dist around(double level) {
        return Dist.uniform(micro(level * 0.75), micro(level * 1.25));
    }

    /** Rounded to a millionth, so the defaults read as written (0.975, not 0.9750000000000001). */
    private static double micro(double x) {
        return Math.round(x * 1e6) / 1e6;
    }
}
