package datacapsim.chain;

import static datacapsim.chain.MinerTestKit.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Initial pledge (per-TiB and FIP-0081), deposits, block rewards and their vesting, computed by hand. */
class MinerMoneyTest {
    private static final MathContext MC = new MathContext(80);

    // ------------------------------------------------------------------ per-TiB pledge
    @Test
    void perTibPledgeIsExact() {
        World w = new World(ChainFixture.chain(ChainFixture.simpleMoney(Fil.fil(20), Fil.fil(16))));
        BigInteger ownerBefore = w.c.fil().balance(w.owner);
        long cc = w.commitCc(MIN_LIFE);
        long full = w.commitVerified(S32, MIN_LIFE);
        long half = w.commit(List.of(w.verifiedPiece(16 * GIB)), MIN_LIFE);
        // 16 FIL per TiB of QA: 32 GiB -> 0.5 FIL, 320 GiB -> 5 FIL, 176 GiB -> 2.75 FIL
        assertEquals(Fil.parseFil("0.5"), w.m.sector(cc).initialPledge());
        assertEquals(Fil.fil(5), w.m.sector(full).initialPledge());
        assertEquals(Fil.parseFil("2.75"), w.m.sector(half).initialPledge());
        BigInteger total = Fil.parseFil("8.25");
        assertEquals(total, w.m.initialPledge());
        assertEquals(total, w.m.balance());
        assertEquals(total, w.m.deposited());
        assertEquals(ownerBefore.subtract(total), w.c.fil().balance(w.owner));
        assertEquals(BigInteger.ZERO, w.m.availableBalance());
        assertChainInvariants(w.c);

        World w64 = new World(ChainFixture.chain(ChainFixture.simpleMoney(Fil.fil(20), Fil.fil(16))), S64);
        long s = w64.commitCc(MIN_LIFE);
        assertEquals(Fil.fil(1), w64.m.sector(s).initialPledge());
        // an odd per-TiB value is floored: 7 attoFIL per TiB x 32 GiB = 7/32 -> 0
        Chain odd = ChainFixture.chain(ChainFixture.simpleMoney(Fil.fil(1), big(7)));
        assertEquals(BigInteger.ZERO, odd.initialPledgeFor(32 * GIB));
        assertEquals(big(2), odd.initialPledgeFor(320 * GIB), "floor(7 x 320 / 1024) = 2");
    }

    @Test
    void insufficientFundsForPledgeAreRefused() {
        World w = new World(ChainFixture.chain(ChainFixture.simpleMoney(Fil.fil(20), Fil.fil(16))));
        BigInteger pledge = Fil.fil(5);
        Piece p = w.verifiedPiece(S32);
        Miner.SectorActivation act = new Miner.SectorActivation(List.of(p), MIN_LIFE);
        refused(w.c, ExitCode.USR_INSUFFICIENT_FUNDS, "miner.insufficient_pledge",
                () -> w.m.proveCommitSector(w.owner, act, pledge.subtract(BigInteger.ONE)));
        refused(w.c, ExitCode.USR_INSUFFICIENT_FUNDS, "miner.insufficient_pledge",
                () -> w.m.proveCommitSector(w.owner, act, BigInteger.ZERO));
        // part of the pledge can come from the unlocked balance
        w.m.deposit(w.owner, Fil.fil(2));
        refused(w.c, ExitCode.USR_INSUFFICIENT_FUNDS, "miner.insufficient_pledge",
                () -> w.m.proveCommitSector(w.owner, act, Fil.fil(3).subtract(BigInteger.ONE)));
        w.m.proveCommitSector(w.owner, act, Fil.fil(3));
        assertEquals(pledge, w.m.initialPledge());
        assertEquals(pledge, w.m.balance());
        assertEquals(BigInteger.ZERO, w.m.availableBalance());
        assertChainInvariants(w.c);
    }

    @Test
    void valueMustBeCoveredByTheCallerAndNonNegative() {
        World w = new World(ChainFixture.chain(ChainFixture.simpleMoney(Fil.fil(20), Fil.fil(16))));
        Address poor = w.worker;
        BigInteger all = w.c.fil().balance(poor);
        refused(w.c, ExitCode.USR_INSUFFICIENT_FUNDS, "miner.insufficient_sender_balance",
                () -> w.m.proveCommitSector(poor, new Miner.SectorActivation(List.of(), MIN_LIFE), all.add(BigInteger.ONE)));
        refused(w.c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.negative_value",
                () -> w.m.proveCommitSector(w.owner, new Miner.SectorActivation(List.of(), MIN_LIFE), big(-1)));
        refused(w.c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.negative_value", () -> w.m.deposit(w.owner, big(-1)));
        refused(w.c, ExitCode.USR_INSUFFICIENT_FUNDS, "miner.insufficient_sender_balance",
                () -> w.m.deposit(poor, all.add(BigInteger.ONE)));
        // sending more than the pledge leaves the surplus unlocked
        w.m.proveCommitSector(poor, new Miner.SectorActivation(List.of(), MIN_LIFE), all);
        assertEquals(all.subtract(Fil.parseFil("0.5")), w.m.availableBalance());
        assertEquals(BigInteger.ZERO, w.c.fil().balance(poor));
        assertChainInvariants(w.c);
    }

    // ------------------------------------------------------------------ FIP-0081 pledge
    /** storage = reward × 57,600 × qa / Q; consensus = 0.3 × CS × qa × (0.7 / max(B, Q) + 0.3 / Q), in exact decimals. */
    private static BigDecimal fip0081ByHand(Chain c, long qa) {
        BigDecimal reward = new BigDecimal(c.reward().thisEpochReward());
        BigDecimal q = new BigDecimal(c.power().networkQa());
        BigDecimal b = new BigDecimal(c.reward().baselinePowerNow());
        BigDecimal cs = new BigDecimal(c.config().circulatingSupplyAt(c.epoch()));
        BigDecimal sectorQa = BigDecimal.valueOf(qa);
        BigDecimal storage = reward.multiply(BigDecimal.valueOf(57_600)).multiply(sectorQa).divide(q, MC);
        BigDecimal weights = new BigDecimal("0.7").divide(b.max(q), MC).add(new BigDecimal("0.3").divide(q, MC));
        BigDecimal consensus = new BigDecimal("0.3").multiply(cs).multiply(sectorQa).multiply(weights, MC);
        return storage.add(consensus);
    }

    @Test
    void fip0081PledgeMatchesTheFormulaAndStaysBelowTheCap() {
        Chain c = ChainFixture.chain();
        World w = new World(c);
        c.advanceTo(10 * DAY + 123);

        BigDecimal ccByHand = fip0081ByHand(c, 32 * GIB);
        long cc = w.commitCc(c.epoch() + MIN_LIFE);
        BigInteger ccPledge = w.m.sector(cc).initialPledge();
        // read again: the new sector's raw power moves the epoch reward's baseline part a little
        BigDecimal fullByHand = fip0081ByHand(c, 320 * GIB);
        long full = w.commitVerified(S32, c.epoch() + MIN_LIFE);
        BigInteger fullPledge = w.m.sector(full).initialPledge();

        assertTrue(ccPledge.signum() > 0);
        assertTrue(ccPledge.compareTo(Fil.fil(1)) < 0, "below the 1 FIL per 32 GiB QA cap: " + Fil.toFilString(ccPledge));
        assertTrue(fullPledge.compareTo(Fil.fil(10)) < 0, "below the 10 FIL cap of a 320 GiB QA sector");
        // each of the two terms is floored separately: at most 2 attoFIL below the exact value
        BigDecimal diff = ccByHand.subtract(new BigDecimal(ccPledge));
        assertTrue(diff.signum() >= 0 && diff.compareTo(BigDecimal.valueOf(2)) < 0, "CC pledge off by " + diff);
        diff = fullByHand.subtract(new BigDecimal(fullPledge));
        assertTrue(diff.signum() >= 0 && diff.compareTo(BigDecimal.valueOf(2)) < 0, "verified pledge off by " + diff);
        // QA power drives the pledge linearly (up to the small change of the epoch reward)
        assertEquals(1.0, new BigDecimal(fullPledge).divide(new BigDecimal(ccPledge.multiply(big(10))), MC).doubleValue(), 1e-6);
        assertChainInvariants(c);
    }

    @Test
    void fip0081PledgeHandValueAtTheMainnetDefaults() {
        // an independent check of the magnitudes: 18.4 FIL an epoch, 14,760 PiB of QA, 680 M FIL circulating
        Chain c = ChainFixture.chain();
        BigDecimal byHand = fip0081ByHand(c, 32 * GIB);
        BigInteger pledge = c.initialPledgeFor(32 * GIB);
        assertTrue(byHand.subtract(new BigDecimal(pledge)).abs().compareTo(BigDecimal.valueOf(2)) < 0);
        // consensus part with B > Q: 0.3 × 680e6 × 2^35 × (0.7 / B + 0.3 / Q) alone is ≈ 0.156 FIL
        double q = 14_760.0 * Math.pow(2, 50);
        assertEquals(new BigDecimal(c.power().networkQa()).doubleValue(), q);
        double b = RewardActor.baselinePower(c.config().genesisEpoch());
        double consensusFil = 0.3 * 680e6 * Math.pow(2, 35) * (0.7 / Math.max(b, q) + 0.3 / q);
        double storageFil = new BigDecimal(c.reward().thisEpochReward()).movePointLeft(18).doubleValue() * 57_600 * Math.pow(2, 35) / q;
        double pledgeFil = new BigDecimal(pledge).movePointLeft(18).doubleValue();
        assertEquals(consensusFil + storageFil, pledgeFil, 1e-12);
        assertTrue(consensusFil > 0.1 && consensusFil < 0.2, "consensus pledge " + consensusFil);
    }

    @Test
    void fip0081PledgeIsCappedAtOneFilPer32GiB() {
        ChainConfig d = ChainConfig.mainnetDefaults();
        ChainConfig rich = new ChainConfig(d.genesisEpoch(), d.exogenousRawPower(), d.exogenousQaPower(),
                d.exogenousRawPowerPerDay(), d.exogenousQaPowerPerDay(), d.exogenousMinersAboveMinimum(),
                Fil.fil(1_000_000_000_000_000L), BigInteger.ZERO, d.reward(), d.payout(), d.pledge(), false, false);
        Chain c = ChainFixture.chain(rich);
        World w = new World(c);
        c.fil().endow(w.owner, Fil.fil(100));
        assertEquals(Fil.fil(1), c.initialPledgeFor(32 * GIB));
        assertEquals(Fil.fil(10), c.initialPledgeFor(320 * GIB));
        assertEquals(Fil.ATTO_PER_FIL.multiply(big(176)).divide(big(32)), c.initialPledgeFor(176 * GIB));
        long n = w.commitVerified(S32, MIN_LIFE);
        assertEquals(Fil.fil(10), w.m.sector(n).initialPledge());
    }

    // ------------------------------------------------------------------ rewards and vesting, by hand
    /** A 10 TiB miner (160 CC sectors of 64 GiB) on simpleMoney(20 FIL an epoch, 1 FIL per TiB), committed at epoch 0. */
    private static World tenTibMiner() {
        World w = new World(ChainFixture.chain(ChainFixture.simpleMoney(Fil.fil(20), Fil.fil(1))), S64);
        for (int i = 0; i < 160; i++) w.commitCc(2 * MIN_LIFE);
        assertEquals(10 * TIB, w.m.rawPower());
        assertEquals(Fil.fil(10), w.m.initialPledge());
        return w;
    }

    // share = 10 TiB / (14,760 PiB + 10 TiB); day reward = floor(20 FIL × 2,880 × share)
    private static final BigInteger DAY_REWARD = new BigInteger("38109730883107001");
    private static final BigInteger LOCKED = new BigInteger("28582298162330250"); // floor(3/4 × DAY_REWARD)

    @Test
    void dayRewardIsTheMinersShareOfTheEpochRewards() {
        World w = tenTibMiner();
        BigInteger netQa = BigInteger.valueOf(14_760).multiply(big(Policy.PiB)).add(big(10 * TIB));
        assertEquals(netQa, w.c.power().networkQa());
        assertEquals(Fil.fil(20).multiply(big(2_880)).multiply(big(10 * TIB)).divide(netQa), DAY_REWARD);
        w.c.advanceTo(DAY);
        assertEquals(DAY_REWARD, w.m.rewardsReceived());
        assertEquals(DAY_REWARD, w.c.rewardToSimulated());
        assertEquals(LOCKED, w.m.lockedFunds());
        assertEquals(DAY_REWARD.subtract(LOCKED), w.m.availableBalance(), "25 % available at once");
        assertEquals(new BigInteger("9527432720776751"), w.m.availableBalance());
        assertEquals(Fil.fil(20).multiply(big(DAY)), w.c.reward().emittedToNetwork());
        assertChainInvariants(w.c);
    }

    @Test
    void vestingTableHas180DailyEntriesSummingToTheLockedAmount() {
        World w = tenTibMiner();
        w.c.advanceTo(DAY);
        Map<Long, BigInteger> table = w.m.vestingTable();
        assertEquals(180, table.size());
        BigInteger sum = BigInteger.ZERO;
        List<Long> epochs = new ArrayList<>(table.keySet());
        for (int k = 1; k <= 180; k++) {
            long at = DAY + k * DAY;
            BigInteger expected = LOCKED.multiply(big(k)).divide(big(180)).subtract(LOCKED.multiply(big(k - 1)).divide(big(180)));
            assertEquals(at, epochs.get(k - 1));
            assertEquals(expected, table.get(at), "entry " + k);
            sum = sum.add(table.get(at));
        }
        assertEquals(LOCKED, sum);
        assertEquals(new BigInteger("158790545346279"), table.get(2 * DAY));
        assertEquals(new BigInteger("158790545346280"), table.get(181 * DAY));
    }

    @Test
    void vestingStepsMatchTheFlooredCumulativeScheduleForSmallAndOddAmounts() {
        for (long n : new long[] {1, 2, 179, 180, 181, 359, 12_345}) {
            World w = tenTibMiner();
            Map<Long, BigInteger> before = new TreeMap<>(w.m.vestingTable());
            long now = 7;
            w.m.addLockedFunds(big(n), now);
            for (int k = 1; k <= 180; k++) {
                long at = now + k * DAY;
                BigInteger part = big(n).multiply(big(k)).divide(big(180))
                        .subtract(big(n).multiply(big(k - 1)).divide(big(180)));
                BigInteger was = before.getOrDefault(at, BigInteger.ZERO);
                assertEquals(part.signum() == 0 ? before.get(at) : was.add(part), w.m.vestingTable().get(at),
                        "locked " + n + ", step " + k);
            }
        }
    }

    @Test
    void vestingUnlocksDailyHalfAfter90DaysAllAfter180() {
        World w = tenTibMiner();
        w.c.advanceTo(DAY);
        // withdraw the 25 % at once, then stop earning by terminating every sector (fees off)
        BigInteger ownerBefore = w.c.fil().balance(w.owner);
        BigInteger immediate = DAY_REWARD.subtract(LOCKED);
        assertEquals(immediate, w.m.withdrawBalance(w.owner, Fil.fil(1_000)));
        assertEquals(ownerBefore.add(immediate), w.c.fil().balance(w.owner));
        w.m.terminateSectors(w.owner, new ArrayList<>(w.m.sectors().keySet()));
        assertEquals(Fil.fil(10), w.m.availableBalance());
        w.m.withdrawBalance(w.owner, Fil.fil(10));
        assertEquals(BigInteger.ZERO, w.m.availableBalance());

        w.c.advanceTo(2 * DAY - 1);
        assertEquals(LOCKED, w.m.lockedFunds(), "nothing vests before the first daily step");
        w.c.advanceTo(2 * DAY);
        BigInteger first = LOCKED.divide(big(180));
        assertEquals(LOCKED.subtract(first), w.m.lockedFunds());
        assertEquals(first, w.m.availableBalance());

        w.c.advanceTo(DAY + 90 * DAY - 1);
        BigInteger vested89 = LOCKED.multiply(big(89)).divide(big(180));
        assertEquals(LOCKED.subtract(vested89), w.m.lockedFunds());
        w.c.advanceTo(DAY + 90 * DAY);
        BigInteger half = new BigInteger("14291149081165125"); // floor(LOCKED / 2)
        assertEquals(LOCKED.divide(big(2)), half);
        assertEquals(LOCKED.subtract(half), w.m.lockedFunds());
        assertEquals(half, w.m.availableBalance());
        assertEquals(90, w.m.vestingTable().size());
        assertChainInvariants(w.c);

        w.c.advanceTo(DAY + 180 * DAY - 1);
        assertEquals(1, w.m.vestingTable().size());
        w.c.advanceTo(DAY + 180 * DAY);
        assertEquals(BigInteger.ZERO, w.m.lockedFunds());
        assertTrue(w.m.vestingTable().isEmpty());
        assertEquals(LOCKED, w.m.availableBalance());
        assertEquals(LOCKED, w.m.withdrawBalance(w.owner, Fil.fil(1_000)));
        assertEquals(DAY_REWARD.add(Fil.fil(10)), w.m.withdrawn());
        assertEquals(BigInteger.ZERO, w.m.balance());
        assertChainInvariants(w.c);
    }

    @Test
    void consecutiveDaysStackVestingEntries() {
        World w = tenTibMiner();
        w.c.advanceTo(2 * DAY);
        assertEquals(DAY_REWARD.multiply(big(2)), w.m.rewardsReceived());
        BigInteger e1 = LOCKED.divide(big(180));
        // day 1's first entry (at 2 days) has vested; day 2's entries sit one day later than day 1's
        assertEquals(LOCKED.multiply(big(2)).subtract(e1), w.m.lockedFunds());
        Map<Long, BigInteger> table = w.m.vestingTable();
        assertEquals(180, table.size());
        BigInteger entry2 = LOCKED.multiply(big(2)).divide(big(180)).subtract(e1);
        assertEquals(entry2.add(e1), table.get(3 * DAY), "day 1 entry 2 + day 2 entry 1");
        assertEquals(LOCKED.subtract(LOCKED.multiply(big(179)).divide(big(180))), table.get(182 * DAY));
        assertEquals(DAY_REWARD.subtract(LOCKED).multiply(big(2)).add(e1), w.m.availableBalance());
        assertChainInvariants(w.c);
    }

    @Test
    void rewardsAreReceivedEveryDayWhilePowerLasts() {
        World w = tenTibMiner();
        for (int d = 1; d <= 30; d++) {
            w.c.advanceTo(d * DAY);
            assertEquals(DAY_REWARD.multiply(big(d)), w.m.rewardsReceived(), "day " + d);
            assertChainInvariants(w.c);
        }
        // a mid-day stop splits the day's reward: floor of each part
        w.c.advanceTo(30 * DAY + 1_000);
        BigInteger netQa = w.c.power().networkQa();
        BigInteger part = Fil.fil(20).multiply(big(1_000)).multiply(big(10 * TIB)).divide(netQa);
        assertEquals(DAY_REWARD.multiply(big(30)).add(part), w.m.rewardsReceived());
    }
}
