package datacapsim.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.chain.StorageMarket.PublishResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The storage market actor (actors.md, "Storage market actor"): escrow, PublishStorageDeals with its per-deal and
 * whole-batch failures at their boundaries, activation, settlement, timeout and termination slashing, and
 * quality_for_weight against hand-computed values. A refused call changes no chain or market state.
 */
class StorageMarketTest {
    static final long DAY = Policy.EPOCHS_IN_DAY;
    static final long GIB = Policy.GiB;
    static final BigInteger PRICE = BigInteger.valueOf(1_000_000_000L); // attoFIL per epoch
    static final BigInteger PC = Fil.fil(1);
    static final BigInteger CC = Fil.parseFil("0.5");

    Chain c;
    StorageMarket mk;
    Address owner;
    Address worker;
    Miner m;
    Address client;
    long nextData = 1;

    @BeforeEach
    void setUp() {
        c = ChainFixture.chain();
        mk = c.market();
        owner = c.newAccount();
        worker = c.newAccount();
        client = c.newAccount();
        c.fil().endow(owner, Fil.fil(1_000));
        c.fil().endow(worker, Fil.fil(10));
        c.fil().endow(client, Fil.fil(1_000));
        m = c.createMiner(owner, worker, Policy.SECTOR_SIZE_32GIB);
    }

    // ------------------------------------------------------------------ helpers
    DealProposal deal(long start, long end) {
        return new DealProposal(client, m.address(), nextData++, GIB, start, end, PRICE, PC, CC, false);
    }

    DealProposal deal() { return deal(c.epoch() + 10 * DAY, c.epoch() + 210 * DAY); }

    static DealProposal with(DealProposal d, BigInteger price, BigInteger pc, BigInteger cc) {
        return new DealProposal(d.client(), d.provider(), d.data(), d.size(), d.startEpoch(), d.endEpoch(), price, pc,
                cc, d.verified());
    }

    /** Funds both escrows with exactly what the deals lock. */
    void fund(DealProposal... deals) {
        BigInteger cl = BigInteger.ZERO;
        BigInteger pl = BigInteger.ZERO;
        for (DealProposal d : deals) {
            cl = cl.add(d.clientBalanceRequirement());
            pl = pl.add(d.providerCollateral());
        }
        if (cl.signum() > 0) mk.addBalance(client, client, cl);
        if (pl.signum() > 0) mk.addBalance(owner, m.address(), pl);
    }

    /** Funds exactly what the deal locks and publishes it alone; returns its id. */
    long fundAndPublish(DealProposal d) {
        fund(d);
        return publishOne(d);
    }

    /** Funds, publishes and activates the deal in the given sector (expiring at day 300); returns its id. */
    long activeDeal(DealProposal d, long sector) {
        long id = fundAndPublish(d);
        mk.activateDeals(m.address(), sector, 300 * DAY, List.of(id));
        return id;
    }

    long publishOne(DealProposal d) {
        PublishResult r = mk.publishStorageDeals(worker, List.of(d));
        assertTrue(r.deals().allOk(), () -> r.deals().errors().toString());
        return r.dealIds().get(0);
    }

    static String marketSnapshot(StorageMarket mk) {
        return "escrow=" + mk.escrowTable() + " locked=" + mk.lockedTable() + " proposals=" + mk.proposals()
                + " states=" + mk.dealStates() + " next=" + mk.nextDealId() + " dep=" + mk.deposited()
                + " wd=" + mk.withdrawn() + " paid=" + mk.paid() + " burned=" + mk.burned()
                + " timedOut=" + mk.timedOutDeals() + " slashed=" + mk.slashedDeals();
    }

    String snapshot() { return ChainSnapshot.of(c) + "\n" + marketSnapshot(mk); }

    /** Asserts the call is refused with the exit code and rule, and that no chain or market state changed. */
    ActorError refused(ExitCode code, String rule, Executable call) {
        String before = snapshot();
        ActorError e = assertThrows(ActorError.class, call);
        assertEquals(code, e.exitCode(), e::toString);
        assertEquals(rule, e.rule(), e::toString);
        assertEquals(before, snapshot(), "state changed by the refused call " + e);
        return e;
    }

    /** Asserts activating {@code ids} in a sector expiring at {@code exp} is refused and changes nothing. */
    void activationRefused(ExitCode code, String rule, Address caller, long exp, List<Long> ids) {
        refused(code, rule, () -> mk.activateDeals(caller, 0, exp, ids));
    }

    /** Publishes a valid deal then {@code d} in one batch, and asserts {@code d} alone is dropped by the rule. */
    void dropped(ExitCode code, String rule, DealProposal d) {
        DealProposal ok = deal();
        fund(ok);
        BigInteger clientLocked = mk.locked(client);
        BigInteger providerLocked = mk.locked(m.address());
        long next = mk.nextDealId();
        PublishResult r = mk.publishStorageDeals(worker, List.of(ok, d));
        assertTrue(r.deals().ok(0), () -> r.deals().errors().toString());
        assertFalse(r.deals().ok(1));
        assertEquals(rule, r.deals().errors().get(1).rule(), () -> r.deals().errors().get(1).toString());
        assertEquals(code, r.deals().errors().get(1).exitCode());
        assertEquals(List.of(next), r.dealIds());
        assertEquals(clientLocked.add(ok.clientBalanceRequirement()), mk.locked(client),
                "the dropped deal locked nothing");
        assertEquals(providerLocked.add(ok.providerCollateral()), mk.locked(m.address()));
        assertEquals(next + 1, mk.nextDealId());
    }

    // ------------------------------------------------------------------ escrow
    @Test
    void addBalanceMovesFilIntoEscrow() {
        mk.addBalance(client, client, Fil.fil(3));
        mk.addBalance(owner, m.address(), Fil.fil(2));
        assertEquals(Fil.fil(3), mk.balance(client));
        assertEquals(Fil.fil(2), mk.balance(m.address()));
        assertEquals(Fil.fil(997), c.fil().balance(client));
        assertEquals(Fil.fil(5), c.fil().balance(Chain.STORAGE_MARKET));
        assertEquals(Fil.fil(5), mk.deposited());
    }

    @Test
    void addBalanceRefusals() {
        refused(ExitCode.USR_ILLEGAL_ARGUMENT, "market.add_balance_not_positive",
                () -> mk.addBalance(client, client, BigInteger.ZERO));
        refused(ExitCode.USR_INSUFFICIENT_FUNDS, "market.insufficient_sender_balance",
                () -> mk.addBalance(client, client, Fil.fil(1_000).add(BigInteger.ONE)));
        mk.addBalance(client, client, Fil.fil(1_000)); // exactly what it has
        assertEquals(BigInteger.ZERO, c.fil().balance(client));
    }

    @Test
    void withdrawTakesOnlyWhatIsNotLocked() {
        DealProposal d = deal();
        fund(d);
        BigInteger extra = Fil.fil(7);
        mk.addBalance(client, client, extra);
        publishOne(d);
        assertEquals(d.clientBalanceRequirement(), mk.locked(client));
        assertEquals(extra, mk.available(client));
        BigInteger got = mk.withdrawBalance(client, client, Fil.fil(100));
        assertEquals(extra, got, "capped at escrow − locked");
        assertEquals(BigInteger.ZERO, mk.withdrawBalance(client, client, Fil.fil(1)));
        assertEquals(d.clientBalanceRequirement(), mk.balance(client));
        assertEquals(Fil.fil(1_000).subtract(d.clientBalanceRequirement()), c.fil().balance(client));
    }

    @Test
    void minerEscrowIsWithdrawnByOwnerOrWorkerToTheOwner() {
        mk.addBalance(owner, m.address(), Fil.fil(4));
        BigInteger before = c.fil().balance(owner);
        assertEquals(Fil.fil(1), mk.withdrawBalance(worker, m.address(), Fil.fil(1)));
        assertEquals(Fil.fil(1), mk.withdrawBalance(owner, m.address(), Fil.fil(1)));
        assertEquals(before.add(Fil.fil(2)), c.fil().balance(owner));
        assertEquals(Fil.fil(10), c.fil().balance(worker), "the worker receives nothing");
        assertEquals(Fil.fil(2), mk.balance(m.address()));
    }

    @Test
    void withdrawRefusals() {
        mk.addBalance(client, client, Fil.fil(4));
        mk.addBalance(owner, m.address(), Fil.fil(4));
        refused(ExitCode.USR_ILLEGAL_ARGUMENT, "market.withdraw_negative",
                () -> mk.withdrawBalance(client, client, BigInteger.valueOf(-1)));
        refused(ExitCode.USR_FORBIDDEN, "market.withdraw_caller",
                () -> mk.withdrawBalance(owner, client, Fil.fil(1)));
        refused(ExitCode.USR_FORBIDDEN, "market.withdraw_caller",
                () -> mk.withdrawBalance(client, m.address(), Fil.fil(1)));
    }

    // ------------------------------------------------------------------ publish: batch-level failures
    @Test
    void publishReturnsDealIdsFromZeroAndLocksBothSides() {
        DealProposal a = deal();
        DealProposal b = deal();
        fund(a, b);
        PublishResult r = mk.publishStorageDeals(worker, List.of(a, b));
        assertEquals(List.of(0L, 1L), r.dealIds());
        assertTrue(r.deals().allOk());
        assertEquals(a.clientBalanceRequirement().add(b.clientBalanceRequirement()), mk.locked(client));
        assertEquals(PC.add(PC), mk.locked(m.address()));
        assertEquals(a, mk.proposal(0));
        assertNull(mk.dealState(0), "not active before activation");
        // client requirement = price × duration + client collateral
        assertEquals(PRICE.multiply(BigInteger.valueOf(200 * DAY)).add(CC), a.clientBalanceRequirement());
    }

    @Test
    void publishBatchRefusals() {
        DealProposal d = deal();
        fund(d);
        refused(ExitCode.USR_ILLEGAL_ARGUMENT, "market.no_deals", () -> mk.publishStorageDeals(worker, List.of()));
        DealProposal notMiner = new DealProposal(client, owner, 9, GIB, d.startEpoch(), d.endEpoch(), PRICE, PC, CC,
                false);
        refused(ExitCode.USR_ILLEGAL_ARGUMENT, "market.provider_not_miner",
                () -> mk.publishStorageDeals(worker, List.of(notMiner, d)));
        refused(ExitCode.USR_FORBIDDEN, "market.caller_not_worker",
                () -> mk.publishStorageDeals(owner, List.of(d)));
        refused(ExitCode.USR_FORBIDDEN, "market.caller_not_worker",
                () -> mk.publishStorageDeals(client, List.of(d)));
        DealProposal bad = deal(d.startEpoch(), d.startEpoch());
        ActorError e = refused(ExitCode.USR_ILLEGAL_ARGUMENT, "market.all_deals_invalid",
                () -> mk.publishStorageDeals(worker, List.of(bad)));
        assertTrue(e.getMessage().contains("market.end_not_after_start"), e::getMessage);
    }

    // ------------------------------------------------------------------ publish: per-deal checks at their boundaries
    @Test
    void startEpochMayBeNowButNotPast() {
        c.advanceTo(DAY);
        DealProposal atNow = deal(c.epoch(), c.epoch() + 200 * DAY);
        fund(atNow);
        publishOne(atNow);
        dropped(ExitCode.USR_ILLEGAL_ARGUMENT, "market.start_elapsed", deal(c.epoch() - 1, c.epoch() + 200 * DAY));
    }

    @Test
    void endMustBeAfterStart() {
        long s = 10 * DAY;
        dropped(ExitCode.USR_ILLEGAL_ARGUMENT, "market.end_not_after_start", deal(s, s));
        dropped(ExitCode.USR_ILLEGAL_ARGUMENT, "market.end_not_after_start", deal(s, s - 1));
    }

    @Test
    void durationBetween180And1278Days() {
        long s = 10 * DAY;
        DealProposal min = deal(s, s + 180 * DAY);
        DealProposal max = deal(s, s + 1_278 * DAY);
        fund(min, max);
        assertTrue(mk.publishStorageDeals(worker, List.of(min, max)).deals().allOk());
        dropped(ExitCode.USR_ILLEGAL_ARGUMENT, "market.duration_out_of_bounds", deal(s, s + 180 * DAY - 1));
        dropped(ExitCode.USR_ILLEGAL_ARGUMENT, "market.duration_out_of_bounds", deal(s, s + 1_278 * DAY + 1));
    }

    @Test
    void v1EraMaximumIs540Days() {
        mk.setMaxDealDuration(StorageMarket.V1_MAX_DEAL_DURATION);
        long s = 10 * DAY;
        DealProposal max = deal(s, s + 540 * DAY);
        fund(max);
        publishOne(max);
        dropped(ExitCode.USR_ILLEGAL_ARGUMENT, "market.duration_out_of_bounds", deal(s, s + 540 * DAY + 1));
        assertThrows(IllegalStateException.class, () -> mk.setMaxDealDuration(StorageMarket.DEFAULT_MAX_DEAL_DURATION),
                "settings are fixed once deals exist");
    }

    @Test
    void pieceSizeIsAPowerOfTwoOfAtLeast128() {
        DealProposal d = deal();
        dropped(ExitCode.USR_ILLEGAL_ARGUMENT, "market.piece_size_invalid", new DealProposal(client, m.address(), 99,
                GIB + 1, d.startEpoch(), d.endEpoch(), PRICE, PC, CC, false));
        dropped(ExitCode.USR_ILLEGAL_ARGUMENT, "market.piece_size_invalid", new DealProposal(client, m.address(), 98,
                64, d.startEpoch(), d.endEpoch(), PRICE, PC, CC, false));
        DealProposal small = new DealProposal(client, m.address(), 97, 128, d.startEpoch(), d.endEpoch(), PRICE, PC,
                CC, false);
        fund(small);
        publishOne(small);
    }

    @Test
    void minimumProviderCollateralHandComputed() {
        // 1 % × 1,000 FIL × 1 GiB ÷ max(1 TiB, 2 TiB, 1 GiB) = 10 FIL ÷ 2,048 = 1e19 ÷ 2,048 attoFIL
        BigInteger got = StorageMarket.minProviderCollateral(Fil.fil(1_000), GIB, BigInteger.valueOf(Policy.TiB),
                BigInteger.valueOf(2 * Policy.TiB));
        assertEquals(new BigInteger("4882812500000000"), got);
        // the larger of raw power and baseline is the denominator
        assertEquals(got, StorageMarket.minProviderCollateral(Fil.fil(1_000), GIB, BigInteger.valueOf(2 * Policy.TiB),
                BigInteger.valueOf(Policy.TiB)));
        // a piece larger than the network takes 1 % of the whole supply
        assertEquals(Fil.fil(10), StorageMarket.minProviderCollateral(Fil.fil(1_000), GIB, BigInteger.ONE,
                BigInteger.ONE));
        // floored: 1 % of 999 atto × 1 ÷ 1 = 9.99 → 9
        assertEquals(BigInteger.valueOf(9), StorageMarket.minProviderCollateral(BigInteger.valueOf(999), 1,
                BigInteger.ONE, BigInteger.ONE));
    }

    @Test
    void minimumProviderCollateralReadsSupplyAndPowerFromTheChain() {
        BigInteger cs = c.config().circulatingSupplyAt(c.epoch());
        BigInteger den = c.power().networkRaw().max(c.reward().baselinePowerNow());
        BigInteger expected = cs.multiply(BigInteger.valueOf(GIB)).divide(den.multiply(BigInteger.valueOf(100)));
        assertEquals(expected, mk.minProviderCollateral(GIB));
        assertTrue(expected.signum() > 0);
    }

    @Test
    void providerCollateralAtTheMinimumIsAcceptedOneBelowIsDropped() {
        BigInteger min = mk.minProviderCollateral(GIB);
        DealProposal atMin = with(deal(), PRICE, min, CC);
        fund(atMin);
        publishOne(atMin);
        dropped(ExitCode.USR_ILLEGAL_ARGUMENT, "market.provider_collateral_out_of_bounds",
                with(deal(), PRICE, min.subtract(BigInteger.ONE), CC));
        dropped(ExitCode.USR_ILLEGAL_ARGUMENT, "market.provider_collateral_out_of_bounds",
                with(deal(), PRICE, StorageMarket.TOTAL_FILECOIN.add(BigInteger.ONE), CC));
    }

    @Test
    void priceAndClientCollateralWithinZeroAndTotalFilecoin() {
        DealProposal free = with(deal(), BigInteger.ZERO, PC, BigInteger.ZERO);
        fund(free);
        publishOne(free);
        dropped(ExitCode.USR_ILLEGAL_ARGUMENT, "market.price_out_of_bounds", with(deal(), BigInteger.valueOf(-1), PC,
                CC));
        dropped(ExitCode.USR_ILLEGAL_ARGUMENT, "market.price_out_of_bounds",
                with(deal(), StorageMarket.TOTAL_FILECOIN.add(BigInteger.ONE), PC, CC));
        // at the bound the price passes its check and fails on the client's escrow
        dropped(ExitCode.USR_INSUFFICIENT_FUNDS, "market.client_insufficient_escrow",
                with(deal(), StorageMarket.TOTAL_FILECOIN, PC, CC));
        dropped(ExitCode.USR_ILLEGAL_ARGUMENT, "market.client_collateral_out_of_bounds",
                with(deal(), PRICE, PC, BigInteger.valueOf(-1)));
        dropped(ExitCode.USR_ILLEGAL_ARGUMENT, "market.client_collateral_out_of_bounds",
                with(deal(), PRICE, PC, StorageMarket.TOTAL_FILECOIN.add(BigInteger.ONE)));
    }

    @Test
    void escrowsMustCoverWhatTheBatchLocks() {
        DealProposal a = deal();
        DealProposal b = deal();
        // client: exactly one deal's requirement plus one atto short of the second
        mk.addBalance(client, client, a.clientBalanceRequirement().add(b.clientBalanceRequirement())
                .subtract(BigInteger.ONE));
        mk.addBalance(owner, m.address(), PC.add(PC));
        PublishResult r = mk.publishStorageDeals(worker, List.of(a, b));
        assertTrue(r.deals().ok(0));
        assertEquals("market.client_insufficient_escrow", r.deals().errors().get(1).rule());
        assertEquals(ExitCode.USR_INSUFFICIENT_FUNDS, r.deals().errors().get(1).exitCode());
        // provider: one collateral left unlocked, two deals
        mk.addBalance(client, client, Fil.fil(10));
        DealProposal x = deal();
        DealProposal y = deal();
        PublishResult r2 = mk.publishStorageDeals(worker, List.of(x, y));
        assertTrue(r2.deals().ok(0));
        assertEquals("market.provider_insufficient_escrow", r2.deals().errors().get(1).rule());
        assertEquals(mk.balance(m.address()), mk.locked(m.address()), "the provider's escrow is now fully locked");
    }

    @Test
    void onlyDealsOfTheFirstProviderAndNoDuplicates() {
        Miner other = c.createMiner(owner, worker, Policy.SECTOR_SIZE_32GIB);
        DealProposal d = deal();
        dropped(ExitCode.USR_ILLEGAL_ARGUMENT, "market.multiple_providers", new DealProposal(client, other.address(),
                50, GIB, d.startEpoch(), d.endEpoch(), PRICE, PC, CC, false));
        DealProposal twice = deal();
        fund(twice, twice);
        PublishResult r = mk.publishStorageDeals(worker, List.of(twice, twice));
        assertTrue(r.deals().ok(0));
        assertEquals("market.duplicate_deal", r.deals().errors().get(1).rule());
        ActorError e = refused(ExitCode.USR_ILLEGAL_ARGUMENT, "market.all_deals_invalid",
                () -> mk.publishStorageDeals(worker, List.of(twice)));
        assertTrue(e.getMessage().contains("market.duplicate_deal"), "a pending deal cannot be published again");
    }

    // ------------------------------------------------------------------ verified deals
    @Test
    void verifiedDealsAreRefusedUntilARegimeProvidesTheHook() {
        DealProposal v = new DealProposal(client, m.address(), 77, GIB, 10 * DAY, 210 * DAY, PRICE, PC, CC, true);
        fund(v);
        ActorError e = refused(ExitCode.USR_ILLEGAL_ARGUMENT, "market.all_deals_invalid",
                () -> mk.publishStorageDeals(worker, List.of(v)));
        assertTrue(e.getMessage().contains("market.verified_deals_unsupported"), e::getMessage);
        dropped(ExitCode.USR_FORBIDDEN, "market.verified_deals_unsupported", v);
    }

    /** A test regime: a client's remaining verified bytes in a journaled cell, as v1's UseBytes / RestoreBytes. */
    static final class BytesHook implements VerifiedDealHook {
        final JLong remaining;
        final List<Long> timedOut = new ArrayList<>();
        final List<Long> activated = new ArrayList<>();

        BytesHook(Chain c, long bytes) {
            remaining = new JLong(c.journal());
            remaining.set(bytes);
        }

        @Override
        public long onPublish(DealProposal d) {
            remaining.add(-d.size());
            if (remaining.get() < 0)
                throw ActorError.illegalArgument("test.use_bytes", "client has too few verified bytes");
            return 42;
        }

        @Override
        public void onActivate(long id, DealProposal d, long allocationId, long sector, long exp) {
            assertEquals(42, allocationId);
            activated.add(id);
        }

        @Override
        public void onTimeout(long id, DealProposal d, long allocationId) {
            remaining.add(d.size());
            timedOut.add(id);
        }
    }

    @Test
    void aHookThatRefusesDropsOnlyItsDealAndUndoesItsEffects() {
        BytesHook hook = new BytesHook(c, GIB);
        mk.setVerifiedDealHook(hook);
        DealProposal v1 = new DealProposal(client, m.address(), 70, GIB, 10 * DAY, 210 * DAY, PRICE, PC, CC, true);
        DealProposal v2 = new DealProposal(client, m.address(), 71, GIB, 10 * DAY, 210 * DAY, PRICE, PC, CC, true);
        fund(v1, v2);
        PublishResult r = mk.publishStorageDeals(worker, List.of(v1, v2));
        assertTrue(r.deals().ok(0));
        assertEquals("test.use_bytes", r.deals().errors().get(1).rule());
        assertEquals(0, hook.remaining.get(), "the dropped deal's UseBytes was undone");
        assertEquals(42, mk.pendingAllocation(0));
        StorageMarket.ActivationResult a = mk.activateDeals(m.address(), 0, 300 * DAY, List.of(0L));
        assertEquals(GIB, a.verifiedDealSpace());
        assertEquals(BigInteger.valueOf(GIB).multiply(BigInteger.valueOf(200 * DAY)), a.verifiedDealWeight());
        assertEquals(BigInteger.ZERO, a.dealWeight());
        assertEquals(List.of(0L), hook.activated);
    }

    @Test
    void aTimedOutVerifiedDealGoesBackThroughTheHook() {
        BytesHook hook = new BytesHook(c, 4 * GIB);
        mk.setVerifiedDealHook(hook);
        DealProposal v = new DealProposal(client, m.address(), 72, GIB, 10 * DAY, 210 * DAY, PRICE, PC, CC, true);
        fund(v);
        publishOne(v);
        assertEquals(3 * GIB, hook.remaining.get());
        c.advanceTo(10 * DAY + 1);
        mk.settle();
        assertEquals(List.of(0L), hook.timedOut);
        assertEquals(4 * GIB, hook.remaining.get(), "RestoreBytes");
    }

    // ------------------------------------------------------------------ activation
    @Test
    void activationChecksAtTheirBoundaries() {
        DealProposal d = deal(10 * DAY, 210 * DAY);
        long id = fundAndPublish(d);
        Miner other = c.createMiner(owner, worker, Policy.SECTOR_SIZE_32GIB);
        activationRefused(ExitCode.USR_FORBIDDEN, "market.caller_not_miner", worker, 300 * DAY, List.of(id));
        activationRefused(ExitCode.USR_FORBIDDEN, "market.provider_mismatch", other.address(), 300 * DAY, List.of(id));
        activationRefused(ExitCode.USR_NOT_FOUND, "market.deal_not_found", m.address(), 300 * DAY, List.of(id, 99L));
        activationRefused(ExitCode.USR_ILLEGAL_ARGUMENT, "market.duplicate_deal_id",
                m.address(), 300 * DAY, List.of(id, id));
        activationRefused(ExitCode.USR_ILLEGAL_ARGUMENT, "market.deal_outlasts_sector",
                m.address(), 210 * DAY - 1, List.of(id));
        c.advanceTo(10 * DAY); // now == start: still allowed; the sector may end with the deal
        StorageMarket.ActivationResult r = mk.activateDeals(m.address(), 7, 210 * DAY, List.of(id));
        assertEquals(GIB, r.dealSpace());
        assertEquals(BigInteger.valueOf(GIB).multiply(BigInteger.valueOf(200 * DAY)), r.dealWeight());
        assertEquals(new StorageMarket.DealState(7, 10 * DAY, StorageMarket.EPOCH_UNDEFINED,
                StorageMarket.EPOCH_UNDEFINED), mk.dealState(id));
        activationRefused(ExitCode.USR_ILLEGAL_ARGUMENT, "market.deal_already_active",
                m.address(), 300 * DAY, List.of(id));
    }

    @Test
    void activationAfterTheStartEpochIsRefused() {
        DealProposal d = deal(10 * DAY, 210 * DAY);
        long id = fundAndPublish(d);
        c.advanceTo(10 * DAY + 1);
        // the chain's cron timed the deal out at the epoch after its start: it is gone (start_elapsed is the
        // actor's own guard, reachable only between the start epoch and the cron that times the deal out)
        activationRefused(ExitCode.USR_NOT_FOUND, "market.deal_not_found", m.address(), 300 * DAY, List.of(id));
        assertEquals(1, mk.timedOutDeals());
    }

    // ------------------------------------------------------------------ settlement
    @Test
    void paymentsSettleEvery30DaysHandComputedOver60Days() {
        DealProposal d = deal(10 * DAY, 210 * DAY);
        long id = activeDeal(d, 0);
        BigInteger clientEscrow = mk.balance(client);
        BigInteger clientLocked = mk.locked(client);
        c.advanceTo(30 * DAY - 1);
        assertEquals(BigInteger.ZERO, mk.paid(), "nothing settles before day 30");
        c.advanceTo(30 * DAY); // the chain's cron settles at day 30
        // 20 days from the start epoch (day 10) to day 30: 1e9 × 57,600 = 57,600,000,000,000 attoFIL
        BigInteger first = new BigInteger("57600000000000");
        assertEquals(first, mk.paid());
        c.advanceTo(60 * DAY);
        BigInteger second = new BigInteger("86400000000000"); // 30 days × 2,880 × 1e9
        assertEquals(first.add(second), mk.paid());
        BigInteger total = first.add(second);
        assertEquals(clientEscrow.subtract(total), mk.balance(client));
        assertEquals(clientLocked.subtract(total), mk.locked(client));
        assertEquals(PC.add(total), mk.balance(m.address()));
        assertEquals(PC, mk.locked(m.address()), "the provider's payment is unlocked, its collateral stays locked");
        assertEquals(60 * DAY, mk.dealState(id).lastUpdatedEpoch());
        assertEquals(BigInteger.ZERO, mk.settle().paid(), "settling twice at the same epoch pays nothing");
    }

    @Test
    void aDealThatEndsReleasesBothCollaterals() {
        DealProposal d = deal(10 * DAY, 190 * DAY);
        fund(d);
        long id = publishOne(d);
        mk.activateDeals(m.address(), 0, 200 * DAY, List.of(id));
        c.advanceTo(200 * DAY);
        StorageMarket.SettleResult r = mk.settle(); // the cron's last settlement was at day 180
        assertEquals(1, r.completed());
        assertEquals(d.totalStorageFee(), mk.paid());
        assertEquals(BigInteger.ZERO, mk.locked(client));
        assertEquals(BigInteger.ZERO, mk.locked(m.address()));
        assertEquals(CC, mk.balance(client), "only the client collateral is left, unlocked");
        assertEquals(PC.add(d.totalStorageFee()), mk.balance(m.address()));
        assertNull(mk.proposal(id));
        assertEquals(CC, mk.withdrawBalance(client, client, Fil.fil(1)));
    }

    @Test
    void aDealNotActivatedByItsStartTimesOut() {
        DealProposal d = deal(10 * DAY, 210 * DAY);
        long id = fundAndPublish(d);
        c.advanceTo(10 * DAY);
        assertEquals(0, mk.settle().timedOut(), "at its start epoch it may still be activated");
        assertEquals(0, mk.timedOutDeals());
        c.advanceTo(10 * DAY + 1); // the chain's cron times it out at the epoch after its start
        assertEquals(1, mk.timedOutDeals());
        assertEquals(PC, mk.providerCollateralSlashed());
        assertEquals(BigInteger.ZERO, mk.balance(m.address()), "provider collateral slashed");
        assertEquals(PC, c.fil().balance(Chain.BURN), "and burned");
        assertEquals(BigInteger.ZERO, mk.locked(client));
        assertEquals(d.clientBalanceRequirement(), mk.available(client), "the client's lock is released");
        assertNull(mk.proposal(id));
        assertEquals(1, mk.timedOutDeals());
    }

    @Test
    void aDealInATerminatedSectorIsPaidUpToTerminationAndSlashed() {
        DealProposal d = deal(10 * DAY, 210 * DAY);
        long id = activeDeal(d, 3);
        c.advanceTo(30 * DAY);
        mk.settle();
        c.advanceTo(40 * DAY);
        refused(ExitCode.USR_FORBIDDEN, "market.caller_not_miner", () -> mk.onSectorTerminated(worker, 3));
        assertEquals(List.of(), mk.onSectorTerminated(m.address(), 4), "another sector: nothing");
        assertEquals(List.of(id), mk.onSectorTerminated(m.address(), 3));
        BigInteger paidAt40 = mk.paid();
        c.advanceTo(60 * DAY); // the chain's cron settles at day 60: the deal is slashed
        assertEquals(1, mk.slashedDeals());
        BigInteger tenDays = PRICE.multiply(BigInteger.valueOf(10 * DAY)); // day 30 → day 40, not past termination
        assertEquals(tenDays, mk.paid().subtract(paidAt40));
        BigInteger paid = PRICE.multiply(BigInteger.valueOf(30 * DAY));
        assertEquals(d.clientBalanceRequirement().subtract(paid), mk.balance(client));
        assertEquals(BigInteger.ZERO, mk.locked(client), "the unpaid fee and client collateral are released");
        assertEquals(paid, mk.balance(m.address()), "provider keeps the payments, loses its collateral");
        assertEquals(BigInteger.ZERO, mk.locked(m.address()));
        assertEquals(PC, mk.burned());
        assertEquals(1, mk.slashedDeals());
    }

    @Test
    void aSectorTerminatedBeforeTheDealStartsPaysNothing() {
        DealProposal d = deal(10 * DAY, 210 * DAY);
        long id = activeDeal(d, 3);
        c.advanceTo(5 * DAY);
        assertEquals(List.of(id), mk.onSectorTerminated(m.address(), 3));
        c.advanceTo(30 * DAY);
        StorageMarket.SettleResult r = mk.settle();
        assertEquals(BigInteger.ZERO, r.paid());
        assertEquals(d.clientBalanceRequirement(), mk.available(client));
        assertEquals(PC, mk.burned());
        assertNull(mk.dealState(id));
    }

    // ------------------------------------------------------------------ quality_for_weight
    @Test
    void qualityForWeightHandComputed() {
        long s = Policy.SECTOR_SIZE_32GIB;
        long life = 540 * DAY;
        BigInteger full = BigInteger.valueOf(s).multiply(BigInteger.valueOf(life));
        BigInteger zero = BigInteger.ZERO;
        BigInteger one = BigInteger.ONE.shiftLeft(20);
        // no deals: quality 1 (2^20 in fixed point), QA = raw
        assertEquals(one, StorageMarket.qualityForWeight(s, life, zero, zero));
        assertEquals(s, StorageMarket.qaPowerForWeight(s, life, zero, zero));
        // unverified deals weigh 1 as well
        assertEquals(s, StorageMarket.qaPowerForWeight(s, life, full, zero));
        // verified for the whole life: quality 10, as Sector.qaPower with all bytes verified
        assertEquals(one.multiply(BigInteger.TEN), StorageMarket.qualityForWeight(s, life, zero, full));
        assertEquals(Sector.qaPower(s, s), StorageMarket.qaPowerForWeight(s, life, zero, full));
        // a verified deal for half the sector's life dilutes: (½ × 1 + ½ × 10) = 5.5 → 176 GiB
        BigInteger half = BigInteger.valueOf(s).multiply(BigInteger.valueOf(life / 2));
        assertEquals(BigInteger.valueOf(5_767_168), StorageMarket.qualityForWeight(s, life, zero, half));
        assertEquals(176 * GIB, StorageMarket.qaPowerForWeight(s, life, zero, half));
        // half the space for the whole life is the same space-time
        BigInteger halfSpace = BigInteger.valueOf(s / 2).multiply(BigInteger.valueOf(life));
        assertEquals(176 * GIB, StorageMarket.qaPowerForWeight(s, life, zero, halfSpace));
        // an extension dilutes further: the same weight over 1.5 × the life gives (1 × 1 + ½ × 10) ÷ 1.5 = 4
        assertEquals(4 * s, StorageMarket.qaPowerForWeight(s, life + life / 2, zero, half));
    }

    @Test
    void qaPowerOfASectorFromItsDeals() {
        long s = Policy.SECTOR_SIZE_32GIB;
        DealProposal v = new DealProposal(client, m.address(), 1, s, 50 * DAY, 250 * DAY, PRICE, PC, CC, true);
        // verified for 200 of the sector's 300 days: (100 × 1 + 200 × 10) ÷ 300 = 7 → 7 × 32 GiB
        assertEquals(7 * s, StorageMarket.qaPowerForDeals(s, 0, 300 * DAY, List.of(v)));
        // the same deal as an unverified deal: 1 × raw
        DealProposal u = new DealProposal(client, m.address(), 1, s, 50 * DAY, 250 * DAY, PRICE, PC, CC, false);
        assertEquals(s, StorageMarket.qaPowerForDeals(s, 0, 300 * DAY, List.of(u)));
        // a deal for the sector's whole life: 10 × raw, as the DDO sector's QA power
        assertEquals(Sector.qaPower(s, s), StorageMarket.qaPowerForDeals(s, 50 * DAY, 250 * DAY, List.of(v)));
        // two half-size verified deals for 100 of 400 days each: (¾ × 1 + ¼ × 10) = 3.25 → 104 GiB
        DealProposal h1 = new DealProposal(client, m.address(), 2, s / 2, 0, 100 * DAY, PRICE, PC, CC, true);
        DealProposal h2 = new DealProposal(client, m.address(), 3, s / 2, 0, 100 * DAY, PRICE, PC, CC, true);
        assertEquals(104 * GIB, StorageMarket.qaPowerForDeals(s, 0, 400 * DAY, List.of(h1, h2)));
    }

    @Test
    void activatedDealsMustFitTheSector() {
        long half = Policy.SECTOR_SIZE_32GIB / 2;
        DealProposal a = new DealProposal(client, m.address(), 1, half, 10 * DAY, 210 * DAY, PRICE, PC, CC, false);
        DealProposal b = new DealProposal(client, m.address(), 2, half, 10 * DAY, 210 * DAY, PRICE, PC, CC, false);
        DealProposal x = new DealProposal(client, m.address(), 3, GIB, 10 * DAY, 210 * DAY, PRICE, PC, CC, false);
        fund(a, b, x);
        List<Long> ids = mk.publishStorageDeals(worker, List.of(a, b, x)).dealIds();
        activationRefused(ExitCode.USR_ILLEGAL_ARGUMENT, "market.deals_exceed_sector", m.address(), 300 * DAY, ids);
        assertEquals(2 * half, mk.activateDeals(m.address(), 0, 300 * DAY, ids.subList(0, 2)).dealSpace());
    }

    @Test
    void qualityForWeightFloorsTwice() {
        long s = Policy.SECTOR_SIZE_32GIB;
        BigInteger w = BigInteger.valueOf(s); // verified for 1 epoch of 7
        // (6 × 10 + 1 × 100) × 2^20 ÷ 7 = 23,967,451.4 → 23,967,451; ÷ 10 → 2,396,745
        assertEquals(BigInteger.valueOf(2_396_745), StorageMarket.qualityForWeight(s, 7, BigInteger.ZERO, w));
        // 32 GiB × 2,396,745 ≫ 20 = 32,768 × 2,396,745
        assertEquals(78_536_540_160L, StorageMarket.qaPowerForWeight(s, 7, BigInteger.ZERO, w));
        assertThrows(IllegalArgumentException.class,
                () -> StorageMarket.qualityForWeight(s, 7, BigInteger.ZERO, w.multiply(BigInteger.valueOf(8))));
    }

    // ------------------------------------------------------------------ conservation
    @Test
    void escrowConservationOverRandomCalls() {
        long timeouts = 0;
        long slashes = 0;
        BigInteger paid = BigInteger.ZERO;
        for (long seed = 1; seed <= 8; seed++) {
            randomRun(seed);
            timeouts += mk.timedOutDeals();
            slashes += mk.slashedDeals();
            paid = paid.add(mk.paid());
        }
        assertTrue(timeouts > 0, "the random runs reached timeouts");
        assertTrue(slashes > 0, "the random runs reached terminated sectors");
        assertTrue(paid.signum() > 0, "the random runs reached payments");
    }

    private void randomRun(long seed) {
        setUp();
        SplittableRandom rnd = new SplittableRandom(seed);
        Miner other = c.createMiner(owner, worker, Policy.SECTOR_SIZE_32GIB);
        List<Long> ids = new ArrayList<>();
        long sector = 0;
        int refusedCalls = 0;
        for (int step = 0; step < 300; step++) {
            String before = snapshot();
            try {
                switch (rnd.nextInt(7)) {
                    case 0:
                        mk.addBalance(client, client, Fil.atto(rnd.nextLong(-1, 3_000_000_000_000_000_000L)));
                        break;
                    case 1:
                        mk.addBalance(owner, rnd.nextBoolean() ? m.address() : other.address(),
                                Fil.atto(rnd.nextLong(-1, 2_000_000_000_000_000_000L)));
                        break;
                    case 2:
                        mk.withdrawBalance(rnd.nextBoolean() ? client : owner, rnd.nextBoolean() ? client : m.address(),
                                Fil.atto(rnd.nextLong(-1, 2_000_000_000_000_000_000L)));
                        break;
                    case 3: {
                        List<DealProposal> batch = new ArrayList<>();
                        int n = rnd.nextInt(4);
                        for (int k = 0; k < n; k++) {
                            long start = c.epoch() + rnd.nextLong(-DAY, 40 * DAY);
                            long end = start + rnd.nextLong(170 * DAY, 400 * DAY);
                            Address p = rnd.nextInt(5) == 0 ? other.address() : m.address();
                            batch.add(new DealProposal(client, p, nextData++, GIB, start, end,
                                    BigInteger.valueOf(rnd.nextLong(0, 5_000_000_000L)),
                                    Fil.atto(rnd.nextLong(0, 2_000_000_000_000_000_000L)),
                                    Fil.atto(rnd.nextLong(-1, 500_000_000_000_000_000L)), false));
                        }
                        ids.addAll(mk.publishStorageDeals(worker, batch).dealIds());
                        break;
                    }
                    case 4: {
                        if (ids.isEmpty()) break;
                        long id = ids.get(rnd.nextInt(ids.size()));
                        DealProposal d = mk.proposal(id);
                        long exp = d == null ? c.epoch() + 500 * DAY : d.endEpoch() + rnd.nextLong(-DAY, 30 * DAY);
                        mk.activateDeals(rnd.nextInt(4) == 0 ? other.address() : m.address(), sector++, exp,
                                List.of(id));
                        break;
                    }
                    case 5:
                        mk.onSectorTerminated(m.address(), rnd.nextLong(Math.max(1, sector)));
                        break;
                    default:
                        c.advanceTo(c.epoch() + rnd.nextLong(1, 20 * DAY));
                        mk.settle();
                        break;
                }
            } catch (ActorError e) {
                refusedCalls++;
                assertEquals(before, snapshot(),
                        "seed " + seed + " step " + step + ": refused call changed state " + e);
            }
            assertConserved("seed " + seed + " step " + step);
        }
        c.advanceTo(c.epoch() + 2_000 * DAY);
        mk.settle();
        assertConserved("seed " + seed + " end");
        assertTrue(mk.proposals().isEmpty(), "every deal has ended, timed out or been slashed");
        assertTrue(mk.lockedTable().isEmpty(), "nothing stays locked");
        assertTrue(refusedCalls > 0 && mk.nextDealId() > 0, "the run reached both refusals and deals");
    }

    private void assertConserved(String where) {
        BigInteger escrow = mk.totalEscrow();
        assertEquals(mk.deposited(), escrow.add(mk.burned()).add(mk.withdrawn()), where + ": escrow conservation");
        assertEquals(escrow, c.fil().balance(Chain.STORAGE_MARKET), where + ": ledger holds the escrow");
        assertEquals(mk.burned(), c.fil().balance(Chain.BURN), where + ": burned = slashed");
        BigInteger ledger = BigInteger.ZERO;
        for (BigInteger b : c.fil().view().values()) ledger = ledger.add(b);
        BigInteger minerHeld = BigInteger.ZERO;
        for (Miner x : c.miners().values()) minerHeld = minerHeld.add(x.balance());
        assertEquals(c.fil().endowed(), ledger.add(minerHeld), where + ": FIL is conserved");
        for (Address a : mk.escrowTable().keySet()) {
            assertTrue(mk.balance(a).signum() >= 0, where + ": escrow of " + a + " negative");
            assertTrue(mk.locked(a).compareTo(mk.balance(a)) <= 0, where + ": locked above escrow for " + a);
        }
        for (Address a : mk.lockedTable().keySet()) assertNotNull(mk.escrowTable().get(a), where);
    }
}
