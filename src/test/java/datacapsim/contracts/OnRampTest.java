package datacapsim.contracts;

import static datacapsim.contracts.MetaTestKit.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.chain.Address;
import datacapsim.chain.AllocationRequests;
import datacapsim.chain.Chain;
import datacapsim.chain.Miner;
import datacapsim.contracts.OnRamp.ClientInfo;
import datacapsim.contracts.OnRamp.ClientRateLimitParametersChanged;
import datacapsim.contracts.OnRamp.InitialRateLimitParametersChanged;
import datacapsim.contracts.OnRamp.Locked;
import datacapsim.contracts.OnRamp.Paused;
import datacapsim.contracts.AccessControlled.RoleGranted;
import datacapsim.contracts.AccessControlled.RoleRevoked;
import datacapsim.contracts.OnRamp.Unlocked;
import datacapsim.contracts.OnRamp.Unpaused;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OnRamp (seed 000; OnRamp.sol): rate-limited allowance increases in tumbling windows, bans, pause, the
 * forwarded Client Contract functions, roles, and the role × function matrix.
 */
class OnRampTest {
    /** One day of epochs; block numbers count from mainnet genesis, 6,163,200 = 2,140 days, so windows align with days. */
    private static final long W = 2_880;
    private static final long L = 100 * MIB;
    private static final long FIRST_WINDOW = 6_163_200 / W; // 2,140

    private MetaTestKit k;
    private Chain c;
    private Address admin;
    private Address manager;
    private Address allocator;
    private Address client;
    private Address newcomer;
    private OnRamp o;
    private ClientContract cc;
    private Miner a;
    private Miner b;
    private Supplier<String> st;

    @BeforeEach
    void setUp() { build(Variant.DESIGNED); }

    private void build(Variant v) {
        k = new MetaTestKit(v);
        c = k.c;
        admin = k.account();
        manager = k.account();
        allocator = k.account();
        client = k.account();
        newcomer = k.account();
        o = new OnRamp(c, k.ev, v, admin, manager, allocator, W, L);
        cc = o.clientContract();
        k.ma.addAllowance(k.gov, allocator, 2_000 * MIB);
        k.ma.addVerifiedClient(allocator, cc.address(), 2_000 * MIB);
        a = k.miner();
        b = k.miner();
        st = () -> MetaTestKit.state(o, List.of(admin, manager, allocator, client, newcomer));
    }

    private void refuse(String error, Runnable call) { k.refused("OnRamp", error, st, call::run); }

    private void refuseInClient(String error, Runnable call) { k.refused("ClientContract", error, st, call::run); }

    // ------------------------------------------------------------------ deployment
    @Test
    void deploymentOwnsItsClientContractAndSetsRolesAndDefaults() {
        assertEquals(o.address(), cc.owner());
        assertTrue(o.hasRole(Roles.DEFAULT_ADMIN, admin));
        assertTrue(o.hasRole(OnRamp.MANAGER_ROLE, manager));
        assertTrue(o.hasRole(OnRamp.ALLOCATOR_ROLE, allocator));
        assertFalse(o.hasRole(OnRamp.MANAGER_ROLE, admin));
        assertFalse(o.hasRole(OnRamp.ALLOCATOR_ROLE, manager));
        assertEquals(W, o.initialWindowSizeInBlocks());
        assertEquals(L, o.initialLimitPerWindow());
        assertFalse(o.paused());
    }

    @Test
    void aZeroWindowOrNegativeLimitIsRefusedAtDeployment() {
        ContractError e = assertThrows(ContractError.class, () -> new OnRamp(c, k.ev, Variant.DESIGNED, admin, manager, allocator, 0, L));
        assertEquals("OnRamp.InvalidArgument", e.rule());
        e = assertThrows(ContractError.class, () -> new OnRamp(c, k.ev, Variant.DESIGNED, admin, manager, allocator, W, -1));
        assertEquals("OnRamp.InvalidArgument", e.rule());
    }

    // ------------------------------------------------------------------ increaseAllowance
    @Test
    void increaseAllowanceByAllocatorOrManagerCopiesTheDefaultsOnFirstUse() {
        assertEquals(new ClientInfo(0, 0, 0, false), o.clientInfo(client));
        o.increaseAllowance(allocator, client, 30 * MIB);
        assertEquals(new ClientInfo(0, L, W, false), o.clientInfo(client));
        o.increaseAllowance(manager, client, 20 * MIB);
        assertEquals(50 * MIB, cc.allowance(client));
        assertEquals(FIRST_WINDOW, o.clientWindow(client));
        assertEquals(50 * MIB, o.clientAllocations(client, FIRST_WINDOW));
        assertEquals(L - 50 * MIB, o.remainingInWindow(client));
        assertEquals(new ClientContract.AllowanceChanged(client, 30 * MIB, 50 * MIB), k.last(ClientContract.AllowanceChanged.class));
    }

    @Test
    void theWindowIndexIsBlockNumberOverWindowSizePlusOffset() {
        o.increaseAllowance(allocator, client, MIB);
        c.advanceTo(W - 1);
        assertEquals(FIRST_WINDOW, o.clientWindow(client));
        c.advanceTo(W);
        assertEquals(FIRST_WINDOW + 1, o.clientWindow(client));
        c.advanceTo(5 * W + 17);
        assertEquals(FIRST_WINDOW + 5, o.clientWindow(client));
        ContractError e = assertThrows(ContractError.class, () -> o.clientWindow(k.account()));
        assertEquals("InvalidArgument", e.error());
    }

    @Test
    void theLimitMayBeReachedExactlyButNotPassed() {
        o.increaseAllowance(allocator, client, 60 * MIB);
        o.increaseAllowance(allocator, client, 40 * MIB);
        assertEquals(L, o.clientAllocations(client, FIRST_WINDOW));
        refuse("RateLimited", () -> o.increaseAllowance(allocator, client, 1));
        refuse("RateLimited", () -> o.increaseAllowance(manager, client, 1));
        assertEquals(L, cc.allowance(client));
    }

    @Test
    void aSingleRequestAboveTheLimitIsRefusedAndCopiesNothing() {
        refuse("RateLimited", () -> o.increaseAllowance(allocator, client, L + 1));
        assertEquals(new ClientInfo(0, 0, 0, false), o.clientInfo(client));
    }

    @Test
    void aRefusedRequestUsesNoQuota() {
        o.increaseAllowance(allocator, client, 70 * MIB);
        refuse("RateLimited", () -> o.increaseAllowance(allocator, client, 31 * MIB));
        assertEquals(70 * MIB, o.clientAllocations(client, FIRST_WINDOW));
        refuseInClient("AmountEqualZero", () -> o.increaseAllowance(allocator, client, 0));
        o.increaseAllowance(allocator, client, 30 * MIB);
        assertEquals(L, o.clientAllocations(client, FIRST_WINDOW));
    }

    @Test
    void aBurstAcrossTheWindowBoundaryGetsTwoLimitsInTwoEpochs() {
        c.advanceTo(W - 1); // the last epoch of the first window
        o.increaseAllowance(allocator, client, L);
        refuse("RateLimited", () -> o.increaseAllowance(allocator, client, 1));
        c.advanceTo(W);
        o.increaseAllowance(allocator, client, L);
        assertEquals(2 * L, cc.allowance(client));
        assertEquals(L, o.clientAllocations(client, FIRST_WINDOW));
        assertEquals(L, o.clientAllocations(client, FIRST_WINDOW + 1));
        refuse("RateLimited", () -> o.increaseAllowance(allocator, client, 1));
    }

    @Test
    void windowsArePerClient() {
        Address other = k.account();
        o.increaseAllowance(allocator, client, L);
        o.increaseAllowance(allocator, other, L);
        assertEquals(L, cc.allowance(other));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void changingAClientsParametersStartsAFreshWindow(Variant v) {
        build(v);
        o.increaseAllowance(allocator, client, L);
        o.setClientRateLimitParameters(manager, client, W, L);
        assertEquals(new ClientRateLimitParametersChanged(client, W, L), k.last(ClientRateLimitParametersChanged.class));
        assertEquals(new ClientInfo(FIRST_WINDOW, L, W, false), o.clientInfo(client));
        assertEquals(2 * FIRST_WINDOW, o.clientWindow(client), "block / W + offset, offset = the old window index");
        o.increaseAllowance(allocator, client, L);
        refuse("RateLimited", () -> o.increaseAllowance(allocator, client, 1));
        // a shorter window and a higher limit: index 6,163,200 / 1,000 + 4,280 = 10,443
        o.setClientRateLimitParameters(manager, client, 1_000, 3 * L);
        assertEquals(6_163 + 2 * FIRST_WINDOW, o.clientWindow(client));
        o.increaseAllowance(allocator, client, 3 * L);
        assertEquals(5 * L, cc.allowance(client));
    }

    /**
     * A new window longer than the block number: OnRamp.sol's offset (the old index) gives the same index again, so
     * the old total carries over (deployed); designed starts a fresh window anyway.
     */
    @ParameterizedTest
    @EnumSource(Variant.class)
    void aWindowLongerThanTheBlockNumber(Variant v) {
        build(v);
        o.increaseAllowance(allocator, client, L);
        long longWindow = 10_000_000; // > 6,163,200
        o.setClientRateLimitParameters(manager, client, longWindow, L);
        if (v == Variant.DEPLOYED) {
            assertEquals(FIRST_WINDOW, o.clientWindow(client));
            refuse("RateLimited", () -> o.increaseAllowance(allocator, client, 1));
        } else {
            assertEquals(FIRST_WINDOW + 1, o.clientWindow(client));
            o.increaseAllowance(allocator, client, L);
            assertEquals(2 * L, cc.allowance(client));
        }
    }

    @Test
    void parametersSetBeforeFirstUseAreKeptAndNotReplacedByDefaults() {
        o.setClientRateLimitParameters(manager, client, 10 * W, 5 * MIB);
        assertEquals(new ClientInfo(0, 5 * MIB, 10 * W, false), o.clientInfo(client));
        refuse("RateLimited", () -> o.increaseAllowance(allocator, client, 5 * MIB + 1));
        o.increaseAllowance(allocator, client, 5 * MIB);
        assertEquals(6_163_200 / (10 * W), o.clientWindow(client));
    }

    @Test
    void newDefaultsApplyOnlyToClientsNotYetUsed() {
        Address later = k.account();
        o.increaseAllowance(allocator, client, MIB);
        o.setInitialRateLimitParameters(manager, 7 * W, 5 * MIB);
        assertEquals(new InitialRateLimitParametersChanged(7 * W, 5 * MIB), k.last(InitialRateLimitParametersChanged.class));
        assertEquals(new ClientInfo(0, L, W, false), o.clientInfo(client));
        o.increaseAllowance(allocator, client, 50 * MIB);
        refuse("RateLimited", () -> o.increaseAllowance(allocator, later, 5 * MIB + 1));
        o.increaseAllowance(allocator, later, 5 * MIB);
        assertEquals(new ClientInfo(0, 5 * MIB, 7 * W, false), o.clientInfo(later));
    }

    @Test
    void rateLimitParametersAreChecked() {
        refuse("InvalidArgument", () -> o.setInitialRateLimitParameters(manager, 0, L));
        refuse("InvalidArgument", () -> o.setInitialRateLimitParameters(manager, W, -1));
        refuse("InvalidArgument", () -> o.setClientRateLimitParameters(manager, client, 0, L));
        refuse("InvalidArgument", () -> o.setClientRateLimitParameters(manager, client, -W, L));
        o.setInitialRateLimitParameters(manager, W, 0); // a zero limit is allowed: no allowance at all
        refuse("RateLimited", () -> o.increaseAllowance(allocator, client, 1));
    }

    // ------------------------------------------------------------------ bans
    @Test
    void aLockedClientGetsNoAllowanceEvenFromTheManager() {
        o.lock(manager, client, 0);
        assertTrue(o.isLocked(client));
        assertEquals(new Locked(client), k.last(Locked.class));
        refuse("ClientLocked", () -> o.increaseAllowance(allocator, client, MIB));
        refuse("ClientLocked", () -> o.increaseAllowance(manager, client, MIB));
        o.unlock(manager, client);
        assertFalse(o.isLocked(client));
        assertEquals(new Unlocked(client), k.last(Unlocked.class));
        o.increaseAllowance(allocator, client, MIB);
        assertEquals(MIB, cc.allowance(client));
    }

    @Test
    void lockWithAnAmountTakesAllowanceBack() {
        o.increaseAllowance(allocator, client, 30 * MIB);
        o.lock(manager, client, 10 * MIB);
        assertTrue(o.isLocked(client));
        assertEquals(20 * MIB, cc.allowance(client));
        assertEquals(20 * MIB, cc.totalAllocations(client));
        o.lock(manager, client, 1_000 * MIB); // clamped to what is left
        assertEquals(0, cc.allowance(client));
        assertEquals(30 * MIB, o.clientAllocations(client, FIRST_WINDOW), "taking back does not give quota back");
    }

    /** As OnRamp.sol: with amount > 0 and no allowance left the Client Contract refuses, so the ban is not applied. */
    @Test
    void lockWithAnAmountOnAClientWithoutAllowanceRevertsTheBan() {
        refuseInClient("AlreadyZero", () -> o.lock(manager, client, MIB));
        assertFalse(o.isLocked(client));
        refuse("InvalidArgument", () -> o.lock(manager, client, -1));
    }

    @Test
    void aBannedClientMaySpendWhatItAlreadyHas() {
        o.increaseAllowance(allocator, client, 10 * MIB);
        o.addAllowedSPsForClient(allocator, client, List.of(a.address()));
        o.lock(manager, client, 0);
        AllocationRequests r = AllocationRequests.of(k.request(a, 10 * MIB));
        cc.transfer(client, r.allocationBytes(), r);
        assertEquals(0, cc.allowance(client));
    }

    // ------------------------------------------------------------------ pause
    @Test
    void pauseBlocksOnlyNewAllowances() {
        o.increaseAllowance(allocator, client, 20 * MIB);
        o.addAllowedSPsForClient(allocator, client, List.of(a.address()));
        o.pause(manager);
        assertTrue(o.paused());
        assertEquals(new Paused(manager), k.last(Paused.class));
        refuse("EnforcedPause", () -> o.increaseAllowance(allocator, client, MIB));
        refuse("EnforcedPause", () -> o.increaseAllowance(manager, client, MIB));
        refuse("EnforcedPause", () -> o.increaseAllowance(k.account(), client, MIB)); // checked before the role
        // everything else still works
        o.decreaseAllowance(allocator, client, 5 * MIB);
        o.addAllowedSPsForClient(allocator, client, List.of(b.address()));
        o.removeAllowedSPsForClient(manager, client, List.of(b.address()));
        o.setClientMaxDeviationFromFairDistribution(allocator, client, 500);
        o.setClientRateLimitParameters(manager, client, W, 2 * L);
        o.setInitialRateLimitParameters(manager, W, 2 * L);
        o.lock(manager, client, 0);
        o.unlock(manager, client);
        AllocationRequests r = AllocationRequests.of(k.request(a, 15 * MIB));
        cc.transfer(client, r.allocationBytes(), r);
        assertEquals(0, cc.allowance(client));
        o.unpause(manager);
        assertEquals(new Unpaused(manager), k.last(Unpaused.class));
        o.increaseAllowance(allocator, client, MIB);
    }

    @Test
    void pauseAndUnpauseAreCheckedAgainstTheCurrentState() {
        refuse("ExpectedPause", () -> o.unpause(manager));
        o.pause(manager);
        refuse("EnforcedPause", () -> o.pause(manager));
    }

    // ------------------------------------------------------------------ forwarded functions
    @ParameterizedTest
    @EnumSource(value = Who.class, names = {"MANAGER", "ALLOCATOR"})
    void forwardedFunctionsReachTheClientContract(Who w) {
        Address caller = who(w);
        o.addAllowedSPsForClient(caller, client, List.of(a.address(), b.address()));
        assertEquals(List.of(a.address(), b.address()), cc.clientSPs(client));
        o.removeAllowedSPsForClient(caller, client, List.of(b.address()));
        assertEquals(List.of(a.address()), cc.clientSPs(client));
        o.setClientMaxDeviationFromFairDistribution(caller, client, 300);
        assertEquals(300, cc.maxDeviation(client));
        o.increaseAllowance(caller, client, 10 * MIB);
        o.decreaseAllowance(caller, client, 4 * MIB);
        assertEquals(6 * MIB, cc.allowance(client));
    }

    @Test
    void theClientContractsErrorsComeThroughTheForwards() {
        refuseInClient("AlreadyZero", () -> o.decreaseAllowance(allocator, client, MIB));
        refuseInClient("AmountEqualZero", () -> o.decreaseAllowance(manager, client, 0));
        refuseInClient("InvalidArgument", () -> o.setClientMaxDeviationFromFairDistribution(allocator, client, -5));
    }

    @Test
    void transferIsDisabled() {
        AllocationRequests r = AllocationRequests.of(k.request(a, MIB));
        refuse("Forbidden", () -> o.transfer(client, MIB, r));
        refuse("Forbidden", () -> o.transfer(manager, MIB, r));
    }

    @ParameterizedTest
    @EnumSource(value = Who.class, names = {"ADMIN", "MANAGER", "ALLOCATOR", "CLIENT"})
    void nobodyButTheOnRampMayCallTheClientContractsOwnerFunctions(Who w) {
        Address caller = who(w);
        refuseInClient("OwnableUnauthorizedAccount", () -> cc.increaseAllowance(caller, client, MIB));
        refuseInClient("OwnableUnauthorizedAccount", () -> cc.addAllowedSPsForClient(caller, client, List.of(a.address())));
        refuseInClient("OwnableUnauthorizedAccount", () -> cc.transferOwnership(caller, caller));
    }

    // ------------------------------------------------------------------ an OnRamp over an existing Client Contract
    @Test
    void anExistingClientContractIsHandedOverInTwoSteps() {
        Address alloc0 = k.account();
        ClientContract cc2 = new ClientContract(c, k.ev, alloc0);
        OnRamp o2 = new OnRamp(c, k.ev, Variant.DESIGNED, cc2, admin, manager, allocator, W, L);
        Supplier<String> st2 = () -> MetaTestKit.state(o2, List.of(admin, manager, allocator));
        assertEquals(cc2, o2.clientContract());
        k.refused("ClientContract", "OwnableUnauthorizedAccount", st2, () -> o2.increaseAllowance(allocator, client, MIB));
        cc2.transferOwnership(alloc0, o2.address());
        k.refused("OnRamp", "AccessControlUnauthorizedAccount", st2, () -> o2.acceptOwnership(allocator));
        o2.acceptOwnership(manager);
        assertEquals(o2.address(), cc2.owner());
        o2.increaseAllowance(allocator, client, MIB);
        assertEquals(MIB, cc2.allowance(client));
        k.refused("ClientContract", "OwnableUnauthorizedAccount", st2, () -> o2.acceptOwnership(manager));
    }

    // ------------------------------------------------------------------ roles
    @Test
    void theAdminGrantsAndRevokesRoles() {
        o.grantRole(admin, OnRamp.ALLOCATOR_ROLE, newcomer);
        assertEquals(new RoleGranted(OnRamp.ALLOCATOR_ROLE, newcomer, admin), k.last(RoleGranted.class));
        o.increaseAllowance(newcomer, client, MIB);
        o.revokeRole(admin, OnRamp.ALLOCATOR_ROLE, newcomer);
        assertEquals(new RoleRevoked(OnRamp.ALLOCATOR_ROLE, newcomer, admin), k.last(RoleRevoked.class));
        refuse("Unauthorized", () -> o.increaseAllowance(newcomer, client, MIB));
        o.grantRole(admin, OnRamp.MANAGER_ROLE, admin); // the admin may make itself a manager
        o.pause(admin);
        o.renounceRole(allocator, OnRamp.ALLOCATOR_ROLE);
        assertFalse(o.hasRole(OnRamp.ALLOCATOR_ROLE, allocator));
        ContractError e = k.refused("OnRamp", "AccessControlUnauthorizedAccount", st,
                () -> o.grantRole(manager, OnRamp.ALLOCATOR_ROLE, newcomer));
        assertEquals(List.of(manager, Roles.DEFAULT_ADMIN), e.args());
    }

    // ------------------------------------------------------------------ role × function matrix
    enum Who { ADMIN, MANAGER, ALLOCATOR, CLIENT, STRANGER }

    private Address who(Who w) {
        return switch (w) {
            case ADMIN -> admin;
            case MANAGER -> manager;
            case ALLOCATOR -> allocator;
            case CLIENT -> client;
            case STRANGER -> k.account();
        };
    }

    private record Fn(String role, Consumer<OnRampTest> prepare, BiConsumer<OnRampTest, Address> call) {}

    private static final String MANAGER_OR_ALLOCATOR = "MANAGER_OR_ALLOCATOR";

    private static final Map<String, Fn> FUNCTIONS = new TreeMap<>();

    static {
        Consumer<OnRampTest> none = t -> { };
        FUNCTIONS.put("pause", new Fn(OnRamp.MANAGER_ROLE, none, (t, x) -> t.o.pause(x)));
        FUNCTIONS.put("unpause", new Fn(OnRamp.MANAGER_ROLE, t -> t.o.pause(t.manager), (t, x) -> t.o.unpause(x)));
        FUNCTIONS.put("lock", new Fn(OnRamp.MANAGER_ROLE, none, (t, x) -> t.o.lock(x, t.client, 0)));
        FUNCTIONS.put("unlock", new Fn(OnRamp.MANAGER_ROLE, t -> t.o.lock(t.manager, t.client, 0), (t, x) -> t.o.unlock(x, t.client)));
        FUNCTIONS.put("setInitialRateLimitParameters", new Fn(OnRamp.MANAGER_ROLE, none,
                (t, x) -> t.o.setInitialRateLimitParameters(x, 2 * W, 2 * L)));
        FUNCTIONS.put("setClientRateLimitParameters", new Fn(OnRamp.MANAGER_ROLE, none,
                (t, x) -> t.o.setClientRateLimitParameters(x, t.client, 2 * W, 2 * L)));
        FUNCTIONS.put("acceptOwnership", new Fn(OnRamp.MANAGER_ROLE, OnRampTest::offerANewClientContract,
                (t, x) -> t.o.acceptOwnership(x)));
        FUNCTIONS.put("increaseAllowance", new Fn(MANAGER_OR_ALLOCATOR, none, (t, x) -> t.o.increaseAllowance(x, t.client, MIB)));
        FUNCTIONS.put("decreaseAllowance", new Fn(MANAGER_OR_ALLOCATOR, t -> t.o.increaseAllowance(t.manager, t.client, 10 * MIB),
                (t, x) -> t.o.decreaseAllowance(x, t.client, MIB)));
        FUNCTIONS.put("addAllowedSPsForClient", new Fn(MANAGER_OR_ALLOCATOR, none,
                (t, x) -> t.o.addAllowedSPsForClient(x, t.client, List.of(t.a.address()))));
        FUNCTIONS.put("removeAllowedSPsForClient", new Fn(MANAGER_OR_ALLOCATOR,
                t -> t.o.addAllowedSPsForClient(t.manager, t.client, List.of(t.a.address())),
                (t, x) -> t.o.removeAllowedSPsForClient(x, t.client, List.of(t.a.address()))));
        FUNCTIONS.put("setClientMaxDeviationFromFairDistribution", new Fn(MANAGER_OR_ALLOCATOR, none,
                (t, x) -> t.o.setClientMaxDeviationFromFairDistribution(x, t.client, 100)));
        FUNCTIONS.put("grantRole", new Fn(Roles.DEFAULT_ADMIN, none, (t, x) -> t.o.grantRole(x, OnRamp.ALLOCATOR_ROLE, t.newcomer)));
        FUNCTIONS.put("revokeRole", new Fn(Roles.DEFAULT_ADMIN, none, (t, x) -> t.o.revokeRole(x, OnRamp.ALLOCATOR_ROLE, t.allocator)));
    }

    /** Replaces the OnRamp with one over a Client Contract whose owner has offered it ownership. */
    private void offerANewClientContract() {
        Address alloc0 = k.account();
        ClientContract cc2 = new ClientContract(c, k.ev, alloc0);
        o = new OnRamp(c, k.ev, Variant.DESIGNED, cc2, admin, manager, allocator, W, L);
        cc2.transferOwnership(alloc0, o.address());
    }

    private static boolean authorized(String role, Who w) {
        return switch (role) {
            case OnRamp.MANAGER_ROLE -> w == Who.MANAGER;
            case MANAGER_OR_ALLOCATOR -> w == Who.MANAGER || w == Who.ALLOCATOR;
            default -> w == Who.ADMIN;
        };
    }

    static Stream<Arguments> matrix() {
        return FUNCTIONS.keySet().stream().flatMap(f -> Stream.of(Who.values()).map(w -> Arguments.of(f, w)));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("matrix")
    void roleMatrix(String function, Who w) {
        Fn fn = FUNCTIONS.get(function);
        fn.prepare().accept(this);
        Address caller = who(w);
        if (authorized(fn.role(), w)) {
            String before = st.get();
            fn.call().accept(this, caller);
            assertNotEquals(before, st.get(), function + " by its role changed nothing");
        } else if (fn.role().equals(MANAGER_OR_ALLOCATOR)) {
            k.refused("OnRamp", "Unauthorized", st, () -> fn.call().accept(this, caller));
        } else {
            ContractError e = k.refused("OnRamp", "AccessControlUnauthorizedAccount", st, () -> fn.call().accept(this, caller));
            assertEquals(List.of(caller, fn.role()), e.args());
        }
    }

    @Test
    void theMatrixCoversEveryPublicFunctionThatChangesState() {
        List<String> mutators = new ArrayList<>();
        for (var m : OnRamp.class.getMethods())
            if ((m.getDeclaringClass() == OnRamp.class || m.getDeclaringClass() == AccessControlled.class)
                    && m.getReturnType() == void.class) mutators.add(m.getName());
        mutators.removeAll(List.of("transfer", "renounceRole")); // Forbidden for all; renouncing acts on the caller only
        assertEquals(new java.util.TreeSet<>(mutators), FUNCTIONS.keySet());
    }
}
