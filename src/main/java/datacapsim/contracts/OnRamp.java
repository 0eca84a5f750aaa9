package datacapsim.contracts;

import datacapsim.chain.Address;
import datacapsim.chain.AllocationRequests;
import datacapsim.chain.Chain;
import datacapsim.chain.JLong;
import datacapsim.chain.JMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The OnRamp (seed 000, third design; fidlabs/contract-onramp src/OnRamp.sol): the sole owner of a
 * {@link ClientContract}. Allocators and the manager (the governance team) act on the Client Contract through it; it
 * rate-limits allowance increases per client, bans (locks) clients and pauses new allowances.
 *
 * <p>Roles (OpenZeppelin AccessControl): {@code DEFAULT_ADMIN_ROLE} grants and revokes roles; {@code MANAGER_ROLE}
 * pauses, locks, sets rate limits and may do all an allocator may; {@code ALLOCATOR_ROLE} increases and decreases
 * allowances and manages SPs and deviation. Manager-only functions refuse others with
 * {@code AccessControlUnauthorizedAccount}; manager-or-allocator functions with {@code Unauthorized}.
 *
 * <p>Rate limit: tumbling windows of {@code windowSize} epochs; the window index is
 * {@code block.number / windowSize + windowOffset} where block.number is the chain's epoch counted from mainnet genesis
 * ({@link Chain#genesisEpochNow()}); a window's total may reach the client's limit but not pass it. A client's
 * parameters are copied from the defaults on its first increase. Setting a client's parameters starts a fresh
 * window: the offset becomes the current window index. Variants: designed = the new window is always fresh;
 * deployed = as OnRamp.sol, where the offset is exactly the old index, so while block.number < the new window size
 * the "new" window is the old one and keeps its total.
 */
public final class OnRamp extends AccessControlled {
    public static final String NAME = "OnRamp";
    public static final String MANAGER_ROLE = "MANAGER_ROLE";
    public static final String ALLOCATOR_ROLE = "ALLOCATOR_ROLE";

    public record Locked(Address client) implements ContractEvent {}

    public record Unlocked(Address client) implements ContractEvent {}

    public record InitialRateLimitParametersChanged(long initialWindowSizeInBlocks, long initialLimitPerWindow) implements ContractEvent {}

    public record ClientRateLimitParametersChanged(Address client, long windowSizeInBlocks, long limitPerWindow) implements ContractEvent {}

    /** OpenZeppelin Pausable. */
    public record Paused(Address account) implements ContractEvent {}

    public record Unpaused(Address account) implements ContractEvent {}

    /** OpenZeppelin AccessControl. */

    /**
     * A client's rate-limit record (ClientInfo.sol without the per-window totals): window size 0 means "never used,
     * defaults not copied yet".
     */
    public record ClientInfo(long windowOffset, long limitPerWindow, long windowSizeInBlocks, boolean locked) {
        static final ClientInfo EMPTY = new ClientInfo(0, 0, 0, false);

        ClientInfo withLocked(boolean l) { return new ClientInfo(windowOffset, limitPerWindow, windowSizeInBlocks, l); }
    }

    /** (client, window index): key of the per-window totals. */
    public record ClientWindow(Address client, long window) implements Comparable<ClientWindow> {
        @Override
        public int compareTo(ClientWindow o) {
            int c = client.compareTo(o.client);
            return c != 0 ? c : Long.compare(window, o.window);
        }
    }

    private final Variant variant;
    private final ClientContract client;
    private final JMap<Address, ClientInfo> clients;
    private final JMap<ClientWindow, Long> allocations;
    private final JLong initialWindowSize;
    private final JLong initialLimit;
    private boolean paused;

    /**
     * Deploys an OnRamp for an existing Client Contract. The Client Contract's owner then offers it ownership
     * ({@link ClientContract#transferOwnership}) and the manager makes the OnRamp accept ({@link #acceptOwnership}).
     *
     * @throws ContractError InvalidArgument when the default window size is not positive or the limit is negative
     */
    public OnRamp(Chain chain, EventLog events, Variant variant, ClientContract clientContract, Address admin,
                  Address manager, Address allocator, long initialWindowSizeInBlocks, long initialLimitPerWindow) {
        super(chain, checkedName(initialWindowSizeInBlocks, initialLimitPerWindow), events);
        this.variant = variant;
        this.clients = new JMap<>(chain.journal());
        this.allocations = new JMap<>(chain.journal());
        this.initialWindowSize = new JLong(chain.journal());
        this.initialLimit = new JLong(chain.journal());
        roles.grantUnchecked(Roles.DEFAULT_ADMIN, admin);
        roles.grantUnchecked(MANAGER_ROLE, manager);
        roles.grantUnchecked(ALLOCATOR_ROLE, allocator);
        initialWindowSize.set(initialWindowSizeInBlocks);
        initialLimit.set(initialLimitPerWindow);
        this.client = clientContract != null ? clientContract : new ClientContract(chain, events, address);
    }

    /** Deploys an OnRamp together with a new Client Contract that it owns from the start. */
    public OnRamp(Chain chain, EventLog events, Variant variant, Address admin, Address manager, Address allocator,
                  long initialWindowSizeInBlocks, long initialLimitPerWindow) {
        this(chain, events, variant, null, admin, manager, allocator, initialWindowSizeInBlocks, initialLimitPerWindow);
    }

    private static String checkedName(long windowSize, long limit) {
        if (windowSize <= 0)
            throw new ContractError(NAME, "InvalidArgument", "window size must be > 0 epochs, got " + windowSize);
        if (limit < 0) throw new ContractError(NAME, "InvalidArgument", "limit must be >= 0, got " + limit);
        return NAME;
    }

    // ------------------------------------------------------------------ reads
    /** CLIENT_CONTRACT. */
    public ClientContract clientContract() { return client; }

    public Variant variant() { return variant; }

    public boolean paused() { return paused; }

    public long initialWindowSizeInBlocks() { return initialWindowSize.get(); }

    public long initialLimitPerWindow() { return initialLimit.get(); }

    /** clients(client): the client's rate-limit record (all zero before first use). */
    public ClientInfo clientInfo(Address c) { return clients.getOrDefault(c, ClientInfo.EMPTY); }

    public boolean isLocked(Address c) { return clientInfo(c).locked(); }

    /** clientAllocations(client, window): the allowance granted to the client in that window. */
    public long clientAllocations(Address c, long window) { return allocations.getOrDefault(new ClientWindow(c, window), 0L); }

    /** clientWindow(client): the client's current window index; InvalidArgument before its parameters exist. */
    public long clientWindow(Address c) { return window(clientInfo(c)); }

    /** What the client may still receive in its current window (the default limit for a client never used). */
    public long remainingInWindow(Address c) {
        ClientInfo i = clientInfo(c);
        if (i.windowSizeInBlocks() == 0) return initialLimit.get();
        return Math.max(0, i.limitPerWindow() - clientAllocations(c, window(i)));
    }

    /** Every client's record. */
    public Map<Address, ClientInfo> clients() { return clients.view(); }

    /** Every (client, window) total. */
    public NavigableMap<ClientWindow, Long> windowTotals() { return allocations.view(); }

    // ------------------------------------------------------------------ role admin

    // ------------------------------------------------------------------ manager
    /** pause(), manager: blocks new allowances (only increaseAllowance). */
    public void pause(Address caller) {
        run("pause", caller, () -> {
            roles.require(MANAGER_ROLE, caller);
            requireNotPaused();
            setPaused(true);
            emit(new Paused(caller));
        });
    }

    /** unpause(), manager. */
    public void unpause(Address caller) {
        run("unpause", caller, () -> {
            roles.require(MANAGER_ROLE, caller);
            if (!paused) throw error("ExpectedPause", "the OnRamp is not paused");
            setPaused(false);
            emit(new Unpaused(caller));
        });
    }

    /**
     * lock(client, amount), manager: bans the client from further allowances; with amount > 0 also takes back
     * allowance through the Client Contract's decreaseAllowance (whose checks apply: a client with no allowance left
     * makes the whole lock revert {@code AlreadyZero}, as in OnRamp.sol).
     */
    public void lock(Address caller, Address c, long amount) {
        run("lock", caller, () -> {
            roles.require(MANAGER_ROLE, caller);
            if (amount < 0) throw error("InvalidArgument", "amount must be >= 0, got " + amount);
            putInfo(c, clientInfo(c).withLocked(true));
            emit(new Locked(c));
            if (amount > 0) client.decreaseAllowance(address, c, amount);
        });
    }

    /** unlock(client), manager. */
    public void unlock(Address caller, Address c) {
        run("unlock", caller, () -> {
            roles.require(MANAGER_ROLE, caller);
            putInfo(c, clientInfo(c).withLocked(false));
            emit(new Unlocked(c));
        });
    }

    /** setInitialRateLimitParameters(windowSize, limit), manager: the defaults copied to clients on first use. */
    public void setInitialRateLimitParameters(Address caller, long windowSizeInBlocks, long limitPerWindow) {
        run("setInitialRateLimitParameters", caller, () -> {
            roles.require(MANAGER_ROLE, caller);
            checkParameters(windowSizeInBlocks, limitPerWindow);
            initialWindowSize.set(windowSizeInBlocks);
            initialLimit.set(limitPerWindow);
            emit(new InitialRateLimitParametersChanged(windowSizeInBlocks, limitPerWindow));
        });
    }

    /**
     * setClientRateLimitParameters(client, windowSize, limit), manager: sets the client's own parameters; if it had
     * any, the offset becomes its current window index, so counting restarts in a fresh window (see the class
     * comment for the variants).
     */
    public void setClientRateLimitParameters(Address caller, Address c, long windowSizeInBlocks, long limitPerWindow) {
        run("setClientRateLimitParameters", caller, () -> {
            roles.require(MANAGER_ROLE, caller);
            checkParameters(windowSizeInBlocks, limitPerWindow);
            ClientInfo i = clientInfo(c);
            long offset = i.windowOffset();
            if (i.windowSizeInBlocks() != 0) {
                long current = window(i);
                offset = current;
                if (variant == Variant.DESIGNED && blockNumber() / windowSizeInBlocks + offset == current) offset++;
            }
            clients.put(c, new ClientInfo(offset, limitPerWindow, windowSizeInBlocks, i.locked()));
            emit(new ClientRateLimitParametersChanged(c, windowSizeInBlocks, limitPerWindow));
        });
    }

    /** The Client Contract's acceptOwnership() forwarded (OnRamp.sol's fallback, manager only). */
    public void acceptOwnership(Address caller) {
        run("acceptOwnership", caller, () -> {
            roles.require(MANAGER_ROLE, caller);
            client.acceptOwnership(address);
        });
    }

    // ------------------------------------------------------------------ manager or allocator
    /**
     * increaseAllowance(client, amount), manager or allocator: refused while paused ({@code EnforcedPause}, checked
     * first), for others ({@code Unauthorized}), for a locked client ({@code ClientLocked}); the client's defaults are
     * copied on first use; the current window's total += amount must stay ≤ the limit ({@code RateLimited}); then the
     * Client Contract's increaseAllowance (whose checks apply, e.g. {@code AmountEqualZero}).
     */
    public void increaseAllowance(Address caller, Address c, long amount) {
        run("increaseAllowance", caller, () -> {
            requireNotPaused();
            requireManagerOrAllocator(caller);
            ClientInfo i = clientInfo(c);
            if (i.locked()) throw error("ClientLocked", c + " is locked");
            if (i.windowSizeInBlocks() == 0) {
                i = new ClientInfo(i.windowOffset(), initialLimit.get(), initialWindowSize.get(), false);
                clients.put(c, i);
            }
            ClientWindow w = new ClientWindow(c, window(i));
            long total = Math.addExact(allocations.getOrDefault(w, 0L), amount);
            allocations.put(w, total);
            if (total > i.limitPerWindow())
                throw error("RateLimited", c + " would receive " + total + " in window " + w.window() + ", more than the limit "
                        + i.limitPerWindow());
            client.increaseAllowance(address, c, amount);
        });
    }

    /** decreaseAllowance(client, amount), manager or allocator: forwarded to the Client Contract. */
    public void decreaseAllowance(Address caller, Address c, long amount) {
        run("decreaseAllowance", caller, () -> {
            requireManagerOrAllocator(caller);
            client.decreaseAllowance(address, c, amount);
        });
    }

    /** addAllowedSPsForClient(client, sps), manager or allocator: forwarded. */
    public void addAllowedSPsForClient(Address caller, Address c, List<Address> sps) {
        run("addAllowedSPsForClient", caller, () -> {
            requireManagerOrAllocator(caller);
            client.addAllowedSPsForClient(address, c, sps);
        });
    }

    /** removeAllowedSPsForClient(client, sps), manager or allocator: forwarded. */
    public void removeAllowedSPsForClient(Address caller, Address c, List<Address> sps) {
        run("removeAllowedSPsForClient", caller, () -> {
            requireManagerOrAllocator(caller);
            client.removeAllowedSPsForClient(address, c, sps);
        });
    }

    /** setClientMaxDeviationFromFairDistribution(client, bps), manager or allocator: forwarded. */
    public void setClientMaxDeviationFromFairDistribution(Address caller, Address c, long maxDeviation) {
        run("setClientMaxDeviationFromFairDistribution", caller, () -> {
            requireManagerOrAllocator(caller);
            client.setClientMaxDeviationFromFairDistribution(address, c, maxDeviation);
        });
    }

    /** transfer(params): disabled; clients call the Client Contract directly. Always {@code Forbidden}. */
    public void transfer(Address caller, long amount, AllocationRequests requests) {
        run("transfer", caller, () -> {
            throw error("Forbidden", "use the Client Contract " + client.address() + " to transfer DataCap");
        });
    }

    // ------------------------------------------------------------------ internals
    private long blockNumber() { return chain.genesisEpochNow(); }

    private long window(ClientInfo i) {
        if (i.windowSizeInBlocks() == 0) throw error("InvalidArgument", "the client has no rate-limit parameters yet");
        return Math.addExact(blockNumber() / i.windowSizeInBlocks(), i.windowOffset());
    }

    private void checkParameters(long windowSize, long limit) {
        if (windowSize <= 0) throw error("InvalidArgument", "window size must be > 0 epochs, got " + windowSize);
        if (limit < 0) throw error("InvalidArgument", "limit must be >= 0, got " + limit);
    }

    private void requireNotPaused() {
        if (paused) throw error("EnforcedPause", "the OnRamp is paused");
    }

    private void requireManagerOrAllocator(Address caller) {
        if (!roles.has(MANAGER_ROLE, caller) && !roles.has(ALLOCATOR_ROLE, caller))
            throw error("Unauthorized", caller + " holds neither " + MANAGER_ROLE + " nor " + ALLOCATOR_ROLE);
    }

    private void putInfo(Address c, ClientInfo i) {
        if (i.equals(ClientInfo.EMPTY)) clients.remove(c);
        else clients.put(c, i);
    }

    private void setPaused(boolean p) {
        assign(v -> paused = v, paused, p);
    }
}
