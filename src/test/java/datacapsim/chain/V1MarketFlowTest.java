package datacapsim.chain;

import static datacapsim.chain.MarketWorld.DAY;
import static datacapsim.chain.MarketWorld.GIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The v1 and v1-topup regimes wired into the chain (actors.md, "VerifiedRegistry, other regimes"): the chain installs
 * the original registry and its market hook, 540-day deals; UseBytes at publication, a client below 1 MiB removed and
 * recreated by RestoreBytes when its deal times out in the chain's cron; no top-up under v1, top-up under v1-topup.
 */
class V1MarketFlowTest {

    @Test
    void theChainInstallsTheRegistryOfItsRegime() {
        for (Regime r : Regime.values()) {
            Chain c = ChainFixture.chain(ChainConfig.mainnetDefaults().withRegime(r));
            assertEquals(r, c.regime());
            if (r.isV1()) {
                assertNotNull(c.verifregV1());
                assertEquals(r, c.verifregV1().regime());
                assertEquals(StorageMarket.V1_MAX_DEAL_DURATION, c.market().maxDealDuration());
            } else {
                assertNull(c.verifregV1());
                assertEquals(StorageMarket.DEFAULT_MAX_DEAL_DURATION, c.market().maxDealDuration());
            }
            if (r == Regime.DDO || r == Regime.SOLSTICE)
                assertSame(VerifiedDealHook.REFUSE, c.market().verifiedDealHook());
        }
        assertEquals(Regime.DDO, ChainConfig.mainnetDefaults().regime(), "the default regime");
    }

    @Test
    void aMarketRegimeHasNoFip0118Upgrade() {
        SolsticeConfig upgrade = SolsticeConfig.at(10 * DAY, List.of());
        for (Regime r : Regime.values()) {
            ChainConfig c = ChainConfig.mainnetDefaults().withRegime(r);
            if (r.usesMarket())
                assertThrows(IllegalArgumentException.class, () -> c.withSolstice(upgrade), r.scenarioName());
            else
                assertEquals(10 * DAY, c.withSolstice(upgrade).solsticeUpgradeEpoch());
        }
    }

    @Test
    void v1DealsLastAtMost540Days() {
        MarketWorld w = new MarketWorld(Regime.V1, 10 * GIB);
        DealProposal ok = w.deal(w.client, GIB, 0, 540 * DAY, true);
        DealProposal tooLong = w.deal(w.client, GIB, 0, 540 * DAY + 1, true);
        w.fund(List.of(ok, tooLong));
        StorageMarket.PublishResult r = w.mk.publishStorageDeals(w.worker, List.of(ok, tooLong));
        assertTrue(r.deals().ok(0));
        assertEquals("market.duration_out_of_bounds", r.deals().errors().get(1).rule());
        assertEquals(9 * GIB, w.c.verifregV1().clientBytes(w.client), "only the accepted deal used bytes");
    }

    @Test
    void publishUsesBytesAndATimeoutRestoresAClientUseBytesRemoved() {
        MarketWorld w = new MarketWorld(Regime.V1, 2 * GIB);
        VerifiedRegistryV1 reg = w.c.verifregV1();
        w.publish(w.deal(w.client, GIB, 10 * DAY, 200 * DAY, true));
        assertEquals(GIB, reg.clientBytes(w.client), "UseBytes at publication");
        w.publish(w.deal(w.client, GIB, 10 * DAY, 200 * DAY, true));
        assertFalse(reg.isVerifiedClient(w.client), "below 1 MiB left: removed");
        assertEquals(1, reg.everVerifiedClients());
        w.c.advanceTo(10 * DAY);
        assertFalse(reg.isVerifiedClient(w.client), "at the start epoch the deals may still activate");
        w.c.advanceTo(10 * DAY + 1); // the cron times both out
        assertEquals(2, w.mk.timedOutDeals());
        assertEquals(2 * GIB, reg.clientBytes(w.client), "RestoreBytes recreated the client");
        assertEquals(1, reg.everVerifiedClients(), "the same address");
        assertEquals(MarketWorld.PC.multiply(BigInteger.TWO), w.mk.providerCollateralSlashed());
    }

    @Test
    void v1RefusesASecondAllowanceForTheSameAddressV1TopupAddsIt() {
        MarketWorld v1 = new MarketWorld(Regime.V1, 2 * GIB);
        v1.refused(ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg1.client_already_verified",
                () -> v1.grant(v1.client, GIB));
        Address second = v1.newClient(GIB);
        assertEquals(2, v1.c.verifregV1().everVerifiedClients(), "a client that needs more uses a new address");
        assertEquals(GIB, v1.c.verifregV1().clientBytes(second));

        MarketWorld top = new MarketWorld(Regime.V1_TOPUP, 2 * GIB);
        top.grant(top.client, GIB);
        assertEquals(3 * GIB, top.c.verifregV1().clientBytes(top.client));
        assertEquals(1, top.c.verifregV1().everVerifiedClients());
    }

    @Test
    void aVerifiedDealBeyondTheClientsBytesIsDropped() {
        MarketWorld w = new MarketWorld(Regime.V1, GIB);
        DealProposal a = w.deal(w.client, GIB, 0, 200 * DAY, true);
        DealProposal b = w.deal(w.client, GIB, 0, 200 * DAY, true);
        w.fund(List.of(a, b));
        StorageMarket.PublishResult r = w.mk.publishStorageDeals(w.worker, List.of(a, b));
        assertTrue(r.deals().ok(0));
        assertEquals("verifreg1.client_not_found", r.deals().errors().get(1).rule(), "removed after the first deal");
        assertEquals(1, w.mk.publishedDeals());
    }

    @Test
    void theRegistryAndTheMarketCountTheBytesTheyMove() {
        MarketWorld w = new MarketWorld(Regime.V1, 2 * GIB + Policy.KiB);
        VerifiedRegistryV1 reg = w.c.verifregV1();
        assertEquals(2 * GIB + Policy.KiB, reg.granted());
        List<Long> ids = w.publish(w.deal(w.client, GIB, 0, 200 * DAY, true),
                w.deal(w.client, GIB, 10 * DAY, 200 * DAY, true));
        assertEquals(2 * GIB, reg.used());
        assertEquals(Policy.KiB, reg.dropped(), "the remainder below 1 MiB left with the client");
        assertEquals(2 * GIB, w.mk.pendingVerifiedBytes());
        w.commit(200 * DAY, List.of(ids.get(0)));
        assertEquals(GIB, w.mk.pendingVerifiedBytes());
        assertEquals(GIB, w.mk.activatedVerifiedBytes());
        w.c.advanceTo(10 * DAY + 1); // the second times out
        assertEquals(GIB, reg.restored());
        assertEquals(0, w.mk.pendingVerifiedBytes());
        assertEquals(GIB, w.mk.activatedVerifiedBytes());
        assertEquals(reg.granted() - reg.used() + reg.restored() - reg.dropped(), reg.clientBytes(w.client));
    }
}
