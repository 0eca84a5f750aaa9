package datacapsim.economy;

import java.util.Locale;

/**
 * A provider's cost kinds, in USD per raw TiB per year unless one-off (economics.md §2; defaults from CryptoEconLab's
 * SP cost calculator, CELtd/sp_cost_web, 2023 to 2025; disks from CryptoNet's 2023 notebooks). A decision to seal on
 * hardware already owned weighs the marginal kinds only; buying capacity weighs them all.
 */
public enum CostKind {
    /** Power and colocation. */
    POWER(6, 2, 24, true, false),
    /** Storage hardware, amortised. */
    DISKS(9, 4, 20, false, false),
    /** Bandwidth for honest service; 0.6 for a provider that serves no retrievals ({@link #NO_RETRIEVAL_BANDWIDTH}). */
    BANDWIDTH(6, 0.6, 12, true, false),
    /** Staff. */
    STAFF(8, 4, 16, false, false),
    /** Sealing: one-off, per TiB sealed. */
    SEALING(1.3, 0.5, 5, true, true),
    /** Gas per TiB-year: deal sectors 2.2, committed capacity 0.1 ({@link #CC_GAS}). */
    GAS(2.2, 0.1, 5, true, false),
    /** An extra unsealed copy for fast retrieval, needed to meet retrieval SLIs. */
    EXTRA_COPY(7, 5, 14, false, false),
    /** Business development for FIL+ clients. */
    BIZDEV(8, 1, 16, false, false);

    /** Bandwidth of a provider that serves no retrievals, USD per TiB-year. */
    public static final double NO_RETRIEVAL_BANDWIDTH = 0.6;
    /** Gas of committed-capacity sectors, USD per TiB-year. */
    public static final double CC_GAS = 0.1;

    private final double defaultUsd;
    private final double min;
    private final double max;
    private final boolean marginal;
    private final boolean oneOff;

    CostKind(double defaultUsd, double min, double max, boolean marginal, boolean oneOff) {
        this.defaultUsd = defaultUsd;
        this.min = min;
        this.max = max;
        this.marginal = marginal;
        this.oneOff = oneOff;
    }

    /** The default level, USD per raw TiB per year (per TiB sealed when {@link #oneOff()}). */
    public double defaultUsd() { return defaultUsd; }

    /** The smallest level of the spec's range. */
    public double min() { return min; }

    /** The largest level of the spec's range. */
    public double max() { return max; }

    /** Whether sealing on hardware already owned still pays it (sealing, power, bandwidth, gas). */
    public boolean marginal() { return marginal; }

    /** Paid once per TiB sealed rather than per TiB-year. */
    public boolean oneOff() { return oneOff; }

    /** The name of the cost's column, e.g. {@code sp_cost_extra_copy_usd}. */
    public String column() { return "sp_cost_" + name().toLowerCase(Locale.ROOT) + "_usd"; }
}
