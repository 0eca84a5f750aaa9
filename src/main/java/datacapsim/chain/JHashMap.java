package datacapsim.chain;

import java.util.Collections;
import java.util.HashMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A hash map whose writes are journaled like {@link JMap}'s, so a failed transaction restores it. It offers look-ups
 * and writes only, no iteration: use it for state whose order no walk observes (a walk that reaches an output, a
 * random draw or a tie-break needs the sorted {@link JMap}).
 */
public final class JHashMap<K, V> {
    private final Journal journal;
    private final HashMap<K, V> map = new HashMap<>();

    public JHashMap(Journal journal) { this.journal = journal; }

    public V get(K key) { return map.get(key); }

    public V getOrDefault(K key, V dflt) { return map.getOrDefault(key, dflt); }

    public boolean containsKey(K key) { return map.containsKey(key); }

    public int size() { return map.size(); }

    public boolean isEmpty() { return map.isEmpty(); }

    /** A sorted copy of the keys, in their natural order (for tests and reports; costs a sort). */
    public SortedSet<K> sortedKeys() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(map.keySet()));
    }

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
