package datacapsim.contracts;

import static datacapsim.contracts.SlaTestKit.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.ChainFixture;
import datacapsim.chain.Miner;
import datacapsim.chain.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** SLARegistry: registerSLA (who, once, immutable) and score (each SLI's direction, exclusions, floors, reverts). */
class SLARegistryTest {
    private Chain c;
    private EventLog ev;
    private Address admin;
    private Address oracleKey;
    private SLIOracle oracle;
    private Miner miner;
    private Address provider;
    private Address client;
    private Address client2;
    private Address stranger;

    @BeforeEach
    void setUp() {
        c = ChainFixture.chain();
        ev = new EventLog(c, 1000);
        admin = c.newAccount();
        oracleKey = c.newAccount();
        oracle = new SLIOracle(c, ev, admin, oracleKey);
        miner = c.createMiner(c.newAccount(), c.newAccount(), Policy.SECTOR_SIZE_32GIB);
        provider = miner.address();
        client = c.newAccount();
        client2 = c.newAccount();
        stranger = c.newAccount();
    }

    private SLARegistry registry(Variant v) { return new SLARegistry(c, ev, v, admin, oracle); }

    private static Supplier<String> reads(SLARegistry r, List<Address> clients, List<Address> providers) {
        return () -> {
            List<String> out = new ArrayList<>();
            out.add("count=" + r.registeredCount());
            for (Address cl : clients) for (Address p : providers) out.add(cl + "/" + p + "=" + r.sla(cl, p));
            return String.join(" ", out);
        };
    }

    private Supplier<String> reads(SLARegistry r) { return reads(r, List.of(client, client2, stranger), List.of(provider, stranger)); }

    private void attest(Address p, long latency, int retention, int bandwidth, int stability, int availability, int indexing) {
        oracle.setSLI(oracleKey, p, new SliAttestation(c.epoch() + 1, latency, retention, bandwidth, stability, availability, indexing));
    }

    // ------------------------------------------------------------------ registerSLA
    @ParameterizedTest
    @EnumSource(Variant.class)
    void clientRegistersOnce(Variant v) {
        SLARegistry r = registry(v);
        SlaParams p = new SlaParams(500, 1, 2, 3, 90, 80);
        assertFalse(r.isRegistered(client, provider));
        r.registerSLA(client, client, provider, p);
        assertTrue(r.isRegistered(client, provider));
        assertEquals(p, r.sla(client, provider));
        assertEquals(1, r.registeredCount());
        assertEquals(List.of(new SLARegistry.SLARegistered(client, provider, p)), ev.recent(SLARegistry.SLARegistered.class));
        // the same client with another provider, another client with the same provider: separate pairs
        r.registerSLA(client, client, stranger, p);
        r.registerSLA(client2, client2, provider, new SlaParams(1, 0, 0, 0, 0, 0));
        assertEquals(3, r.registeredCount());
        assertEquals(p, r.sla(client, provider));
        // immutable: a second registration of the pair is refused, the first stays
        refused(c, ev, reads(r), SLARegistry.NAME, "SLAAlreadyRegistered",
                () -> r.registerSLA(client, client, provider, new SlaParams(1, 1, 1, 1, 1, 1)));
        refused(c, ev, reads(r), SLARegistry.NAME, "SLAAlreadyRegistered", () -> r.registerSLA(client, client, provider, p));
        assertEquals(p, r.sla(client, provider));
    }

    @Test
    void designed_theMinersOwnerMayRegisterForTheClient() {
        SLARegistry r = registry(Variant.DESIGNED);
        SlaParams p = new SlaParams(0, 0, 0, 0, 95, 0);
        r.registerSLA(miner.owner(), client, provider, p);
        assertEquals(p, r.sla(client, provider));
        // once per pair, whoever registered first
        refused(c, ev, reads(r), SLARegistry.NAME, "SLAAlreadyRegistered", () -> r.registerSLA(client, client, provider, p));
        refused(c, ev, reads(r), SLARegistry.NAME, "SLAAlreadyRegistered", () -> r.registerSLA(miner.owner(), client, provider, p));
        // the owner of this miner is no owner of another provider
        refused(c, ev, reads(r), SLARegistry.NAME, "UnauthorizedCaller", () -> r.registerSLA(miner.owner(), client, stranger, p));
    }

    @Test
    void deployed_theMinersOwnerIsRefused() {
        SLARegistry r = registry(Variant.DEPLOYED);
        ContractError e = refused(c, ev, reads(r), SLARegistry.NAME, "UnauthorizedCaller",
                () -> r.registerSLA(miner.owner(), client, provider, new SlaParams(0, 0, 0, 0, 95, 0)));
        assertTrue(e.args().isEmpty());
        assertNull(r.sla(client, provider));
    }

    static Stream<Arguments> registerCallersWithoutPermission() {
        List<Arguments> out = new ArrayList<>();
        for (Variant v : Variant.values())
            for (String who : List.of("stranger", "worker", "admin", "oracle", "otherClient", "minerItself")) out.add(Arguments.of(v, who));
        out.add(Arguments.of(Variant.DEPLOYED, "owner"));
        return out.stream();
    }

    /** Role × function: registerSLA refuses everyone but the client (designed: and the provider's owner). */
    @ParameterizedTest
    @MethodSource("registerCallersWithoutPermission")
    void registerRefusesOtherCallers(Variant v, String who) {
        SLARegistry r = registry(v);
        Address caller = switch (who) {
            case "stranger" -> stranger;
            case "worker" -> miner.worker();
            case "admin" -> admin;
            case "oracle" -> oracleKey;
            case "otherClient" -> client2;
            case "minerItself" -> provider;
            case "owner" -> miner.owner();
            default -> throw new IllegalArgumentException(who);
        };
        refused(c, ev, reads(r), SLARegistry.NAME, "UnauthorizedCaller",
                () -> r.registerSLA(caller, client, provider, new SlaParams(1, 1, 1, 1, 1, 1)));
    }

    // ------------------------------------------------------------------ score
    @Test
    void unknownPairReverts() {
        SLARegistry r = registry(Variant.DESIGNED);
        ContractError e = refused(c, ev, reads(r), SLARegistry.NAME, "SLAUnknown", () -> r.score(client, provider));
        assertEquals(List.of(client, provider), e.args());
        r.registerSLA(client, client, provider, new SlaParams(100, 0, 0, 0, 0, 0));
        attest(provider, 1, 1, 1, 1, 1, 1);
        // the reversed pair and other pairs stay unknown
        refused(c, ev, reads(r), SLARegistry.NAME, "SLAUnknown", () -> r.score(provider, client));
        refused(c, ev, reads(r), SLARegistry.NAME, "SLAUnknown", () -> r.score(client2, provider));
        refused(c, ev, reads(r), SLARegistry.NAME, "SLAUnknown", () -> r.score(client, stranger));
        assertEquals(100, r.score(client, provider));
    }

    @Test
    void noAttestationScoresZero() {
        SLARegistry r = registry(Variant.DESIGNED);
        r.registerSLA(client, client, provider, new SlaParams(100, 0, 0, 0, 0, 0));
        assertEquals(0, r.score(client, provider));
        // an attestation of another provider does not count
        attest(stranger, 1, 1, 1, 1, 1, 1);
        assertEquals(0, r.score(client, provider));
        // an attestation with lastUpdate 0 counts as none, even when it would meet the SLA
        oracle.setSLI(oracleKey, provider, new SliAttestation(0, 1, 0, 0, 0, 0, 0));
        assertEquals(0, r.score(client, provider));
        attest(provider, 1, 0, 0, 0, 0, 0);
        assertEquals(100, r.score(client, provider));
    }

    @Test
    void latencyIsMetAtOrBelowTheThreshold() {
        SLARegistry r = registry(Variant.DESIGNED);
        r.registerSLA(client, client, provider, new SlaParams(100, 0, 0, 0, 0, 0));
        attest(provider, 99, 0, 0, 0, 0, 0);
        assertEquals(100, r.score(client, provider));
        attest(provider, 100, 0, 0, 0, 0, 0);
        assertEquals(100, r.score(client, provider));
        attest(provider, 101, 0, 0, 0, 0, 0);
        assertEquals(0, r.score(client, provider));
        attest(provider, 0, 0, 0, 0, 0, 0); // a measured latency of 0 meets any latency SLA
        assertEquals(100, r.score(client, provider));
    }

    /** Each "at least" SLI: threshold 50 is met by 50 and 51, not by 49. Index: 0 retention .. 4 indexing. */
    @ParameterizedTest
    @MethodSource("atLeastSlis")
    void otherSlisAreMetAtOrAboveTheThreshold(String sli, int index) {
        SLARegistry r = registry(Variant.DESIGNED);
        int[] t = new int[5];
        t[index] = 50;
        r.registerSLA(client, client, provider, new SlaParams(0, t[0], t[1], t[2], t[3], t[4]));
        for (int[] measuredAndScore : new int[][] {{49, 0}, {50, 100}, {51, 100}, {0, 0}}) {
            int[] m = new int[5];
            m[index] = measuredAndScore[0];
            attest(provider, 1_000_000, m[0], m[1], m[2], m[3], m[4]);
            assertEquals(measuredAndScore[1], r.score(client, provider), sli + " measured " + measuredAndScore[0]);
        }
    }

    static Stream<Arguments> atLeastSlis() {
        return Stream.of(Arguments.of("retention", 0), Arguments.of("bandwidth", 1), Arguments.of("stability", 2),
                Arguments.of("availability", 3), Arguments.of("indexing", 4));
    }

    @Test
    void zeroThresholdsAreNotPartOfTheSla() {
        SLARegistry r = registry(Variant.DESIGNED);
        r.registerSLA(client, client, provider, new SlaParams(100, 0, 0, 0, 90, 0));
        // retention, bandwidth, stability and indexing measured 0 would fail any threshold; they are not counted
        attest(provider, 50, 0, 0, 0, 95, 0);
        assertEquals(100, r.score(client, provider));
        attest(provider, 50, 0, 0, 0, 89, 0);
        assertEquals(50, r.score(client, provider));
        attest(provider, 150, 0, 0, 0, 89, 0);
        assertEquals(0, r.score(client, provider));
    }

    @Test
    void scoreIsFlooredPercentOfDefinedSlisMet() {
        SLARegistry r = registry(Variant.DESIGNED);
        r.registerSLA(client, client, provider, new SlaParams(100, 10, 0, 0, 90, 0)); // 3 defined
        attest(provider, 100, 10, 0, 0, 89, 0);
        assertEquals(66, r.score(client, provider)); // floor(200 / 3)
        attest(provider, 100, 9, 0, 0, 89, 0);
        assertEquals(33, r.score(client, provider)); // floor(100 / 3)
        r.registerSLA(client2, client2, provider, new SlaParams(100, 10, 20, 30, 90, 80)); // 6 defined
        attest(provider, 100, 10, 20, 30, 90, 79);
        assertEquals(83, r.score(client2, provider)); // floor(500 / 6)
        attest(provider, 101, 9, 19, 29, 89, 80);
        assertEquals(16, r.score(client2, provider)); // floor(100 / 6)
        attest(provider, 101, 9, 19, 29, 89, 79);
        assertEquals(0, r.score(client2, provider));
        attest(provider, 1, 65_535, 65_535, 65_535, 255, 255);
        assertEquals(100, r.score(client2, provider));
    }

    @Test
    void anSlaDefiningNothingRevertsOnceAttested() {
        SLARegistry r = registry(Variant.DESIGNED);
        r.registerSLA(client, client, provider, new SlaParams(0, 0, 0, 0, 0, 0));
        assertTrue(r.isRegistered(client, provider));
        assertEquals(0, r.score(client, provider)); // no attestation yet: 0 before the division
        attest(provider, 1, 1, 1, 1, 1, 1);
        ContractError e = refused(c, ev, reads(r), SLARegistry.NAME, "Panic", () -> r.score(client, provider));
        assertEquals(List.of(SLARegistry.PANIC_DIVISION_BY_ZERO), e.args());
    }

    @Test
    void slaParamWidths() {
        new SlaParams(0xFFFF_FFFFL, 65_535, 65_535, 65_535, 255, 255);
        assertThrows(IllegalArgumentException.class, () -> new SlaParams(0x1_0000_0000L, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SlaParams(-1, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SlaParams(0, 65_536, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SlaParams(0, 0, 65_536, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SlaParams(0, 0, 0, 65_536, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SlaParams(0, 0, 0, 0, 256, 0));
        assertThrows(IllegalArgumentException.class, () -> new SlaParams(0, 0, 0, 0, 0, 256));
        assertEquals(0, new SlaParams(0, 0, 0, 0, 0, 0).defined());
        assertEquals(6, new SlaParams(1, 1, 1, 1, 1, 1).defined());
    }

    @Test
    void readsAndInterface() {
        SLARegistry r = registry(Variant.DEPLOYED);
        assertEquals(Variant.DEPLOYED, r.variant());
        assertEquals(admin, r.admin());
        assertEquals(oracle, r.oracle());
        SlaScorer s = r;
        assertEquals(r.address(), s.address());
        assertNull(r.sla(client, provider));
        assertEquals(0, r.registeredCount());
    }
}
