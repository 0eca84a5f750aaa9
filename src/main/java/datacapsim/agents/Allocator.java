package datacapsim.agents;

import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.Policy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.distribution.RealDistribution;

/**
 * An allocator. Clients apply off-chain; after due diligence the allocator grants DataCap in tranches through its
 * design's {@link GrantChannel}: the first tranche, then each next one doubling up to a maximum, granted once the
 * client has spent most of the last one.
 *
 * <p>With a {@link DueDiligence} the allocator also decides on each application when its diligence ends: an abusive
 * application is caught (and rejected) with the allocator's catch probability, a client on governance's list of
 * identified abusers is rejected, an honest one may be wrongly rejected; a colluding allocator grants its colluding
 * clients at once. While granting, it drops a client that governance identifies (taking back what the design lets it
 * take back) or that an OnRamp has banned. A rejected client learns it off-chain ({@link #rejected}).
 */
public final class Allocator implements Agent {
    private static final String CLIENT_LOCKED = "OnRamp.ClientLocked";

    private final String label;
    private final Address address;
    private final RealDistribution dueDiligenceDays;
    private final long firstTranche;
    private final long maxTranche;
    private final double nextBelow;
    private final List<Application> applications = new ArrayList<>();
    private final GrantChannel channel;
    private final DueDiligence diligence;
    private final Map<Address, Long> grantedTo = new HashMap<>();
    private final Set<Address> rejectedClients = new HashSet<>();
    private long granted;
    private long refusals;
    /** FIP-0118: a grant was refused because DataCap is deprecated. */
    private boolean datacapDeprecated;
    private long lastGrantEpoch = -1;
    private long caught;
    private long rejectedHonest;
    private long rejectedIdentified;
    private long dropped;
    private long revoked;
    private int seenIdentified;

    /**
     * Where a client takes a new address to be granted at when its channel cannot grant more to the one it applied
     * from (under v1 an address that is still a verified client cannot be topped up).
     */
    public interface AddressSource {
        /** A new address of the client, on {@code chain}. */
        Address next(Chain chain);
    }

    private static final class Application {
        Address client;
        AddressSource fresh;
        final long requested;
        final List<Address> providers;
        final AbuseProfile profile;
        long readyEpoch;
        boolean decided;
        long granted;
        long lastTranche;

        Application(Address client, long requested, List<Address> providers, long readyEpoch, AbuseProfile profile, boolean decided) {
            this.client = client;
            this.requested = requested;
            this.providers = List.copyOf(providers);
            this.readyEpoch = readyEpoch;
            this.profile = profile;
            this.decided = decided;
        }
    }

    public Allocator(String label, Address address, GrantChannel channel, RealDistribution dueDiligenceDays, long firstTranche,
                     long maxTranche, double nextBelow) {
        this(label, address, channel, dueDiligenceDays, firstTranche, maxTranche, nextBelow, null);
    }

    /** An allocator whose due diligence decides on applications ({@code diligence} null: every application passes). */
    public Allocator(String label, Address address, GrantChannel channel, RealDistribution dueDiligenceDays, long firstTranche,
                     long maxTranche, double nextBelow, DueDiligence diligence) {
        this.label = label;
        this.channel = channel;
        this.address = address;
        this.dueDiligenceDays = dueDiligenceDays;
        this.firstTranche = firstTranche;
        this.maxTranche = maxTranche;
        this.nextBelow = nextBelow;
        this.diligence = diligence;
    }

    @Override
    public String label() { return label; }

    public Address address() { return address; }

    public long granted() { return granted; }

    public long refusals() { return refusals; }

    public int openApplications() { return applications.size(); }

    /** Epoch of the allocator's last grant, or -1. */
    public long lastGrantEpoch() { return lastGrantEpoch; }

    /** Diligent, lax or colluding (diligent without a due-diligence policy). */
    public DueDiligence.Stance stance() { return diligence == null ? DueDiligence.Stance.DILIGENT : diligence.stance(); }

    /** DataCap this allocator has granted to one client, bytes. */
    public long grantedTo(Address client) { return grantedTo.getOrDefault(client, 0L); }

    /** True when this allocator rejected the client's application (the client learns it off-chain). */
    public boolean rejected(Address client) { return rejectedClients.contains(client); }

    /** Abusive applications its diligence caught. */
    public long caught() { return caught; }

    /** Honest applications its diligence wrongly rejected. */
    public long rejectedHonest() { return rejectedHonest; }

    /** Applications rejected because governance had identified the client. */
    public long rejectedIdentified() { return rejectedIdentified; }

    /** Applications dropped while granting (client identified or banned). */
    public long dropped() { return dropped; }

    /** Allowance taken back from dropped clients, bytes. */
    public long revoked() { return revoked; }

    /** A client applies for {@code requested} bytes in total, to store with {@code providers} (off-chain); due diligence starts now. */
    public void apply(Address client, long requested, List<Address> providers, long now) {
        apply(client, requested, providers, now, null);
    }

    /**
     * As {@link #apply(Address, long, List, long)}; when a tranche is due and the channel cannot grant more to the
     * client's current address, the client gives a new one from {@code fresh} (null: it has none) and the allocator
     * grants there from then on.
     */
    public void apply(Address client, long requested, List<Address> providers, long now, AddressSource fresh) {
        long days = Math.max(0, Math.round(dueDiligenceDays.sample()));
        boolean decided = diligence == null || !diligence.mayRejectHonest();
        Application a = new Application(client, requested, providers, now + days * Policy.EPOCHS_IN_DAY, null, decided);
        a.fresh = fresh;
        applications.add(a);
    }

    /**
     * An abusive client applies (off-chain): diligence starts now and takes its usual time (drawn from the abuse
     * stream), except towards the allocator's own colluding clients, which it grants at once.
     */
    public void applyAbusive(Address client, long requested, List<Address> providers, long now, AbuseProfile profile) {
        if (diligence == null) {
            apply(client, requested, providers, now);
            return;
        }
        long days = diligence.trusts(this, profile) ? 0 : diligence.abusiveDelayDays();
        applications.add(new Application(client, requested, providers, now + days * Policy.EPOCHS_IN_DAY, profile, false));
    }

    @Override
    public void act(StepView v) {
        if (diligence != null) revokeIdentified();
        if (datacapDeprecated) return; // FIP-0118: its grants were refused for good; it grants no more
        Iterator<Application> it = applications.iterator();
        while (it.hasNext()) {
            Application a = it.next();
            if (v.epoch() < a.readyEpoch) continue;
            if (!a.decided) {
                if (!accepts(a, v)) {
                    rejectedClients.add(a.client);
                    it.remove();
                    continue;
                }
                a.decided = true;
            }
            if (dropsIdentified(a)) {
                dropped++;
                it.remove();
                continue;
            }
            long tranche;
            if (a.granted == 0) tranche = firstTranche;
            else if (channel.unspent(a.client) < nextBelow * a.lastTranche) tranche = Math.min(maxTranche, 2 * a.lastTranche);
            else continue;
            long amount = Math.min(tranche, a.requested - a.granted);
            amount = Math.min(amount, channel.remaining(address));
            if (amount < Policy.MINIMUM_VERIFIED_ALLOCATION_SIZE) {
                if (a.requested - a.granted < Policy.MINIMUM_VERIFIED_ALLOCATION_SIZE) it.remove();
                continue;
            }
            if (a.fresh != null && !channel.accepts(a.client)) a.client = a.fresh.next(v.chain());
            try {
                channel.grant(address, a.client, amount, a.providers);
                lastGrantEpoch = v.epoch();
                a.granted += amount;
                a.lastTranche = amount;
                granted += amount;
                grantedTo.merge(a.client, amount, Long::sum);
                if (a.granted >= a.requested) it.remove();
            } catch (ActorError e) {
                refusals++;
                if (Attempt.datacapDeprecated(e)) {
                    datacapDeprecated = true;
                    return;
                }
                if (CLIENT_LOCKED.equals(e.rule())) { // banned on the OnRamp: nothing more to grant
                    dropped++;
                    it.remove();
                }
            }
        }
    }

    /** The decision at the end of due diligence. */
    private boolean accepts(Application a, StepView v) {
        if (diligence == null) return true;
        if (a.profile == null) {
            if (diligence.rejectsHonest()) {
                rejectedHonest++;
                return false;
            }
            return true;
        }
        if (diligence.trusts(this, a.profile)) return true;
        if (diligence.ledger().isIdentified(a.client)) {
            rejectedIdentified++;
            return false;
        }
        if (diligence.catches(a.profile)) {
            caught++;
            diligence.ledger().caught(a.client, this, v.epoch());
            return false;
        }
        return true;
    }

    /** True when governance has identified the client and this allocator does not collude with it. */
    private boolean dropsIdentified(Application a) {
        return diligence != null && a.profile != null && !diligence.trusts(this, a.profile)
                && diligence.ledger().isIdentified(a.client);
    }

    /**
     * Takes back what it can from every client governance identified since the last step that this allocator granted
     * DataCap to and does not collude with.
     */
    private void revokeIdentified() {
        List<Address> order = diligence.ledger().identifiedOrder();
        for (; seenIdentified < order.size(); seenIdentified++) {
            Address c = order.get(seenIdentified);
            if (grantedTo(c) == 0) continue;
            if (diligence.trusts(this, diligence.ledger().profileOf(c))) continue;
            try {
                revoked += diligence.revoke(address, c);
            } catch (ActorError e) {
                refusals++;
            }
        }
    }
}
