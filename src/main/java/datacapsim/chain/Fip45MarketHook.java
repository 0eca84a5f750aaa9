package datacapsim.chain;

import static datacapsim.chain.Policy.MARKET_DEFAULT_ALLOCATION_TERM_BUFFER;
import static datacapsim.chain.Policy.MAXIMUM_VERIFIED_ALLOCATION_EXPIRATION;
import static datacapsim.chain.Policy.MAXIMUM_VERIFIED_ALLOCATION_TERM;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The storage market's verified-deal hook of the regime {@code fip45-market} (spec: actors.md, "VerifiedRegistry,
 * other regimes", seed 002; builtin-actors v9 market publish_storage_deals / activate_deals): the FIP-0045 registry
 * used through the market as the client's delegate. AddVerifiedClient mints with the market as the client's token
 * operator ({@link DataCapToken#INFINITE_ALLOWANCE}). At PublishStorageDeals the market keeps a running DataCap
 * balance per client (starting from its token balance), drops a verified deal that balance cannot cover, and after
 * the batch makes one TransferFrom per client into the registry with one allocation request per deal. Activation
 * claims the deal's allocation with the sector's expiration. A refused transfer (e.g. a verified deal below the
 * 1 MiB minimum allocation, which the market does not check itself) fails the whole PublishStorageDeals, with an
 * illegal state, as builtin-actors' market does. A timed-out deal's allocation stays until it expires;
 * RemoveExpiredAllocations then returns its DataCap to the client.
 */
final class Fip45MarketHook implements VerifiedDealHook {
    private final Chain chain;
    /** DataCap transfers (TransferFrom into the registry) the market made, one per client per batch. */
    private final JLong transfers;

    Fip45MarketHook(Chain chain) {
        this.chain = chain;
        this.transfers = new JLong(chain.journal());
    }

    /** How many DataCap transfers the market has made for its clients. */
    long transfers() { return transfers.get(); }

    /**
     * The allocation request the market makes for a verified deal at epoch {@code now}: the deal's provider, piece
     * and size; term_min = end − start; term_max = min(term_min + 90 days, 5 years); expiration = min(start,
     * now + 60 days).
     */
    static AllocationRequest requestFor(DealProposal d, long now) {
        long termMin = d.endEpoch() - d.startEpoch();
        long termMax = Math.min(termMin + MARKET_DEFAULT_ALLOCATION_TERM_BUFFER, MAXIMUM_VERIFIED_ALLOCATION_TERM);
        long expiration = Math.min(d.startEpoch(), now + MAXIMUM_VERIFIED_ALLOCATION_EXPIRATION);
        return new AllocationRequest(d.provider(), d.data(), d.size(), termMin, termMax, expiration);
    }

    @Override
    public long onPublish(DealProposal deal) { // a batch of one (the market uses beginPublish)
        PublishBatch b = beginPublish();
        b.reserve(-1, deal);
        return b.complete().get(-1L);
    }

    @Override
    public PublishBatch beginPublish() {
        return new PublishBatch() {
            private final Map<Address, Long> remaining = new HashMap<>();
            private final Map<Address, List<Long>> dealsByClient = new TreeMap<>();
            private final Map<Address, List<AllocationRequest>> requestsByClient = new TreeMap<>();

            @Override
            public void reserve(long dealId, DealProposal d) {
                long left = remaining.computeIfAbsent(d.client(), a -> chain.datacap().balanceOf(a));
                if (left < d.size())
                    throw ActorError.insufficientFunds("market.insufficient_datacap",
                            "verified deal of " + d.size() + " bytes exceeds the " + left
                                    + " bytes of DataCap client " + d.client() + " has left in this batch");
                remaining.put(d.client(), left - d.size());
                dealsByClient.computeIfAbsent(d.client(), a -> new ArrayList<>()).add(dealId);
                requestsByClient.computeIfAbsent(d.client(), a -> new ArrayList<>())
                        .add(requestFor(d, chain.epoch()));
            }

            @Override
            public Map<Long, Long> complete() {
                Map<Long, Long> out = new LinkedHashMap<>();
                for (Map.Entry<Address, List<AllocationRequest>> e : requestsByClient.entrySet()) {
                    AllocationRequests reqs = new AllocationRequests(e.getValue(), List.of());
                    VerifiedRegistry.TransferResult r;
                    try {
                        r = chain.datacap().transferFrom(Chain.STORAGE_MARKET, e.getKey(), Chain.VERIFIED_REGISTRY,
                                reqs.allocationBytes(), reqs);
                    } catch (ActorError err) { // all or nothing: the whole publication fails (illegal state)
                        throw ActorError.illegalState("market.datacap_transfer_failed",
                                "failed to transfer DataCap from client " + e.getKey() + ": " + err.getMessage());
                    }
                    transfers.add(1);
                    List<Long> ids = dealsByClient.get(e.getKey());
                    for (int i = 0; i < ids.size(); i++) out.put(ids.get(i), r.allocationIds().get(i));
                }
                return out;
            }
        };
    }

    @Override
    public void onActivate(long dealId, DealProposal deal, long allocationId, long sector, long sectorExpiration) {
        if (allocationId == NO_ALLOCATION)
            throw ActorError.illegalState("market.no_allocation", "verified deal " + dealId + " has no allocation");
        chain.verifreg().claimAllocations(deal.provider(), List.of(new VerifiedRegistry.SectorClaims(sector,
                sectorExpiration, List.of(new VerifiedRegistry.SectorAllocationClaim(deal.client(), allocationId,
                        deal.data(), deal.size())))), true);
    }

    // onTimeout: nothing; the allocation stays until it expires (RemoveExpiredAllocations returns its DataCap)
}
