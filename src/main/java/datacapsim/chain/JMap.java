package datacapsim.chain;

import java.util.Collection;
import java.util.Collections;
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

    public JMap(Journal journal) { this.journal = journal; }

    public V get(K key) { return map.get(key); }

    public V getOrDefault(K key, V dflt) { return map.getOrDefault(key, dflt); }

    public boolean containsKey(K key) { return map.containsKey(key); }

    public int size() { return map.size(); }

    public boolean isEmpty() { return map.isEmpty(); }

    public NavigableMap<K, V> view() { return view; }

    public Collection<V> values() { return view.values(); }

    public Set<K> keySet() { return view.keySet(); }

    public Set<Map.Entry<K, V>> entrySet() { return view.entrySet(); }

    public V put(K key, V value) {
        boolean had = map.containsKey(key);
        V old = map.put(key, value);
        journal.record(had ? () -> map.put(key, old) : () -> map.remove(key));
        return old;
    }

    public V remove(K key) {
        if (!map.containsKey(key)) return null;
        V old = map.remove(key);
        journal.record(() -> map.put(key, old));
        return old;
    }
}
