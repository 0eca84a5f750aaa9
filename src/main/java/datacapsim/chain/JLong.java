package datacapsim.chain;

/** A journaled long cell with overflow-checked arithmetic. */
public final class JLong {
    private final Journal journal;
    private long value;

    public JLong(Journal journal) { this.journal = journal; }

    public long get() { return value; }

    public void set(long v) {
        long old = value;
        journal.record(() -> value = old);
        value = v;
    }

    public void add(long delta) { set(Math.addExact(value, delta)); }
}
