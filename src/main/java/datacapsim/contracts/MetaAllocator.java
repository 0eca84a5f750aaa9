package datacapsim.contracts;

import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.JMap;
import java.util.Map;

/**
 * The MetaAllocator (seed 000; fidlabs/contract-metaallocator src/Allocator.sol): a verifier in the registry whose
 * owner (the governance team) gives allocators allowance; an allocator then grants DataCap to clients through it,
 * the contract calling the registry's AddVerifiedClient as the verifier.
 *
 * <p>Variants: none differ today. {@code setAllowance} goes only from zero to non-zero or from non-zero to zero in
 * both: the deployed Allocator.sol has refused a non-zero over a non-zero allowance with {@code AlreadyHasAllowance}
 * since its audit fix of May 2024 (commit 52b42f0; earlier versions overwrote any value); zero over zero reverts
 * {@code AlreadyZero}.
 */
public final class MetaAllocator extends Contract {
    public static final String NAME = "MetaAllocator";

    public record AllowanceChanged(Address allocator, long before, long after) implements ContractEvent {}

    public record DatacapAllocated(Address allocator, Address client, long amount) implements ContractEvent {}

    private final Variant variant;
    private Address owner;
    private final JMap<Address, Long> allowances;

    public MetaAllocator(Chain chain, EventLog events, Variant variant, Address owner) {
        super(chain, NAME, events);
        this.variant = variant;
        this.owner = owner;
        this.allowances = new JMap<>(chain.journal());
    }

    public Address owner() { return owner; }

    public Variant variant() { return variant; }

    public long allowance(Address allocator) { return allowances.getOrDefault(allocator, 0L); }

    /** getAllocators(): allocators with non-zero allowance and their allowance. */
    public Map<Address, Long> allocators() { return allowances.view(); }

    /** Sum of all allocators' allowance. */
    public long totalAllowance() {
        long s = 0;
        for (long v : allowances.values()) s += v;
        return s;
    }

    /** addAllowance(allocator, amount), owner: amount > 0; adds. */
    public void addAllowance(Address caller, Address allocator, long amount) {
        run("addAllowance", caller, () -> {
            requireOwner(caller);
            if (amount <= 0) throw error("AmountEqualZero", "amount must be > 0");
            long before = allowance(allocator);
            set(allocator, Math.addExact(before, amount));
            emit(new AllowanceChanged(allocator, before, allowance(allocator)));
        });
    }

    /** setAllowance(allocator, amount), owner: see the class comment for the variants. */
    public void setAllowance(Address caller, Address allocator, long amount) {
        run("setAllowance", caller, () -> {
            requireOwner(caller);
            if (amount < 0) throw error("InvalidAmount", "amount must be >= 0", amount);
            long before = allowance(allocator);
            if (before == 0 && amount == 0) throw error("AlreadyZero", "allowance of " + allocator + " is already zero");
            if (before > 0 && amount > 0)
                throw error("AlreadyHasAllowance", "set goes only from zero to non-zero or from non-zero to zero; "
                        + allocator + " has " + before);
            set(allocator, amount);
            emit(new AllowanceChanged(allocator, before, amount));
        });
    }

    /** decreaseAllowance(allocator, amount), owner: amount > 0, allowance > 0; subtracts, to zero at most. */
    public void decreaseAllowance(Address caller, Address allocator, long amount) {
        run("decreaseAllowance", caller, () -> {
            requireOwner(caller);
            if (amount <= 0) throw error("AmountEqualZero", "amount must be > 0");
            long before = allowance(allocator);
            if (before == 0) throw error("AlreadyZero", "allowance of " + allocator + " is already zero");
            set(allocator, before - Math.min(before, amount));
            emit(new AllowanceChanged(allocator, before, allowance(allocator)));
        });
    }

    /**
     * addVerifiedClient(client, amount), any allocator: amount > 0; its allowance ≥ amount; subtracts, then calls the
     * registry's AddVerifiedClient as the verifier — if the registry refuses, everything reverts.
     */
    public void addVerifiedClient(Address caller, Address client, long amount) {
        run("addVerifiedClient", caller, () -> {
            if (amount <= 0) throw error("AmountEqualZero", "amount must be > 0");
            long before = allowance(caller);
            if (before < amount) throw error("InsufficientAllowance", caller + " has " + before + ", asked " + amount);
            set(caller, before - amount);
            emit(new DatacapAllocated(caller, client, amount));
            chain.verifreg().addVerifiedClient(address, client, amount);
        });
    }

    /** transferOwnership(newOwner), owner (OpenZeppelin Ownable). */
    public void transferOwnership(Address caller, Address newOwner) {
        run("transferOwnership", caller, () -> {
            requireOwner(caller);
            assign(v -> owner = v, owner, newOwner);
        });
    }

    private void requireOwner(Address caller) {
        if (!caller.equals(owner)) throw error("OwnableUnauthorizedAccount", "only the owner " + owner + " may call this", caller);
    }

    private void set(Address allocator, long v) {
        if (v == 0) allowances.remove(allocator);
        else allowances.put(allocator, v);
    }
}
