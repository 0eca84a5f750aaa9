package datacapsim.agents;

import datacapsim.chain.Address;
import datacapsim.chain.AllocationRequests;
import java.util.List;

/**
 * How a client turns DataCap into allocations in one design: its own DataCap transfer to the registry, or a Client
 * Contract's transfer on its behalf (where the registry sees the contract as the client).
 */
public interface AllocationChannel {
    /** The address the registry records as the allocations' client. */
    Address registryClient(Address client);

    /** DataCap the client can spend now (bytes). */
    long spendable(Address client);

    /** Bytes the client may still allocate to {@code provider} under the channel's caps (Long.MAX_VALUE when uncapped). */
    default long headroom(Address client, Address provider) { return Long.MAX_VALUE; }

    /** Makes the allocations; returns their ids in request order. Throws ActorError when refused. */
    List<Long> allocate(Address client, long amount, AllocationRequests requests);

    /**
     * Removes the client's expired allocations among {@code ids}; returns the bytes that come back to the client as
     * spendable DataCap (zero where the DataCap lands in a contract and is credited to nobody).
     */
    long recoverExpired(Address client, List<Long> ids);
}
