package datacapsim.agents.sla;

import datacapsim.chain.Address;
import java.util.function.LongSupplier;

/**
 * An {@link SlaClient}'s dealings with one provider: whether its SLA is registered, the bytes still to allocate with
 * it, the allowance granted and the bytes allocated, its open allocations, how often allocations with it expired
 * unclaimed, and whether the client dropped it (moved the rest of its data elsewhere).
 */
public final class SlaEngagement {
    final Address provider;
    boolean slaRegistered;
    long toAllocate;
    long granted;
    long allocated;
    int expiryStrikes;
    int open;
    boolean dropped;
    /** The contract's claims-made count for the pair at the client's last prune (−1 before the first). */
    long claimsSeen = -1;
    /** The contract's live read of that count (null until the pair's first claim). */
    LongSupplier claimsReader;
    /** Whether that count moved at the last prune. */
    boolean claimsChanged;

    SlaEngagement(Address provider, long toAllocate) {
        this.provider = provider;
        this.toAllocate = toAllocate;
    }

    public Address provider() { return provider; }

    public boolean slaRegistered() { return slaRegistered; }

    /** Bytes still to allocate with this provider. */
    public long toAllocate() { return toAllocate; }

    public long granted() { return granted; }

    public long allocated() { return allocated; }

    public boolean dropped() { return dropped; }

    /** Its allocations not yet claimed (nor removed). */
    public int openAllocations() { return open; }
}
