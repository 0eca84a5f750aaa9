package datacapsim.chain;

import static datacapsim.chain.MarketWorld.DAY;
import static datacapsim.chain.MarketWorld.GIB;
import static datacapsim.chain.MarketWorld.PC;
import static datacapsim.chain.MarketWorld.S32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sectors holding storage market deals under v1 (actors.md, "Storage market actor"): the commit activates the deals
 * in the same transaction; QA power is quality_for_weight of the deal weight over the sector's life (builtin-actors
 * miner policy.rs qa_power_for_sector, duration = expiration − activation), so a deal shorter than its sector
 * dilutes it and an extension dilutes it further; a deal ending after the sector fails the whole commit;
 * termination slashes the deals at the next settlement.
 */
class MinerDealsTest {
    final MarketWorld w = new MarketWorld(Regime.V1, 100 * GIB);

    @Test
    void aFullLengthVerifiedDealGivesTenfoldQaPower() {
        List<Long> ids = w.publish(w.deal(w.client, S32, 0, 540 * DAY, true));
        long n = w.commit(540 * DAY, ids);
        Sector s = w.m.sector(n);
        assertEquals(10 * S32, s.qaPower(), "verified weight = size × sector life: quality 10");
        assertEquals(S32, s.verifiedBytes(), "the verified deal's bytes");
        assertEquals(ids, s.dealIds());
        assertEquals(BigInteger.valueOf(S32).multiply(BigInteger.valueOf(540 * DAY)), s.verifiedDealWeight());
        assertEquals(10 * S32, w.m.qaPower());
        assertEquals(S32, w.m.verifiedBytes());
        assertEquals(BigInteger.valueOf(10 * S32), w.c.power().simulatedQa());
        assertNotNull(w.mk.dealState(ids.get(0)), "the deal is active");
        assertEquals(n, w.mk.dealState(ids.get(0)).sector());
        assertEquals(1, w.mk.activatedDeals());
    }

    @Test
    void aDealHalfAsLongAsItsSectorDilutesQaPower() {
        List<Long> ids = w.publish(w.deal(w.client, S32, 0, 270 * DAY, true));
        long n = w.commit(540 * DAY, ids);
        // quality = (S·270d·10 + S·270d·100) / (S·540d) / 10 = 5.5, exactly in 20-bit fixed point
        assertEquals(S32 * 11 / 2, w.m.sector(n).qaPower());
        assertEquals(S32, w.m.sector(n).verifiedBytes());
    }

    @Test
    void unverifiedDealsGiveRawPowerAndDealsMixByWeight() {
        List<Long> ids = w.publish(w.deal(w.client, 16 * GIB, 0, 540 * DAY, true),
                w.deal(w.client, 16 * GIB, 0, 540 * DAY, false));
        long n = w.commit(540 * DAY, ids);
        // half verified over the whole life: (16·10 + 16·100) / 32 / 10 = 5.5
        assertEquals(S32 * 11 / 2, w.m.sector(n).qaPower());
        assertEquals(16 * GIB, w.m.sector(n).verifiedBytes());
        List<Long> plain = w.publish(w.deal(w.client, S32, 0, 540 * DAY, false));
        assertEquals(S32, w.m.sector(w.commit(540 * DAY, plain)).qaPower(), "unverified deals: quality 1");
    }

    @Test
    void aDealEndingAfterTheSectorFailsTheWholeCommit() {
        List<Long> ids = w.publish(w.deal(w.client, GIB, 0, 300 * DAY, true),
                w.deal(w.client, GIB, 0, 200 * DAY, false));
        w.refused(ExitCode.USR_ILLEGAL_ARGUMENT, "market.deal_outlasts_sector",
                () -> w.commit(300 * DAY - 1, ids));
        // the boundary: a deal ending exactly at the sector's expiration activates
        w.commit(300 * DAY, ids);
        assertEquals(2, w.mk.activatedDeals());
    }

    @Test
    void aCommitWithAnUnknownOrForeignDealChangesNothing() {
        w.refused(ExitCode.USR_NOT_FOUND, "market.deal_not_found", () -> w.commit(300 * DAY, List.of(99L)));
        List<Long> ids = w.publish(w.deal(w.client, GIB, 0, 200 * DAY, false));
        w.commit(300 * DAY, ids);
        w.refused(ExitCode.USR_ILLEGAL_ARGUMENT, "market.deal_already_active", () -> w.commit(300 * DAY, ids));
    }

    @Test
    void dealsAreRefusedInAMinerCommitUnderDdo() {
        MarketWorld ddo = new MarketWorld(Regime.DDO, 0);
        ddo.refused(ExitCode.USR_ILLEGAL_ARGUMENT, "miner.deals_without_market",
                () -> ddo.commit(300 * DAY, List.of(0L)));
    }

    @Test
    void terminationSlashesTheSectorsDealsAtTheNextSettlement() {
        List<Long> ids = w.publish(w.deal(w.client, S32, 0, 540 * DAY, true));
        long n = w.commit(540 * DAY, ids);
        w.c.advanceTo(40 * DAY);
        BigInteger paidBefore = w.mk.paid();
        w.m.terminateSectors(w.worker, List.of(n));
        assertEquals(40 * DAY, w.mk.dealState(ids.get(0)).slashEpoch(), "marked slashed in the same transaction");
        assertEquals(0, w.m.qaPower());
        w.c.advanceTo(60 * DAY); // the cron's settlement
        assertNull(w.mk.dealState(ids.get(0)));
        assertEquals(1, w.mk.slashedDeals());
        assertEquals(PC, w.mk.providerCollateralSlashed());
        assertEquals(MarketWorld.PRICE.multiply(BigInteger.valueOf(10 * DAY)), w.mk.paid().subtract(paidBefore),
                "paid from day 30 up to the termination at day 40");
        assertEquals(BigInteger.ZERO, w.mk.locked(w.client));
    }

    @Test
    void aRefusedTerminationLeavesTheDealsAlone() {
        List<Long> ids = w.publish(w.deal(w.client, S32, 0, 540 * DAY, true));
        long n = w.commit(540 * DAY, ids);
        w.refused(ExitCode.USR_NOT_FOUND, "miner.sector_not_found",
                () -> w.m.terminateSectors(w.worker, List.of(n, n + 1)));
        assertEquals(StorageMarket.EPOCH_UNDEFINED, w.mk.dealState(ids.get(0)).slashEpoch());
    }

    @Test
    void anExtensionDilutesQaPowerOverTheNewLife() {
        List<Long> ids = w.publish(w.deal(w.client, S32, 0, 540 * DAY, true));
        long n = w.commit(540 * DAY, ids);
        assertEquals(10 * S32, w.m.qaPower());
        long predicted = w.m.sector(n).qaPowerIfExtended(1_080 * DAY, S32); // what a provider values beforehand
        w.m.extendSectorExpiration(w.worker, n, 1_080 * DAY, List.of());
        assertEquals(predicted, w.m.sector(n).qaPower(), "the prediction is the chain's rule");
        // the deal weight stays S·540d; the sector's life is now 1,080 days: (S·540d·10 + S·540d·100)/(S·1080d)/10
        Sector s = w.m.sector(n);
        assertEquals(S32 * 11 / 2, s.qaPower());
        assertEquals(S32, s.verifiedBytes(), "verified deal bytes are kept");
        assertEquals(S32 * 11 / 2, w.m.qaPower());
        assertEquals(BigInteger.valueOf(S32 * 11 / 2), w.c.power().simulatedQa());
        assertEquals(StorageMarket.qaPowerForWeight(S32, 1_080 * DAY, BigInteger.ZERO, s.verifiedDealWeight()),
                s.qaPower());
    }

    @Test
    void anExtensionLaterInLifeCountsTheWholeLifeFromActivation() {
        List<Long> ids = w.publish(w.deal(w.client, S32, 0, 540 * DAY, true));
        long n = w.commit(540 * DAY, ids);
        w.c.advanceTo(500 * DAY);
        w.m.extendSectorExpiration(w.worker, n, 720 * DAY, List.of());
        // life 720 days from activation at 0: (S·180d·10 + S·540d·100) / (S·720d) / 10 = 7.75
        assertEquals(S32 * 31 / 4, w.m.sector(n).qaPower());
    }
}
