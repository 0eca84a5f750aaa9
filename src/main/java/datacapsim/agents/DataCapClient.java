package datacapsim.agents;

/**
 * A client that turns DataCap into allocations, honest or not, in any design: what the concentration of DataCap by
 * client is measured over. (The registry's own client of an allocation is the contract in the Client Contract
 * designs, so the agent, not the registry, knows whose data it is.)
 */
public interface DataCapClient extends Agent {
    /** Bytes this client has allocated so far (its DataCap turned into allocations), running total. */
    long allocatedBytes();

    /** An honest client (not an attacker), whose wait for storage the metrics report. */
    default boolean honest() { return false; }

    /** The epoch it applied for DataCap (for an SLA client: its arrival, when it first asks), −1 before. */
    default long applicationEpoch() { return -1; }

    /** The epoch a provider first claimed one of its allocations (its first byte stored), −1 before. */
    default long firstClaimEpoch() { return -1; }
}
