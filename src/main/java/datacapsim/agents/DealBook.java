package datacapsim.agents;

import datacapsim.chain.Address;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The off-chain channel through which a client tells a provider about an allocation made for it (the deal
 * negotiation that happens outside the chain). Holds only references; the chain stays the truth.
 */
public final class DealBook {
    /** An allocation a client made for a provider. */
    public record Deal(Address client, long allocationId, long data, long size) {}

    private final Map<Address, Deque<Deal>> byProvider = new HashMap<>();

    public void post(Address provider, Deal deal) {
        byProvider.computeIfAbsent(provider, p -> new ArrayDeque<>()).addLast(deal);
    }

    /** The provider's queue, oldest first. */
    public Deque<Deal> queue(Address provider) {
        return byProvider.computeIfAbsent(provider, p -> new ArrayDeque<>());
    }
}
