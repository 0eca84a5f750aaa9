package datacapsim.contracts;

import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.AllocationRequest;
import datacapsim.chain.AllocationRequests;
import datacapsim.chain.Chain;
import datacapsim.chain.Claim;
import datacapsim.chain.ClaimExtensionRequest;
import datacapsim.chain.JHashMap;
import datacapsim.chain.JList;
import datacapsim.chain.JLong;
import datacapsim.chain.JMap;
import datacapsim.chain.Miner;
import datacapsim.chain.VerifiedRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The SLA Client Smart Contract (seed 001; kacperzuk-neti/sla-allocator-contracts src/Client.sol): a verified client
 * that holds all DataCap the SLAAllocator mints and lets each client spend it with each provider up to the allowance
 * the allocator granted for that pair. The registry sees this contract as the client of every allocation.
 *
 * <p>Storage: allowance per (client, provider); per provider each client's cumulative bytes spent, clients in
 * first-spend order; allocation ids per (provider, client); claims flagged as terminated early.
 *
 * <p>Variants: in {@code transfer} the provider's beneficiary must outlast the deal — designed: beneficiary expiration
 * ≥ the latest end any of the transfer's deals with that provider can reach (allocation expiration + term_max, or for
 * an extension term_start + new term_max) + 180 days; deployed: expiration ≥ now + 5,256,000 epochs (MinerUtils'
 * 5-year check). Early-termination flags — designed: keyed and looked up by claim id; deployed: stored under the ids
 * the oracle reports (claim ids) but looked up by the claim's SECTOR number (Client.sol getClientSpActiveDataSize reads
 * {@code terminatedClaims[claim.sector]}), so a report has no effect on the claim it names and instead hides every
 * claim, of any provider, whose sector number equals the reported id.
 */
public final class SLAClientContract extends AccessControlled implements SlaClientView {
    public static final String NAME = "SLAClientContract";
    public static final String ADMIN = Roles.DEFAULT_ADMIN;
    public static final String ALLOCATOR = "ALLOCATOR_ROLE";
    public static final String TERMINATION_ORACLE = "TERMINATION_ORACLE";

    public record AllowanceChanged(Address client, Address provider, long before, long after) implements ContractEvent {}

    public record DatacapSpent(Address client, long amount) implements ContractEvent {}

    public record ClaimsTerminatedEarly(List<Long> claims) implements ContractEvent {
        public ClaimsTerminatedEarly { claims = List.copyOf(claims); }
    }

    public record BeneficiaryFactorySet(Address factory) implements ContractEvent {}

    private final Variant variant;
    private final SlaConfig config;
    private BeneficiaryRegistry beneficiaryRegistry;
    private final JMap<SlaPair, Long> allowances;
    private final JLong totalAllowance;
    /** (client, provider) → cumulative bytes the client spent with the provider. */
    private final JMap<SlaPair, Long> spent;
    /** provider → its clients in the order they first spent. */
    private final JHashMap<Address, JList<Address>> clientOrder;
    /** (client, provider) → allocation ids created by the client's transfers with the provider. */
    private final JMap<SlaPair, JList<Long>> allocationIds;
    /** Ids reported by the termination oracle. */
    private final JHashMap<Long, Boolean> terminated;
    // Running totals behind activeDataSize, kept from the registry's claim changes (derived state, journaled):
    /** allocation id → the (client, provider) pair whose transfer created it. */
    private final JHashMap<Long, SlaPair> pairOf;
    /** pair → bytes of its counted claims (claims in the registry, not flagged), expired ones included. */
    private final JHashMap<SlaPair, Long> countedBytes;
    /** pair → claim end → bytes of the pair's counted claims ending then (so a read subtracts the expired ones). */
    private final JHashMap<SlaPair, JMap<Long, Long>> countedByEnd;
    /** flag key (claim id, or sector number when deployed) → the counted claims a report of that key hides. */
    private final JHashMap<Long, List<Claim>> countedByFlagKey;
    // Counts an agent may poll to learn that allocations went away without looking each up (derived, journaled):
    /** Allocation ids recorded, in total. */
    private final JLong allocationsMade;
    /** Claims made from this contract's allocations, in total and per pair. */
    private final JLong claimsMadeTotal;
    private final JHashMap<SlaPair, JLong> claimsMade;

    /**
     * @param admin             holds DEFAULT_ADMIN_ROLE
     * @param allocator         holds ALLOCATOR_ROLE (the SLAAllocator); may be null and granted later by the admin
     * @param registry          the BeneficiaryFactory's registry
     * @param terminationOracle holds TERMINATION_ORACLE
     */
    public SLAClientContract(Chain chain, EventLog events, Variant variant, SlaConfig config, Address admin, Address allocator,
                             BeneficiaryRegistry registry, Address terminationOracle) {
        super(chain, NAME, events);
        this.variant = variant;
        this.config = config;
        this.beneficiaryRegistry = registry;
        this.allowances = JMap.indexed(chain.journal());
        this.totalAllowance = new JLong(chain.journal());
        this.spent = JMap.indexed(chain.journal());
        this.clientOrder = new JHashMap<>(chain.journal());
        this.allocationIds = new JMap<>(chain.journal());
        this.terminated = new JHashMap<>(chain.journal());
        this.pairOf = new JHashMap<>(chain.journal());
        this.countedBytes = new JHashMap<>(chain.journal());
        this.countedByEnd = new JHashMap<>(chain.journal());
        this.countedByFlagKey = new JHashMap<>(chain.journal());
        this.allocationsMade = new JLong(chain.journal());
        this.claimsMadeTotal = new JLong(chain.journal());
        this.claimsMade = new JHashMap<>(chain.journal());
        chain.verifreg().registerClaimObserver(address, this::claimChanged);
        roles.grantUnchecked(ADMIN, admin);
        if (allocator != null) roles.grantUnchecked(ALLOCATOR, allocator);
        if (terminationOracle != null) roles.grantUnchecked(TERMINATION_ORACLE, terminationOracle);
        // the FRC-0046 receiver hook: the contract accepts DataCap minted to it and returned from expired allocations
        chain.registerDataCapReceiver(address, (from, operator, amount) -> { });
    }

    // ------------------------------------------------------------------ reads
    public Variant variant() { return variant; }

    public SlaConfig config() { return config; }

    public BeneficiaryRegistry beneficiaryRegistry() { return beneficiaryRegistry; }

    public long allowance(Address client, Address provider) { return allowances.getOrDefault(new SlaPair(client, provider), 0L); }

    /** Every non-zero allowance. */
    public Map<SlaPair, Long> allowances() { return allowances.view(); }

    /** Sum of all allowances not yet spent. */
    public long totalAllowance() { return totalAllowance.get(); }

    /** The contract's DataCap balance. */
    public long dataCapBalance() { return chain.datacap().balanceOf(address); }

    /** DataCap not yet promised to anyone: balance − total allowance (negative when over-promised, deployed only). */
    public long availableDataCap() { return dataCapBalance() - totalAllowance(); }

    /** Cumulative bytes the client spent with the provider. */
    public long spent(Address client, Address provider) { return spent.getOrDefault(new SlaPair(client, provider), 0L); }

    /** Every (client, provider) pair's cumulative spend. */
    public Map<SlaPair, Long> spends() { return spent.view(); }

    @Override
    public List<Address> clientsOf(Address provider) {
        JList<Address> order = clientOrder.get(provider);
        return order == null ? List.of() : order.snapshot();
    }

    /** getSPClientsDataUsage(provider): the provider's clients in first-spend order with their cumulative spend. */
    public Map<Address, Long> spClientsDataUsage(Address provider) {
        Map<Address, Long> out = new LinkedHashMap<>();
        for (Address c : clientsOf(provider)) out.put(c, spent(c, provider));
        return Collections.unmodifiableMap(out);
    }

    /** getClientAllocationIdsPerProvider(provider, client). */
    public List<Long> allocationIds(Address provider, Address client) {
        JList<Long> ids = allocationIds.get(new SlaPair(client, provider));
        return ids == null ? List.of() : ids.snapshot();
    }

    /** The (client, provider) pairs that have allocation ids, in pair order (a view). */
    public Set<SlaPair> allocationPairs() { return allocationIds.keySet(); }

    /** How many allocation ids the (client, provider) pair has (the size of {@link #allocationIds}, without a copy). */
    public int allocationIdCount(SlaPair pair) {
        JList<Long> ids = allocationIds.get(pair);
        return ids == null ? 0 : ids.size();
    }

    /** Every (client, provider) pair's allocation ids, in pair order (a map of immutable snapshots). */
    public Map<SlaPair, List<Long>> allAllocationIds() {
        Map<SlaPair, List<Long>> out = new LinkedHashMap<>();
        for (Map.Entry<SlaPair, JList<Long>> e : allocationIds.entrySet()) out.put(e.getKey(), e.getValue().snapshot());
        return Collections.unmodifiableMap(out);
    }

    /**
     * How many claims were made from the pair's allocations (counted when the registry creates them; extensions and
     * removals do not count). An allocation of the pair can be claimed only by raising this count.
     */
    public long claimsMade(Address client, Address provider) {
        JLong n = claimsMade.get(new SlaPair(client, provider));
        return n == null ? 0 : n.get();
    }

    /**
     * A live read of {@link #claimsMade} for the pair once it has a claim (null before): a poller keeps it instead of
     * looking the pair up at every poll.
     */
    public LongSupplier claimsMadeReader(Address client, Address provider) {
        JLong n = claimsMade.get(new SlaPair(client, provider));
        return n == null ? null : n::get;
    }

    /**
     * How many of this contract's allocations left the registry other than by being claimed (removed after expiring,
     * or cleared by FIP-0118): the ids recorded − the claims made − the allocations the registry holds. It never falls;
     * while it stays put, every allocation that went away was claimed.
     */
    public long allocationsGoneUnclaimed() {
        return allocationsMade.get() - claimsMadeTotal.get() - chain.verifreg().allocationsOf(address).size();
    }

    /** The ids the termination oracle reported, sorted (a copy). */
    public Set<Long> terminatedIds() { return terminated.sortedKeys(); }

    /**
     * Sum of sizes of the client's claims with the provider that are still within their term (now ≤ term_start +
     * term_max) and not flagged as terminated early (see the class comment for how each variant matches flags).
     * Allocations not (yet) claimed and claims no longer in the registry count nothing. Unlike the source, this read
     * does not prune the stored allocation ids.
     */
    @Override
    public long activeDataSize(Address client, Address provider) {
        SlaPair k = new SlaPair(client, provider);
        long total = countedBytes.getOrDefault(k, 0L);
        if (total == 0) return 0;
        JMap<Long, Long> ends = countedByEnd.get(k);
        if (ends == null) return total;
        for (long bytes : ends.view().headMap(chain.epoch(), false).values()) total -= bytes;
        return total;
    }

    /** {@link #activeDataSize} by walking the pair's allocation ids (the reference the running totals must match). */
    public long activeDataSizeByWalk(Address client, Address provider) {
        long now = chain.epoch();
        long total = 0;
        for (long id : allocationIds(provider, client)) {
            Claim c = chain.verifreg().claim(provider, id);
            if (c == null || now > c.end()) continue;
            long flagKey = variant == Variant.DEPLOYED ? c.sector() : c.id();
            if (terminated.containsKey(flagKey)) continue;
            total = Math.addExact(total, c.size());
        }
        return total;
    }

    // ------------------------------------------------------------------ allocator
    /** increaseAllowance(client, provider, amount), allocator: amount > 0; adds. */
    public void increaseAllowance(Address caller, Address client, Address provider, long amount) {
        run("increaseAllowance", caller, () -> {
            roles.require(ALLOCATOR, caller);
            if (amount <= 0) throw error("AmountEqualsZero", "amount must be > 0, got " + amount);
            long before = allowance(client, provider);
            setAllowance(client, provider, Math.addExact(before, amount));
            emit(new AllowanceChanged(client, provider, before, allowance(client, provider)));
        });
    }

    /** decreaseAllowance(client, provider, amount), allocator: amount > 0, allowance > 0; subtracts, to zero at most. */
    public void decreaseAllowance(Address caller, Address client, Address provider, long amount) {
        run("decreaseAllowance", caller, () -> {
            roles.require(ALLOCATOR, caller);
            if (amount <= 0) throw error("AmountEqualsZero", "amount must be > 0, got " + amount);
            long before = allowance(client, provider);
            if (before == 0) throw error("AlreadyZero", "allowance of " + client + " with " + provider + " is already zero");
            setAllowance(client, provider, before - Math.min(before, amount));
            emit(new AllowanceChanged(client, provider, before, allowance(client, provider)));
        });
    }

    // ------------------------------------------------------------------ client
    /**
     * transfer(requests), by the client. For each allocation (then each claim extension), in order: the provider's
     * beneficiary is set up correctly (factory instance, effectively unlimited quota, expiration per the variant); the
     * client's allowance with the provider covers the size (an extension costs its claim's size); the allowance is
     * deducted and the spend recorded. Then the contract's DataCap goes to the registry with the requests (the
     * registry's checks apply; a refusal reverts everything as {@code TransferFailed}) and the new allocation ids are
     * recorded per (provider, client). Returns those ids.
     */
    public List<Long> transfer(Address caller, AllocationRequests requests) {
        return call("transfer", caller, () -> {
            Address client = caller;
            long now = chain.epoch();
            List<Claim> extended = new ArrayList<>();
            Map<Address, Long> latestEnd = new TreeMap<>();
            for (AllocationRequest r : requests.allocations())
                latestEnd.merge(r.provider(), Math.addExact(r.expiration(), r.termMax()), Math::max);
            for (ClaimExtensionRequest x : requests.extensions()) {
                Claim c = chain.verifreg().claim(x.provider(), x.claimId());
                if (c == null)
                    throw error("GetClaimsCallFailed", "no claim " + x.claimId() + " for provider " + x.provider(),
                            x.provider(), x.claimId());
                extended.add(c);
                latestEnd.merge(x.provider(), Math.addExact(c.termStart(), x.termMax()), Math::max);
            }
            long amount = 0;
            for (AllocationRequest r : requests.allocations()) {
                spend(client, r.provider(), r.size(), latestEnd.get(r.provider()), now);
                amount = Math.addExact(amount, r.size());
            }
            for (Claim c : extended) {
                spend(client, c.provider(), c.size(), latestEnd.get(c.provider()), now);
                amount = Math.addExact(amount, c.size());
            }
            emit(new DatacapSpent(client, amount));
            VerifiedRegistry.TransferResult result;
            try {
                result = chain.datacap().transfer(address, Chain.VERIFIED_REGISTRY, amount, requests);
            } catch (ActorError e) {
                throw error("TransferFailed", e.rule() + ": " + e.getMessage(), e.exitCode().code());
            }
            List<Long> ids = result.allocationIds();
            for (int i = 0; i < ids.size(); i++) {
                SlaPair k = new SlaPair(client, requests.allocations().get(i).provider());
                JList<Long> list = allocationIds.get(k);
                if (list == null) {
                    list = new JList<>(chain.journal());
                    allocationIds.put(k, list);
                }
                list.add(ids.get(i));
                pairOf.put(ids.get(i), k);
                allocationsMade.add(1);
            }
            return ids;
        });
    }

    // ------------------------------------------------------------------ termination oracle
    /** claimsTerminatedEarly(ids), termination oracle: flags each id (see the class comment for the variants). */
    public void claimsTerminatedEarly(Address caller, List<Long> ids) {
        run("claimsTerminatedEarly", caller, () -> {
            roles.require(TERMINATION_ORACLE, caller);
            for (long id : ids) {
                if (terminated.containsKey(id)) continue;
                for (Claim c : countedByFlagKey.getOrDefault(id, List.of())) count(c, -1);
                terminated.put(id, Boolean.TRUE);
            }
            emit(new ClaimsTerminatedEarly(ids));
        });
    }

    // ------------------------------------------------------------------ admin
    /** setBeneficiaryFactory(registry), admin. */
    public void setBeneficiaryRegistry(Address caller, BeneficiaryRegistry registry) {
        run("setBeneficiaryRegistry", caller, () -> {
            roles.require(ADMIN, caller);
            assign(v -> beneficiaryRegistry = v, beneficiaryRegistry, registry);
            emit(new BeneficiaryFactorySet(registry == null ? null : registry.address()));
        });
    }

    // ------------------------------------------------------------------ internals
    private long flagKey(Claim c) { return variant == Variant.DEPLOYED ? c.sector() : c.id(); }

    private boolean counts(Claim c) { return pairOf.containsKey(c.id()) && !terminated.containsKey(flagKey(c)); }

    /** The registry changed one of this contract's claims: keep the running totals. */
    private void claimChanged(Claim old, Claim now) {
        if (old == null && now != null) {
            SlaPair k = pairOf.get(now.id());
            if (k != null) {
                JLong n = claimsMade.get(k);
                if (n == null) {
                    n = new JLong(chain.journal());
                    claimsMade.put(k, n);
                }
                n.add(1);
                claimsMadeTotal.add(1);
            }
        }
        if (old != null && counts(old)) count(old, -1);
        if (now != null && counts(now)) count(now, +1);
    }

    private void count(Claim c, int sign) {
        SlaPair k = pairOf.get(c.id());
        long delta = sign * c.size();
        long total = Math.addExact(countedBytes.getOrDefault(k, 0L), delta);
        if (total == 0) countedBytes.remove(k);
        else countedBytes.put(k, total);
        JMap<Long, Long> ends = countedByEnd.get(k);
        if (ends == null) {
            ends = new JMap<>(chain.journal());
            countedByEnd.put(k, ends);
        }
        long atEnd = Math.addExact(ends.getOrDefault(c.end(), 0L), delta);
        if (atEnd != 0) ends.put(c.end(), atEnd);
        else if (ends.remove(c.end()) != null && ends.isEmpty()) countedByEnd.remove(k);
        long fk = flagKey(c);
        List<Claim> list = countedByFlagKey.get(fk);
        if (sign > 0) {
            countedByFlagKey.put(fk, list == null ? List.of(c) : appended(list, c));
        } else if (list != null) {
            List<Claim> rest = new ArrayList<>(list.size());
            for (Claim x : list) if (x.id() != c.id() || !x.provider().equals(c.provider())) rest.add(x);
            if (rest.isEmpty()) countedByFlagKey.remove(fk);
            else if (rest.size() != list.size()) countedByFlagKey.put(fk, List.copyOf(rest));
        }
    }

    /** {@code list} with {@code c} appended (a new immutable list; these lists hold a claim or a few). */
    private static List<Claim> appended(List<Claim> list, Claim c) {
        List<Claim> out = new ArrayList<>(list.size() + 1);
        out.addAll(list);
        out.add(c);
        return List.copyOf(out);
    }

    private void spend(Address client, Address provider, long size, long latestEnd, long now) {
        Miner m = SlaBeneficiaryCheck.check(this, chain, beneficiaryRegistry, provider, config.minBeneficiaryQuota());
        long expiration = m.beneficiaryTerm().expiration();
        if (variant == Variant.DESIGNED) {
            long required = Math.addExact(latestEnd, config.beneficiaryExpirationMargin());
            if (expiration < required)
                throw error("InsufficientBeneficiaryExpiration",
                        "beneficiary of " + provider + " expires at " + expiration + ", before the deals' latest end "
                                + latestEnd + " + " + config.beneficiaryExpirationMargin(), provider, expiration, required);
        } else {
            long required = Math.addExact(now, config.deployedBeneficiaryExpiration());
            if (expiration < required)
                throw error("ExpirationBelowFiveYears",
                        "beneficiary of " + provider + " expires at " + expiration + ", before " + required, expiration, required);
        }
        long have = allowance(client, provider);
        if (have < size)
            throw error("InsufficientAllowance", client + " may spend " + have + " bytes with " + provider + ", asked " + size,
                    have, size);
        setAllowance(client, provider, have - size);
        SlaPair k = new SlaPair(client, provider);
        long before = spent.getOrDefault(k, 0L);
        if (!spent.containsKey(k)) {
            JList<Address> order = clientOrder.get(provider);
            if (order == null) {
                order = new JList<>(chain.journal());
                clientOrder.put(provider, order);
            }
            order.add(client);
        }
        spent.put(k, Math.addExact(before, size));
    }

    private void setAllowance(Address client, Address provider, long v) {
        SlaPair k = new SlaPair(client, provider);
        long before = allowances.getOrDefault(k, 0L);
        if (v == 0) allowances.remove(k);
        else allowances.put(k, v);
        totalAllowance.add(v - before);
    }
}
