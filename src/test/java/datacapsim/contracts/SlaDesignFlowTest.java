package datacapsim.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.AllocationRequest;
import datacapsim.chain.AllocationRequests;
import datacapsim.chain.Chain;
import datacapsim.chain.ChainConfig;
import datacapsim.chain.ChainFixture;
import datacapsim.chain.Fil;
import datacapsim.chain.Miner;
import datacapsim.chain.Piece;
import datacapsim.chain.Policy;
import datacapsim.chain.Sector;
import datacapsim.contracts.SlaAllocFixture.Sp;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SLA Allocator system end to end with the real SLARegistry, SLIOracle, BeneficiaryFactory and Beneficiary: the
 * root key makes the SLAAllocator a verifier, the manager mints to the client contract, clients register SLAs and
 * request DataCap, spend it with a provider whose beneficiary is its factory instance, the provider seals the pieces,
 * earns block rewards, and the Beneficiary splits a withdrawal by the weighted SLA score. Then DataCap conservation
 * over random call sequences at fixed seeds.
 */
class SlaDesignFlowTest {
    static final long DAY = Policy.EPOCHS_IN_DAY;
    static final long GIB = Policy.GiB;
    static final long S32 = Policy.SECTOR_SIZE_32GIB;

    /** A chain where the one simulated miner earns rewards at once: small outside network, no consensus minimum. */
    static Chain rewardingChain() {
        BigInteger pib = BigInteger.valueOf(Policy.PiB);
        return ChainFixture.chain(new ChainConfig(6_163_200L, pib, pib, BigInteger.ZERO, BigInteger.ZERO, 0,
                Fil.fil(680_000_000L), BigInteger.ZERO,
                new ChainConfig.RewardConfig(ChainConfig.RewardConfig.Mode.SERIES, 0,
                        List.of(new ChainConfig.SeriesPoint(0, Fil.fil(1)))),
                ChainConfig.Payout.EXPECTED, new ChainConfig.PledgeConfig(ChainConfig.PledgeConfig.Mode.PER_TIB, Fil.fil(1)),
                false, false));
    }

    /** A registry that always answers 100, whatever the pair: any contract may implement the interface. */
    record Always100(Address address) implements SlaScorer {
        @Override public long score(Address client, Address provider) { return 100; }
    }

    /** The whole system for one variant. */
    static final class World {
        final Chain c = rewardingChain();
        final EventLog ev = new EventLog(c, 10_000);
        final Variant v;
        final Address gov = c.newAccount();
        final Address manager = c.newAccount();
        final Address attestator = c.newAccount();
        final Address terminationOracle = c.newAccount();
        final Address oracleService = c.newAccount();
        final SLAClientContract cc;
        final SLAAllocator alloc;
        final BeneficiaryFactory factory;
        final SLIOracle sli;
        final SLARegistry registry;
        final Address owner = c.newAccount();
        final Miner miner;
        final Beneficiary ben;
        final SlaConfig cfg = SlaConfig.defaults(Fil.fil(2));
        private long data = 1;

        World(Variant v) {
            this.v = v;
            cc = new SLAClientContract(c, ev, v, cfg, gov, null, null, terminationOracle);
            alloc = new SLAAllocator(c, ev, v, cfg, gov, manager, attestator, null, cc);
            factory = new BeneficiaryFactory(c, ev, v, gov, alloc);
            alloc.setBeneficiaryRegistry(gov, factory);
            cc.setBeneficiaryRegistry(gov, factory);
            cc.grantRole(gov, SLAClientContract.ALLOCATOR, alloc.address());
            sli = new SLIOracle(c, ev, gov, oracleService);
            registry = new SLARegistry(c, ev, v, gov, sli);
            // the root key makes the allocator a verifier; the manager mints everything to the client contract
            c.verifreg().addVerifier(c.rootKey(), alloc.address(), 10 * Policy.PiB);
            alloc.mintDataCap(manager, Policy.PiB);
            // the SP: a miner whose beneficiary becomes its factory instance
            c.fil().endow(owner, Fil.fil(1000));
            miner = c.createMiner(owner, owner, S32);
            ben = factory.create(gov, owner, owner, miner.address(), cc);
            miner.changeBeneficiary(owner, ben.address(), Beneficiary.MIN_BENEFICIARY_QUOTA.multiply(BigInteger.TWO),
                    c.epoch() + 6 * Policy.EPOCHS_IN_YEAR);
            ben.acceptBeneficiary(c.newAccount(), miner.address());
            // the oracle service measures the provider: latency and bandwidth good, availability short
            sli.setSLI(oracleService, miner.address(), new SliAttestation(1, 500, 0, 200, 0, 80, 0));
        }

        /** A client with an SLA (latency ≤ 1000 ms, bandwidth ≥ 100 Mbps, availability ≥ 90 %): scores 66. */
        Address clientWithSla() {
            Address client = c.newAccount();
            registry.registerSLA(client, client, miner.address(), new SlaParams(1000, 0, 100, 0, 90, 0));
            return client;
        }

        /** The client spends {@code sectors} × 32 GiB with the miner, which seals one piece per sector. */
        List<Long> spendAndSeal(Address client, int sectors) {
            List<AllocationRequest> reqs = new ArrayList<>();
            for (int i = 0; i < sectors; i++)
                reqs.add(new AllocationRequest(miner.address(), data++, S32, 180 * DAY, 540 * DAY, c.epoch() + 30 * DAY));
            List<Long> ids = cc.transfer(client, new AllocationRequests(reqs, List.of()));
            for (long id : ids) {
                Piece p = new Piece(c.verifreg().allocation(cc.address(), id).data(), S32, cc.address(), id);
                miner.proveCommitSector(owner, new Miner.SectorActivation(List.of(p), c.epoch() + 400 * DAY),
                        c.initialPledgeFor(Sector.qaPower(S32, S32)));
            }
            return ids;
        }

        /** Advances ten days and withdraws everything available to the beneficiary; returns what it received. */
        BigInteger earnAndWithdraw() {
            c.advanceTo(c.epoch() + 10 * DAY);
            BigInteger available = miner.availableBalance();
            assertTrue(available.signum() > 0, "the miner earned nothing");
            BigInteger before = ben.received();
            miner.withdrawBalance(owner, available);
            return ben.received().subtract(before);
        }
    }

    @Test
    void designedFlowFromTheRootKeyToTheSpsWithdrawal() {
        World w = new World(Variant.DESIGNED);
        assertEquals(w.ben.address(), w.miner.beneficiary());
        assertEquals(Policy.PiB, w.c.datacap().balanceOf(w.cc.address()));

        // client A: passport path, pays the SP owner the price of 64 GiB
        Address a = w.clientWithSla();
        PassportSigned pa = PassportSigned.sign(w.attestator, w.alloc.address(), new Passport(a, w.c.epoch() + 30 * DAY, 35, List.of("gh:a")));
        PaymentTransactionSigned txa = PaymentTransactionSigned.sign(w.attestator, w.alloc.address(),
                new PaymentTransaction("fil-tx-1", a, w.owner, w.cfg.priceOf(2 * S32)));
        w.alloc.requestDataCapWithPassport(a, w.miner.address(), w.registry, 2 * S32, pa, txa);
        assertEquals(66, w.registry.score(a, w.miner.address()));

        // client B: a manual attestation, with an SLA the provider meets fully
        Address b = w.c.newAccount();
        w.registry.registerSLA(b, b, w.miner.address(), new SlaParams(1000, 0, 100, 0, 0, 0));
        w.alloc.requestDataCapWithAttestation(b, w.registry, ManualAttestationSigned.sign(w.attestator, w.alloc.address(),
                new ManualAttestation("ticket-7", b, w.miner.address(), S32, "")));
        assertEquals(100, w.registry.score(b, w.miner.address()));
        assertEquals(w.registry, w.alloc.registryFor(b, w.miner.address()));

        List<Long> idsA = w.spendAndSeal(a, 2);
        w.spendAndSeal(b, 1);
        assertEquals(List.of(a, b), w.cc.clientsOf(w.miner.address()));
        assertEquals(2 * S32, w.cc.activeDataSize(a, w.miner.address()));
        assertEquals(S32, w.cc.activeDataSize(b, w.miner.address()));
        assertEquals(Policy.PiB - 3 * S32, w.cc.availableDataCap());
        assertEquals(3 * S32, w.c.verifreg().claimedBytes());

        // weights 2/3 and 1/3: floor(666666666666666666 × 66 / 1e18) + floor(333333333333333333 × 100 / 1e18) = 43 + 33
        assertEquals(76, w.ben.currentScore());
        BigInteger got = w.earnAndWithdraw();
        assertEquals(76, w.ben.lastScore());
        BigInteger half = got.divide(BigInteger.TWO);
        assertEquals(half, w.ben.burned()); // 50 ≤ 76 < 80: the SP gets 50 %, the rest goes to the burn address
        assertEquals(got.subtract(half), w.ben.pending());
        BigInteger ownerBefore = w.c.fil().balance(w.owner);
        w.ben.withdraw(w.owner, w.owner);
        assertEquals(ownerBefore.add(got.subtract(half)), w.c.fil().balance(w.owner));

        // the termination oracle reports one of A's claims: A's weight falls to 1/2 → 33 + 50 = 83, the high band
        w.cc.claimsTerminatedEarly(w.terminationOracle, List.of(idsA.get(0)));
        assertEquals(S32, w.cc.activeDataSize(a, w.miner.address()));
        assertEquals(83, w.ben.currentScore());
        BigInteger got2 = w.earnAndWithdraw();
        assertEquals(got2, w.ben.pending());
    }

    @Test
    void deployedFlowACallerChosenRegistryPaysTheSpInFullAndTerminationsAreIgnored() {
        World w = new World(Variant.DEPLOYED);
        // A uses the free SLA-list path with a registry that always answers 100 (no passport, payment or cap)
        Address a = w.clientWithSla();
        SlaScorer always = new Always100(w.c.newAccount());
        w.alloc.requestDataCap(a, List.of(new SLAAllocator.SlaRequest(always, w.miner.address())), 2 * S32);
        assertEquals(a, w.alloc.providerClient(w.miner.address()));
        // the SP is now bound to A on that path
        Address other = w.clientWithSla();
        ContractError e = org.junit.jupiter.api.Assertions.assertThrows(ContractError.class,
                () -> w.alloc.requestDataCap(other, List.of(new SLAAllocator.SlaRequest(always, w.miner.address())), S32));
        assertEquals("SLAAllocator.ProviderBoundToDifferentClient", e.rule());

        List<Long> ids = w.spendAndSeal(a, 2);
        assertEquals(66, w.registry.score(a, w.miner.address())); // the real SLA is missed ...
        assertEquals(100, w.ben.currentScore());                 // ... but the Beneficiary asks the chosen registry
        // claim 2 sits in sector 1; the deployed lookup asks for sector 1's flag, the report set claim 2's
        assertEquals(List.of(1L, 2L), ids);
        w.cc.claimsTerminatedEarly(w.terminationOracle, List.of(ids.get(1)));
        assertEquals(2 * S32, w.cc.activeDataSize(a, w.miner.address()), "the deployed flag matches no claim");
        BigInteger got = w.earnAndWithdraw();
        assertEquals(got, w.ben.pending());
        assertEquals(BigInteger.ZERO, w.ben.redirected());
        assertEquals(BigInteger.ZERO, w.ben.burned());
    }

    // ================================================================== DataCap conservation over random calls
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 17, 2024})
    void dataCapIsConservedDesigned(long seed) { randomRun(Variant.DESIGNED, seed); }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 17, 2024})
    void dataCapIsConservedDeployed(long seed) { randomRun(Variant.DEPLOYED, seed); }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void theSameSeedGivesTheSameRun(Variant v) {
        assertEquals(randomRun(v, 99), randomRun(v, 99));
    }

    /** Runs 400 random calls; checks every refusal changed nothing and the invariants after every step. */
    private String randomRun(Variant v, long seed) {
        MersenneTwister rnd = new MersenneTwister(seed);
        SlaAllocFixture f = new SlaAllocFixture(v);
        List<Sp> sps = new ArrayList<>(List.of(f.newProvider(), f.newProvider(), f.newProvider()));
        List<Address> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) clients.add(f.newClient());
        for (Address cl : clients) for (Sp sp : sps) if (rnd.nextInt(4) > 0) f.scorer.register(cl, sp.address(), rnd.nextInt(101));
        SlaAllocFixture.SlaAllocFakeScorer always = new SlaAllocFixture.SlaAllocFakeScorer(f.c, true);
        Map<String, Long> net = new TreeMap<>();
        f.ev.addListener(e -> {
            if (e.event() instanceof SLAClientContract.AllowanceChanged a) net.merge("allowance", a.after() - a.before(), Long::sum);
            if (e.event() instanceof SLAClientContract.DatacapSpent s) net.merge("spent", s.amount(), Long::sum);
            if (e.event() instanceof SLAAllocator.DatacapAllocated m) net.merge("minted", m.amount(), Long::sum);
        });
        int ok = 0, refused = 0;
        long data = 1;
        for (int step = 0; step < 400; step++) {
            Address cl = clients.get(rnd.nextInt(clients.size()));
            Sp sp = sps.get(rnd.nextInt(sps.size()));
            long size = (1 + rnd.nextInt(64)) * GIB;
            int op = rnd.nextInt(12);
            final long d = data++;
            Runnable call = switch (op) {
                case 0 -> () -> f.alloc.mintDataCap(rnd.nextInt(5) == 0 ? f.stranger : f.manager, (1 + rnd.nextInt(4)) * 256 * GIB);
                case 1 -> () -> f.alloc.requestDataCapWithPassport(cl, sp.address(), f.scorer, size,
                        f.passport(cl, 10 + rnd.nextInt(40)), f.paymentFor(cl, sp, size));
                case 2 -> () -> f.alloc.requestDataCapWithPayment(cl, sp.address(), f.scorer, size,
                        rnd.nextBoolean() ? f.paymentFor(cl, sp, size) : f.payment(cl, cl, BigInteger.ONE));
                case 3 -> () -> f.alloc.requestDataCapWithAttestation(f.stranger, f.scorer, f.attestation(cl, sp, size));
                case 4 -> () -> f.alloc.requestDataCap(cl, List.of(new SLAAllocator.SlaRequest(always, sp.address())), size);
                case 5 -> () -> f.cc.decreaseAllowance(f.allocOps, cl, sp.address(), size);
                case 6, 7 -> () -> f.cc.transfer(cl, AllocationRequests.of(new AllocationRequest(sp.address(), d, Math.min(size, S32),
                        180 * DAY, 360 * DAY, f.c.epoch() + (1 + rnd.nextInt(20)) * DAY)));
                case 8 -> () -> sealSome(f, sp, rnd);
                case 9 -> () -> f.c.verifreg().removeExpiredAllocations(f.stranger, f.cc.address(), List.of());
                case 10 -> () -> f.cc.claimsTerminatedEarly(f.oracle, List.of((long) rnd.nextInt(20)));
                default -> () -> f.advanceTo(f.c.epoch() + rnd.nextInt(3 * (int) DAY));
            };
            String before = f.state();
            try {
                call.run();
                ok++;
            } catch (ActorError e) {
                refused++;
                assertEquals(before, f.state(), "step " + step + " refused with " + e + " but changed state");
            }
            checkInvariants(f, v, sps, clients, net);
        }
        assertTrue(ok > 50 && refused > 50, "a useful mix of accepted and refused calls: " + ok + " / " + refused);
        return f.state() + "\nok=" + ok + " refused=" + refused;
    }

    private static void sealSome(SlaAllocFixture f, Sp sp, MersenneTwister rnd) {
        List<Long> ids = new ArrayList<>();
        for (var a : f.c.verifreg().allocationsOf(f.cc.address()).values())
            if (a.provider().equals(sp.address()) && f.c.epoch() <= a.expiration()) ids.add(a.id());
        if (ids.isEmpty()) return;
        var a = f.c.verifreg().allocation(f.cc.address(), ids.get(rnd.nextInt(ids.size())));
        Piece p = new Piece(a.data(), a.size(), f.cc.address(), a.id());
        sp.miner().proveCommitSector(sp.owner(), new Miner.SectorActivation(List.of(p), f.c.epoch() + 200 * DAY),
                f.c.initialPledgeFor(Sector.qaPower(S32, a.size())));
    }

    private static void checkInvariants(SlaAllocFixture f, Variant v, List<Sp> sps, List<Address> clients, Map<String, Long> net) {
        var t = f.c.datacap();
        var r = f.c.verifreg();
        long ccBal = t.balanceOf(f.cc.address());
        assertEquals(t.minted(), t.totalSupply() + t.burned(), "token: minted = supply + burned");
        assertEquals(t.totalSupply(), ccBal + t.balanceOf(Chain.VERIFIED_REGISTRY), "only the contract and the registry hold DataCap");
        assertEquals(r.heldBytes(), t.balanceOf(Chain.VERIFIED_REGISTRY), "registry holds exactly its unclaimed allocations");
        assertEquals(t.burned(), r.claimedBytes() + r.extensionBurnedBytes() + r.destroyedBytes());
        long minted = net.getOrDefault("minted", 0L), spent = net.getOrDefault("spent", 0L);
        assertEquals(minted, t.minted(), "everything minted went to the client contract");
        assertEquals(minted - spent + r.expiredReturnedBytes(), ccBal, "contract balance = minted − spent + returned");
        long allowances = 0, spends = 0;
        for (long a : f.cc.allowances().values()) allowances += a;
        for (long s : f.cc.spends().values()) spends += s;
        assertEquals(allowances, f.cc.totalAllowance());
        assertEquals(spent, spends, "recorded spends = DataCap spent");
        assertEquals(net.getOrDefault("allowance", 0L), allowances + spends, "allowance granted net of decreases = left + spent");
        if (v == Variant.DESIGNED) assertTrue(f.cc.totalAllowance() <= ccBal, "designed: never promise more than held");
        for (Sp sp : sps)
            for (Address cl : clients)
                assertTrue(f.cc.activeDataSize(cl, sp.address()) <= f.cc.spent(cl, sp.address()), "active data ≤ spent");
    }
}
