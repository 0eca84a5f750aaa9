package datacapsim.chain;

import static datacapsim.chain.MarketWorld.DAY;
import static datacapsim.chain.MarketWorld.GIB;
import static datacapsim.chain.MarketWorld.PC;
import static datacapsim.chain.MarketWorld.S32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fip45-market regime (actors.md, "VerifiedRegistry, other regimes", seed 002): the FIP-0045 registry through the
 * market as the client's DataCap operator. AddVerifiedClient mints with the market as operator (builtin-actors
 * datacap Mint: infinite allowance); one TransferFrom per client per PublishStorageDeals with one allocation request
 * per deal (term_min = end − start, term_max = min(term_min + 90 days, 5 years), expiration = min(start, now + 60
 * days)); a verified deal the client's running DataCap balance cannot cover is dropped; activation claims the
 * allocation (QA raw + 9 × claimed bytes); a timeout slashes the provider's collateral and leaves the allocation to
 * expire, when RemoveExpiredAllocations returns its DataCap to the client.
 */
class Fip45MarketTest {
    final MarketWorld w = new MarketWorld(Regime.FIP45_MARKET, 100 * GIB);

    Fip45MarketHook hook() { return (Fip45MarketHook) w.mk.verifiedDealHook(); }

    @Test
    void addVerifiedClientMakesTheMarketTheClientsOperator() {
        assertEquals(DataCapToken.INFINITE_ALLOWANCE, w.c.datacap().allowance(w.client, Chain.STORAGE_MARKET));
        assertEquals(100 * GIB, w.c.datacap().balanceOf(w.client));
        MarketWorld ddo = new MarketWorld(Regime.DDO, GIB);
        assertEquals(0, ddo.c.datacap().allowance(ddo.client, Chain.STORAGE_MARKET), "not under ddo");
    }

    @Test
    void oneTransferPerClientWithOneAllocationPerDeal() {
        Address other = w.newClient(10 * GIB);
        Address first = w.client.compareTo(other) < 0 ? w.client : other;
        Address second = first.equals(w.client) ? other : w.client;
        // interleaved in the batch: transfers are per client, so each client's allocation ids are consecutive
        List<Long> ids = w.publish(w.deal(second, GIB, 10 * DAY, 200 * DAY, true),
                w.deal(first, GIB, 10 * DAY, 200 * DAY, true),
                w.deal(second, 2 * GIB, 10 * DAY, 200 * DAY, true),
                w.deal(first, GIB, 10 * DAY, 200 * DAY, false));
        assertEquals(2, hook().transfers(), "one transfer per client");
        long next = 1; // allocation ids start at 1; the first client (address order) is served first
        assertEquals(next, w.mk.pendingAllocation(ids.get(1)));
        assertEquals(next + 1, w.mk.pendingAllocation(ids.get(0)));
        assertEquals(next + 2, w.mk.pendingAllocation(ids.get(2)));
        assertEquals(VerifiedDealHook.NO_ALLOCATION, w.mk.pendingAllocation(ids.get(3)), "unverified: none");
        assertEquals(4 * GIB, w.c.verifreg().heldBytes());
        assertEquals(DataCapToken.INFINITE_ALLOWANCE - 3 * GIB, w.c.datacap().allowance(second, Chain.STORAGE_MARKET));
        assertEquals(2, w.c.verifreg().allocationsOf(second).size());
        assertEquals(1, w.c.verifreg().allocationsOf(first).size());
    }

    @Test
    void allocationTermsFollowTheDealAtTheirBoundaries() {
        long now = w.c.epoch();
        long sixtyDays = Policy.MAXIMUM_VERIFIED_ALLOCATION_EXPIRATION;
        // start exactly 60 days ahead: expiration = start; start one epoch later: expiration = now + 60 days
        DealProposal atLimit = w.deal(w.client, GIB, now + sixtyDays, now + sixtyDays + 200 * DAY, true);
        DealProposal later = w.deal(w.client, GIB, now + sixtyDays + 1, now + sixtyDays + 1 + 1_278 * DAY, true);
        List<Long> ids = w.publish(atLimit, later);
        Allocation a = w.c.verifreg().allocation(w.client, w.mk.pendingAllocation(ids.get(0)));
        assertEquals(200 * DAY, a.termMin());
        assertEquals(290 * DAY, a.termMax(), "term_min + 90 days");
        assertEquals(atLimit.startEpoch(), a.expiration());
        assertEquals(w.m.address(), a.provider());
        assertEquals(atLimit.data(), a.data());
        assertEquals(GIB, a.size());
        Allocation b = w.c.verifreg().allocation(w.client, w.mk.pendingAllocation(ids.get(1)));
        assertEquals(1_278 * DAY, b.termMin(), "the longest deal");
        assertEquals(1_368 * DAY, b.termMax(), "still below 5 years");
        assertEquals(now + sixtyDays, b.expiration());
    }

    @Test
    void termMaxIsCappedAtFiveYears() {
        // no deal the market accepts (at most 1,278 days) reaches the cap: the formula itself at its boundary
        long fiveYears = Policy.MAXIMUM_VERIFIED_ALLOCATION_TERM;
        long buffer = Policy.MARKET_DEFAULT_ALLOCATION_TERM_BUFFER;
        DealProposal reaches = w.deal(w.client, GIB, 0, fiveYears - buffer, true);
        assertEquals(fiveYears, Fip45MarketHook.requestFor(reaches, 0).termMax());
        DealProposal beyond = w.deal(w.client, GIB, 0, fiveYears - buffer + 1, true);
        assertEquals(fiveYears, Fip45MarketHook.requestFor(beyond, 0).termMax());
        assertEquals(fiveYears - buffer + 1, Fip45MarketHook.requestFor(beyond, 0).termMin());
        DealProposal below = w.deal(w.client, GIB, 0, fiveYears - buffer - 1, true);
        assertEquals(fiveYears - 1, Fip45MarketHook.requestFor(below, 0).termMax());
    }

    @Test
    void aVerifiedDealTheRunningBalanceCannotCoverIsDropped() {
        Address small = w.newClient(2 * GIB);
        DealProposal a = w.deal(small, GIB, 10 * DAY, 200 * DAY, true);
        DealProposal b = w.deal(small, 2 * GIB, 10 * DAY, 200 * DAY, true);
        DealProposal c = w.deal(small, GIB, 10 * DAY, 200 * DAY, true);
        w.fund(List.of(a, b, c));
        StorageMarket.PublishResult r = w.mk.publishStorageDeals(w.worker, List.of(a, b, c));
        assertTrue(r.deals().ok(0));
        assertEquals("market.insufficient_datacap", r.deals().errors().get(1).rule());
        assertEquals(ExitCode.USR_INSUFFICIENT_FUNDS, r.deals().errors().get(1).exitCode());
        assertTrue(r.deals().ok(2), "the running balance still covers the third");
        assertEquals(2, r.dealIds().size());
        assertEquals(0, w.c.datacap().balanceOf(small));
        assertEquals(1, hook().transfers());
        assertEquals(BigInteger.ZERO, w.mk.available(small).subtract(b.clientBalanceRequirement()),
                "the dropped deal locked nothing");
        // a batch of nothing but uncovered verified deals fails whole and changes nothing
        DealProposal d = w.deal(small, GIB, 10 * DAY, 200 * DAY, true);
        w.fund(List.of(d));
        w.refused(ExitCode.USR_ILLEGAL_ARGUMENT, "market.all_deals_invalid",
                () -> w.mk.publishStorageDeals(w.worker, List.of(d)));
    }

    @Test
    void activationClaimsTheAllocation() {
        List<Long> ids = w.publish(w.deal(w.client, S32 / 2, 0, 300 * DAY, true),
                w.deal(w.client, S32 / 2, 0, 300 * DAY, false));
        long alloc = w.mk.pendingAllocation(ids.get(0));
        assertEquals(ids.get(0), w.mk.pendingDealOfAllocation(alloc), "the reverse of pendingAllocation");
        assertEquals(-1, w.mk.pendingDealOfAllocation(alloc + 100));
        assertEquals(S32 / 2, w.mk.pendingVerifiedBytes(), "verified deals only");
        long burnedBefore = w.c.datacap().burned();
        long n = w.commit(300 * DAY, ids);
        Claim claim = w.c.verifreg().claim(w.m.address(), alloc);
        assertNotNull(claim, "the allocation became a claim");
        assertEquals(n, claim.sector());
        assertEquals(0, claim.termStart());
        assertNull(w.c.verifreg().allocation(w.client, alloc));
        assertEquals(-1, w.mk.pendingDealOfAllocation(alloc), "activated: no longer pending");
        assertEquals(0, w.mk.pendingVerifiedBytes());
        assertEquals(S32 / 2, w.mk.activatedVerifiedBytes());
        assertEquals(burnedBefore + S32 / 2, w.c.datacap().burned(), "the claimed DataCap is burned");
        Sector s = w.m.sector(n);
        assertEquals(List.of(alloc), s.claimIds());
        assertEquals(ids, s.dealIds());
        assertEquals(S32 / 2, s.verifiedBytes());
        assertEquals(S32 + 9 * (S32 / 2), s.qaPower(), "raw + 9 × claimed verified bytes, as ddo");
    }

    @Test
    void aSectorOutsideTheAllocationsTermWindowFailsTheCommitWhole() {
        List<Long> ids = w.publish(w.deal(w.client, GIB, 0, 200 * DAY, true));
        // term_max = 290 days: a sector of 291 days cannot claim; the deal itself would fit
        w.refused(ExitCode.USR_FORBIDDEN, "verifreg.claim_term_outside_window", () -> w.commit(291 * DAY, ids));
        w.commit(290 * DAY, ids);
        assertEquals(1, w.mk.activatedDeals());
    }

    @Test
    void aTimeoutSlashesCollateralAndTheAllocationLaterReturnsItsDataCap() {
        List<Long> ids = w.publish(w.deal(w.client, GIB, 10 * DAY, 200 * DAY, true));
        long alloc = w.mk.pendingAllocation(ids.get(0));
        assertEquals(99 * GIB, w.c.datacap().balanceOf(w.client));
        w.c.advanceTo(10 * DAY + 1); // timed out by the cron
        assertEquals(1, w.mk.timedOutDeals());
        assertEquals(-1, w.mk.pendingDealOfAllocation(alloc), "timed out: no longer pending");
        assertEquals(0, w.mk.pendingVerifiedBytes());
        assertEquals(PC, w.mk.providerCollateralSlashed());
        assertEquals(PC, w.c.fil().balance(Chain.BURN));
        assertNotNull(w.c.verifreg().allocation(w.client, alloc), "the allocation stays");
        assertEquals(99 * GIB, w.c.datacap().balanceOf(w.client));
        VerifiedRegistry.RemoveExpiredResult r = w.c.verifreg().removeExpiredAllocations(w.owner, w.client, List.of());
        assertEquals(GIB, r.recovered());
        assertEquals(100 * GIB, w.c.datacap().balanceOf(w.client), "its DataCap back with the client");
        assertNull(w.c.verifreg().allocation(w.client, alloc));
    }

    @Test
    void aRefusedTransferFailsTheWholePublication() {
        // 512 KiB is a valid piece but below the 1 MiB minimum allocation: the registry refuses the transfer
        DealProposal small = w.deal(w.client, 512 * Policy.KiB, 10 * DAY, 200 * DAY, true);
        DealProposal plain = w.deal(w.client, GIB, 10 * DAY, 200 * DAY, false);
        w.fund(List.of(small, plain));
        ActorError e = w.refused(ExitCode.USR_ILLEGAL_STATE, "market.datacap_transfer_failed",
                () -> w.mk.publishStorageDeals(w.worker, List.of(plain, small)));
        assertTrue(e.getMessage().contains("below the minimum 1048576"), e::getMessage);
    }

    @Test
    void aSectorWithMarketClaimsExtendsAsADdoSector() {
        List<Long> ids = w.publish(w.deal(w.client, S32, 0, 200 * DAY, true));
        long alloc = w.mk.pendingAllocation(ids.get(0));
        long n = w.commit(250 * DAY, ids);
        long qa = w.m.sector(n).qaPower();
        Claim claim = w.c.verifreg().claim(w.m.address(), alloc);
        assertEquals(290 * DAY, claim.end(), "term_start 0 + term_max 290 days");
        w.refused(ExitCode.USR_FORBIDDEN, "miner.extension_beyond_claim",
                () -> w.m.extendSectorExpiration(w.worker, n, 290 * DAY + 1, List.of()));
        w.m.extendSectorExpiration(w.worker, n, 290 * DAY, List.of());
        assertEquals(qa, w.m.sector(n).qaPower(), "no dilution: QA stays raw + 9 × claimed bytes");
        assertEquals(10 * S32, qa);
    }

    @Test
    void terminatingAFip45SectorSlashesItsDeals() {
        List<Long> ids = w.publish(w.deal(w.client, S32, 0, 200 * DAY, true));
        long alloc = w.mk.pendingAllocation(ids.get(0));
        long n = w.commit(250 * DAY, ids);
        w.c.advanceTo(5 * DAY);
        w.m.terminateSectors(w.owner, List.of(n));
        assertEquals(5 * DAY, w.mk.dealState(ids.get(0)).slashEpoch());
        w.c.advanceTo(30 * DAY);
        assertEquals(1, w.mk.slashedDeals());
        assertEquals(PC, w.mk.providerCollateralSlashed());
        assertNotNull(w.c.verifreg().claim(w.m.address(), alloc),
                "the claim stays in the registry (bookkeeping, as for ddo)");
    }
}
