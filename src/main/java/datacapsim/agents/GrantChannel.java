package datacapsim.agents;

import datacapsim.chain.Address;
import java.util.List;

/**
 * How an allocator turns its allowance into DataCap a client can spend, in one design: directly as a verifier, through
 * the MetaAllocator, through a Client Contract it owns, or through an OnRamp. Each call is made by the allocator
 * through contract and actor calls; a refusal throws {@link datacapsim.chain.ActorError}.
 */
public interface GrantChannel {
    /** What the allocator may still grant (bytes). */
    long remaining(Address allocator);

    /** DataCap the client holds through this channel and has not spent yet (bytes). */
    long unspent(Address client);

    /**
     * Whether the channel can grant {@code client} more at this address now (false under v1 while it is still a
     * verified client: no top-up there).
     */
    default boolean accepts(Address client) { return true; }

    /** Grants {@code amount} to the client, who will allocate to {@code providers}. */
    void grant(Address allocator, Address client, long amount, List<Address> providers);
}
