package datacapsim.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.chain.Address;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The agents' compact bookkeeping reads back what the boxed collections it replaced held, in the same order:
 * {@link SectorRuns} as a {@code List<Long>} of appended numbers, {@link AllocationList} as a {@code LinkedHashMap} of
 * new ids walked with removals.
 */
class AgentBookkeepingTest {
    @Test
    void sectorRunsReadBackEveryNumberInTheOrderAdded() {
        Random rng = new Random(13);
        for (int trial = 0; trial < 200; trial++) {
            SectorRuns runs = new SectorRuns();
            List<Long> expected = new ArrayList<>();
            long next = rng.nextInt(100);
            int n = rng.nextInt(300);
            for (int i = 0; i < n; i++) {
                long x = switch (rng.nextInt(4)) {
                    case 0 -> next + rng.nextInt(5); // a gap (or the next one)
                    case 1 -> Math.max(0, next - 1 - rng.nextInt(20)); // back (an extended older sector), or a repeat
                    default -> next; // consecutive
                };
                next = x + 1;
                runs.add(x);
                expected.add(x);
            }
            assertEquals(expected, runs.numbers());
            assertEquals(expected.size(), runs.size());
            int breaks = 0;
            for (int i = 1; i < expected.size(); i++) if (expected.get(i) != expected.get(i - 1) + 1) breaks++;
            // one run per stretch of consecutive numbers
            assertEquals(expected.isEmpty() ? 0 : breaks + 1, runs.runs());
        }
    }

    @Test
    void consecutiveNumbersShareOneRun() {
        SectorRuns runs = new SectorRuns();
        for (long n = 1000; n < 101_000; n++) runs.add(n);
        runs.add(5);
        assertEquals(2, runs.runs());
        assertEquals(1000, runs.first(0));
        assertEquals(100_000, runs.count(0));
        assertEquals(5, runs.first(1));
        assertEquals(1, runs.count(1));
        assertEquals(100_001, runs.size());
    }

    @Test
    void allocationListWalksAndRemovesAsALinkedHashMap() {
        Random rng = new Random(2026);
        Address[] providers = {Address.of(1001), Address.of(1002), Address.of(1003), Address.of(1004)};
        for (int trial = 0; trial < 100; trial++) {
            AllocationList list = new AllocationList();
            Map<Long, Address> expected = new LinkedHashMap<>();
            long id = rng.nextInt(10);
            for (int round = 0; round < 40; round++) {
                int adds = rng.nextInt(30);
                for (int i = 0; i < adds; i++) {
                    id += 1 + (rng.nextInt(3) == 0 ? rng.nextInt(50) : 0);
                    Address p = providers[rng.nextInt(providers.length)];
                    list.add(id, p);
                    expected.put(id, p);
                }
                if (rng.nextInt(25) == 0) {
                    list.clear();
                    expected.clear();
                }
                // a walk that removes some entries (and sometimes adds ones it then walks too), as the map's iterator
                double removeShare = rng.nextDouble();
                Iterator<Map.Entry<Long, Address>> it = expected.entrySet().iterator();
                AllocationList.Walk w = list.walk();
                while (w.next()) {
                    assertTrue(it.hasNext());
                    Map.Entry<Long, Address> e = it.next();
                    assertEquals(e.getKey(), w.id());
                    assertEquals(e.getValue(), w.provider());
                    if (rng.nextDouble() < removeShare) {
                        w.remove();
                        it.remove();
                    }
                }
                assertTrue(!it.hasNext(), "the walk ended early");
                assertEquals(expected.size(), list.size());
                assertEquals(expected.isEmpty(), list.isEmpty());
            }
            List<Long> ids = new ArrayList<>();
            for (AllocationList.Walk w = list.walk(); w.next(); ) ids.add(w.id());
            assertEquals(new ArrayList<>(expected.keySet()), ids);
        }
    }

    @Test
    void entriesAddedDuringAWalkAreWalkedToo() {
        AllocationList list = new AllocationList();
        list.add(1, Address.of(7));
        list.add(2, Address.of(8));
        List<Long> seen = new ArrayList<>();
        AllocationList.Walk w = list.walk();
        while (w.next()) {
            seen.add(w.id());
            if (w.id() == 1) {
                w.remove();
                for (long i = 3; i < 10; i++) list.add(i, Address.of(9)); // grows the arrays mid-walk
            }
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), seen);
        assertEquals(8, list.size());
    }
}
