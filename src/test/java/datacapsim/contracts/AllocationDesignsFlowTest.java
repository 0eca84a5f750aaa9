package datacapsim.contracts;

import static datacapsim.contracts.MetaTestKit.GIB;
import static org.junit.jupiter.api.Assertions.assertEquals;

import datacapsim.chain.Address;
import datacapsim.chain.Allocation;
import datacapsim.chain.AllocationRequest;
import datacapsim.chain.AllocationRequests;
import datacapsim.chain.Chain;
import datacapsim.chain.ChainFixture;
import datacapsim.chain.Claim;
import datacapsim.chain.Fil;
import datacapsim.chain.Miner;
import datacapsim.chain.Piece;
import datacapsim.chain.Policy;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End-to-end flows of the three seed-000 designs, each from the root key to a claimed allocation: `meta-allocator`,
 * `client-contract` and `onramp` (simulation.md's designs table).
 */
class AllocationDesignsFlowTest {
    private static final long MA_ALLOWANCE = 10 * Policy.TiB;
    private static final long ALLOCATOR_ALLOWANCE = Policy.TiB;
    private static final long GRANT = 64 * GIB;
    private static final long PIECE = 16 * GIB;

    private Chain c;
    private EventLog ev;
    private Address gov;
    private Address allocator;
    private Address client;
    private MetaAllocator ma;
    private Miner miner;

    @BeforeEach
    void setUp() {
        c = ChainFixture.chain();
        ev = new EventLog(c, 1000);
        gov = c.newAccount();
        allocator = c.newAccount();
        client = c.newAccount();
        ma = new MetaAllocator(c, ev, Variant.DESIGNED, gov);
        Address owner = c.newAccount();
        c.fil().endow(owner, Fil.fil(1000));
        miner = c.createMiner(owner, owner, Policy.SECTOR_SIZE_32GIB);
        // root key → MetaAllocator; governance → allocator
        c.verifreg().addVerifier(c.rootKey(), ma.address(), MA_ALLOWANCE);
        ma.addAllowance(gov, allocator, ALLOCATOR_ALLOWANCE);
    }

    private AllocationRequests request(long data) {
        return AllocationRequests.of(new AllocationRequest(miner.address(), data, PIECE, Policy.MINIMUM_VERIFIED_ALLOCATION_TERM,
                Policy.MAXIMUM_VERIFIED_ALLOCATION_TERM, c.epoch() + 30 * Policy.EPOCHS_IN_DAY));
    }

    /** The miner seals the allocation, naming the client the registry knows; returns the claim. */
    private Claim claim(Address clientSeenByRegistry, long allocationId) {
        Allocation a = c.verifreg().allocation(clientSeenByRegistry, allocationId);
        miner.proveCommitSector(miner.owner(), new Miner.SectorActivation(
                List.of(new Piece(a.data(), a.size(), clientSeenByRegistry, a.id())),
                c.epoch() + Policy.MINIMUM_VERIFIED_ALLOCATION_TERM + 1), Fil.fil(10));
        return c.verifreg().claim(miner.address(), allocationId);
    }

    private void assertCommonOutcome(Address clientSeen, Claim claim) {
        assertEquals(clientSeen, claim.client());
        assertEquals(PIECE, claim.size());
        assertEquals(PIECE, c.verifreg().claimedBytes());
        assertEquals(PIECE, miner.verifiedBytes());
        assertEquals(MA_ALLOWANCE - GRANT, c.verifreg().verifierAllowance(ma.address()));
        assertEquals(ALLOCATOR_ALLOWANCE - GRANT, ma.allowance(allocator));
        assertEquals(GRANT - PIECE, c.datacap().balanceOf(clientSeen));
        assertEquals(1, ev.count(MetaAllocator.DatacapAllocated.class));
        MetaTestKit.assertDataCapConserved(c);
    }

    @Test
    void metaAllocatorDesign() {
        ma.addVerifiedClient(allocator, client, GRANT);
        long id = c.datacap().transfer(client, Chain.VERIFIED_REGISTRY, PIECE, request(1)).allocationIds().get(0);
        Claim claim = claim(client, id);
        assertCommonOutcome(client, claim);
    }

    @Test
    void clientContractDesign() {
        ClientContract cc = new ClientContract(c, ev, allocator);
        ma.addVerifiedClient(allocator, cc.address(), GRANT);
        cc.increaseAllowance(allocator, client, 32 * GIB);
        cc.addAllowedSPsForClient(allocator, client, List.of(miner.address()));
        AllocationRequests r = request(1);
        long id = cc.transfer(client, r.allocationBytes(), r).allocationIds().get(0);
        Claim claim = claim(cc.address(), id);
        assertCommonOutcome(cc.address(), claim);
        assertEquals(0, c.datacap().balanceOf(client));
        assertEquals(16 * GIB, cc.allowance(client));
        assertEquals(PIECE, cc.allocatedTo(client, miner.address()));
        assertEquals(1, ev.count(ClientContract.DatacapSpent.class));
    }

    @Test
    void onRampDesign() {
        Address admin = c.newAccount();
        OnRamp onramp = new OnRamp(c, ev, Variant.DESIGNED, admin, gov, allocator, 7 * Policy.EPOCHS_IN_DAY, 32 * GIB);
        ClientContract cc = onramp.clientContract();
        ma.addVerifiedClient(allocator, cc.address(), GRANT);
        onramp.increaseAllowance(allocator, client, 32 * GIB);
        onramp.addAllowedSPsForClient(allocator, client, List.of(miner.address()));
        AllocationRequests r = request(1);
        long id = cc.transfer(client, r.allocationBytes(), r).allocationIds().get(0);
        Claim claim = claim(cc.address(), id);
        assertCommonOutcome(cc.address(), claim);
        assertEquals(16 * GIB, cc.allowance(client));
        assertEquals(32 * GIB, onramp.clientAllocations(client, onramp.clientWindow(client)));
        assertEquals(0, onramp.remainingInWindow(client));
        // the rest of the week's quota is gone, the next week's is not
        c.advanceTo(7 * Policy.EPOCHS_IN_DAY - (c.genesisEpochNow() % (7 * Policy.EPOCHS_IN_DAY)) + c.epoch());
        onramp.increaseAllowance(allocator, client, 32 * GIB);
        assertEquals(48 * GIB, cc.allowance(client));
        MetaTestKit.assertDataCapConserved(c);
    }
}
