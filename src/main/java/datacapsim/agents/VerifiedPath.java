package datacapsim.agents;

import datacapsim.chain.Address;
import datacapsim.chain.AllocationRequests;
import datacapsim.chain.Allocation;
import datacapsim.chain.Chain;
import datacapsim.chain.Claim;
import datacapsim.chain.Miner;
import datacapsim.chain.Piece;
import datacapsim.chain.Sector;
import datacapsim.chain.VerifiedRegistry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The verified path: the one place where the honest agents (clients, providers, root key holders, the direct and
 * own-DataCap channels) meet the chain's verified registry regime. It says what a client's request becomes, the status
 * of one request (pending, active or gone), whether and how an active one's term can be extended, what a provider
 * commits for a pending one, and how expired ones are recovered. Every call that changes state is one or more actor
 * transactions and throws the chain's {@link datacapsim.chain.ActorError} when refused; reads change nothing.
 *
 * <p>A request is known by an id (today an allocation id) and two addresses: the registry's client (the client, or
 * the Client Contract that spends for it) and the provider.
 *
 * <p>How the regimes map onto it:
 * <ul>
 *   <li>{@code ddo} (today, {@link #of}): a request is an allocation made by a DataCap transfer to the registry
 *       (through the client's {@link AllocationChannel}); pending = the allocation is in the registry (size,
 *       expiration, term window); active = its claim exists (term start, term max, provider, sector); gone = neither;
 *       the client extends a claim's term_max with ExtendClaimTerms; a provider commits {@code Piece.verified}
 *       of the allocation, with QA power from its verified bytes; expired allocations come back through
 *       RemoveExpiredAllocations (via the channel), expired claims leave with RemoveExpiredClaims.</li>
 *   <li>{@code v1} / {@code v1-topup} ({@link MarketPaths.V1}, details there): a request is a deal the provider
 *       publishes for the client (PublishStorageDeals spends the client's bytes with UseBytes; the id is the deal
 *       id); pending = published and not activated (expiration = the deal's start epoch, term min = term max = deal
 *       end − now, the life a sector committed now needs to hold the whole deal); active = an activated deal, term
 *       start = its sector's activation, term end = the deal's end; gone = timed out, slashed or ended; no term
 *       extension ({@link #extensible()} false); a provider commits a sector with the deal id and its QA power comes
 *       from the deal weight; a timed-out deal's bytes come back with RestoreBytes at the market's cron
 *       ({@link #returnsTimedOutBytes()}), so recovering expired ones is a no-op; under v1 a verified client's
 *       address cannot be granted more ({@link #acceptsGrant}).</li>
 *   <li>{@code fip45-market} ({@link MarketPaths.Fip45Market}, details there): a request is a deal whose allocation
 *       the market makes at publication (the market as the client's DataCap operator; the id is the allocation id);
 *       the statuses are read from the registry as under ddo; extension as ddo; a provider commits the deal id and
 *       activation claims the allocation; a deal that times out leaves its allocation to expire, recovered as ddo.
 *       Clients of the contract designs keep the ddo path.</li>
 * </ul>
 *
 * <p>The abuse agents ({@code agents.abuse}) and the SLA agents ({@code agents.sla}) call the FIP-0045 registry
 * directly, not through this seam: their designs run only under ddo, fip45-market (on its DDO path) and solstice,
 * where that registry exists.
 */
public interface VerifiedPath {
    /** What is known of one request now. */
    sealed interface Status permits Pending, Active, Gone {}

    /**
     * Made and not yet committed: its client as the registry records it, its data, size, the term window a commitment
     * must fit and the last epoch it may be committed at.
     */
    record Pending(long id, Address client, Address provider, long data, long size, long termMin, long termMax,
                   long expiration) implements Status {}

    /** Committed: its provider, size, the sector that committed it, the start of its term and its term max. */
    record Active(long id, Address provider, long size, long sector, long termStart, long termMax) implements Status {
        /** The epoch its term ends (term start + term max). */
        public long end() { return termStart + termMax; }
    }

    /** Neither pending nor active: expired and removed, ended, or never made. */
    record Gone() implements Status {}

    /** The one {@link Gone} value. */
    Gone GONE = new Gone();

    /** A new term max for one active request of {@code provider}. */
    record TermExtension(Address provider, long id, long termMax) {}

    /** A request id meaning: not made (its part of a {@link #request} was refused while others were made). */
    long REFUSED = -1;

    /**
     * The chain's verified path, by its regime: ddo (and solstice, which the chain runs as ddo), v1 / v1-topup
     * ({@link MarketPaths.V1}) or fip45-market ({@link MarketPaths.Fip45Market}).
     */
    static VerifiedPath of(Chain chain) {
        return switch (chain.regime()) {
            case V1, V1_TOPUP -> new MarketPaths.V1(chain);
            case FIP45_MARKET -> new MarketPaths.Fip45Market(chain);
            case DDO, SOLSTICE -> new Ddo(chain);
        };
    }

    // ---- granting (root key holders, verifiers) ----

    /** Whether {@code a} is a verifier. */
    boolean isVerifier(Address a);

    /** The verifier's remaining allowance, bytes (0 when not a verifier). */
    long verifierAllowance(Address verifier);

    /** AddVerifier by the root key (sets the allowance). */
    void addVerifier(Address root, Address verifier, long allowance);

    /** AddVerifiedClient by a verifier. */
    void addVerifiedClient(Address verifier, Address client, long amount);

    /** The verified bytes {@code client} holds and can still spend itself (today its DataCap balance). */
    long dataCap(Address client);

    /**
     * Whether a verifier may grant {@code client} more now: false only under v1 while the address is still a verified
     * client (no top-up; the client must come back under a new address).
     */
    default boolean acceptsGrant(Address client) { return true; }

    /**
     * Whether a request that went from pending to gone unclaimed gave its bytes back to its client by itself (v1: the
     * market's RestoreBytes at a deal's timeout), so the client may place them again without recovering them.
     */
    default boolean returnsTimedOutBytes() { return false; }

    // ---- a client's requests ----

    /**
     * Makes the requests through the client's channel; returns their ids in request order ({@link #REFUSED} for a
     * request not made while others were: only on the market paths, where each provider publishes its own batch).
     */
    List<Long> request(AllocationChannel channel, Address client, long amount, AllocationRequests requests);

    /** The status of request {@code id} of registry client {@code client} with {@code provider}. */
    Status status(Address client, Address provider, long id);

    /** Request {@code id} of {@code provider} when it is active, else null. */
    Active active(Address provider, long id);

    /** The sector of its provider that still holds {@code a} (whatever its expiration), or null. */
    Sector sectorHolding(Active a);

    /** Whether a sector of its provider still holds {@code a} and expires after {@code epoch}. */
    default boolean storedAfter(Active a, long epoch) {
        Sector s = sectorHolding(a);
        return s != null && s.expiration() > epoch;
    }

    /** Whether an active request's term can be extended by its client. */
    boolean extensible();

    /** Extends terms (whole batch, each entry may fail on its own); returns how many were extended. */
    long extend(Address client, List<TermExtension> extensions);

    /** Removes the client's expired pending requests among {@code ids}; returns the bytes it can spend again. */
    long recoverExpired(AllocationChannel channel, Address client, List<Long> ids);

    // ---- a provider's side ----

    /** The QA power of a sector of {@code sectorSize} committing {@code p} (and nothing else) for its lifetime. */
    long qaPower(long sectorSize, Pending p, long activation, long expiration);

    /** Commits one sector for {@code p} expiring at {@code expiration}, paying {@code pledge}; returns its number. */
    long commit(Miner miner, Address owner, Pending p, long expiration, BigInteger pledge);

    /** The ids of the requests {@code s} holds. */
    List<Long> held(Sector s);

    /** The provider's clean-up of its ended active requests (a no-op when it has none). */
    void removeExpired(Address owner, Address provider);

    /** The ddo path: the FIP-0045 registry, DataCap token and direct data onboarding. */
    record Ddo(Chain chain) implements VerifiedPath {
        private VerifiedRegistry registry() { return chain.verifreg(); }

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

        @Override public long dataCap(Address client) { return chain.datacap().balanceOf(client); }

        @Override
        public List<Long> request(AllocationChannel channel, Address client, long amount, AllocationRequests requests) {
            return channel.allocate(client, amount, requests);
        }

        @Override
        public Status status(Address client, Address provider, long id) {
            Allocation a = registry().allocation(client, id);
            if (a != null)
                return new Pending(a.id(), a.client(), a.provider(), a.data(), a.size(), a.termMin(), a.termMax(),
                        a.expiration());
            Active c = active(provider, id);
            return c == null ? GONE : c;
        }

        @Override
        public Active active(Address provider, long id) {
            Claim c = registry().claim(provider, id);
            if (c == null) return null;
            return new Active(c.id(), c.provider(), c.size(), c.sector(), c.termStart(), c.termMax());
        }

        @Override
        public Sector sectorHolding(Active a) {
            Miner m = chain.miner(a.provider());
            Sector s = m == null ? null : m.sector(a.sector());
            return s != null && s.claimIds().contains(a.id()) ? s : null;
        }

        @Override
        public boolean storedAfter(Active a, long epoch) { // the same answer, without reading the sector out
            Miner m = chain.miner(a.provider());
            return m != null && m.holdsClaim(a.sector(), a.id(), epoch);
        }

        @Override public boolean extensible() { return true; }

        @Override
        public long extend(Address client, List<TermExtension> extensions) {
            List<VerifiedRegistry.ClaimTerm> terms = new ArrayList<>();
            for (TermExtension t : extensions)
                terms.add(new VerifiedRegistry.ClaimTerm(t.provider(), t.id(), t.termMax()));
            return registry().extendClaimTerms(client, terms).successCount();
        }

        @Override
        public long recoverExpired(AllocationChannel channel, Address client, List<Long> ids) {
            return channel.recoverExpired(client, ids);
        }

        @Override
        public long qaPower(long sectorSize, Pending p, long activation, long expiration) {
            return chain.qaPowerForNewSector(sectorSize, p.size());
        }

        @Override
        public long commit(Miner miner, Address owner, Pending p, long expiration, BigInteger pledge) {
            Piece piece = new Piece(p.data(), p.size(), p.client(), p.id());
            return miner.proveCommitSector(owner, new Miner.SectorActivation(List.of(piece), expiration), pledge);
        }

        @Override public List<Long> held(Sector s) { return s.claimIds(); }

        @Override
        public void removeExpired(Address owner, Address provider) {
            if (registry().claimsOf(provider).isEmpty()) return;
            registry().removeExpiredClaims(owner, provider, List.of());
        }
    }
}
