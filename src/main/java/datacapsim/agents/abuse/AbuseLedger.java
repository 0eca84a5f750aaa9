package datacapsim.agents.abuse;

import datacapsim.agents.AbuseKind;
import datacapsim.agents.AbuseProfile;
import datacapsim.agents.AbuseWatchlist;
import datacapsim.agents.Allocator;
import datacapsim.chain.Address;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Governance's off-chain record of identified abusers (the list non-colluding allocators check, and from which
 * governance bans on the OnRamps), the evidence against allocators that granted DataCap to them, and — kept apart, for
 * the counters only — the ground truth of which clients are abusive. Agents read only the identified list and the
 * evidence; nothing here changes the chain.
 */
public final class AbuseLedger implements AbuseWatchlist {
    /** How a client came to be identified. */
    public enum Reason { CAUGHT, AUDIT, LINKED }

    public record Identification(Address client, Reason reason, long epoch) {}

    private final boolean shareCatches;
    private final List<Allocator> allocators = new ArrayList<>();
    private final List<AbuseClient> clients = new ArrayList<>();
    private final Map<Address, AbuseClient> byAddress = new HashMap<>();
    private final Map<Address, Identification> identified = new LinkedHashMap<>();
    private final List<Address> identifiedOrder = new ArrayList<>();
    private final List<Address> pendingBans = new ArrayList<>();
    private final Map<Allocator, Integer> evidence = new LinkedHashMap<>();
    private final Map<Reason, Long> byReason = new EnumMap<>(Reason.class);
    private final List<Address> controlledProviders = new ArrayList<>();

    /** @param shareCatches whether a caught application identifies its client for everyone */
    public AbuseLedger(boolean shareCatches) {
        this.shareCatches = shareCatches;
        for (Reason r : Reason.values()) byReason.put(r, 0L);
    }

    public void addAllocators(List<Allocator> list) { allocators.addAll(list); }

    /** Registers a miner the abusers control (a self-dealing provider's; ground truth). */
    public void addControlledProvider(Address miner) { controlledProviders.add(miner); }

    /** Miners the abusers control, in creation order (ground truth). */
    public List<Address> controlledProviders() { return Collections.unmodifiableList(controlledProviders); }

    /** Registers an abusive client (ground truth, for audits and counters). */
    public void register(AbuseClient c) {
        clients.add(c);
        byAddress.put(c.address(), c);
    }

    /** Abusive clients in creation order (ground truth). */
    public List<AbuseClient> clients() { return Collections.unmodifiableList(clients); }

    public List<Allocator> allocators() { return Collections.unmodifiableList(allocators); }

    /** The abusive client at an address, or null (ground truth). */
    public AbuseClient client(Address a) { return byAddress.get(a); }

    @Override
    public AbuseProfile profileOf(Address client) {
        AbuseClient c = byAddress.get(client);
        return c == null ? null : c.profile();
    }

    @Override
    public List<Address> identifiedOrder() { return Collections.unmodifiableList(identifiedOrder); }

    @Override
    public boolean isIdentified(Address client) { return identified.containsKey(client); }

    public Identification identification(Address client) { return identified.get(client); }

    /** Every identification, in the order they were made. */
    public Map<Address, Identification> identified() { return Collections.unmodifiableMap(identified); }

    /** Identifications made for a reason, running total. */
    public long identifiedBy(Reason r) { return byReason.get(r); }

    @Override
    public void caught(Address client, Allocator by, long epoch) {
        if (shareCatches) identify(client, Reason.CAUGHT, by, epoch);
    }

    /**
     * Identifies a client as abusive: queues it for a ban, records evidence against every allocator (other than
     * {@code by}, who caught it) that had granted it DataCap, and, for a sybil address whose owner can be linked,
     * identifies the owner's other addresses too.
     */
    public void identify(Address client, Reason reason, Allocator by, long epoch) {
        if (identified.containsKey(client)) return;
        identified.put(client, new Identification(client, reason, epoch));
        identifiedOrder.add(client);
        byReason.merge(reason, 1L, Long::sum);
        pendingBans.add(client);
        for (Allocator a : allocators)
            if (a != by && a.grantedTo(client) > 0) evidence.merge(a, 1, Integer::sum);
        AbuseClient c = byAddress.get(client);
        if (c instanceof SybilClient s && s.owner().linkable())
            for (SybilClient sibling : s.owner().addresses()) identify(sibling.address(), Reason.LINKED, null, epoch);
    }

    /** Evidence gathered since the last call: allocator → clients it granted to that were identified since. */
    Map<Allocator, Integer> drainEvidence() {
        Map<Allocator, Integer> out = new LinkedHashMap<>(evidence);
        evidence.clear();
        return out;
    }

    /** Clients identified since the last call, in order. */
    List<Address> drainBans() {
        List<Address> out = new ArrayList<>(pendingBans);
        pendingBans.clear();
        return out;
    }

    // ------------------------------------------------------------------ counters (ground truth)
    /** DataCap granted by allocators to abusive clients of a kind (null = all kinds), bytes. */
    public long grantedToAbusive(AbuseKind kind) {
        long t = 0;
        for (AbuseClient c : clients) if (kind == null || c.kind() == kind) t += c.granted();
        return t;
    }

    /** DataCap claimed on allocations made by abusive clients of a kind (null = all kinds), bytes. */
    public long claimedByAbusive(AbuseKind kind) {
        long t = 0;
        for (AbuseClient c : clients) if (kind == null || c.kind() == kind) t += c.claimed();
        return t;
    }

    /** DataCap granted to clients identified as abusive (as governance sees it), bytes. */
    public long grantedToIdentified() {
        long t = 0;
        for (Address c : identified.keySet())
            for (Allocator a : allocators) t += a.grantedTo(c);
        return t;
    }

    /** DataCap one allocator granted to clients identified as abusive, bytes. */
    public long grantedToIdentified(Allocator a) {
        long t = 0;
        for (Address c : identified.keySet()) t += a.grantedTo(c);
        return t;
    }

    /** DataCap all allocators granted, bytes. */
    public long grantedByAllocators() {
        long t = 0;
        for (Allocator a : allocators) t += a.granted();
        return t;
    }
}
