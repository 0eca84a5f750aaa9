package datacapsim.agents;

import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.AllocationRequest;
import datacapsim.chain.AllocationRequests;
import datacapsim.chain.Chain;
import datacapsim.chain.DealProposal;
import datacapsim.chain.Miner;
import datacapsim.chain.Regime;
import datacapsim.chain.Sector;
import datacapsim.chain.StorageMarket;
import datacapsim.chain.VerifiedDealHook;
import datacapsim.chain.VerifiedRegistryV1;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verified paths of the storage market regimes (v1, v1-topup, fip45-market), and how a client's requests become
 * deals the providers publish.
 *
 * <p>Publication ({@link #publish}): the client's requests are deal proposals it hands each chosen provider off
 * chain; the provider's worker publishes them at once (PublishStorageDeals, one batch per provider), the owner first
 * depositing into the market escrow (AddBalance) whatever provider collateral its available escrow does not cover.
 * Each deal: verified; the piece and size of the request (the client's piece size, a power of two of at least 1 MiB,
 * as under ddo); start = the request's expiration (the client's {@code clients.allocationExpirationDays} window, the
 * time it gives the provider to seal); end = start + the client's term max clamped to the market's [180 days, maximum
 * deal duration] (540 days under v1); storage price 0 on chain (mainnet FIL+ deals mostly were free: a scenario's deal
 * price is paid, as under ddo, by the client's monthly sends); provider collateral = the market minimum; client
 * collateral 0 (so the client needs no escrow and no FIL on chain).
 */
public final class MarketPaths {
    private MarketPaths() {}

    /**
     * Publishes one verified deal per request of {@code client}, grouped by provider (in order of first appearance);
     * returns per request its deal id, or {@link VerifiedPath#REFUSED} when its provider could not deposit the
     * collateral, its batch was refused, or the market dropped the deal. Throws the last refusal when no deal was
     * published.
     */
    static List<Long> publish(Chain chain, Address client, AllocationRequests requests) {
        StorageMarket market = chain.market();
        List<AllocationRequest> rs = requests.allocations();
        long[] ids = new long[rs.size()];
        Arrays.fill(ids, VerifiedPath.REFUSED);
        Map<Address, List<Integer>> byProvider = new LinkedHashMap<>();
        for (int i = 0; i < rs.size(); i++)
            byProvider.computeIfAbsent(rs.get(i).provider(), p -> new ArrayList<>()).add(i);
        ActorError last = null;
        int made = 0;
        for (Map.Entry<Address, List<Integer>> e : byProvider.entrySet()) {
            Miner m = chain.miner(e.getKey());
            List<DealProposal> deals = new ArrayList<>();
            BigInteger collateral = BigInteger.ZERO;
            for (int i : e.getValue()) {
                DealProposal d = proposal(chain, client, rs.get(i));
                deals.add(d);
                collateral = collateral.add(d.providerCollateral());
            }
            try {
                if (m == null)
                    throw ActorError.illegalArgument("market.provider_not_miner", e.getKey() + " is not a miner");
                BigInteger need = collateral.subtract(market.available(m.address()));
                if (need.signum() > 0) market.addBalance(m.owner(), m.address(), need);
                StorageMarket.PublishResult r = market.publishStorageDeals(m.worker(), deals);
                int next = 0;
                for (int k = 0; k < deals.size(); k++) {
                    if (!r.deals().ok(k)) {
                        last = r.deals().errors().get(k);
                        continue;
                    }
                    ids[e.getValue().get(k)] = r.dealIds().get(next++);
                    made++;
                }
            } catch (ActorError err) {
                last = err;
            }
        }
        if (made == 0) throw last;
        List<Long> out = new ArrayList<>();
        for (long id : ids) out.add(id);
        return out;
    }

    /** The verified deal of one request (see the class comment). */
    static DealProposal proposal(Chain chain, Address client, AllocationRequest r) {
        StorageMarket market = chain.market();
        long start = Math.max(r.expiration(), chain.epoch());
        long duration = Math.max(StorageMarket.MIN_DEAL_DURATION, Math.min(r.termMax(), market.maxDealDuration()));
        return new DealProposal(client, r.provider(), r.data(), r.size(), start, start + duration, BigInteger.ZERO,
                market.minProviderCollateral(r.size()), BigInteger.ZERO, true);
    }

    /**
     * v1 and v1-topup: the original registry (verifiers, verified clients with bytes) and verified deals. A request is
     * a published deal (its id the deal id); pending = published, not activated (expiration = its start epoch; term
     * min = term max = its end − now, the life a sector committed now needs to hold the whole deal, so the deal weight
     * fills the sector's space-time); active = activated and not slashed (term start = activation, term end = deal
     * end); gone = timed out, slashed or ended. No term extension: a client that must keep its data longer lets the
     * deal end (the simplest honest behaviour: it re-stores only replicas lost early, as under ddo). A timed-out
     * deal's bytes come back to the client by RestoreBytes at the market's cron ({@link #returnsTimedOutBytes()});
     * there is nothing to recover. Under v1 an address still a verified client cannot be granted more
     * ({@link #acceptsGrant}). The registry client argument of reads is not needed (deal ids are global).
     */
    public record V1(Chain chain) implements VerifiedPath {
        private VerifiedRegistryV1 registry() { return chain.verifregV1(); }

        private StorageMarket market() { return chain.market(); }

        @Override public boolean isVerifier(Address a) { return registry().isVerifier(a); }

        @Override public long verifierAllowance(Address verifier) { return registry().verifierAllowance(verifier); }

        @Override
        public void addVerifier(Address root, Address verifier, long allowance) {
            registry().addVerifier(root, verifier, allowance);
        }

        @Override
        public void addVerifiedClient(Address verifier, Address client, long amount) {
            registry().addVerifiedClient(verifier, client, amount);
        }

        @Override
        public boolean acceptsGrant(Address client) {
            return registry().regime() != Regime.V1 || !registry().isVerifiedClient(client);
        }

        @Override public boolean returnsTimedOutBytes() { return true; }

        @Override public long dataCap(Address client) { return registry().clientBytes(client); }

        @Override
        public List<Long> request(AllocationChannel channel, Address client, long amount, AllocationRequests requests) {
            return publish(chain, channel.registryClient(client), requests);
        }

        @Override
        public Status status(Address client, Address provider, long id) {
            DealProposal d = market().proposal(id);
            if (d == null) return GONE;
            if (market().dealState(id) == null) {
                long left = d.endEpoch() - chain.epoch();
                return new Pending(id, d.client(), d.provider(), d.data(), d.size(), left, left, d.startEpoch());
            }
            Active a = active(provider, id);
            return a == null ? GONE : a;
        }

        @Override
        public Active active(Address provider, long id) {
            DealProposal d = market().proposal(id);
            StorageMarket.DealState s = market().dealState(id);
            if (d == null || s == null || !d.provider().equals(provider)) return null;
            if (s.slashEpoch() != StorageMarket.EPOCH_UNDEFINED) return null;
            return new Active(id, provider, d.size(), s.sector(), s.sectorStartEpoch(),
                    d.endEpoch() - s.sectorStartEpoch());
        }

        @Override
        public Sector sectorHolding(Active a) {
            Miner m = chain.miner(a.provider());
            Sector s = m == null ? null : m.sector(a.sector());
            return s != null && s.dealIds().contains(a.id()) ? s : null;
        }

        @Override public boolean extensible() { return false; }

        @Override public long extend(Address client, List<TermExtension> extensions) { return 0; }

        @Override public long recoverExpired(AllocationChannel channel, Address client, List<Long> ids) { return 0; }

        @Override
        public long qaPower(long sectorSize, Pending p, long activation, long expiration) {
            DealProposal d = market().proposal(p.id());
            BigInteger spaceTime = BigInteger.valueOf(sectorSize).multiply(BigInteger.valueOf(expiration - activation));
            BigInteger weight = d == null ? BigInteger.ZERO : d.weight().min(spaceTime);
            return StorageMarket.qaPowerForWeight(sectorSize, expiration - activation, BigInteger.ZERO, weight);
        }

        @Override
        public long commit(Miner miner, Address owner, Pending p, long expiration, BigInteger pledge) {
            return miner.proveCommitSector(owner, new Miner.SectorActivation(List.of(), expiration, List.of(p.id())),
                    pledge);
        }

        @Override public List<Long> held(Sector s) { return s.dealIds(); }

        @Override public void removeExpired(Address owner, Address provider) {}
    }

    /**
     * fip45-market: the FIP-0045 registry through the storage market. A client spending its own DataCap (the direct
     * design's channel) requests by deals its providers publish: the market, the client's DataCap operator, transfers
     * the DataCap and makes one allocation per deal; the request's id is that allocation's id. Everything else is
     * the ddo path, read from the registry by allocation id: a pending request whose deal is still pending must be
     * committed with its deal (activation claims the allocation) and in a sector that lasts to the deal's end (term
     * min = max(the allocation's, deal end − now); expiration = min(the allocation's, deal start)); a deal that timed
     * out leaves its allocation to expire, recovered as ddo. Clients of the contract designs (whose channel spends a
     * contract's DataCap) keep the ddo path.
     */
    public record Fip45Market(Chain chain, VerifiedPath.Ddo ddo) implements VerifiedPath {
        public Fip45Market(Chain chain) { this(chain, new VerifiedPath.Ddo(chain)); }

        private StorageMarket market() { return chain.market(); }

        @Override public boolean isVerifier(Address a) { return ddo.isVerifier(a); }

        @Override public long verifierAllowance(Address verifier) { return ddo.verifierAllowance(verifier); }

        @Override
        public void addVerifier(Address root, Address verifier, long allowance) {
            ddo.addVerifier(root, verifier, allowance);
        }

        @Override
        public void addVerifiedClient(Address verifier, Address client, long amount) {
            ddo.addVerifiedClient(verifier, client, amount);
        }

        @Override public long dataCap(Address client) { return ddo.dataCap(client); }

        @Override
        public List<Long> request(AllocationChannel channel, Address client, long amount, AllocationRequests requests) {
            if (!channel.registryClient(client).equals(client)) return ddo.request(channel, client, amount, requests);
            List<Long> deals = publish(chain, client, requests);
            List<Long> out = new ArrayList<>();
            for (long d : deals) {
                long a = d == REFUSED ? VerifiedDealHook.NO_ALLOCATION : market().pendingAllocation(d);
                out.add(a == VerifiedDealHook.NO_ALLOCATION ? REFUSED : a);
            }
            return out;
        }

        @Override
        public Status status(Address client, Address provider, long id) {
            Status s = ddo.status(client, provider, id);
            if (!(s instanceof Pending p)) return s;
            long dealId = market().pendingDealOfAllocation(id);
            if (dealId < 0) return s;
            DealProposal d = market().proposal(dealId);
            return new Pending(p.id(), p.client(), p.provider(), p.data(), p.size(),
                    Math.max(p.termMin(), d.endEpoch() - chain.epoch()), p.termMax(),
                    Math.min(p.expiration(), d.startEpoch()));
        }

        @Override public Active active(Address provider, long id) { return ddo.active(provider, id); }

        @Override public Sector sectorHolding(Active a) { return ddo.sectorHolding(a); }

        @Override public boolean extensible() { return true; }

        @Override
        public long extend(Address client, List<TermExtension> extensions) { return ddo.extend(client, extensions); }

        @Override
        public long recoverExpired(AllocationChannel channel, Address client, List<Long> ids) {
            return ddo.recoverExpired(channel, client, ids);
        }

        @Override
        public long qaPower(long sectorSize, Pending p, long activation, long expiration) {
            return ddo.qaPower(sectorSize, p, activation, expiration);
        }

        @Override
        public long commit(Miner miner, Address owner, Pending p, long expiration, BigInteger pledge) {
            long dealId = market().pendingDealOfAllocation(p.id());
            if (dealId < 0) return ddo.commit(miner, owner, p, expiration, pledge);
            return miner.proveCommitSector(owner, new Miner.SectorActivation(List.of(), expiration, List.of(dealId)),
                    pledge);
        }

        @Override public List<Long> held(Sector s) { return ddo.held(s); }

        @Override public void removeExpired(Address owner, Address provider) { ddo.removeExpired(owner, provider); }
    }
}
