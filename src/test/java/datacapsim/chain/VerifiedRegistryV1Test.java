package datacapsim.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.chain.StorageMarket.PublishResult;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The original verified registry of the regimes v1 and v1-topup (actors.md, "VerifiedRegistry, other regimes"):
 * every rule at its boundaries with its exit code and rule id, a refused call changing nothing, the one-time client
 * allowance of v1 against the FIP-0012 top-up, removal of a client left below 1 MiB, and the registry as the storage
 * market's hook for verified deals (UseBytes at publication, RestoreBytes at timeout).
 */
class VerifiedRegistryV1Test {
    static final long MIN = Policy.MINIMUM_VERIFIED_ALLOCATION_SIZE;
    static final long GIB = Policy.GiB;
    static final long DAY = Policy.EPOCHS_IN_DAY;
    static final Address MARKET = Chain.STORAGE_MARKET;
    static final String ADD = VerifiedRegistryV1.ADD_VERIFIER;
    static final String REMOVE = VerifiedRegistryV1.REMOVE_VERIFIER;
    static final String CLIENT = VerifiedRegistryV1.ADD_VERIFIED_CLIENT;
    static final String USE = VerifiedRegistryV1.USE_BYTES;
    static final String RESTORE = VerifiedRegistryV1.RESTORE_BYTES;

    Chain c;
    Address root;
    Address verifier;
    Address client;
    VerifiedRegistryV1 reg;

    @BeforeEach
    void setUp() {
        c = ChainFixture.chain();
        root = c.rootKey();
        verifier = c.newAccount();
        client = c.newAccount();
        reg = registry(Regime.V1);
    }

    VerifiedRegistryV1 registry(Regime regime) { return new VerifiedRegistryV1(c, root, regime); }

    /** The root adds {@code verifier} with {@code verifierAllowance}; the verifier then verifies {@code client}. */
    void grant(long verifierAllowance, long clientAllowance) {
        reg.addVerifier(root, verifier, verifierAllowance);
        reg.addVerifiedClient(verifier, client, clientAllowance);
    }

    String snapshot() {
        return ChainSnapshot.of(c) + "\nv1.verifiers=" + reg.verifiers() + " v1.clients=" + reg.verifiedClients()
                + "\n" + StorageMarketTest.marketSnapshot(c.market());
    }

    /**
     * Asserts the call of {@code method} is refused with the exit code and rule id, counted under that rule, and that
     * no chain, registry or market state changed.
     */
    void refused(String method, ExitCode code, String rule, Executable call) {
        String before = snapshot();
        ActorError e = VerifiedRegistryTest.assertRefused(c, method, code, rule, call);
        assertEquals(before, snapshot(), "state changed by the refused call " + e);
    }

    // ------------------------------------------------------------------ AddVerifier / RemoveVerifier
    @Test
    void addVerifierSetsTheAllowanceFromOneMiB() {
        reg.addVerifier(root, verifier, MIN);
        assertTrue(reg.isVerifier(verifier));
        assertEquals(MIN, reg.verifierAllowance(verifier));
        reg.addVerifier(root, verifier, 5 * MIN);
        assertEquals(5 * MIN, reg.verifierAllowance(verifier), "set, not added");
        assertEquals(Map.of(verifier, 5 * MIN), reg.verifiers());
    }

    @Test
    void addVerifierRefusals() {
        refused(ADD, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg1.allowance_below_minimum",
                () -> reg.addVerifier(root, verifier, MIN - 1));
        refused(ADD, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg1.allowance_below_minimum",
                () -> reg.addVerifier(client, verifier, MIN - 1)); // the allowance is checked before the caller
        refused(ADD, ExitCode.USR_FORBIDDEN, "verifreg1.caller_not_root",
                () -> reg.addVerifier(verifier, verifier, MIN));
        refused(ADD, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg1.verifier_is_root",
                () -> reg.addVerifier(root, root, MIN));
        grant(GIB, MIN);
        refused(ADD, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg1.verifier_is_client",
                () -> reg.addVerifier(root, client, MIN));
    }

    @Test
    void removeVerifierKeepsTheClientsItVerified() {
        grant(GIB, MIN);
        reg.removeVerifier(root, verifier);
        assertFalse(reg.isVerifier(verifier));
        assertEquals(0, reg.verifierAllowance(verifier));
        assertEquals(MIN, reg.clientBytes(client));
        refused(CLIENT, ExitCode.USR_NOT_FOUND, "verifreg1.caller_not_verifier",
                () -> reg.addVerifiedClient(verifier, c.newAccount(), MIN));
    }

    @Test
    void removeVerifierRefusals() {
        reg.addVerifier(root, verifier, GIB);
        refused(REMOVE, ExitCode.USR_FORBIDDEN, "verifreg1.caller_not_root",
                () -> reg.removeVerifier(verifier, verifier));
        refused(REMOVE, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg1.verifier_not_found",
                () -> reg.removeVerifier(root, client));
        reg.removeVerifier(root, verifier);
        refused(REMOVE, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg1.verifier_not_found",
                () -> reg.removeVerifier(root, verifier));
    }

    // ------------------------------------------------------------------ AddVerifiedClient
    @Test
    void addVerifiedClientFromOneMiBUpToTheVerifiersRemaining() {
        grant(3 * MIN, MIN);
        assertEquals(MIN, reg.clientBytes(client));
        assertEquals(2 * MIN, reg.verifierAllowance(verifier));
        Address other = c.newAccount();
        reg.addVerifiedClient(verifier, other, 2 * MIN); // exactly what is left
        assertEquals(2 * MIN, reg.clientBytes(other));
        assertEquals(0, reg.verifierAllowance(verifier));
        assertTrue(reg.isVerifier(verifier), "a verifier with nothing left stays a verifier");
        refused(CLIENT, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg1.allowance_exceeds_verifier",
                () -> reg.addVerifiedClient(verifier, c.newAccount(), MIN));
    }

    @Test
    void addVerifiedClientRefusals() {
        reg.addVerifier(root, verifier, 2 * MIN);
        Address other = c.newAccount();
        reg.addVerifier(root, other, MIN);
        refused(CLIENT, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg1.allowance_below_minimum",
                () -> reg.addVerifiedClient(verifier, client, MIN - 1));
        refused(CLIENT, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg1.client_is_root",
                () -> reg.addVerifiedClient(verifier, root, MIN));
        refused(CLIENT, ExitCode.USR_NOT_FOUND, "verifreg1.caller_not_verifier",
                () -> reg.addVerifiedClient(client, client, MIN));
        refused(CLIENT, ExitCode.USR_NOT_FOUND, "verifreg1.caller_not_verifier",
                () -> reg.addVerifiedClient(root, client, MIN));
        refused(CLIENT, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg1.client_is_verifier",
                () -> reg.addVerifiedClient(verifier, other, MIN));
        refused(CLIENT, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg1.client_is_verifier",
                () -> reg.addVerifiedClient(verifier, verifier, MIN));
        refused(CLIENT, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg1.allowance_exceeds_verifier",
                () -> reg.addVerifiedClient(verifier, client, 2 * MIN + 1));
    }

    @Test
    void v1RefusesASecondAllowanceForTheSameClient() {
        assertEquals("v1", reg.regime().scenarioName());
        grant(10 * MIN, 2 * MIN);
        refused(CLIENT, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg1.client_already_verified",
                () -> reg.addVerifiedClient(verifier, client, MIN));
        assertEquals(8 * MIN, reg.verifierAllowance(verifier), "the refused grant took nothing from the verifier");
        assertEquals(2 * MIN, reg.clientBytes(client));
        Address second = c.newAccount(); // a client that needs more uses a new address
        reg.addVerifiedClient(verifier, second, MIN);
        assertEquals(MIN, reg.clientBytes(second));
    }

    @Test
    void v1TopupAddsToAnExistingClient() {
        reg = registry(Regime.V1_TOPUP);
        assertEquals("v1-topup", reg.regime().scenarioName());
        grant(10 * MIN, 2 * MIN);
        reg.addVerifiedClient(verifier, client, 3 * MIN);
        assertEquals(5 * MIN, reg.clientBytes(client));
        assertEquals(5 * MIN, reg.verifierAllowance(verifier));
        refused(CLIENT, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg1.allowance_exceeds_verifier",
                () -> reg.addVerifiedClient(verifier, client, 5 * MIN + 1));
        refused(CLIENT, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg1.allowance_below_minimum",
                () -> reg.addVerifiedClient(verifier, client, MIN - 1));
    }

    @Test
    void v1TopupStillKeepsVerifiersAndClientsApart() {
        reg = registry(Regime.V1_TOPUP);
        grant(10 * MIN, MIN);
        refused(ADD, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg1.verifier_is_client",
                () -> reg.addVerifier(root, client, MIN));
        refused(CLIENT, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg1.client_is_verifier",
                () -> reg.addVerifiedClient(verifier, verifier, MIN));
    }

    // ------------------------------------------------------------------ UseBytes / RestoreBytes
    @Test
    void useBytesSubtractsAndRemovesAClientLeftBelowOneMiB() {
        grant(100 * MIN, 4 * MIN);
        reg.useBytes(MARKET, client, MIN);
        assertEquals(3 * MIN, reg.clientBytes(client));
        reg.useBytes(MARKET, client, 2 * MIN); // exactly 1 MiB left: kept
        assertTrue(reg.isVerifiedClient(client));
        assertEquals(MIN, reg.clientBytes(client));
        reg.useBytes(MARKET, client, MIN); // nothing left: removed
        assertFalse(reg.isVerifiedClient(client));

        Address other = c.newAccount();
        reg.addVerifiedClient(verifier, other, 2 * MIN + 1);
        reg.useBytes(MARKET, other, MIN + 2); // MIN − 1 left: removed, the remainder is lost
        assertFalse(reg.isVerifiedClient(other));
        assertEquals(0, reg.clientBytes(other));
        refused(USE, ExitCode.USR_NOT_FOUND, "verifreg1.client_not_found", () -> reg.useBytes(MARKET, other, MIN));
    }

    @Test
    void aRemovedClientMayBeVerifiedAgainUnderV1() {
        grant(10 * MIN, MIN);
        reg.useBytes(MARKET, client, MIN);
        assertFalse(reg.isVerifiedClient(client));
        reg.addVerifiedClient(verifier, client, 2 * MIN);
        assertEquals(2 * MIN, reg.clientBytes(client));
        assertEquals(7 * MIN, reg.verifierAllowance(verifier));
    }

    @Test
    void useBytesRefusals() {
        grant(10 * MIN, 2 * MIN);
        refused(USE, ExitCode.USR_FORBIDDEN, "verifreg1.caller_not_market", () -> reg.useBytes(client, client, MIN));
        refused(USE, ExitCode.USR_FORBIDDEN, "verifreg1.caller_not_market", () -> reg.useBytes(root, client, MIN));
        refused(USE, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg1.deal_size_below_minimum",
                () -> reg.useBytes(MARKET, client, MIN - 1));
        refused(USE, ExitCode.USR_NOT_FOUND, "verifreg1.client_not_found", () -> reg.useBytes(MARKET, verifier, MIN));
        refused(USE, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg1.deal_size_exceeds_client",
                () -> reg.useBytes(MARKET, client, 2 * MIN + 1));
        reg.useBytes(MARKET, client, 2 * MIN); // all of it
        assertFalse(reg.isVerifiedClient(client));
    }

    @Test
    void restoreBytesAddsAndRecreatesARemovedClient() {
        grant(10 * MIN, 2 * MIN);
        reg.restoreBytes(MARKET, client, MIN);
        assertEquals(3 * MIN, reg.clientBytes(client));
        reg.useBytes(MARKET, client, 3 * MIN);
        assertFalse(reg.isVerifiedClient(client));
        reg.restoreBytes(MARKET, client, MIN);
        assertEquals(MIN, reg.clientBytes(client), "recreated");
        Address never = c.newAccount();
        reg.restoreBytes(MARKET, never, MIN); // any address that is not root or a verifier
        assertEquals(MIN, reg.clientBytes(never));
    }

    @Test
    void restoreBytesRefusals() {
        reg.addVerifier(root, verifier, 10 * MIN);
        refused(RESTORE, ExitCode.USR_FORBIDDEN, "verifreg1.caller_not_market",
                () -> reg.restoreBytes(verifier, client, MIN));
        refused(RESTORE, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg1.deal_size_below_minimum",
                () -> reg.restoreBytes(MARKET, client, MIN - 1));
        refused(RESTORE, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg1.client_is_root",
                () -> reg.restoreBytes(MARKET, root, MIN));
        refused(RESTORE, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg1.client_is_verifier",
                () -> reg.restoreBytes(MARKET, verifier, MIN));
    }

    @Test
    void aRefusedCallInsideAnOuterTransactionUndoesOnlyItself() {
        reg.addVerifier(root, verifier, 10 * MIN);
        c.transact("test.outer", root, () -> {
            reg.addVerifiedClient(verifier, client, 2 * MIN);
            assertThrows(ActorError.class, () -> reg.useBytes(MARKET, client, 3 * MIN));
            reg.useBytes(MARKET, client, MIN);
            return null;
        });
        assertEquals(MIN, reg.clientBytes(client));
        assertEquals(8 * MIN, reg.verifierAllowance(verifier));
        assertThrows(ActorError.class, () -> c.transact("test.outer", root, () -> {
            reg.useBytes(MARKET, client, MIN);
            throw ActorError.illegalState("test.fail", "the outer call fails after UseBytes");
        }));
        assertEquals(MIN, reg.clientBytes(client), "the outer failure reverted UseBytes");
    }

    // ------------------------------------------------------------------ through the storage market
    /**
     * The storage market's test fixture (a miner, its owner and worker, a funded client) on a fresh chain that this
     * test then uses, with a v1 registry on it installed as the market's hook.
     */
    final class MarketSetup {
        final StorageMarketTest t = new StorageMarketTest();
        final StorageMarket mk;
        final Miner m;
        final Address worker;

        MarketSetup() {
            t.setUp();
            c = t.c;
            root = c.rootKey();
            verifier = c.newAccount();
            client = t.client;
            reg = registry(Regime.V1);
            mk = t.mk;
            m = t.m;
            worker = t.worker;
            mk.setVerifiedDealHook(reg.marketHook());
        }

        /** The market test's next deal, verified, for {@code cl} and {@code size} bytes. */
        DealProposal verified(Address cl, long size) {
            DealProposal d = t.deal();
            return new DealProposal(cl, d.provider(), d.data(), size, d.startEpoch(), d.endEpoch(), d.pricePerEpoch(),
                    d.providerCollateral(), d.clientCollateral(), true);
        }

        void fund(DealProposal... deals) {
            for (DealProposal d : deals) {
                c.fil().endow(d.client(), d.clientBalanceRequirement());
                mk.addBalance(d.client(), d.client(), d.clientBalanceRequirement());
                mk.addBalance(t.owner, m.address(), d.providerCollateral());
            }
        }

        PublishResult publish(DealProposal... deals) {
            fund(deals);
            return mk.publishStorageDeals(worker, List.of(deals));
        }

        void timeOut() {
            long before = mk.timedOutDeals();
            c.advanceTo(10 * DAY + 1); // the chain's cron times the deal out the epoch after its start
            assertTrue(mk.timedOutDeals() > before);
        }
    }

    @Test
    void publishingAVerifiedDealUsesTheClientsBytesAndActivationLeavesThem() {
        MarketSetup s = new MarketSetup();
        grant(4 * GIB, 3 * GIB);
        PublishResult r = s.publish(s.verified(client, GIB));
        assertTrue(r.deals().allOk(), () -> r.deals().errors().toString());
        assertEquals(2 * GIB, reg.clientBytes(client));
        assertEquals(VerifiedDealHook.NO_ALLOCATION, s.mk.pendingAllocation(r.dealIds().get(0)));
        StorageMarket.ActivationResult a = s.mk.activateDeals(s.m.address(), 0, 300 * DAY, r.dealIds());
        assertEquals(GIB, a.verifiedDealSpace());
        assertEquals(BigInteger.valueOf(GIB).multiply(BigInteger.valueOf(200 * DAY)), a.verifiedDealWeight());
        assertEquals(2 * GIB, reg.clientBytes(client), "activation uses nothing more");
    }

    @Test
    void aVerifiedDealTheClientCannotCoverIsDroppedAlone() {
        MarketSetup s = new MarketSetup();
        grant(4 * GIB, GIB + GIB / 2);
        Address stranger = c.newAccount();
        PublishResult r = s.publish(s.verified(client, GIB), s.verified(client, GIB), s.verified(stranger, GIB));
        assertTrue(r.deals().ok(0));
        assertFalse(r.deals().ok(1));
        assertEquals("verifreg1.deal_size_exceeds_client", r.deals().errors().get(1).rule());
        assertEquals(ExitCode.USR_ILLEGAL_ARGUMENT, r.deals().errors().get(1).exitCode());
        assertFalse(r.deals().ok(2));
        assertEquals("verifreg1.client_not_found", r.deals().errors().get(2).rule());
        assertEquals(List.of(0L), r.dealIds());
        assertEquals(GIB / 2, reg.clientBytes(client), "only the published deal's bytes are used");
        assertEquals(s.mk.proposal(0).clientBalanceRequirement(), s.mk.locked(client));
    }

    @Test
    void aVerifiedDealOfAClientWithNoBytesIsRefusedWholeWhenAlone() {
        MarketSetup s = new MarketSetup();
        DealProposal d = s.verified(client, GIB);
        s.fund(d);
        String before = snapshot();
        ActorError e = assertThrows(ActorError.class, () -> s.mk.publishStorageDeals(s.worker, List.of(d)));
        assertEquals("market.all_deals_invalid", e.rule());
        assertTrue(e.getMessage().contains("verifreg1.client_not_found"), e::getMessage);
        assertEquals(before, snapshot());
    }

    @Test
    void aTimedOutVerifiedDealRestoresTheBytes() {
        MarketSetup s = new MarketSetup();
        grant(4 * GIB, 3 * GIB);
        s.publish(s.verified(client, GIB));
        assertEquals(2 * GIB, reg.clientBytes(client));
        s.timeOut();
        assertEquals(3 * GIB, reg.clientBytes(client), "RestoreBytes");
    }

    @Test
    void aTimeoutRecreatesAClientThatUseBytesRemoved() {
        MarketSetup s = new MarketSetup();
        grant(4 * GIB, GIB);
        s.publish(s.verified(client, GIB));
        assertFalse(reg.isVerifiedClient(client), "all bytes used: removed");
        s.timeOut();
        assertEquals(GIB, reg.clientBytes(client));
    }

    @Test
    void aRefusedRestoreBytesDoesNotStopTheTimeout() {
        MarketSetup s = new MarketSetup();
        grant(4 * GIB, GIB);
        s.publish(s.verified(client, GIB));
        reg.addVerifier(root, client, MIN); // removed as a client, so it may now become a verifier
        s.timeOut();
        assertEquals(1, s.mk.timedOutDeals(), "the deal timed out all the same");
        assertFalse(reg.isVerifiedClient(client), "RestoreBytes for a verifier is refused and ignored");
        assertEquals(BigInteger.ZERO, s.mk.locked(client));
    }
}
