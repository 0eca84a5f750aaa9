package datacapsim.agents.sla;

import java.util.Locale;

/**
 * The service levels an SLA provider chooses among in behaviour mode economic (economics.md §3, service level): each
 * pays more of the retrieval costs and, through its base quality, scores better.
 */
public enum ServiceLevel {
    /** No extra unsealed copy; bandwidth of a provider that serves no retrievals (0.6 USD per raw TiB-year). */
    MINIMAL(false, false),
    /** Full bandwidth, no extra copy. */
    STANDARD(false, true),
    /** The extra unsealed copy and full bandwidth. */
    PREMIUM(true, true);

    private final boolean extraCopy;
    private final boolean fullBandwidth;

    ServiceLevel(boolean extraCopy, boolean fullBandwidth) {
        this.extraCopy = extraCopy;
        this.fullBandwidth = fullBandwidth;
    }

    /** Whether the level pays the extra unsealed copy. */
    public boolean extraCopy() { return extraCopy; }

    /** Whether the level pays full bandwidth (else {@link datacapsim.economy.CostKind#NO_RETRIEVAL_BANDWIDTH}). */
    public boolean fullBandwidth() { return fullBandwidth; }

    /** The level's word, e.g. {@code premium}. */
    public String label() { return name().toLowerCase(Locale.ROOT); }
}
