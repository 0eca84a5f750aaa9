package datacapsim.agents.abuse;

import datacapsim.agents.AbuseKind;
import datacapsim.agents.AbuseProfile;
import datacapsim.agents.DataCapClient;
import datacapsim.agents.AllocationChannel;
import datacapsim.agents.Allocator;
import datacapsim.agents.DealBook;
import datacapsim.agents.ProviderAccount;
import datacapsim.agents.StepView;
import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.Allocation;
import datacapsim.chain.AllocationRequest;
import datacapsim.chain.AllocationRequests;
import datacapsim.chain.Chain;
import datacapsim.chain.Claim;
import datacapsim.chain.Policy;
import datacapsim.economy.Logit;
import org.apache.commons.math3.random.RandomGenerator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An abusive client: arrives at a set epoch, applies to an allocator for DataCap (for every replica of a dataset it
 * does not really have), and, when rejected, tries further allocators one after another; spends what it is granted
 * through its allocator's {@link AllocationChannel} (honest mechanics: one piece per sector, the channel's fair-share
 * headroom respected, providers told off-chain through the {@link DealBook}); weekly removes its expired allocations.
 * Its kinds (sealed: one final class per {@link AbuseKind}) choose the providers each allocation goes to. Weekly it
 * looks up its open allocations to count what was claimed (a claim keeps its allocation's id), the ground truth
 * behind the abuse counters ({@link #claimed()} also counts claims made since). Its own choices draw from the
 * "abuse.behaviour" stream and its reapplications from "abuse.reapply", so honest agents keep their draws. In
 * behaviour mode economic ({@link #decideBy}) it applies, re-applies and allocates only while its last
 * {@link AttackChoice} is to attack (choices from "abuse.decisions"); in scripted mode it always does.
 */
public abstract sealed class AbuseClient implements DataCapClient
        permits SybilClient, SelfDealingClient, ColludingClient {
    /** The allocation terms abusive clients use (the honest clients' terms). */
    public record Terms(long pieceSize, int replicas, int maxPerDay, long termMin, long termMax,
                        long expirationEpochs) {}

    private record Open(Address registryClient, long id, Address provider, long size, AllocationChannel channel) {}

    private final String label;
    private final Address address;
    private final AbuseProfile profile;
    private final List<Address> providers;
    private final long arrivalEpoch;
    protected final Terms terms;
    private final Allocator first;
    private final List<Allocator> allocators;
    private final Map<Allocator, AllocationChannel> channels;
    private final RandomGenerator rng;
    private final RandomGenerator reapplyRng;
    private final List<Allocator> appliedTo = new ArrayList<>();
    private final Map<Address, Long> bytesWith = new HashMap<>();
    private final List<Open> open = new ArrayList<>();
    private int attemptsLeft;
    private long bytesToAllocate;
    private long nextData;
    private long allocated;
    private long claimed;
    private long lost;
    private long recovered;
    private long refusals;
    private Chain chain;
    private long cacheTotal = -1;
    private long cacheBase = -1;
    private int cacheOpen = -1;
    private long cacheSince;
    private AttackChoice attackChoice;
    private ProviderAccount basis;
    private double controlledShare;
    private AttackChoice.Decision lastDecision;
    private int decidedAtApplications = -1;
    private boolean arrived;
    private long attackDecisions;
    private long attacksChosen;

    protected AbuseClient(String label, Address address, AbuseProfile profile, List<Address> providers,
                          long arrivalEpoch, long requestedBytes, Terms terms, Allocator first,
                          List<Allocator> allocators, Map<Allocator, AllocationChannel> channels, int reapplyAttempts,
                          RandomGenerator rng, RandomGenerator reapplyRng) {
        this.label = label;
        this.address = address;
        this.profile = profile;
        this.providers = List.copyOf(providers);
        this.arrivalEpoch = arrivalEpoch;
        this.terms = terms;
        this.first = first;
        this.allocators = List.copyOf(allocators);
        this.channels = channels;
        this.attemptsLeft = reapplyAttempts;
        this.rng = rng;
        this.reapplyRng = reapplyRng;
        this.bytesToAllocate = requestedBytes;
        this.nextData = address.id() * 1_000_000_000L;
    }

    /** Bytes to apply for: whole pieces of the dataset, times the replicas. */
    public static long requestFor(long datasetBytes, Terms t) {
        long pieces = Math.max(1, (datasetBytes + t.pieceSize() - 1) / t.pieceSize());
        return Math.multiplyExact(Math.multiplyExact(pieces, t.pieceSize()), t.replicas());
    }

    @Override
    public String label() { return label; }

    public Address address() { return address; }

    public AbuseKind kind() { return profile.kind(); }

    public AbuseProfile profile() { return profile; }

    /** The epoch the client arrives (the start of its arrival day). */
    public long arrivalEpoch() { return arrivalEpoch; }

    /** The providers it listed in its applications. */
    public List<Address> providers() { return providers; }

    /** Allocators it has applied to, in order. */
    public List<Allocator> appliedTo() { return List.copyOf(appliedTo); }

    /** DataCap granted to it by every allocator it applied to, bytes. */
    public long granted() {
        long t = 0;
        for (Allocator a : appliedTo) t += a.grantedTo(address);
        return t;
    }

    /** Bytes of allocations it made. */
    public long allocated() { return allocated; }

    @Override public long allocatedBytes() { return allocated; }

    /**
     * Bytes of its allocations that providers claimed, up to now: those seen when it last looked plus those claimed
     * since (a read of the registry, so the counter agrees with the chain's claimed total at any moment; the read is
     * redone only when the registry's claimed total has moved).
     */
    public long claimed() {
        if (chain == null) return claimed;
        long total = chain.verifreg().claimedBytes();
        if (total != cacheTotal || claimed != cacheBase || open.size() != cacheOpen) {
            long since = 0;
            for (Open o : open)
                if (chain.verifreg().allocation(o.registryClient(), o.id()) == null
                        && chain.verifreg().claim(o.provider(), o.id()) != null)
                    since += o.size();
            cacheTotal = total;
            cacheBase = claimed;
            cacheOpen = open.size();
            cacheSince = since;
        }
        return claimed + cacheSince;
    }

    /** Bytes of its allocations that expired unclaimed or were removed. */
    public long lost() { return lost; }

    public long recovered() { return recovered; }

    public long refusals() { return refusals; }

    public long bytesToAllocate() { return bytesToAllocate; }

    /**
     * Behaviour mode economic: from now on it acts only while {@code choice} says attack (see {@link AttackChoice}),
     * its gain read from {@code basis} (a controlled provider's books) on {@code share} of its allocations.
     */
    public void decideBy(AttackChoice choice, ProviderAccount basis, double share) {
        this.attackChoice = choice;
        this.basis = basis;
        this.controlledShare = share;
    }

    /** True when it has arrived and (economic mode) its last choice was to attack. */
    public boolean attacking() {
        return arrived && (attackChoice == null || lastDecision != null && lastDecision.attacks());
    }

    /** Its last choice to attack or stay out (null before the first, and in scripted mode). */
    public Logit.Choice lastAttackChoice() { return lastDecision == null ? null : lastDecision.choice(); }

    /** Value of attacking at its last choice, USD per raw TiB-year (0 before it). */
    public double lastAttackValueUsd() { return lastDecision == null ? 0 : lastDecision.choice().values()[0]; }

    /** Logit share of attacking at its last choice. */
    public double lastAttackShare() { return lastDecision == null ? 0 : lastDecision.choice().shares()[0]; }

    /** The gain it saw at its last choice (G × controlled share), USD per raw TiB-year. */
    public double lastAttackGainUsd() { return lastDecision == null ? 0 : lastDecision.gainUsd(); }

    /** The catch probability it estimated at its last choice. */
    public double lastCatchProbability() { return lastDecision == null ? 0 : lastDecision.catchProbability(); }

    /** Choices to attack or stay out it made. */
    public long attackDecisions() { return attackDecisions; }

    /** Of those, the choices to attack. */
    public long attacksChosen() { return attacksChosen; }

    @Override
    public void act(StepView v) {
        chain = v.chain();
        if (v.epoch() < arrivalEpoch) return;
        arrived = true;
        boolean acting = decide(v);
        if (acting && appliedTo.isEmpty()) applyTo(first, v);
        else if (acting) reapplyIfRejected(v);
        if (v.every(7)) {
            track(v);
            recoverExpired(v);
        }
        if (!acting) return;
        // one pass per place its DataCap sits (its own balance, or each Client Contract it has an allowance in)
        List<Address> seen = new ArrayList<>();
        for (Allocator a : appliedTo) {
            AllocationChannel ch = channels.get(a);
            Address holder = ch.registryClient(address);
            if (seen.contains(holder)) continue;
            seen.add(holder);
            allocate(v, ch);
        }
    }

    private void applyTo(Allocator a, StepView v) {
        appliedTo.add(a);
        a.applyAbusive(address, bytesToAllocate, providers, v.epoch(), profile);
    }

    /**
     * Economic mode: chooses afresh on arrival, at every revision and before each re-application; acts while its
     * last choice is to attack. Scripted mode: always acts.
     */
    private boolean decide(StepView v) {
        if (attackChoice == null) return true;
        List<Allocator> next = appliedTo.isEmpty() ? List.of(first) : reapplyDue() ? others() : null;
        boolean applicationDue = next != null && decidedAtApplications != appliedTo.size();
        if (lastDecision == null || applicationDue || v.every(AttackChoice.REVISION_DAYS)) {
            List<Allocator> candidates = next != null ? next : List.of(appliedTo.get(appliedTo.size() - 1));
            lastDecision = attackChoice.choose(this, candidates, basis, controlledShare, v.chain());
            decidedAtApplications = appliedTo.size();
            attackDecisions++;
            if (lastDecision.attacks()) attacksChosen++;
        }
        return lastDecision.attacks();
    }

    private boolean reapplyDue() {
        Allocator current = appliedTo.get(appliedTo.size() - 1);
        return attemptsLeft > 0 && current.rejected(address) && bytesToAllocate > 0 && !others().isEmpty();
    }

    private List<Allocator> others() {
        List<Allocator> others = new ArrayList<>();
        for (Allocator a : allocators) if (!appliedTo.contains(a)) others.add(a);
        return others;
    }

    private void reapplyIfRejected(StepView v) {
        Allocator current = appliedTo.get(appliedTo.size() - 1);
        if (attemptsLeft <= 0 || !current.rejected(address) || bytesToAllocate <= 0) return;
        List<Allocator> others = others();
        if (others.isEmpty()) {
            attemptsLeft = 0;
            return;
        }
        attemptsLeft--;
        applyTo(others.get(reapplyRng.nextInt(others.size())), v);
    }

    private void allocate(StepView v, AllocationChannel ch) {
        long budget = Math.min(ch.spendable(address), bytesToAllocate);
        if (budget < terms.pieceSize()) return;
        long perStep = Math.max(1, terms.maxPerDay() * v.stepEpochs() / Policy.EPOCHS_IN_DAY);
        Map<Address, Long> room = new LinkedHashMap<>();
        long expiration = v.epoch() + terms.expirationEpochs();
        for (Address p : providers) // what the caps leave, and what the provider accepts (SP pull)
            room.put(p, Math.min(ch.headroom(address, p),
                    v.deals().acceptableBytes(p, terms.pieceSize(), expiration, v.epoch())));
        List<Address> targets = plan(budget, perStep, room);
        if (targets.isEmpty()) return;
        List<AllocationRequest> requests = new ArrayList<>();
        long data = nextData;
        int replicas = piecesPerData();
        for (int i = 0; i < targets.size(); i++) {
            if (i % replicas == 0) data = nextData++;
            requests.add(new AllocationRequest(targets.get(i), data, terms.pieceSize(), terms.termMin(),
                    terms.termMax(), expiration));
        }
        long sum = (long) requests.size() * terms.pieceSize();
        try {
            List<Long> ids = ch.allocate(address, sum, new AllocationRequests(requests, List.of()));
            Address registryClient = ch.registryClient(address);
            for (int i = 0; i < requests.size(); i++) {
                AllocationRequest r = requests.get(i);
                v.deals().post(r.provider(), new DealBook.Deal(registryClient, ids.get(i), r.data(), r.size()));
                open.add(new Open(registryClient, ids.get(i), r.provider(), r.size(), ch));
                bytesWith.merge(r.provider(), r.size(), Long::sum);
            }
            bytesToAllocate -= sum;
            allocated += sum;
        } catch (ActorError e) {
            refusals++;
        }
    }

    /** Copies of each piece of data in a plan (consecutive targets share a piece). */
    protected int piecesPerData() { return terms.replicas(); }

    /**
     * The providers of this step's allocations, one entry per piece, within {@code budget} bytes, at most
     * {@code perStep} allocations, and each provider within its {@code room} (bytes; the plan may use it up).
     */
    protected abstract List<Address> plan(long budget, long perStep, Map<Address, Long> room);

    /**
     * Spreads whole groups of {@code replicas} pieces over distinct providers, least used first (ties in random order),
     * as honest clients do.
     */
    protected final List<Address> spread(long budget, long perStep, Map<Address, Long> room) {
        long piece = terms.pieceSize();
        int replicas = terms.replicas();
        long groups = Math.min(budget / (piece * replicas), Math.max(1, perStep / replicas));
        Map<Address, Long> planned = new HashMap<>();
        List<Address> out = new ArrayList<>();
        for (long g = 0; g < groups; g++) {
            List<Address> withRoom = new ArrayList<>();
            for (var e : room.entrySet()) if (e.getValue() >= piece) withRoom.add(e.getKey());
            shuffle(withRoom);
            withRoom.sort(Comparator.comparingLong(p -> bytesWith.getOrDefault(p, 0L) + planned.getOrDefault(p, 0L)));
            if (withRoom.size() < replicas) break;
            for (Address p : withRoom.subList(0, replicas)) {
                out.add(p);
                planned.merge(p, piece, Long::sum);
                room.merge(p, -piece, Long::sum);
            }
        }
        return out;
    }

    private void shuffle(List<Address> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Address t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    /** Counts allocations that were claimed (or vanished unclaimed) since the last step. */
    private void track(StepView v) {
        Iterator<Open> it = open.iterator();
        while (it.hasNext()) {
            Open o = it.next();
            if (v.chain().verifreg().allocation(o.registryClient(), o.id()) != null) continue;
            Claim c = v.chain().verifreg().claim(o.provider(), o.id());
            if (c != null) claimed += o.size();
            else lost += o.size();
            it.remove();
        }
    }

    private void recoverExpired(StepView v) {
        Map<AllocationChannel, List<Long>> expired = new IdentityHashMap<>();
        List<AllocationChannel> order = new ArrayList<>();
        for (Open o : open) {
            Allocation a = v.chain().verifreg().allocation(o.registryClient(), o.id());
            if (a == null || v.epoch() < a.expiration()) continue;
            if (!expired.containsKey(o.channel())) order.add(o.channel());
            expired.computeIfAbsent(o.channel(), k -> new ArrayList<>()).add(o.id());
        }
        for (AllocationChannel ch : order) {
            try {
                long back = ch.recoverExpired(address, expired.get(ch));
                recovered += back;
                bytesToAllocate += back;
            } catch (ActorError e) {
                refusals++;
            }
        }
    }
}
