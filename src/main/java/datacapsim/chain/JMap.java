package datacapsim.chain;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * A sorted map whose writes are journaled, so a failed transaction restores it. Reads return unmodifiable views;
 * iteration order is the key order, so every walk over chain state is deterministic.
 */
public final class JMap<K extends Comparable<? super K>, V> {
    private final Journal journal;
    private final TreeMap<K, V> map = new TreeMap<>();
    private final NavigableMap<K, V> view = Collections.unmodifiableNavigableMap(map);
    /** A hash index of the same entries for look-ups (null unless {@link #indexed}): O(1) instead of a tree walk. */
    private final HashMap<K, V> index;

    public JMap(Journal journal) { this(journal, false); }

    private JMap(Journal journal, boolean indexed) {
        this.journal = journal;
        this.index = indexed ? new HashMap<>() : null;
    }

    /**
     * A sorted journaled map that also keeps a hash index for get/containsKey: for large maps that are looked up far
     * more often than walked (the walks still see key order). Costs one hash entry per key.
     */
    public static <K extends Comparable<? super K>, V> JMap<K, V> indexed(Journal journal) {
        return new JMap<>(journal, true);
    }

    public V get(K key) { return index != null ? index.get(key) : map.get(key); }

    public V getOrDefault(K key, V dflt) {
        return index != null ? index.getOrDefault(key, dflt) : map.getOrDefault(key, dflt);
    }

    public boolean containsKey(K key) { return index != null ? index.containsKey(key) : map.containsKey(key); }

    /** The value of the greatest key at or below {@code key}, or null (one tree walk, no view entry). */
    public V floorValue(K key) {
        Map.Entry<K, V> e = map.floorEntry(key);
        return e == null ? null : e.getValue();
    }

    public int size() { return map.size(); }

    public boolean isEmpty() { return map.isEmpty(); }

    public NavigableMap<K, V> view() { return view; }

    public Collection<V> values() { return view.values(); }

    public Set<K> keySet() { return view.keySet(); }

    public Set<Map.Entry<K, V>> entrySet() { return view.entrySet(); }

    public V put(K key, V value) {
        boolean had = containsKey(key);
        V old = raw(key, value);
        journal.record(had ? () -> raw(key, old) : () -> rawRemove(key));
        return old;
    }

    public V remove(K key) {
        if (!containsKey(key)) return null;
        V old = rawRemove(key);
        journal.record(() -> raw(key, old));
        return old;
    }

    private V raw(K key, V value) {
        if (index != null) index.put(key, value);
        return map.put(key, value);
    }

    private V rawRemove(K key) {
        if (index != null) index.remove(key);
        return map.remove(key);
    }
}
