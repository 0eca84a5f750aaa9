package datacapsim.chain;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One provider's claims in the verified registry, held as exact batches (cohorts): the claims one provider makes in a
 * run of consecutive sectors for one client with the same size and terms (the sectors one provider seals on one day
 * for one client's deals). A batch is one object with its members' claim ids and data ids as arrays of longs;
 * member i sits in the batch's first sector + i. Every rule still applies to each member as if it stood alone: a
 * member is read as its own {@link Claim}, and a member that changes (its term extended) or leaves (removed after it
 * expired) is cut out of its batch, which keeps the larger side in place and moves the smaller to a new batch (so
 * cutting the members one by one costs a log factor, not a square). A look-up goes through a primitive hash index of
 * claim id → batch (fastutil's {@code Long2ObjectOpenHashMap}: about 16 bytes a claim instead of a boxed key, a tree
 * entry, a hash node and a record), then a binary search of the batch's ids (which ascend).
 *
 * <p>With batching off every claim is a batch of one (the one-object-per-claim representation the property test
 * compares against). Writes are journaled: a failed transaction restores the store; what a walk observes (the view's
 * id order, {@link #expiredIds}) does not depend on how the claims are batched.
 */
final class ClaimStore {
    /** Members {@code start .. start + count − 1} of the arrays; member k sits in sector {@code sector0 + k}. */
    private static final class Batch {
        final Address client;
        final long size;
        final long termMin;
        final long termMax;
        final long termStart;
        long sector0;
        int start;
        int count;
        long[] ids;
        long[] data;

        Batch(Claim c) {
            this.client = c.client();
            this.size = c.size();
            this.termMin = c.termMin();
            this.termMax = c.termMax();
            this.termStart = c.termStart();
            this.sector0 = c.sector();
            this.ids = new long[] {c.id()};
            this.data = new long[] {c.data()};
            this.count = 1;
        }

        /** A batch of members {@code from .. to − 1} (positions within {@code b}) of {@code b}. */
        Batch(Batch b, int from, int to) {
            this.client = b.client;
            this.size = b.size;
            this.termMin = b.termMin;
            this.termMax = b.termMax;
            this.termStart = b.termStart;
            this.sector0 = b.sector0 + from;
            this.ids = Arrays.copyOfRange(b.ids, b.start + from, b.start + to);
            this.data = Arrays.copyOfRange(b.data, b.start + from, b.start + to);
            this.count = to - from;
        }

        long lastId() { return ids[start + count - 1]; }

        /** The position of claim {@code id} among the members, or −1. */
        int position(long id) {
            int p = Arrays.binarySearch(ids, start, start + count, id);
            return p < 0 ? -1 : p - start;
        }

        Claim member(int k, Address provider) {
            return new Claim(ids[start + k], provider, client, data[start + k], size, termMin, termMax, termStart,
                    sector0 + k);
        }

        /** Whether {@code c} is this batch's exact next member (next sector, a higher id, the same terms). */
        boolean accepts(Claim c) {
            return count < Integer.MAX_VALUE - 8 && c.sector() == sector0 + count && c.id() > lastId()
                    && c.client().equals(client) && c.size() == size && c.termMin() == termMin
                    && c.termMax() == termMax && c.termStart() == termStart;
        }
    }

    private final Journal journal;
    private final Address provider;
    private final boolean batching;
    private final Long2ObjectOpenHashMap<Batch> index = new Long2ObjectOpenHashMap<>();
    /** The live batches (insertion order; only sorted results leave the store). */
    private final LinkedHashSet<Batch> batches = new LinkedHashSet<>();
    /** The batch the last new claim went to: the next claim of a commit run continues it (a hint, not state). */
    private Batch last;
    private final Map<Long, Claim> view = new View();

    ClaimStore(Journal journal, Address provider, boolean batching) {
        this.journal = journal;
        this.provider = provider;
        this.batching = batching;
    }

    int size() { return index.size(); }

    boolean isEmpty() { return index.isEmpty(); }

    /** The number of batches (objects held). */
    int batchCount() { return batches.size(); }

    Claim get(long id) {
        Batch b = index.get(id);
        return b == null ? null : b.member(b.position(id), provider);
    }

    /** Puts {@code c} (new, or replacing the claim with its id); returns the claim it replaced, or null. */
    Claim put(Claim c) {
        Claim old = remove(c.id());
        place(c);
        return old;
    }

    /** Removes claim {@code id}; returns it, or null when there is none. */
    Claim remove(long id) {
        Batch b = index.get(id);
        if (b == null) return null;
        int k = b.position(id);
        Claim old = b.member(k, provider);
        cut(b, k);
        return old;
    }

    /** The ids of the claims with {@code now ≥ end}, ascending. */
    long[] expiredIds(long now) {
        int n = 0;
        for (Batch b : batches) if (now >= b.termStart + b.termMax) n += b.count;
        long[] out = new long[n];
        int i = 0;
        for (Batch b : batches) {
            if (now < b.termStart + b.termMax) continue;
            System.arraycopy(b.ids, b.start, out, i, b.count);
            i += b.count;
        }
        Arrays.sort(out);
        return out;
    }

    /** A read-only map view of claim id → claim, in id order (a walk sorts the ids: for tests and reports). */
    Map<Long, Claim> view() { return view; }

    // ------------------------------------------------------------------ internals
    private void place(Claim c) {
        Batch b = batching && last != null && batches.contains(last) && last.accepts(c) ? last : null;
        if (b != null) {
            append(b, c);
        } else {
            b = new Batch(c);
            addBatch(b);
            indexPut(c.id(), b);
        }
        last = b;
    }

    private void append(Batch b, Claim c) {
        int slot = b.start + b.count;
        if (slot == b.ids.length) { // grow (the copies keep every old slot, so undoing later appends stays exact)
            int cap = Math.max(4, b.ids.length * 2);
            b.ids = Arrays.copyOf(b.ids, cap);
            b.data = Arrays.copyOf(b.data, cap);
        }
        long oldId = b.ids[slot];
        long oldData = b.data[slot];
        b.ids[slot] = c.id();
        b.data[slot] = c.data();
        b.count++;
        record(() -> {
            b.count--;
            b.ids[slot] = oldId;
            b.data[slot] = oldData;
        });
        indexPut(c.id(), b);
    }

    /** Cuts member k out of {@code b}: the larger side stays in {@code b}, the smaller moves to a new batch. */
    private void cut(Batch b, int k) {
        indexRemove(b.ids[b.start + k]);
        int before = k;
        int after = b.count - k - 1;
        long sector0 = b.sector0;
        int start = b.start;
        int count = b.count;
        record(() -> {
            b.sector0 = sector0;
            b.start = start;
            b.count = count;
        });
        if (before == 0 && after == 0) {
            removeBatch(b);
            b.count = 0;
            return;
        }
        if (before < after) { // b keeps the members after k; those before move
            if (before > 0) moveTo(new Batch(b, 0, before));
            b.sector0 = sector0 + k + 1;
            b.start = start + k + 1;
            b.count = after;
        } else { // b keeps the members before k; those after move
            if (after > 0) moveTo(new Batch(b, k + 1, count));
            b.count = before;
        }
    }

    /** Links a batch cut off another: it joins the live set and its members point to it. */
    private void moveTo(Batch nb) {
        addBatch(nb);
        for (int i = 0; i < nb.count; i++) indexPut(nb.ids[i], nb);
    }

    private void addBatch(Batch b) {
        batches.add(b);
        record(() -> batches.remove(b));
    }

    private void removeBatch(Batch b) {
        batches.remove(b);
        record(() -> batches.add(b));
    }

    private void indexPut(long id, Batch b) {
        Batch old = index.put(id, b);
        record(old == null ? () -> index.remove(id) : () -> index.put(id, old));
    }

    private void indexRemove(long id) {
        Batch old = index.remove(id);
        if (old != null) record(() -> index.put(id, old));
    }

    private void record(Runnable undo) {
        if (journal.inTransaction()) journal.record(undo);
    }

    /** The read-only map of claim id → claim over the batches. */
    private final class View extends AbstractMap<Long, Claim> {
        @Override public int size() { return index.size(); }

        @Override public boolean isEmpty() { return index.isEmpty(); }

        @Override public boolean containsKey(Object key) { return key instanceof Long id && index.containsKey(id); }

        @Override public Claim get(Object key) { return key instanceof Long id ? ClaimStore.this.get(id) : null; }

        @Override
        public Set<Entry<Long, Claim>> entrySet() {
            return new AbstractSet<>() {
                @Override public int size() { return index.size(); }

                @Override
                public Iterator<Entry<Long, Claim>> iterator() {
                    long[] ids = index.keySet().toLongArray();
                    Arrays.sort(ids);
                    return new Iterator<>() {
                        private int i;

                        @Override public boolean hasNext() { return i < ids.length; }

                        @Override
                        public Entry<Long, Claim> next() {
                            if (i >= ids.length) throw new NoSuchElementException();
                            long id = ids[i++];
                            return Map.entry(id, ClaimStore.this.get(id));
                        }
                    };
                }
            };
        }
    }
}
