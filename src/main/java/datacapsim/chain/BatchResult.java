package datacapsim.chain;

import java.util.List;

/** The per-item outcome of a batch method: null where the item applied, the error where it was refused. */
public record BatchResult(List<ActorError> errors) {
    public BatchResult {
        errors = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(errors));
    }

    public int successCount() {
        int n = 0;
        for (ActorError e : errors) if (e == null) n++;
        return n;
    }

    public int size() { return errors.size(); }

    public boolean allOk() { return successCount() == errors.size(); }

    public boolean ok(int i) { return errors.get(i) == null; }
}
