package datacapsim.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.AllocationRequest;
import datacapsim.chain.AllocationRequests;
import datacapsim.chain.Chain;
import datacapsim.chain.ChainConfig;
import datacapsim.chain.ChainFixture;
import datacapsim.chain.DealProposal;
import datacapsim.chain.Fil;
import datacapsim.chain.Miner;
import datacapsim.chain.Policy;
import datacapsim.chain.Regime;
import datacapsim.chain.Sector;
import datacapsim.chain.StorageMarket;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The market verified paths at their boundaries: under v1 a request is a published verified deal (price 0, minimum
 * provider collateral deposited by the owner, start = the request's expiration, length = its term max within the
 * market's bounds), pending until the commit with its deal id, active with the deal's end, gone once timed out (its
 * bytes restored to the client); v1 refuses a second grant to a verified address, v1-topup does not; a provider that
 * cannot deposit its collateral leaves its part of a request unmade. Under fip45-market the request's id is the
 * allocation the market made, its commit claims it through the deal, and a contract's channel keeps the ddo path.
 */
class MarketPathsTest {
    static final long DAY = Policy.EPOCHS_IN_DAY;
    static final long SIZE = 32 * Policy.GiB;

    final class World {
        final Chain c;
        final VerifiedPath path;
        final Address verifier;
        final Address client;
        final Address owner;
        final Miner m;

        World(Regime r) {
            c = ChainFixture.chain(ChainConfig.mainnetDefaults().withRegime(r));
            path = VerifiedPath.of(c);
            verifier = c.newAccount();
            client = c.newAccount();
            owner = c.newAccount();
            c.fil().endow(owner, Fil.fil(100_000));
            m = c.createMiner(owner, owner, Policy.SECTOR_SIZE_32GIB);
            path.addVerifier(c.rootKey(), verifier, 100 * SIZE);
            path.addVerifiedClient(verifier, client, 4 * SIZE);
        }

        AllocationRequests one(Address provider, long data, long termMax) {
            return new AllocationRequests(List.of(new AllocationRequest(provider, data, SIZE, 180 * DAY, termMax,
                    c.epoch() + 30 * DAY)), List.of());
        }
    }

    @Test
    void ofPicksThePathOfTheChainsRegime() {
        for (Regime r : Regime.values()) {
            VerifiedPath p = VerifiedPath.of(ChainFixture.chain(ChainConfig.mainnetDefaults().withRegime(r)));
            Class<?> want = r.isV1() ? MarketPaths.V1.class
                    : r == Regime.FIP45_MARKET ? MarketPaths.Fip45Market.class : VerifiedPath.Ddo.class;
            assertInstanceOf(want, p, r.scenarioName());
        }
    }

    @Test
    void v1ARequestIsAPublishedDealPendingThenActiveToItsEnd() {
        World w = new World(Regime.V1);
        assertEquals(4 * SIZE, w.path.dataCap(w.client));
        List<Long> ids = w.path.request(Channels.own(w.c), w.client, SIZE, w.one(w.m.address(), 7, 540 * DAY));
        long id = ids.get(0);
        DealProposal d = w.c.market().proposal(id);
        assertEquals(30 * DAY, d.startEpoch(), "start = the request's expiration");
        assertEquals(30 * DAY + 540 * DAY, d.endEpoch(), "term max 540 days, v1's longest deal");
        assertEquals(BigInteger.ZERO, d.pricePerEpoch());
        assertEquals(BigInteger.ZERO, d.clientCollateral());
        assertEquals(w.c.market().minProviderCollateral(SIZE), d.providerCollateral());
        assertEquals(d.providerCollateral(), w.c.market().balance(w.m.address()), "the owner deposited just that");
        assertTrue(d.verified());
        assertEquals(3 * SIZE, w.path.dataCap(w.client), "UseBytes at publication");

        VerifiedPath.Pending p = assertInstanceOf(VerifiedPath.Pending.class,
                w.path.status(w.client, w.m.address(), id));
        assertEquals(new VerifiedPath.Pending(id, w.client, w.m.address(), 7, SIZE, d.endEpoch(), d.endEpoch(),
                d.startEpoch()), p, "at epoch 0 a sector must last to the deal's end");
        w.c.advanceTo(10 * DAY);
        p = (VerifiedPath.Pending) w.path.status(w.client, w.m.address(), id);
        assertEquals(d.endEpoch() - 10 * DAY, p.termMin());
        long exp = w.c.epoch() + p.termMin();
        long qa = w.path.qaPower(SIZE, p, w.c.epoch(), exp);
        assertEquals(StorageMarket.qaPowerForWeight(SIZE, exp - w.c.epoch(), BigInteger.ZERO, d.weight()), qa);
        assertTrue(qa > 9 * SIZE && qa < 10 * SIZE, "diluted by the 20 days before the deal starts: " + qa);
        long n = w.path.commit(w.m, w.owner, p, exp, w.c.initialPledgeFor(qa));
        assertEquals(qa, w.m.sector(n).qaPower(), "the chain's QA power from the deal weight");
        VerifiedPath.Active a = assertInstanceOf(VerifiedPath.Active.class, w.path.status(w.client, w.m.address(), id));
        assertEquals(new VerifiedPath.Active(id, w.m.address(), SIZE, n, 10 * DAY, d.endEpoch() - 10 * DAY), a);
        assertEquals(d.endEpoch(), a.end());
        Sector s = w.path.sectorHolding(a);
        assertEquals(List.of(id), w.path.held(s));
        assertFalse(w.path.extensible());
        assertEquals(0, w.path.extend(w.client, List.of(new VerifiedPath.TermExtension(w.m.address(), id, DAY))));
        assertNull(w.path.active(w.c.newAccount(), id), "another provider's");
        w.c.advanceTo(d.endEpoch() + 30 * DAY); // settled after its end
        assertSame(VerifiedPath.GONE, w.path.status(w.client, w.m.address(), id));
    }

    @Test
    void v1ATimedOutDealIsGoneAndItsBytesAreBack() {
        World w = new World(Regime.V1);
        long id = w.path.request(Channels.own(w.c), w.client, SIZE, w.one(w.m.address(), 7, 540 * DAY)).get(0);
        assertTrue(w.path.returnsTimedOutBytes());
        w.c.advanceTo(30 * DAY);
        assertInstanceOf(VerifiedPath.Pending.class, w.path.status(w.client, w.m.address(), id), "its start epoch");
        w.c.advanceTo(30 * DAY + 1);
        assertSame(VerifiedPath.GONE, w.path.status(w.client, w.m.address(), id));
        assertEquals(4 * SIZE, w.path.dataCap(w.client), "RestoreBytes");
        assertEquals(0, w.path.recoverExpired(Channels.own(w.c), w.client, List.of(id)), "nothing to recover");
    }

    @Test
    void v1RefusesASecondGrantToAVerifiedAddressV1TopupAccepts() {
        World v1 = new World(Regime.V1);
        assertFalse(v1.path.acceptsGrant(v1.client));
        assertTrue(v1.path.acceptsGrant(v1.c.newAccount()));
        assertThrows(ActorError.class, () -> v1.path.addVerifiedClient(v1.verifier, v1.client, SIZE));
        World top = new World(Regime.V1_TOPUP);
        assertTrue(top.path.acceptsGrant(top.client));
        top.path.addVerifiedClient(top.verifier, top.client, SIZE);
        assertEquals(5 * SIZE, top.path.dataCap(top.client));
        assertTrue(new World(Regime.DDO).path.acceptsGrant(top.client));
    }

    @Test
    void aProviderThatCannotDepositLeavesItsPartUnmade() {
        World w = new World(Regime.V1);
        Address poor = w.c.newAccount();
        Miner pm = w.c.createMiner(poor, poor, Policy.SECTOR_SIZE_32GIB);
        AllocationRequests both = new AllocationRequests(List.of(
                new AllocationRequest(pm.address(), 8, SIZE, 180 * DAY, 540 * DAY, 30 * DAY),
                new AllocationRequest(w.m.address(), 8, SIZE, 180 * DAY, 540 * DAY, 30 * DAY)), List.of());
        List<Long> ids = w.path.request(Channels.own(w.c), w.client, 2 * SIZE, both);
        assertEquals(VerifiedPath.REFUSED, ids.get(0));
        assertEquals(0L, ids.get(1));
        assertEquals(3 * SIZE, w.path.dataCap(w.client), "only the made deal used bytes");
        AllocationRequests poorOnly = new AllocationRequests(List.of(both.allocations().get(0)), List.of());
        assertThrows(ActorError.class, () -> w.path.request(Channels.own(w.c), w.client, SIZE, poorOnly),
                "nothing made: the refusal");
    }

    @Test
    void v1ClampsTheDealToTheMarketsBounds() {
        World w = new World(Regime.V1);
        long id = w.path.request(Channels.own(w.c), w.client, SIZE, w.one(w.m.address(), 7, 900 * DAY)).get(0);
        assertEquals(StorageMarket.V1_MAX_DEAL_DURATION, w.c.market().proposal(id).duration());
        AllocationRequests shortTerm = new AllocationRequests(List.of(
                new AllocationRequest(w.m.address(), 9, SIZE, 100 * DAY, 100 * DAY, 30 * DAY)), List.of());
        long id2 = w.path.request(Channels.own(w.c), w.client, SIZE, shortTerm).get(0);
        assertEquals(StorageMarket.MIN_DEAL_DURATION, w.c.market().proposal(id2).duration());
    }

    @Test
    void fip45MarketTheRequestIsTheAllocationItsDealMadeAndTheCommitClaimsIt() {
        World w = new World(Regime.FIP45_MARKET);
        long id = w.path.request(Channels.own(w.c), w.client, SIZE, w.one(w.m.address(), 7, 540 * DAY)).get(0);
        long deal = w.c.market().pendingDealOfAllocation(id);
        assertEquals(0, deal);
        assertEquals(id, w.c.market().pendingAllocation(deal));
        assertEquals(3 * SIZE, w.path.dataCap(w.client), "the market transferred the DataCap");
        DealProposal d = w.c.market().proposal(deal);
        var alloc = w.c.verifreg().allocation(w.client, id);
        VerifiedPath.Pending p = assertInstanceOf(VerifiedPath.Pending.class,
                w.path.status(w.client, w.m.address(), id));
        assertEquals(d.endEpoch(), p.termMin(), "a sector committed now must last to the deal's end");
        assertEquals(alloc.termMax(), p.termMax());
        assertEquals(d.startEpoch(), p.expiration());
        long exp = w.c.epoch() + p.termMin();
        long qa = w.path.qaPower(SIZE, p, w.c.epoch(), exp);
        assertEquals(10 * SIZE, qa);
        long n = w.path.commit(w.m, w.owner, p, exp, w.c.initialPledgeFor(qa));
        VerifiedPath.Active a = assertInstanceOf(VerifiedPath.Active.class, w.path.status(w.client, w.m.address(), id));
        assertEquals(n, a.sector());
        assertEquals(1, w.c.market().activatedDeals());
        assertEquals(SIZE, w.c.verifreg().claimedBytes());
        assertTrue(w.path.extensible());
        assertEquals(1, w.path.extend(w.client, List.of(new VerifiedPath.TermExtension(w.m.address(), id,
                a.termMax() + DAY))));
    }

    @Test
    void fip45MarketAContractsChannelKeepsTheDdoPath() {
        World w = new World(Regime.FIP45_MARKET);
        AllocationChannel contractLike = new AllocationChannel() {
            public Address registryClient(Address client) { return w.verifier; }
            public long spendable(Address client) { return 0; }
            public List<Long> allocate(Address client, long amount, AllocationRequests requests) {
                return Channels.own(w.c).allocate(w.client, amount, requests);
            }
            public long recoverExpired(Address client, List<Long> ids) { return 0; }
        };
        long id = w.path.request(contractLike, w.client, SIZE, w.one(w.m.address(), 7, 540 * DAY)).get(0);
        assertEquals(0, w.c.market().publishedDeals(), "no deal: a direct allocation");
        assertEquals(-1, w.c.market().pendingDealOfAllocation(id));
        VerifiedPath.Pending p = (VerifiedPath.Pending) w.path.status(w.client, w.m.address(), id);
        long exp = w.c.epoch() + 540 * DAY;
        w.path.commit(w.m, w.owner, p, exp, w.c.initialPledgeFor(10 * SIZE));
        assertEquals(SIZE, w.c.verifreg().claimedBytes(), "claimed as under ddo");
        assertEquals(0, w.c.market().activatedDeals());
    }
}
