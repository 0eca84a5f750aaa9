package datacapsim.chain;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts calls by method and outcome: "ok" for an applied call, the refusing rule's name for a reverted one.
 * Counts live outside the journal on purpose: a reverted call is still counted.
 */
public final class CallStats {
    public static final String OK = "ok";

    private final TreeMap<String, TreeMap<String, Long>> counts = new TreeMap<>();

    void record(String method, String outcome) {
        counts.computeIfAbsent(method, m -> new TreeMap<>()).merge(outcome, 1L, Long::sum);
    }

    public long count(String method, String outcome) {
        Map<String, Long> m = counts.get(method);
        return m == null ? 0 : m.getOrDefault(outcome, 0L);
    }

    public long succeeded(String method) { return count(method, OK); }

    public long failed(String method) {
        Map<String, Long> m = counts.get(method);
        if (m == null) return 0;
        long n = 0;
        for (var e : m.entrySet()) if (!e.getKey().equals(OK)) n += e.getValue();
        return n;
    }

    /** Reverts summed over every method, by rule. */
    public Map<String, Long> failuresByRule() {
        TreeMap<String, Long> out = new TreeMap<>();
        for (var m : counts.values())
            for (var e : m.entrySet()) if (!e.getKey().equals(OK)) out.merge(e.getKey(), e.getValue(), Long::sum);
        return out;
    }

    /** method → outcome → count, read-only. */
    public Map<String, Map<String, Long>> all() {
        TreeMap<String, Map<String, Long>> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, Collections.unmodifiableMap(v)));
        return Collections.unmodifiableMap(out);
    }
}
