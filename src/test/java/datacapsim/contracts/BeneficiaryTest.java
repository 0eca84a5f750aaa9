package datacapsim.contracts;

import static datacapsim.contracts.SlaTestKit.HUGE_QUOTA;
import static datacapsim.contracts.SlaTestKit.big;
import static datacapsim.contracts.SlaTestKit.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.chain.Address;
import datacapsim.chain.BeneficiaryTerm;
import datacapsim.chain.Chain;
import datacapsim.chain.ChainFixture;
import datacapsim.chain.ExitCode;
import datacapsim.chain.Fil;
import datacapsim.chain.Miner;
import datacapsim.chain.Policy;
import datacapsim.contracts.SlaTestKit.FakeClients;
import datacapsim.contracts.SlaTestKit.FakeLookup;
import datacapsim.contracts.SlaTestKit.FixedScorer;
import java.math.BigInteger;
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

/**
 * Beneficiary: the weighted score and its truncation, the bands and the split to the attoFIL, where the redirected
 * share goes (designed: burn address; deployed: retained), withdraw, acceptBeneficiary's checks, changeBeneficiary,
 * the admin setters, and the role × function matrix.
 */
class BeneficiaryTest {
    private Chain c;
    private EventLog ev;
    private Address admin;
    private Address manager;
    private Address withdrawer;
    private Address stranger;
    private Address funder;
    private Miner miner;
    private Address provider;
    private FakeClients clients;
    private FakeLookup lookup;
    private FixedScorer scorer;

    @BeforeEach
    void setUp() {
        c = ChainFixture.chain();
        ev = new EventLog(c, 1000);
        admin = c.newAccount();
        manager = c.newAccount();
        withdrawer = c.newAccount();
        stranger = c.newAccount();
        funder = c.newAccount();
        c.fil().endow(funder, Fil.fil(1_000_000));
        miner = c.createMiner(c.newAccount(), c.newAccount(), Policy.SECTOR_SIZE_32GIB);
        provider = miner.address();
        clients = new FakeClients(c);
        lookup = new FakeLookup(c);
        scorer = new FixedScorer(c);
    }

    private Beneficiary beneficiary(BeneficiaryPayoutRules rules) {
        Beneficiary b = new Beneficiary(c, ev, admin, manager, provider, lookup, Chain.BURN, clients, rules);
        b.grantRole(manager, Beneficiary.WITHDRAWER_ROLE, withdrawer);
        return b;
    }

    private Beneficiary beneficiary(Variant v) { return beneficiary(BeneficiaryPayoutRules.defaults(v)); }

    private Supplier<String> reads(Beneficiary b) { return () -> SlaTestKit.reads(b, admin, manager, withdrawer, stranger); }

    /** Adds a client of the provider with an active size and a fixed score. */
    private Address client(long size, long score) {
        Address cl = c.newAccount();
        clients.put(provider, cl, size);
        lookup.set(cl, provider, scorer);
        scorer.set(cl, provider, score);
        return cl;
    }

    private void pay(Beneficiary b, BigInteger amount) { c.send(funder, b.address(), amount); }

    /** FIL identities: received = paid + pending + burned + retained; balance = pending + retained. */
    private void assertAccounts(Beneficiary b) {
        assertEquals(b.received(), b.paidToSp().add(b.pending()).add(b.burned()).add(b.retained()), "received split");
        assertEquals(b.pending().add(b.retained()), c.fil().balance(b.address()), "contract balance");
    }

    // ------------------------------------------------------------------ construction
    @Test
    void constructionSetsRolesAndReads() {
        Beneficiary b = new Beneficiary(c, ev, admin, manager, provider, lookup, Chain.BURN, clients,
                BeneficiaryPayoutRules.defaults(Variant.DESIGNED));
        assertTrue(b.hasRole(Roles.DEFAULT_ADMIN, admin));
        assertTrue(b.hasRole(Beneficiary.MANAGER_ROLE, manager));
        assertTrue(b.hasRole(Beneficiary.WITHDRAWER_ROLE, manager));
        assertFalse(b.hasRole(Beneficiary.MANAGER_ROLE, admin));
        assertFalse(b.hasRole(Beneficiary.WITHDRAWER_ROLE, admin));
        assertEquals(Beneficiary.MANAGER_ROLE, b.roleAdmin(Beneficiary.WITHDRAWER_ROLE));
        assertEquals(Roles.DEFAULT_ADMIN, b.roleAdmin(Beneficiary.MANAGER_ROLE));
        assertEquals(provider, b.provider());
        assertEquals(Chain.BURN, b.burnAddress());
        assertEquals(lookup, b.slaAllocator());
        assertEquals(clients, b.clientContract());
        assertEquals(BigInteger.ZERO, b.received());
        assertEquals(BigInteger.ZERO, b.pending());
        assertEquals(-1, b.lastScore());
        assertEquals(0, b.receipts());
    }

    // ------------------------------------------------------------------ score
    @Test
    void threeEqualClientsScoring100_50_0GiveFloor49NotFifty() {
        Beneficiary b = beneficiary(Variant.DESIGNED);
        client(1, 100);
        client(1, 50);
        client(1, 0);
        // weight = floor(1e18 / 3) = 333333333333333333; terms floor(33.33…) = 33, floor(16.66…) = 16, 0
        assertEquals(49, b.currentScore());
        pay(b, big(1_000));
        assertEquals(49, b.lastScore());
        assertEquals(big(100), b.pending()); // low band: 10 %
        assertEquals(big(900), b.burned());
        assertAccounts(b);
    }

    @Test
    void twoClientsBothScoring80LandInTheMiddleBand() {
        Beneficiary b = beneficiary(Variant.DESIGNED);
        client(1, 80);
        client(2, 80);
        // weights 333333333333333333 and 666666666666666666: floor(26.66…) + floor(53.33…) = 26 + 53 = 79
        assertEquals(79, b.currentScore());
        pay(b, big(1_000));
        assertEquals(big(500), b.pending());
    }

    @Test
    void exactWeightsStillFloorEachTerm() {
        Beneficiary b = beneficiary(Variant.DESIGNED);
        client(Policy.TiB, 90);
        client(3 * Policy.TiB, 70);
        // weights exactly 0.25e18 and 0.75e18: floor(22.5) + floor(52.5) = 74 (the exact average is 75)
        assertEquals(74, b.currentScore());
        Beneficiary b2 = new Beneficiary(c, ev, admin, manager, c.newAccount(), lookup, Chain.BURN, clients,
                BeneficiaryPayoutRules.defaults(Variant.DESIGNED));
        assertEquals(100, b2.currentScore()); // a provider without clients
    }

    @Test
    void noActiveDataScores100() {
        Beneficiary b = beneficiary(Variant.DESIGNED);
        assertEquals(100, b.currentScore());
        client(0, 0);
        client(0, 10);
        assertEquals(100, b.currentScore());
        pay(b, big(1_000));
        assertEquals(big(1_000), b.pending());
        assertEquals(BigInteger.ZERO, b.burned());
        // a client with data and score 0 alone: 0
        client(5, 0);
        assertEquals(0, b.currentScore());
    }

    @Test
    void aClientWithoutRegistryOrWithAnUnknownSlaMakesTheReceiptRevert() {
        Beneficiary b = beneficiary(Variant.DESIGNED);
        client(10, 100);
        Address orphan = c.newAccount();
        clients.put(provider, orphan, 0); // no active data, but still scored
        ContractError e = refused(c, ev, reads(b), Beneficiary.NAME, "NoSLARegistry", () -> pay(b, big(1_000)));
        assertEquals(List.of(orphan, provider), e.args());
        lookup.set(orphan, provider, scorer); // a registry without an SLA for the pair
        refused(c, ev, reads(b), "FixedScorer", "SLAUnknown", () -> pay(b, big(1_000)));
        scorer.set(orphan, provider, 0);
        pay(b, big(1_000));
        assertEquals(big(1_000), b.pending()); // the orphan has no data: the weighted score is 100
    }

    @Test
    void realRegistryAndOracleFeedTheScore() {
        Address oracleKey = c.newAccount();
        SLIOracle oracle = new SLIOracle(c, ev, admin, oracleKey);
        SLARegistry registry = new SLARegistry(c, ev, Variant.DESIGNED, admin, oracle);
        Beneficiary b = beneficiary(Variant.DESIGNED);
        Address cl = c.newAccount();
        clients.put(provider, cl, 100);
        lookup.set(cl, provider, registry);
        registry.registerSLA(cl, cl, provider, new SlaParams(100, 0, 0, 0, 90, 0));
        assertEquals(0, b.currentScore()); // no attestation yet
        oracle.setSLI(oracleKey, provider, new SliAttestation(1, 50, 0, 0, 0, 89, 0));
        assertEquals(50, b.currentScore());
        oracle.setSLI(oracleKey, provider, new SliAttestation(2, 50, 0, 0, 0, 95, 0));
        assertEquals(100, b.currentScore());
    }

    // ------------------------------------------------------------------ bands and split
    static Stream<Arguments> bandEdges() {
        List<Arguments> out = new ArrayList<>();
        // amount 1e18 + 7: 10 % band redirects floor(a × 9 / 10), 50 % band floor(a / 2); the SP gets the rest
        for (Variant v : Variant.values()) {
            out.add(Arguments.of(v, 0L, "100000000000000001", "900000000000000006"));
            out.add(Arguments.of(v, 49L, "100000000000000001", "900000000000000006"));
            out.add(Arguments.of(v, 50L, "500000000000000004", "500000000000000003"));
            out.add(Arguments.of(v, 79L, "500000000000000004", "500000000000000003"));
            out.add(Arguments.of(v, 80L, "1000000000000000007", "0"));
            out.add(Arguments.of(v, 100L, "1000000000000000007", "0"));
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("bandEdges")
    void bandEdgesSplitToTheAttoFil(Variant v, long score, String toSp, String redirected) {
        Beneficiary b = beneficiary(v);
        client(1, score);
        BigInteger amount = new BigInteger("1000000000000000007");
        BigInteger burnBefore = c.fil().balance(Chain.BURN);
        pay(b, amount);
        assertEquals(score, b.lastScore());
        assertEquals(new BigInteger(toSp), b.pending());
        assertEquals(new BigInteger(redirected), b.redirected());
        assertEquals(amount, b.received());
        List<Beneficiary.RewardsCalculated> calc = ev.recent(Beneficiary.RewardsCalculated.class);
        assertEquals(List.of(new Beneficiary.RewardsCalculated(new BigInteger(toSp), new BigInteger(redirected), score,
                funder, amount)), calc);
        if (v == Variant.DESIGNED) {
            assertEquals(new BigInteger(redirected), b.burned());
            assertEquals(BigInteger.ZERO, b.retained());
            assertEquals(burnBefore.add(new BigInteger(redirected)), c.fil().balance(Chain.BURN));
            assertEquals(new BigInteger(toSp), c.fil().balance(b.address()));
        } else {
            assertEquals(BigInteger.ZERO, b.burned());
            assertEquals(new BigInteger(redirected), b.retained());
            assertEquals(burnBefore, c.fil().balance(Chain.BURN));
            assertEquals(amount, c.fil().balance(b.address()));
            assertEquals(0, ev.count(Beneficiary.RewardsBurned.class));
        }
        assertAccounts(b);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void roundingFavoursTheSp(Variant v) {
        Beneficiary b = beneficiary(v);
        Address cl = client(1, 49);
        pay(b, big(7)); // 10 %: redirect floor(63 / 10) = 6, SP 1
        assertEquals(big(1), b.pending());
        assertEquals(big(6), b.redirected());
        scorer.set(cl, provider, 50);
        pay(b, big(7)); // 50 %: redirect floor(7 / 2) = 3, SP 4
        assertEquals(big(5), b.pending());
        assertEquals(big(9), b.redirected());
        pay(b, big(1)); // 50 % of 1: redirect 0
        assertEquals(big(6), b.pending());
        pay(b, BigInteger.ZERO); // a zero receipt is split too
        assertEquals(4, b.receipts());
        assertEquals(big(15), b.received());
        assertAccounts(b);
    }

    @Test
    void designed_redirectedShareGoesToTheBurnAddressAtOnce() {
        Beneficiary b = beneficiary(Variant.DESIGNED);
        client(1, 10);
        pay(b, big(1_000));
        assertEquals(List.of(new Beneficiary.RewardsBurned(Chain.BURN, big(900))), ev.recent(Beneficiary.RewardsBurned.class));
        Address sink = c.newAccount();
        b.setBurnAddress(admin, sink);
        pay(b, big(1_000));
        assertEquals(big(900), c.fil().balance(sink));
        assertEquals(big(1_800), b.burned());
        // a burn address equal to the contract itself keeps the redirected share
        b.setBurnAddress(admin, b.address());
        pay(b, big(1_000));
        assertEquals(big(900), b.retained());
        assertEquals(big(1_800), b.burned());
        assertAccounts(b);
    }

    @Test
    void deployed_redirectedShareStaysInTheContractForGood() {
        Beneficiary b = beneficiary(Variant.DEPLOYED);
        client(1, 60);
        for (int i = 0; i < 3; i++) pay(b, big(1_001));
        assertEquals(big(3 * 500), b.retained()); // floor(1001 / 2) each time
        assertEquals(big(3 * 501), b.pending());
        assertEquals(big(3_003), c.fil().balance(b.address()));
        assertEquals(big(1_503), b.withdraw(manager, stranger));
        // withdrawing pays only the SP's share; the retained part has no way out
        assertEquals(big(1_500), c.fil().balance(b.address()));
        assertEquals(BigInteger.ZERO, b.withdraw(manager, stranger));
        assertEquals(big(1_500), c.fil().balance(b.address()));
        assertAccounts(b);
    }

    @Test
    void designed_aBurnAddressThatRefusesFilMakesTheReceiptRevert() {
        Beneficiary b = beneficiary(Variant.DESIGNED);
        client(1, 10);
        // another Beneficiary whose receipt reverts (its provider has a client without a registry)
        FakeClients others = new FakeClients(c);
        Address p2 = c.newAccount();
        others.put(p2, c.newAccount(), 1);
        Beneficiary sink = new Beneficiary(c, ev, admin, manager, p2, lookup, Chain.BURN, others,
                BeneficiaryPayoutRules.defaults(Variant.DESIGNED));
        b.setBurnAddress(admin, sink.address());
        refused(c, ev, reads(b), Beneficiary.NAME, "NoSLARegistry", () -> pay(b, big(1_000)));
    }

    @Test
    void payoutRulesAreParameters() {
        BeneficiaryPayoutRules r = new BeneficiaryPayoutRules(60, 90, 0, 2_500, 10_000,
                BeneficiaryPayoutRules.Redirect.SEND_TO_BURN_ADDRESS);
        Beneficiary b = beneficiary(r);
        Address cl = client(1, 59);
        pay(b, big(1_000));
        assertEquals(BigInteger.ZERO, b.pending());
        assertEquals(big(1_000), b.burned());
        scorer.set(cl, provider, 60);
        pay(b, big(1_000));
        assertEquals(big(250), b.pending());
        scorer.set(cl, provider, 89);
        pay(b, big(1_000));
        assertEquals(big(500), b.pending());
        scorer.set(cl, provider, 90);
        pay(b, big(1_000));
        assertEquals(big(1_500), b.pending());
        assertEquals(big(2_500), b.burned());
        assertEquals(r, b.rules());
        assertAccounts(b);
    }

    @Test
    void payoutRulesValidate() {
        var send = BeneficiaryPayoutRules.Redirect.SEND_TO_BURN_ADDRESS;
        assertThrows(IllegalArgumentException.class, () -> new BeneficiaryPayoutRules(-1, 80, 1_000, 5_000, 10_000, send));
        assertThrows(IllegalArgumentException.class, () -> new BeneficiaryPayoutRules(81, 80, 1_000, 5_000, 10_000, send));
        assertThrows(IllegalArgumentException.class, () -> new BeneficiaryPayoutRules(50, 80, -1, 5_000, 10_000, send));
        assertThrows(IllegalArgumentException.class, () -> new BeneficiaryPayoutRules(50, 80, 1_000, 10_001, 10_000, send));
        assertThrows(IllegalArgumentException.class, () -> new BeneficiaryPayoutRules(50, 80, 1_000, 5_000, 10_001, send));
        assertThrows(IllegalArgumentException.class, () -> new BeneficiaryPayoutRules(50, 80, 1_000, 5_000, 10_000, null));
        BeneficiaryPayoutRules d = BeneficiaryPayoutRules.defaults(Variant.DESIGNED);
        assertEquals(new BeneficiaryPayoutRules(50, 80, 1_000, 5_000, 10_000, send), d);
        assertEquals(BeneficiaryPayoutRules.Redirect.RETAIN_IN_CONTRACT, BeneficiaryPayoutRules.defaults(Variant.DEPLOYED).redirect());
    }

    // ------------------------------------------------------------------ withdraw
    @ParameterizedTest
    @EnumSource(Variant.class)
    void withdrawPaysTheAccumulatedShare(Variant v) {
        Beneficiary b = beneficiary(v);
        Address cl = client(1, 100);
        pay(b, big(1_000));
        scorer.set(cl, provider, 70);
        pay(b, big(1_000));
        Address sp = c.newAccount();
        assertEquals(big(1_500), b.withdraw(withdrawer, sp));
        assertEquals(big(1_500), c.fil().balance(sp));
        assertEquals(BigInteger.ZERO, b.pending());
        assertEquals(big(1_500), b.paidToSp());
        assertEquals(List.of(new Beneficiary.Withdrawn(sp, big(1_500))), ev.recent(Beneficiary.Withdrawn.class));
        // nothing pending: pays zero, no error
        assertEquals(BigInteger.ZERO, b.withdraw(manager, sp));
        assertEquals(big(1_500), c.fil().balance(sp));
        assertEquals(2, ev.count(Beneficiary.Withdrawn.class));
        assertAccounts(b);
    }

    @Test
    void withdrawToItselfIsAReceiptAgain() {
        Beneficiary b = beneficiary(Variant.DESIGNED);
        client(1, 60);
        pay(b, big(1_000));
        assertEquals(big(500), b.withdraw(manager, b.address()));
        assertEquals(big(250), b.pending()); // the 500 came back and was split again
        assertEquals(big(1_500), b.received());
        assertEquals(big(750), b.burned());
        assertAccounts(b);
    }

    @Test
    void withdrawalFailedWhenTheRecipientRefuses() {
        Beneficiary b = beneficiary(Variant.DESIGNED);
        client(1, 100);
        pay(b, big(1_000));
        FakeClients others = new FakeClients(c);
        Address p2 = c.newAccount();
        others.put(p2, c.newAccount(), 1);
        Beneficiary refusing = new Beneficiary(c, ev, admin, manager, p2, lookup, Chain.BURN, others,
                BeneficiaryPayoutRules.defaults(Variant.DESIGNED));
        refused(c, ev, reads(b), Beneficiary.NAME, "WithdrawalFailed", () -> b.withdraw(manager, refusing.address()));
        assertEquals(big(1_000), b.pending());
    }

    // ------------------------------------------------------------------ admin setters
    @Test
    void adminSetters() {
        Beneficiary b = beneficiary(Variant.DESIGNED);
        Address sink = c.newAccount();
        b.setBurnAddress(admin, sink);
        assertEquals(sink, b.burnAddress());
        assertEquals(List.of(new Beneficiary.BurnAddressUpdated(sink)), ev.recent(Beneficiary.BurnAddressUpdated.class));

        Address cl = client(1, 100);
        FixedScorer low = new FixedScorer(c).set(cl, provider, 10);
        FakeLookup lookup2 = new FakeLookup(c).set(cl, provider, low);
        b.setSLAAllocator(admin, lookup2);
        assertEquals(lookup2, b.slaAllocator());
        assertEquals(List.of(new Beneficiary.SLAAllocatorUpdated(lookup2.address())), ev.recent(Beneficiary.SLAAllocatorUpdated.class));
        assertEquals(10, b.currentScore());

        FakeClients clients2 = new FakeClients(c); // the provider has no client there
        b.setClientContract(admin, clients2);
        assertEquals(clients2, b.clientContract());
        assertEquals(List.of(new Beneficiary.ClientContractUpdated(clients2.address())),
                ev.recent(Beneficiary.ClientContractUpdated.class));
        assertEquals(100, b.currentScore());
    }

    // ------------------------------------------------------------------ roles
    @Test
    void roleManagement() {
        Beneficiary b = beneficiary(Variant.DESIGNED);
        Address w2 = c.newAccount();
        b.grantRole(manager, Beneficiary.WITHDRAWER_ROLE, w2);
        assertTrue(b.hasRole(Beneficiary.WITHDRAWER_ROLE, w2));
        b.revokeRole(manager, Beneficiary.WITHDRAWER_ROLE, w2);
        assertFalse(b.hasRole(Beneficiary.WITHDRAWER_ROLE, w2));
        Address m2 = c.newAccount();
        b.grantRole(admin, Beneficiary.MANAGER_ROLE, m2);
        b.grantRole(m2, Beneficiary.WITHDRAWER_ROLE, w2);
        assertTrue(b.hasRole(Beneficiary.WITHDRAWER_ROLE, w2));
        b.renounceRole(w2, Beneficiary.WITHDRAWER_ROLE);
        assertFalse(b.hasRole(Beneficiary.WITHDRAWER_ROLE, w2));
        b.revokeRole(admin, Beneficiary.MANAGER_ROLE, m2);
        refused(c, ev, reads(b), Beneficiary.NAME, "AccessControlUnauthorizedAccount",
                () -> b.grantRole(m2, Beneficiary.WITHDRAWER_ROLE, w2));
        // the admin administers the manager role, not the withdrawer role
        refused(c, ev, reads(b), Beneficiary.NAME, "AccessControlUnauthorizedAccount",
                () -> b.grantRole(admin, Beneficiary.WITHDRAWER_ROLE, admin));
    }

    /** A function of the matrix: name, the role it needs, and how to call it. */
    enum Fn {
        SET_BURN_ADDRESS(Roles.DEFAULT_ADMIN), SET_SLA_ALLOCATOR(Roles.DEFAULT_ADMIN), SET_CLIENT_CONTRACT(Roles.DEFAULT_ADMIN),
        CHANGE_BENEFICIARY(Roles.DEFAULT_ADMIN), GRANT_MANAGER(Roles.DEFAULT_ADMIN), REVOKE_MANAGER(Roles.DEFAULT_ADMIN),
        WITHDRAW(Beneficiary.WITHDRAWER_ROLE), GRANT_WITHDRAWER(Beneficiary.MANAGER_ROLE), REVOKE_WITHDRAWER(Beneficiary.MANAGER_ROLE);

        final String role;

        Fn(String role) { this.role = role; }
    }

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (Fn f : Fn.values())
            for (String who : List.of("admin", "manager", "withdrawer", "stranger", "provider"))
                if (!holds(who, f.role)) out.add(Arguments.of(f, who));
        return out.stream();
    }

    private static boolean holds(String who, String role) {
        return switch (who) {
            case "admin" -> role.equals(Roles.DEFAULT_ADMIN);
            case "manager" -> role.equals(Beneficiary.MANAGER_ROLE) || role.equals(Beneficiary.WITHDRAWER_ROLE);
            case "withdrawer" -> role.equals(Beneficiary.WITHDRAWER_ROLE);
            default -> false;
        };
    }

    /** Role × function: every gated function refuses each caller without its role, and nothing changes. */
    @ParameterizedTest
    @MethodSource("matrix")
    void roleMatrix(Fn f, String who) {
        Beneficiary b = beneficiary(Variant.DESIGNED);
        client(1, 100);
        pay(b, big(1_000));
        Address caller = switch (who) {
            case "admin" -> admin;
            case "manager" -> manager;
            case "withdrawer" -> withdrawer;
            case "stranger" -> stranger;
            case "provider" -> miner.owner();
            default -> throw new IllegalArgumentException(who);
        };
        ContractError e = refused(c, ev, reads(b), Beneficiary.NAME, "AccessControlUnauthorizedAccount", () -> {
            switch (f) {
                case SET_BURN_ADDRESS -> b.setBurnAddress(caller, stranger);
                case SET_SLA_ALLOCATOR -> b.setSLAAllocator(caller, new FakeLookup(c));
                case SET_CLIENT_CONTRACT -> b.setClientContract(caller, new FakeClients(c));
                case CHANGE_BENEFICIARY -> b.changeBeneficiary(caller, provider, miner.owner(), BigInteger.ZERO, 0);
                case GRANT_MANAGER -> b.grantRole(caller, Beneficiary.MANAGER_ROLE, stranger);
                case REVOKE_MANAGER -> b.revokeRole(caller, Beneficiary.MANAGER_ROLE, manager);
                case WITHDRAW -> b.withdraw(caller, caller);
                case GRANT_WITHDRAWER -> b.grantRole(caller, Beneficiary.WITHDRAWER_ROLE, stranger);
                case REVOKE_WITHDRAWER -> b.revokeRole(caller, Beneficiary.WITHDRAWER_ROLE, withdrawer);
            }
        });
        assertEquals(List.of(caller, f.role), e.args());
    }

    // ------------------------------------------------------------------ acceptBeneficiary
    private long fiveYears() { return c.epoch() + Beneficiary.EXPIRATION_5_YEARS; }

    @Test
    void acceptBeneficiaryByAnyone() {
        c.advanceTo(1_000);
        Beneficiary b = beneficiary(Variant.DESIGNED);
        miner.changeBeneficiary(miner.owner(), b.address(), HUGE_QUOTA, fiveYears() + 10);
        b.acceptBeneficiary(stranger, provider);
        assertEquals(b.address(), miner.beneficiary());
        assertEquals(new BeneficiaryTerm(HUGE_QUOTA, BigInteger.ZERO, fiveYears() + 10), miner.beneficiaryTerm());
        assertNull(miner.pendingBeneficiaryChange());
        assertEquals(List.of(new Beneficiary.BeneficiaryAccepted(provider, b.address())),
                ev.recent(Beneficiary.BeneficiaryAccepted.class));
    }

    @Test
    void acceptBeneficiaryEdgesOfQuotaAndExpiration() {
        c.advanceTo(1_000);
        Beneficiary b = beneficiary(Variant.DESIGNED);
        // quota one below the threshold
        miner.changeBeneficiary(miner.owner(), b.address(), Beneficiary.MIN_BENEFICIARY_QUOTA.subtract(BigInteger.ONE), fiveYears());
        refused(c, ev, reads(b), Beneficiary.NAME, "QuotaNotUnlimited", () -> b.acceptBeneficiary(stranger, provider));
        // expiration one epoch short of five years
        miner.changeBeneficiary(miner.owner(), b.address(), Beneficiary.MIN_BENEFICIARY_QUOTA, fiveYears() - 1);
        refused(c, ev, reads(b), Beneficiary.NAME, "ExpirationBelowFiveYears", () -> b.acceptBeneficiary(stranger, provider));
        // exactly the threshold quota and exactly five years: accepted
        miner.changeBeneficiary(miner.owner(), b.address(), Beneficiary.MIN_BENEFICIARY_QUOTA, fiveYears());
        b.acceptBeneficiary(stranger, provider);
        assertEquals(b.address(), miner.beneficiary());
    }

    @Test
    void acceptBeneficiaryErrors() {
        Beneficiary b = beneficiary(Variant.DESIGNED);
        refused(c, ev, reads(b), Beneficiary.NAME, "ExitCodeError", () -> b.acceptBeneficiary(stranger, stranger));
        refused(c, ev, reads(b), Beneficiary.NAME, "NoNewBeneficiaryProposed", () -> b.acceptBeneficiary(stranger, provider));
        Address other = c.newAccount();
        miner.changeBeneficiary(miner.owner(), other, HUGE_QUOTA, fiveYears() + 1);
        ContractError e = refused(c, ev, reads(b), Beneficiary.NAME, "InvalidNewBeneficiary",
                () -> b.acceptBeneficiary(stranger, provider));
        assertEquals(List.of(b.address(), other), e.args());
        // another Beneficiary instance is not this one either
        Beneficiary b2 = new Beneficiary(c, ev, admin, manager, provider, lookup, Chain.BURN, clients,
                BeneficiaryPayoutRules.defaults(Variant.DESIGNED));
        miner.changeBeneficiary(miner.owner(), b2.address(), HUGE_QUOTA, fiveYears() + 1);
        refused(c, ev, reads(b), Beneficiary.NAME, "InvalidNewBeneficiary", () -> b.acceptBeneficiary(stranger, provider));
    }

    @Test
    void acceptAgainWhileActive() {
        Beneficiary b = beneficiary(Variant.DESIGNED);
        long exp = fiveYears() + 100;
        miner.changeBeneficiary(miner.owner(), b.address(), HUGE_QUOTA, exp);
        b.acceptBeneficiary(stranger, provider);
        // a new proposal for the same contract: the quota may not drop below the remaining one ...
        miner.changeBeneficiary(miner.owner(), b.address(), HUGE_QUOTA.subtract(BigInteger.ONE), exp);
        refused(c, ev, reads(b), Beneficiary.NAME, "NewQuotaBelowActive", () -> b.acceptBeneficiary(stranger, provider));
        // ... nor the expiration move earlier
        miner.changeBeneficiary(miner.owner(), b.address(), HUGE_QUOTA, exp - 1);
        refused(c, ev, reads(b), Beneficiary.NAME, "NewExpirationBelowActive", () -> b.acceptBeneficiary(stranger, provider));
        miner.changeBeneficiary(miner.owner(), b.address(), HUGE_QUOTA, exp + 1);
        b.acceptBeneficiary(stranger, provider);
        assertEquals(exp + 1, miner.beneficiaryTerm().expiration());
        assertNull(miner.pendingBeneficiaryChange());
    }

    // ------------------------------------------------------------------ changeBeneficiary
    @Test
    void changeBeneficiaryApprovesAChangeAwayAsTheCurrentBeneficiary() {
        Beneficiary b = beneficiary(Variant.DESIGNED);
        SlaTestKit.install(c, miner, b);
        // the owner wants its rewards back: the current beneficiary (this contract) must approve
        miner.changeBeneficiary(miner.owner(), miner.owner(), BigInteger.ZERO, 0);
        assertEquals(b.address(), miner.beneficiary());
        b.changeBeneficiary(admin, provider, miner.owner(), BigInteger.ZERO, 0);
        assertEquals(miner.owner(), miner.beneficiary());
        assertEquals(List.of(new Beneficiary.BeneficiaryProposalSigned(provider, miner.owner(), BigInteger.ZERO, 0)),
                ev.recent(Beneficiary.BeneficiaryProposalSigned.class));
    }

    @Test
    void changeBeneficiaryErrorsCarryTheMinersExitCode() {
        Beneficiary b = beneficiary(Variant.DESIGNED);
        ContractError e = refused(c, ev, reads(b), Beneficiary.NAME, "ExitCodeError",
                () -> b.changeBeneficiary(admin, stranger, miner.owner(), BigInteger.ZERO, 0));
        assertEquals(List.of(ExitCode.USR_NOT_FOUND.code()), e.args());
        e = refused(c, ev, reads(b), Beneficiary.NAME, "ExitCodeError",
                () -> b.changeBeneficiary(admin, provider, miner.owner(), BigInteger.ZERO, 0));
        assertEquals(List.of(ExitCode.USR_FORBIDDEN.code()), e.args()); // nothing pending to approve
        SlaTestKit.install(c, miner, b);
        miner.changeBeneficiary(miner.owner(), miner.owner(), BigInteger.ZERO, 0);
        e = refused(c, ev, reads(b), Beneficiary.NAME, "ExitCodeError",
                () -> b.changeBeneficiary(admin, provider, miner.owner(), BigInteger.ONE, 0));
        assertEquals(List.of(ExitCode.USR_ILLEGAL_ARGUMENT.code()), e.args()); // terms differ from the proposal
    }
}
