package datacapsim.agents;

/**
 * A client that turns DataCap into allocations, honest or not, in any design: what the concentration of DataCap by
 * client is measured over. (The registry's own client of an allocation is the contract in the Client Contract
 * designs, so the agent, not the registry, knows whose data it is.)
 */
public interface DataCapClient extends Agent {
    /** Bytes this client has allocated so far (its DataCap turned into allocations), running total. */
    long allocatedBytes();
}
