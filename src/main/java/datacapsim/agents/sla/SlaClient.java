package datacapsim.agents.sla;

import datacapsim.agents.DataCapClient;
import datacapsim.agents.StepView;
import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.Miner;
import datacapsim.contracts.BeneficiaryFactory;
import datacapsim.contracts.ContractError;
import datacapsim.contracts.SLAAllocator;
import datacapsim.contracts.SLAClientContract;
import datacapsim.contracts.SLARegistry;
import datacapsim.contracts.SLIOracle;
import datacapsim.contracts.SlaError;
import datacapsim.contracts.SlaParams;
import datacapsim.contracts.SlaScorer;
import datacapsim.contracts.SliAttestation;
import org.apache.commons.math3.random.RandomGenerator;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A client of the sla-allocator design. It arrives with a dataset (pieces of one sector each, {@code replicas} copies
 * on different providers), chooses providers, registers an SLA with each, obtains DataCap allowances per provider
 * from the SLAAllocator, allocates through the SLA Client Contract (the registry sees the contract as the client; the
 * deals are posted to the deal book with the contract's address), and weekly removes allocations that expired
 * unclaimed, asking again for what came back.
 *
 * <p>Choosing providers: among those whose beneficiary is their own factory instance (the only ones the contracts
 * accept), it samples {@code providersPerClient} without replacement with probability ∝ exp(reputationWeight × fit),
 * fit being the share of its SLA thresholds the oracle's latest attestation meets (fewer when fewer qualify, but at
 * least {@code replicas}; otherwise it waits). Replicas are spread round-robin, so each piece's copies sit with
 * different providers.
 *
 * <p>Paths to DataCap, one request in flight at a time, providers taken in turn:
 * <ul>
 *   <li>manual attestation (a share of clients): asks the allocator service for an attestation of what it still needs
 *       with the provider, submits it once signed; after a rejection it pays like everyone else;
 *   <li>passport (clients holding one, while it is signed, unexpired and their weekly window is free): pays the SP's
 *       owner the price of the request (a real FIL send), has the allocator service attest the payment, then requests
 *       up to the passport cap;
 *   <li>no passport (everyone else, and passport holders whose window is used when {@code openPathWhenRateLimited}):
 *       pays and requests up to the no-passport cap; when the global limit of the day is used up it keeps its signed
 *       payment and tries again on the next step — the request queues, it is not dropped;
 *   <li>caller-chosen registry (deployed attack clients): requests everything at once naming a registry that always
 *       scores 100; where the path does not exist (designed) it turns honest.
 * </ul>
 * A refusal is data: it is counted by path and error and the client waits, retries, pays again, registers the SLA
 * again, or moves its remaining data to another provider (beneficiary refusals, a provider bound to another client,
 * repeated unclaimed expirations).
 *
 * <p>Its parts: {@link SlaEngagement} (its dealings with one provider), {@link SlaPassport}, {@link SlaRequests} and
 * {@link SlaRequest} (the request in flight, one kind per path), {@link SlaAllocations} and {@link SlaCounters}.
 */
public final class SlaClient implements DataCapClient {
    /** Honest, or an attacker using the deployed caller-chosen-registry path. */
    public enum Mode { HONEST, CALLER_REGISTRY }

    /** How a DataCap request is made. */
    public enum Path {
        PASSPORT("passport"), PAYMENT("no-passport"), MANUAL("manual"), CALLER_REGISTRY("caller-registry");

        private final String label;

        Path(String label) { this.label = label; }

        public String label() { return label; }
    }

    /** The contracts, services and providers a client works with (shared by all clients). */
    public record Market(SLAAllocator alloc, SLAClientContract cc, SLARegistry registry, SLIOracle oracle,
                         BeneficiaryFactory factory, AllocatorService service, SlaPaymentBook payments,
                         List<Address> providers, SlaScorer riggedRegistry) {
        public Market { providers = List.copyOf(providers); }
    }

    /** Behaviour shared by all clients. */
    public record Terms(long pieceSize, int replicas, int providersPerClient, int maxPerDay, long termMin, long termMax,
                        long expirationEpochs, SlaParams sla, double reputationWeight, boolean openPathWhenRateLimited,
                        long passportValidityEpochs, int switchAfterExpiries, int maxOpenPerProvider) {}

    /** A client's own traits. */
    public record Traits(Mode mode, boolean hasPassport, long passportScore, boolean manual) {}

    private final String label;
    private final Address address;
    private final Market market;
    private final Terms terms;
    private final long arrivalEpoch;
    private final long datasetBytes;
    private final RandomGenerator rng;
    private Mode mode;
    private final List<SlaEngagement> engagements = new ArrayList<>();
    private final Set<Address> everChosen = new TreeSet<>();
    private final SlaCounters counters = new SlaCounters();
    private final SlaPassport passport;
    private final SlaRequests requests;
    private final SlaAllocations allocations;
    private boolean started;
    private long plannedBytes;

    public SlaClient(String label, Address address, Market market, Terms terms, Traits traits, long arrivalEpoch,
                     long datasetBytes, RandomGenerator rng) {
        if (terms.providersPerClient() < terms.replicas())
            throw new IllegalArgumentException("client " + label + " chooses " + terms.providersPerClient()
                    + " providers for " + terms.replicas() + " replicas");
        this.label = label;
        this.address = address;
        this.market = market;
        this.terms = terms;
        this.mode = traits.mode();
        this.arrivalEpoch = arrivalEpoch;
        this.datasetBytes = datasetBytes;
        this.rng = rng;
        this.passport = new SlaPassport(address, traits.hasPassport(), traits.passportScore());
        this.requests = new SlaRequests(this, engagements, passport, counters, traits.manual());
        this.allocations = new SlaAllocations(this, engagements, counters);
    }

    /** The bytes of DataCap a client plans to allocate for a dataset: whole sectors, times the replicas. */
    public static long plannedBytes(long datasetBytes, long pieceSize, int replicas) {
        long pieces = Math.max(1, (datasetBytes + pieceSize - 1) / pieceSize);
        return Math.multiplyExact(Math.multiplyExact(pieces, pieceSize), replicas);
    }

    // ------------------------------------------------------------------ reads (for metrics and tests)
    @Override
    public String label() { return label; }

    public Address address() { return address; }

    public Mode mode() { return mode; }

    public boolean hasPassport() { return passport.held(); }

    public long passportScore() { return passport.score(); }

    /** Whether the client goes through manual attestation (false after a rejection). */
    public boolean manual() { return requests.manual; }

    public long arrivalEpoch() { return arrivalEpoch; }

    public long datasetBytes() { return datasetBytes; }

    /** DataCap it planned at the start (0 before it started). */
    public long plannedBytes() { return plannedBytes; }

    /** Allowance granted to it by the SLAAllocator in total. */
    public long grantedBytes() { return counters.grantedBytes(); }

    @Override public long allocatedBytes() { return counters.allocatedBytes(); }

    /** Bytes of its allocations it saw claimed. */
    public long claimedBytes() { return counters.claimedBytes(); }

    /** Bytes of its allocations that expired unclaimed and were removed. */
    public long expiredBytes() { return counters.expiredBytes(); }

    /** Bytes it could not place: no other provider qualified when it had to move them. */
    public long unplacedBytes() { return counters.unplacedBytes(); }

    /** FIL it paid providers (attoFIL). */
    public BigInteger paid() { return counters.paid(); }

    public long firstGrantEpoch() { return counters.firstGrantEpoch(); }

    public long firstAllocationEpoch() { return counters.firstAllocationEpoch(); }

    /** Epoch it first saw one of its allocations claimed, or −1. */
    @Override public long firstClaimEpoch() { return counters.firstClaimEpoch(); }

    @Override public boolean honest() { return mode == Mode.HONEST; }

    /** An SLA client asks for DataCap from its arrival. */
    @Override public long applicationEpoch() { return arrivalEpoch; }

    /** Epoch it had allocated everything it planned, or −1. */
    public long doneEpoch() { return counters.doneEpoch(); }

    /** Whether it ran out of FIL to pay. */
    public boolean broke() { return requests.broke(); }

    /** Whether it holds a signed, unexpired passport now. */
    public boolean passportSigned(long now) { return passport.signed(now); }

    /** DataCap requests by "path:outcome" (outcome "ok" or the contract error's name). */
    public Map<String, Long> requests() { return counters.requests(); }

    /** Refused calls by rule (e.g. "SLAAllocator.GlobalRateLimitExceeded"). */
    public Map<String, Long> refusals() { return counters.refusals(); }

    public List<SlaEngagement> engagements() { return Collections.unmodifiableList(engagements); }

    /** Bytes still to allocate across its providers. */
    public long remainingBytes() {
        long r = 0;
        for (SlaEngagement e : engagements) if (!e.dropped) r += e.toAllocate;
        return r;
    }

    /** Whether a DataCap request is in flight. */
    public boolean requestInFlight() { return requests.inFlight(); }

    Market market() { return market; }

    Terms terms() { return terms; }

    // ------------------------------------------------------------------ step
    @Override
    public void act(StepView v) {
        long now = v.epoch();
        if (now < arrivalEpoch) return;
        if (!started && !start(v)) return;
        registerSlas(v);
        passport.keep(market.service(), terms.passportValidityEpochs(), now);
        allocations.prune(v);
        if (v.every(7)) allocations.recoverExpired(v);
        requests.step(v);
        allocations.allocate(v);
        if (counters.doneEpoch() < 0 && remainingBytes() == 0 && allocations.noneOpen()
                && counters.unplacedBytes() == 0) counters.done(now);
    }

    /** Chooses providers and plans the bytes with each; false (wait) when too few qualify. */
    private boolean start(StepView v) {
        List<Address> ranked = rank(v, Set.of());
        if (ranked.size() < terms.replicas()) return false;
        int k = Math.min(terms.providersPerClient(), ranked.size());
        long pieces = plannedBytes(datasetBytes, terms.pieceSize(), 1) / terms.pieceSize();
        long slots = pieces * terms.replicas();
        for (int i = 0; i < k; i++) {
            long n = slots / k + (i < slots % k ? 1 : 0);
            SlaEngagement e = new SlaEngagement(ranked.get(i), n * terms.pieceSize());
            engagements.add(e);
            everChosen.add(e.provider);
        }
        plannedBytes = slots * terms.pieceSize();
        started = true;
        return true;
    }

    /**
     * Qualifying providers not in {@code exclude}, best first, by reputationWeight × SLA fit plus Gumbel noise: taking
     * the first k samples k providers without replacement with probability ∝ exp(reputationWeight × fit). Attackers use
     * 1 − fit (the providers real SLAs would cut most). One uniform draw per qualifying provider, in market order.
     */
    private List<Address> rank(StepView v, Set<Address> exclude) {
        Map<Address, Double> key = new TreeMap<>();
        for (Address p : market.providers()) {
            if (exclude.contains(p) || !qualifies(v.chain(), p)) continue;
            // attackers collude with the providers the real SLAs would cut most
            double f = mode == Mode.CALLER_REGISTRY ? 1 - fit(p) : fit(p);
            double u = rng.nextDouble();
            key.put(p, terms.reputationWeight() * f - Math.log(-Math.log(Math.max(u, Double.MIN_NORMAL))));
        }
        List<Address> out = new ArrayList<>(key.keySet());
        out.sort(Comparator.comparingDouble((Address p) -> -key.get(p)).thenComparing(p -> p));
        return out;
    }

    /**
     * The provider's beneficiary is its own factory instance (and, for the attack path, it is not bound to another
     * client).
     */
    private boolean qualifies(Chain chain, Address p) {
        Miner m = chain.miner(p);
        Address inst = market.factory().instanceFor(p);
        if (m == null || inst == null || !m.beneficiary().equals(inst)) return false;
        if (mode == Mode.CALLER_REGISTRY) {
            Address bound = market.alloc().providerClient(p);
            return bound == null || bound.equals(address);
        }
        return true;
    }

    /** Share of this client's SLA thresholds the provider's latest attestation meets (0 without one). */
    private double fit(Address p) {
        SliAttestation a = market.oracle().attestation(p);
        int defined = terms.sla().defined();
        if (!a.present() || defined == 0) return 0;
        return (double) terms.sla().met(a) / defined;
    }

    private void registerSlas(StepView v) {
        for (SlaEngagement e : engagements) {
            if (e.dropped || e.slaRegistered) continue;
            if (mode == Mode.CALLER_REGISTRY) {
                e.slaRegistered = true; // the attacker's registry scores any pair
                continue;
            }
            try {
                market.registry().registerSLA(address, address, e.provider, terms.sla());
                e.slaRegistered = true;
            } catch (ContractError err) {
                counters.refused(err);
                if (SlaError.of(err) == SlaError.SLAAlreadyRegistered) e.slaRegistered = true;
            } catch (ActorError err) {
                counters.refused(err);
            }
        }
    }

    /** The caller-chosen-registry path does not exist: the attacker behaves as an honest client from now on. */
    void turnHonest() {
        mode = Mode.HONEST;
        for (SlaEngagement e : engagements) e.slaRegistered = false;
    }

    /**
     * Moves the bytes still to allocate with {@code e} to the best qualifying provider it has not used yet (its SLA is
     * registered on a later step); without one, the bytes stay unplaced. Allowance left with {@code e} stays granted
     * and unspent.
     */
    void moveAway(StepView v, SlaEngagement e) {
        if (e.dropped) return;
        e.dropped = true;
        long bytes = e.toAllocate;
        e.toAllocate = 0;
        if (bytes <= 0) return;
        List<Address> ranked = rank(v, everChosen);
        if (ranked.isEmpty()) {
            counters.unplaced(bytes);
            return;
        }
        SlaEngagement n = new SlaEngagement(ranked.get(0), bytes);
        engagements.add(n);
        everChosen.add(n.provider);
    }
}
