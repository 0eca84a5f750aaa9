package datacapsim.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The vesting table against the map of {@code BigInteger} it replaced (the rule as written: each of the steps gets
 * floor(locked·k/steps) − floor(locked·(k−1)/steps), entries unlock when due, fees take soonest first), on random
 * sequences of rewards at mixed phases, unlocks and takes, some inside transactions that roll back.
 */
class VestingTableTest {
    private static final long STEP = 2880;
    private static final long STEPS = 180;

    /** The reference: one BigInteger per entry, written the plain way. */
    private static final class Reference {
        final TreeMap<Long, BigInteger> map = new TreeMap<>();

        void add(BigInteger locked, long now) {
            BigInteger n = BigInteger.valueOf(STEPS);
            for (long k = 1; k <= STEPS; k++) {
                BigInteger part = locked.multiply(BigInteger.valueOf(k)).divide(n)
                        .subtract(locked.multiply(BigInteger.valueOf(k - 1)).divide(n));
                if (part.signum() == 0) continue;
                map.merge(now + k * STEP, part, BigInteger::add);
            }
        }

        BigInteger unlock(long now) {
            BigInteger total = BigInteger.ZERO;
            while (!map.isEmpty() && map.firstKey() <= now) total = total.add(map.pollFirstEntry().getValue());
            return total;
        }

        BigInteger take(BigInteger amount) {
            BigInteger taken = BigInteger.ZERO;
            for (Long e : new ArrayList<>(map.keySet())) {
                if (taken.compareTo(amount) >= 0) break;
                BigInteger v = map.get(e);
                BigInteger t = v.min(amount.subtract(taken));
                if (t.equals(v)) map.remove(e);
                else map.put(e, v.subtract(t));
                taken = taken.add(t);
            }
            return taken;
        }
    }

    private static BigInteger amount(Random rnd) {
        return switch (rnd.nextInt(5)) {
            case 0 -> BigInteger.valueOf(rnd.nextInt(400)); // below the number of steps: parts of 0 and 1
            case 1 -> BigInteger.valueOf(rnd.nextLong() & Long.MAX_VALUE);
            case 2 -> new BigInteger(100, rnd); // above 2^64: the cells' high words
            case 3 -> BigInteger.ONE.shiftLeft(64).subtract(BigInteger.valueOf(rnd.nextInt(1000))); // carries
            default -> new BigInteger(70, rnd).multiply(BigInteger.valueOf(STEPS)); // exact multiples
        };
    }

    @Test
    void matchesTheMapOfBigIntegersOnRandomSequencesAndRollsBackExactly() {
        for (int seed = 1; seed <= 30; seed++) {
            Random rnd = new Random(seed);
            Journal j = new Journal();
            VestingTable t = new VestingTable(j);
            Reference ref = new Reference();
            long now = 0;
            for (int step = 0; step < 400; step++) {
                boolean tx = rnd.nextInt(4) == 0;
                boolean fail = tx && rnd.nextBoolean();
                Map<Long, BigInteger> before = t.view();
                int mark = tx ? j.begin() : 0;
                int op = rnd.nextInt(10);
                if (op < 5) {
                    BigInteger a = amount(rnd);
                    t.addLinear(a, now, STEPS, STEP);
                    if (!fail) ref.add(a, now);
                } else if (op < 8) {
                    BigInteger a = rnd.nextInt(3) == 0 ? new BigInteger(130, rnd) : amount(rnd);
                    BigInteger got = t.take(a);
                    if (!fail) assertEquals(ref.take(a), got, "seed " + seed + " step " + step + ": take " + a);
                } else {
                    BigInteger got = t.unlock(now);
                    if (!fail) assertEquals(ref.unlock(now), got, "seed " + seed + " step " + step + ": unlock");
                }
                if (tx) {
                    if (fail) j.rollback(mark);
                    else j.commit(mark);
                }
                if (fail) assertEquals(before, t.view(), "seed " + seed + " step " + step + ": rollback restores");
                assertEquals(ref.map, t.view(), "seed " + seed + " step " + step);
                assertTrue(t.view().values().stream().allMatch(v -> v.signum() > 0), "no entry holds zero");
                // mostly day steps (the entries of earlier rewards are reused), sometimes an odd phase
                now += rnd.nextInt(5) == 0 ? 1 + rnd.nextInt((int) STEP * 3) : STEP;
            }
        }
    }

    @Test
    void refusesAnAmountItCannotHold() {
        VestingTable t = new VestingTable(new Journal());
        assertThrows(ArithmeticException.class, () -> t.addLinear(BigInteger.ONE.shiftLeft(140), 0, STEPS, STEP));
        assertTrue(t.isEmpty());
    }
}
