package datacapsim.contracts;

import static datacapsim.contracts.SlaTestKit.big;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.Fil;
import datacapsim.chain.Miner;
import datacapsim.chain.Policy;
import datacapsim.contracts.SlaTestKit.FakeClients;
import datacapsim.contracts.SlaTestKit.FakeLookup;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End to end: a miner earning rewards, its Beneficiary from the factory accepted as beneficiary, the owner's
 * withdrawals split by the SLA score (real SLIOracle and SLARegistry), the SP's withdrawals; and FIL conservation over
 * random sequences at fixed seeds: miner withdrawals = paid to the SP + burned + retained + pending, exactly.
 */
class SlaPayoutConservationTest {
    private static final long DAY = Policy.EPOCHS_IN_DAY;

    /** The system around one miner. */
    private static final class Setup {
        final Chain c = SlaTestKit.rewardChain(Fil.fil(20));
        final EventLog ev = new EventLog(c, 100);
        final Address gov = c.newAccount();
        final Address oracleKey = c.newAccount();
        final SLIOracle oracle = new SLIOracle(c, ev, gov, oracleKey);
        final SLARegistry registry;
        final FakeClients clients = new FakeClients(c);
        final FakeLookup lookup = new FakeLookup(c);
        final Miner m = SlaTestKit.minerWithSector(c);
        final Address provider = m.address();
        final Address spWallet = c.newAccount();
        final BeneficiaryFactory factory;
        final Beneficiary b;
        final List<Address> clientList = new ArrayList<>();

        Setup(Variant v, int clientCount) {
            registry = new SLARegistry(c, ev, v, gov, oracle);
            factory = new BeneficiaryFactory(c, ev, v, gov, lookup);
            for (int i = 0; i < clientCount; i++) {
                Address cl = c.newAccount();
                clientList.add(cl);
                clients.put(provider, cl, (i + 1) * Policy.TiB);
                lookup.set(cl, provider, registry);
            }
            // designed: governance creates the instance; deployed: the SP's owner may do it itself
            Address creator = v == Variant.DESIGNED ? gov : m.owner();
            b = factory.create(creator, m.owner(), m.owner(), provider, clients);
            SlaTestKit.install(c, m, b);
        }

        void attest(long latency, int availability) {
            oracle.setSLI(oracleKey, provider, new SliAttestation(c.epoch() + 1, latency, 0, 0, 0, availability, 0));
        }

        BigInteger burnedAtBurnActor() { return c.fil().balance(Chain.BURN).subtract(m.feesBurned()); }

        void assertConserved() {
            BigInteger split = b.paidToSp().add(b.burned()).add(b.retained()).add(b.pending());
            assertEquals(m.withdrawn(), split, "miner withdrawals != paid + burned + retained + pending");
            assertEquals(m.withdrawn(), b.received(), "miner withdrawals != received");
            assertEquals(b.pending().add(b.retained()), c.fil().balance(b.address()), "contract balance");
            assertEquals(b.paidToSp(), c.fil().balance(spWallet), "SP wallet");
            BigInteger ledger = BigInteger.ZERO;
            for (BigInteger x : c.fil().view().values()) ledger = ledger.add(x);
            BigInteger miners = BigInteger.ZERO;
            for (Miner x : c.miners().values()) miners = miners.add(x.balance());
            assertEquals(c.fil().endowed().add(c.rewardToSimulated()), ledger.add(miners), "FIL not conserved on the chain");
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void endToEndPayout(Variant v) {
        Setup s = new Setup(v, 1);
        Address client = s.clientList.get(0);
        s.registry.registerSLA(client, client, s.provider, new SlaParams(100, 0, 0, 0, 90, 0));
        s.attest(50, 80); // latency met, availability not: score 50 → the SP gets 50 %
        assertEquals(50, s.b.currentScore());
        assertEquals(s.b.address(), s.m.beneficiary());

        s.c.advanceTo(10 * DAY);
        BigInteger available = s.m.availableBalance();
        assertTrue(available.signum() > 0, "the miner earned nothing");
        BigInteger paid = s.m.withdrawBalance(s.m.owner(), available);
        assertEquals(available, paid);
        assertEquals(paid, s.m.beneficiaryTerm().usedQuota());
        assertEquals(paid, s.b.received());
        BigInteger redirect = paid.divide(big(2));
        assertEquals(paid.subtract(redirect), s.b.pending());
        if (v == Variant.DESIGNED) {
            assertEquals(redirect, s.b.burned());
            assertEquals(redirect, s.burnedAtBurnActor());
        } else {
            assertEquals(redirect, s.b.retained());
            assertEquals(BigInteger.ZERO, s.burnedAtBurnActor());
        }
        s.assertConserved();

        // the SP withdraws its share
        assertEquals(paid.subtract(redirect), s.b.withdraw(s.m.owner(), s.spWallet));
        assertEquals(paid.subtract(redirect), s.c.fil().balance(s.spWallet));
        s.assertConserved();

        // SLAs met: the next withdrawal goes wholly to the SP; the miner also accepts its beneficiary as the caller
        s.attest(50, 95);
        s.c.advanceTo(20 * DAY);
        BigInteger second = s.m.withdrawBalance(s.b.address(), s.m.availableBalance());
        assertTrue(second.signum() > 0);
        assertEquals(second, s.b.pending());
        assertEquals(100, s.b.lastScore());
        s.b.withdraw(s.m.owner(), s.spWallet);
        assertEquals(paid.subtract(redirect).add(second), s.c.fil().balance(s.spWallet));
        assertEquals(v == Variant.DESIGNED ? redirect : BigInteger.ZERO, s.b.burned());
        assertEquals(v == Variant.DESIGNED ? BigInteger.ZERO : redirect, s.b.retained());
        s.assertConserved();
    }

    static Stream<Arguments> seeds() {
        List<Arguments> out = new ArrayList<>();
        for (Variant v : Variant.values()) for (long seed : new long[] {1, 7, 42, 2024, 99_991}) out.add(Arguments.of(v, seed));
        return out.stream();
    }

    /** Random sequences of rewards, withdrawals, SLI updates, data changes and burn addresses, checked after every step. */
    @ParameterizedTest
    @MethodSource("seeds")
    void filIsConservedAcrossRandomSequences(Variant v, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Setup s = new Setup(v, 3);
        int i = 0;
        for (Address cl : s.clientList) {
            s.registry.registerSLA(cl, cl, s.provider, new SlaParams(100 + 50L * i, 0, 10 * i, 0, 90 - 5 * i, 0));
            i++;
        }
        Address admin = s.m.owner();
        List<Address> sinks = List.of(Chain.BURN, s.c.newAccount(), s.c.newAccount());
        BigInteger redirectedWhenLow = BigInteger.ZERO;
        for (int step = 0; step < 120; step++) {
            switch (rnd.nextInt(6)) {
                case 0 -> s.c.advanceTo(s.c.epoch() + 1 + rnd.nextLong(3 * DAY));
                case 1, 2 -> {
                    BigInteger avail = s.m.availableBalance();
                    BigInteger ask = avail.multiply(big(rnd.nextInt(11))).divide(big(10)).add(big(rnd.nextInt(3)));
                    BigInteger before = s.b.redirected();
                    BigInteger paid = s.m.withdrawBalance(rnd.nextBoolean() ? s.m.owner() : s.b.address(), ask);
                    assertEquals(Fil.min(ask, avail), paid);
                    redirectedWhenLow = redirectedWhenLow.add(s.b.redirected().subtract(before));
                }
                case 3 -> s.b.withdraw(s.m.owner(), s.spWallet);
                case 4 -> s.attest(rnd.nextLong(300), rnd.nextInt(101));
                default -> {
                    if (v == Variant.DESIGNED && rnd.nextInt(4) == 0) {
                        s.b.setBurnAddress(admin, sinks.get(rnd.nextInt(sinks.size())));
                    } else {
                        s.clients.put(s.provider, s.clientList.get(rnd.nextInt(3)), rnd.nextInt(3) == 0 ? 0 : rnd.nextLong(Policy.PiB));
                    }
                }
            }
            s.assertConserved();
            BigInteger atSinks = s.burnedAtBurnActor();
            for (Address sink : sinks.subList(1, sinks.size())) atSinks = atSinks.add(s.c.fil().balance(sink));
            assertEquals(s.b.burned(), atSinks, "burned != FIL at the burn addresses");
        }
        // the sequence exercised every flow
        assertTrue(s.b.receipts() > 5, "too few receipts: " + s.b.receipts());
        assertTrue(s.b.paidToSp().signum() > 0, "nothing paid to the SP");
        assertTrue(redirectedWhenLow.signum() > 0, "nothing redirected");
        assertEquals(v == Variant.DESIGNED, s.b.burned().signum() > 0);
        assertEquals(v == Variant.DEPLOYED, s.b.retained().signum() > 0);
    }
}
