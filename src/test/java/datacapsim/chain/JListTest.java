package datacapsim.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The journaled append-only list: appends, rollback truncation (nested too), and snapshots that never change. */
class JListTest {

    @Test
    void appendsReadBackInOrder() {
        JList<Long> l = new JList<>(new Journal());
        assertTrue(l.isEmpty());
        assertEquals(List.of(), l.snapshot());
        for (long i = 0; i < 10; i++) l.add(i * 7);
        assertEquals(10, l.size());
        assertEquals(42L, l.get(6));
        assertEquals(List.of(0L, 7L, 14L, 21L, 28L, 35L, 42L, 49L, 56L, 63L), l.snapshot());
        assertEquals("[0, 7, 14]", l.snapshot().subList(0, 3).toString());
        assertThrows(IndexOutOfBoundsException.class, () -> l.get(10));
        assertThrows(NullPointerException.class, () -> l.add(null));
        assertThrows(UnsupportedOperationException.class, () -> l.snapshot().add(1L));
    }

    @Test
    void rollbackTruncatesToTheStateBeforeTheTransaction() {
        Journal j = new Journal();
        JList<String> l = new JList<>(j);
        l.add("genesis"); // outside a transaction: not recorded
        int outer = j.begin();
        l.add("a");
        int inner = j.begin();
        l.add("b");
        l.add("c");
        j.rollback(inner);
        assertEquals(List.of("genesis", "a"), l.snapshot(), "the inner rollback undoes only the inner appends");
        l.add("d");
        j.rollback(outer);
        assertEquals(List.of("genesis"), l.snapshot());
        assertEquals(1, l.size());
        int t = j.begin();
        l.add("e");
        j.commit(t);
        int u = j.begin();
        j.rollback(u);
        assertEquals(List.of("genesis", "e"), l.snapshot(), "a committed append stays");
    }

    @Test
    void snapshotsNeverChangeAcrossAppendsAndRollbacks() {
        Journal j = new Journal();
        JList<Integer> l = new JList<>(j);
        l.add(1);
        l.add(2);
        List<Integer> two = l.snapshot();
        int m = j.begin();
        l.add(3);
        List<Integer> three = l.snapshot();
        j.rollback(m);
        l.add(30); // same index as the rolled-back 3
        l.add(40);
        assertEquals(List.of(1, 2), two);
        assertEquals(List.of(1, 2, 3), three, "a snapshot keeps what it saw, even if that was rolled back");
        assertEquals(List.of(1, 2, 30, 40), l.snapshot());
    }

    /** Random appends in random nested transactions against a copied ArrayList per transaction level. */
    @Test
    void randomTransactionsRestoreExactly() {
        Random rng = new Random(13);
        for (int run = 0; run < 200; run++) {
            Journal j = new Journal();
            JList<Long> l = new JList<>(j);
            List<Long> model = new ArrayList<>();
            List<List<Long>> saved = new ArrayList<>();
            List<Integer> marks = new ArrayList<>();
            List<List<Long>> snaps = new ArrayList<>();
            List<List<Long>> snapModels = new ArrayList<>();
            for (int step = 0; step < 60; step++) {
                int op = rng.nextInt(5);
                if (op == 0 && marks.size() < 4) {
                    marks.add(j.begin());
                    saved.add(new ArrayList<>(model));
                } else if (op == 1 && !marks.isEmpty()) {
                    j.rollback(marks.remove(marks.size() - 1));
                    model = saved.remove(saved.size() - 1);
                } else if (op == 2 && !marks.isEmpty()) {
                    j.commit(marks.remove(marks.size() - 1));
                    saved.remove(saved.size() - 1);
                } else {
                    long v = rng.nextLong();
                    l.add(v);
                    model.add(v);
                }
                assertEquals(model, l.snapshot());
                assertEquals(model.size(), l.size());
                if (rng.nextInt(4) == 0) {
                    snaps.add(l.snapshot());
                    snapModels.add(List.copyOf(model));
                }
            }
            assertEquals(snapModels, snaps, "no snapshot changed");
        }
    }
}
