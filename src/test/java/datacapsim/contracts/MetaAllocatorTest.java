package datacapsim.contracts;

import static datacapsim.contracts.MetaTestKit.MIB;
import static datacapsim.contracts.MetaTestKit.MA_VERIFIER_ALLOWANCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.chain.Address;
import datacapsim.chain.CallStats;
import datacapsim.contracts.MetaAllocator.AllowanceChanged;
import datacapsim.contracts.MetaAllocator.DatacapAllocated;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The MetaAllocator (seed 000; Allocator.sol): every function, each named error with nothing changed, roles. */
class MetaAllocatorTest {
    private MetaTestKit k;
    private MetaAllocator ma;
    private Address gov;
    private Address alloc;
    private Address client;
    private Supplier<String> st;

    @BeforeEach
    void setUp() { init(Variant.DESIGNED); }

    private void init(Variant v) {
        k = new MetaTestKit(v);
        ma = k.ma;
        gov = k.gov;
        alloc = k.account();
        client = k.account();
        st = () -> MetaTestKit.state(ma);
    }

    // ------------------------------------------------------------------ addAllowance
    @Test
    void addAllowanceAddsAndEmitsBeforeAndAfter() {
        ma.addAllowance(gov, alloc, 10 * MIB);
        ma.addAllowance(gov, alloc, 5 * MIB);
        assertEquals(15 * MIB, ma.allowance(alloc));
        assertEquals(Map.of(alloc, 15 * MIB), ma.allocators());
        assertEquals(15 * MIB, ma.totalAllowance());
        assertEquals(List.of(new AllowanceChanged(alloc, 0, 10 * MIB), new AllowanceChanged(alloc, 10 * MIB, 15 * MIB)),
                k.ev.recent(AllowanceChanged.class));
    }

    @Test
    void addAllowanceOfZeroOrLessIsRefused() {
        ma.addAllowance(gov, alloc, MIB);
        k.refused("MetaAllocator", "AmountEqualZero", st, () -> ma.addAllowance(gov, alloc, 0));
        k.refused("MetaAllocator", "AmountEqualZero", st, () -> ma.addAllowance(gov, alloc, -1));
        assertEquals(MIB, ma.allowance(alloc));
    }

    // ------------------------------------------------------------------ setAllowance (both variants)
    @ParameterizedTest
    @EnumSource(Variant.class)
    void setAllowanceGoesFromZeroToNonZero(Variant v) {
        init(v);
        ma.setAllowance(gov, alloc, 7 * MIB);
        assertEquals(7 * MIB, ma.allowance(alloc));
        assertEquals(new AllowanceChanged(alloc, 0, 7 * MIB), k.last(AllowanceChanged.class));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void setAllowanceGoesFromNonZeroToZeroAndDropsTheAllocator(Variant v) {
        init(v);
        ma.setAllowance(gov, alloc, 7 * MIB);
        ma.setAllowance(gov, alloc, 0);
        assertEquals(0, ma.allowance(alloc));
        assertEquals(Map.of(), ma.allocators());
        assertEquals(new AllowanceChanged(alloc, 7 * MIB, 0), k.last(AllowanceChanged.class));
    }

    /** Both variants: Allocator.sol refuses a non-zero over a non-zero allowance since May 2024 (AlreadyHasAllowance). */
    @ParameterizedTest
    @EnumSource(Variant.class)
    void setAllowanceFromNonZeroToNonZeroIsRefused(Variant v) {
        init(v);
        ma.setAllowance(gov, alloc, 7 * MIB);
        k.refused("MetaAllocator", "AlreadyHasAllowance", st, () -> ma.setAllowance(gov, alloc, 9 * MIB));
        k.refused("MetaAllocator", "AlreadyHasAllowance", st, () -> ma.setAllowance(gov, alloc, 7 * MIB));
        assertEquals(7 * MIB, ma.allowance(alloc));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void setAllowanceFromZeroToZeroIsRefused(Variant v) {
        init(v);
        k.refused("MetaAllocator", "AlreadyZero", st, () -> ma.setAllowance(gov, alloc, 0));
    }

    @Test
    void setAllowanceNegativeIsRefused() {
        k.refused("MetaAllocator", "InvalidAmount", st, () -> ma.setAllowance(gov, alloc, -5));
    }

    // ------------------------------------------------------------------ decreaseAllowance
    @Test
    void decreaseAllowanceSubtracts() {
        ma.addAllowance(gov, alloc, 10 * MIB);
        ma.decreaseAllowance(gov, alloc, 4 * MIB);
        assertEquals(6 * MIB, ma.allowance(alloc));
        assertEquals(new AllowanceChanged(alloc, 10 * MIB, 6 * MIB), k.last(AllowanceChanged.class));
    }

    @Test
    void decreaseAllowanceStopsAtZeroAndDropsTheAllocator() {
        ma.addAllowance(gov, alloc, 10 * MIB);
        ma.decreaseAllowance(gov, alloc, 25 * MIB);
        assertEquals(0, ma.allowance(alloc));
        assertFalse(ma.allocators().containsKey(alloc));
        assertEquals(new AllowanceChanged(alloc, 10 * MIB, 0), k.last(AllowanceChanged.class));
    }

    @Test
    void decreaseAllowanceErrors() {
        k.refused("MetaAllocator", "AlreadyZero", st, () -> ma.decreaseAllowance(gov, alloc, MIB));
        ma.addAllowance(gov, alloc, 10 * MIB);
        k.refused("MetaAllocator", "AmountEqualZero", st, () -> ma.decreaseAllowance(gov, alloc, 0));
        k.refused("MetaAllocator", "AmountEqualZero", st, () -> ma.decreaseAllowance(gov, alloc, -3));
    }

    // ------------------------------------------------------------------ addVerifiedClient
    @Test
    void addVerifiedClientMintsThroughTheRegistry() {
        ma.addAllowance(gov, alloc, 10 * MIB);
        ma.addVerifiedClient(alloc, client, 4 * MIB);
        assertEquals(6 * MIB, ma.allowance(alloc));
        assertEquals(4 * MIB, k.c.datacap().balanceOf(client));
        assertEquals(MA_VERIFIER_ALLOWANCE - 4 * MIB, k.c.verifreg().verifierAllowance(ma.address()));
        assertEquals(new DatacapAllocated(alloc, client, 4 * MIB), k.last(DatacapAllocated.class));
        ma.addVerifiedClient(alloc, client, 6 * MIB);
        assertEquals(10 * MIB, k.c.datacap().balanceOf(client));
        assertEquals(Map.of(), ma.allocators(), "an allocator at zero is dropped");
        MetaTestKit.assertDataCapConserved(k.c);
    }

    @Test
    void addVerifiedClientContractErrors() {
        ma.addAllowance(gov, alloc, 10 * MIB);
        k.refused("MetaAllocator", "AmountEqualZero", st, () -> ma.addVerifiedClient(alloc, client, 0));
        k.refused("MetaAllocator", "InsufficientAllowance", st, () -> ma.addVerifiedClient(alloc, client, 10 * MIB + 1));
        k.refused("MetaAllocator", "InsufficientAllowance", st, () -> ma.addVerifiedClient(k.account(), client, MIB));
    }

    @Test
    void registryRefusalRevertsEverythingWhenTheMetaAllocatorIsNotAVerifier() {
        k.c.verifreg().removeVerifier(k.c.rootKey(), ma.address());
        ma.addAllowance(gov, alloc, 10 * MIB);
        k.refusedByActor("verifreg.caller_not_verifier", st, () -> ma.addVerifiedClient(alloc, client, 4 * MIB));
        assertEquals(10 * MIB, ma.allowance(alloc), "the allocator keeps its allowance");
        assertEquals(0, k.ev.count(DatacapAllocated.class));
        assertEquals(1, k.c.stats().count("MetaAllocator.addVerifiedClient", "verifreg.caller_not_verifier"));
    }

    @Test
    void registryRefusalRevertsEverythingWhenTheMetaAllocatorLacksRegistryAllowance() {
        k.c.verifreg().addVerifier(k.c.rootKey(), ma.address(), 3 * MIB); // AddVerifier sets the allowance
        ma.addAllowance(gov, alloc, 10 * MIB);
        k.refusedByActor("verifreg.verifier_allowance_exceeded", st, () -> ma.addVerifiedClient(alloc, client, 4 * MIB));
        ma.addVerifiedClient(alloc, client, 3 * MIB);
        assertEquals(0, k.c.verifreg().verifierAllowance(ma.address()));
        assertEquals(7 * MIB, ma.allowance(alloc));
    }

    @Test
    void registryRefusalRevertsEverythingForASmallGrantOrAVerifierClient() {
        Address otherVerifier = k.account();
        k.c.verifreg().addVerifier(k.c.rootKey(), otherVerifier, 10 * MIB);
        ma.addAllowance(gov, alloc, 10 * MIB);
        k.refusedByActor("verifreg.allowance_below_minimum", st, () -> ma.addVerifiedClient(alloc, client, MIB - 1));
        k.refusedByActor("verifreg.client_is_verifier", st, () -> ma.addVerifiedClient(alloc, otherVerifier, MIB));
        k.refusedByActor("verifreg.client_is_root", st, () -> ma.addVerifiedClient(alloc, k.c.rootKey(), MIB));
    }

    // ------------------------------------------------------------------ ownership
    @Test
    void transferOwnershipHandsOverTheOwnerFunctions() {
        Address next = k.account();
        ma.transferOwnership(gov, next);
        assertEquals(next, ma.owner());
        ma.addAllowance(next, alloc, MIB);
        k.refused("MetaAllocator", "OwnableUnauthorizedAccount", st, () -> ma.addAllowance(gov, alloc, MIB));
    }

    @Test
    void refusalsAreCountedByReason() {
        ma.addAllowance(gov, alloc, MIB);
        k.refused("MetaAllocator", "AmountEqualZero", st, () -> ma.addAllowance(gov, alloc, 0));
        k.refused("MetaAllocator", "OwnableUnauthorizedAccount", st, () -> ma.addAllowance(alloc, alloc, MIB));
        assertEquals(1, k.c.stats().count("MetaAllocator.addAllowance", CallStats.OK));
        assertEquals(1, k.c.stats().count("MetaAllocator.addAllowance", "MetaAllocator.AmountEqualZero"));
        assertEquals(1, k.c.stats().count("MetaAllocator.addAllowance", "MetaAllocator.OwnableUnauthorizedAccount"));
    }

    // ------------------------------------------------------------------ role × function matrix
    enum Who { GOV, ALLOCATOR, CLIENT, STRANGER, ROOT }

    private Address who(Who w) {
        return switch (w) {
            case GOV -> gov;
            case ALLOCATOR -> alloc;
            case CLIENT -> client;
            case STRANGER -> k.account();
            case ROOT -> k.c.rootKey();
        };
    }

    /** Each function with valid arguments, so only the caller decides the outcome. */
    private static final Map<String, BiConsumer<MetaAllocatorTest, Address>> FUNCTIONS = Map.of(
            "addAllowance", (t, a) -> t.ma.addAllowance(a, t.alloc, MIB),
            "setAllowance", (t, a) -> t.ma.setAllowance(a, t.client, MIB),
            "decreaseAllowance", (t, a) -> t.ma.decreaseAllowance(a, t.alloc, MIB),
            "transferOwnership", (t, a) -> t.ma.transferOwnership(a, t.client),
            "addVerifiedClient", (t, a) -> t.ma.addVerifiedClient(a, t.client, MIB));

    private static final Map<String, Who> AUTHORIZED = Map.of(
            "addAllowance", Who.GOV, "setAllowance", Who.GOV, "decreaseAllowance", Who.GOV,
            "transferOwnership", Who.GOV, "addVerifiedClient", Who.ALLOCATOR);

    static Stream<Arguments> matrix() {
        return FUNCTIONS.keySet().stream().sorted().flatMap(f -> Stream.of(Who.values()).map(w -> Arguments.of(f, w)));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("matrix")
    void roleMatrix(String function, Who w) {
        ma.addAllowance(gov, alloc, 10 * MIB);
        Address caller = who(w);
        BiConsumer<MetaAllocatorTest, Address> f = FUNCTIONS.get(function);
        if (AUTHORIZED.get(function) == w) {
            String before = st.get() + k.c.datacap().balances();
            f.accept(this, caller);
            assertTrue(!before.equals(st.get() + k.c.datacap().balances()), function + " by its role changed nothing");
        } else if (function.equals("addVerifiedClient")) {
            k.refused("MetaAllocator", "InsufficientAllowance", st, () -> f.accept(this, caller));
        } else {
            ContractError e = k.refused("MetaAllocator", "OwnableUnauthorizedAccount", st, () -> f.accept(this, caller));
            assertEquals(List.of(caller), e.args());
        }
    }
}
