package datacapsim.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.Allocation;
import datacapsim.chain.AllocationRequest;
import datacapsim.chain.Chain;
import datacapsim.chain.ChainFixture;
import datacapsim.chain.ChainSnapshot;
import datacapsim.chain.ExitCode;
import datacapsim.chain.Fil;
import datacapsim.chain.Miner;
import datacapsim.chain.Piece;
import datacapsim.chain.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.function.Executable;

/**
 * Shared set-up and checks for the MetaAllocator, Client Contract and OnRamp tests: a chain with a governance team
 * and a MetaAllocator holding a verifier allowance; miners; allocation requests that the registry accepts; claims;
 * "refused and nothing changed" assertions over the chain, the contracts' own storage and the event log.
 */
final class MetaTestKit {
    static final long MIB = Policy.MiB;
    static final long GIB = Policy.GiB;
    static final long DAY = Policy.EPOCHS_IN_DAY;
    static final long TERM_MIN = Policy.MINIMUM_VERIFIED_ALLOCATION_TERM; // 518,400
    static final long TERM_MAX = Policy.MAXIMUM_VERIFIED_ALLOCATION_TERM; // 5,259,485
    /** The MetaAllocator's registry allowance in a fresh kit. */
    static final long MA_VERIFIER_ALLOWANCE = 100 * Policy.TiB;

    final Chain c;
    final EventLog ev;
    final Address gov;
    final MetaAllocator ma;
    private long nextData = 1;

    MetaTestKit() { this(Variant.DESIGNED); }

    MetaTestKit(Variant variant) {
        c = ChainFixture.chain();
        ev = new EventLog(c, 100_000);
        gov = c.newAccount();
        ma = new MetaAllocator(c, ev, variant, gov);
        c.verifreg().addVerifier(c.rootKey(), ma.address(), MA_VERIFIER_ALLOWANCE);
    }

    Address account() { return c.newAccount(); }

    /** A 32 GiB miner whose owner (also its worker) holds 1,000 FIL. */
    Miner miner() {
        Address owner = c.newAccount();
        c.fil().endow(owner, Fil.fil(1000));
        return c.createMiner(owner, owner, Policy.SECTOR_SIZE_32GIB);
    }

    /** A request the registry accepts: full term window, claimable for 30 days. */
    AllocationRequest request(Miner m, long size) { return request(m.address(), size, TERM_MAX); }

    AllocationRequest request(Address provider, long size, long termMax) {
        return new AllocationRequest(provider, nextData++, size, TERM_MIN, termMax, c.epoch() + 30 * DAY);
    }

    /** The miner claims the allocation in a new sector lasting TERM_MIN + 1 epochs; returns the sector number. */
    long claim(Miner m, Allocation a) {
        return m.proveCommitSector(m.owner(), new Miner.SectorActivation(
                List.of(new Piece(a.data(), a.size(), a.client(), a.id())), c.epoch() + TERM_MIN + 1), Fil.fil(10));
    }

    /** The registry's allocation by id for the client it sees. */
    Allocation allocation(Address clientSeen, long id) { return c.verifreg().allocation(clientSeen, id); }

    // ------------------------------------------------------------------ snapshots of contract storage
    static String state(MetaAllocator ma) {
        return "owner=" + ma.owner() + " allocators=" + ma.allocators();
    }

    static String state(ClientContract cc) {
        return "owner=" + cc.owner() + " pending=" + cc.pendingOwner() + " allowances=" + cc.allowances()
                + " totals=" + cc.totalsGranted() + " dev=" + cc.maxDeviations() + " sps=" + cc.allowedSPs().keySet()
                + " perSp=" + cc.allocationsPerSP();
    }

    static String state(OnRamp o, List<Address> accounts) {
        List<String> roles = new ArrayList<>();
        for (Address a : accounts)
            for (String r : List.of(Roles.DEFAULT_ADMIN, OnRamp.MANAGER_ROLE, OnRamp.ALLOCATOR_ROLE))
                if (o.hasRole(r, a)) roles.add(a + ":" + r);
        return "paused=" + o.paused() + " init=" + o.initialWindowSizeInBlocks() + "/" + o.initialLimitPerWindow()
                + " clients=" + o.clients() + " windows=" + o.windowTotals() + " roles=" + roles
                + " | " + state(o.clientContract());
    }

    // ------------------------------------------------------------------ refusals
    /**
     * Asserts the call reverts with the named contract error and that nothing changed: chain state, the contracts'
     * storage (as {@code contractState} reads it) and the delivered events.
     */
    ContractError refused(String contract, String error, Supplier<String> contractState, Executable call) {
        String chainBefore = ChainSnapshot.of(c);
        String before = contractState.get();
        Map<String, Long> events = new TreeMap<>(ev.counts());
        ContractError e = assertThrows(ContractError.class, call);
        assertEquals(contract + "." + error, e.rule(), e::toString);
        assertEquals(error, e.error());
        assertEquals(ExitCode.EVM_CONTRACT_REVERTED, e.exitCode());
        assertUnchanged(chainBefore, before, events, contractState, e);
        return e;
    }

    /** Asserts the call is refused by a built-in actor with the rule, and that nothing changed. */
    ActorError refusedByActor(String rule, Supplier<String> contractState, Executable call) {
        String chainBefore = ChainSnapshot.of(c);
        String before = contractState.get();
        Map<String, Long> events = new TreeMap<>(ev.counts());
        ActorError e = assertThrows(ActorError.class, call);
        assertEquals(rule, e.rule(), e::toString);
        assertUnchanged(chainBefore, before, events, contractState, e);
        return e;
    }

    private void assertUnchanged(String chainBefore, String before, Map<String, Long> events, Supplier<String> contractState,
                                 ActorError e) {
        assertEquals(chainBefore, ChainSnapshot.of(c), "chain changed by the refused call " + e);
        assertEquals(before, contractState.get(), "contract storage changed by the refused call " + e);
        assertEquals(events, ev.counts(), "events delivered by the refused call " + e);
    }

    /** The newest delivered event of a type. */
    <E extends ContractEvent> E last(Class<E> type) {
        List<E> l = ev.recent(type);
        assertTrue(!l.isEmpty(), "no " + type.getSimpleName() + " event");
        return l.get(l.size() - 1);
    }

    // ------------------------------------------------------------------ DataCap conservation
    /** minted = Σ balances (the registry's = held allocations) + claimed + extension burned + destroyed. */
    static void assertDataCapConserved(Chain c) {
        var t = c.datacap();
        var r = c.verifreg();
        long balances = 0;
        for (long b : t.balances().values()) {
            assertTrue(b > 0, "non-positive balance kept");
            balances = Math.addExact(balances, b);
        }
        assertEquals(r.heldBytes(), t.balanceOf(Chain.VERIFIED_REGISTRY), "registry balance != held allocations");
        assertEquals(t.minted(), balances + r.claimedBytes() + r.extensionBurnedBytes() + r.destroyedBytes(),
                "DataCap minted != balances + claimed + extension burned + destroyed");
        assertEquals(t.totalSupply(), balances, "supply != sum of balances");
        assertEquals(t.burned(), r.claimedBytes() + r.extensionBurnedBytes() + r.destroyedBytes(), "burned != its parts");
    }
}
