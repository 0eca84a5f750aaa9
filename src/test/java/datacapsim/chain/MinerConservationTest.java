package datacapsim.chain;

import static datacapsim.chain.MinerTestKit.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** FIL conservation and the miners' money identities after every step of a scenario with both fees on. */
class MinerConservationTest {
    /** 1 PiB outside, 20 FIL an epoch, 16 FIL pledge per TiB, circulating supply 2e13 FIL (a 0.11 FIL daily fee per 32 GiB). */
    private static ChainConfig cfg() {
        BigInteger exo = big(Policy.PiB);
        return config(exo, exo, 0, Fil.fil(20_000_000_000_000L), Fil.fil(20), Fil.fil(16), ChainConfig.Payout.EXPECTED, true, true);
    }

    @Test
    void scriptedScenarioConservesFil() {
        Chain c = ChainFixture.chain(cfg());
        World a = new World(c);
        World b = new World(c, S64);
        Address ownerC = c.newAccount();
        c.fil().endow(ownerC, Fil.fil(10));
        Miner mc = c.createMiner(ownerC, ownerC, S32);
        Address benA = c.newAccount();
        assertChainInvariants(c);

        long cc1 = a.commitCc(MIN_LIFE);
        a.commitCc(MIN_LIFE + 10 * DAY);
        a.commitVerified(S32, MIN_LIFE + 20 * DAY);
        assertChainInvariants(c);
        c.advanceTo(100);
        long bv = b.commitVerified(S64, 100 + MIN_LIFE);
        assertChainInvariants(c);

        for (int d = 1; d <= 3; d++) {
            c.advanceTo(d * DAY);
            assertChainInvariants(c);
        }
        assertTrue(a.m.rewardsReceived().signum() > 0 && b.m.rewardsReceived().signum() > 0);
        assertTrue(a.m.feesBurned().signum() > 0, "daily fees were charged");

        BigInteger half = a.m.availableBalance().divide(big(2));
        assertEquals(half, a.m.withdrawBalance(a.owner, half));
        assertChainInvariants(c);

        a.m.changeBeneficiary(a.owner, benA, Fil.fil(1), 100 * DAY);
        assertChainInvariants(c);
        a.m.changeBeneficiary(benA, benA, Fil.fil(1), 100 * DAY);
        assertChainInvariants(c);
        c.advanceTo(5 * DAY);
        assertChainInvariants(c);
        assertEquals(Fil.fil(1), a.m.withdrawBalance(benA, Fil.fil(2)));
        assertEquals(Fil.fil(1), c.fil().balance(benA));
        assertChainInvariants(c);

        // C joins one epoch before a day ends: its first fee exceeds what it earned, leaving debt
        c.advanceTo(6 * DAY - 1);
        mc.proveCommitSector(ownerC, new Miner.SectorActivation(List.of(), 6 * DAY - 1 + MIN_LIFE), c.initialPledgeFor(32 * GIB));
        assertChainInvariants(c);
        c.advanceTo(6 * DAY);
        assertTrue(mc.feeDebt().signum() > 0, "C is in fee debt");
        assertChainInvariants(c);

        b.m.extendSectorExpiration(b.owner, bv, 100 + MIN_LIFE + 200 * DAY, List.of());
        assertChainInvariants(c);
        BigInteger fee = a.m.terminateSectors(a.owner, List.of(cc1));
        assertTrue(fee.signum() > 0);
        assertChainInvariants(c);

        for (long e = 7 * DAY; e <= MIN_LIFE + 30 * DAY; e += 13 * DAY + 7) {
            c.advanceTo(e);
            assertChainInvariants(c);
        }
        assertTrue(a.m.sectors().isEmpty(), "A's sectors have expired");
        mc.deposit(ownerC, Fil.fil(5));
        assertChainInvariants(c);
        mc.withdrawBalance(ownerC, Fil.fil(100));
        assertEquals(BigInteger.ZERO, mc.feeDebt());
        assertChainInvariants(c);
        c.advanceTo(MIN_LIFE + 400 * DAY);
        assertChainInvariants(c);
        assertEquals(BigInteger.ZERO, a.m.lockedFunds(), "all of A's rewards have vested");
        // everything A holds can leave: the owner is beneficiary again once the quota is spent
        a.m.changeBeneficiary(a.owner, a.owner, BigInteger.ZERO, 0);
        a.m.withdrawBalance(a.owner, Fil.fil(1_000_000));
        assertEquals(BigInteger.ZERO, a.m.balance());
        assertChainInvariants(c);
    }

    /** A seeded random walk over the miner's methods: every refused call changes nothing; every step conserves FIL. */
    @Test
    void randomWalkConservesFil() {
        RandomGenerator rnd = new MersenneTwister(20260704);
        Chain c = ChainFixture.chain(cfg());
        List<World> worlds = List.of(new World(c), new World(c, S64), new World(c));
        int applied = 0, refusedCount = 0;
        for (int step = 0; step < 600; step++) {
            World w = worlds.get(rnd.nextInt(worlds.size()));
            Runnable call = nextCall(c, w, rnd); // preparations (allocations) happen here, outside the checked call
            String before = ChainSnapshot.of(c);
            try {
                call.run();
                applied++;
            } catch (ActorError e) {
                refusedCount++;
                assertEquals(before, ChainSnapshot.of(c), "refused call changed state: " + e);
            }
            assertChainInvariants(c);
        }
        assertTrue(applied > 300, "applied " + applied);
        assertTrue(refusedCount > 20, "refused " + refusedCount);
        assertTrue(c.rewardToSimulated().signum() > 0);
        assertTrue(c.fil().balance(Chain.BURN).signum() > 0);
    }

    /** One random call on a miner (or the clock); any allocation it needs is made before it is returned. */
    private static Runnable nextCall(Chain c, World w, RandomGenerator rnd) {
        List<Long> ns = new ArrayList<>(w.m.sectors().keySet());
        long n = ns.isEmpty() ? 0 : ns.get(rnd.nextInt(ns.size()));
        Sector s = w.m.sector(n);
        switch (rnd.nextInt(9)) {
            case 0: {
                long to = c.epoch() + 1 + rnd.nextInt(3 * (int) DAY);
                return () -> c.advanceTo(to);
            }
            case 1: {
                long to = c.epoch() + 1 + rnd.nextInt(40 * (int) DAY);
                return () -> c.advanceTo(to);
            }
            case 2: {
                long exp = c.epoch() + MIN_LIFE - 10 + rnd.nextInt(400 * (int) DAY);
                if (rnd.nextBoolean()) return () -> w.commitCc(exp);
                List<Piece> pieces = List.of(w.verifiedPiece(w.m.sectorSize() / (1 + rnd.nextInt(2))));
                return () -> w.commit(pieces, exp);
            }
            case 3: {
                Address who = rnd.nextBoolean() ? w.owner : w.worker;
                BigInteger amount = Fil.parseFil("0.001").multiply(big(rnd.nextInt(100_000)));
                return () -> w.m.withdrawBalance(who, amount);
            }
            case 4:
                return () -> w.m.terminateSectors(w.owner, List.of(n));
            case 5: {
                long base = s == null ? c.epoch() : s.expiration();
                long to = base - 100 + rnd.nextInt(200 * (int) DAY);
                List<Long> drop = s == null || !rnd.nextBoolean() ? List.of() : s.claimIds();
                return () -> w.m.extendSectorExpiration(w.owner, n, to, drop);
            }
            case 6: {
                BigInteger amount = Fil.parseFil("0.01").multiply(big(rnd.nextInt(100)));
                return () -> w.m.deposit(w.owner, amount);
            }
            default: {
                PendingBeneficiaryChange p = w.m.pendingBeneficiaryChange();
                Address who = rnd.nextBoolean() ? w.worker : w.owner;
                if (p != null && rnd.nextBoolean())
                    return () -> w.m.changeBeneficiary(who, p.newBeneficiary(), p.newQuota(), p.newExpiration());
                if (w.m.beneficiary().equals(w.owner)) {
                    BigInteger quota = Fil.parseFil("0.1").multiply(big(1 + rnd.nextInt(10)));
                    long exp = c.epoch() + rnd.nextInt(100 * (int) DAY);
                    return () -> w.m.changeBeneficiary(w.owner, w.worker, quota, exp);
                }
                return () -> w.m.changeBeneficiary(w.owner, w.owner, BigInteger.ZERO, 0);
            }
        }
    }
}
