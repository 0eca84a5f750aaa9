package datacapsim.chain;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A miner's active sectors, held as exact batches (cohorts): a run of consecutive sector numbers whose sectors are
 * the same in every field but their number and, when they hold one claim each, that claim's id (the sectors one
 * provider seals on one day with the same expiration and pieces of equal size). A batch is one object with a count and
 * its members' claim ids as one array of longs, so memory
 * follows batches, not sectors; every rule still applies to each member as if it stood alone: a member is read as
 * its own {@link Sector}, and a member that diverges (extended, moved to 10 × QA power, terminated) splits the batch
 * in up to three (the members before it, itself, the members after it), and joins its neighbour again when it becomes
 * the neighbour's exact next member.
 *
 * <p>Only sectors without market deals or deal weights, holding at most one claim, batch; any other sector is a batch
 * of one. With batching off every sector is a batch of one (the one-object-per-sector representation the property
 * test compares against). Writes are journaled: a failed transaction restores the store.
 */
final class SectorStore {
    /**
     * Members {@code first.number() .. first.number() + count − 1}; member i is {@code first} renumbered by i, holding
     * claim {@code claims[i]} ({@code claims} is null when the members hold no claim). The array is never changed.
     */
    record Batch(Sector first, int count, long[] claims) {
        Batch {
            if (count < 1) throw new IllegalArgumentException("a batch holds at least one sector, got " + count);
            if (claims != null && claims.length != count)
                throw new IllegalArgumentException(claims.length + " claim ids for " + count + " sectors");
        }

        /** A batch of one sector. */
        static Batch of(Sector s) {
            // a sector with several claims never batches: it is its own first member and keeps its list
            return new Batch(s, 1, s.claimIds().size() == 1 ? new long[] {s.claimIds().get(0)} : null);
        }

        /** Members {@code from .. to − 1} of this batch. */
        Batch slice(long from, long to) {
            int a = (int) (from - start()), b = (int) (to - start());
            return new Batch(member(from), b - a, claims == null ? null : Arrays.copyOfRange(claims, a, b));
        }

        /** This batch followed by {@code next}, whose first member is this batch's exact next member. */
        Batch join(Batch next) {
            long[] c = null;
            if (claims != null) {
                c = Arrays.copyOf(claims, count + next.count);
                System.arraycopy(next.claims, 0, c, count, next.count);
            }
            return new Batch(first, count + next.count, c);
        }

        long start() { return first.number(); }

        /** One past the last member's number. */
        long end() { return first.number() + count; }

        boolean holds(long number) { return number >= start() && number < end(); }

        /** Member {@code number}: the first sector renumbered, its claim id stepped by the same amount. */
        Sector member(long number) {
            if (number == first.number()) return first;
            int i = (int) (number - first.number());
            List<Long> held = claims == null ? List.of() : List.of(claims[i]);
            return new Sector(number, first.size(), first.verifiedBytes(), first.activation(), first.expiration(),
                    first.initialPledge(), first.dailyFee(), held, List.of(), first.dealWeight(),
                    first.verifiedDealWeight(), first.qaPower(), first.fullQa());
        }

        /** Whether {@code next} continues this batch exactly (its first member is this batch's next member). */
        boolean canJoin(Batch next) {
            return (long) count + next.count <= Integer.MAX_VALUE && accepts(next.first());
        }

        /** Whether {@code s} is this batch's exact next member. */
        boolean accepts(Sector s) {
            return count < Integer.MAX_VALUE && s.number() == end() && batchable(first) && batchable(s)
                    && sameTerms(first, s) && first.claimIds().size() == s.claimIds().size();
        }
    }

    /** A batch's place in the expiration queue: its expiration, then its first member's number. */
    record ExpKey(long epoch, long sector) implements Comparable<ExpKey> {
        @Override
        public int compareTo(ExpKey o) {
            int c = Long.compare(epoch, o.epoch);
            return c != 0 ? c : Long.compare(sector, o.sector);
        }
    }

    private final JMap<Long, Batch> batches;
    /** (expiration, first member's number) of every batch. */
    private final JMap<ExpKey, Boolean> queue;
    private final JLong count;
    private final boolean batching;
    private final Map<Long, Sector> view = new View();
    private final Journal journal;
    /**
     * The batch the last look-up found, valid while {@code links} is unchanged: the walks of agents and cron read
     * consecutive numbers of one batch, so most look-ups skip the tree. Every link and unlink, and the undo of each,
     * moves {@code links} (a rollback restores the batches through the journal, never through this cache).
     */
    private Batch lastFound;
    private long lastFoundAt = -1;
    private long links;

    SectorStore(Journal journal, boolean batching) {
        this.batches = new JMap<>(journal);
        this.queue = new JMap<>(journal);
        this.count = new JLong(journal);
        this.batching = batching;
        this.journal = journal;
    }

    /** The number of active sectors (members of all batches). */
    long size() { return count.get(); }

    /** The number of batches (objects held). */
    int batchCount() { return batches.size(); }

    /** The active sector {@code number}, or null. */
    Sector get(long number) {
        Batch b = batchOf(number);
        return b == null ? null : b.member(number);
    }

    /**
     * How many active sectors from {@code number} on are alike (members of its batch from it to the batch's end: the
     * same terms, pledge, fee and power, different numbers and claims); 0 when {@code number} is not active.
     */
    long alike(long number) {
        Batch b = batchOf(number);
        return b == null ? 0 : b.end() - number;
    }

    /** Whether active sector {@code number} holds claim {@code claimId} and expires after {@code epoch} (no copy). */
    boolean holdsClaim(long number, long claimId, long epoch) {
        Batch b = batchOf(number);
        if (b == null || b.first().expiration() <= epoch) return false;
        if (b.claims() != null && b.count() > 1) return b.claims()[(int) (number - b.start())] == claimId;
        return b.first().claimIds().contains(claimId); // a batch of one keeps its sector's own list
    }

    /** A read-only map view, in sector number order, members read one by one. */
    Map<Long, Sector> view() { return view; }

    /** The earliest expiration epoch of any sector, or Long.MAX_VALUE. */
    long nextExpiration() { return queue.isEmpty() ? Long.MAX_VALUE : queue.view().firstKey().epoch(); }

    /** Adds a new sector (its number not active): it joins the batch that ends just before it when it continues it. */
    void add(Sector s) {
        if (batchOf(s.number()) != null) throw new IllegalStateException("sector " + s.number() + " is already active");
        place(s);
        count.add(1);
    }

    /** Replaces active sector {@code updated.number()} by {@code updated}, splitting its batch where needed. */
    void replace(Sector updated) {
        cut(updated.number());
        place(updated);
    }

    /** Removes active sector {@code number}, splitting its batch where needed; returns the removed sector. */
    Sector remove(long number) {
        Sector s = cut(number);
        count.add(-1);
        return s;
    }

    /** Removes every batch whose expiration is at or before {@code now}; returns them in (expiration, number) order. */
    List<Batch> expire(long now) {
        NavigableMap<ExpKey, Boolean> due = queue.view().headMap(new ExpKey(now, Long.MAX_VALUE), true);
        if (due.isEmpty()) return List.of();
        List<Batch> out = new ArrayList<>(due.size());
        for (ExpKey k : new ArrayList<>(due.keySet())) {
            Batch b = batches.get(k.sector());
            unlink(b);
            count.add(-b.count());
            out.add(b);
        }
        return out;
    }

    // ------------------------------------------------------------------ internals
    private Batch batchOf(long number) {
        Batch b = lastFound;
        if (b != null && lastFoundAt == links && b.holds(number)) return b;
        b = batches.floorValue(number);
        if (b == null || !b.holds(number)) return null;
        lastFound = b;
        lastFoundAt = links;
        return b;
    }

    /** Takes member {@code number} out of its batch (which must exist), keeping the members before and after. */
    private Sector cut(long number) {
        Batch b = batchOf(number);
        if (b == null) throw new IllegalStateException("sector " + number + " is not active");
        Sector s = b.member(number);
        unlink(b);
        if (number > b.start()) link(b.slice(b.start(), number));
        if (number + 1 < b.end()) link(b.slice(number + 1, b.end()));
        return s;
    }

    /** Puts a sector whose number is free: joined to the batch ending just before it, and to the one just after. */
    private void place(Sector s) {
        Batch before = batching ? batchOf(s.number() - 1) : null;
        Batch after = batching ? batches.get(s.number() + 1) : null;
        Batch merged = Batch.of(s);
        if (before != null && before.accepts(s)) {
            unlink(before);
            merged = before.join(merged);
        }
        if (after != null && merged.canJoin(after)) {
            unlink(after);
            merged = merged.join(after);
        }
        link(merged);
    }

    private void link(Batch b) {
        batches.put(b.start(), b);
        queue.put(new ExpKey(b.first().expiration(), b.start()), Boolean.TRUE);
        moved();
    }

    private void unlink(Batch b) {
        batches.remove(b.start());
        queue.remove(new ExpKey(b.first().expiration(), b.start()));
        moved();
    }

    /** The batches changed (and change again if the transaction rolls back): the look-up cache is stale. */
    private void moved() {
        links++;
        journal.record(() -> links++);
    }

    private static boolean batchable(Sector s) {
        return s.dealIds().isEmpty() && !s.weighted() && s.claimIds().size() <= 1;
    }

    private static boolean sameTerms(Sector a, Sector b) {
        return a.size() == b.size() && a.verifiedBytes() == b.verifiedBytes() && a.activation() == b.activation()
                && a.expiration() == b.expiration() && a.qaPower() == b.qaPower() && a.fullQa() == b.fullQa()
                && a.initialPledge().equals(b.initialPledge()) && a.dailyFee().equals(b.dailyFee());
    }

    /** The read-only map of sector number → sector over the batches. */
    private final class View extends AbstractMap<Long, Sector> {
        @Override public int size() { return Math.toIntExact(count.get()); }

        @Override public boolean isEmpty() { return count.get() == 0; }

        @Override public boolean containsKey(Object key) { return key instanceof Long n && batchOf(n) != null; }

        @Override public Sector get(Object key) { return key instanceof Long n ? SectorStore.this.get(n) : null; }

        @Override
        public Set<Entry<Long, Sector>> entrySet() {
            return new AbstractSet<>() {
                @Override public int size() { return View.this.size(); }

                @Override
                public Iterator<Entry<Long, Sector>> iterator() {
                    Iterator<Batch> it = batches.values().iterator();
                    return new Iterator<>() {
                        private Batch b;
                        private long next;

                        @Override public boolean hasNext() { return (b != null && next < b.end()) || it.hasNext(); }

                        @Override
                        public Entry<Long, Sector> next() {
                            if (b == null || next >= b.end()) {
                                if (!it.hasNext()) throw new NoSuchElementException();
                                b = it.next();
                                next = b.start();
                            }
                            long n = next++;
                            return Map.entry(n, b.member(n));
                        }
                    };
                }
            };
        }
    }
}
