package datacapsim.chain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.chain.RandomChainDriver.Kind;
import datacapsim.chain.RandomChainDriver.Setup;
import datacapsim.chain.RandomChainDriver.Step;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * Conservation of DataCap and FIL under long random sequences of chain calls, valid and invalid, checked after every
 * call and every clock advance (see {@link RandomChainDriver#checkInvariants}); and a refused call changes nothing
 * ({@link ChainSnapshot} equal before and after). All generation is at fixed seeds, so every run is the same.
 */
class ConservationPropertyTest {
    private static final AtomicLong CALLS = new AtomicLong();
    private static final AtomicLong REFUSED = new AtomicLong();
    private static final AtomicLong CRON = new AtomicLong();
    private static final AtomicLong RUNS = new AtomicLong();
    /** method -> outcome -> count, over every run: shows which paths the random calls reached. */
    private static final java.util.Map<String, java.util.Map<String, Long>> OUTCOMES = new java.util.TreeMap<>();

    // ------------------------------------------------------------------ generators
    @Provide
    Arbitrary<List<Step>> steps() {
        return steps(null, 0, 200);
    }

    /** The market regimes' sequences: storage market calls (escrow, publish, commit with deals) among the rest. */
    @Provide
    Arbitrary<List<Step>> marketSteps() {
        List<Tuple.Tuple2<Integer, Kind>> weighted = new ArrayList<>();
        for (Kind k : Kind.values()) if (k.marketWeight > 0) weighted.add(Tuple.of(k.marketWeight, k));
        return Combinators.combine(Arbitraries.frequency(weighted), Arbitraries.longs()).as(Step::new).list()
                .ofMinSize(40).ofMaxSize(200);
    }

    /** For the fee paths: more day-by-day draining of vesting funds, shorter sequences. */
    @Provide
    Arbitrary<List<Step>> feeSteps() {
        return steps(Kind.DRAIN_DAYS, 5, 120);
    }

    private static Arbitrary<List<Step>> steps(Kind boosted, int weight, int maxSize) {
        List<Tuple.Tuple2<Integer, Kind>> weighted = new ArrayList<>();
        for (Kind k : Kind.values()) {
            int w = k == boosted ? weight : k.weight;
            if (w > 0) weighted.add(Tuple.of(w, k)); // the market kinds (weight 0) only in marketSteps
        }
        Arbitrary<Kind> kinds = Arbitraries.frequency(weighted);
        return Combinators.combine(kinds, Arbitraries.longs()).as(Step::new).list().ofMinSize(40).ofMaxSize(maxSize);
    }

    @Provide
    Arbitrary<Setup> setups() {
        return Combinators.combine(
                Arbitraries.integers().between(2, 3),
                Arbitraries.integers().between(3, 5),
                Arbitraries.integers().between(2, 3),
                Arbitraries.integers().between(0, 3).map(i -> i == 0)).as(Setup::new);
    }

    // ------------------------------------------------------------------ chain configurations
    /** Mainnet defaults with both fees on, but no exogenous miner above the consensus minimum: every miner earns. */
    static ChainConfig allMinersEarn(ChainConfig.Payout payout) {
        ChainConfig d = ChainFixture.withFees(true, true);
        return new ChainConfig(d.genesisEpoch(), d.exogenousRawPower(), d.exogenousQaPower(), d.exogenousRawPowerPerDay(),
                d.exogenousQaPowerPerDay(), 0, d.circulatingSupply(), d.circulatingSupplyPerDay(),
                d.reward(), payout, d.pledge(), true, true);
    }

    /** A small network (1 PiB, constant) and a large reward series, so rewards, vesting and fees are large. */
    static ChainConfig smallNetworkWithFees() {
        ChainConfig d = ChainFixture.simpleMoney(Fil.fil(20), Fil.fil(3));
        BigInteger pib = BigInteger.valueOf(Policy.PiB);
        return new ChainConfig(d.genesisEpoch(), pib, pib, BigInteger.ZERO, BigInteger.ZERO, 0,
                d.circulatingSupply(), d.circulatingSupplyPerDay(), d.reward(), ChainConfig.Payout.SAMPLED, d.pledge(), true, true);
    }

    /**
     * A stress configuration for the fee paths: a 10 PiB network, 20 FIL an epoch paid as sampled wins (rare for the
     * small simulated miners), and a circulating supply so large that every FIP-0100 daily fee sits at its cap (half
     * the expected day reward). Days without a win are paid from vesting funds, then the unlocked balance, then debt.
     */
    static ChainConfig feeHeavy() {
        ChainConfig d = ChainFixture.simpleMoney(Fil.fil(20), Fil.fil(3));
        BigInteger pib = BigInteger.valueOf(Policy.PiB).multiply(BigInteger.valueOf(10));
        return new ChainConfig(d.genesisEpoch(), pib, pib, BigInteger.ZERO, BigInteger.ZERO, 0,
                Fil.fil(100_000_000_000_000L), BigInteger.ZERO, d.reward(), ChainConfig.Payout.SAMPLED, d.pledge(), true, true);
    }

    // ------------------------------------------------------------------ properties
    @Property(tries = 20, seed = "20250101", shrinking = ShrinkingMode.BOUNDED)
    void conservedUnderRandomCalls_mainnetDefaults(@ForAll("setups") Setup setup, @ForAll("steps") List<Step> steps) {
        run(ChainFixture::chain, setup, steps);
    }

    @Property(tries = 20, seed = "20250202", shrinking = ShrinkingMode.BOUNDED)
    void conservedUnderRandomCalls_withFees(@ForAll("setups") Setup setup, @ForAll("steps") List<Step> steps) {
        run(() -> ChainFixture.chain(ChainFixture.withFees(true, true)), setup, steps);
    }

    @Property(tries = 20, seed = "20250303", shrinking = ShrinkingMode.BOUNDED)
    void conservedUnderRandomCalls_withFeesEveryMinerEarnsSampled(@ForAll("setups") Setup setup, @ForAll("steps") List<Step> steps) {
        run(() -> ChainFixture.chain(allMinersEarn(ChainConfig.Payout.SAMPLED)), setup, steps);
    }

    @Property(tries = 15, seed = "20250404", shrinking = ShrinkingMode.BOUNDED)
    void conservedUnderRandomCalls_smallNetworkLargeRewards(@ForAll("setups") Setup setup, @ForAll("steps") List<Step> steps) {
        run(() -> ChainFixture.chain(smallNetworkWithFees()), setup, steps);
    }

    @Property(tries = 20, seed = "20250505", shrinking = ShrinkingMode.BOUNDED)
    void conservedUnderRandomCalls_feeHeavy(@ForAll("setups") Setup setup, @ForAll("feeSteps") List<Step> steps) {
        run(() -> ChainFixture.chain(feeHeavy()), setup, steps);
    }

    @Property(tries = 15, seed = "20250606", shrinking = ShrinkingMode.BOUNDED)
    void conservedUnderRandomMarketCalls_v1(@ForAll("setups") Setup setup, @ForAll("marketSteps") List<Step> steps) {
        run(() -> ChainFixture.chain(smallNetworkWithFees().withRegime(Regime.V1)), setup, steps);
    }

    @Property(tries = 15, seed = "20250707", shrinking = ShrinkingMode.BOUNDED)
    void conservedUnderRandomMarketCalls_v1Topup(@ForAll("setups") Setup setup,
                                                 @ForAll("marketSteps") List<Step> steps) {
        run(() -> ChainFixture.chain(ChainFixture.withFees(true, true).withRegime(Regime.V1_TOPUP)), setup, steps);
    }

    @Property(tries = 15, seed = "20250808", shrinking = ShrinkingMode.BOUNDED)
    void conservedUnderRandomMarketCalls_fip45Market(@ForAll("setups") Setup setup,
                                                     @ForAll("marketSteps") List<Step> steps) {
        run(() -> ChainFixture.chain(smallNetworkWithFees().withRegime(Regime.FIP45_MARKET)), setup, steps);
    }

    /** Long market sequences at fixed seeds, one per market regime. */
    @Example
    void marketConservedOverLongSequencesAtFixedSeeds() {
        Regime[] regimes = {Regime.V1, Regime.V1_TOPUP, Regime.FIP45_MARKET};
        long[] seeds = {61, 67, 71};
        for (int i = 0; i < seeds.length; i++) {
            MersenneTwister mt = new MersenneTwister(seeds[i]);
            SplittableRandom kinds = new SplittableRandom(mt.nextLong());
            List<Step> steps = new ArrayList<>();
            for (int j = 0; j < 500; j++) steps.add(new Step(Kind.draw(kinds, true), mt.nextLong()));
            Setup setup = new Setup(2 + mt.nextInt(2), 3 + mt.nextInt(3), 2 + mt.nextInt(2), i % 2 == 0);
            Regime regime = regimes[i];
            run(() -> ChainFixture.chain(ChainFixture.withFees(true, true).withRegime(regime)), setup, steps);
        }
    }

    /**
     * FIP-0118: the upgrade at a random day of the run (so at a random point of the call sequence), with 10-day
     * quarters and a random Filecoin Pay volume series, so the sequences cross the migration, the deprecated-method
     * refusals, 10x sectors, ExtendSectorExpiration3 and several quarters of the reward split.
     */
    @Property(tries = 25, seed = "20250606", shrinking = ShrinkingMode.BOUNDED)
    void conservedUnderRandomCalls_solsticeUpgradeAtARandomPoint(@ForAll("setups") Setup setup, @ForAll("steps") List<Step> steps,
                                                                 @ForAll("upgrades") SolsticeConfig upgrade) {
        run(() -> ChainFixture.chain(allMinersEarn(ChainConfig.Payout.EXPECTED).withSolstice(upgrade)), setup, steps);
    }

    @Provide
    Arbitrary<SolsticeConfig> upgrades() {
        Arbitrary<List<Long>> volumes = Arbitraries.longs().between(0, 200_000).list().ofMaxSize(12);
        return Combinators.combine(Arbitraries.longs().between(1, 120), volumes)
                .as((day, vol) -> new SolsticeConfig(day * Policy.EPOCHS_IN_DAY, 10 * Policy.EPOCHS_IN_DAY, 2 * Policy.EPOCHS_IN_DAY, vol));
    }

    /** Long sequences at fixed MersenneTwister seeds, one per configuration, to reach deep states (years of clock). */
    @Example
    void conservedOverLongSequencesAtFixedSeeds() {
        List<Supplier<Chain>> configs = List.of(
                ChainFixture::chain,
                () -> ChainFixture.chain(ChainFixture.withFees(true, true)),
                () -> ChainFixture.chain(allMinersEarn(ChainConfig.Payout.EXPECTED)),
                () -> ChainFixture.chain(smallNetworkWithFees()),
                () -> ChainFixture.chain(feeHeavy()));
        long[] seeds = {11, 23, 37, 41, 53};
        for (int i = 0; i < seeds.length; i++) {
            MersenneTwister mt = new MersenneTwister(seeds[i]);
            SplittableRandom kinds = new SplittableRandom(mt.nextLong());
            List<Step> steps = new ArrayList<>();
            for (int j = 0; j < 500; j++) steps.add(new Step(Kind.draw(kinds), mt.nextLong()));
            Setup setup = new Setup(2 + mt.nextInt(2), 3 + mt.nextInt(3), 2 + mt.nextInt(2), i % 2 == 0);
            run(configs.get(i), setup, steps);
        }
    }

    // ------------------------------------------------------------------ the registry's own address (found bugs)
    // The verified registry's token balance must equal the DataCap held in allocations. These calls break that.
    // Disabled until fixed in VerifiedRegistry; each is a minimal reproduction.

    @Example
    void addVerifiedClientToTheRegistryItselfIsRefused() {
        RandomChainDriver d = new RandomChainDriver(ChainFixture.chain(), new Setup(2, 3, 2, false));
        Address v = d.verifierPool.get(0);
        d.mustRefuse("addVerifiedClient(" + v + " -> f06, 1 MiB)", () -> {
            d.c.verifreg().addVerifiedClient(v, Chain.VERIFIED_REGISTRY, Policy.MiB);
            return null;
        });
    }

    @Example
    void removeVerifiedClientDataCapFromTheRegistryItselfIsRefused() {
        RandomChainDriver d = new RandomChainDriver(ChainFixture.chain(), new Setup(2, 3, 2, false));
        Chain c = d.c;
        Address client = d.clients.get(2);
        c.datacap().transfer(client, Chain.VERIFIED_REGISTRY, Policy.MiB, AllocationRequests.of(new AllocationRequest(
                d.miners.get(0).address(), 1, Policy.MiB, Policy.MINIMUM_VERIFIED_ALLOCATION_TERM,
                Policy.MINIMUM_VERIFIED_ALLOCATION_TERM, 100)));
        Address v1 = d.verifierPool.get(0), v2 = d.verifierPool.get(1), reg = Chain.VERIFIED_REGISTRY;
        var p1 = new VerifiedRegistry.RemoveDataCapProposal(v1, Signature.sign(v1, VerifiedRegistry.removalMessage(reg, Policy.MiB, 0)));
        var p2 = new VerifiedRegistry.RemoveDataCapProposal(v2, Signature.sign(v2, VerifiedRegistry.removalMessage(reg, Policy.MiB, 0)));
        d.mustRefuse("removeVerifiedClientDataCap(root, client f06, 1 MiB)",
                () -> c.verifreg().removeVerifiedClientDataCap(c.rootKey(), reg, Policy.MiB, p1, p2));
    }

    @Example
    void transferFromTheRegistryItselfIsRefused() {
        RandomChainDriver d = new RandomChainDriver(ChainFixture.chain(), new Setup(2, 3, 2, false));
        Chain c = d.c;
        Address provider = d.miners.get(0).address();
        c.datacap().transfer(d.clients.get(2), Chain.VERIFIED_REGISTRY, Policy.MiB, AllocationRequests.of(new AllocationRequest(
                provider, 1, Policy.MiB, Policy.MINIMUM_VERIFIED_ALLOCATION_TERM, Policy.MINIMUM_VERIFIED_ALLOCATION_TERM, 100)));
        d.mustRefuse("transfer(sender f06 -> f06, 1 MiB, allocation)", () -> c.datacap().transfer(Chain.VERIFIED_REGISTRY,
                Chain.VERIFIED_REGISTRY, Policy.MiB, AllocationRequests.of(new AllocationRequest(provider, 2, Policy.MiB,
                        Policy.MINIMUM_VERIFIED_ALLOCATION_TERM, Policy.MINIMUM_VERIFIED_ALLOCATION_TERM, 100))));
    }

    private static void run(Supplier<Chain> chain, Setup setup, List<Step> steps) {
        RandomChainDriver d = new RandomChainDriver(chain.get(), setup);
        try {
            for (Step s : steps) d.run(s);
        } finally {
            CALLS.addAndGet(d.calls);
            REFUSED.addAndGet(d.refused);
            CRON.addAndGet(d.cronSteps);
            RUNS.incrementAndGet();
            synchronized (OUTCOMES) {
                d.c.stats().all().forEach((method, outcomes) -> outcomes.forEach((outcome, n) ->
                        OUTCOMES.computeIfAbsent(method, k -> new java.util.TreeMap<>()).merge(outcome, n, Long::sum)));
                d.events.forEach((k, v) -> OUTCOMES.computeIfAbsent("(events)", x -> new java.util.TreeMap<>()).merge(k, v, Long::sum));
            }
        }
        assertTrue(d.calls > steps.size() / 2, "too few calls made");
    }

    @AfterContainer
    static void report() {
        System.out.println("ConservationPropertyTest: " + RUNS.get() + " runs, " + CALLS.get() + " chain calls ("
                + REFUSED.get() + " refused), " + CRON.get() + " clock advances, invariants checked after each");
        OUTCOMES.forEach((m, o) -> System.out.println("  " + m + " " + o));
    }
}
