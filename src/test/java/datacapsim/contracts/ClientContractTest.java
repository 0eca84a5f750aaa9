package datacapsim.contracts;

import static datacapsim.contracts.MetaTestKit.DAY;
import static datacapsim.contracts.MetaTestKit.MIB;
import static datacapsim.contracts.MetaTestKit.TERM_MIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import datacapsim.chain.Address;
import datacapsim.chain.Allocation;
import datacapsim.chain.AllocationRequest;
import datacapsim.chain.AllocationRequests;
import datacapsim.chain.Chain;
import datacapsim.chain.Claim;
import datacapsim.chain.ClaimExtensionRequest;
import datacapsim.chain.Miner;
import datacapsim.chain.VerifiedRegistry;
import datacapsim.contracts.ClientContract.AllowanceChanged;
import datacapsim.contracts.ClientContract.ClientConfigChanged;
import datacapsim.contracts.ClientContract.DatacapSpent;
import datacapsim.contracts.ClientContract.OwnershipTransferStarted;
import datacapsim.contracts.ClientContract.OwnershipTransferred;
import datacapsim.contracts.ClientContract.SPsAddedForClient;
import datacapsim.contracts.ClientContract.SPsRemovedForClient;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Client Contract, MetaAllocator flavour (seed 000; Client.sol): owner functions, the client's transfer with its
 * checks (allowance, allowed SPs, fair distribution with hand-computed caps), registry refusals, the contract as the
 * registry's client, returns credited to nobody, and the role × function matrix.
 */
class ClientContractTest {
    /** DataCap the MetaAllocator mints to the contract in every test. */
    private static final long MINTED = 1_000 * MIB;

    private MetaTestKit k;
    private Chain c;
    private Address alloc;
    private Address client;
    private ClientContract cc;
    private Miner a;
    private Miner b;
    private Miner m3;
    private Supplier<String> st;

    @BeforeEach
    void setUp() {
        k = new MetaTestKit();
        c = k.c;
        alloc = k.account();
        client = k.account();
        cc = new ClientContract(c, k.ev, alloc);
        k.ma.addAllowance(k.gov, alloc, MINTED);
        k.ma.addVerifiedClient(alloc, cc.address(), MINTED);
        a = k.miner();
        b = k.miner();
        m3 = k.miner();
        st = () -> MetaTestKit.state(cc);
    }

    private VerifiedRegistry.TransferResult spend(AllocationRequest... rs) {
        AllocationRequests reqs = AllocationRequests.of(rs);
        return cc.transfer(client, reqs.allocationBytes(), reqs);
    }

    private void refuse(String error, Runnable call) { k.refused("ClientContract", error, st, call::run); }

    private void grant(long amount, Miner... sps) {
        cc.increaseAllowance(alloc, client, amount);
        cc.addAllowedSPsForClient(alloc, client, Stream.of(sps).map(Miner::address).toList());
    }

    // ------------------------------------------------------------------ allowance
    @Test
    void increaseAllowanceRaisesAllowanceAndTotal() {
        cc.increaseAllowance(alloc, client, 10 * MIB);
        cc.increaseAllowance(alloc, client, 5 * MIB);
        assertEquals(15 * MIB, cc.allowance(client));
        assertEquals(15 * MIB, cc.totalAllocations(client));
        assertEquals(List.of(new AllowanceChanged(client, 0, 10 * MIB), new AllowanceChanged(client, 10 * MIB, 15 * MIB)),
                k.ev.recent(AllowanceChanged.class));
    }

    @Test
    void increaseAllowanceOfZeroIsRefused() {
        refuse("AmountEqualZero", () -> cc.increaseAllowance(alloc, client, 0));
        refuse("AmountEqualZero", () -> cc.increaseAllowance(alloc, client, -1));
    }

    @Test
    void decreaseAllowanceTakesBackFromAllowanceAndTotal() {
        cc.increaseAllowance(alloc, client, 10 * MIB);
        cc.decreaseAllowance(alloc, client, 4 * MIB);
        assertEquals(6 * MIB, cc.allowance(client));
        assertEquals(6 * MIB, cc.totalAllocations(client));
        assertEquals(new AllowanceChanged(client, 10 * MIB, 6 * MIB), k.last(AllowanceChanged.class));
    }

    @Test
    void decreaseAllowanceIsClampedToTheAllowanceAndSoIsTheTotal() {
        grant(10 * MIB, a);
        spend(k.request(a, 4 * MIB));
        cc.decreaseAllowance(alloc, client, 100 * MIB);
        assertEquals(0, cc.allowance(client));
        assertEquals(4 * MIB, cc.totalAllocations(client), "total = 10 granted - 6 taken back; spending does not lower it");
        assertEquals(new AllowanceChanged(client, 6 * MIB, 0), k.last(AllowanceChanged.class));
    }

    @Test
    void decreaseAllowanceErrors() {
        refuse("AlreadyZero", () -> cc.decreaseAllowance(alloc, client, MIB));
        cc.increaseAllowance(alloc, client, MIB);
        refuse("AmountEqualZero", () -> cc.decreaseAllowance(alloc, client, 0));
        refuse("AmountEqualZero", () -> cc.decreaseAllowance(alloc, client, -2));
    }

    // ------------------------------------------------------------------ SPs and deviation
    @Test
    void allowedSPsAreAddedAndRemovedWithEvents() {
        cc.addAllowedSPsForClient(alloc, client, List.of(b.address(), a.address()));
        cc.addAllowedSPsForClient(alloc, client, List.of(a.address()));
        assertEquals(List.of(a.address(), b.address()), cc.clientSPs(client));
        assertEquals(new SPsAddedForClient(client, List.of(a.address())), k.last(SPsAddedForClient.class));
        cc.removeAllowedSPsForClient(alloc, client, List.of(a.address(), m3.address()));
        assertEquals(List.of(b.address()), cc.clientSPs(client));
        assertFalse(cc.isAllowedSP(client, a.address()));
        assertEquals(new SPsRemovedForClient(client, List.of(a.address(), m3.address())), k.last(SPsRemovedForClient.class));
        assertEquals(List.of(), cc.clientSPs(k.account()), "another client's set is separate");
    }

    @Test
    void removingAnSpKeepsTheBytesItWasGiven() {
        grant(10 * MIB, a, b);
        spend(k.request(a, 5 * MIB));
        cc.removeAllowedSPsForClient(alloc, client, List.of(a.address()));
        assertEquals(5 * MIB, cc.allocatedTo(client, a.address()));
        refuse("NotAllowedSP", () -> spend(k.request(a, MIB)));
    }

    @Test
    void maxDeviationIsSetPerClientWithoutUpperBound() {
        assertEquals(0, cc.maxDeviation(client));
        cc.setClientMaxDeviationFromFairDistribution(alloc, client, 2_500);
        assertEquals(2_500, cc.maxDeviation(client));
        cc.setClientMaxDeviationFromFairDistribution(alloc, client, 20_000);
        assertEquals(20_000, cc.maxDeviation(client));
        assertEquals(new ClientConfigChanged(client, 20_000), k.last(ClientConfigChanged.class));
        refuse("InvalidArgument", () -> cc.setClientMaxDeviationFromFairDistribution(alloc, client, -1));
    }

    // ------------------------------------------------------------------ transfer: success
    @Test
    void transferCreatesAllocationsWithTheContractAsTheClient() {
        grant(10 * MIB, a, b);
        var res = spend(k.request(a, 3 * MIB), k.request(b, 2 * MIB));
        assertEquals(2, res.allocationIds().size());
        assertEquals(5 * MIB, cc.allowance(client));
        assertEquals(10 * MIB, cc.totalAllocations(client), "spending does not lower the total");
        assertEquals(Map.of(a.address(), 3 * MIB, b.address(), 2 * MIB), cc.clientAllocationsPerSP(client));
        assertEquals(MINTED - 5 * MIB, c.datacap().balanceOf(cc.address()));
        assertEquals(0, c.datacap().balanceOf(client), "the real client holds no DataCap");
        Allocation al = k.allocation(cc.address(), res.allocationIds().get(0));
        assertEquals(cc.address(), al.client());
        assertNull(k.allocation(client, res.allocationIds().get(0)));
        assertEquals(new DatacapSpent(client, 5 * MIB), k.last(DatacapSpent.class));
        MetaTestKit.assertDataCapConserved(c);
    }

    @Test
    void theMinerClaimsWithTheContractAsClient() {
        grant(10 * MIB, a);
        long id = spend(k.request(a, 4 * MIB)).allocationIds().get(0);
        Allocation al = k.allocation(cc.address(), id);
        // naming the real client fails: the registry knows only the contract
        k.refusedByActor("verifreg.allocation_not_found", st, () -> a.proveCommitSector(a.owner(), new Miner.SectorActivation(
                List.of(new datacapsim.chain.Piece(al.data(), al.size(), client, id)), c.epoch() + TERM_MIN + 1),
                datacapsim.chain.Fil.fil(10)));
        k.claim(a, al);
        Claim cl = c.verifreg().claim(a.address(), id);
        assertEquals(cc.address(), cl.client());
        assertEquals(4 * MIB, c.verifreg().claimedBytes());
        MetaTestKit.assertDataCapConserved(c);
    }

    @Test
    void expiredAllocationsReturnToTheContractCreditedToNobody() {
        grant(10 * MIB, a);
        AllocationRequest r = new AllocationRequest(a.address(), 77, 4 * MIB, TERM_MIN, MetaTestKit.TERM_MAX, c.epoch() + DAY);
        spend(r);
        String before = st.get();
        long balance = c.datacap().balanceOf(cc.address());
        c.advanceTo(c.epoch() + DAY);
        var res = c.verifreg().removeExpiredAllocations(k.account(), cc.address(), List.of());
        assertEquals(4 * MIB, res.recovered());
        assertEquals(balance + 4 * MIB, c.datacap().balanceOf(cc.address()), "the DataCap lands in the contract's balance");
        assertEquals(before, st.get(), "no allowance, total or per-SP count changes: credited to nobody");
        assertEquals(6 * MIB, cc.allowance(client));
        MetaTestKit.assertDataCapConserved(c);
    }

    // ------------------------------------------------------------------ transfer: errors
    @Test
    void transferBeyondTheAllowanceIsRefused() {
        grant(5 * MIB, a);
        refuse("InsufficientAllowance", () -> spend(k.request(a, 5 * MIB + 1)));
        refuse("InsufficientAllowance", () -> cc.transfer(k.account(), MIB, AllocationRequests.of(k.request(a, MIB))));
        spend(k.request(a, 5 * MIB));
        refuse("InsufficientAllowance", () -> spend(k.request(a, MIB)));
    }

    @Test
    void transferToAnSpNotAllowedIsRefused() {
        grant(10 * MIB, a);
        ContractError e = k.refused("ClientContract", "NotAllowedSP", st, () -> spend(k.request(a, MIB), k.request(b, MIB)));
        assertEquals(List.of(b.address()), e.args());
    }

    @Test
    void transferWithBadInputIsRefused() {
        grant(10 * MIB, a);
        refuse("InvalidAmount", () -> cc.transfer(client, -1, AllocationRequests.of(k.request(a, MIB))));
        refuse("InvalidOperatorData", () -> cc.transfer(client, MIB, null));
    }

    @Test
    void registryRefusalRevertsEverythingAsTransferFailed() {
        grant(10 * MIB, a);
        AllocationRequest shortTerm = new AllocationRequest(a.address(), 5, MIB, TERM_MIN - 1, MetaTestKit.TERM_MAX,
                c.epoch() + DAY);
        ContractError e = k.refused("ClientContract", "TransferFailed", st, () -> spend(shortTerm));
        assertEquals(List.of("verifreg.term_min_too_short"), e.args());
        e = k.refused("ClientContract", "TransferFailed", st,
                () -> cc.transfer(client, 3 * MIB, AllocationRequests.of(k.request(a, 2 * MIB))));
        assertEquals(List.of("verifreg.token_sum_mismatch"), e.args());
        Address notAMiner = k.account();
        cc.addAllowedSPsForClient(alloc, client, List.of(notAMiner));
        e = k.refused("ClientContract", "TransferFailed", st,
                () -> spend(k.request(notAMiner, MIB, MetaTestKit.TERM_MAX)));
        assertEquals(List.of("verifreg.provider_not_miner"), e.args());
        e = k.refused("ClientContract", "TransferFailed", st,
                () -> cc.transfer(client, 0, new AllocationRequests(List.of(), List.of())));
        assertEquals(List.of("datacap.transfer_amount"), e.args());
        assertEquals(4, c.stats().count("ClientContract.transfer", "ClientContract.TransferFailed"));
    }

    @Test
    void aTransferBeyondTheContractsDataCapFailsInTheToken() {
        Address client2 = k.account();
        cc.increaseAllowance(alloc, client2, 2 * MINTED); // the owner may promise more than the contract holds
        cc.addAllowedSPsForClient(alloc, client2, List.of(a.address()));
        ContractError e = k.refused("ClientContract", "TransferFailed", st, () -> {
            AllocationRequests r = AllocationRequests.of(k.request(a, MINTED + MIB));
            cc.transfer(client2, r.allocationBytes(), r);
        });
        assertEquals(List.of("datacap.insufficient_balance"), e.args());
    }

    // ------------------------------------------------------------------ fair distribution, hand-computed
    @Test
    void twoSpsWithoutSlackCumulativeOverSeveralTransfers() {
        grant(100 * MIB, a, b); // cap = floor(100 MiB / 2) + 0 = 50 MiB
        assertEquals(50 * MIB, cc.maxPerSp(client));
        spend(k.request(a, 30 * MIB));
        spend(k.request(a, 20 * MIB), k.request(b, 25 * MIB)); // A reaches the cap exactly
        ContractError e = k.refused("ClientContract", "UnfairDistribution", st,
                () -> spend(k.request(b, 20 * MIB), k.request(a, MIB)));
        assertEquals(List.of(50 * MIB, 51 * MIB), e.args());
        assertEquals(25 * MIB, cc.allocatedTo(client, b.address()), "the refused call recorded nothing for B");
        spend(k.request(b, 25 * MIB));
        assertEquals(Map.of(a.address(), 50 * MIB, b.address(), 50 * MIB), cc.clientAllocationsPerSP(client));
        assertEquals(0, cc.allowance(client));
    }

    @Test
    void twoSpsWithSlack() {
        grant(100 * MIB, a, b);
        cc.setClientMaxDeviationFromFairDistribution(alloc, client, 1_000); // cap = 50 + floor(100 × 1000 / 10000) = 60 MiB
        assertEquals(60 * MIB, cc.maxPerSp(client));
        spend(k.request(a, 60 * MIB));
        ContractError e = k.refused("ClientContract", "UnfairDistribution", st, () -> spend(k.request(a, MIB)));
        assertEquals(List.of(60 * MIB, 61 * MIB), e.args());
        spend(k.request(b, 40 * MIB));
    }

    @Test
    void threeSpsWithoutSlackFloorsTheShare() {
        grant(100 * MIB, a, b, m3); // floor(104,857,600 / 3) = 34,952,533
        assertEquals(34_952_533, cc.maxPerSp(client));
        spend(k.request(a, 34_952_533));
        ContractError e = k.refused("ClientContract", "UnfairDistribution", st, () -> spend(k.request(b, 34_952_534)));
        assertEquals(List.of(34_952_533L, 34_952_534L), e.args());
        spend(k.request(b, 34_952_533));
    }

    @Test
    void threeSpsWithSlackCumulative() {
        grant(100 * MIB, a, b, m3);
        cc.setClientMaxDeviationFromFairDistribution(alloc, client, 250);
        // 34,952,533 + floor(104,857,600 × 250 / 10,000) = 34,952,533 + 2,621,440 = 37,573,973
        assertEquals(37_573_973, cc.maxPerSp(client));
        spend(k.request(a, 10 * MIB), k.request(b, 10 * MIB));
        spend(k.request(m3, 20_000_000));
        spend(k.request(m3, 17_573_973)); // exactly the cap
        ContractError e = k.refused("ClientContract", "UnfairDistribution", st, () -> spend(k.request(m3, MIB)));
        assertEquals(List.of(37_573_973L, 37_573_973L + MIB), e.args());
    }

    @Test
    void requestsAreCheckedInOrderAndTheFirstOverTheCapIsReported() {
        grant(90 * MIB, a, b, m3); // cap = 30 MiB
        ContractError e = k.refused("ClientContract", "UnfairDistribution", st,
                () -> spend(k.request(a, 20 * MIB), k.request(b, 30 * MIB), k.request(a, 11 * MIB)));
        assertEquals(List.of(30 * MIB, 31 * MIB), e.args(), "the third request, A's cumulative 31 MiB");
        e = k.refused("ClientContract", "UnfairDistribution", st, () -> spend(k.request(b, 31 * MIB), k.request(a, 40 * MIB)));
        assertEquals(List.of(30 * MIB, 31 * MIB), e.args());
        e = k.refused("ClientContract", "UnfairDistribution", st, () -> spend(k.request(a, 40 * MIB), k.request(b, 31 * MIB)));
        assertEquals(List.of(30 * MIB, 40 * MIB), e.args());
        spend(k.request(a, 15 * MIB), k.request(a, 15 * MIB), k.request(b, 30 * MIB));
        assertEquals(30 * MIB, cc.allocatedTo(client, a.address()));
    }

    @Test
    void theCapFollowsTheTotalGrantedAndTheNumberOfSps() {
        grant(100 * MIB, a, b);
        spend(k.request(a, 50 * MIB));
        assertEquals(50 * MIB, cc.maxPerSp(client), "spending leaves the cap as it was");
        cc.decreaseAllowance(alloc, client, 20 * MIB); // total 80 → cap 40
        assertEquals(40 * MIB, cc.maxPerSp(client));
        ContractError e = k.refused("ClientContract", "UnfairDistribution", st, () -> spend(k.request(a, MIB)));
        assertEquals(List.of(40 * MIB, 51 * MIB), e.args());
        spend(k.request(b, 30 * MIB));
        cc.increaseAllowance(alloc, client, 120 * MIB); // total 200, cap 100
        cc.addAllowedSPsForClient(alloc, client, List.of(m3.address())); // three SPs: cap floor(200/3 MiB)
        assertEquals(200 * MIB / 3, cc.maxPerSp(client));
        cc.removeAllowedSPsForClient(alloc, client, List.of(b.address(), m3.address())); // one SP: cap = total
        assertEquals(200 * MIB, cc.maxPerSp(client));
        spend(k.request(a, 100 * MIB));
        assertEquals(150 * MIB, cc.allocatedTo(client, a.address()));
    }

    @Test
    void clientsAreCappedSeparately() {
        Address other = k.account();
        grant(20 * MIB, a, b);
        cc.increaseAllowance(alloc, other, 100 * MIB);
        cc.addAllowedSPsForClient(alloc, other, List.of(a.address()));
        cc.transfer(other, 60 * MIB, AllocationRequests.of(k.request(a, 60 * MIB)));
        spend(k.request(a, 10 * MIB)); // the client's own cap with A is 10 MiB, whatever the other client gave A
        refuse("UnfairDistribution", () -> spend(k.request(a, MIB)));
    }

    // ------------------------------------------------------------------ claim extensions
    private long claimedAllocation(Miner m, long size) {
        long id = cc.transfer(client, size, AllocationRequests.of(k.request(m.address(), size, 1_000_000)))
                .allocationIds().get(0);
        k.claim(m, k.allocation(cc.address(), id));
        return id;
    }

    @Test
    void claimExtensionsCountTowardsTheSp() {
        grant(40 * MIB, a, b); // cap 20 MiB
        long id = claimedAllocation(a, 8 * MIB);
        var res = cc.transfer(client, 8 * MIB,
                AllocationRequests.extensions(new ClaimExtensionRequest(a.address(), id, 2_000_000)));
        assertEquals(1, res.extended());
        assertEquals(16 * MIB, cc.allocatedTo(client, a.address()));
        assertEquals(24 * MIB, cc.allowance(client));
        assertEquals(8 * MIB, c.verifreg().extensionBurnedBytes());
        assertEquals(2_000_000, c.verifreg().claim(a.address(), id).termMax());
        ContractError e = k.refused("ClientContract", "UnfairDistribution", st, () -> cc.transfer(client, 8 * MIB,
                AllocationRequests.extensions(new ClaimExtensionRequest(a.address(), id, 2_100_000))));
        assertEquals(List.of(20 * MIB, 24 * MIB), e.args());
        MetaTestKit.assertDataCapConserved(c);
    }

    @Test
    void claimExtensionErrors() {
        grant(40 * MIB, a, b);
        long id = claimedAllocation(a, 4 * MIB);
        refuse("GetClaimsCallFailed", () -> cc.transfer(client, 4 * MIB,
                AllocationRequests.extensions(new ClaimExtensionRequest(a.address(), id + 100, 2_000_000))));
        refuse("GetClaimsCallFailed", () -> cc.transfer(client, 4 * MIB,
                AllocationRequests.extensions(new ClaimExtensionRequest(b.address(), id, 2_000_000))));
        cc.removeAllowedSPsForClient(alloc, client, List.of(a.address()));
        ContractError e = k.refused("ClientContract", "NotAllowedSP", st, () -> cc.transfer(client, 4 * MIB,
                AllocationRequests.extensions(new ClaimExtensionRequest(a.address(), id, 2_000_000))));
        assertEquals(List.of(a.address()), e.args());
        cc.addAllowedSPsForClient(alloc, client, List.of(a.address()));
        e = k.refused("ClientContract", "TransferFailed", st, () -> cc.transfer(client, 4 * MIB,
                AllocationRequests.extensions(new ClaimExtensionRequest(a.address(), id, 900_000))));
        assertEquals(List.of("verifreg.extension_not_longer"), e.args());
    }

    // ------------------------------------------------------------------ ownership
    @Test
    void ownershipMovesInTwoSteps() {
        Address next = k.account();
        cc.transferOwnership(alloc, next);
        assertEquals(alloc, cc.owner());
        assertEquals(next, cc.pendingOwner());
        assertEquals(new OwnershipTransferStarted(alloc, next), k.last(OwnershipTransferStarted.class));
        refuse("OwnableUnauthorizedAccount", () -> cc.acceptOwnership(k.account()));
        cc.acceptOwnership(next);
        assertEquals(next, cc.owner());
        assertNull(cc.pendingOwner());
        assertEquals(new OwnershipTransferred(alloc, next), k.last(OwnershipTransferred.class));
        refuse("OwnableUnauthorizedAccount", () -> cc.increaseAllowance(alloc, client, MIB));
        cc.increaseAllowance(next, client, MIB);
        refuse("OwnableUnauthorizedAccount", () -> cc.acceptOwnership(next));
    }

    // ------------------------------------------------------------------ role × function matrix
    enum Who { OWNER, CLIENT, PENDING_OWNER, GOVERNANCE, SP_OWNER, STRANGER }

    private Address pending;

    private Address who(Who w) {
        return switch (w) {
            case OWNER -> alloc;
            case CLIENT -> client;
            case PENDING_OWNER -> pending;
            case GOVERNANCE -> k.gov;
            case SP_OWNER -> a.owner();
            case STRANGER -> k.account();
        };
    }

    private static final Map<String, BiConsumer<ClientContractTest, Address>> FUNCTIONS = new TreeMap<>(Map.of(
            "increaseAllowance", (t, x) -> t.cc.increaseAllowance(x, t.client, MIB),
            "decreaseAllowance", (t, x) -> t.cc.decreaseAllowance(x, t.client, MIB),
            "addAllowedSPsForClient", (t, x) -> t.cc.addAllowedSPsForClient(x, t.client, List.of(t.b.address())),
            "removeAllowedSPsForClient", (t, x) -> t.cc.removeAllowedSPsForClient(x, t.client, List.of(t.a.address())),
            "setClientMaxDeviationFromFairDistribution", (t, x) -> t.cc.setClientMaxDeviationFromFairDistribution(x, t.client, 100),
            "transferOwnership", (t, x) -> t.cc.transferOwnership(x, t.k.gov),
            "acceptOwnership", (t, x) -> t.cc.acceptOwnership(x),
            "transfer", (t, x) -> t.cc.transfer(x, MIB, AllocationRequests.of(t.k.request(t.a, MIB)))));

    private static Who authorized(String f) {
        return switch (f) {
            case "transfer" -> Who.CLIENT;
            case "acceptOwnership" -> Who.PENDING_OWNER;
            default -> Who.OWNER;
        };
    }

    static Stream<Arguments> matrix() {
        return FUNCTIONS.keySet().stream().flatMap(f -> Stream.of(Who.values()).map(w -> Arguments.of(f, w)));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("matrix")
    void roleMatrix(String function, Who w) {
        grant(10 * MIB, a);
        pending = k.account();
        cc.transferOwnership(alloc, pending);
        Address caller = who(w);
        BiConsumer<ClientContractTest, Address> f = FUNCTIONS.get(function);
        if (authorized(function) == w) {
            String before = st.get();
            f.accept(this, caller);
            assertNotEquals(before, st.get(), function + " by its role changed nothing");
        } else if (function.equals("transfer")) {
            k.refused("ClientContract", "InsufficientAllowance", st, () -> f.accept(this, caller));
        } else {
            ContractError e = k.refused("ClientContract", "OwnableUnauthorizedAccount", st, () -> f.accept(this, caller));
            assertEquals(List.of(caller), e.args());
        }
    }
}
