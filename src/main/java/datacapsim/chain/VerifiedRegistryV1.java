package datacapsim.chain;

import static datacapsim.chain.Policy.MINIMUM_VERIFIED_ALLOCATION_SIZE;

import java.util.Map;
import java.util.Set;

/**
 * The original verified registry actor of the regimes {@code v1} and {@code v1-topup} (spec: actors.md,
 * "VerifiedRegistry, other regimes"; seed 003; FIP-0012 for the top-up; order of checks and exit codes from
 * specs-actors actors/builtin/verifreg/verified_registry_actor.go). There is no DataCap token: the registry keeps
 * verifiers (address → remaining allowance in bytes) and verified clients (address → remaining bytes), which the
 * storage market spends with UseBytes at publication and gives back with RestoreBytes at a deal's timeout. Every
 * public method is a transaction: it applies whole or reverts whole.
 *
 * <p>The chain installs one under {@link Regime#V1} and {@link Regime#V1_TOPUP} ({@link Chain#verifregV1()}) and sets
 * its {@link #marketHook()} on the storage market.
 */
public final class VerifiedRegistryV1 {
    public static final String ADD_VERIFIER = "verifreg1.AddVerifier";
    public static final String REMOVE_VERIFIER = "verifreg1.RemoveVerifier";
    public static final String ADD_VERIFIED_CLIENT = "verifreg1.AddVerifiedClient";
    public static final String USE_BYTES = "verifreg1.UseBytes";
    public static final String RESTORE_BYTES = "verifreg1.RestoreBytes";

    private final Chain chain;
    private final Address rootKey;
    private final Regime regime;
    private final JMap<Address, Long> verifiers;
    private final JMap<Address, Long> clients;
    /** Every address that ever held verified bytes (AddVerifiedClient or RestoreBytes), in address order. */
    private final JMap<Address, Boolean> everVerified;
    private final JLong granted;
    private final JLong used;
    private final JLong restored;
    private final JLong dropped;

    /** A registry of {@link Regime#V1} or {@link Regime#V1_TOPUP}. */
    public VerifiedRegistryV1(Chain chain, Address rootKey, Regime regime) {
        if (chain == null || rootKey == null || regime == null)
            throw new IllegalArgumentException("chain, root key and regime are required");
        if (!regime.isV1()) throw new IllegalArgumentException("regime must be v1 or v1-topup, was " + regime);
        this.chain = chain;
        this.rootKey = rootKey;
        this.regime = regime;
        verifiers = new JMap<>(chain.journal());
        clients = new JMap<>(chain.journal());
        everVerified = new JMap<>(chain.journal());
        granted = new JLong(chain.journal());
        used = new JLong(chain.journal());
        restored = new JLong(chain.journal());
        dropped = new JLong(chain.journal());
    }

    /** The registry's actor address (the same singleton address as the ddo registry it replaces). */
    public Address address() { return Chain.VERIFIED_REGISTRY; }

    // ------------------------------------------------------------------ reads
    public Address rootKey() { return rootKey; }

    public Regime regime() { return regime; }

    public boolean isVerifier(Address a) { return verifiers.containsKey(a); }

    /** Remaining allowance of a verifier in bytes, or 0 when it is not one. */
    public long verifierAllowance(Address a) { return verifiers.getOrDefault(a, 0L); }

    public Map<Address, Long> verifiers() { return verifiers.view(); }

    public boolean isVerifiedClient(Address a) { return clients.containsKey(a); }

    /** Remaining verified bytes of a client, or 0 when it is not one. */
    public long clientBytes(Address a) { return clients.getOrDefault(a, 0L); }

    public Map<Address, Long> verifiedClients() { return clients.view(); }

    /**
     * How many distinct addresses ever held verified bytes (made a client by AddVerifiedClient, or recreated by
     * RestoreBytes); under v1 a client that needs more DataCap must come back under a new address, so this counts
     * the addresses the regime made clients use.
     */
    public long everVerifiedClients() { return everVerified.size(); }

    /** Bytes ever given to clients by AddVerifiedClient. */
    public long granted() { return granted.get(); }

    /** Bytes ever spent by UseBytes (verified deals published). */
    public long used() { return used.get(); }

    /** Bytes ever given back by RestoreBytes (verified deals timed out). */
    public long restored() { return restored.get(); }

    /** Bytes lost when UseBytes removed a client left with less than 1 MiB (its remainder). */
    public long dropped() { return dropped.get(); }

    /** The addresses counted by {@link #everVerifiedClients()}, in address order. */
    public Set<Address> everVerifiedClientSet() { return everVerified.view().keySet(); }

    // ------------------------------------------------------------------ root key methods
    /**
     * AddVerifier(addr, allowance): allowance ≥ 1 MiB; root only; addr not root and not a verified client. SETS the
     * allowance (overwrites a previous one).
     */
    public void addVerifier(Address caller, Address verifier, long allowance) {
        chain.transact(ADD_VERIFIER, caller, () -> {
            requireAtLeastMinimum("verifreg1.allowance_below_minimum", "verifier allowance", allowance);
            requireRoot(caller);
            if (verifier.equals(rootKey))
                throw ActorError.illegalArgument("verifreg1.verifier_is_root",
                        "the root key " + verifier + " cannot be added as a verifier");
            if (clients.containsKey(verifier))
                throw ActorError.illegalArgument("verifreg1.verifier_is_client",
                        "verified client " + verifier + " cannot become a verifier");
            verifiers.put(verifier, allowance);
            return null;
        });
    }

    /**
     * RemoveVerifier(addr): root only; the verifier must exist (an illegal argument from specs-actors v3 on; v2 failed
     * with an illegal state). Clients it verified keep their bytes.
     */
    public void removeVerifier(Address caller, Address verifier) {
        chain.transact(REMOVE_VERIFIER, caller, () -> {
            requireRoot(caller);
            if (verifiers.remove(verifier) == null)
                throw ActorError.illegalArgument("verifreg1.verifier_not_found", "no such verifier " + verifier);
            return null;
        });
    }

    // ------------------------------------------------------------------ verifier methods
    /**
     * AddVerifiedClient(addr, allowance), by a verifier: allowance ≥ 1 MiB; addr not root; the caller is a verifier;
     * addr is not a verifier; allowance ≤ the verifier's remaining; under {@link Regime#V1} addr is not already a
     * verified client, under {@link Regime#V1_TOPUP} the allowance is added to its remaining bytes.
     */
    public void addVerifiedClient(Address caller, Address client, long allowance) {
        chain.transact(ADD_VERIFIED_CLIENT, caller, () -> {
            requireAtLeastMinimum("verifreg1.allowance_below_minimum", "client allowance", allowance);
            if (client.equals(rootKey))
                throw ActorError.illegalArgument("verifreg1.client_is_root",
                        "the root key " + client + " cannot be added as a verified client");
            Long verifierCap = verifiers.get(caller);
            if (verifierCap == null)
                throw ActorError.notFound("verifreg1.caller_not_verifier", "no such verifier " + caller);
            if (verifiers.containsKey(client))
                throw ActorError.illegalArgument("verifreg1.client_is_verifier",
                        "verifier " + client + " cannot be added as a verified client");
            if (verifierCap < allowance)
                throw ActorError.illegalArgument("verifreg1.allowance_exceeds_verifier",
                        "allowance " + allowance + " for client " + client + " exceeds verifier " + caller
                                + "'s remaining " + verifierCap);
            Long existing = clients.get(client);
            if (existing != null && regime == Regime.V1)
                throw ActorError.illegalArgument("verifreg1.client_already_verified",
                        "verified client already exists: " + client + " (no top-up under v1; use a new address)");
            verifiers.put(caller, verifierCap - allowance);
            clients.put(client, existing == null ? allowance : Math.addExact(existing, allowance));
            everVerified.put(client, Boolean.TRUE);
            granted.add(allowance);
            return null;
        });
    }

    // ------------------------------------------------------------------ storage market methods
    /**
     * UseBytes(client, size), by the storage market at publication of a verified deal: size ≥ 1 MiB; the client
     * exists and has ≥ size. Subtracts; a client left with less than 1 MiB is removed (and may be verified again).
     */
    public void useBytes(Address caller, Address client, long size) {
        chain.transact(USE_BYTES, caller, () -> {
            requireMarket(caller);
            requireAtLeastMinimum("verifreg1.deal_size_below_minimum", "verified deal size", size);
            Long remaining = clients.get(client);
            if (remaining == null)
                throw ActorError.notFound("verifreg1.client_not_found", "no such verified client " + client);
            if (size > remaining)
                throw ActorError.illegalArgument("verifreg1.deal_size_exceeds_client",
                        "deal size " + size + " exceeds the " + remaining + " bytes left to verified client " + client);
            long left = remaining - size;
            used.add(size);
            if (left < MINIMUM_VERIFIED_ALLOCATION_SIZE) {
                clients.remove(client);
                dropped.add(left);
            } else {
                clients.put(client, left);
            }
            return null;
        });
    }

    /**
     * RestoreBytes(client, size), by the storage market when a verified deal timed out: size ≥ 1 MiB; the address
     * is not root and not a verifier. Adds the bytes back, recreating the client if UseBytes removed it.
     */
    public void restoreBytes(Address caller, Address client, long size) {
        chain.transact(RESTORE_BYTES, caller, () -> {
            requireMarket(caller);
            requireAtLeastMinimum("verifreg1.deal_size_below_minimum", "restored deal size", size);
            if (client.equals(rootKey))
                throw ActorError.illegalArgument("verifreg1.client_is_root",
                        "cannot restore verified bytes for the root key " + client);
            if (verifiers.containsKey(client))
                throw ActorError.illegalArgument("verifreg1.client_is_verifier",
                        "cannot restore verified bytes for verifier " + client);
            clients.put(client, Math.addExact(clientBytes(client), size));
            everVerified.put(client, Boolean.TRUE);
            restored.add(size);
            return null;
        });
    }

    // ------------------------------------------------------------------ the market's hook
    /**
     * The hook the storage market calls for verified deals: publication uses the client's bytes (a refusal drops that
     * deal); a timeout restores them (a refused RestoreBytes is ignored, as the real market only logs it); activation
     * does nothing here (QA power comes from the deal weight).
     */
    public VerifiedDealHook marketHook() {
        return new VerifiedDealHook() {
            @Override
            public long onPublish(DealProposal deal) {
                useBytes(Chain.STORAGE_MARKET, deal.client(), deal.size());
                return NO_ALLOCATION;
            }

            @Override
            public void onTimeout(long dealId, DealProposal deal, long allocationId) {
                try {
                    restoreBytes(Chain.STORAGE_MARKET, deal.client(), deal.size());
                } catch (ActorError e) {
                    // the real market logs a failed RestoreBytes and goes on timing the deal out; its effects reverted
                }
            }
        };
    }

    // ------------------------------------------------------------------ internals
    private void requireRoot(Address caller) {
        if (!caller.equals(rootKey))
            throw ActorError.forbidden("verifreg1.caller_not_root",
                    "caller " + caller + " is not the root key " + rootKey);
    }

    private static void requireMarket(Address caller) {
        if (!caller.equals(Chain.STORAGE_MARKET))
            throw ActorError.forbidden("verifreg1.caller_not_market",
                    "caller " + caller + " is not the storage market " + Chain.STORAGE_MARKET);
    }

    private static void requireAtLeastMinimum(String rule, String what, long bytes) {
        if (bytes < MINIMUM_VERIFIED_ALLOCATION_SIZE)
            throw ActorError.illegalArgument(rule,
                    what + " " + bytes + " is below the minimum " + MINIMUM_VERIFIED_ALLOCATION_SIZE);
    }
}
