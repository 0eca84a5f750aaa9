package datacapsim.contracts;

import static datacapsim.contracts.SlaTestKit.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.ChainFixture;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SLIOracle: setSLI by the oracle role, reads, role management, and the attestation's field widths. */
class SLIOracleTest {
    private Chain c;
    private EventLog ev;
    private Address admin;
    private Address oracleKey;
    private Address stranger;
    private Address provider;
    private SLIOracle o;

    @BeforeEach
    void setUp() {
        c = ChainFixture.chain();
        ev = new EventLog(c, 1000);
        admin = c.newAccount();
        oracleKey = c.newAccount();
        stranger = c.newAccount();
        provider = c.newAccount();
        o = new SLIOracle(c, ev, admin, oracleKey);
    }

    private Supplier<String> reads() {
        return () -> o.attestations() + " " + List.of(admin, oracleKey, stranger).stream()
                .map(a -> a + ":" + o.hasRole(Roles.DEFAULT_ADMIN, a) + "/" + o.hasRole(SLIOracle.ORACLE_ROLE, a)).toList();
    }

    private static SliAttestation att(long t, long latency, int availability) {
        return new SliAttestation(t, latency, 3, 4, 5, availability, 7);
    }

    @Test
    void initialRolesAndEmptyReads() {
        assertTrue(o.hasRole(Roles.DEFAULT_ADMIN, admin));
        assertTrue(o.hasRole(SLIOracle.ORACLE_ROLE, oracleKey));
        assertFalse(o.hasRole(SLIOracle.ORACLE_ROLE, admin));
        assertEquals(SliAttestation.NONE, o.attestation(provider));
        assertFalse(o.attestation(provider).present());
        assertTrue(o.attestations().isEmpty());
    }

    @Test
    void setSliStoresAndOverwrites() {
        SliAttestation a = att(10, 200, 99);
        o.setSLI(oracleKey, provider, a);
        assertEquals(a, o.attestation(provider));
        assertTrue(o.attestation(provider).present());
        assertEquals(List.of(new SLIOracle.SLIAttestationUpdate(provider, a)), ev.recent(SLIOracle.SLIAttestationUpdate.class));
        SliAttestation b = att(20, 900, 10);
        o.setSLI(oracleKey, provider, b);
        assertEquals(b, o.attestation(provider));
        assertEquals(1, o.attestations().size());
        assertEquals(2, ev.count(SLIOracle.SLIAttestationUpdate.class));
        // another provider is independent
        Address p2 = c.newAccount();
        assertEquals(SliAttestation.NONE, o.attestation(p2));
        // an attestation with lastUpdate 0 is stored as given (the registry then treats it as absent)
        o.setSLI(oracleKey, p2, att(0, 1, 1));
        assertFalse(o.attestation(p2).present());
    }

    static Stream<Arguments> setSliCallersWithoutRole() {
        return Stream.of(Arguments.of("admin"), Arguments.of("stranger"), Arguments.of("provider"));
    }

    static Stream<Arguments> roleManagementCallersWithoutRole() {
        return Stream.of(Arguments.of("oracle"), Arguments.of("stranger"), Arguments.of("provider"));
    }

    private Address who(String name) {
        return switch (name) {
            case "admin" -> admin;
            case "oracle" -> oracleKey;
            case "stranger" -> stranger;
            case "provider" -> provider;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Role × function: setSLI refuses every caller without ORACLE_ROLE, the admin included. */
    @ParameterizedTest
    @MethodSource("setSliCallersWithoutRole")
    void setSliRefusesCallersWithoutTheRole(String who) {
        Address caller = who(who);
        o.setSLI(oracleKey, provider, att(1, 1, 1));
        refused(c, ev, reads(), SLIOracle.NAME, "AccessControlUnauthorizedAccount",
                () -> o.setSLI(caller, provider, att(2, 2, 2)));
        assertEquals(att(1, 1, 1), o.attestation(provider));
    }

    @Test
    void roleManagement() {
        Address second = c.newAccount();
        o.grantRole(admin, SLIOracle.ORACLE_ROLE, second);
        assertTrue(o.hasRole(SLIOracle.ORACLE_ROLE, second));
        o.setSLI(second, provider, att(5, 5, 5));
        assertEquals(att(5, 5, 5), o.attestation(provider));
        o.revokeRole(admin, SLIOracle.ORACLE_ROLE, second);
        assertFalse(o.hasRole(SLIOracle.ORACLE_ROLE, second));
        refused(c, ev, reads(), SLIOracle.NAME, "AccessControlUnauthorizedAccount", () -> o.setSLI(second, provider, att(6, 6, 6)));
        o.renounceRole(oracleKey, SLIOracle.ORACLE_ROLE);
        assertFalse(o.hasRole(SLIOracle.ORACLE_ROLE, oracleKey));
        refused(c, ev, reads(), SLIOracle.NAME, "AccessControlUnauthorizedAccount", () -> o.setSLI(oracleKey, provider, att(7, 7, 7)));
    }

    /** Role × function: grantRole and revokeRole refuse every caller without DEFAULT_ADMIN_ROLE. */
    @ParameterizedTest
    @MethodSource("roleManagementCallersWithoutRole")
    void roleManagementRefusesNonAdmins(String who) {
        Address caller = who(who);
        refused(c, ev, reads(), SLIOracle.NAME, "AccessControlUnauthorizedAccount",
                () -> o.grantRole(caller, SLIOracle.ORACLE_ROLE, stranger));
        refused(c, ev, reads(), SLIOracle.NAME, "AccessControlUnauthorizedAccount",
                () -> o.revokeRole(caller, SLIOracle.ORACLE_ROLE, oracleKey));
        assertTrue(o.hasRole(SLIOracle.ORACLE_ROLE, oracleKey));
    }

    @Test
    void attestationFieldWidths() {
        // the widest values of each field are accepted
        new SliAttestation(Long.MAX_VALUE, 0xFFFF_FFFFL, 65_535, 65_535, 65_535, 255, 255);
        assertThrows(IllegalArgumentException.class, () -> new SliAttestation(-1, 0, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SliAttestation(1, 0x1_0000_0000L, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SliAttestation(1, -1, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SliAttestation(1, 0, 65_536, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SliAttestation(1, 0, 0, 65_536, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SliAttestation(1, 0, 0, 0, 65_536, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SliAttestation(1, 0, 0, 0, 0, 256, 0));
        assertThrows(IllegalArgumentException.class, () -> new SliAttestation(1, 0, 0, 0, 0, 0, 256));
        assertThrows(IllegalArgumentException.class, () -> new SliAttestation(1, 0, 0, 0, 0, 0, -1));
    }
}
