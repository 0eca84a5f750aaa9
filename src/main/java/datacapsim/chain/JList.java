package datacapsim.chain;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An append-only list whose appends are journaled like {@link JMap}'s writes: a failed transaction truncates it back.
 * Appending is O(1) amortised. {@link #snapshot()} returns an immutable list of the elements as they are now, also in
 * O(1): later appends and rollbacks never change a snapshot (appends only write past every snapshot's end, and a
 * truncation moves the list to a fresh array).
 */
public final class JList<E> {
    private static final Object[] EMPTY = {};
    private final Journal journal;
    private Object[] items = EMPTY;
    private int size;

    public JList(Journal journal) { this.journal = journal; }

    public int size() { return size; }

    public boolean isEmpty() { return size == 0; }

    @SuppressWarnings("unchecked")
    public E get(int i) {
        Objects.checkIndex(i, size);
        return (E) items[i];
    }

    /** Appends {@code e} (not null). */
    public void add(E e) {
        Objects.requireNonNull(e, "element");
        if (size == items.length) items = Arrays.copyOf(items, Math.max(4, size * 2));
        int before = size;
        items[size++] = e;
        journal.record(() -> truncate(before));
    }

    /** An immutable list of the elements now (the empty {@code List.of()} when there are none). */
    public List<E> snapshot() { return size == 0 ? List.of() : new Snapshot<>(items, size); }

    private void truncate(int n) {
        items = n == 0 ? EMPTY : Arrays.copyOf(items, n); // a fresh array: snapshots keep the elements they saw
        size = n;
    }

    private static final class Snapshot<E> extends AbstractList<E> implements RandomAccess {
        private final Object[] items;
        private final int size;

        Snapshot(Object[] items, int size) {
            this.items = items;
            this.size = size;
        }

        @Override
        @SuppressWarnings("unchecked")
        public E get(int i) {
            Objects.checkIndex(i, size);
            return (E) items[i];
        }

        @Override
        public int size() { return size; }
    }
}
