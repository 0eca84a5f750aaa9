package datacapsim.agents.sla;

import datacapsim.agents.Attempt;
import datacapsim.agents.DealBook;
import datacapsim.agents.StepView;
import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.Allocation;
import datacapsim.chain.AllocationRequest;
import datacapsim.chain.AllocationRequests;
import datacapsim.chain.Chain;
import datacapsim.chain.Policy;
import datacapsim.contracts.ContractError;
import datacapsim.contracts.SlaError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An {@link SlaClient}'s allocations: it spends its allowances through the SLA Client Contract (one piece per
 * sector, within its daily rate and a cap of open allocations per provider, deals posted with the contract's
 * address), forgets allocations once claimed or removed, and weekly removes those that expired unclaimed, planning
 * their bytes again (moving away from a provider after repeated expirations).
 */
final class SlaAllocations {
    private record Open(long id, SlaEngagement e, long size) {}

    private final SlaClient client;
    private final Address address;
    private final SlaClient.Market market;
    private final SlaClient.Terms terms;
    private final List<SlaEngagement> engagements;
    private final SlaCounters counters;
    private final List<Open> open = new ArrayList<>();
    private long nextData;
    /** FIP-0118: a transfer was refused because DataCap is deprecated; it allocates no more. */
    private boolean datacapDeprecated;
    /** The contract's count of allocations gone unclaimed at the last prune (−1 before the first). */
    private long goneUnclaimedSeen = -1;

    SlaAllocations(SlaClient client, List<SlaEngagement> engagements, SlaCounters counters) {
        this.client = client;
        this.address = client.address();
        this.market = client.market();
        this.terms = client.terms();
        this.engagements = engagements;
        this.counters = counters;
        this.nextData = address.id() * 1_000_000_000L;
    }

    /** Whether none of its allocations is open. */
    boolean noneOpen() { return open.isEmpty(); }

    void allocate(StepView v) {
        if (datacapDeprecated) return; // FIP-0118: its transfers were refused for good
        long budget = Math.max(1, (long) terms.maxPerDay() * v.stepEpochs() / Policy.EPOCHS_IN_DAY);
        long size = terms.pieceSize();
        int n = engagements.size();
        for (int i = 0; i < n && budget > 0; i++) {
            SlaEngagement e = engagements.get(i);
            if (e.dropped || e.toAllocate < size) continue;
            long room = terms.maxOpenPerProvider() - e.open;
            if (room <= 0) continue;
            long allowance = market.cc().allowance(address, e.provider);
            long expiration = v.epoch() + terms.expirationEpochs();
            long accepted = v.deals().acceptable(e.provider, expiration, v.epoch()); // SP pull
            long pieces = Math.min(Math.min(Math.min(budget, room), accepted),
                    Math.min(allowance, e.toAllocate) / size);
            if (pieces <= 0) continue;
            List<AllocationRequest> reqs = new ArrayList<>();
            for (long p = 0; p < pieces; p++)
                reqs.add(new AllocationRequest(e.provider, nextData++, size, terms.termMin(), terms.termMax(),
                        expiration));
            try {
                List<Long> ids = market.cc().transfer(address, new AllocationRequests(reqs, List.of()));
                for (long id : ids) {
                    v.deals().post(e.provider, new DealBook.Deal(market.cc().address(), id, 0, size));
                    open.add(new Open(id, e, size));
                    e.open++;
                }
                long bytes = pieces * size;
                e.toAllocate -= bytes;
                e.allocated += bytes;
                counters.allocated(bytes, v.epoch());
                budget -= pieces;
            } catch (ContractError err) {
                counters.refused(err);
                if (Attempt.datacapDeprecated(err)) {
                    datacapDeprecated = true;
                    return;
                }
                if (SlaError.of(err).beneficiaryProblem()) client.moveAway(v, e);
            } catch (ActorError err) {
                counters.refused(err);
                if (Attempt.datacapDeprecated(err)) {
                    datacapDeprecated = true;
                    return;
                }
            }
        }
    }

    /**
     * Every step: forgets allocations that were claimed (counting them) or removed by someone else. It looks up only
     * those that may have gone: all when some allocation of the contract left unclaimed since the last prune, else
     * those of providers with a claim made from the pair since then (an allocation goes only one of those two ways).
     */
    void prune(StepView v) {
        if (open.isEmpty()) return;
        Chain chain = v.chain();
        Address cc = market.cc().address();
        long gone = market.cc().allocationsGoneUnclaimed();
        boolean all = gone != goneUnclaimedSeen;
        goneUnclaimedSeen = gone;
        boolean any = all;
        for (SlaEngagement e : engagements) {
            if (e.claimsReader == null) e.claimsReader = market.cc().claimsMadeReader(address, e.provider);
            long made = e.claimsReader == null ? 0 : e.claimsReader.getAsLong();
            e.claimsChanged = made != e.claimsSeen;
            e.claimsSeen = made;
            any |= e.claimsChanged;
        }
        if (!any) return;
        var it = open.iterator();
        while (it.hasNext()) {
            Open o = it.next();
            if (!all && !o.e.claimsChanged) continue; // still pending: neither claimed nor removed
            if (chain.verifreg().allocation(cc, o.id) != null) continue;
            it.remove();
            o.e.open--;
            if (chain.verifreg().claim(o.e.provider, o.id) != null) counters.claimed(o.size, v.epoch());
        }
    }

    /** Weekly: removes allocations that expired unclaimed (DataCap returns to the contract) and plans them again. */
    void recoverExpired(StepView v) {
        if (open.isEmpty()) return;
        Chain chain = v.chain();
        long now = v.epoch();
        Address cc = market.cc().address();
        List<Open> expired = new ArrayList<>();
        for (Open o : open) {
            Allocation a = chain.verifreg().allocation(cc, o.id);
            if (a != null && now >= a.expiration()) expired.add(o);
        }
        if (expired.isEmpty()) return;
        List<Long> ids = new ArrayList<>();
        for (Open o : expired) ids.add(o.id);
        try {
            chain.verifreg().removeExpiredAllocations(address, cc, ids);
        } catch (ActorError err) {
            counters.refused(err);
            return;
        }
        open.removeAll(expired);
        Set<SlaEngagement> struck = new LinkedHashSet<>();
        for (Open o : expired) {
            counters.expired(o.size);
            o.e.open--;
            o.e.allocated -= o.size;
            if (o.e.dropped) {
                moveBytes(o.size);
            } else {
                o.e.toAllocate += o.size;
                struck.add(o.e);
            }
        }
        for (SlaEngagement e : struck) {
            e.expiryStrikes++;
            if (terms.switchAfterExpiries() > 0 && e.expiryStrikes >= terms.switchAfterExpiries())
                client.moveAway(v, e);
        }
    }

    /** Bytes returned from a dropped provider: to the live engagement with the least left to allocate, or unplaced. */
    private void moveBytes(long bytes) {
        SlaEngagement best = null;
        for (SlaEngagement e : engagements)
            if (!e.dropped && (best == null || e.toAllocate < best.toAllocate)) best = e;
        if (best == null) counters.unplaced(bytes);
        else best.toAllocate += bytes;
    }
}
