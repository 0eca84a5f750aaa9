package datacapsim.chain;

import java.util.ArrayList;

/**
 * The undo log behind transactions. Every state mutation made inside a transaction records how to undo itself;
 * a failed transaction undoes its own records in reverse order, leaving state exactly as before the call.
 * Transactions nest: an inner failure rolls back only the inner call, and the outermost commit clears the log.
 * Mutations outside any transaction (genesis set-up) are not recorded.
 */
public final class Journal {
    private final ArrayList<Runnable> undo = new ArrayList<>();
    private int depth;

    /** Opens a (possibly nested) transaction and returns its mark. */
    public int begin() {
        depth++;
        return undo.size();
    }

    public void commit(int mark) {
        if (depth <= 0) throw new IllegalStateException("commit without begin");
        depth--;
        if (depth == 0) undo.clear();
    }

    public void rollback(int mark) {
        if (depth <= 0) throw new IllegalStateException("rollback without begin");
        for (int i = undo.size() - 1; i >= mark; i--) {
            undo.remove(i).run();
        }
        depth--;
        if (depth == 0) undo.clear();
    }

    public boolean inTransaction() { return depth > 0; }

    /** Records an undo action, if inside a transaction. */
    public void record(Runnable undoAction) {
        if (depth > 0) undo.add(undoAction);
    }
}
