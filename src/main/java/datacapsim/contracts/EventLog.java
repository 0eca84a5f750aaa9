package datacapsim.contracts;

import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Collects the events of committed calls: an event is delivered only when the outermost transaction that emitted it
 * commits, so a reverted call leaves no event. Keeps counts by event type; listeners (metrics) receive each event.
 */
public final class EventLog {
    /** One delivered event: when, which contract, what. */
    public record Emitted(long epoch, Address contract, ContractEvent event) {}

    private final Chain chain;
    private final List<Consumer<Emitted>> listeners = new ArrayList<>();
    private final Map<String, Long> counts = new TreeMap<>();
    private final List<Emitted> recent = new ArrayList<>();
    private final int keepRecent;

    /** @param keepRecent how many of the latest events to keep for inspection (0 keeps none) */
    public EventLog(Chain chain, int keepRecent) {
        this.chain = chain;
        this.keepRecent = keepRecent;
    }

    public void addListener(Consumer<Emitted> l) { listeners.add(l); }

    void emit(Address contract, ContractEvent e) {
        chain.afterCommit(() -> deliver(new Emitted(chain.epoch(), contract, e)));
    }

    private void deliver(Emitted e) {
        counts.merge(e.event().getClass().getSimpleName(), 1L, Long::sum);
        if (keepRecent > 0) {
            recent.add(e);
            if (recent.size() > keepRecent) recent.remove(0);
        }
        for (Consumer<Emitted> l : listeners) l.accept(e);
    }

    /** Delivered events by type name. */
    public Map<String, Long> counts() { return java.util.Collections.unmodifiableMap(counts); }

    public long count(Class<? extends ContractEvent> type) { return counts.getOrDefault(type.getSimpleName(), 0L); }

    /** The latest events kept, oldest first. */
    public List<Emitted> recent() { return java.util.Collections.unmodifiableList(recent); }

    /** The latest kept events of one type, oldest first. */
    public <E extends ContractEvent> List<E> recent(Class<E> type) {
        List<E> out = new ArrayList<>();
        for (Emitted e : recent) if (type.isInstance(e.event())) out.add(type.cast(e.event()));
        return out;
    }
}
