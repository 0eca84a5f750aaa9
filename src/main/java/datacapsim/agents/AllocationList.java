package datacapsim.agents;

import datacapsim.chain.Address;
import java.util.Arrays;

/**
 * A client's allocation ids (a claim keeps its allocation's id) with their providers, in the order added: what a
 * {@code LinkedHashMap<Long, Address>} of new ids gave, in primitive arrays (an id and a reference per entry, no boxes
 * or entries). A walk reads the entries in order and may remove the one it is at; removed slots are skipped and
 * closed up when a walk reaches the end. Ids are added once each (the registry's ids are unique). Not journaled:
 * agents' bookkeeping, never chain state.
 */
final class AllocationList {
    private static final int INITIAL = 4;
    private long[] ids = new long[INITIAL];
    private Address[] providers = new Address[INITIAL];
    /** Slots in use, removed ones included. */
    private int end;
    /** Removed slots below {@link #end} (their provider null). */
    private int removed;

    /** Appends {@code id} with its provider (a new id). */
    void add(long id, Address provider) {
        if (provider == null) throw new IllegalArgumentException("allocation " + id + " without a provider");
        if (end == ids.length) {
            ids = Arrays.copyOf(ids, end * 2);
            providers = Arrays.copyOf(providers, end * 2);
        }
        ids[end] = id;
        providers[end] = provider;
        end++;
    }

    boolean isEmpty() { return end == removed; }

    /** The number of entries. */
    int size() { return end - removed; }

    void clear() {
        ids = new long[INITIAL];
        providers = new Address[INITIAL];
        end = 0;
        removed = 0;
    }

    /** A walk over the entries in the order added (entries added during it are walked too). */
    Walk walk() { return new Walk(); }

    /** Closes up removed slots, keeping the order; gives back most of the room when far more than needed. */
    private void compact() {
        int w = 0;
        for (int r = 0; r < end; r++) {
            if (providers[r] == null) continue;
            ids[w] = ids[r];
            providers[w] = providers[r];
            w++;
        }
        Arrays.fill(providers, w, end, null);
        end = w;
        removed = 0;
        if (ids.length > INITIAL && ids.length > 4L * end) {
            int room = Math.max(INITIAL, end * 2);
            ids = Arrays.copyOf(ids, room);
            providers = Arrays.copyOf(providers, room);
        }
    }

    /** A cursor: {@code while (w.next()) { w.id(); w.provider(); w.remove(); }}. */
    final class Walk {
        private int at = -1;

        /** Moves to the next entry; false (and the list closed up) at the end. */
        boolean next() {
            do at++; while (at < end && providers[at] == null);
            if (at < end) return true;
            if (removed > 0) compact();
            at = end;
            return false;
        }

        long id() { return ids[at]; }

        Address provider() { return providers[at]; }

        /** Removes the entry it is at. */
        void remove() {
            if (providers[at] == null) throw new IllegalStateException("removed already");
            providers[at] = null;
            removed++;
        }
    }
}
