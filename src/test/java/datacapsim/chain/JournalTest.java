package datacapsim.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The undo log and its journaled cells: nested transactions, rollback order, recording only inside transactions. */
class JournalTest {

    // ------------------------------------------------------------------ Journal
    @Test
    void beginReturnsTheLogPositionAndDepthIsTracked() {
        Journal j = new Journal();
        JLong x = new JLong(j);
        assertFalse(j.inTransaction());
        int outer = j.begin();
        assertEquals(0, outer);
        assertTrue(j.inTransaction());
        x.set(1);
        x.set(2);
        int inner = j.begin();
        assertTrue(inner >= outer, "marks grow with nesting");
        j.commit(inner);
        assertTrue(j.inTransaction(), "still inside the outer transaction after the inner commit");
        j.commit(outer);
        assertFalse(j.inTransaction());
    }

    @Test
    void commitOrRollbackWithoutBeginIsAnError() {
        Journal j = new Journal();
        assertThrows(IllegalStateException.class, () -> j.commit(0));
        assertThrows(IllegalStateException.class, () -> j.rollback(0));
        int m = j.begin();
        j.commit(m);
        assertThrows(IllegalStateException.class, () -> j.commit(m), "one begin, one end");
    }

    @Test
    void nothingIsRecordedOutsideATransaction() {
        Journal j = new Journal();
        JMap<String, Integer> map = new JMap<>(j);
        JLong l = new JLong(j);
        JBig b = new JBig(j);
        map.put("genesis", 1);
        l.set(7);
        b.set(BigInteger.TEN);
        int m = j.begin();
        assertEquals(0, m, "the undo log is empty outside transactions: set-up writes leave no records behind");
        j.rollback(m);
        assertEquals(Map.of("genesis", 1), map.view(), "a rollback must not undo set-up writes made outside any transaction");
        assertEquals(7, l.get());
        assertEquals(BigInteger.TEN, b.get());
        // and a later transaction's rollback only undoes its own writes
        m = j.begin();
        map.put("tx", 2);
        l.set(8);
        j.rollback(m);
        assertEquals(Map.of("genesis", 1), map.view());
        assertEquals(7, l.get());
    }

    @Test
    void rollbackRestoresPutsRemovesAndOverwritesInReverseOrder() {
        Journal j = new Journal();
        JMap<String, Integer> map = new JMap<>(j);
        map.put("a", 1);
        map.put("b", 2);
        int m = j.begin();
        map.put("a", 10);      // overwrite
        map.put("c", 3);       // new key
        map.remove("b");       // remove
        map.put("b", 20);      // re-add the removed key
        map.put("a", 100);     // second overwrite of the same key
        map.remove("c");       // remove a key added in this transaction
        map.remove("zzz");     // remove of an absent key: no effect, nothing to undo
        map.put("d", 4);
        map.remove("d");
        map.put("d", 5);
        assertEquals(Map.of("a", 100, "b", 20, "d", 5), map.view());
        j.rollback(m);
        assertEquals(new TreeMap<>(Map.of("a", 1, "b", 2)), map.view());
        assertFalse(map.containsKey("c"));
        assertFalse(map.containsKey("d"));
        assertFalse(j.inTransaction());
    }

    @Test
    void commitKeepsChangesAndClearsTheLog() {
        Journal j = new Journal();
        JMap<String, Integer> map = new JMap<>(j);
        JLong l = new JLong(j);
        int m = j.begin();
        map.put("a", 1);
        l.add(5);
        j.commit(m);
        // a later rollback must not reach back into a committed transaction
        m = j.begin();
        map.put("b", 2);
        l.add(1);
        j.rollback(m);
        assertEquals(Map.of("a", 1), map.view());
        assertEquals(5, l.get());
    }

    @Test
    void innerRollbackLeavesOuterChanges() {
        Journal j = new Journal();
        JMap<String, Integer> map = new JMap<>(j);
        JLong l = new JLong(j);
        JBig b = new JBig(j);
        int outer = j.begin();
        map.put("outer", 1);
        l.set(1);
        b.add(BigInteger.ONE);
        int inner = j.begin();
        map.put("inner", 2);
        map.put("outer", 99);
        map.remove("outer");
        l.set(2);
        b.add(BigInteger.TWO);
        j.rollback(inner);
        assertTrue(j.inTransaction(), "the outer transaction is still open");
        assertEquals(Map.of("outer", 1), map.view());
        assertEquals(1, l.get());
        assertEquals(BigInteger.ONE, b.get());
        // the outer goes on, and commits
        map.put("after", 3);
        j.commit(outer);
        assertEquals(Map.of("outer", 1, "after", 3), map.view());
        assertFalse(j.inTransaction());
    }

    @Test
    void outerRollbackUndoesACommittedInnerTransaction() {
        Journal j = new Journal();
        JMap<String, Integer> map = new JMap<>(j);
        JLong l = new JLong(j);
        map.put("base", 0);
        int outer = j.begin();
        map.put("outer", 1);
        int inner = j.begin();
        map.put("inner", 2);
        map.remove("base");
        l.set(42);
        j.commit(inner);
        assertEquals(Map.of("outer", 1, "inner", 2), map.view());
        j.rollback(outer);
        assertEquals(Map.of("base", 0), map.view(), "an inner commit is provisional until the outermost commit");
        assertEquals(0, l.get());
    }

    @Test
    void threeLevelsOfNesting() {
        Journal j = new Journal();
        JLong l = new JLong(j);
        int a = j.begin();
        l.set(1);
        int b = j.begin();
        l.set(2);
        int c = j.begin();
        l.set(3);
        j.rollback(c);
        assertEquals(2, l.get());
        c = j.begin();
        l.set(4);
        j.commit(c);
        assertEquals(4, l.get());
        j.rollback(b);
        assertEquals(1, l.get());
        b = j.begin();
        l.set(5);
        j.commit(b);
        j.commit(a);
        assertEquals(5, l.get());
        assertFalse(j.inTransaction());
    }

    @Test
    void nestedMapsCreatedInsideARolledBackTransactionDisappear() {
        // the registry keeps per-client maps inside a map; both levels are journaled in the same log
        Journal j = new Journal();
        JMap<String, JMap<Long, String>> outer = new JMap<>(j);
        int m = j.begin();
        JMap<Long, String> inner = new JMap<>(j);
        outer.put("client", inner);
        inner.put(1L, "alloc");
        j.rollback(m);
        assertNull(outer.get("client"));
        assertTrue(inner.view().isEmpty(), "the inner map's writes are undone too");
    }

    // ------------------------------------------------------------------ JLong / JBig
    @Test
    void jlongOverflowThrowsAndLeavesTheValue() {
        Journal j = new Journal();
        JLong l = new JLong(j);
        l.set(Long.MAX_VALUE - 1);
        int m = j.begin();
        l.add(1);
        assertThrows(ArithmeticException.class, () -> l.add(1));
        assertEquals(Long.MAX_VALUE, l.get(), "a failed add changes nothing");
        j.rollback(m);
        assertEquals(Long.MAX_VALUE - 1, l.get());
    }

    @Test
    void jbigAddAndSubtractAreUndone() {
        Journal j = new Journal();
        JBig b = new JBig(j);
        b.set(BigInteger.valueOf(100));
        int m = j.begin();
        b.add(BigInteger.valueOf(5));
        b.subtract(BigInteger.valueOf(50));
        b.add(BigInteger.ZERO);
        b.subtract(BigInteger.ZERO);
        assertEquals(BigInteger.valueOf(55), b.get());
        j.rollback(m);
        assertEquals(BigInteger.valueOf(100), b.get());
    }

    // ------------------------------------------------------------------ JMap views
    @Test
    void jmapViewsAreReadOnlySortedAndLive() {
        Journal j = new Journal();
        JMap<Integer, String> map = new JMap<>(j);
        map.put(3, "c");
        map.put(1, "a");
        map.put(2, "b");
        Map<Integer, String> view = map.view();
        assertEquals(List.of(1, 2, 3), new ArrayList<>(view.keySet()));
        assertThrows(UnsupportedOperationException.class, () -> view.put(4, "d"));
        assertThrows(UnsupportedOperationException.class, () -> map.keySet().remove(1));
        assertThrows(UnsupportedOperationException.class, () -> map.values().clear());
        int m = j.begin();
        map.remove(2);
        assertEquals(List.of(1, 3), new ArrayList<>(view.keySet()), "the view follows the map");
        j.rollback(m);
        assertEquals(List.of(1, 2, 3), new ArrayList<>(view.keySet()));
        assertEquals("b", map.getOrDefault(2, "none"));
        assertEquals("none", map.getOrDefault(9, "none"));
        assertEquals(3, map.size());
    }

    // ------------------------------------------------------------------ property: random nested scripts
    /**
     * A random script of writes to a journaled map and cell, with nested begin/commit/rollback, is mirrored on a
     * plain model that keeps a copy of the state at every open transaction: after every step, and at the end, the
     * journaled state equals the model.
     */
    @Property(tries = 300, seed = "7331")
    void randomNestedTransactionsMatchACopyOnBeginModel(@ForAll("scripts") List<Integer> script) {
        Journal j = new Journal();
        JMap<Integer, Integer> map = new JMap<>(j);
        JLong cell = new JLong(j);
        TreeMap<Integer, Integer> modelMap = new TreeMap<>();
        long[] modelCell = {0};
        List<Integer> marks = new ArrayList<>();
        List<TreeMap<Integer, Integer>> savedMaps = new ArrayList<>();
        List<Long> savedCells = new ArrayList<>();
        for (int op : script) {
            int kind = Math.floorMod(op, 7);
            int key = Math.floorMod(op / 7, 5);
            int value = op / 35;
            switch (kind) {
                case 0, 1 -> { map.put(key, value); modelMap.put(key, value); }
                case 2 -> { map.remove(key); modelMap.remove(key); }
                case 3 -> { cell.set(value); modelCell[0] = value; }
                case 4 -> {
                    marks.add(j.begin());
                    savedMaps.add(new TreeMap<>(modelMap));
                    savedCells.add(modelCell[0]);
                }
                case 5 -> {
                    if (marks.isEmpty()) break;
                    j.commit(marks.remove(marks.size() - 1));
                    savedMaps.remove(savedMaps.size() - 1);
                    savedCells.remove(savedCells.size() - 1);
                }
                default -> {
                    if (marks.isEmpty()) break;
                    j.rollback(marks.remove(marks.size() - 1));
                    modelMap = savedMaps.remove(savedMaps.size() - 1);
                    modelCell[0] = savedCells.remove(savedCells.size() - 1);
                }
            }
            assertEquals(modelMap, map.view());
            assertEquals(modelCell[0], cell.get());
            assertEquals(!marks.isEmpty(), j.inTransaction());
        }
        // close what is still open, alternately rolling back and committing
        while (!marks.isEmpty()) {
            if (marks.size() % 2 == 0) {
                j.rollback(marks.remove(marks.size() - 1));
                modelMap = savedMaps.remove(savedMaps.size() - 1);
                modelCell[0] = savedCells.remove(savedCells.size() - 1);
            } else {
                j.commit(marks.remove(marks.size() - 1));
                savedMaps.remove(savedMaps.size() - 1);
                savedCells.remove(savedCells.size() - 1);
            }
            assertEquals(modelMap, map.view());
            assertEquals(modelCell[0], cell.get());
        }
        assertFalse(j.inTransaction());
    }

    @Provide
    Arbitrary<List<Integer>> scripts() {
        return Arbitraries.integers().between(0, 35 * 1000).list().ofMinSize(1).ofMaxSize(80);
    }

    /** Through the chain: a transaction whose body fails restores state; nested failures caught by the body do not. */
    @Property(tries = 50, seed = "1234")
    void chainTransactRollsBackWholeOrInner(@ForAll @IntRange(min = 1, max = 6) int innerFailAt, @ForAll boolean outerFails) {
        Chain c = ChainFixture.chain();
        JLong probe = new JLong(c.journal());
        Address a = c.newAccount(), b = c.newAccount();
        c.fil().endow(a, Fil.fil(10));
        String before = ChainSnapshot.of(c);
        try {
            c.transact("test.outer", a, () -> {
                c.fil().transfer(a, b, Fil.fil(1));
                probe.set(1);
                try {
                    c.transact("test.inner", a, () -> {
                        for (int i = 1; i <= 6; i++) {
                            c.fil().transfer(a, b, Fil.fil(1));
                            probe.add(10);
                            if (i == innerFailAt) throw ActorError.forbidden("test.inner", "inner fails at " + i);
                        }
                        return null;
                    });
                } catch (ActorError expected) {
                    // caught by the outer body, which goes on
                }
                assertEquals(Fil.fil(9), c.fil().balance(a), "only the inner call's transfers were undone");
                assertEquals(1, probe.get());
                if (outerFails) throw ActorError.forbidden("test.outer", "outer fails");
                return null;
            });
        } catch (ActorError e) {
            assertTrue(outerFails);
        }
        if (outerFails) {
            assertEquals(before, ChainSnapshot.of(c));
            assertEquals(0, probe.get());
        } else {
            assertEquals(Fil.fil(9), c.fil().balance(a));
            assertEquals(Fil.fil(1), c.fil().balance(b));
            assertEquals(1, probe.get());
        }
        assertFalse(c.journal().inTransaction());
        assertEquals(outerFails ? 1 : 0, c.stats().failed("test.outer"));
        assertEquals(0, c.stats().failed("test.inner") + c.stats().succeeded("test.inner"), "nested calls are not counted as top-level calls");
    }

    @Test
    void chainTransactConvertsOverflowToARefusalAndRollsBack() {
        Chain c = ChainFixture.chain();
        JLong probe = new JLong(c.journal());
        ActorError e = assertThrows(ActorError.class, () -> c.transact("test.overflow", c.rootKey(), () -> {
            probe.set(Long.MAX_VALUE);
            probe.add(1);
            return null;
        }));
        assertEquals("chain.overflow", e.rule());
        assertEquals(0, probe.get());
        assertFalse(c.journal().inTransaction());
    }

    @Test
    void chainTransactRollsBackAndRethrowsOtherExceptions() {
        Chain c = ChainFixture.chain();
        JLong probe = new JLong(c.journal());
        assertThrows(IllegalStateException.class, () -> c.transact("test.bug", c.rootKey(), () -> {
            probe.set(5);
            throw new IllegalStateException("a bug");
        }));
        assertEquals(0, probe.get());
        assertFalse(c.journal().inTransaction(), "the journal is left clean even after a non-actor exception");
    }
}
