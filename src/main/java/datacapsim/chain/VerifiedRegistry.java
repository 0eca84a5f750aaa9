package datacapsim.chain;

import static datacapsim.chain.Policy.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The verified registry actor in the FIP-0045 / direct data onboarding regime. State: the root key, verifiers with
 * their remaining allowance, allocations per client, claims per provider, and the next allocation id (from 1; a claim
 * keeps its allocation's id). Every public method is a transaction: it applies whole or reverts whole.
 */
public final class VerifiedRegistry {
    public static final String ADD_VERIFIER = "verifreg.AddVerifier";
    public static final String REMOVE_VERIFIER = "verifreg.RemoveVerifier";
    public static final String ADD_VERIFIED_CLIENT = "verifreg.AddVerifiedClient";
    public static final String REMOVE_VERIFIED_CLIENT_DATACAP = "verifreg.RemoveVerifiedClientDataCap";
    public static final String CLAIM_ALLOCATIONS = "verifreg.ClaimAllocations";
    public static final String EXTEND_CLAIM_TERMS = "verifreg.ExtendClaimTerms";
    public static final String REMOVE_EXPIRED_ALLOCATIONS = "verifreg.RemoveExpiredAllocations";
    public static final String REMOVE_EXPIRED_CLAIMS = "verifreg.RemoveExpiredClaims";
    /**
     * The rule of every registry method FIP-0118 disables (builtin-actors' {@code datacap_deprecated}: USR_FORBIDDEN,
     * "FIP-0118: datacap is deprecated, … is no longer supported").
     */
    public static final String DATACAP_DEPRECATED = "verifreg.datacap_deprecated";

    /** One claim of a sector: the allocation it claims and what the sector holds for it. */
    public record SectorAllocationClaim(Address client, long allocationId, long data, long size) {}

    /** All claims of one sector being activated. */
    public record SectorClaims(long sector, long sectorExpiration, List<SectorAllocationClaim> claims) {
        public SectorClaims { claims = List.copyOf(claims); }
    }

    /** The outcome of ClaimAllocations: per sector, applied or the error; and the bytes claimed per sector. */
    public record ClaimResult(BatchResult sectors, List<Long> claimedBytes) {}

    public record ClaimTerm(Address provider, long claimId, long termMax) {}

    /** A verifier's signed consent to remove DataCap from a client (FIP-0028). */
    public record RemoveDataCapProposal(Address verifier, Signature signature) {}

    public record RemoveExpiredResult(BatchResult batch, List<Long> considered, long recovered) {}

    private final Chain chain;
    private Address rootKey;
    private final JMap<Address, Long> verifiers;
    private final JMap<Address, JMap<Long, Allocation>> allocations;
    private final JMap<Address, ClaimStore> claims;
    private final JMap<ProposalKey, Long> proposalIds;
    /** Observers of claims by client; not chain state (set up with the contracts, never journaled). */
    private final HashMap<Address, ClaimObserver> claimObservers = new HashMap<>();
    private final JLong nextAllocationId;
    private final JLong heldBytes;
    private final JLong claimedBytes;
    private final JLong extensionBurnedBytes;
    private final JLong expiredReturnedBytes;
    private final JLong destroyedBytes;
    private final JLong clearedBytes;
    private final JLong claimsExtended;

    record ProposalKey(Address verifier, Address client) implements Comparable<ProposalKey> {
        @Override
        public int compareTo(ProposalKey o) {
            int c = verifier.compareTo(o.verifier);
            return c != 0 ? c : client.compareTo(o.client);
        }
    }

    VerifiedRegistry(Chain chain, Address rootKey) {
        this.chain = chain;
        this.rootKey = rootKey;
        Journal j = chain.journal();
        verifiers = JMap.indexed(j);
        allocations = JMap.indexed(j);
        claims = JMap.indexed(j);
        proposalIds = new JMap<>(j);
        nextAllocationId = new JLong(j);
        nextAllocationId.set(1);
        heldBytes = new JLong(j);
        claimedBytes = new JLong(j);
        extensionBurnedBytes = new JLong(j);
        expiredReturnedBytes = new JLong(j);
        destroyedBytes = new JLong(j);
        clearedBytes = new JLong(j);
        claimsExtended = new JLong(j);
    }

    public Address address() { return Chain.VERIFIED_REGISTRY; }

    // ------------------------------------------------------------------ reads
    public Address rootKey() { return rootKey; }

    public boolean isVerifier(Address a) { return verifiers.containsKey(a); }

    /** Remaining allowance of a verifier in bytes, or 0 when it is not one. */
    public long verifierAllowance(Address a) { return verifiers.getOrDefault(a, 0L); }

    public Map<Address, Long> verifiers() { return verifiers.view(); }

    public long nextAllocationId() { return nextAllocationId.get(); }

    public Allocation allocation(Address client, long id) {
        JMap<Long, Allocation> m = allocations.get(client);
        return m == null ? null : m.get(id);
    }

    public Map<Long, Allocation> allocationsOf(Address client) {
        JMap<Long, Allocation> m = allocations.get(client);
        return m == null ? Map.of() : m.view();
    }

    public Claim claim(Address provider, long id) {
        ClaimStore m = claims.get(provider);
        return m == null ? null : m.get(id);
    }

    /** The provider's claims by id (a read-only view; a walk sorts the ids, see ClaimStore). */
    public Map<Long, Claim> claimsOf(Address provider) {
        ClaimStore m = claims.get(provider);
        return m == null ? Map.of() : m.view();
    }

    /** The number of objects holding the provider's claims (exact batches, see ClaimStore). */
    public int claimBatchCount(Address provider) {
        ClaimStore m = claims.get(provider);
        return m == null ? 0 : m.batchCount();
    }

    public Map<Address, ? extends Object> clientsWithAllocations() { return allocations.view(); }

    public Iterable<Address> providersWithClaims() { return claims.keySet(); }

    /** GetClaims(provider, ids): anyone; the claims found, with a NOT_FOUND error for each id that is not. */
    public List<Claim> getClaims(Address provider, List<Long> ids) {
        List<Claim> out = new ArrayList<>();
        for (long id : ids) {
            Claim c = claim(provider, id);
            if (c == null) throw ActorError.notFound("verifreg.claim_not_found", "no claim " + id + " for provider " + provider);
            out.add(c);
        }
        return out;
    }

    /** DataCap held in unclaimed allocations (bytes). */
    public long heldBytes() { return heldBytes.get(); }

    /** Cumulative DataCap burned when allocations were claimed. */
    public long claimedBytes() { return claimedBytes.get(); }

    /** Cumulative DataCap burned to extend claims. */
    public long extensionBurnedBytes() { return extensionBurnedBytes.get(); }

    /** Cumulative DataCap returned to clients from expired allocations. */
    public long expiredReturnedBytes() { return expiredReturnedBytes.get(); }

    /** Cumulative DataCap destroyed by RemoveVerifiedClientDataCap. */
    public long destroyedBytes() { return destroyedBytes.get(); }

    /**
     * DataCap of the allocations still pending at the FIP-0118 upgrade, which the migration cleared: burned from the
     * registry's balance, a term of its own in the DataCap identity (0 without the upgrade).
     */
    public long clearedBytes() { return clearedBytes.get(); }

    /** Extensions of claims' term_max, by ExtendClaimTerms or a DataCap transfer's extension requests, one per claim each. */
    public long claimsExtended() { return claimsExtended.get(); }

    /** Every removal proposal id in use, as "verifier→client" → next id, in order. */
    public Map<String, Long> removalProposalIds() {
        java.util.LinkedHashMap<String, Long> out = new java.util.LinkedHashMap<>();
        proposalIds.view().forEach((k, v) -> out.put(k.verifier() + "→" + k.client(), v));
        return out;
    }

    public long removalProposalId(Address verifier, Address client) {
        return proposalIds.getOrDefault(new ProposalKey(verifier, client), 0L);
    }

    /** The message a verifier signs to consent to removing {@code amount} of a client's DataCap. */
    public static String removalMessage(Address client, long amount, long proposalId) {
        return "fil_removedatacap:" + client + ":" + amount + ":" + proposalId;
    }

    // ------------------------------------------------------------------ root key methods
    /** AddVerifier(addr, allowance): root only; allowance ≥ 1 MiB; addr not root and holding no DataCap. SETS the allowance. */
    public void addVerifier(Address caller, Address verifier, long allowance) {
        chain.transact(ADD_VERIFIER, caller, () -> {
            refuseAfterUpgrade("adding new verifiers");
            requireRoot(caller);
            if (allowance < MINIMUM_VERIFIED_ALLOCATION_SIZE)
                throw ActorError.illegalArgument("verifreg.allowance_below_minimum",
                        "verifier allowance " + allowance + " is below the minimum " + MINIMUM_VERIFIED_ALLOCATION_SIZE);
            if (verifier.equals(rootKey))
                throw ActorError.illegalArgument("verifreg.verifier_is_root", "the root key " + verifier + " cannot be a verifier");
            if (chain.datacap().balanceOf(verifier) > 0)
                throw ActorError.illegalArgument("verifreg.verifier_holds_datacap",
                        "verified client " + verifier + " holds DataCap and cannot become a verifier");
            verifiers.put(verifier, allowance);
            return null;
        });
    }

    /** RemoveVerifier(addr): root only; the verifier must exist. DataCap it already granted is untouched. */
    public void removeVerifier(Address caller, Address verifier) {
        chain.transact(REMOVE_VERIFIER, caller, () -> {
            refuseAfterUpgrade("removing verifiers");
            requireRoot(caller);
            if (verifiers.remove(verifier) == null)
                throw ActorError.illegalArgument("verifreg.verifier_not_found", verifier + " is not a verifier");
            return null;
        });
    }

    /**
     * RemoveVerifiedClientDataCap(client, amount, two verifier signatures) (FIP-0028): root only; the two verifiers
     * differ and are both verifiers; each signs (client, amount, its current proposal id for the client), and each id
     * then increments (no replay). Destroys min(balance, amount) of the client's DataCap; returns what it destroyed.
     */
    public long removeVerifiedClientDataCap(Address caller, Address client, long amount,
                                            RemoveDataCapProposal first, RemoveDataCapProposal second) {
        return chain.transact(REMOVE_VERIFIED_CLIENT_DATACAP, caller, () -> {
            refuseAfterUpgrade("removing verified client data cap");
            requireRoot(caller);
            if (amount <= 0)
                throw ActorError.illegalArgument("verifreg.removal_amount", "amount to remove must be positive, got " + amount);
            if (client.equals(Chain.VERIFIED_REGISTRY))
                throw ActorError.illegalArgument("verifreg.removal_from_registry",
                        "the registry is not a verified client: the DataCap it holds backs allocations");
            if (first.verifier().equals(second.verifier()))
                throw ActorError.illegalArgument("verifreg.removal_same_verifier",
                        "the two removal proposals must come from different verifiers, both are " + first.verifier());
            for (RemoveDataCapProposal p : List.of(first, second)) {
                if (!isVerifier(p.verifier()))
                    throw ActorError.notFound("verifreg.removal_not_verifier", p.verifier() + " is not a verifier");
                long id = removalProposalId(p.verifier(), client);
                if (!p.signature().verifies(p.verifier(), removalMessage(client, amount, id)))
                    throw ActorError.illegalArgument("verifreg.removal_bad_signature",
                            "signature of " + p.verifier() + " does not cover removing " + amount + " from " + client
                                    + " with proposal id " + id);
            }
            for (RemoveDataCapProposal p : List.of(first, second)) {
                ProposalKey k = new ProposalKey(p.verifier(), client);
                proposalIds.put(k, proposalIds.getOrDefault(k, 0L) + 1);
            }
            long destroyed = Math.min(chain.datacap().balanceOf(client), amount);
            chain.datacap().burn(client, destroyed);
            destroyedBytes.add(destroyed);
            return destroyed;
        });
    }

    // ------------------------------------------------------------------ verifier methods
    /**
     * AddVerifiedClient(addr, allowance): caller is a verifier; allowance ≥ 1 MiB and within the verifier's remaining
     * allowance; addr is neither root nor a verifier. DataCap is minted to addr and added to any balance (FIP-0012).
     */
    public void addVerifiedClient(Address caller, Address client, long allowance) {
        chain.transact(ADD_VERIFIED_CLIENT, caller, () -> {
            refuseAfterUpgrade("minting new datacap");
            Long cap = verifiers.get(caller);
            if (cap == null) throw ActorError.notFound("verifreg.caller_not_verifier", "caller " + caller + " is not a verifier");
            if (allowance < MINIMUM_VERIFIED_ALLOCATION_SIZE)
                throw ActorError.illegalArgument("verifreg.allowance_below_minimum",
                        "client allowance " + allowance + " is below the minimum " + MINIMUM_VERIFIED_ALLOCATION_SIZE);
            if (client.equals(rootKey))
                throw ActorError.illegalArgument("verifreg.client_is_root", "the root key " + client + " cannot be a verified client");
            if (isVerifier(client))
                throw ActorError.illegalArgument("verifreg.client_is_verifier", "verifier " + client + " cannot be a verified client");
            if (cap < allowance)
                throw ActorError.illegalArgument("verifreg.verifier_allowance_exceeded",
                        "verifier " + caller + " has " + cap + " bytes left, cannot grant " + allowance);
            verifiers.put(caller, cap - allowance);
            // fip45-market: the market is the client's token operator (it moves DataCap for the client's deals)
            if (chain.config().regime() == Regime.FIP45_MARKET)
                chain.datacap().mint(client, allowance, List.of(Chain.STORAGE_MARKET));
            else chain.datacap().mint(client, allowance);
            return null;
        });
    }

    // ------------------------------------------------------------------ token receiver
    /** What the registry did with a DataCap transfer: the ids of the new allocations, in request order. */
    public record TransferResult(List<Long> allocationIds, int extended) {}

    /**
     * The registry's receiver hook: a DataCap transfer carrying allocation and claim-extension requests. All or
     * nothing; the sizes of all allocations plus the sizes of all extended claims must equal the tokens sent exactly.
     */
    TransferResult onTokensReceived(Address owner, Address operator, long amount, AllocationRequests requests) {
        refuseAfterUpgrade("new allocations");
        if (requests == null)
            throw ActorError.illegalArgument("verifreg.no_requests", "a DataCap transfer to the registry must carry allocation requests");
        long now = chain.epoch();
        long sum = 0;
        for (AllocationRequest r : requests.allocations()) {
            validateAllocationRequest(r, now);
            sum = Math.addExact(sum, r.size());
        }
        List<Claim> extended = new ArrayList<>();
        long extBytes = 0;
        for (ClaimExtensionRequest x : requests.extensions()) {
            Claim c = claim(x.provider(), x.claimId());
            if (c == null)
                throw ActorError.notFound("verifreg.claim_not_found", "no claim " + x.claimId() + " for provider " + x.provider());
            if (now > c.end())
                throw ActorError.forbidden("verifreg.claim_expired",
                        "claim " + c.id() + " ended at epoch " + c.end() + ", now " + now);
            if (x.termMax() <= c.termMax())
                throw ActorError.illegalArgument("verifreg.extension_not_longer",
                        "new term_max " + x.termMax() + " must exceed the current " + c.termMax() + " of claim " + c.id());
            if (c.termStart() + x.termMax() > now + MAXIMUM_VERIFIED_ALLOCATION_TERM)
                throw ActorError.illegalArgument("verifreg.extension_term_too_long",
                        "new term_max " + x.termMax() + " would end claim " + c.id() + " at " + (c.termStart() + x.termMax())
                                + ", more than " + MAXIMUM_VERIFIED_ALLOCATION_TERM + " epochs after now (" + now + ")");
            extended.add(c.withTermMax(x.termMax()));
            extBytes = Math.addExact(extBytes, c.size());
        }
        sum = Math.addExact(sum, extBytes);
        if (sum != amount)
            throw ActorError.illegalArgument("verifreg.token_sum_mismatch",
                    "requests total " + sum + " bytes but " + amount + " were sent; they must be equal");

        List<Long> ids = new ArrayList<>(requests.allocations().size());
        for (AllocationRequest r : requests.allocations()) {
            long id = nextAllocationId.get();
            nextAllocationId.set(id + 1);
            Allocation a = new Allocation(id, owner, r.provider(), r.data(), r.size(), r.termMin(), r.termMax(), r.expiration());
            clientAllocations(owner).put(id, a);
            heldBytes.add(r.size());
            ids.add(id);
        }
        for (Claim c : extended) putClaim(c);
        claimsExtended.add(extended.size());
        if (extBytes > 0) {
            chain.datacap().burn(Chain.VERIFIED_REGISTRY, extBytes);
            extensionBurnedBytes.add(extBytes);
        }
        return new TransferResult(List.copyOf(ids), extended.size());
    }

    private void validateAllocationRequest(AllocationRequest r, long now) {
        if (r.size() < MINIMUM_VERIFIED_ALLOCATION_SIZE)
            throw ActorError.illegalArgument("verifreg.allocation_size_below_minimum",
                    "allocation size " + r.size() + " is below the minimum " + MINIMUM_VERIFIED_ALLOCATION_SIZE);
        if (r.termMin() < MINIMUM_VERIFIED_ALLOCATION_TERM)
            throw ActorError.illegalArgument("verifreg.term_min_too_short",
                    "term_min " + r.termMin() + " is below the minimum " + MINIMUM_VERIFIED_ALLOCATION_TERM);
        if (r.termMax() > MAXIMUM_VERIFIED_ALLOCATION_TERM)
            throw ActorError.illegalArgument("verifreg.term_max_too_long",
                    "term_max " + r.termMax() + " exceeds the maximum " + MAXIMUM_VERIFIED_ALLOCATION_TERM);
        if (r.termMin() > r.termMax())
            throw ActorError.illegalArgument("verifreg.term_min_above_term_max",
                    "term_min " + r.termMin() + " exceeds term_max " + r.termMax());
        if (r.expiration() < now)
            throw ActorError.illegalArgument("verifreg.expiration_in_past",
                    "expiration " + r.expiration() + " is before now (" + now + ")");
        if (r.expiration() > now + MAXIMUM_VERIFIED_ALLOCATION_EXPIRATION)
            throw ActorError.illegalArgument("verifreg.expiration_too_far",
                    "expiration " + r.expiration() + " is more than " + MAXIMUM_VERIFIED_ALLOCATION_EXPIRATION
                            + " epochs after now (" + now + ")");
        if (!chain.isMiner(r.provider()))
            throw ActorError.illegalArgument("verifreg.provider_not_miner", "provider " + r.provider() + " is not a miner");
    }

    // ------------------------------------------------------------------ miner methods
    /**
     * ClaimAllocations(sectors): the caller is a miner and the provider of every allocation it claims. A claim succeeds
     * iff provider, client, data and size match the allocation; now ≤ expiration; and
     * term_min ≤ sector_expiration − now ≤ term_max. A failing claim fails its whole sector; with
     * {@code allOrNothing} a failing sector fails the whole call.
     */
    public ClaimResult claimAllocations(Address caller, List<SectorClaims> sectors, boolean allOrNothing) {
        return chain.transact(CLAIM_ALLOCATIONS, caller, () -> {
            if (!chain.isMiner(caller))
                throw ActorError.forbidden("verifreg.caller_not_miner", "caller " + caller + " is not a miner");
            refuseAfterUpgrade("claim allocations");
            List<ActorError> errors = new ArrayList<>();
            List<Long> bytes = new ArrayList<>();
            for (SectorClaims s : sectors) {
                int mark = chain.journal().begin();
                try {
                    bytes.add(claimSector(caller, s));
                    chain.journal().commit(mark);
                    errors.add(null);
                } catch (ActorError e) {
                    chain.journal().rollback(mark);
                    if (allOrNothing) throw e;
                    errors.add(e);
                    bytes.add(0L);
                }
            }
            return new ClaimResult(new BatchResult(errors), bytes);
        });
    }

    private long claimSector(Address provider, SectorClaims s) {
        long now = chain.epoch();
        long total = 0;
        for (SectorAllocationClaim c : s.claims()) {
            Allocation a = allocation(c.client(), c.allocationId());
            if (a == null)
                throw ActorError.notFound("verifreg.allocation_not_found",
                        "no allocation " + c.allocationId() + " for client " + c.client());
            if (!a.provider().equals(provider))
                throw ActorError.forbidden("verifreg.claim_provider_mismatch",
                        "allocation " + a.id() + " is for provider " + a.provider() + ", not " + provider);
            if (a.data() != c.data() || a.size() != c.size())
                throw ActorError.forbidden("verifreg.claim_piece_mismatch",
                        "sector piece (data " + c.data() + ", size " + c.size() + ") does not match allocation " + a.id()
                                + " (data " + a.data() + ", size " + a.size() + ")");
            if (now > a.expiration())
                throw ActorError.forbidden("verifreg.allocation_expired",
                        "allocation " + a.id() + " expired at epoch " + a.expiration() + ", now " + now);
            long term = s.sectorExpiration() - now;
            if (term < a.termMin() || term > a.termMax())
                throw ActorError.forbidden("verifreg.claim_term_outside_window",
                        "sector " + s.sector() + " lasts " + term + " epochs; allocation " + a.id() + " needs between "
                                + a.termMin() + " and " + a.termMax());
            clientAllocations(a.client()).remove(a.id());
            heldBytes.add(-a.size());
            putClaim(new Claim(a.id(), provider, a.client(), a.data(), a.size(),
                    a.termMin(), a.termMax(), now, s.sector()));
            chain.datacap().burn(Chain.VERIFIED_REGISTRY, a.size());
            claimedBytes.add(a.size());
            total = Math.addExact(total, a.size());
        }
        return total;
    }

    // ------------------------------------------------------------------ client methods
    /**
     * ExtendClaimTerms(list): for each item, the caller must be the claim's client; the new term_max is at least the
     * current one and at most 5 years (from term_start); allowed after the claim ended; costs no DataCap.
     */
    public BatchResult extendClaimTerms(Address caller, List<ClaimTerm> terms) {
        return chain.transact(EXTEND_CLAIM_TERMS, caller, () -> {
            refuseAfterUpgrade("extending claim terms");
            List<ActorError> errors = new ArrayList<>();
            for (ClaimTerm t : terms) {
                Claim c = claim(t.provider(), t.claimId());
                ActorError err = null;
                if (c == null)
                    err = ActorError.notFound("verifreg.claim_not_found", "no claim " + t.claimId() + " for provider " + t.provider());
                else if (!c.client().equals(caller))
                    err = ActorError.forbidden("verifreg.not_claim_client", "caller " + caller + " is not the client of claim " + c.id());
                else if (t.termMax() < c.termMax())
                    err = ActorError.illegalArgument("verifreg.term_max_decrease",
                            "term_max " + t.termMax() + " is below the current " + c.termMax());
                else if (t.termMax() > MAXIMUM_VERIFIED_ALLOCATION_TERM)
                    err = ActorError.illegalArgument("verifreg.term_max_too_long",
                            "term_max " + t.termMax() + " exceeds the maximum " + MAXIMUM_VERIFIED_ALLOCATION_TERM);
                if (err == null) {
                    putClaim(c.withTermMax(t.termMax()));
                    if (t.termMax() > c.termMax()) claimsExtended.add(1); // an equal term extends nothing
                }
                errors.add(err);
            }
            return new BatchResult(errors);
        });
    }

    // ------------------------------------------------------------------ anyone
    /**
     * RemoveExpiredAllocations(client, ids; empty = all): removes allocations with now ≥ expiration and transfers
     * their DataCap back to the client's token balance. Unexpired or unknown ids are refused item by item.
     */
    public RemoveExpiredResult removeExpiredAllocations(Address caller, Address client, List<Long> ids) {
        return chain.transact(REMOVE_EXPIRED_ALLOCATIONS, caller, () -> {
            long now = chain.epoch();
            List<Long> candidates = new ArrayList<>();
            List<ActorError> errors = new ArrayList<>();
            if (ids.isEmpty()) {
                for (Allocation a : allocationsOf(client).values()) if (now >= a.expiration()) candidates.add(a.id());
            } else {
                candidates.addAll(ids);
            }
            List<Long> removed = new ArrayList<>();
            long recovered = 0;
            for (long id : candidates) {
                Allocation a = allocation(client, id);
                if (a == null) {
                    errors.add(ActorError.notFound("verifreg.allocation_not_found", "no allocation " + id + " for client " + client));
                } else if (now < a.expiration()) {
                    errors.add(ActorError.forbidden("verifreg.allocation_not_expired",
                            "allocation " + id + " expires at " + a.expiration() + ", now " + now));
                } else {
                    clientAllocations(client).remove(id);
                    heldBytes.add(-a.size());
                    recovered = Math.addExact(recovered, a.size());
                    removed.add(id);
                    errors.add(null);
                }
            }
            if (recovered > 0) {
                chain.datacap().transferFromRegistry(client, recovered);
                expiredReturnedBytes.add(recovered);
            }
            return new RemoveExpiredResult(new BatchResult(errors), removed, recovered);
        });
    }

    /** RemoveExpiredClaims(provider, ids; empty = all): removes claims with now ≥ term_start + term_max. Bookkeeping only. */
    public RemoveExpiredResult removeExpiredClaims(Address caller, Address provider, List<Long> ids) {
        return chain.transact(REMOVE_EXPIRED_CLAIMS, caller, () -> {
            long now = chain.epoch();
            List<Long> candidates = new ArrayList<>();
            if (ids.isEmpty()) {
                ClaimStore m = claims.get(provider);
                if (m != null) for (long id : m.expiredIds(now)) candidates.add(id);
            } else {
                candidates.addAll(ids);
            }
            List<ActorError> errors = new ArrayList<>();
            List<Long> removed = new ArrayList<>();
            for (long id : candidates) {
                Claim c = claim(provider, id);
                if (c == null) {
                    errors.add(ActorError.notFound("verifreg.claim_not_found", "no claim " + id + " for provider " + provider));
                } else if (now < c.end()) {
                    errors.add(ActorError.forbidden("verifreg.claim_not_expired", "claim " + id + " ends at " + c.end() + ", now " + now));
                } else {
                    removeClaim(provider, id);
                    removed.add(id);
                    errors.add(null);
                }
            }
            return new RemoveExpiredResult(new BatchResult(errors), removed, 0);
        });
    }

    // ------------------------------------------------------------------ FIP-0118
    /**
     * The FIP-0118 migration (called once by the chain's cron at the upgrade epoch): verifiers cleared, pending
     * allocations cleared with their DataCap burned from the registry ({@link #clearedBytes()}), the root key set to
     * f099. Claims stay as historical records.
     */
    void applySolsticeMigration() {
        long cleared = 0;
        for (Address client : new ArrayList<>(allocations.keySet())) {
            for (Allocation a : allocations.get(client).values()) cleared = Math.addExact(cleared, a.size());
            allocations.remove(client);
        }
        if (cleared > 0) {
            heldBytes.add(-cleared);
            chain.datacap().burn(Chain.VERIFIED_REGISTRY, cleared);
            clearedBytes.add(cleared);
        }
        for (Address v : new ArrayList<>(verifiers.keySet())) verifiers.remove(v);
        rootKey = Chain.BURN;
    }

    private void refuseAfterUpgrade(String what) {
        if (chain.upgraded())
            throw ActorError.forbidden(DATACAP_DEPRECATED, "FIP-0118: datacap is deprecated, " + what + " is no longer supported");
    }

    // ------------------------------------------------------------------ internals
    private void requireRoot(Address caller) {
        if (!caller.equals(rootKey))
            throw ActorError.forbidden("verifreg.caller_not_root", "caller " + caller + " is not the root key " + rootKey);
    }

    private JMap<Long, Allocation> clientAllocations(Address client) {
        JMap<Long, Allocation> m = allocations.get(client);
        if (m == null) {
            m = JMap.indexed(chain.journal());
            allocations.put(client, m);
        }
        return m;
    }

    /** Sees every change of a claim whose client registered it (old null: created; new null: removed). */
    @FunctionalInterface
    public interface ClaimObserver {
        void claimChanged(Claim old, Claim now);
    }

    /**
     * Registers the observer of the claims whose client is {@code client} (e.g. a contract keeping running totals of
     * its claims). It is called inside the transaction that changes the claim, so journaled state it writes rolls back
     * with the change.
     */
    public void registerClaimObserver(Address client, ClaimObserver observer) { claimObservers.put(client, observer); }

    private void putClaim(Claim c) {
        ClaimStore m = providerClaims(c.provider());
        Claim old = m.put(c);
        ClaimObserver o = claimObservers.get(c.client());
        if (o != null) o.claimChanged(old, c);
    }

    private void removeClaim(Address provider, long id) {
        Claim old = providerClaims(provider).remove(id);
        if (old == null) return;
        ClaimObserver o = claimObservers.get(old.client());
        if (o != null) o.claimChanged(old, null);
    }

    private ClaimStore providerClaims(Address provider) {
        ClaimStore m = claims.get(provider);
        if (m == null) {
            m = new ClaimStore(chain.journal(), provider, chain.sectorBatching());
            claims.put(provider, m);
        }
        return m;
    }
}
