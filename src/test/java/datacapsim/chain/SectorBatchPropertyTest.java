package datacapsim.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.chain.RandomChainDriver.Kind;
import datacapsim.chain.RandomChainDriver.Setup;
import datacapsim.chain.RandomChainDriver.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * Exact batches: a chain whose miners hold identical consecutive sectors as one batch with a count
 * ({@link SectorStore}) and a chain that holds every sector as its own object, driven by the same random call
 * sequences (runs of identical sectors, verified and committed-capacity, then extensions, terminations, claim drops,
 * 10x moves, expirations, withdrawals, and every other call of {@link RandomChainDriver}), give the same outcome for
 * every call (applied with the same result, or refused by the same rule) and the same observable chain state after
 * every step: balances, power, pledge, fees, sectors member by member, claims and allocations. The batched side must
 * also have held fewer batches than sectors, and fewer claim batches than claims ({@link ClaimStore}: the claims of a
 * run of sectors), or the test would not test batching.
 */
class SectorBatchPropertyTest {
    private static final AtomicLong STEPS = new AtomicLong();
    private static final AtomicLong MAX_SAVED = new AtomicLong();
    private static final AtomicLong RUNS_WITH_BATCHES = new AtomicLong();
    private static final AtomicLong MAX_CLAIMS_SAVED = new AtomicLong();
    private static final AtomicLong RUNS_WITH_CLAIM_BATCHES = new AtomicLong();

    @Provide
    Arbitrary<List<Step>> steps() {
        List<Tuple.Tuple2<Integer, Kind>> weighted = new ArrayList<>();
        for (Kind k : Kind.values()) {
            // drawn twice as often: they split sector batches, or claim batches
            boolean splits = k == Kind.EXTEND_SECTOR || k == Kind.TERMINATE || k == Kind.EXTEND_CLAIM_TERMS
                    || k == Kind.EXTEND_CLAIM_PAID || k == Kind.REMOVE_EXPIRED_CLAIMS;
            int w = k == Kind.COMMIT_RUN ? 18 : splits ? k.weight * 2 : k.weight;
            if (w > 0) weighted.add(Tuple.of(w, k));
        }
        return Combinators.combine(Arbitraries.frequency(weighted), Arbitraries.longs()).as(Step::new).list()
                .ofMinSize(40).ofMaxSize(160);
    }

    @Provide
    Arbitrary<Setup> setups() {
        return Combinators.combine(Arbitraries.integers().between(2, 3), Arbitraries.integers().between(3, 5),
                Arbitraries.integers().between(2, 3), Arbitraries.integers().between(0, 3).map(i -> i == 0))
                .as(Setup::new);
    }

    @Property(tries = 20, seed = "20261204", shrinking = ShrinkingMode.BOUNDED)
    void batchedEqualsOneObjectPerSector_withFees(@ForAll("setups") Setup setup, @ForAll("steps") List<Step> steps) {
        compare(b -> new Chain(ChainFixture.withFees(true, true), new MersenneTwister(42), b), setup, steps);
    }

    @Property(tries = 15, seed = "20261205", shrinking = ShrinkingMode.BOUNDED)
    void batchedEqualsOneObjectPerSector_smallNetworkSampledRewards(@ForAll("setups") Setup setup,
                                                                    @ForAll("steps") List<Step> steps) {
        ChainConfig cfg = ConservationPropertyTest.smallNetworkWithFees();
        compare(b -> new Chain(cfg, new MersenneTwister(7), b), setup, steps);
    }

    /** Across the FIP-0118 upgrade: 10x sectors, ExtendSectorExpiration3 on batch members, the deprecated calls. */
    @Property(tries = 15, seed = "20261206", shrinking = ShrinkingMode.BOUNDED)
    void batchedEqualsOneObjectPerSector_solsticeUpgrade(@ForAll("setups") Setup setup,
                                                         @ForAll("steps") List<Step> steps) {
        SolsticeConfig upgrade = new SolsticeConfig(20 * Policy.EPOCHS_IN_DAY, 10 * Policy.EPOCHS_IN_DAY,
                2 * Policy.EPOCHS_IN_DAY, List.of(1_000L, 50_000L));
        ChainConfig cfg = ConservationPropertyTest.allMinersEarn(ChainConfig.Payout.EXPECTED).withSolstice(upgrade);
        compare(b -> new Chain(cfg, new MersenneTwister(3), b), setup, steps);
    }

    private static void compare(Function<Boolean, Chain> chain, Setup setup, List<Step> steps) {
        RandomChainDriver batched = new RandomChainDriver(chain.apply(true), setup);
        RandomChainDriver single = new RandomChainDriver(chain.apply(false), setup);
        assertTrue(batched.c.sectorBatching() && !single.c.sectorBatching());
        assertEquals(single.snapshot(), batched.snapshot(), "after set-up");
        assertEquals(outcomes(single, 0), outcomes(batched, 0), "the set-up calls' outcomes");
        long saved = 0;
        long claimsSaved = 0;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            int from = single.trace().size();
            batched.run(s);
            single.run(s);
            STEPS.incrementAndGet();
            assertEquals(outcomes(single, from), outcomes(batched, from), "the calls' outcomes at step " + i + " " + s);
            assertEquals(single.snapshot(), batched.snapshot(), "the chain state after step " + i + " " + s);
            long sectors = 0, batches = 0, objects = 0;
            for (int m = 0; m < batched.miners.size(); m++) {
                Miner b = batched.miners.get(m);
                sectors += b.sectorCount();
                batches += b.sectorBatchCount();
                objects += single.miners.get(m).sectorBatchCount();
            }
            assertEquals(sectors, objects, "the one-object side holds one object per sector");
            saved = Math.max(saved, sectors - batches);
            long claims = 0, claimBatches = 0, claimObjects = 0;
            for (int m = 0; m < batched.miners.size(); m++) {
                Address p = batched.miners.get(m).address();
                claims += batched.c.verifreg().claimsOf(p).size();
                claimBatches += batched.c.verifreg().claimBatchCount(p);
                claimObjects += single.c.verifreg().claimBatchCount(single.miners.get(m).address());
            }
            assertEquals(claims, claimObjects, "the one-object side holds one object per claim");
            claimsSaved = Math.max(claimsSaved, claims - claimBatches);
        }
        if (saved > 0) RUNS_WITH_BATCHES.incrementAndGet();
        if (claimsSaved > 0) RUNS_WITH_CLAIM_BATCHES.incrementAndGet();
        long seen = saved;
        long claimsSeen = claimsSaved;
        MAX_SAVED.accumulateAndGet(seen, Math::max);
        MAX_CLAIMS_SAVED.accumulateAndGet(claimsSeen, Math::max);
    }

    /** The driver's trace from entry {@code from} on, without object identities (Miner@1a2b). */
    private static List<String> outcomes(RandomChainDriver d, int from) {
        List<String> out = new ArrayList<>();
        for (String t : d.trace().subList(from, d.trace().size())) out.add(t.replaceAll("@[0-9a-f]+", "@"));
        return out;
    }

    @AfterContainer
    static void batchesFormed() {
        System.out.println("SectorBatchPropertyTest: " + STEPS.get() + " steps; " + RUNS_WITH_BATCHES.get()
                + " runs held batches; at most " + MAX_SAVED.get() + " sector objects saved at once; "
                + RUNS_WITH_CLAIM_BATCHES.get() + " runs held claim batches; at most " + MAX_CLAIMS_SAVED.get()
                + " claim objects saved at once");
        assertTrue(RUNS_WITH_BATCHES.get() >= 10, "too few runs formed batches: " + RUNS_WITH_BATCHES.get());
        assertTrue(RUNS_WITH_CLAIM_BATCHES.get() >= 10, "too few runs formed claim batches: "
                + RUNS_WITH_CLAIM_BATCHES.get());
    }
}
