package datacapsim.agents.abuse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One owner behind many sybil client addresses. Whether its addresses can be linked to each other once one of them is
 * identified is drawn once, when the population is built ({@code linkable}).
 */
public final class SybilOwner {
    private final String label;
    private final boolean linkable;
    private final List<SybilClient> addresses = new ArrayList<>();

    public SybilOwner(String label, boolean linkable) {
        this.label = label;
        this.linkable = linkable;
    }

    public String label() { return label; }

    /** True when identifying one address identifies all of them. */
    public boolean linkable() { return linkable; }

    void add(SybilClient c) { addresses.add(c); }

    public List<SybilClient> addresses() { return Collections.unmodifiableList(addresses); }
}
