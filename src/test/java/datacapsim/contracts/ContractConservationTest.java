package datacapsim.contracts;

import static datacapsim.contracts.MetaTestKit.DAY;
import static datacapsim.contracts.MetaTestKit.MIB;
import static datacapsim.contracts.MetaTestKit.TERM_MIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.Allocation;
import datacapsim.chain.AllocationRequest;
import datacapsim.chain.AllocationRequests;
import datacapsim.chain.CallStats;
import datacapsim.chain.Chain;
import datacapsim.chain.ChainFixture;
import datacapsim.chain.ChainSnapshot;
import datacapsim.chain.Claim;
import datacapsim.chain.ClaimExtensionRequest;
import datacapsim.chain.Fil;
import datacapsim.chain.Miner;
import datacapsim.chain.Piece;
import datacapsim.chain.Policy;
import datacapsim.chain.Signature;
import datacapsim.chain.VerifiedRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Long random sequences of contract calls at fixed seeds (MetaAllocator, a Client Contract owned by an allocator, an
 * OnRamp with its own Client Contract, direct clients, claims, extensions, expiry returns, removals). After every
 * call: DataCap minted = balances + claimed + extension burned + destroyed; a refused call changed nothing; the
 * MetaAllocator's registry allowance accounts for all it minted; no rate limit and no fair-distribution cap is
 * passed; no allowance is negative.
 */
class ContractConservationTest {
    private static final long STEPS = 600;
    private static final long MA_ALLOWANCE = Policy.PiB;

    private Chain c;
    private SplittableRandom rnd;
    private MetaAllocator ma;
    private Address gov;
    private Address manager;
    private final List<Address> allocators = new ArrayList<>();
    private final List<Address> clients = new ArrayList<>();
    private final List<Miner> miners = new ArrayList<>();
    private ClientContract cc1;
    private OnRamp onramp;
    private ClientContract cc2;
    private Address v1;
    private Address v2;
    private long mintedByMa;
    private long nextData = 1;

    private void build(long seed) {
        rnd = new SplittableRandom(seed);
        c = ChainFixture.chain();
        EventLog ev = new EventLog(c, 0);
        gov = c.newAccount();
        manager = gov;
        Variant variant = seed % 2 == 0 ? Variant.DESIGNED : Variant.DEPLOYED;
        ma = new MetaAllocator(c, ev, variant, gov);
        c.verifreg().addVerifier(c.rootKey(), ma.address(), MA_ALLOWANCE);
        for (int i = 0; i < 3; i++) allocators.add(c.newAccount());
        for (int i = 0; i < 4; i++) clients.add(c.newAccount());
        for (int i = 0; i < 3; i++) {
            Address owner = c.newAccount();
            c.fil().endow(owner, Fil.fil(100_000));
            miners.add(c.createMiner(owner, owner, Policy.SECTOR_SIZE_32GIB));
        }
        cc1 = new ClientContract(c, ev, allocators.get(0));
        onramp = new OnRamp(c, ev, variant, c.newAccount(), manager, allocators.get(1), 2 * DAY, 32 * MIB);
        cc2 = onramp.clientContract();
        v1 = c.newAccount();
        v2 = c.newAccount();
        c.verifreg().addVerifier(c.rootKey(), v1, 100 * MIB);
        c.verifreg().addVerifier(c.rootKey(), v2, 100 * MIB);
    }

    private <T> T pick(List<T> l) { return l.get(rnd.nextInt(l.size())); }

    private long amount() { return (1 + rnd.nextInt(16)) * MIB / (rnd.nextInt(10) == 0 ? 2 : 1); }

    private String contractsState() {
        return MetaTestKit.state(ma) + " | " + MetaTestKit.state(cc1) + " | "
                + MetaTestKit.state(onramp, List.of(gov, allocators.get(1)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void dataCapIsConservedAcrossRandomContractCalls(long seed) {
        build(seed);
        for (long step = 0; step < STEPS; step++) {
            int action = rnd.nextInt(14);
            String chainBefore = ChainSnapshot.of(c);
            String before = contractsState();
            try {
                act(action);
            } catch (ActorError e) {
                assertEquals(chainBefore, ChainSnapshot.of(c), "step " + step + ": refused " + e + " changed the chain");
                assertEquals(before, contractsState(), "step " + step + ": refused " + e + " changed a contract");
            }
            checkInvariants(step);
        }
        Map<String, Map<String, Long>> stats = c.stats().all();
        assertTrue(ok(stats, "ClientContract.transfer") >= 10, "too few Client Contract transfers: " + stats);
        assertTrue(ok(stats, Miner.PROVE_COMMIT) >= 10, "too few claims: " + stats);
        assertTrue(ok(stats, "OnRamp.increaseAllowance") >= 5, "too few OnRamp increases: " + stats);
        assertTrue(c.stats().failed("ClientContract.transfer") >= 5, "no refused transfers exercised: " + stats);
        assertTrue(c.stats().count("OnRamp.increaseAllowance", "OnRamp.RateLimited") >= 1, "rate limit never hit: " + stats);
        assertTrue(c.verifreg().extensionBurnedBytes() > 0 && c.verifreg().expiredReturnedBytes() > 0
                && c.verifreg().destroyedBytes() > 0, "an outflow was never exercised");
    }

    private static long ok(Map<String, Map<String, Long>> stats, String method) {
        return stats.getOrDefault(method, Map.of()).getOrDefault(CallStats.OK, 0L);
    }

    private void act(int action) {
        switch (action) {
            case 0 -> ma.addAllowance(gov, pick(allocators), 20 * amount());
            case 1 -> ma.decreaseAllowance(gov, pick(allocators), amount());
            case 2 -> ma.setAllowance(gov, pick(allocators), rnd.nextBoolean() ? 0 : 10 * amount());
            case 3 -> {
                Address allocator = pick(allocators);
                Address to = switch (rnd.nextInt(3)) {
                    case 0 -> cc1.address();
                    case 1 -> cc2.address();
                    default -> pick(clients);
                };
                long amt = 4 * amount();
                ma.addVerifiedClient(allocator, to, amt);
                mintedByMa += amt;
            }
            case 4 -> {
                if (rnd.nextInt(3) == 0) cc1.decreaseAllowance(allocators.get(0), pick(clients), amount());
                else cc1.increaseAllowance(rnd.nextInt(8) == 0 ? pick(clients) : allocators.get(0), pick(clients), 2 * amount());
            }
            case 5 -> onRampGovernance();
            case 6 -> {
                Address who = rnd.nextBoolean() ? allocators.get(1) : manager;
                onramp.increaseAllowance(rnd.nextInt(10) == 0 ? pick(clients) : who, pick(clients), 2 * amount());
            }
            case 7 -> manageSps();
            case 8, 9 -> spend(rnd.nextBoolean() ? cc1 : cc2);
            case 10 -> claimSomething();
            case 11 -> extend(rnd.nextBoolean() ? cc1 : cc2);
            case 12 -> {
                if (rnd.nextInt(3) == 0) c.advanceTo(c.epoch() + rnd.nextInt((int) (3 * DAY)));
                Address holder = switch (rnd.nextInt(3)) {
                    case 0 -> cc1.address();
                    case 1 -> cc2.address();
                    default -> pick(clients);
                };
                c.verifreg().removeExpiredAllocations(c.newAccount(), holder, List.of());
            }
            default -> {
                if (rnd.nextInt(4) == 0) removeDataCap();
                else directTransfer();
            }
        }
    }

    private void onRampGovernance() {
        Address cl = pick(clients);
        switch (rnd.nextInt(7)) {
            case 0 -> onramp.lock(manager, cl, rnd.nextBoolean() ? 0 : amount());
            case 1 -> onramp.unlock(manager, cl);
            case 2 -> { if (onramp.paused()) onramp.unpause(manager); else onramp.pause(manager); }
            case 3 -> onramp.setClientRateLimitParameters(manager, cl, (1 + rnd.nextInt(4)) * DAY, (16 + rnd.nextInt(64)) * MIB);
            case 4 -> onramp.setInitialRateLimitParameters(manager, (1 + rnd.nextInt(4)) * DAY, (16 + rnd.nextInt(64)) * MIB);
            case 5 -> onramp.decreaseAllowance(allocators.get(1), cl, amount());
            default -> onramp.unpause(manager);
        }
    }

    private void manageSps() {
        Address cl = pick(clients);
        List<Address> sps = new ArrayList<>();
        for (Miner m : miners) if (rnd.nextBoolean()) sps.add(m.address());
        boolean viaOnRamp = rnd.nextBoolean();
        switch (rnd.nextInt(4)) {
            case 0, 1 -> {
                if (viaOnRamp) onramp.addAllowedSPsForClient(allocators.get(1), cl, sps);
                else cc1.addAllowedSPsForClient(allocators.get(0), cl, sps);
            }
            case 2 -> {
                if (viaOnRamp) onramp.removeAllowedSPsForClient(manager, cl, sps);
                else cc1.removeAllowedSPsForClient(allocators.get(0), cl, sps);
            }
            default -> {
                long bps = rnd.nextInt(4) * 1_000L;
                if (viaOnRamp) onramp.setClientMaxDeviationFromFairDistribution(allocators.get(1), cl, bps);
                else cc1.setClientMaxDeviationFromFairDistribution(allocators.get(0), cl, bps);
            }
        }
    }

    private AllocationRequest request(Address provider) {
        long expiration = c.epoch() + (rnd.nextInt(4) == 0 ? DAY : 20 * DAY);
        return new AllocationRequest(provider, nextData++, amount(), TERM_MIN, 1_000_000, expiration);
    }

    private void spend(ClientContract cc) {
        Address cl = pick(clients);
        List<AllocationRequest> rs = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) rs.add(request(pick(miners).address()));
        AllocationRequests reqs = new AllocationRequests(rs, List.of());
        long amount = reqs.allocationBytes() + (rnd.nextInt(15) == 0 ? MIB : 0);
        long balance = c.datacap().balanceOf(cc.address());
        long allowance = cc.allowance(cl);
        cc.transfer(cl, amount, reqs);
        assertEquals(balance - amount, c.datacap().balanceOf(cc.address()));
        assertEquals(allowance - amount, cc.allowance(cl));
        for (AllocationRequest r : rs)
            assertTrue(cc.allocatedTo(cl, r.provider()) <= cc.maxPerSp(cl), "a transfer passed the fair-distribution cap");
    }

    private void extend(ClientContract cc) {
        List<Claim> own = new ArrayList<>();
        for (Miner m : miners)
            for (Claim cl : c.verifreg().claimsOf(m.address()).values()) if (cl.client().equals(cc.address())) own.add(cl);
        if (own.isEmpty()) return;
        Claim claim = pick(own);
        Address cl = pick(clients);
        ClaimExtensionRequest x = new ClaimExtensionRequest(claim.provider(), claim.id(), claim.termMax() + 100_000);
        cc.transfer(cl, claim.size(), AllocationRequests.extensions(x));
        assertTrue(cc.allocatedTo(cl, claim.provider()) <= cc.maxPerSp(cl));
    }

    private void claimSomething() {
        List<Allocation> open = new ArrayList<>();
        for (Address holder : c.verifreg().clientsWithAllocations().keySet())
            for (Allocation a : c.verifreg().allocationsOf(holder).values()) if (c.epoch() <= a.expiration()) open.add(a);
        if (open.isEmpty()) return;
        Allocation a = pick(open);
        Miner m = c.miner(a.provider());
        m.proveCommitSector(m.owner(), new Miner.SectorActivation(List.of(new Piece(a.data(), a.size(), a.client(), a.id())),
                c.epoch() + TERM_MIN + 1), Fil.fil(10));
    }

    private void directTransfer() {
        Address cl = pick(clients);
        long bal = c.datacap().balanceOf(cl);
        if (bal < MIB) return;
        AllocationRequest r = request(pick(miners).address());
        c.datacap().transfer(cl, Chain.VERIFIED_REGISTRY, r.size(), AllocationRequests.of(r));
    }

    private void removeDataCap() {
        Address holder = switch (rnd.nextInt(3)) {
            case 0 -> cc1.address();
            case 1 -> cc2.address();
            default -> pick(clients);
        };
        long amount = amount();
        long id1 = c.verifreg().removalProposalId(v1, holder);
        long id2 = c.verifreg().removalProposalId(v2, holder);
        c.verifreg().removeVerifiedClientDataCap(c.rootKey(), holder, amount,
                new VerifiedRegistry.RemoveDataCapProposal(v1, Signature.sign(v1, VerifiedRegistry.removalMessage(holder, amount, id1))),
                new VerifiedRegistry.RemoveDataCapProposal(v2, Signature.sign(v2, VerifiedRegistry.removalMessage(holder, amount, id2))));
    }

    private void checkInvariants(long step) {
        MetaTestKit.assertDataCapConserved(c);
        assertEquals(MA_ALLOWANCE - mintedByMa, c.verifreg().verifierAllowance(ma.address()),
                "step " + step + ": the MetaAllocator's registry allowance does not account for what it minted");
        for (long v : ma.allocators().values()) assertTrue(v > 0);
        for (ClientContract cc : List.of(cc1, cc2)) {
            for (long v : cc.allowances().values()) assertTrue(v > 0);
            for (var e : cc.allowances().entrySet())
                assertTrue(e.getValue() <= cc.totalAllocations(e.getKey()), "allowance above the total granted");
        }
        for (var e : onramp.clients().entrySet()) {
            OnRamp.ClientInfo i = e.getValue();
            if (i.windowSizeInBlocks() == 0) continue;
            long w = onramp.clientWindow(e.getKey());
            assertTrue(onramp.clientAllocations(e.getKey(), w) <= i.limitPerWindow(),
                    "step " + step + ": rate limit passed for " + e.getKey());
        }
    }
}
