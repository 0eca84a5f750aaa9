package datacapsim.chain;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A miner's vesting schedule: the attoFIL that unlocks at each epoch, soonest first, journaled like every chain state.
 * Exact, but held as unsigned 128-bit amounts in sorted arrays instead of one new {@code BigInteger} per entry and
 * reward: a block reward adds a part to each of its 180 daily entries, which (with rewards every day) are the entries
 * earlier rewards made plus one new last entry, so a reward walks the arrays in order and adds in place; unlocking and
 * fees take from the front. Amounts up to 2^120 attoFIL (far
 * above all FIL there is, about 2^91 attoFIL); more is refused. No entry holds zero: a part of zero makes none, and an
 * entry taken to zero is removed (as the map of {@code BigInteger} it replaces).
 */
final class VestingTable {
    private static final int MAX_BITS = 120;
    private static final BigInteger MASK64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final Journal journal;
    // entries [head, head + size) of the arrays, by ascending epoch; amount = hi·2^64 + lo (lo unsigned)
    private long[] epochs = new long[16];
    private long[] his = new long[16];
    private long[] los = new long[16];
    private int head;
    private int size;

    VestingTable(Journal journal) { this.journal = journal; }

    boolean isEmpty() { return size == 0; }

    /** The schedule as epoch → amount (a copy, in epoch order). */
    NavigableMap<Long, BigInteger> view() {
        TreeMap<Long, BigInteger> out = new TreeMap<>();
        for (int i = head; i < head + size; i++) out.put(epochs[i], big(his[i], los[i]));
        return Collections.unmodifiableNavigableMap(out);
    }

    /**
     * Adds {@code locked} vesting linearly over {@code steps} entries at {@code now + k·stepEpochs}, k = 1..steps:
     * entry k gets floor(locked·k/steps) − floor(locked·(k−1)/steps). With locked = q·steps + r that is q plus
     * floor(r·k/steps) − floor(r·(k−1)/steps) (0 or 1).
     */
    void addLinear(BigInteger locked, long now, long steps, long stepEpochs) {
        if (locked.signum() <= 0) return;
        BigInteger[] qr = locked.divideAndRemainder(BigInteger.valueOf(steps));
        long[] q = split(qr[0]);
        long r = qr[1].longValueExact();
        apply(q[0], q[1], r, now, steps, stepEpochs, +1);
        if (journal.inTransaction()) journal.record(() -> apply(q[0], q[1], r, now, steps, stepEpochs, -1));
    }

    /** Adds (sign +1) or takes back (−1) each step's part; an entry taken back to zero goes. */
    private void apply(long qHi, long qLo, long r, long now, long steps, long stepEpochs, int sign) {
        boolean qZero = qHi == 0 && qLo == 0;
        int i = lowerBound(now + stepEpochs);
        for (long k = 1; k <= steps; k++) {
            long extra = Math.multiplyExact(r, k) / steps - Math.multiplyExact(r, k - 1) / steps;
            if (extra == 0 && qZero) continue;
            long at = now + k * stepEpochs;
            long pLo = qLo + extra;
            long pHi = qHi + (Long.compareUnsigned(pLo, qLo) < 0 ? 1 : 0);
            int end = head + size;
            while (i < end && epochs[i] < at) i++;
            if (i < end && epochs[i] == at) {
                if (sign > 0) {
                    add(i, pHi, pLo);
                } else {
                    subtract(i, pHi, pLo);
                    if (his[i] == 0 && los[i] == 0) removeAt(i);
                }
            } else if (sign > 0) {
                i = insertAt(i, at, pHi, pLo);
            } else {
                throw new IllegalStateException("no vesting entry at " + at + " to take back");
            }
        }
    }

    /** Removes every entry due at or before {@code now}; returns their sum. */
    BigInteger unlock(long now) {
        BigInteger total = BigInteger.ZERO;
        while (size > 0 && epochs[head] <= now) {
            total = total.add(big(his[head], los[head]));
            restoreOnUndo(epochs[head], his[head], los[head]);
            removeAt(head);
        }
        return total;
    }

    /** Takes up to {@code amount} from the entries, soonest first; returns what it took. */
    BigInteger take(BigInteger amount) {
        if (amount.signum() <= 0 || size == 0) return BigInteger.ZERO;
        BigInteger taken = BigInteger.ZERO;
        // the rest still to take, as 128 bits when it fits (else every entry is smaller than it)
        boolean huge = amount.bitLength() > MAX_BITS;
        long[] rest = huge ? null : split(amount);
        while (size > 0) {
            long e = epochs[head];
            long h = his[head];
            long l = los[head];
            if (huge || compare(h, l, rest[0], rest[1]) <= 0) { // the whole entry
                taken = taken.add(big(h, l));
                if (!huge) {
                    long rl = rest[1] - l;
                    rest[0] = rest[0] - h - (Long.compareUnsigned(rest[1], l) < 0 ? 1 : 0);
                    rest[1] = rl;
                }
                restoreOnUndo(e, h, l);
                removeAt(head);
            } else { // part of it, and done
                subtract(head, rest[0], rest[1]);
                taken = taken.add(big(rest[0], rest[1]));
                if (journal.inTransaction()) journal.record(() -> {
                    int i = indexOf(e);
                    his[i] = h;
                    los[i] = l;
                });
                break;
            }
            if (!huge && rest[0] == 0 && rest[1] == 0) break;
        }
        return taken;
    }

    // ------------------------------------------------------------------ internals
    private void add(int i, long bHi, long bLo) {
        long s = los[i] + bLo;
        his[i] = his[i] + bHi + (Long.compareUnsigned(s, los[i]) < 0 ? 1 : 0);
        los[i] = s;
    }

    private void subtract(int i, long bHi, long bLo) {
        long borrow = Long.compareUnsigned(los[i], bLo) < 0 ? 1 : 0;
        los[i] = los[i] - bLo;
        his[i] = his[i] - bHi - borrow;
    }

    /** A removed entry comes back if the transaction rolls back. */
    private void restoreOnUndo(long epoch, long h, long l) {
        if (journal.inTransaction()) journal.record(() -> insertAt(lowerBound(epoch), epoch, h, l));
    }

    /** The first index whose epoch is at least {@code epoch} (head + size when none). */
    private int lowerBound(long epoch) {
        int p = Arrays.binarySearch(epochs, head, head + size, epoch);
        return p >= 0 ? p : -p - 1;
    }

    private int indexOf(long epoch) {
        int p = Arrays.binarySearch(epochs, head, head + size, epoch);
        if (p < 0) throw new IllegalStateException("no vesting entry at " + epoch);
        return p;
    }

    /** Inserts an entry before index {@code i}; returns its index (the arrays may have moved). */
    private int insertAt(int i, long epoch, long h, long l) {
        if (head + size == epochs.length) {
            if (head > 0) { // close up the taken front first
                System.arraycopy(epochs, head, epochs, 0, size);
                System.arraycopy(his, head, his, 0, size);
                System.arraycopy(los, head, los, 0, size);
                i -= head;
                head = 0;
            }
            if (size == epochs.length) {
                epochs = Arrays.copyOf(epochs, size * 2);
                his = Arrays.copyOf(his, size * 2);
                los = Arrays.copyOf(los, size * 2);
            }
        }
        int end = head + size;
        System.arraycopy(epochs, i, epochs, i + 1, end - i);
        System.arraycopy(his, i, his, i + 1, end - i);
        System.arraycopy(los, i, los, i + 1, end - i);
        epochs[i] = epoch;
        his[i] = h;
        los[i] = l;
        size++;
        return i;
    }

    private void removeAt(int i) {
        if (i == head) {
            head++;
        } else {
            int end = head + size;
            System.arraycopy(epochs, i + 1, epochs, i, end - i - 1);
            System.arraycopy(his, i + 1, his, i, end - i - 1);
            System.arraycopy(los, i + 1, los, i, end - i - 1);
        }
        size--;
        if (size == 0) head = 0;
    }

    private static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compare(aHi, bHi); // both below 2^120: the high words are non-negative
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    private static long[] split(BigInteger x) {
        if (x.signum() < 0 || x.bitLength() > MAX_BITS)
            throw new ArithmeticException("vesting amount " + x + " outside [0, 2^" + MAX_BITS + ") attoFIL");
        return new long[] {x.shiftRight(64).longValue(), x.longValue()};
    }

    private static BigInteger big(long hi, long lo) {
        if (hi == 0 && lo >= 0) return BigInteger.valueOf(lo);
        return BigInteger.valueOf(hi).shiftLeft(64).or(BigInteger.valueOf(lo).and(MASK64));
    }
}
