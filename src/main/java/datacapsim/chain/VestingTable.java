package datacapsim.chain;

import java.math.BigInteger;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A miner's vesting schedule: the attoFIL that unlocks at each epoch, soonest first, journaled like every chain state.
 * Exact, but held as mutable unsigned 128-bit cells instead of one new {@code BigInteger} per entry and reward: a
 * block reward adds a part to each of its 180 daily entries, which (with rewards every day) are mostly entries an
 * earlier reward made, so a reward walks the entries in order and adds in place. Amounts up to 2^120 attoFIL (far
 * above all FIL there is, about 2^91 attoFIL); more is refused. No entry holds zero: a part of zero makes none, and an
 * entry taken to zero is removed (as the map of {@code BigInteger} it replaces).
 */
final class VestingTable {
    private static final int MAX_BITS = 120;
    private static final BigInteger MASK64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** An unsigned 128-bit amount. */
    private static final class Cell {
        long hi;
        long lo;

        Cell(long hi, long lo) {
            this.hi = hi;
            this.lo = lo;
        }

        void add(long bHi, long bLo) {
            long s = lo + bLo;
            hi = hi + bHi + (Long.compareUnsigned(s, lo) < 0 ? 1 : 0);
            lo = s;
        }

        void subtract(long bHi, long bLo) {
            long borrow = Long.compareUnsigned(lo, bLo) < 0 ? 1 : 0;
            lo = lo - bLo;
            hi = hi - bHi - borrow;
        }

        boolean isZero() { return hi == 0 && lo == 0; }

        BigInteger toBig() { return big(hi, lo); }
    }

    private final Journal journal;
    private final TreeMap<Long, Cell> cells = new TreeMap<>();

    VestingTable(Journal journal) { this.journal = journal; }

    boolean isEmpty() { return cells.isEmpty(); }

    /** The schedule as epoch → amount (a copy, in epoch order). */
    NavigableMap<Long, BigInteger> view() {
        TreeMap<Long, BigInteger> out = new TreeMap<>();
        for (Map.Entry<Long, Cell> e : cells.entrySet()) out.put(e.getKey(), e.getValue().toBig());
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
        boolean qZero = q[0] == 0 && q[1] == 0;
        Iterator<Map.Entry<Long, Cell>> it = cells.tailMap(now + stepEpochs, true).entrySet().iterator();
        Map.Entry<Long, Cell> cur = it.hasNext() ? it.next() : null;
        long[] fresh = new long[(int) steps];
        int freshCount = 0;
        for (long k = 1; k <= steps; k++) {
            long extra = Math.multiplyExact(r, k) / steps - Math.multiplyExact(r, k - 1) / steps;
            if (extra == 0 && qZero) continue;
            long at = now + k * stepEpochs;
            while (cur != null && cur.getKey() < at) cur = it.hasNext() ? it.next() : null;
            if (cur != null && cur.getKey() == at) {
                cur.getValue().add(q[0], q[1]);
                if (extra != 0) cur.getValue().add(0, 1);
            } else {
                fresh[freshCount++] = k; // inserted after the walk (an insert would break the iterator)
            }
        }
        for (int i = 0; i < freshCount; i++) {
            long k = fresh[i];
            long extra = Math.multiplyExact(r, k) / steps - Math.multiplyExact(r, k - 1) / steps;
            Cell c = new Cell(q[0], q[1]);
            if (extra != 0) c.add(0, 1);
            long at = now + k * stepEpochs;
            cells.put(at, c);
        }
        if (journal.inTransaction()) journal.record(() -> undoLinear(q, r, now, steps, stepEpochs, qZero));
    }

    private void undoLinear(long[] q, long r, long now, long steps, long stepEpochs, boolean qZero) {
        for (long k = 1; k <= steps; k++) {
            long extra = Math.multiplyExact(r, k) / steps - Math.multiplyExact(r, k - 1) / steps;
            if (extra == 0 && qZero) continue;
            long at = now + k * stepEpochs;
            Cell c = cells.get(at);
            c.subtract(q[0], q[1]);
            if (extra != 0) c.subtract(0, 1);
            if (c.isZero()) cells.remove(at);
        }
    }

    /** Removes every entry due at or before {@code now}; returns their sum. */
    BigInteger unlock(long now) {
        BigInteger total = BigInteger.ZERO;
        while (!cells.isEmpty() && cells.firstKey() <= now) {
            Map.Entry<Long, Cell> e = cells.pollFirstEntry();
            total = total.add(e.getValue().toBig());
            restoreOnUndo(e.getKey(), e.getValue());
        }
        return total;
    }

    /** Takes up to {@code amount} from the entries, soonest first; returns what it took. */
    BigInteger take(BigInteger amount) {
        if (amount.signum() <= 0 || cells.isEmpty()) return BigInteger.ZERO;
        BigInteger taken = BigInteger.ZERO;
        // the rest still to take, as 128 bits when it fits (else every entry is smaller than it)
        boolean huge = amount.bitLength() > MAX_BITS;
        long[] rest = huge ? null : split(amount);
        Iterator<Map.Entry<Long, Cell>> it = cells.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Cell> e = it.next();
            Cell c = e.getValue();
            long oldHi = c.hi;
            long oldLo = c.lo;
            if (huge || compare(c.hi, c.lo, rest[0], rest[1]) <= 0) { // the whole entry
                it.remove();
                taken = taken.add(c.toBig());
                if (!huge) {
                    Cell r = new Cell(rest[0], rest[1]);
                    r.subtract(c.hi, c.lo);
                    rest[0] = r.hi;
                    rest[1] = r.lo;
                }
                restoreOnUndo(e.getKey(), c);
            } else { // part of it, and done
                c.subtract(rest[0], rest[1]);
                taken = taken.add(big(rest[0], rest[1]));
                rest[0] = 0;
                rest[1] = 0;
                if (journal.inTransaction()) journal.record(() -> { c.hi = oldHi; c.lo = oldLo; });
            }
            if (!huge && rest[0] == 0 && rest[1] == 0) break;
        }
        return taken;
    }

    private void restoreOnUndo(long epoch, Cell c) {
        if (!journal.inTransaction()) return;
        long hi = c.hi;
        long lo = c.lo;
        journal.record(() -> {
            c.hi = hi;
            c.lo = lo;
            cells.put(epoch, c);
        });
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
