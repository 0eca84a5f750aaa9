package datacapsim.agents;

import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.Policy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.math3.distribution.RealDistribution;

/**
 * An allocator. Clients apply off-chain; after due diligence the allocator grants DataCap in tranches through its
 * design's {@link GrantChannel}: the first tranche, then each next one doubling up to a maximum, granted once the
 * client has spent most of the last one.
 */
public final class Allocator implements Agent {
    private final String label;
    private final Address address;
    private final RealDistribution dueDiligenceDays;
    private final long firstTranche;
    private final long maxTranche;
    private final double nextBelow;
    private final List<Application> applications = new ArrayList<>();
    private final GrantChannel channel;
    private long granted;
    private long refusals;
    private long lastGrantEpoch = -1;

    private static final class Application {
        final Address client;
        final long requested;
        final List<Address> providers;
        long readyEpoch;
        long granted;
        long lastTranche;

        Application(Address client, long requested, List<Address> providers, long readyEpoch) {
            this.client = client;
            this.requested = requested;
            this.providers = List.copyOf(providers);
            this.readyEpoch = readyEpoch;
        }
    }

    public Allocator(String label, Address address, GrantChannel channel, RealDistribution dueDiligenceDays, long firstTranche,
                     long maxTranche, double nextBelow) {
        this.label = label;
        this.channel = channel;
        this.address = address;
        this.dueDiligenceDays = dueDiligenceDays;
        this.firstTranche = firstTranche;
        this.maxTranche = maxTranche;
        this.nextBelow = nextBelow;
    }

    @Override
    public String label() { return label; }

    public Address address() { return address; }

    public long granted() { return granted; }

    public long refusals() { return refusals; }

    public int openApplications() { return applications.size(); }

    /** Epoch of the allocator's last grant, or -1. */
    public long lastGrantEpoch() { return lastGrantEpoch; }

    /** A client applies for {@code requested} bytes in total, to store with {@code providers} (off-chain); due diligence starts now. */
    public void apply(Address client, long requested, List<Address> providers, long now) {
        long days = Math.max(0, Math.round(dueDiligenceDays.sample()));
        applications.add(new Application(client, requested, providers, now + days * Policy.EPOCHS_IN_DAY));
    }

    @Override
    public void act(StepView v) {
        Iterator<Application> it = applications.iterator();
        while (it.hasNext()) {
            Application a = it.next();
            if (v.epoch() < a.readyEpoch) continue;
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
            try {
                channel.grant(address, a.client, amount, a.providers);
                lastGrantEpoch = v.epoch();
                a.granted += amount;
                a.lastTranche = amount;
                granted += amount;
                if (a.granted >= a.requested) it.remove();
            } catch (ActorError e) {
                refusals++;
            }
        }
    }
}
