package datacapsim.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A provider's claims as exact batches against a plain sorted map of claims, on random sequences: runs of claims in
 * consecutive sectors (which batch), term extensions and removals of random members (which cut batches), expired-id
 * walks, some inside transactions that roll back (which must restore the store exactly).
 */
class ClaimStoreTest {
    private static final Address PROVIDER = Address.of(1000);

    @Test
    void matchesAPlainMapOfClaimsAndRollsBackExactly() {
        long maxSaved = 0;
        for (int seed = 1; seed <= 40; seed++) {
            Random rnd = new Random(seed);
            Journal j = new Journal();
            ClaimStore store = new ClaimStore(j, PROVIDER, true);
            TreeMap<Long, Claim> ref = new TreeMap<>();
            long nextId = 1;
            long nextSector = 1;
            long now = 0;
            for (int step = 0; step < 300; step++) {
                boolean tx = rnd.nextInt(3) == 0;
                boolean fail = tx && rnd.nextBoolean();
                Map<Long, Claim> before = new TreeMap<>(store.view());
                int mark = tx ? j.begin() : 0;
                TreeMap<Long, Claim> next = new TreeMap<>(ref);
                int op = rnd.nextInt(10);
                if (op < 4 || ref.isEmpty()) { // a run of claims in consecutive sectors, one client and terms
                    Address client = Address.of(2000 + rnd.nextInt(2));
                    long termMax = 1000 + rnd.nextInt(3) * 500L;
                    int n = 1 + rnd.nextInt(12);
                    if (!ref.isEmpty() && rnd.nextInt(4) == 0) { // sometimes into sectors a cut member left free
                        List<Claim> all = new ArrayList<>(ref.values());
                        nextSector = all.get(rnd.nextInt(all.size())).sector() + 1;
                    }
                    for (int i = 0; i < n; i++) {
                        long id = nextId;
                        nextId += 1 + rnd.nextInt(3); // ids interleave with other providers' claims
                        Claim c = new Claim(id, PROVIDER, client, 7 * id, 32, 100, termMax, now,
                                rnd.nextInt(10) == 0 ? nextSector + 5 : nextSector);
                        nextSector = c.sector() + 1;
                        assertEquals(next.put(id, c), store.put(c));
                    }
                } else if (op < 7) { // extend random members' terms, sometimes a whole stretch in order
                    List<Long> ids = new ArrayList<>(ref.keySet());
                    int from = rnd.nextInt(ids.size());
                    int n = rnd.nextBoolean() ? 1 : Math.min(ids.size() - from, 1 + rnd.nextInt(15));
                    long add = rnd.nextInt(3) * 100L;
                    for (int i = from; i < from + n; i++) {
                        Claim c = next.get(ids.get(i)).withTermMax(next.get(ids.get(i)).termMax() + add);
                        assertEquals(next.put(c.id(), c), store.put(c));
                    }
                } else if (op < 9) { // remove random members
                    List<Long> ids = new ArrayList<>(ref.keySet());
                    for (int i = 0; i < 1 + rnd.nextInt(4); i++) {
                        long id = rnd.nextInt(4) == 0 ? nextId + 100 : ids.get(rnd.nextInt(ids.size()));
                        assertEquals(next.remove(id), store.remove(id));
                    }
                } else { // remove what expired, as RemoveExpiredClaims does
                    long at = now;
                    long[] want = next.values().stream().filter(c -> at >= c.end()).mapToLong(Claim::id).toArray();
                    assertArrayEquals(want, store.expiredIds(at), "seed " + seed + " step " + step);
                    for (long id : want) assertEquals(next.remove(id), store.remove(id));
                }
                if (tx) {
                    if (fail) j.rollback(mark);
                    else j.commit(mark);
                }
                if (fail) assertEquals(before, new TreeMap<>(store.view()), "seed " + seed + " step " + step);
                else ref = next;
                assertEquals(ref, new TreeMap<>(store.view()), "seed " + seed + " step " + step);
                assertEquals(ref.keySet().stream().toList(), List.copyOf(store.view().keySet()), "id order");
                assertEquals(ref.size(), store.size());
                for (Claim c : ref.values()) assertEquals(c, store.get(c.id()));
                maxSaved = Math.max(maxSaved, store.size() - store.batchCount());
                now += rnd.nextInt(400);
            }
        }
        assertTrue(maxSaved > 20, "the sequences formed batches: at most " + maxSaved + " objects saved");
    }

    /** A claim appended where a cut member sat, then rolled back with the cut: the member's slot comes back. */
    @Test
    void rollingBackAnAppendIntoACutMembersSlotRestoresTheMember() {
        Journal j = new Journal();
        ClaimStore store = new ClaimStore(j, PROVIDER, true);
        for (long i = 1; i <= 6; i++) store.put(new Claim(i, PROVIDER, Address.of(2000), i, 32, 1, 10, 0, i));
        assertEquals(1, store.batchCount());
        Map<Long, Claim> before = new TreeMap<>(store.view());
        int mark = j.begin();
        store.remove(5); // the batch keeps members 1..4, member 6 moves out
        store.put(new Claim(10, PROVIDER, Address.of(2000), 10, 32, 1, 10, 0, 5)); // continues 1..4 in sector 5
        assertEquals(2, store.batchCount());
        j.rollback(mark);
        assertEquals(before, new TreeMap<>(store.view()));
        assertEquals(1, store.batchCount());
    }

    @Test
    void withBatchingOffEveryClaimIsItsOwnBatch() {
        ClaimStore store = new ClaimStore(new Journal(), PROVIDER, false);
        for (long i = 1; i <= 10; i++) store.put(new Claim(i, PROVIDER, Address.of(2000), i, 32, 1, 10, 0, i));
        assertEquals(10, store.batchCount());
        ClaimStore batched = new ClaimStore(new Journal(), PROVIDER, true);
        for (long i = 1; i <= 10; i++) batched.put(new Claim(i, PROVIDER, Address.of(2000), i, 32, 1, 10, 0, i));
        assertEquals(1, batched.batchCount());
        assertEquals(store.view(), batched.view());
    }
}
