package datacapsim.agents;

import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The off-chain channel through which a client tells a provider about an allocation made for it (the deal
 * negotiation that happens outside the chain). Holds only references; the chain stays the truth.
 *
 * <p>Providers that decide by payoff open a {@link Desk}: before allocating, a client asks how many allocations
 * the provider would accept (SP pull), and allocates no more. A provider without a desk accepts everything.
 *
 * <p>It also keeps the running total of FIL each account received for storage (deal payments sent through
 * {@link #pay}, and payments of other designs recorded with {@link #received}), which providers' books read.
 */
public final class DealBook {
    /**
     * A request a client made for a provider: its registry client and its id on the {@link VerifiedPath} (an allocation
     * id on the ddo path; a deal id under v1).
     */
    public record Deal(Address client, long allocationId, long data, long size) {}

    /** A provider's answer to a client: how many more one-sector allocations it accepts. */
    public interface Desk {
        /**
         * How many more allocations (one sector each) expiring at {@code expiration} the provider accepts at
         * {@code now}, with {@code queued} accepted and not yet sealed.
         */
        long acceptable(long expiration, long now, int queued);

        /** Days it expects to take, at its planned rate, to seal one more allocation after {@code queued}. */
        double daysToSeal(int queued);

        /** Its public record: the share of the allocations it took that it sealed (1 before any). */
        double reliability();
    }

    /** What a provider offers a client now: its acceptance, speed and record ({@code none()}: no desk). */
    public record Offer(double daysToSeal, double reliability) {
        static final Offer NONE = new Offer(0, 1);
    }

    private final Map<Address, Deque<Deal>> byProvider = new HashMap<>();
    private final Map<Address, Desk> desks = new HashMap<>();
    private final Map<Address, BigInteger> receivedBy = new HashMap<>();
    private BigInteger dealPayments = BigInteger.ZERO;

    /**
     * A client's deal payment: sends {@code amount} from {@code from} to {@code to} on chain (whole or nothing; throws
     * the chain's refusal) and records it.
     */
    public void pay(Chain chain, Address from, Address to, BigInteger amount) {
        chain.send(from, to, amount);
        received(to, amount);
        dealPayments = dealPayments.add(amount);
    }

    /** Records that {@code to} received {@code amount} attoFIL for storage by an applied send of another design. */
    public void received(Address to, BigInteger amount) {
        if (amount.signum() < 0) throw new IllegalArgumentException("negative payment " + amount);
        receivedBy.merge(to, amount, BigInteger::add);
    }

    /** FIL {@code to} received for storage so far (attoFIL, running total). */
    public BigInteger receivedBy(Address to) { return receivedBy.getOrDefault(to, BigInteger.ZERO); }

    /** FIL clients paid through {@link #pay} so far (attoFIL, running total). */
    public BigInteger dealPayments() { return dealPayments; }

    public void post(Address provider, Deal deal) {
        byProvider.computeIfAbsent(provider, p -> new ArrayDeque<>()).addLast(deal);
    }

    /** The provider's queue, oldest first. */
    public Deque<Deal> queue(Address provider) {
        return byProvider.computeIfAbsent(provider, p -> new ArrayDeque<>());
    }

    /** Opens {@code provider}'s desk: from now on clients ask it before allocating. */
    public void open(Address provider, Desk desk) {
        if (desks.putIfAbsent(provider, desk) != null) throw new IllegalStateException(provider + " has a desk");
    }

    /** How many allocations expiring at {@code expiration} {@code provider} accepts now (Long.MAX_VALUE: all). */
    public long acceptable(Address provider, long expiration, long now) {
        Desk d = desks.get(provider);
        if (d == null) return Long.MAX_VALUE;
        Deque<Deal> q = byProvider.get(provider);
        return Math.max(0, d.acceptable(expiration, now, q == null ? 0 : q.size()));
    }

    /** The offer of {@code provider}'s desk (a provider without one: sealing at once, no record against it). */
    public Offer offer(Address provider) {
        Desk d = desks.get(provider);
        if (d == null) return Offer.NONE;
        Deque<Deal> q = byProvider.get(provider);
        return new Offer(d.daysToSeal(q == null ? 0 : q.size()), d.reliability());
    }

    /** As {@link #acceptable}, in bytes of allocations of {@code pieceSize} (one per sector). */
    public long acceptableBytes(Address provider, long pieceSize, long expiration, long now) {
        long n = acceptable(provider, expiration, now);
        return n >= Long.MAX_VALUE / Math.max(1, pieceSize) ? Long.MAX_VALUE : n * pieceSize;
    }
}
