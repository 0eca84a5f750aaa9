package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.*;

import datacapsim.scenario.Setting;
import datacapsim.scenario.Overrides;
import datacapsim.chain.Address;
import datacapsim.chain.AllocationRequest;
import datacapsim.chain.AllocationRequests;
import datacapsim.chain.Chain;
import datacapsim.chain.ChainFixture;
import datacapsim.chain.Fil;
import datacapsim.chain.JMap;
import datacapsim.chain.Miner;
import datacapsim.chain.Policy;
import datacapsim.contracts.ClientContract;
import datacapsim.contracts.EventLog;
import datacapsim.contracts.MetaAllocator;
import datacapsim.contracts.OnRamp;
import datacapsim.contracts.Variant;
import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioLoader;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract invariants of {@link Invariants#violations(Simulation)}: silent on a consistent world, and each one
 * reports a broken state (made by calls where the rules allow it, by writing the contract's storage where they do not)
 * naming the numbers.
 */
class InvariantsTest {
    private static final long TIB = Policy.TiB;
    private static final long GIB = Policy.GiB;

    private final Chain c = ChainFixture.chain();
    private final EventLog ev = new EventLog(c, 0);
    private final Address gov = c.newAccount();
    private final Address allocator = c.newAccount();
    private final Address client = c.newAccount();
    private final MetaAllocator ma = new MetaAllocator(c, ev, Variant.DESIGNED, gov);
    /** What the test deployed: client contracts (an OnRamp's included) and OnRamps. */
    private final List<ClientContract> clientContracts = new ArrayList<>();
    private final List<OnRamp> onRamps = new ArrayList<>();
    private final List<Miner> miners = new ArrayList<>();
    private long data = 1;

    InvariantsTest() {
        c.verifreg().addVerifier(c.rootKey(), ma.address(), 100 * TIB);
        ma.addAllowance(gov, allocator, 50 * TIB);
        for (int i = 0; i < 3; i++) {
            Address owner = c.newAccount();
            c.fil().endow(owner, Fil.fil(1000));
            miners.add(c.createMiner(owner, owner, Policy.SECTOR_SIZE_32GIB));
        }
    }

    private List<String> violations() {
        List<String> out = new ArrayList<>(Invariants.violations(c));
        Deployment world = onRamps.isEmpty() ? new Deployment.ClientContracts(ma, clientContracts)
                : new Deployment.OnRamps(ma, onRamps);
        Invariants.contracts(c, world, out);
        return out;
    }

    /** A Client Contract owned by the allocator, the client allowed on the first two miners with 64 GiB granted. */
    private ClientContract clientContract() {
        ClientContract cc = new ClientContract(c, ev, allocator);
        clientContracts.add(cc);
        ma.addVerifiedClient(allocator, cc.address(), 64 * GIB);
        cc.addAllowedSPsForClient(allocator, client, List.of(miners.get(0).address(), miners.get(1).address()));
        cc.increaseAllowance(allocator, client, 64 * GIB);
        return cc;
    }

    private void spend(ClientContract cc, Miner m, long size) {
        AllocationRequest r = new AllocationRequest(m.address(), data++, size, Policy.MINIMUM_VERIFIED_ALLOCATION_TERM,
                Policy.MAXIMUM_VERIFIED_ALLOCATION_TERM, c.epoch() + 30 * Policy.EPOCHS_IN_DAY);
        cc.transfer(client, size, new AllocationRequests(List.of(r), List.of()));
    }

    /** Writes a contract's storage map directly, past its rules (outside a transaction nothing is journaled). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void poke(Object contract, String field, Object key, Object value) throws ReflectiveOperationException {
        var f = contract.getClass().getDeclaredField(field);
        f.setAccessible(true);
        ((JMap) f.get(contract)).put((Comparable) key, value);
    }

    @Test
    void aConsistentWorldHasNoViolation() {
        ClientContract cc = clientContract();
        spend(cc, miners.get(0), 32 * GIB); // exactly the fair share: 64 GiB over 2 providers
        assertEquals(List.of(), violations());
    }

    @Test
    void aCapLoweredAfterSpendingIsReportedWithItsNumbers() {
        ClientContract cc = clientContract();
        spend(cc, miners.get(0), 32 * GIB);
        cc.addAllowedSPsForClient(allocator, client, List.of(miners.get(2).address())); // cap falls to 64/3 GiB
        List<String> v = violations();
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).contains("fair distribution") && v.get(0).contains("gave " + 32 * GIB + " bytes")
                && v.get(0).contains("cap " + cc.maxPerSp(client)), v.get(0));
    }

    @Test
    void aClientWhoseTotalWasDecreasedIsNotCapChecked() {
        ClientContract cc = clientContract();
        spend(cc, miners.get(0), 32 * GIB);
        cc.decreaseAllowance(allocator, client, 16 * GIB); // total granted 48 GiB: cap 24 GiB < 32 GiB given, legitimately
        assertEquals(List.of(), violations());
    }

    @Test
    void clientContractBooksMustBalance() throws ReflectiveOperationException {
        ClientContract cc = clientContract();
        spend(cc, miners.get(0), 16 * GIB);
        poke(cc, "allowances", client, 40 * GIB); // should be 48 GiB: 64 granted - 16 spent
        List<String> v = violations();
        assertTrue(v.stream().anyMatch(s -> s.contains("books of " + client) && s.contains("= " + 24 * GIB)
                && s.contains("sum to " + 16 * GIB)), v.toString());
    }

    @Test
    void negativeStocksAreReported() throws ReflectiveOperationException {
        ClientContract cc = clientContract();
        poke(ma, "allowances", allocator, -1L);
        poke(cc, "allowances", client, -5L);
        List<String> v = violations();
        assertTrue(v.stream().anyMatch(s -> s.startsWith("negative MetaAllocator allowance") && s.endsWith(": -1")), v.toString());
        assertTrue(v.stream().anyMatch(s -> s.startsWith("negative allowance in Client Contract") && s.endsWith(": -5")), v.toString());
    }

    @Test
    void anOnRampWindowAboveTheClientsLimitIsReported() throws ReflectiveOperationException {
        OnRamp onRamp = new OnRamp(c, ev, Variant.DESIGNED, gov, gov, allocator, 7 * Policy.EPOCHS_IN_DAY, 10 * GIB);
        onRamps.add(onRamp);
        clientContracts.add(onRamp.clientContract());
        onRamp.increaseAllowance(allocator, client, 10 * GIB); // up to the limit: allowed
        assertEquals(List.of(), violations());
        long window = onRamp.clientWindow(client);
        poke(onRamp, "allocations", new OnRamp.ClientWindow(client, window), 11 * GIB);
        List<String> v = violations();
        assertTrue(v.stream().anyMatch(s -> s.contains("rate limit") && s.contains("received " + 11 * GIB) && s.contains("limit " + 10 * GIB)),
                v.toString());
    }

    @Test
    void anOnRampClientWhoseAllowanceWasTakenBackIsNotCapChecked() {
        OnRamp onRamp = new OnRamp(c, ev, Variant.DESIGNED, gov, gov, allocator, 7 * Policy.EPOCHS_IN_DAY, 100 * GIB);
        ClientContract cc = onRamp.clientContract();
        onRamps.add(onRamp);
        clientContracts.add(cc);
        onRamp.addAllowedSPsForClient(allocator, client, List.of(miners.get(0).address(), miners.get(1).address()));
        onRamp.increaseAllowance(allocator, client, 64 * GIB);
        ma.addVerifiedClient(allocator, cc.address(), 64 * GIB);
        spend(cc, miners.get(0), 32 * GIB);
        onRamp.addAllowedSPsForClient(allocator, client, List.of(miners.get(2).address()));
        assertEquals(1, violations().size(), "cap lowered by a new provider: reported");
        onRamp.lock(gov, client, 8 * GIB); // a ban that takes allowance back: the cap may now legitimately be below
        assertEquals(List.of(), violations());
    }

    @Test
    void everyStepOfABundledContractDesignRunKeepsThem() {
        Scenario s = Overrides.apply(ScenarioLoader.load(Path.of("scenarios/onramp.yaml")),
                List.of(Setting.parse("horizonDays=30"), Setting.parse("clients.count=40"),
                        Setting.parse("governance.onrampLimitTib=8"))).scenario();
        Simulation sim = new Simulation(s, true);
        List<Long> days = new ArrayList<>();
        sim.addObserver((day, x) -> {
            assertEquals(List.of(), Invariants.violations(x), "day " + day);
            days.add(day);
        });
        sim.run();
        assertEquals(31, days.size());
        assertTrue(sim.chain().stats().failuresByRule().keySet().stream().anyMatch(r -> r.contains("RateLimited")),
                "the limit was reached, and held: " + sim.chain().stats().failuresByRule());
        assertFalse(sim.world().deployment().onRamps().get(0).windowTotals().isEmpty());
    }

    /**
     * The storage market's books: silent after deposits and a withdrawal; an escrow balance the market's account does
     * not hold, a lock above the escrow, a negative escrow and FIL deposited that is not escrow + withdrawn + burned
     * are each reported with their numbers.
     */
    @Test
    void theMarketsEscrowIsItsAccountAndItsLocksFitIt() throws ReflectiveOperationException {
        Address a = c.newAccount();
        c.fil().endow(a, Fil.fil(10));
        c.market().addBalance(a, a, Fil.fil(4));
        c.market().addBalance(a, miners.get(0).address(), Fil.fil(3));
        c.market().withdrawBalance(a, a, Fil.fil(1));
        assertEquals(List.of(), Invariants.violations(c));
        assertEquals(Fil.fil(6), c.fil().balance(Chain.STORAGE_MARKET));

        poke(c.market(), "locked", a, Fil.fil(5)); // more locked than its 3 FIL of escrow
        List<String> v = Invariants.violations(c);
        assertTrue(v.contains("market: " + a + " has " + Fil.fil(5) + " locked but only " + Fil.fil(3) + " in escrow"), v.toString());
        poke(c.market(), "locked", a, Fil.fil(-1));
        v = Invariants.violations(c);
        assertTrue(v.contains("negative market locked amount of " + a + ": " + Fil.fil(-1)), v.toString());
        poke(c.market(), "locked", a, BigInteger.ZERO);

        Address b = c.newAccount();
        poke(c.market(), "escrow", b, Fil.fil(2)); // escrow the account does not hold, and was never deposited
        v = Invariants.violations(c);
        assertTrue(v.contains("market: its account holds " + Fil.fil(6) + " FIL but the escrow balances sum to "
                + Fil.fil(8)), v.toString());
        assertTrue(v.contains("market FIL: deposited " + Fil.fil(7) + " != escrow " + Fil.fil(8) + " + withdrawn "
                + Fil.fil(1) + " + burned 0 = " + Fil.fil(9)), v.toString());
        poke(c.market(), "escrow", b, Fil.fil(-2));
        v = Invariants.violations(c);
        assertTrue(v.contains("negative market escrow of " + b + ": " + Fil.fil(-2)), v.toString());
    }
}
