package datacapsim.chain;

import java.util.List;
import java.util.Map;

/**
 * The DataCap token actor (FIP-0045), counted in whole bytes: one byte of DataCap is 10^18 token units on chain,
 * so every balance here is a whole number of tokens and the token's granularity (one whole token) always holds.
 * Only the verified registry mints and destroys; transfers go only to the registry (allocation and extension
 * requests) or from it (returns of expired allocations); an operator with an allowance may move a holder's tokens,
 * only into the registry.
 */
public final class DataCapToken {
    public static final String TRANSFER = "datacap.Transfer";
    public static final String TRANSFER_FROM = "datacap.TransferFrom";
    public static final String INCREASE_ALLOWANCE = "datacap.IncreaseAllowance";
    public static final String DECREASE_ALLOWANCE = "datacap.DecreaseAllowance";
    public static final String REVOKE_ALLOWANCE = "datacap.RevokeAllowance";
    /** FIP-0118: minting refused after the upgrade; balances stay, frozen (the registry refuses every transfer in). */
    public static final String MINT_DEPRECATED = "datacap.mint_deprecated";

    /**
     * The allowance an operator named at mint gets (builtin-actors datacap Mint: each operator's allowance is set
     * to INFINITE_ALLOWANCE, reset at every mint; a TransferFrom still deducts from it). Counted in bytes here.
     */
    public static final long INFINITE_ALLOWANCE = Long.MAX_VALUE;

    private final Chain chain;
    private final JMap<Address, Long> balances;
    /** (owner, operator) → allowance. */
    private final JMap<AllowanceKey, Long> allowances;
    /** Every address a mint ever credited → the epoch of its first mint (never removed). */
    private final JMap<Address, Long> firstMinted;
    private long totalSupply;
    private long minted;
    private long burned;

    record AllowanceKey(Address owner, Address operator) implements Comparable<AllowanceKey> {
        @Override
        public int compareTo(AllowanceKey o) {
            int c = owner.compareTo(o.owner);
            return c != 0 ? c : operator.compareTo(o.operator);
        }
    }

    DataCapToken(Chain chain) {
        this.chain = chain;
        this.balances = JMap.indexed(chain.journal());
        this.allowances = new JMap<>(chain.journal());
        this.firstMinted = new JMap<>(chain.journal());
    }

    public Address address() { return Chain.DATACAP; }

    // ---- reads (anyone) ----
    public long balanceOf(Address holder) { return balances.getOrDefault(holder, 0L); }

    public long allowance(Address owner, Address operator) {
        return allowances.getOrDefault(new AllowanceKey(owner, operator), 0L);
    }

    public long totalSupply() { return totalSupply; }

    /** Cumulative DataCap ever minted (bytes). */
    public long minted() { return minted; }

    /** Cumulative DataCap ever burned or destroyed (bytes). */
    public long burned() { return burned; }

    public Map<Address, Long> balances() { return balances.view(); }

    /**
     * Distinct addresses that ever held minted DataCap: every address a mint ever credited (clients, and the Client
     * Contracts that receive their clients' DataCap), counted once, whatever they hold now. The registry, which holds
     * DataCap only by transfer, is never one.
     */
    public long mintedAddresses() { return firstMinted.size(); }

    /** The epoch {@code a} was first credited by a mint, or −1 if never. */
    public long firstMintEpoch(Address a) { return firstMinted.getOrDefault(a, -1L); }

    /** Every operator allowance, as "owner→operator" → bytes, in order. */
    public Map<String, Long> allowances() {
        java.util.LinkedHashMap<String, Long> out = new java.util.LinkedHashMap<>();
        allowances.view().forEach((k, v) -> out.put(k.owner() + "→" + k.operator(), v));
        return out;
    }

    // ---- registry-only (package-private: the registry is the only minter) ----
    void mint(Address to, long amount) {
        if (chain.upgraded()) // FIP-0118: builtin-actors' Mint returns USR_FORBIDDEN for any caller
            throw ActorError.forbidden(MINT_DEPRECATED, "FIP-0118: datacap is deprecated, minting is no longer supported");
        requirePositive(amount, "datacap.mint_amount");
        if (to.equals(Chain.VERIFIED_REGISTRY))
            // the registry's receiver hook takes DataCap only as a transfer carrying allocation requests
            throw ActorError.illegalArgument("verifreg.no_requests", "the verified registry does not accept minted DataCap");
        setBalance(to, Math.addExact(balanceOf(to), amount));
        if (!firstMinted.containsKey(to)) firstMinted.put(to, chain.epoch());
        setSupply(Math.addExact(totalSupply, amount), Math.addExact(minted, amount), burned);
        DataCapReceiver hook = chain.receiverOf(to);
        if (hook != null) hook.onDataCapReceived(Chain.VERIFIED_REGISTRY, Chain.VERIFIED_REGISTRY, amount);
    }

    /** Mints as {@link #mint(Address, long)} and sets each operator's allowance from {@code to} to infinite. */
    void mint(Address to, long amount, List<Address> operators) {
        mint(to, amount);
        for (Address op : operators) setAllowance(to, op, INFINITE_ALLOWANCE);
    }

    /** Burns tokens held by {@code holder} (the registry burning what it holds, or destroying a client's). */
    void burn(Address holder, long amount) {
        if (amount == 0) return;
        requirePositive(amount, "datacap.burn_amount");
        long b = balanceOf(holder);
        if (b < amount)
            throw ActorError.insufficientFunds("datacap.insufficient_balance",
                    holder + " holds " + b + " bytes of DataCap, cannot burn " + amount);
        setBalance(holder, b - amount);
        setSupply(totalSupply - amount, minted, Math.addExact(burned, amount));
    }

    /** The registry returns held tokens to a client (expired allocations). */
    void transferFromRegistry(Address to, long amount) {
        if (amount == 0) return;
        move(Chain.VERIFIED_REGISTRY, to, amount);
        DataCapReceiver hook = chain.receiverOf(to);
        if (hook != null) hook.onDataCapReceived(Chain.VERIFIED_REGISTRY, Chain.VERIFIED_REGISTRY, amount);
    }

    // ---- public methods (transactions) ----

    /**
     * Transfer(to, amount, operator data). Only the verified registry may receive; the registry's receiver hook then
     * processes the allocation and extension requests, and the whole transfer reverts if it refuses.
     */
    public VerifiedRegistry.TransferResult transfer(Address caller, Address to, long amount, AllocationRequests requests) {
        return chain.transact(TRANSFER, caller, () -> {
            checkNotFromRegistry(caller);
            checkToRegistry(to);
            requirePositive(amount, "datacap.transfer_amount");
            move(caller, to, amount);
            return chain.verifreg().onTokensReceived(caller, caller, amount, requests);
        });
    }

    /** TransferFrom(from, to, amount, operator data) by an operator holding an allowance from {@code from}. */
    public VerifiedRegistry.TransferResult transferFrom(Address operator, Address from, Address to, long amount, AllocationRequests requests) {
        return chain.transact(TRANSFER_FROM, operator, () -> {
            checkNotFromRegistry(from);
            checkToRegistry(to);
            requirePositive(amount, "datacap.transfer_amount");
            long allowed = allowance(from, operator);
            if (allowed < amount)
                throw ActorError.insufficientFunds("datacap.insufficient_allowance",
                        operator + " may move " + allowed + " bytes of " + from + "'s DataCap, asked " + amount);
            setAllowance(from, operator, allowed - amount);
            move(from, to, amount);
            return chain.verifreg().onTokensReceived(from, operator, amount, requests);
        });
    }

    public void increaseAllowance(Address owner, Address operator, long amount) {
        chain.transact(INCREASE_ALLOWANCE, owner, () -> {
            requirePositive(amount, "datacap.allowance_amount");
            setAllowance(owner, operator, Math.addExact(allowance(owner, operator), amount));
            return null;
        });
    }

    public void decreaseAllowance(Address owner, Address operator, long amount) {
        chain.transact(DECREASE_ALLOWANCE, owner, () -> {
            requirePositive(amount, "datacap.allowance_amount");
            setAllowance(owner, operator, Math.max(0, allowance(owner, operator) - amount));
            return null;
        });
    }

    public void revokeAllowance(Address owner, Address operator) {
        chain.transact(REVOKE_ALLOWANCE, owner, () -> {
            setAllowance(owner, operator, 0);
            return null;
        });
    }

    // ---- internals ----
    private static void checkNotFromRegistry(Address from) {
        if (from.equals(Chain.VERIFIED_REGISTRY))
            throw ActorError.forbidden("datacap.transfer_from_registry",
                    "the registry's own tokens back allocations; it moves them only by claiming, burning or returning");
    }

    private void checkToRegistry(Address to) {
        if (!to.equals(Chain.VERIFIED_REGISTRY))
            throw ActorError.forbidden("datacap.transfer_not_to_registry",
                    "DataCap may only be transferred to the verified registry " + Chain.VERIFIED_REGISTRY + ", not " + to);
    }

    private void move(Address from, Address to, long amount) {
        long b = balanceOf(from);
        if (b < amount)
            throw ActorError.insufficientFunds("datacap.insufficient_balance",
                    from + " holds " + b + " bytes of DataCap, cannot transfer " + amount);
        setBalance(from, b - amount);
        setBalance(to, Math.addExact(balanceOf(to), amount));
    }

    private void setBalance(Address a, long v) {
        if (v < 0) throw new IllegalStateException("negative DataCap balance for " + a);
        if (v == 0) balances.remove(a);
        else balances.put(a, v);
    }

    private void setAllowance(Address owner, Address operator, long v) {
        AllowanceKey k = new AllowanceKey(owner, operator);
        if (v == 0) allowances.remove(k);
        else allowances.put(k, v);
    }

    private void setSupply(long supply, long mintedTotal, long burnedTotal) {
        long s0 = totalSupply, m0 = minted, b0 = burned;
        chain.journal().record(() -> { totalSupply = s0; minted = m0; burned = b0; });
        totalSupply = supply;
        minted = mintedTotal;
        burned = burnedTotal;
    }

    private static void requirePositive(long amount, String rule) {
        if (amount <= 0) throw ActorError.illegalArgument(rule, "amount must be positive, got " + amount);
    }
}
