package datacapsim.chain;

import static datacapsim.chain.MinerTestKit.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** FIP-0100 daily fee and FIP-0098 termination fee: amounts, caps, order of payment, debt, burning. */
class MinerFeeTest {
    private static final BigInteger ONE_FIL_PER_EPOCH = Fil.fil(1);
    /** 99 × 32 GiB of exogenous QA power: a single 32 GiB CC sector has a 1/100 share. */
    private static final BigInteger EXO_99 = big(99 * S32);
    /** With one 32 GiB CC sector: 1 FIL × 2,880 / 100. */
    private static final BigInteger DAY_REWARD = Fil.fil(2_880).divide(big(100));

    private static ChainConfig feeConfig(BigInteger circulatingSupply, BigInteger pledgePerTib, boolean daily, boolean termination) {
        return config(EXO_99, EXO_99, 0, circulatingSupply, ONE_FIL_PER_EPOCH, pledgePerTib, ChainConfig.Payout.EXPECTED,
                daily, termination);
    }

    // ------------------------------------------------------------------ FIP-0100 daily fee
    @Test
    void dailyFeeFormulaByHand() {
        Chain c = ChainFixture.chain(ChainFixture.withFees(true, false));
        // 1.61817e-25 × 680,000,000 FIL × 32 GiB = 3.780793052776…e-6 FIL a day
        BigDecimal exact = new BigDecimal("1.61817e-25").multiply(new BigDecimal(Fil.fil(680_000_000L)))
                .multiply(BigDecimal.valueOf(32 * GIB));
        assertEquals(exact.toBigInteger(), c.dailyFeeFor(32 * GIB));
        assertEquals(big(3_780_793_052_776L), c.dailyFeeFor(32 * GIB));
        assertEquals(new BigDecimal("1.61817e-25").multiply(new BigDecimal(Fil.fil(680_000_000L)))
                .multiply(BigDecimal.valueOf(320 * GIB)).toBigInteger(), c.dailyFeeFor(320 * GIB));
    }

    @Test
    void dailyFeeIsBurnedAtEachDayBoundary() {
        Chain c = ChainFixture.chain(ChainFixture.withFees(true, false));
        World w = new World(c);
        c.advanceTo(1_000);
        long cc = w.commitCc(1_000 + MIN_LIFE);
        long full = w.commitVerified(S32, 1_000 + MIN_LIFE);
        BigInteger feeCc = c.dailyFeeFor(32 * GIB);
        BigInteger feeFull = c.dailyFeeFor(320 * GIB);
        assertEquals(feeCc, w.m.sector(cc).dailyFee());
        assertEquals(feeFull, w.m.sector(full).dailyFee());
        BigInteger fee = feeCc.add(feeFull);
        assertEquals(fee, w.m.dailyFee());
        w.m.deposit(w.owner, Fil.fil(1));

        c.advanceTo(DAY - 1);
        assertEquals(BigInteger.ZERO, c.fil().balance(Chain.BURN), "nothing is charged within the day");
        c.advanceTo(DAY);
        // the cap: half the expected day reward of the miner's QA power (far above the fee at mainnet values)
        BigInteger expectedDay = c.reward().thisEpochReward().multiply(big(DAY)).multiply(big(352 * GIB)).divide(c.power().networkQa());
        assertEquals(c.expectedDayReward(352 * GIB), expectedDay);
        assertTrue(fee.compareTo(expectedDay.divide(big(2))) < 0);
        assertEquals(fee, c.fil().balance(Chain.BURN));
        assertEquals(fee, w.m.feesBurned());
        assertEquals(Fil.fil(1).subtract(fee), w.m.availableBalance(), "paid from the unlocked balance (no vesting)");
        for (int d = 2; d <= 10; d++) {
            c.advanceTo(d * DAY);
            assertEquals(fee.multiply(big(d)), c.fil().balance(Chain.BURN));
        }
        assertChainInvariants(c);
        // once the sectors are gone, no fee
        w.m.terminateSectors(w.owner, List.of(cc, full));
        assertEquals(BigInteger.ZERO, w.m.dailyFee());
        c.advanceTo(12 * DAY);
        assertEquals(fee.multiply(big(10)), c.fil().balance(Chain.BURN));
    }

    @Test
    void droppingClaimsScalesTheDailyFeeWithQaPower() {
        Chain c = ChainFixture.chain(ChainFixture.withFees(true, false));
        World w = new World(c);
        long exp = MIN_LIFE;
        long n = w.commit(java.util.List.of(w.verifiedPiece(S32)), exp);
        long claim = w.m.sector(n).claimIds().get(0);
        BigInteger fee320 = c.dailyFeeFor(320 * GIB);
        assertEquals(fee320, w.m.dailyFee());
        w.m.deposit(w.owner, Fil.fil(1));
        c.advanceTo(exp - 10 * DAY);
        BigInteger burned = c.fil().balance(Chain.BURN);
        assertEquals(fee320.multiply(big(170)), burned);
        w.m.extendSectorExpiration(w.owner, n, exp + 100 * DAY, List.of(claim));
        // FIP-0100 / builtin daily_proof_fee_adjust: fee × new QA / old QA
        BigInteger fee32 = fee320.multiply(big(32 * GIB)).divide(big(320 * GIB));
        assertEquals(fee32, w.m.sector(n).dailyFee());
        assertEquals(fee32, w.m.dailyFee());
        c.advanceTo(exp - 9 * DAY);
        assertEquals(burned.add(fee32), c.fil().balance(Chain.BURN));
        assertChainInvariants(c);
        // extending without a change of power keeps the fee
        w.m.extendSectorExpiration(w.owner, n, exp + 200 * DAY, List.of());
        assertEquals(fee32, w.m.sector(n).dailyFee());
    }

    @Test
    void dailyFeeOffChargesNothing() {
        Chain c = ChainFixture.chain();
        World w = new World(c);
        long n = w.commitCc(MIN_LIFE);
        assertEquals(BigInteger.ZERO, w.m.sector(n).dailyFee());
        w.m.deposit(w.owner, Fil.fil(1));
        c.advanceTo(5 * DAY);
        assertEquals(BigInteger.ZERO, c.fil().balance(Chain.BURN));
        assertEquals(Fil.fil(1), w.m.availableBalance());
    }

    @Test
    void dailyFeeIsCappedAtHalfTheExpectedDayReward() {
        // circulating supply 1e16 FIL makes the uncapped fee 55.6 FIL a day, above half the 28.8 FIL day reward
        Chain c = ChainFixture.chain(feeConfig(Fil.fil(10_000_000_000_000_000L), Fil.fil(16), true, false));
        World w = new World(c);
        long n = w.commitCc(MIN_LIFE);
        assertEquals(new BigInteger("55599897834946560000"), w.m.sector(n).dailyFee());
        c.advanceTo(DAY);
        assertEquals(DAY_REWARD, w.m.rewardsReceived());
        BigInteger cap = Fil.parseFil("14.4");
        assertEquals(cap, c.fil().balance(Chain.BURN));
        assertEquals(cap, w.m.feesBurned());
        // taken from vesting first: 21.6 FIL locked in 180 entries of 0.12 FIL; the first 120 are gone
        assertEquals(Fil.parseFil("7.2"), w.m.lockedFunds());
        Map<Long, BigInteger> table = w.m.vestingTable();
        assertEquals(60, table.size());
        assertEquals(122 * DAY, (long) table.keySet().iterator().next());
        assertEquals(Fil.parseFil("7.2"), w.m.availableBalance(), "the 25 % at once is untouched");
        assertEquals(BigInteger.ZERO, w.m.feeDebt());
        assertChainInvariants(c);
    }

    @Test
    void dailyFeeComesFromVestingThenUnlockedThenBecomesDebt() {
        // fee 0.111 FIL a day; the sector joins one epoch before the day ends and earns 0.01 FIL that day
        BigInteger fee = new BigInteger("111199795669893120");
        Chain c = ChainFixture.chain(feeConfig(Fil.fil(20_000_000_000_000L), Fil.fil(1), true, false));
        World w = new World(c);
        c.advanceTo(DAY - 1);
        long n = w.commitCc(DAY - 1 + MIN_LIFE);
        BigInteger pledge = Fil.fil(1).divide(big(32));
        assertEquals(pledge, w.m.initialPledge());
        assertEquals(fee, w.m.sector(n).dailyFee());

        c.advanceTo(DAY);
        BigInteger w1 = Fil.parseFil("0.01");
        assertEquals(w1, w.m.rewardsReceived());
        // 0.0075 from vesting, 0.0025 from the unlocked balance, the rest is debt
        assertEquals(w1, w.m.feesBurned());
        assertEquals(w1, c.fil().balance(Chain.BURN));
        assertEquals(fee.subtract(w1), w.m.feeDebt());
        assertEquals(BigInteger.ZERO, w.m.lockedFunds());
        assertTrue(w.m.vestingTable().isEmpty());
        assertEquals(pledge, w.m.balance());
        assertEquals(BigInteger.ZERO, w.m.unlockedBalance());
        assertEquals(BigInteger.ZERO, w.m.availableBalance());
        assertChainInvariants(c);
        // no withdrawal while the unlocked balance cannot repay the debt
        refused(c, ExitCode.USR_INSUFFICIENT_FUNDS, "miner.unpaid_fee_debt", () -> w.m.withdrawBalance(w.owner, BigInteger.ZERO));

        // next day: the reward repays the debt from its vesting part first, then the day's fee is paid from vesting too
        c.advanceTo(2 * DAY);
        BigInteger w2 = DAY_REWARD;
        BigInteger l2 = w2.multiply(big(3)).divide(big(4));
        assertEquals(w1.add(w2), w.m.rewardsReceived());
        assertEquals(BigInteger.ZERO, w.m.feeDebt());
        assertEquals(fee.multiply(big(2)), w.m.feesBurned());
        assertEquals(fee.multiply(big(2)), c.fil().balance(Chain.BURN));
        assertEquals(l2.subtract(fee.subtract(w1)).subtract(fee), w.m.lockedFunds());
        assertEquals(w2.subtract(l2), w.m.availableBalance());
        assertEquals(pledge.add(w1).add(w2).subtract(fee.multiply(big(2))), w.m.balance());
        assertChainInvariants(c);
        assertEquals(w2.subtract(l2), w.m.withdrawBalance(w.owner, Fil.fil(100)));
        assertChainInvariants(c);
    }

    @Test
    void aSmallRewardRepaysDebtFromItsVestingThenItsUnlockedPart() {
        BigInteger fee = new BigInteger("111199795669893120");
        Chain c = ChainFixture.chain(feeConfig(Fil.fil(20_000_000_000_000L), Fil.fil(1), true, false));
        World w = new World(c);
        c.advanceTo(DAY - 1);
        w.commitCc(DAY - 1 + MIN_LIFE);
        BigInteger pledge = w.m.initialPledge();
        c.advanceTo(DAY);
        BigInteger debt = fee.subtract(Fil.parseFil("0.01"));
        assertEquals(debt, w.m.feeDebt());
        // one more epoch: a reward of 0.01 FIL (0.0075 vesting + 0.0025 unlocked) all goes to the debt
        c.advanceTo(DAY + 1);
        assertEquals(Fil.parseFil("0.02"), w.m.rewardsReceived());
        assertEquals(debt.subtract(Fil.parseFil("0.01")), w.m.feeDebt());
        assertEquals(Fil.parseFil("0.02"), w.m.feesBurned());
        assertEquals(BigInteger.ZERO, w.m.lockedFunds());
        assertEquals(pledge, w.m.balance(), "the pledge stays fully funded");
        assertChainInvariants(c);
    }

    @Test
    void debtIsRepaidFromTheUnlockedBalanceBeforeAWithdrawal() {
        BigInteger fee = new BigInteger("111199795669893120");
        Chain c = ChainFixture.chain(feeConfig(Fil.fil(20_000_000_000_000L), Fil.fil(1), true, false));
        World w = new World(c);
        c.advanceTo(DAY - 1);
        w.commitCc(DAY - 1 + MIN_LIFE);
        c.advanceTo(DAY);
        BigInteger debt = w.m.feeDebt();
        assertEquals(fee.subtract(Fil.parseFil("0.01")), debt);
        w.m.deposit(w.owner, Fil.fil(1));
        assertEquals(Fil.fil(1).subtract(debt), w.m.availableBalance());
        BigInteger burnBefore = c.fil().balance(Chain.BURN);
        BigInteger paid = w.m.withdrawBalance(w.owner, Fil.fil(5));
        assertEquals(Fil.fil(1).subtract(debt), paid);
        assertEquals(BigInteger.ZERO, w.m.feeDebt());
        assertEquals(burnBefore.add(debt), c.fil().balance(Chain.BURN));
        assertChainInvariants(c);
    }

    // ------------------------------------------------------------------ FIP-0098 termination fee
    @Test
    void terminationFeeFormulaByHand() {
        BigInteger p = Fil.fil(1);
        assertEquals(Fil.parseFil("0.02"), Miner.terminationFee(p, 0, BigInteger.ZERO), "at least 2 %");
        assertEquals(Fil.parseFil("0.02"), Miner.terminationFee(p, -5, BigInteger.ZERO));
        assertEquals(Fil.parseFil("0.02"), Miner.terminationFee(p, 10 * DAY, BigInteger.ZERO));
        // 8.5 % × age / 140 days crosses 2 % between 94,870 and 94,871 epochs
        assertEquals(Fil.parseFil("0.02"), Miner.terminationFee(p, 94_870, BigInteger.ZERO));
        assertEquals(new BigInteger("20000086805555555"), Miner.terminationFee(p, 94_871, BigInteger.ZERO));
        assertEquals(Fil.parseFil("0.0425"), Miner.terminationFee(p, 70 * DAY, BigInteger.ZERO));
        assertEquals(new BigInteger("84999789186507936"), Miner.terminationFee(p, 140 * DAY - 1, BigInteger.ZERO));
        assertEquals(Fil.parseFil("0.085"), Miner.terminationFee(p, 140 * DAY, BigInteger.ZERO));
        assertEquals(Fil.parseFil("0.085"), Miner.terminationFee(p, 1_000 * DAY, BigInteger.ZERO));
        assertEquals(BigInteger.ZERO, Miner.terminationFee(BigInteger.ZERO, 70 * DAY, BigInteger.ZERO));
    }

    @Test
    void terminationFeeFaultFeeFloorAtItsBoundary() {
        BigInteger p = Fil.fil(1);
        // age 70 days: the pledge share is 4.25 %; 1.05 × fault fee binds once it exceeds it
        BigInteger base = Fil.parseFil("0.0425");
        // fault fee f with f × 105 / 100 (floored) = 0.0425 FIL: f = 0.0425 / 1.05 = 0.040476190476190476… FIL
        BigInteger tie = base.multiply(big(100)).divide(big(105)); // 40476190476190476 atto
        assertEquals(new BigInteger("40476190476190476"), tie);
        assertEquals(base, Miner.terminationFee(p, 70 * DAY, tie), "floor just below the pledge share: no change");
        BigInteger justAbove = tie.add(BigInteger.ONE);
        // 40476190476190477 × 105 / 100 = 42500000000000000.85 → floored 42500000000000000: still equal
        assertEquals(base, Miner.terminationFee(p, 70 * DAY, justAbove));
        BigInteger above = tie.add(big(2)); // × 1.05 = 42500000000000001.9 → 42500000000000001
        assertEquals(base.add(BigInteger.ONE), Miner.terminationFee(p, 70 * DAY, above), "the floor binds");
        // a fault fee of 1 FIL: the fee is 1.05 FIL whatever the age or the pledge
        assertEquals(Fil.parseFil("1.05"), Miner.terminationFee(p, 0, Fil.fil(1)));
        assertEquals(Fil.parseFil("1.05"), Miner.terminationFee(p, 1_000 * DAY, Fil.fil(1)));
        assertEquals(Fil.parseFil("1.05"), Miner.terminationFee(BigInteger.ZERO, 70 * DAY, Fil.fil(1)));
        // at age 0 the floor is max(2 %, 1.05 × fault fee): 1.05 × 0.019 = 0.01995 < 0.02
        assertEquals(Fil.parseFil("0.02"), Miner.terminationFee(p, 0, Fil.parseFil("0.019")));
        assertEquals(Fil.parseFil("0.021"), Miner.terminationFee(p, 0, Fil.parseFil("0.02")));
    }

    @Test
    void faultFeeIsThreePointFiveOneDaysOfExpectedReward() {
        assertEquals(10_108, Policy.CONTINUED_FAULT_PROJECTION_PERIOD);
        Chain c = ChainFixture.chain(feeConfig(Fil.fil(680_000_000L), Fil.fil(16), false, true));
        World w = new World(c);
        long n = w.commitCc(MIN_LIFE);
        // in the epoch of the commit the fee reads the network as the epoch began (99 × 32 GiB): 10,108 / 99 FIL
        assertEquals(Fil.fil(10_108).divide(big(99)), c.faultFeeFor(32 * GIB));
        c.advanceTo(c.epoch() + 1);
        // 1 FIL an epoch, one 32 GiB CC sector of 100 × 32 GiB network QA power: 10,108 / 100 FIL
        assertEquals(Fil.parseFil("101.08"), c.faultFeeFor(32 * GIB));
        assertEquals(c.reward().thisEpochReward().multiply(big(10_108)).multiply(big(32 * GIB))
                .divide(c.power().networkQa()), c.faultFeeFor(32 * GIB));
        assertEquals(Miner.terminationFee(w.m.sector(n).initialPledge(), 0, c.faultFeeFor(32 * GIB)),
                Miner.terminationFee(c, w.m.sector(n), c.epoch()));
    }

    @Test
    void terminationChargesTheFaultFeeFloorWhenItBinds() {
        // 1 FIL an epoch on a 1/100 share: fault fee 101.08 FIL, floor 106.134 FIL, above 8.5 % of the 0.5 FIL pledge
        Chain c = ChainFixture.chain(feeConfig(Fil.fil(680_000_000L), Fil.fil(16), false, true));
        World w = new World(c);
        long n = w.commitCc(MIN_LIFE + 300 * DAY);
        w.m.deposit(w.owner, Fil.fil(200));
        c.advanceTo(200 * DAY);
        BigInteger fault = c.faultFeeFor(32 * GIB);
        BigInteger burnedBefore = c.fil().balance(Chain.BURN);
        BigInteger fee = w.m.terminateSectors(w.owner, List.of(n));
        assertEquals(Fil.mulDiv(fault, 105, 100), fee, "1.05 × fault fee");
        assertTrue(fee.compareTo(Fil.parseFil("0.0425")) > 0);
        assertEquals(burnedBefore.add(fee), c.fil().balance(Chain.BURN));
        assertChainInvariants(c);
    }

    @Test
    void terminationWithoutFeeReleasesPledge() {
        Chain c = ChainFixture.chain(ChainFixture.simpleMoney(Fil.fil(20), Fil.fil(16)));
        World w = new World(c);
        long a = w.commitVerified(S32, MIN_LIFE);
        long b = w.commitCc(MIN_LIFE);
        c.advanceTo(30 * DAY);
        assertEquals(BigInteger.ZERO, w.m.terminateSectors(w.owner, List.of(a)));
        assertNull(w.m.sector(a));
        assertEquals(32 * GIB, w.m.qaPower());
        assertEquals(big(32 * GIB), c.power().simulatedQa());
        assertEquals(Fil.parseFil("0.5"), w.m.initialPledge());
        assertEquals(Fil.fil(5), w.m.availableBalance());
        assertEquals(BigInteger.ZERO, c.fil().balance(Chain.BURN));
        assertEquals(BigInteger.ZERO, w.m.terminateSectors(w.worker, List.of(b)));
        assertEquals(BigInteger.ZERO, c.power().simulatedRaw());
        assertEquals(Fil.parseFil("5.5"), w.m.availableBalance());
        assertChainInvariants(c);
    }

    @Test
    void terminationRefusals() {
        Chain c = ChainFixture.chain(ChainFixture.withFees(false, true));
        World w = new World(c);
        long a = w.commitCc(MIN_LIFE);
        Address stranger = c.newAccount();
        refused(c, ExitCode.USR_FORBIDDEN, "miner.caller_not_control", () -> w.m.terminateSectors(stranger, List.of(a)));
        refused(c, ExitCode.USR_NOT_FOUND, "miner.sector_not_found", () -> w.m.terminateSectors(w.owner, List.of(a + 1)));
        // a bad entry refuses the whole list, and terminating a sector twice in one call is refused
        refused(c, ExitCode.USR_NOT_FOUND, "miner.sector_not_found", () -> w.m.terminateSectors(w.owner, List.of(a, a + 1)));
        refused(c, ExitCode.USR_NOT_FOUND, "miner.sector_not_found", () -> w.m.terminateSectors(w.owner, List.of(a, a)));
        w.m.terminateSectors(w.owner, List.of(a));
        refused(c, ExitCode.USR_NOT_FOUND, "miner.sector_not_found", () -> w.m.terminateSectors(w.owner, List.of(a)));
        assertEquals(BigInteger.ZERO, w.m.terminateSectors(w.owner, List.of()));
    }

    @Test
    void terminationFeeByAgeIsBurned() {
        Chain c = ChainFixture.chain(ChainFixture.withFees(false, true));
        World w = new World(c);
        long young = w.commitCc(MIN_LIFE + 300 * DAY);
        long mid = w.commitCc(MIN_LIFE + 300 * DAY);
        long old = w.commitCc(MIN_LIFE + 300 * DAY);
        BigInteger p = w.m.sector(young).initialPledge();
        BigInteger pOld = w.m.sector(old).initialPledge();
        BigInteger pMid = w.m.sector(mid).initialPledge();

        BigInteger f1 = w.m.terminateSectors(w.owner, List.of(young));
        assertEquals(p.multiply(big(2)).divide(big(100)), f1, "age 0: the 2 % minimum");
        assertEquals(f1, c.fil().balance(Chain.BURN));
        assertEquals(p.subtract(f1), w.m.availableBalance(), "paid from the released pledge (no vesting: no rewards)");

        c.advanceTo(70 * DAY);
        BigInteger f2 = w.m.terminateSectors(w.owner, List.of(mid));
        assertEquals(pMid.multiply(big(85)).divide(big(1000)).multiply(big(70 * DAY)).divide(big(140 * DAY)), f2);
        c.advanceTo(200 * DAY);
        BigInteger f3 = w.m.terminateSectors(w.owner, List.of(old));
        assertEquals(pOld.multiply(big(85)).divide(big(1000)), f3, "8.5 % after 140 days");
        assertEquals(f1.add(f2).add(f3), c.fil().balance(Chain.BURN));
        assertEquals(f1.add(f2).add(f3), w.m.feesBurned());
        assertEquals(BigInteger.ZERO, w.m.feeDebt());
        assertEquals(p.add(pMid).add(pOld).subtract(f1.add(f2).add(f3)), w.m.availableBalance());
        assertChainInvariants(c);
    }

    @Test
    void terminationFeeComesFromVestingFirst() {
        // 1 FIL an epoch on a 1/100 share: the fee is the fault-fee floor, 1.05 × 101.08 = 106.134 FIL (above 8.5 % of
        // the 0.5 FIL pledge); after 10 days about 210 FIL vest, so the vesting funds pay all of it, soonest first
        Chain c = ChainFixture.chain(feeConfig(Fil.fil(680_000_000L), Fil.fil(16), false, true));
        World w = new World(c);
        long n = w.commitCc(MIN_LIFE);
        c.advanceTo(10 * DAY);
        assertEquals(DAY_REWARD.multiply(big(10)), w.m.rewardsReceived());
        BigInteger locked = w.m.lockedFunds();
        BigInteger available = w.m.availableBalance();
        var before = new java.util.TreeMap<>(w.m.vestingTable());
        assertTrue(locked.compareTo(Fil.parseFil("106.134")) > 0);
        BigInteger fee = w.m.terminateSectors(w.owner, List.of(n));
        assertEquals(Fil.parseFil("106.134"), fee);
        assertEquals(locked.subtract(fee), w.m.lockedFunds());
        assertEquals(available.add(Fil.parseFil("0.5")), w.m.availableBalance(), "the unlocked balance pays nothing");
        var after = new java.util.TreeMap<>(w.m.vestingTable());
        assertTrue(after.firstKey() > before.firstKey(), "the soonest entries pay");
        assertEquals(before.lastEntry().getValue(), after.get(before.lastKey()), "the latest entry is untouched");
        BigInteger taken = BigInteger.ZERO;
        for (var e : before.entrySet())
            taken = taken.add(e.getValue().subtract(after.getOrDefault(e.getKey(), BigInteger.ZERO)));
        assertEquals(fee, taken);
        for (var e : before.headMap(after.firstKey(), false).keySet()) assertNull(after.get(e));
        assertEquals(fee, c.fil().balance(Chain.BURN));
        assertChainInvariants(c);
    }

    @Test
    void terminationFeeBeyondVestingComesFromUnlocked() {
        // 64,000 FIL per TiB: pledge 2,000 FIL; the fee is the fault-fee floor 106.134 FIL (above 2 % = 40 FIL), far
        // beyond the 21.6 FIL vesting
        Chain c = ChainFixture.chain(feeConfig(Fil.fil(680_000_000L), Fil.fil(64_000), false, true));
        World w = new World(c);
        long n = w.commitCc(MIN_LIFE);
        assertEquals(Fil.fil(2_000), w.m.initialPledge());
        c.advanceTo(DAY);
        BigInteger fee = w.m.terminateSectors(w.owner, List.of(n));
        assertEquals(Fil.parseFil("106.134"), fee);
        assertEquals(BigInteger.ZERO, w.m.lockedFunds());
        assertTrue(w.m.vestingTable().isEmpty());
        assertEquals(BigInteger.ZERO, w.m.feeDebt());
        assertEquals(Fil.fil(2_000).add(DAY_REWARD).subtract(fee), w.m.availableBalance());
        assertEquals(fee, c.fil().balance(Chain.BURN));
        assertChainInvariants(c);
    }

    @Test
    void terminationFeeBecomesDebtWhenNothingIsFree() {
        // both fees on: after the first day the fee debt (0.1012 FIL) exceeds the 1/32 FIL pledge
        BigInteger dayFee = new BigInteger("111199795669893120");
        Chain c = ChainFixture.chain(feeConfig(Fil.fil(20_000_000_000_000L), Fil.fil(1), true, true));
        World w = new World(c);
        c.advanceTo(DAY - 1);
        long n = w.commitCc(DAY - 1 + MIN_LIFE);
        BigInteger pledge = Fil.fil(1).divide(big(32));
        c.advanceTo(DAY);
        BigInteger debt = dayFee.subtract(Fil.parseFil("0.01"));
        assertEquals(debt, w.m.feeDebt());
        BigInteger burned = w.m.feesBurned();

        BigInteger expected = Miner.terminationFee(c, w.m.sector(n), c.epoch());
        assertEquals(Fil.mulDiv(c.faultFeeFor(32 * GIB), 105, 100), expected, "the fault-fee floor binds");
        BigInteger fee = w.m.terminateSectors(w.owner, List.of(n));
        assertEquals(expected, fee);
        assertEquals(debt.add(fee), w.m.feeDebt(), "the whole fee becomes debt: the released pledge is owed already");
        assertEquals(burned, w.m.feesBurned());
        assertEquals(pledge, w.m.unlockedBalance());
        assertEquals(BigInteger.ZERO, w.m.availableBalance());
        assertChainInvariants(c);
        refused(c, ExitCode.USR_INSUFFICIENT_FUNDS, "miner.unpaid_fee_debt", () -> w.m.withdrawBalance(w.owner, Fil.fil(1)));
        // a deposit lets the debt be repaid; the withdrawal then pays the rest
        w.m.deposit(w.owner, Fil.fil(200));
        BigInteger paid = w.m.withdrawBalance(w.owner, Fil.fil(1_000));
        assertEquals(Fil.fil(200).add(pledge).subtract(debt).subtract(fee), paid);
        assertEquals(BigInteger.ZERO, w.m.feeDebt());
        assertEquals(BigInteger.ZERO, w.m.balance());
        assertEquals(burned.add(debt).add(fee), c.fil().balance(Chain.BURN));
        assertChainInvariants(c);
    }
}
