package datacapsim.chain;

import static datacapsim.chain.MinerTestKit.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

/** The reward actor's minting, the expected-share payout, the minimum consensus power, and sampled wins. */
class PowerRewardTest {
    private static final double LAMBDA = Math.log(2) / (6.0 * 1_051_200);
    private static final BigInteger BASELINE0 = new BigInteger("2888888880000000000");

    private static double fil(BigInteger atto) { return new BigDecimal(atto).movePointLeft(18).doubleValue(); }

    // ------------------------------------------------------------------ minting functions
    @Test
    void simpleMintingFollowsTheExponentialDecay() {
        assertEquals(BigInteger.ZERO, RewardActor.simpleMinted(0));
        for (double t : new double[] {1, 1_000, 2_880, 1_051_200, 6_163_200, 6 * 1_051_200.0, 20 * 1_051_200.0, 1e9}) {
            double expected = 330e6 * (1 - Math.exp(-LAMBDA * t));
            assertEquals(expected, fil(RewardActor.simpleMinted(t)), 1e-6, "t = " + t);
        }
        // half of 330 M FIL is minted after 6 years of 1,051,200 epochs
        assertEquals(165_000_000.0, fil(RewardActor.simpleMinted(6 * 1_051_200.0)), 1e-6);
        assertEquals(330_000_000.0, fil(RewardActor.simpleMinted(1e12)), 1e-6);
        // monotone, and never more than the total
        BigInteger prev = BigInteger.ZERO;
        for (long t = 0; t <= 50 * 1_051_200L; t += 1_051_200L) {
            BigInteger v = RewardActor.simpleMinted(t);
            assertTrue(v.compareTo(prev) >= 0);
            assertTrue(v.compareTo(Fil.fil(330_000_000L)) <= 0);
            prev = v;
        }
    }

    @Test
    void genesisEpochRewards() {
        BigInteger simple = RewardActor.simpleMinted(1).subtract(RewardActor.simpleMinted(0));
        assertEquals(36.27, fil(simple), 0.005, "330 M × (1 − e^−λ) ≈ 36.27 FIL");
        assertEquals(330e6 * (1 - Math.exp(-LAMBDA)), fil(simple), 1e-7);
        BigInteger baseline = RewardActor.baselineMinted(1).subtract(RewardActor.baselineMinted(0));
        assertEquals(770e6 * (1 - Math.exp(-LAMBDA)), fil(baseline), 1e-7);
        assertEquals(84.62, fil(baseline), 0.005);
    }

    @Test
    void baselinePowerDoublesEveryRewardYear() {
        assertEquals(2_888_888_880_000_000_000.0, RewardActor.baselinePower(0));
        assertEquals(2.0, RewardActor.baselinePower(1_051_200) / RewardActor.baselinePower(0), 1e-12);
        assertEquals(8.0, RewardActor.baselinePower(3 * 1_051_200) / RewardActor.baselinePower(0), 1e-12);
        assertEquals(Math.sqrt(2), RewardActor.baselinePower(525_600) / RewardActor.baselinePower(0), 1e-12);
        // 2.5057 EiB
        assertEquals(2.5057, RewardActor.baselinePower(0) / Math.pow(2, 60), 1e-4);
    }

    @Test
    void chainAtGenesisReadsTheGenesisValues() {
        Chain c = ChainFixture.chain(mintingConfig(0, 0, BigInteger.ZERO, BigInteger.ZERO));
        assertEquals(BASELINE0, c.reward().baselinePowerNow());
        // no raw power: no baseline minting, only the simple part
        assertEquals(RewardActor.simpleMinted(1).subtract(RewardActor.simpleMinted(0)), c.reward().thisEpochReward());
        assertEquals(36.27, fil(c.reward().thisEpochReward()), 0.005);
        c.advanceTo(1_051_200);
        double ratio = new BigDecimal(c.reward().baselinePowerNow()).divide(new BigDecimal(BASELINE0), java.math.MathContext.DECIMAL64).doubleValue();
        assertEquals(2.0, ratio, 1e-12);
        assertEquals(0.0, c.reward().effectiveNetworkTime(), 1e-9, "θ does not move without raw power");
    }

    @Test
    void rawPowerAboveBaselineMintsTheFullBaselineReward() {
        BigInteger raw = BASELINE0.multiply(big(100));
        Chain c = ChainFixture.chain(mintingConfig(0, 0, raw, raw));
        assertEquals(36.27 + 84.62, fil(c.reward().thisEpochReward()), 0.01);
        c.advanceTo(10 * DAY);
        // with raw power above the baseline the effective network time keeps pace with the clock
        assertEquals(10.0 * DAY, c.reward().effectiveNetworkTime(), 1e-3);
        BigInteger simple = RewardActor.simpleMinted(10 * DAY);
        double baseline = 770e6 * (1 - Math.exp(-LAMBDA * 10 * DAY));
        assertEquals(fil(simple) + baseline, fil(c.reward().emittedToNetwork()), 1e-3);
    }

    @Test
    void rawPowerBelowBaselineAdvancesThetaInProportion() {
        BigInteger raw = BASELINE0.divide(big(4));
        Chain c = ChainFixture.chain(mintingConfig(0, 0, raw, raw));
        c.advanceTo(DAY);
        // ∫ baseline(θ) dθ = raw × t  →  θ ≈ t / 4 early on (baseline barely grows in a day)
        double g = Math.log(2) / 1_051_200;
        double theta = Math.log1p(raw.doubleValue() * DAY * g / BASELINE0.doubleValue()) / g;
        assertEquals(theta, c.reward().effectiveNetworkTime(), 1e-6);
        assertEquals(DAY / 4.0, c.reward().effectiveNetworkTime(), 1.0);
    }

    @Test
    void emissionTelescopesWhateverTheSteps() {
        Chain a = ChainFixture.chain(mintingConfig(6_163_200, 2_000_000, BigInteger.ZERO, BigInteger.ZERO));
        Chain b = ChainFixture.chain(mintingConfig(6_163_200, 2_000_000, BigInteger.ZERO, BigInteger.ZERO));
        long[] steps = {1, 8, 2_879, 2_881, 5_000, 9 * DAY + 17, 30 * DAY};
        for (long s : steps) a.advanceTo(s);
        b.advanceTo(30 * DAY);
        BigInteger expected = RewardActor.simpleMinted(6_163_200 + 30 * DAY).subtract(RewardActor.simpleMinted(6_163_200));
        assertEquals(expected, a.reward().emittedToNetwork());
        assertEquals(expected, b.reward().emittedToNetwork());
        // ≈ 18.4 FIL an epoch at the mid-2026 genesis offset
        assertEquals(18.4, fil(expected) / (30 * DAY), 0.1);
    }

    @Test
    void mainnetDefaultEpochRewardIsSimplePlusBaseline() {
        Chain c = ChainFixture.chain();
        BigInteger simple = RewardActor.simpleMinted(6_163_201).subtract(RewardActor.simpleMinted(6_163_200));
        assertEquals(18.43, fil(simple), 0.01);
        BigInteger r = c.reward().thisEpochReward();
        assertTrue(r.compareTo(simple) >= 0, "baseline minting only adds");
        // baseline part by hand: 770 M × λ × e^(−λθ) × dθ/dt, with dθ/dt = min(raw, B(t)) / B(θ)
        double theta = c.config().reward().effectiveNetworkTimeAtStart();
        assertEquals(theta, c.reward().effectiveNetworkTime(), 1e-6);
        double raw = c.power().networkRaw().doubleValue();
        double dThetaDt = Math.min(raw, RewardActor.baselinePower(6_163_200)) / RewardActor.baselinePower(theta);
        double baselinePart = 770e6 * LAMBDA * Math.exp(-LAMBDA * theta) * dThetaDt;
        assertEquals(baselinePart, fil(r) - fil(simple), 1e-4 * baselinePart);
    }

    @Test
    void zeroRawPowerMintsNoBaselineReward() {
        Chain c = ChainFixture.chain(mintingConfig(6_163_200, 2_000_000, BigInteger.ZERO, BigInteger.ZERO));
        assertEquals(2_000_000.0, c.reward().effectiveNetworkTime(), 1e-6);
        double theta0 = c.reward().effectiveNetworkTime();
        c.advanceTo(1);
        assertEquals(RewardActor.simpleMinted(6_163_201).subtract(RewardActor.simpleMinted(6_163_200)), c.reward().emittedToNetwork());
        assertEquals(theta0, c.reward().effectiveNetworkTime());
    }

    @Test
    void seriesRewardFollowsTheDaySteps() {
        ChainConfig base = config(big(99 * S32), big(99 * S32), 0, Fil.fil(1), Fil.fil(1), Fil.fil(1),
                ChainConfig.Payout.EXPECTED, false, false);
        ChainConfig cfg = new ChainConfig(base.genesisEpoch(), base.exogenousRawPower(), base.exogenousQaPower(),
                BigInteger.ZERO, BigInteger.ZERO, 0, base.circulatingSupply(), BigInteger.ZERO,
                new ChainConfig.RewardConfig(ChainConfig.RewardConfig.Mode.SERIES, 0, List.of(
                        new ChainConfig.SeriesPoint(0, Fil.fil(1)), new ChainConfig.SeriesPoint(2, Fil.fil(3)))),
                ChainConfig.Payout.EXPECTED, base.pledge(), false, false);
        Chain c = ChainFixture.chain(cfg);
        World w = new World(c);
        w.commitCc(MIN_LIFE);
        assertEquals(Fil.fil(1), c.reward().thisEpochReward());
        c.advanceTo(2 * DAY);
        assertEquals(Fil.fil(3), c.reward().thisEpochReward());
        assertEquals(Fil.fil(2 * 2_880).divide(big(100)), w.m.rewardsReceived());
        c.advanceTo(3 * DAY);
        assertEquals(Fil.fil(5 * 2_880).divide(big(100)), w.m.rewardsReceived());
        assertEquals(Fil.fil(5 * 2_880), c.reward().emittedToNetwork());
    }

    // ------------------------------------------------------------------ expected-share payout
    private static Chain shareChain(BigInteger exoQa) {
        return ChainFixture.chain(config(exoQa, exoQa, 0, Fil.fil(680_000_000L), Fil.fil(1), Fil.fil(1),
                ChainConfig.Payout.EXPECTED, false, false));
    }

    @Test
    void powerCountsFromActivation() {
        Chain c = shareChain(big(99 * S32));
        World w = new World(c);
        c.advanceTo(1_440);
        w.commitCc(1_440 + MIN_LIFE);
        c.advanceTo(DAY);
        assertEquals(Fil.fil(1_440).divide(big(100)), w.m.rewardsReceived(), "half a day at a 1/100 share");
        c.advanceTo(2 * DAY);
        assertEquals(Fil.fil(1_440 + 2_880).divide(big(100)), w.m.rewardsReceived());
        assertChainInvariants(c);
    }

    @Test
    void rewardsSplitAtASectorExpiration() {
        Chain c = shareChain(big(98 * S32));
        World w = new World(c);
        long a = w.commitCc(MIN_LIFE + 1_440);
        w.commitCc(MIN_LIFE + 10 * DAY);
        c.advanceTo(MIN_LIFE);
        BigInteger perDay = Fil.fil(2_880).multiply(big(2)).divide(big(100));
        assertEquals(perDay.multiply(big(180)), w.m.rewardsReceived());
        c.advanceTo(MIN_LIFE + DAY);
        BigInteger expected = perDay.multiply(big(180))
                .add(Fil.fil(1_440).multiply(big(2)).divide(big(100)))
                .add(Fil.fil(1_440).divide(big(99)));
        assertEquals(expected, w.m.rewardsReceived());
        assertTrue(w.m.sector(a) == null);
        assertChainInvariants(c);
    }

    @Test
    void twoMinersShareByQaPower() {
        Chain c = shareChain(big(90 * S32));
        World w = new World(c);
        Miner other = c.createMiner(w.owner, w.owner, S32);
        w.commitVerified(S32, MIN_LIFE); // 320 GiB = 10 × 32 GiB
        c.advanceTo(DAY);
        assertEquals(Fil.fil(2_880).multiply(big(10)).divide(big(100)), w.m.rewardsReceived());
        other.proveCommitSector(w.owner, new Miner.SectorActivation(List.of(), MIN_LIFE + DAY), c.initialPledgeFor(32 * GIB));
        c.advanceTo(2 * DAY);
        assertEquals(Fil.fil(2_880).multiply(big(10)).divide(big(100)).add(Fil.fil(2_880).multiply(big(10)).divide(big(101))),
                w.m.rewardsReceived());
        assertEquals(Fil.fil(2_880).divide(big(101)), other.rewardsReceived());
        assertEquals(w.m.rewardsReceived().add(other.rewardsReceived()), c.rewardToSimulated());
        assertChainInvariants(c);
    }

    // ------------------------------------------------------------------ minimum consensus power
    @Test
    void smallMinerEarnsNothingOnceFourMinersAreAboveTheMinimum() {
        Chain c = ChainFixture.chain(ChainFixture.simpleMoney(Fil.fil(20), Fil.fil(1)));
        World w = new World(c);
        w.commitVerified(S32, MIN_LIFE);
        assertEquals(1_000, c.power().minersAboveMinimum());
        assertFalse(c.power().meetsConsensusMinimum(w.m));
        assertEquals(c.config().exogenousQa(0), c.power().networkQa());
        c.advanceTo(5 * DAY);
        assertEquals(BigInteger.ZERO, w.m.rewardsReceived());
        assertEquals(BigInteger.ZERO, c.rewardToSimulated());
        assertChainInvariants(c);
    }

    @Test
    void tenTibRawIsTheThreshold() {
        Chain c = ChainFixture.chain(ChainFixture.simpleMoney(Fil.fil(20), Fil.fil(1)));
        World w = new World(c, S64);
        for (int i = 0; i < 159; i++) w.commitCc(2 * MIN_LIFE);
        assertEquals(10 * TIB - S64, w.m.rawPower());
        assertFalse(c.power().meetsConsensusMinimum(w.m));
        c.advanceTo(DAY);
        assertEquals(BigInteger.ZERO, w.m.rewardsReceived(), "9.9375 TiB earns nothing");

        long last = w.commitCc(2 * MIN_LIFE);
        assertEquals(10 * TIB, w.m.rawPower());
        assertTrue(c.power().meetsConsensusMinimum(w.m));
        assertEquals(1_001, c.power().minersAboveMinimum());
        BigInteger netQa = c.config().exogenousQa(c.epoch()).add(big(10 * TIB));
        assertEquals(netQa, c.power().networkQa());
        c.advanceTo(2 * DAY);
        BigInteger day = Fil.fil(20).multiply(big(2_880)).multiply(big(10 * TIB)).divide(netQa);
        assertEquals(new BigInteger("38109730883107001"), day);
        assertEquals(day, w.m.rewardsReceived());
        assertChainInvariants(c);

        w.m.terminateSectors(w.owner, List.of(last));
        assertEquals(1_000, c.power().minersAboveMinimum());
        assertFalse(c.power().meetsConsensusMinimum(w.m));
        c.advanceTo(3 * DAY);
        assertEquals(day, w.m.rewardsReceived(), "below the minimum again: nothing more");
        assertChainInvariants(c);
    }

    @Test
    void minimumAppliesOnlyFromTheFourthMinerAboveIt() {
        BigInteger exo = BigInteger.valueOf(1_000).multiply(big(Policy.PiB));
        Chain c = ChainFixture.chain(config(exo, exo, 3, Fil.fil(680_000_000L), Fil.fil(20), Fil.fil(1),
                ChainConfig.Payout.EXPECTED, false, false));
        World small = new World(c);
        small.commitCc(3 * MIN_LIFE);
        assertEquals(3, c.power().minersAboveMinimum());
        assertTrue(c.power().meetsConsensusMinimum(small.m), "fewer than 4 miners above the minimum: everyone counts");
        assertEquals(exo.add(big(32 * GIB)), c.power().networkQa());
        c.advanceTo(DAY);
        BigInteger smallDay = Fil.fil(20).multiply(big(2_880)).multiply(big(32 * GIB)).divide(exo.add(big(32 * GIB)));
        assertEquals(smallDay, small.m.rewardsReceived());

        // a simulated miner reaches 10 TiB: now 4 are above, and the small miner drops out of rewards and network QA
        World big = new World(c, S64);
        for (int i = 0; i < 160; i++) big.commitCc(3 * MIN_LIFE);
        assertEquals(4, c.power().minersAboveMinimum());
        assertFalse(c.power().meetsConsensusMinimum(small.m));
        assertEquals(exo.add(big(10 * TIB)), c.power().networkQa());
        c.advanceTo(2 * DAY);
        assertEquals(smallDay, small.m.rewardsReceived());
        assertEquals(Fil.fil(20).multiply(big(2_880)).multiply(big(10 * TIB)).divide(exo.add(big(10 * TIB))), big.m.rewardsReceived());
        assertChainInvariants(c);
    }

    // ------------------------------------------------------------------ sampled payout
    @Test
    void sampledWinsAverageToTheExpectedReward() {
        // one 32 GiB sector with a 1/7,200 share: 5 × 2,880 / 7,200 = 2 expected wins a day
        BigInteger exoQa = big(7_199 * S32);
        Chain c = ChainFixture.chain(config(exoQa, exoQa, 0, Fil.fil(680_000_000L), Fil.fil(1), Fil.fil(1),
                ChainConfig.Payout.SAMPLED, false, false));
        World w = new World(c);
        w.commitCc(MAX_AHEAD);
        BigInteger perWin = Fil.fil(2_880).divide(big(5 * 2_880)); // a day's reward split into 14,400 expected wins
        int days = 1_000;
        double[] wins = new double[days];
        long[] histogram = new long[6];
        SummaryStatistics stats = new SummaryStatistics();
        BigInteger prev = BigInteger.ZERO;
        for (int d = 1; d <= days; d++) {
            c.advanceTo(d * DAY);
            BigInteger delta = w.m.rewardsReceived().subtract(prev);
            prev = w.m.rewardsReceived();
            BigInteger[] qr = delta.divideAndRemainder(perWin);
            assertEquals(BigInteger.ZERO, qr[1], "a day's reward is a whole number of wins");
            wins[d - 1] = qr[0].doubleValue();
            stats.addValue(wins[d - 1]);
            histogram[(int) Math.min(5, qr[0].longValue())]++;
        }
        assertEquals(2.0, stats.getMean(), 5 * Math.sqrt(2.0 / days), "mean wins a day");
        assertTrue(new TTest().tTest(2.0, wins) > 1e-4, "t-test against the expected mean");
        assertEquals(2.0, stats.getVariance(), 0.5, "Poisson: variance ≈ mean");
        assertTrue(histogram[0] > 0 && histogram[5] > 0, "the wins vary from day to day");
        // goodness of fit against Poisson(2)
        PoissonDistribution p = new PoissonDistribution(2.0);
        double[] expected = new double[6];
        for (int k = 0; k < 5; k++) expected[k] = days * p.probability(k);
        expected[5] = days * (1 - p.cumulativeProbability(4));
        assertTrue(new ChiSquareTest().chiSquareTest(expected, histogram) > 1e-4, "wins are Poisson(2)");
        // total paid ≈ the expected-value total
        double expectedTotal = fil(Fil.fil(2_880)) / 7_200 * days;
        assertEquals(expectedTotal, fil(w.m.rewardsReceived()), expectedTotal * 0.1);
        assertChainInvariants(c);
    }

    @Test
    void sampledPayoutIsReproducibleForASeed() {
        BigInteger exoQa = big(7_199 * S32);
        ChainConfig cfg = config(exoQa, exoQa, 0, Fil.fil(680_000_000L), Fil.fil(1), Fil.fil(1), ChainConfig.Payout.SAMPLED,
                false, false);
        List<BigInteger> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Chain c = ChainFixture.chain(cfg);
            World w = new World(c);
            w.commitCc(MAX_AHEAD);
            c.advanceTo(100 * DAY);
            runs.add(w.m.rewardsReceived());
        }
        assertEquals(runs.get(0), runs.get(1));
        assertTrue(runs.get(0).signum() > 0);
    }
}
