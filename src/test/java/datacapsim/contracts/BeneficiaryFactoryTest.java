package datacapsim.contracts;

import static datacapsim.contracts.SlaTestKit.HUGE_QUOTA;
import static datacapsim.contracts.SlaTestKit.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.ChainFixture;
import datacapsim.chain.Fil;
import datacapsim.chain.Miner;
import datacapsim.chain.Policy;
import datacapsim.contracts.SlaTestKit.FakeClients;
import datacapsim.contracts.SlaTestKit.FakeLookup;
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

/** BeneficiaryFactory: create (who may, one per provider), the registry reads, and the deployed squatting. */
class BeneficiaryFactoryTest {
    private Chain c;
    private EventLog ev;
    private Address gov;
    private Address spAdmin;
    private Address spWithdrawer;
    private Address stranger;
    private Miner miner;
    private Address provider;
    private FakeLookup lookup;
    private FakeClients clients;

    @BeforeEach
    void setUp() {
        c = ChainFixture.chain();
        ev = new EventLog(c, 1000);
        gov = c.newAccount();
        spAdmin = c.newAccount();
        spWithdrawer = c.newAccount();
        stranger = c.newAccount();
        miner = c.createMiner(c.newAccount(), c.newAccount(), Policy.SECTOR_SIZE_32GIB);
        provider = miner.address();
        lookup = new FakeLookup(c);
        clients = new FakeClients(c);
    }

    private BeneficiaryFactory factory(Variant v) { return new BeneficiaryFactory(c, ev, v, gov, lookup); }

    private Supplier<String> reads(BeneficiaryFactory f) {
        return () -> {
            List<String> out = new ArrayList<>();
            for (var e : f.instances().entrySet()) out.add(e.getKey() + "->" + e.getValue().address());
            for (Address a : List.of(gov, spAdmin, stranger, miner.owner()))
                out.add(a + ":" + f.hasRole(Roles.DEFAULT_ADMIN, a) + "/" + f.hasRole(BeneficiaryFactory.GOVERNANCE_ROLE, a));
            return String.join(" ", out);
        };
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void createRegistersOneInstancePerProvider(Variant v) {
        BeneficiaryFactory f = factory(v);
        assertNull(f.instanceFor(provider));
        assertNull(f.instance(provider));
        Beneficiary b = f.create(gov, spAdmin, spWithdrawer, provider, clients);
        assertEquals(b.address(), f.instanceFor(provider));
        assertSame(b, f.instance(provider));
        assertTrue(f.isInstance(b.address()));
        assertFalse(f.isInstance(provider));
        assertEquals(1, f.instances().size());
        assertEquals(List.of(new BeneficiaryFactory.ProxyCreated(b.address(), provider, gov, spAdmin, spWithdrawer)),
                ev.recent(BeneficiaryFactory.ProxyCreated.class));
        // the instance: admin, withdrawer as manager and withdrawer, the factory's allocator, burn address and rules
        assertTrue(b.hasRole(Roles.DEFAULT_ADMIN, spAdmin));
        assertTrue(b.hasRole(Beneficiary.MANAGER_ROLE, spWithdrawer));
        assertTrue(b.hasRole(Beneficiary.WITHDRAWER_ROLE, spWithdrawer));
        assertFalse(b.hasRole(Roles.DEFAULT_ADMIN, gov));
        assertEquals(provider, b.provider());
        assertSame(lookup, b.slaAllocator());
        assertSame(clients, b.clientContract());
        assertEquals(Chain.BURN, b.burnAddress());
        assertEquals(BeneficiaryPayoutRules.defaults(v), b.rules());
        // a second instance for the provider is refused, whoever asks
        refused(c, ev, reads(f), BeneficiaryFactory.NAME, "InstanceAlreadyExists",
                () -> f.create(gov, spAdmin, spWithdrawer, provider, clients));
        refused(c, ev, reads(f), BeneficiaryFactory.NAME, "InstanceAlreadyExists",
                () -> f.create(gov, stranger, stranger, provider, new FakeClients(c)));
        // another provider gets its own
        Address p2 = c.newAccount();
        Beneficiary b2 = f.create(gov, spAdmin, spWithdrawer, p2, clients);
        assertEquals(b2.address(), f.instanceFor(p2));
        assertEquals(2, f.instances().size());
    }

    @Test
    void isInstanceOnlyForTheFactorysOwn() {
        BeneficiaryFactory f = factory(Variant.DESIGNED);
        Beneficiary standalone = new Beneficiary(c, ev, spAdmin, spWithdrawer, provider, lookup, Chain.BURN, clients,
                BeneficiaryPayoutRules.defaults(Variant.DESIGNED));
        assertFalse(f.isInstance(standalone.address()));
        assertNull(f.instanceFor(provider));
        BeneficiaryRegistry registry = f;
        assertEquals(f.address(), registry.address());
    }

    @Test
    void factoryParametersReachTheInstances() {
        Address sink = c.newAccount();
        BeneficiaryPayoutRules rules = new BeneficiaryPayoutRules(40, 70, 2_000, 6_000, 10_000,
                BeneficiaryPayoutRules.Redirect.RETAIN_IN_CONTRACT);
        BeneficiaryFactory f = new BeneficiaryFactory(c, ev, Variant.DESIGNED, gov, lookup, sink, rules);
        Beneficiary b = f.create(gov, spAdmin, spWithdrawer, provider, clients);
        assertEquals(sink, b.burnAddress());
        assertEquals(rules, b.rules());
        assertEquals(sink, f.burnAddress());
        assertEquals(rules, f.rules());
        assertSame(lookup, f.slaAllocator());
        assertEquals(Variant.DESIGNED, f.variant());
    }

    static Stream<Arguments> designedCreatorsWithoutRole() {
        return Stream.of("stranger", "spAdmin", "minerOwner", "minerItself").map(Arguments::of);
    }

    /** Role × function (designed): create refuses everyone without GOVERNANCE_ROLE, the provider's owner included. */
    @ParameterizedTest
    @MethodSource("designedCreatorsWithoutRole")
    void designed_onlyGovernanceCreates(String who) {
        BeneficiaryFactory f = factory(Variant.DESIGNED);
        Address caller = switch (who) {
            case "stranger" -> stranger;
            case "spAdmin" -> spAdmin;
            case "minerOwner" -> miner.owner();
            case "minerItself" -> provider;
            default -> throw new IllegalArgumentException(who);
        };
        ContractError e = refused(c, ev, reads(f), BeneficiaryFactory.NAME, "AccessControlUnauthorizedAccount",
                () -> f.create(caller, caller, caller, provider, clients));
        assertEquals(List.of(caller, BeneficiaryFactory.GOVERNANCE_ROLE), e.args());
        assertNull(f.instanceFor(provider));
    }

    @Test
    void governanceRoleManagement() {
        BeneficiaryFactory f = factory(Variant.DESIGNED);
        Address gov2 = c.newAccount();
        f.grantRole(gov, BeneficiaryFactory.GOVERNANCE_ROLE, gov2);
        assertTrue(f.hasRole(BeneficiaryFactory.GOVERNANCE_ROLE, gov2));
        f.create(gov2, spAdmin, spWithdrawer, provider, clients);
        f.revokeRole(gov, BeneficiaryFactory.GOVERNANCE_ROLE, gov2);
        assertFalse(f.hasRole(BeneficiaryFactory.GOVERNANCE_ROLE, gov2));
        refused(c, ev, reads(f), BeneficiaryFactory.NAME, "AccessControlUnauthorizedAccount",
                () -> f.create(gov2, spAdmin, spWithdrawer, c.newAccount(), clients));
        f.renounceRole(gov, BeneficiaryFactory.GOVERNANCE_ROLE);
        refused(c, ev, reads(f), BeneficiaryFactory.NAME, "AccessControlUnauthorizedAccount",
                () -> f.create(gov, spAdmin, spWithdrawer, c.newAccount(), clients));
        // role management needs DEFAULT_ADMIN_ROLE
        refused(c, ev, reads(f), BeneficiaryFactory.NAME, "AccessControlUnauthorizedAccount",
                () -> f.grantRole(stranger, BeneficiaryFactory.GOVERNANCE_ROLE, stranger));
        refused(c, ev, reads(f), BeneficiaryFactory.NAME, "AccessControlUnauthorizedAccount",
                () -> f.revokeRole(gov2, BeneficiaryFactory.GOVERNANCE_ROLE, gov));
    }

    @Test
    void deployed_anyoneCreatesForAnyProviderAndTheSpIsStuck() {
        BeneficiaryFactory f = factory(Variant.DEPLOYED);
        // a squatter takes the provider's only instance, with itself as admin and withdrawer
        Beneficiary squat = f.create(stranger, stranger, stranger, provider, clients);
        assertEquals(squat.address(), f.instanceFor(provider));
        assertTrue(squat.hasRole(Roles.DEFAULT_ADMIN, stranger));
        // the real SP cannot get its own instance
        refused(c, ev, reads(f), BeneficiaryFactory.NAME, "InstanceAlreadyExists",
                () -> f.create(miner.owner(), miner.owner(), miner.owner(), provider, clients));
        // the registry's instance for its miner is the squatter's: if the SP sets it as beneficiary (the SLA contracts
        // require the registry's instance), the rewards it receives are the squatter's to withdraw
        c.fil().endow(miner.owner(), Fil.fil(10));
        miner.changeBeneficiary(miner.owner(), squat.address(), HUGE_QUOTA, c.epoch() + Beneficiary.EXPIRATION_5_YEARS);
        squat.acceptBeneficiary(miner.owner(), provider);
        c.send(miner.owner(), squat.address(), BigInteger.TEN); // stands for a miner withdrawal (score 100, no clients)
        Supplier<String> squatReads = () -> SlaTestKit.reads(squat, stranger, miner.owner());
        refused(c, ev, squatReads, Beneficiary.NAME, "AccessControlUnauthorizedAccount",
                () -> squat.withdraw(miner.owner(), miner.owner()));
        refused(c, ev, squatReads, Beneficiary.NAME, "AccessControlUnauthorizedAccount",
                () -> squat.changeBeneficiary(miner.owner(), provider, miner.owner(), BigInteger.ZERO, 0));
        assertEquals(BigInteger.TEN, squat.withdraw(stranger, stranger));
        assertEquals(BigInteger.TEN, c.fil().balance(stranger));
    }

    @Test
    void designed_aRefusedCreateLeavesNoInstance() {
        BeneficiaryFactory f = factory(Variant.DESIGNED);
        refused(c, ev, reads(f), BeneficiaryFactory.NAME, "AccessControlUnauthorizedAccount",
                () -> f.create(stranger, stranger, stranger, provider, clients));
        assertTrue(f.instances().isEmpty());
        assertEquals(0, ev.count(BeneficiaryFactory.ProxyCreated.class));
        // governance then creates it for the SP
        Beneficiary b = f.create(gov, miner.owner(), miner.owner(), provider, clients);
        assertEquals(b.address(), f.instanceFor(provider));
    }
}
