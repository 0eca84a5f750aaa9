package datacapsim.chain;

import java.math.BigInteger;

/** A journaled exact-integer cell (attoFIL, power sums). */
public final class JBig {
    private final Journal journal;
    private BigInteger value = BigInteger.ZERO;

    public JBig(Journal journal) { this.journal = journal; }

    public BigInteger get() { return value; }

    public void set(BigInteger v) {
        BigInteger old = value;
        journal.record(() -> value = old);
        value = v;
    }

    public void add(BigInteger delta) { if (delta.signum() != 0) set(value.add(delta)); }

    public void subtract(BigInteger delta) { if (delta.signum() != 0) set(value.subtract(delta)); }
}
