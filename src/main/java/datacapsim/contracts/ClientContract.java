package datacapsim.contracts;

import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.AllocationRequest;
import datacapsim.chain.AllocationRequests;
import datacapsim.chain.Chain;
import datacapsim.chain.Claim;
import datacapsim.chain.ClaimExtensionRequest;
import datacapsim.chain.JMap;
import datacapsim.chain.VerifiedRegistry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The Client Contract, MetaAllocator flavour (seed 000, second design; fidlabs/contract-metaallocator src/Client.sol):
 * a verified client itself. It holds DataCap (minted to it by the MetaAllocator, returned to it from expired
 * allocations) and creates allocations with it for the real clients, each within the allowance its owner (the
 * allocator, or the OnRamp) granted. The registry sees the contract as the client of every allocation and claim.
 *
 * <p>Storage per client: allowance; total granted ({@code totalAllocations}: increases − decreases, spending does not
 * lower it); allowed SPs; per-SP cumulative bytes of allocations and claim extensions; max deviation from the fair
 * distribution in basis points of {@value #DENOMINATOR} (default 0). A request for provider p is fair while the
 * client's cumulative bytes with p stay ≤ floor(total / allowed SPs) + floor(total × deviation / 10,000).
 *
 * <p>DataCap returned from expired allocations lands in the contract's token balance and is credited to nobody.
 * Variants: none differ.
 */
public final class ClientContract extends Contract {
    public static final String NAME = "ClientContract";
    /** Basis points of a whole (Client.sol DENOMINATOR). */
    public static final long DENOMINATOR = 10_000;

    public record AllowanceChanged(Address client, long allowanceBefore, long allowanceAfter) implements ContractEvent {}

    public record DatacapSpent(Address client, long amount) implements ContractEvent {}

    public record SPsAddedForClient(Address client, List<Address> allowedSPs) implements ContractEvent {
        public SPsAddedForClient { allowedSPs = List.copyOf(allowedSPs); }
    }

    public record SPsRemovedForClient(Address client, List<Address> disallowedSPs) implements ContractEvent {
        public SPsRemovedForClient { disallowedSPs = List.copyOf(disallowedSPs); }
    }

    public record ClientConfigChanged(Address client, long maxDeviation) implements ContractEvent {}

    /** OpenZeppelin Ownable2Step: a transfer of ownership was offered. */
    public record OwnershipTransferStarted(Address previousOwner, Address newOwner) implements ContractEvent {}

    /** OpenZeppelin Ownable: the ownership changed hands. */
    public record OwnershipTransferred(Address previousOwner, Address newOwner) implements ContractEvent {}

    /** (client, provider): the key of the allowed-SP set and of the per-SP cumulative bytes. */
    public record ClientSp(Address client, Address provider) implements Comparable<ClientSp> {
        @Override
        public int compareTo(ClientSp o) {
            int c = client.compareTo(o.client);
            return c != 0 ? c : provider.compareTo(o.provider);
        }
    }

    private static final Address MIN_ADDRESS = Address.of(0);
    private static final Address MAX_ADDRESS = Address.of(Long.MAX_VALUE);

    private Address owner;
    private Address pendingOwner;
    private final JMap<Address, Long> allowances;
    private final JMap<Address, Long> totalAllocations;
    private final JMap<Address, Long> maxDeviations;
    private final JMap<ClientSp, Boolean> allowedSPs;
    private final JMap<ClientSp, Long> allocationsPerSP;

    /** Deploys the contract owned by {@code owner} and registers its DataCap receiver hook (it accepts all DataCap). */
    public ClientContract(Chain chain, EventLog events, Address owner) {
        super(chain, NAME, events);
        this.owner = owner;
        this.allowances = new JMap<>(chain.journal());
        this.totalAllocations = new JMap<>(chain.journal());
        this.maxDeviations = new JMap<>(chain.journal());
        this.allowedSPs = new JMap<>(chain.journal());
        this.allocationsPerSP = new JMap<>(chain.journal());
        // handle_filecoin_method: accepts FRC-46 DataCap from the token actor, minted or returned from the registry
        chain.registerDataCapReceiver(address, (from, operator, amount) -> { });
    }

    // ------------------------------------------------------------------ reads
    public Address owner() { return owner; }

    /** The account offered ownership and not yet accepted, or null. */
    public Address pendingOwner() { return pendingOwner; }

    /** allowances(client): what the client may still spend. */
    public long allowance(Address client) { return allowances.getOrDefault(client, 0L); }

    /** totalAllocations(client): increases − decreases; spending does not lower it. */
    public long totalAllocations(Address client) { return totalAllocations.getOrDefault(client, 0L); }

    /** clientConfigs(client): max deviation from the fair distribution, in basis points of 10,000. */
    public long maxDeviation(Address client) { return maxDeviations.getOrDefault(client, 0L); }

    public boolean isAllowedSP(Address client, Address provider) { return allowedSPs.containsKey(new ClientSp(client, provider)); }

    /** clientSPs(client): the allowed providers, in address order. */
    public List<Address> clientSPs(Address client) {
        List<Address> out = new ArrayList<>();
        for (ClientSp k : clientRange(allowedSPs.view(), client).keySet()) out.add(k.provider());
        return out;
    }

    /** Cumulative bytes of the client's allocations and claim extensions with one provider. */
    public long allocatedTo(Address client, Address provider) {
        return allocationsPerSP.getOrDefault(new ClientSp(client, provider), 0L);
    }

    /** clientAllocationsPerSP(client): provider → cumulative bytes, in address order. */
    public Map<Address, Long> clientAllocationsPerSP(Address client) {
        Map<Address, Long> out = new TreeMap<>();
        for (var e : clientRange(allocationsPerSP.view(), client).entrySet()) out.put(e.getKey().provider(), e.getValue());
        return out;
    }

    /**
     * The most one provider may hold of the client's allocations now: floor(total / allowed SPs) +
     * floor(total × deviation / 10,000); 0 when no SP is allowed.
     */
    public long maxPerSp(Address client) {
        long sps = clientRange(allowedSPs.view(), client).size();
        if (sps == 0) return 0;
        BigInteger total = BigInteger.valueOf(totalAllocations(client));
        BigInteger max = total.divide(BigInteger.valueOf(sps))
                .add(total.multiply(BigInteger.valueOf(maxDeviation(client))).divide(BigInteger.valueOf(DENOMINATOR)));
        return max.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    }

    /** Every client's allowance (non-zero only). */
    public Map<Address, Long> allowances() { return allowances.view(); }

    /** Every client's total granted (non-zero only). */
    public Map<Address, Long> totalsGranted() { return totalAllocations.view(); }

    /** Every client's max deviation (non-zero only). */
    public Map<Address, Long> maxDeviations() { return maxDeviations.view(); }

    /** All (client, provider) pairs allowed. */
    public NavigableMap<ClientSp, Boolean> allowedSPs() { return allowedSPs.view(); }

    /** All (client, provider) cumulative bytes. */
    public NavigableMap<ClientSp, Long> allocationsPerSP() { return allocationsPerSP.view(); }

    /** Sum of all clients' allowances. */
    public long totalAllowance() {
        long s = 0;
        for (long v : allowances.values()) s = Math.addExact(s, v);
        return s;
    }

    // ------------------------------------------------------------------ owner functions
    /** increaseAllowance(client, amount), owner: amount > 0; allowance and total granted grow by it. */
    public void increaseAllowance(Address caller, Address client, long amount) {
        run("increaseAllowance", caller, () -> {
            requireOwner(caller);
            if (amount <= 0) throw error("AmountEqualZero", "amount must be > 0, got " + amount);
            long before = allowance(client);
            setOrRemove(allowances, client, Math.addExact(before, amount));
            setOrRemove(totalAllocations, client, Math.addExact(totalAllocations(client), amount));
            emit(new AllowanceChanged(client, before, allowance(client)));
        });
    }

    /**
     * decreaseAllowance(client, amount), owner: amount > 0, allowance > 0; takes back min(amount, allowance) from the
     * allowance and from the total granted (which lowers the client's fair-distribution cap).
     */
    public void decreaseAllowance(Address caller, Address client, long amount) {
        run("decreaseAllowance", caller, () -> {
            requireOwner(caller);
            if (amount <= 0) throw error("AmountEqualZero", "amount must be > 0, got " + amount);
            long before = allowance(client);
            if (before == 0) throw error("AlreadyZero", "allowance of " + client + " is already zero");
            long taken = Math.min(before, amount);
            setOrRemove(allowances, client, before - taken);
            setOrRemove(totalAllocations, client, totalAllocations(client) - taken);
            emit(new AllowanceChanged(client, before, allowance(client)));
        });
    }

    /** addAllowedSPsForClient(client, sps), owner: adds to the set (already allowed ones stay). */
    public void addAllowedSPsForClient(Address caller, Address client, List<Address> sps) {
        run("addAllowedSPsForClient", caller, () -> {
            requireOwner(caller);
            for (Address sp : sps) allowedSPs.put(new ClientSp(client, sp), Boolean.TRUE);
            emit(new SPsAddedForClient(client, sps));
        });
    }

    /** removeAllowedSPsForClient(client, sps), owner: removes from the set (bytes already given are kept). */
    public void removeAllowedSPsForClient(Address caller, Address client, List<Address> sps) {
        run("removeAllowedSPsForClient", caller, () -> {
            requireOwner(caller);
            for (Address sp : sps) allowedSPs.remove(new ClientSp(client, sp));
            emit(new SPsRemovedForClient(client, sps));
        });
    }

    /**
     * setClientMaxDeviationFromFairDistribution(client, bps), owner: 0 = no slack, 10,000 = a whole total of slack.
     * No upper bound (as in Client.sol); a negative value (no uint256) is refused {@code InvalidArgument}.
     */
    public void setClientMaxDeviationFromFairDistribution(Address caller, Address client, long maxDeviation) {
        run("setClientMaxDeviationFromFairDistribution", caller, () -> {
            requireOwner(caller);
            if (maxDeviation < 0) throw error("InvalidArgument", "deviation must be >= 0 basis points, got " + maxDeviation);
            setOrRemove(maxDeviations, client, maxDeviation);
            emit(new ClientConfigChanged(client, maxDeviation));
        });
    }

    /** transferOwnership(newOwner), owner (Ownable2Step): offers ownership; the new owner must accept. */
    public void transferOwnership(Address caller, Address newOwner) {
        run("transferOwnership", caller, () -> {
            requireOwner(caller);
            setPendingOwner(newOwner);
            emit(new OwnershipTransferStarted(owner, newOwner));
        });
    }

    /** acceptOwnership(), the pending owner: becomes the owner. */
    public void acceptOwnership(Address caller) {
        run("acceptOwnership", caller, () -> {
            if (pendingOwner == null || !pendingOwner.equals(caller))
                throw error("OwnableUnauthorizedAccount", caller + " is not the pending owner " + pendingOwner, caller);
            Address previous = owner;
            assign(v -> owner = v, previous, caller);
            setPendingOwner(null);
            emit(new OwnershipTransferred(previous, caller));
        });
    }

    // ------------------------------------------------------------------ client function
    /**
     * transfer(amount, operator data), by the client: {@code amount} is the DataCap sent to the registry, which must
     * equal the requests' sizes plus the sizes of the claims extended (the registry checks that). Checks, in
     * Client.sol's order: amount ≤ the caller's allowance ({@code InsufficientAllowance}); each allocation request in
     * order: its SP allowed ({@code NotAllowedSP}), the SP's cumulative bytes += size and ≤ the cap
     * ({@code UnfairDistribution(max, value)}); then the extensions: every SP allowed (in order of first appearance),
     * each SP's claims found ({@code GetClaimsCallFailed}) and its cumulative bytes += the sizes of its extended
     * claims, ≤ the cap. Then allowance −= amount and the contract transfers its own DataCap to the registry with the
     * requests; if the token or the registry refuses, everything reverts with {@code TransferFailed(rule)}.
     *
     * @return the registry's answer (the new allocation ids, in request order)
     */
    public VerifiedRegistry.TransferResult transfer(Address caller, long amount, AllocationRequests requests) {
        return call("transfer", caller, () -> {
            if (amount < 0) throw error("InvalidAmount", "amount must be >= 0, got " + amount);
            if (requests == null) throw error("InvalidOperatorData", "a transfer must carry allocation requests");
            long allowance = allowance(caller);
            if (allowance < amount)
                throw error("InsufficientAllowance", caller + " may spend " + allowance + ", asked " + amount);
            long max = maxPerSp(caller); // fixed for the whole call: neither the total nor the SP set changes in it
            for (AllocationRequest r : requests.allocations()) {
                requireAllowedSP(caller, r.provider());
                addFair(caller, r.provider(), r.size(), max);
            }
            registerClaimExtensions(caller, requests.extensions(), max);
            setOrRemove(allowances, caller, allowance - amount);
            emit(new DatacapSpent(caller, amount));
            try {
                return chain.datacap().transfer(address, Chain.VERIFIED_REGISTRY, amount, requests);
            } catch (ActorError e) {
                throw error("TransferFailed", "the DataCap transfer to the registry failed: " + e, e.rule());
            }
        });
    }

    // ------------------------------------------------------------------ internals
    private void registerClaimExtensions(Address client, List<ClaimExtensionRequest> extensions, long max) {
        if (extensions.isEmpty()) return;
        LinkedHashSet<Address> providers = new LinkedHashSet<>();
        for (ClaimExtensionRequest x : extensions) providers.add(x.provider());
        for (Address p : providers) requireAllowedSP(client, p);
        Map<Address, Long> sizes = new LinkedHashMap<>();
        for (Address p : providers) {
            long size = 0;
            for (ClaimExtensionRequest x : extensions) {
                if (!x.provider().equals(p)) continue;
                Claim c = chain.verifreg().claim(p, x.claimId());
                if (c == null) throw error("GetClaimsCallFailed", "no claim " + x.claimId() + " for provider " + p);
                size = Math.addExact(size, c.size());
            }
            sizes.put(p, size);
        }
        for (var e : sizes.entrySet()) addFair(client, e.getKey(), e.getValue(), max);
    }

    private void addFair(Address client, Address provider, long size, long max) {
        ClientSp k = new ClientSp(client, provider);
        long value = Math.addExact(allocationsPerSP.getOrDefault(k, 0L), size);
        allocationsPerSP.put(k, value);
        if (value > max)
            throw error("UnfairDistribution", client + " would give " + value + " bytes to " + provider
                    + ", more than the " + max + " allowed per SP", max, value);
    }

    private void requireAllowedSP(Address client, Address provider) {
        if (!isAllowedSP(client, provider))
            throw error("NotAllowedSP", provider + " is not an allowed SP of " + client, provider);
    }

    private void requireOwner(Address caller) {
        if (!caller.equals(owner)) throw error("OwnableUnauthorizedAccount", "only the owner " + owner + " may call this", caller);
    }

    private void setPendingOwner(Address a) {
        assign(v -> pendingOwner = v, pendingOwner, a);
    }

    private static <V> NavigableMap<ClientSp, V> clientRange(NavigableMap<ClientSp, V> m, Address client) {
        return m.subMap(new ClientSp(client, MIN_ADDRESS), true, new ClientSp(client, MAX_ADDRESS), true);
    }

    private static void setOrRemove(JMap<Address, Long> m, Address k, long v) {
        if (v == 0) m.remove(k);
        else m.put(k, v);
    }
}
