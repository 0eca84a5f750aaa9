package datacapsim.agents;

import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.AllocationRequest;
import datacapsim.chain.AllocationRequests;
import datacapsim.chain.Chain;
import datacapsim.chain.Policy;
import datacapsim.chain.Sector;
import datacapsim.economy.Books;
import datacapsim.economy.Logit;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * An honest client: arrives at a set epoch with a dataset and a set of chosen providers, applies to its allocator for
 * DataCap for every replica, then turns the DataCap it can spend into allocations through its design's
 * {@link AllocationChannel}, one piece per sector, each replica with a different provider, spreading bytes evenly over
 * its providers (the least-used first). It tells each provider off-chain and, weekly, removes allocations that
 * expired unclaimed, placing again what comes back. With a deal price ({@link #payDeals}) it pays each provider's
 * owner every 30 days, in FIL on chain, for the bytes of its live claims with that provider.
 *
 * <p>On the storage market regimes ({@link VerifiedPath#of}): its requests are verified deals its providers publish
 * (a provider's refused part is not made, the rest is); under v1, when a tranche is due while its address is still a
 * verified client, it applies from a new address (no top-up) and spends from its addresses oldest first; a deal
 * that timed out gave its bytes back by RestoreBytes, and it places them again; deals cannot be extended, so a
 * client that must keep its data longer than a deal lets the deal end.
 */
public final class Client implements DataCapClient {
    private final String label;
    private final Address address;
    /** Its addresses the verifiers granted to, oldest first (more than its own only under v1: see {@link #newAddress}). */
    private final List<Address> addresses = new ArrayList<>();
    private final Allocator allocator;
    private final AllocationChannel channel;
    private final List<Address> providers;
    /** Every provider it may turn to when its own refuse it (behaviour mode economic; empty otherwise). */
    private final List<Address> market;
    private final RandomGenerator offers;
    private final long switchAfterEpochs;
    private final Logit offerLogit;
    private Logit.Choice lastOffer;
    private long refusedSince = -1;
    private long wentElsewhere;
    private final long arrivalEpoch;
    private final long pieceSize;
    private final int replicas;
    private final int maxPerDay;
    private final long termMin;
    private final long termMax;
    private final long expirationEpochs;
    private final Map<Address, Long> bytesWith = new HashMap<>();
    /** Open allocations, oldest first, with their providers. */
    private final AllocationList openAllocations = new AllocationList();
    /** Claims of its data, oldest first (ids are the allocations'), with their providers, while it must keep them. */
    private final AllocationList claims = new AllocationList();
    private final long retentionEpochs;
    private long claimsExtended;
    private long replacedBytes;
    /** Until the first claim: the provider of each open allocation, to find the first claim by. */
    private final AllocationList awaitingFirstClaim = new AllocationList();
    private long applicationEpoch = -1;
    private long firstClaimEpoch = -1;
    private long bytesToAllocate;
    private long nextData;
    private boolean applied;
    private long allocated;
    private long recovered;
    private long refusals;
    /** FIP-0118: an allocation was refused because DataCap is deprecated; it makes no more. */
    private boolean datacapDeprecated;
    /** FIP-0118: ExtendClaimTerms was refused because DataCap is deprecated; it extends no more. */
    private boolean claimTermsDeprecated;
    /** The deal price, attoFIL per TiB-month (30 days); 0: deals are free. */
    private BigInteger dealPrice = BigInteger.ZERO;
    /** Claims it pays for (ids are the allocations'), oldest first, with their providers. */
    private final AllocationList paidClaims = new AllocationList();
    /** The epoch up to which each paid claim is paid (from its term start when first seen). */
    private final Map<Long, Long> paidUntil = new HashMap<>();
    private BigInteger dealPaid = BigInteger.ZERO;
    private long dealPaymentsSkipped;

    public Client(String label, Address address, Allocator allocator, AllocationChannel channel, List<Address> providers,
                  long arrivalEpoch, long datasetBytes, long pieceSize, int replicas, int maxPerDay, long termMin, long termMax,
                  long expirationEpochs, long retentionEpochs, List<Address> market, RandomGenerator offers,
                  long switchAfterEpochs, Logit offerLogit) {
        if (providers.size() < replicas)
            throw new IllegalArgumentException("client " + label + " has " + providers.size() + " providers for " + replicas + " replicas");
        this.label = label;
        this.address = address;
        this.allocator = allocator;
        this.channel = channel;
        this.providers = new ArrayList<>(providers);
        this.market = List.copyOf(market);
        this.offers = offers;
        this.switchAfterEpochs = switchAfterEpochs;
        this.offerLogit = offerLogit;
        if (offerLogit != null && offers == null) throw new IllegalArgumentException("offers by logit need a stream");
        this.arrivalEpoch = arrivalEpoch;
        this.pieceSize = pieceSize;
        this.replicas = replicas;
        this.maxPerDay = maxPerDay;
        this.termMin = termMin;
        this.termMax = termMax;
        this.expirationEpochs = expirationEpochs;
        this.retentionEpochs = retentionEpochs;
        long pieces = Math.max(1, (datasetBytes + pieceSize - 1) / pieceSize);
        this.bytesToAllocate = Math.multiplyExact(Math.multiplyExact(pieces, pieceSize), replicas);
        this.nextData = address.id() * 1_000_000_000L;
        addresses.add(address);
    }

    /**
     * A new address for its next tranche (Allocator.AddressSource): under v1 an address that is still a verified client
     * cannot be granted more, so the client applies from a new account (it needs no FIL there: on the market paths the
     * deals cost the client nothing on chain, and it pays its providers from its own address). It then spends from its
     * addresses oldest first.
     */
    private Address newAddress(Chain chain) {
        Address a = chain.newAccount();
        addresses.add(a);
        return a;
    }

    /** Its addresses the verifiers granted to (its own first; new ones only under v1). */
    public List<Address> addresses() { return List.copyOf(addresses); }

    /** The address it spends from now: its oldest with a full group of replicas to spend, else its newest. */
    private Address spender(long groupBytes) {
        if (addresses.size() == 1) return address;
        for (Address a : addresses) if (channel.spendable(a) >= groupBytes) return a;
        return addresses.get(addresses.size() - 1);
    }

    @Override
    public String label() { return label; }

    public Address address() { return address; }

    /** The providers it spreads its replicas over: those it chose, then any it turned to when refused. */
    public List<Address> providers() { return List.copyOf(providers); }

    /** Providers it added because its own refused its allocations for too long. */
    public long wentElsewhere() { return wentElsewhere; }

    /** The epoch the client arrives (the start of its arrival day). */
    public long arrivalEpoch() { return arrivalEpoch; }

    public long allocated() { return allocated; }

    @Override public long allocatedBytes() { return allocated; }

    @Override public boolean honest() { return true; }

    @Override public long applicationEpoch() { return applicationEpoch; }

    @Override public long firstClaimEpoch() { return firstClaimEpoch; }

    /** The earliest claim among its allocations that have left the registry's allocations (read, never written). */
    private void findFirstClaim(StepView v) {
        Address registryClient = channel.registryClient(address);
        VerifiedPath path = VerifiedPath.of(v.chain());
        long first = -1;
        for (AllocationList.Walk w = awaitingFirstClaim.walk(); w.next(); ) {
            if (path.status(registryClient, w.provider(), w.id()) instanceof VerifiedPath.Active c
                    && (first < 0 || c.termStart() < first)) first = c.termStart();
        }
        if (first < 0) return;
        firstClaimEpoch = first;
        awaitingFirstClaim.clear();
    }

    public long recovered() { return recovered; }

    public long refusals() { return refusals; }

    public long bytesToAllocate() { return bytesToAllocate; }

    /** From now on it pays its providers {@code attoFilPerTibMonth} for each TiB of live claims per 30 days. */
    public void payDeals(BigInteger attoFilPerTibMonth) {
        if (attoFilPerTibMonth.signum() < 0) throw new IllegalArgumentException("deal price " + attoFilPerTibMonth);
        this.dealPrice = attoFilPerTibMonth;
    }

    /** FIL it paid its providers for deals so far (attoFIL). */
    public BigInteger dealPaid() { return dealPaid; }

    /** Monthly payments to a provider it could not make (too little FIL); the month is not paid later. */
    public long dealPaymentsSkipped() { return dealPaymentsSkipped; }

    @Override
    public void act(StepView v) {
        if (v.epoch() < arrivalEpoch) return;
        if (!applied) {
            allocator.apply(address, bytesToAllocate, providers, v.epoch(), this::newAddress);
            applied = true;
            applicationEpoch = v.epoch();
        }
        if (firstClaimEpoch < 0 && !awaitingFirstClaim.isEmpty()) findFirstClaim(v);
        if (v.every(7)) recoverExpired(v);
        if (v.every(30)) extendClaims(v);
        if (v.every(30) && dealPrice.signum() > 0) payProviders(v);
        if (datacapDeprecated) return; // FIP-0118: its allocations were refused for good; it allocates no more
        long groupBytes = pieceSize * replicas;
        long perStep = Math.max(1, maxPerDay * v.stepEpochs() / Policy.EPOCHS_IN_DAY);
        Address from = spender(groupBytes);
        long groups = Math.min(Math.min(channel.spendable(from), bytesToAllocate) / groupBytes, Math.max(1, perStep / replicas));
        if (groups <= 0) return;
        List<AllocationRequest> requests = new ArrayList<>();
        Map<Address, Long> room = new HashMap<>();
        long expiration = v.epoch() + expirationEpochs;
        for (Address p : providers) // what its caps leave, and what the provider accepts (SP pull)
            room.put(p, Math.min(channel.headroom(address, p), v.deals().acceptableBytes(p, pieceSize, expiration, v.epoch())));
        boolean refused = false;
        for (long g = 0; g < groups; g++) {
            List<Address> targets = offerLogit == null ? leastUsed(v, room) : byOffers(v, room);
            if (targets.size() < replicas) { // the caps, or the providers' acceptance, leave too few for a full set
                refused = true;
                break;
            }
            long data = nextData++;
            for (Address p : targets) {
                requests.add(new AllocationRequest(p, data, pieceSize, termMin, termMax, expiration));
                bytesWith.merge(p, pieceSize, Long::sum);
                room.merge(p, -pieceSize, Long::sum);
            }
        }
        if (refused && !market.isEmpty()) goElsewhere(v, expiration);
        else refusedSince = -1;
        if (requests.isEmpty()) return;
        long sum = (long) requests.size() * pieceSize;
        try {
            List<Long> ids = VerifiedPath.of(v.chain()).request(channel, from, sum,
                    new AllocationRequests(requests, List.of()));
            Address registryClient = channel.registryClient(from);
            long made = 0;
            for (int i = 0; i < requests.size(); i++) {
                AllocationRequest r = requests.get(i);
                if (ids.get(i) == VerifiedPath.REFUSED) { // its provider's part was refused (market paths only)
                    bytesWith.merge(r.provider(), -pieceSize, Long::sum);
                    continue;
                }
                v.deals().post(r.provider(), new DealBook.Deal(registryClient, ids.get(i), r.data(), r.size()));
                openAllocations.add(ids.get(i), r.provider());
                if (firstClaimEpoch < 0) awaitingFirstClaim.add(ids.get(i), r.provider());
                made += r.size();
            }
            if (made < sum) refusals++;
            bytesToAllocate -= made;
            allocated += made;
        } catch (ActorError e) {
            for (AllocationRequest r : requests) bytesWith.merge(r.provider(), -pieceSize, Long::sum);
            refusals++;
            if (Attempt.datacapDeprecated(e)) datacapDeprecated = true;
        }
    }

    /**
     * Goes elsewhere (economics.md §4): after {@code clients.switchAfterDays} in which its providers accepted too
     * little for a full set of replicas, it adds one provider of the market that would accept a piece now and that its channel allows, drawn
     * uniformly from its own stream (a logit over offers equal in price, SLA fit and reputation, which the model
     * does not yet tell apart); with none, it keeps waiting.
     */
    private void goElsewhere(StepView v, long expiration) {
        long now = v.epoch();
        if (refusedSince < 0) {
            refusedSince = now;
            return;
        }
        if (now - refusedSince < switchAfterEpochs) return;
        List<Address> offering = new ArrayList<>();
        for (Address p : market)
            if (!providers.contains(p) && channel.headroom(address, p) >= pieceSize
                    && v.deals().acceptableBytes(p, pieceSize, expiration, now) >= pieceSize) offering.add(p);
        if (offering.isEmpty()) return;
        providers.add(offering.get(offerLogit == null ? offers.nextInt(offering.size()) : chooseOffer(v, offering)));
        wentElsewhere++;
        refusedSince = -1;
    }

    /** A client's value of having a TiB stored for a year, USD: the spec's paid-storage price, 2.5 USD/TiB-month. */
    public static final double STORAGE_VALUE_USD_PER_TIB_YEAR = 30;

    /** Its last choice among providers' offers, with the values it saw (null before one, and in scripted mode). */
    public Logit.Choice lastOffer() { return lastOffer; }

    /**
     * The {@code replicas} providers of this step's piece, chosen one after another by logit among the offers of those
     * with room for it (economics.md §4): an offer's value, USD per TiB-year, is what the client expects to lose of
     * its data's storage value ({@link #STORAGE_VALUE_USD_PER_TIB_YEAR}) to the provider's record (the share of the
     * allocations it took that it did not seal) and to the days it will wait before the piece is sealed; deal prices
     * are one price for all and its own SLA it has none, so they do not tell offers apart. Draws from its offers
     * stream, one per replica.
     */
    private List<Address> byOffers(StepView v, Map<Address, Long> room) {
        List<Address> open = new ArrayList<>();
        for (Address p : providers) if (room.get(p) >= pieceSize) open.add(p);
        List<Address> out = new ArrayList<>();
        while (out.size() < replicas && !open.isEmpty()) out.add(open.remove(chooseOffer(v, open)));
        return out;
    }

    /** One logit choice among the offers of {@code candidates}, recorded as its last offer; returns the index chosen. */
    private int chooseOffer(StepView v, List<Address> candidates) {
        List<String> names = new ArrayList<>();
        double[] values = new double[candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            DealBook.Offer o = v.deals().offer(candidates.get(i));
            names.add(candidates.get(i).toString());
            double days = Math.min(o.daysToSeal(), Books.DAYS_IN_YEAR);
            values[i] = -STORAGE_VALUE_USD_PER_TIB_YEAR * ((1 - o.reliability()) + days / Books.DAYS_IN_YEAR);
        }
        lastOffer = offerLogit.choose(names, values, offers);
        return lastOffer.chosen();
    }

    /**
     * The {@code replicas} providers this client has given the fewest bytes so far (ties in random order), among those
     * with room for another piece; fewer when too few have room.
     */
    private List<Address> leastUsed(StepView v, Map<Address, Long> room) {
        List<Address> shuffled = new ArrayList<>();
        for (Address p : providers) if (room.get(p) >= pieceSize) shuffled.add(p);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = v.random().nextInt(i + 1);
            Address t = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, t);
        }
        shuffled.sort(Comparator.comparingLong(p -> bytesWith.getOrDefault(p, 0L)));
        return shuffled.subList(0, Math.min(replicas, shuffled.size()));
    }

    private void recoverExpired(StepView v) {
        if (openAllocations.isEmpty()) return;
        Address registryClient = channel.registryClient(address);
        VerifiedPath path = VerifiedPath.of(v.chain());
        List<Long> expired = new ArrayList<>();
        for (AllocationList.Walk w = openAllocations.walk(); w.next(); ) {
            VerifiedPath.Status st = path.status(registryClient, w.provider(), w.id());
            if (st instanceof VerifiedPath.Gone && path.returnsTimedOutBytes()) { // v1: timed out, its bytes restored
                recovered += pieceSize;
                bytesToAllocate += pieceSize;
                w.remove();
            } else if (!(st instanceof VerifiedPath.Pending a)) { // claimed (or removed by someone else)
                if (keepsData(v.epoch()) && st instanceof VerifiedPath.Active)
                    claims.add(w.id(), w.provider());
                if (dealPrice.signum() > 0) track(v, w.id(), w.provider());
                w.remove();
            } else if (v.epoch() >= a.expiration()) {
                expired.add(w.id());
                w.remove();
            }
        }
        if (expired.isEmpty()) return;
        try {
            long back = path.recoverExpired(channel, address, expired);
            recovered += back;
            bytesToAllocate += back;
        } catch (ActorError e) {
            refusals++;
        }
    }

    /**
     * Every 30 days: for each provider, the bytes of its claims with that provider in a live sector, over the epochs
     * since they were last paid (from the claim's start), at the deal price: one send to the provider's owner, whole
     * or nothing (a payment it cannot make is skipped and counted). A claim that ended (its term, or its sector
     * expired, was terminated or dropped it) is paid up to its end when its sector still shows it, then forgotten.
     */
    private void payProviders(StepView v) {
        long now = v.epoch();
        Address registryClient = channel.registryClient(address);
        VerifiedPath path = VerifiedPath.of(v.chain());
        for (AllocationList.Walk w = openAllocations.walk(); w.next(); ) // claimed since the last weekly look
            if (!paidUntil.containsKey(w.id())
                    && path.status(registryClient, w.provider(), w.id()) instanceof VerifiedPath.Active)
                track(v, w.id(), w.provider());
        Map<Address, BigInteger> byteEpochs = new LinkedHashMap<>();
        for (AllocationList.Walk w = paidClaims.walk(); w.next(); ) {
            long id = w.id();
            VerifiedPath.Active c = path.active(w.provider(), id);
            Sector s = c == null ? null : path.sectorHolding(c);
            if (s == null) {
                w.remove();
                continue;
            }
            long until = Math.min(now, Math.min(c.end(), s.expiration()));
            long from = paidUntil.get(id);
            if (until > from)
                byteEpochs.merge(w.provider(), BigInteger.valueOf(c.size()).multiply(BigInteger.valueOf(until - from)),
                        BigInteger::add);
            paidUntil.put(id, Math.max(from, until));
            if (until < now) w.remove();
        }
        BigInteger perTibMonth = BigInteger.valueOf(Policy.TiB).multiply(BigInteger.valueOf(30 * Policy.EPOCHS_IN_DAY));
        for (Map.Entry<Address, BigInteger> e : byteEpochs.entrySet()) {
            BigInteger amount = dealPrice.multiply(e.getValue()).divide(perTibMonth);
            if (amount.signum() == 0) continue;
            try {
                v.deals().pay(v.chain(), address, v.chain().miner(e.getKey()).owner(), amount);
                dealPaid = dealPaid.add(amount);
            } catch (ActorError err) {
                dealPaymentsSkipped++;
            }
        }
    }

    /** Starts paying for claim {@code id} with {@code provider} from the claim's start (once per claim). */
    private void track(StepView v, long id, Address provider) {
        if (paidUntil.containsKey(id)) return;
        VerifiedPath.Active c = VerifiedPath.of(v.chain()).active(provider, id);
        if (c == null) return;
        paidClaims.add(id, provider);
        paidUntil.put(id, c.termStart());
    }

    /** Whether it must still keep its data at {@code epoch} (only with a retention horizon, and as the claims' client). */
    private boolean keepsData(long epoch) {
        return retentionEpochs >= 0 && epoch < arrivalEpoch + retentionEpochs
                && channel.registryClient(address).equals(address);
    }

    /** Whether {@code c}'s data is still in a live sector of its provider that holds it. */
    private static boolean stored(StepView v, VerifiedPath path, VerifiedPath.Active c) {
        return path.storedAfter(c, v.epoch());
    }

    /**
     * Replicas it lost while it must keep its data (economics.md §4) are placed again: it applies to its allocator
     * for the DataCap of the lost bytes, and allocates them as it allocated its dataset.
     */
    private void placeAgain(StepView v, long lost) {
        bytesToAllocate += lost;
        replacedBytes += lost;
        allocator.apply(address, lost, List.copyOf(providers), v.epoch(), this::newAddress);
    }

    /** Bytes of replicas it lost to a provider's exit or non-renewal while it had to keep them, and placed again. */
    public long replacedBytes() { return replacedBytes; }

    /** Claims whose term_max it extended (ExtendClaimTerms), one per claim and extension. */
    public long claimsExtended() { return claimsExtended; }

    /**
     * Monthly, while it must keep its data: extends each claim's term_max to cover the rest of its retention horizon,
     * within 5 years of the claim's start (ExtendClaimTerms costs no DataCap); forgets claims that ended or left.
     */
    private void extendClaims(StepView v) {
        if (claims.isEmpty() || claimTermsDeprecated) return;
        if (!keepsData(v.epoch())) {
            claims.clear();
            return;
        }
        long keepUntil = arrivalEpoch + retentionEpochs;
        VerifiedPath path = VerifiedPath.of(v.chain());
        List<VerifiedPath.TermExtension> terms = new ArrayList<>();
        long lost = 0;
        for (AllocationList.Walk w = claims.walk(); w.next(); ) {
            VerifiedPath.Active c = path.active(w.provider(), w.id());
            if (c == null || v.epoch() >= c.end()) {
                w.remove();
                continue;
            }
            if (!stored(v, path, c)) { // its sector was terminated, expired unrenewed, or dropped the claim
                w.remove();
                lost += c.size();
                continue;
            }
            long want = Math.min(Policy.MAXIMUM_VERIFIED_ALLOCATION_TERM, keepUntil - c.termStart());
            if (path.extensible() && want > c.termMax())
                terms.add(new VerifiedPath.TermExtension(w.provider(), c.id(), want));
        }
        if (lost > 0) placeAgain(v, lost);
        if (terms.isEmpty()) return;
        try {
            claimsExtended += path.extend(address, terms);
        } catch (ActorError e) {
            refusals++;
            if (Attempt.datacapDeprecated(e)) claimTermsDeprecated = true; // FIP-0118: claims are history now
        }
    }
}
