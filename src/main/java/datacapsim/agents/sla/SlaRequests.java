package datacapsim.agents.sla;

import datacapsim.agents.StepView;
import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.Miner;
import datacapsim.contracts.SLAAllocator;
import java.math.BigInteger;
import java.util.List;

/**
 * An {@link SlaClient}'s DataCap requests, one in flight at a time ({@link SlaRequest}), providers taken in turn: it
 * picks the path of the next request, pays for paid paths, and keeps what the client learnt about its paths (manual
 * attestation rejected, no-passport path missing, out of FIL).
 */
final class SlaRequests {
    final SlaClient client;
    final Address address;
    final SlaClient.Market market;
    final SlaClient.Terms terms;
    final SlaPassport passport;
    final SlaCounters counters;
    private final List<SlaEngagement> engagements;
    boolean manual;
    boolean openPathMissing;
    private boolean broke;
    private SlaRequest pending;
    private int turn;
    private long paySeq;

    SlaRequests(SlaClient client, List<SlaEngagement> engagements, SlaPassport passport, SlaCounters counters,
                boolean manual) {
        this.client = client;
        this.address = client.address();
        this.market = client.market();
        this.terms = client.terms();
        this.engagements = engagements;
        this.passport = passport;
        this.counters = counters;
        this.manual = manual;
    }

    /** Whether it ran out of FIL to pay. */
    boolean broke() { return broke; }

    boolean inFlight() { return pending != null; }

    /** The step's request: drops one whose provider was dropped, makes the next if none, and advances it. */
    void step(StepView v) {
        if (pending != null && pending.engagement().dropped) pending = null; // moved away: what was paid is lost
        if (pending == null) pending = next(v);
        if (pending == null) return;
        pending.advance(this, v);
    }

    /** The request in flight is over (granted, or given up: the next request starts afresh). */
    void done() { pending = null; }

    /** The next request: the next provider in turn that still needs DataCap, by the client's path. */
    private SlaRequest next(StepView v) {
        if (engagements.isEmpty()) return null;
        long now = v.epoch();
        for (int i = 0; i < engagements.size(); i++) {
            SlaEngagement e = engagements.get((turn + i) % engagements.size());
            if (e.dropped || !e.slaRegistered || e.toAllocate < terms.pieceSize()) continue; // allowances are ≥ 0
            long need = e.toAllocate - market.cc().allowance(address, e.provider);
            if (need < terms.pieceSize()) continue;
            SlaClient.Path path = choosePath(now);
            if (path == null) return null;
            turn = (turn + i + 1) % engagements.size();
            long cap = switch (path) {
                case PASSPORT -> market.alloc().config().passportCap();
                case PAYMENT -> market.alloc().config().noPassportCap();
                default -> Long.MAX_VALUE;
            };
            long amount = Math.min(need, cap) / terms.pieceSize() * terms.pieceSize();
            switch (path) {
                case MANUAL:
                    return new SlaRequest.Manual(e, amount, market.service().submitManual(address, e.provider, amount,
                            now));
                case CALLER_REGISTRY:
                    return new SlaRequest.CallerRegistry(e, amount);
                default:
                    AllocatorService.Ticket payment = pay(v, e, amount);
                    return payment == null ? null : new SlaRequest.Paid(e, path, amount, payment);
            }
        }
        return null;
    }

    /** The path of the next request, or null to wait. */
    private SlaClient.Path choosePath(long now) {
        if (client.mode() == SlaClient.Mode.CALLER_REGISTRY) return SlaClient.Path.CALLER_REGISTRY;
        if (manual) return SlaClient.Path.MANUAL;
        if (broke) return null;
        if (passport.signed(now)) {
            if (windowFree(now)) return SlaClient.Path.PASSPORT;
            if (!terms.openPathWhenRateLimited()) return null;
        } else if (passport.awaitingFirst()) {
            return null; // waiting for the answer to its first passport request
        }
        return openPathMissing ? null : SlaClient.Path.PAYMENT;
    }

    /** Whether the client's passport window has room (a read of the SLAAllocator's public state). */
    boolean windowFree(long now) {
        SLAAllocator.SlaWindow w = market.alloc().clientWindow(address);
        var cfg = market.alloc().config();
        return w == null || now - w.start() > cfg.clientWindow() || w.count() < cfg.clientLimit();
    }

    /**
     * Pays the provider's owner the price of {@code amount} bytes and asks the allocator service to attest it; null
     * when the client is out of FIL (no more paid requests).
     */
    private AllocatorService.Ticket pay(StepView v, SlaEngagement e, long amount) {
        Miner m = v.chain().miner(e.provider);
        BigInteger price = market.alloc().priceOf(amount);
        String id = "pay:" + address + ":" + (++paySeq);
        try {
            SlaPaymentBook.Receipt receipt = market.payments().pay(v.chain(), id, address, m.owner(), price);
            counters.paid(price);
            v.deals().received(m.owner(), price); // the provider's books take it as a deal payment
            return market.service().submitPayment(receipt.transaction(), v.epoch());
        } catch (ActorError err) {
            counters.refused(err);
            broke = true;
            return null;
        }
    }

    /** The request was granted: counts it and ends it. */
    void granted(StepView v, SlaRequest r) {
        counters.outcome(r.path(), "ok");
        r.engagement().granted += r.amount();
        counters.granted(r.amount(), v.epoch());
        pending = null;
    }
}
