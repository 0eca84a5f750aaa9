package datacapsim.agents;

import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.Allocation;
import datacapsim.chain.AllocationRequest;
import datacapsim.chain.AllocationRequests;
import datacapsim.chain.Chain;
import datacapsim.chain.Miner;
import datacapsim.chain.Policy;
import datacapsim.contracts.BeneficiaryFactory;
import datacapsim.contracts.ContractError;
import datacapsim.contracts.PassportSigned;
import datacapsim.contracts.PaymentTransactionSigned;
import datacapsim.contracts.SLAAllocator;
import datacapsim.contracts.SLAClientContract;
import datacapsim.contracts.SLARegistry;
import datacapsim.contracts.SLIOracle;
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
 * fit being the share of its SLA thresholds the oracle's latest attestation meets (fewer when fewer qualify, but at least
 * {@code replicas}; otherwise it waits). Replicas are spread round-robin, so each piece's copies sit with different
 * providers.
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
 */
public final class SlaClient implements Agent {
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

    /** The client's dealings with one provider. */
    public static final class Engagement {
        private final Address provider;
        private boolean slaRegistered;
        private long toAllocate;
        private long granted;
        private long allocated;
        private int expiryStrikes;
        private int open;
        private boolean dropped;

        Engagement(Address provider, long toAllocate) {
            this.provider = provider;
            this.toAllocate = toAllocate;
        }

        public Address provider() { return provider; }
        public boolean slaRegistered() { return slaRegistered; }
        /** Bytes still to allocate with this provider. */
        public long toAllocate() { return toAllocate; }
        public long granted() { return granted; }
        public long allocated() { return allocated; }
        public boolean dropped() { return dropped; }
        /** Its allocations not yet claimed (nor removed). */
        public int openAllocations() { return open; }
    }

    private record Open(long id, Engagement e, long size) {}

    /** The request in flight. */
    private static final class Request {
        final Engagement e;
        Path path;
        long amount;
        AllocatorService.Ticket payment;
        AllocatorService.Ticket manual;

        Request(Engagement e, Path path, long amount) {
            this.e = e;
            this.path = path;
            this.amount = amount;
        }
    }

    private final String label;
    private final Address address;
    private final Market market;
    private final Terms terms;
    private final long arrivalEpoch;
    private final long datasetBytes;
    private final List<String> stamps;
    private final RandomGenerator rng;
    private Mode mode;
    private final boolean hasPassport;
    private final long passportScore;
    private boolean manual;
    private final List<Engagement> engagements = new ArrayList<>();
    private final Set<Address> everChosen = new TreeSet<>();
    private final List<Open> open = new ArrayList<>();
    private final Map<String, Long> requests = new TreeMap<>();
    private final Map<String, Long> refusals = new TreeMap<>();
    private boolean started;
    private long plannedBytes;
    private PassportSigned passport;
    private long passportExpiry = -1;
    private AllocatorService.Ticket passportTicket;
    private int passportRefusals;
    private long passportRetryEpoch;
    private boolean passportGivenUp;
    private boolean openPathMissing;
    private boolean broke;
    private Request pending;
    private int turn;
    private long nextData;
    private long paySeq;
    private long grantedBytes;
    private long allocatedBytes;
    private long claimedBytes;
    private long expiredBytes;
    private long unplacedBytes;
    private BigInteger paid = BigInteger.ZERO;
    private long firstGrantEpoch = -1;
    private long firstAllocationEpoch = -1;
    private long firstClaimEpoch = -1;
    private long doneEpoch = -1;

    public SlaClient(String label, Address address, Market market, Terms terms, Traits traits, long arrivalEpoch,
                     long datasetBytes, RandomGenerator rng) {
        if (terms.providersPerClient() < terms.replicas())
            throw new IllegalArgumentException("client " + label + " chooses " + terms.providersPerClient() + " providers for "
                    + terms.replicas() + " replicas");
        this.label = label;
        this.address = address;
        this.market = market;
        this.terms = terms;
        this.mode = traits.mode();
        this.hasPassport = traits.hasPassport();
        this.passportScore = traits.passportScore();
        this.manual = traits.manual();
        this.arrivalEpoch = arrivalEpoch;
        this.datasetBytes = datasetBytes;
        this.rng = rng;
        this.stamps = List.of("stamp:" + address + ":github", "stamp:" + address + ":ens", "stamp:" + address + ":gov");
        this.nextData = address.id() * 1_000_000_000L;
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

    public boolean hasPassport() { return hasPassport; }

    public long passportScore() { return passportScore; }

    /** Whether the client goes through manual attestation (false after a rejection). */
    public boolean manual() { return manual; }

    public long arrivalEpoch() { return arrivalEpoch; }

    public long datasetBytes() { return datasetBytes; }

    /** DataCap it planned at the start (0 before it started). */
    public long plannedBytes() { return plannedBytes; }

    /** Allowance granted to it by the SLAAllocator in total. */
    public long grantedBytes() { return grantedBytes; }

    public long allocatedBytes() { return allocatedBytes; }

    /** Bytes of its allocations it saw claimed. */
    public long claimedBytes() { return claimedBytes; }

    /** Bytes of its allocations that expired unclaimed and were removed. */
    public long expiredBytes() { return expiredBytes; }

    /** Bytes it could not place: no other provider qualified when it had to move them. */
    public long unplacedBytes() { return unplacedBytes; }

    /** FIL it paid providers (attoFIL). */
    public BigInteger paid() { return paid; }

    public long firstGrantEpoch() { return firstGrantEpoch; }

    public long firstAllocationEpoch() { return firstAllocationEpoch; }

    /** Epoch it first saw one of its allocations claimed, or −1. */
    public long firstClaimEpoch() { return firstClaimEpoch; }

    /** Epoch it had allocated everything it planned, or −1. */
    public long doneEpoch() { return doneEpoch; }

    /** Whether it ran out of FIL to pay. */
    public boolean broke() { return broke; }

    /** Whether it holds a signed, unexpired passport now. */
    public boolean passportSigned(long now) { return passport != null && now < passportExpiry; }

    /** DataCap requests by "path:outcome" (outcome "ok" or the contract error's name). */
    public Map<String, Long> requests() { return Collections.unmodifiableMap(requests); }

    /** Refused calls by rule (e.g. "SLAAllocator.GlobalRateLimitExceeded"). */
    public Map<String, Long> refusals() { return Collections.unmodifiableMap(refusals); }

    public List<Engagement> engagements() { return Collections.unmodifiableList(engagements); }

    /** Bytes still to allocate across its providers. */
    public long remainingBytes() {
        long r = 0;
        for (Engagement e : engagements) if (!e.dropped) r += e.toAllocate;
        return r;
    }

    /** Whether a DataCap request is in flight. */
    public boolean requestInFlight() { return pending != null; }

    // ------------------------------------------------------------------ step
    @Override
    public void act(StepView v) {
        long now = v.epoch();
        if (now < arrivalEpoch) return;
        if (!started && !start(v)) return;
        registerSlas(v);
        passport(v);
        prune(v);
        if (v.every(7)) recoverExpired(v);
        request(v);
        allocate(v);
        if (doneEpoch < 0 && remainingBytes() == 0 && open.isEmpty() && unplacedBytes == 0) doneEpoch = now;
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
            Engagement e = new Engagement(ranked.get(i), n * terms.pieceSize());
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

    /** The provider's beneficiary is its own factory instance (and, for the attack path, it is not bound to another client). */
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
        for (Engagement e : engagements) {
            if (e.dropped || e.slaRegistered) continue;
            if (mode == Mode.CALLER_REGISTRY) {
                e.slaRegistered = true; // the attacker's registry scores any pair
                continue;
            }
            try {
                market.registry().registerSLA(address, address, e.provider, terms.sla());
                e.slaRegistered = true;
            } catch (ContractError err) {
                refused(err);
                if (err.error().equals("SLAAlreadyRegistered")) e.slaRegistered = true;
            } catch (ActorError err) {
                refused(err);
            }
        }
    }

    /** Keeps a signed passport: asks the allocator service at the start and on expiry; one retry a week after a refusal. */
    private void passport(StepView v) {
        if (!hasPassport || passportGivenUp) return;
        long now = v.epoch();
        if (passportTicket != null) {
            if (passportTicket.pending()) return;
            if (passportTicket.status() == AllocatorService.Status.SIGNED) {
                passport = passportTicket.passport();
                passportExpiry = passport.passport().expiration();
                passportRefusals = 0;
            } else {
                passportRefusals++;
                if (passportRefusals >= 2) passportGivenUp = true;
                passportRetryEpoch = now + 7 * Policy.EPOCHS_IN_DAY;
            }
            passportTicket = null;
            return;
        }
        if (passportSigned(now) || now < passportRetryEpoch) return;
        passport = null;
        passportTicket = market.service().submitPassport(address, passportScore, stamps, now + terms.passportValidityEpochs(), now);
    }

    // ------------------------------------------------------------------ DataCap requests
    private void request(StepView v) {
        if (pending != null && pending.e.dropped) pending = null; // moved away meanwhile: what was paid for it is lost
        if (pending == null) pending = next(v);
        if (pending == null) return;
        Request r = pending;
        switch (r.path) {
            case CALLER_REGISTRY -> callerRegistry(v, r);
            case MANUAL -> manual(v, r);
            default -> paid(v, r);
        }
    }

    /** The next request: the next provider in turn that still needs DataCap, by the client's path. */
    private Request next(StepView v) {
        if (engagements.isEmpty()) return null;
        long now = v.epoch();
        for (int i = 0; i < engagements.size(); i++) {
            Engagement e = engagements.get((turn + i) % engagements.size());
            if (e.dropped || !e.slaRegistered) continue;
            long need = e.toAllocate - market.cc().allowance(address, e.provider);
            if (need < terms.pieceSize()) continue;
            Path path = choosePath(now);
            if (path == null) return null;
            turn = (turn + i + 1) % engagements.size();
            long cap = switch (path) {
                case PASSPORT -> market.alloc().config().passportCap();
                case PAYMENT -> market.alloc().config().noPassportCap();
                default -> Long.MAX_VALUE;
            };
            long amount = Math.min(need, cap) / terms.pieceSize() * terms.pieceSize();
            Request r = new Request(e, path, amount);
            if (path == Path.MANUAL) r.manual = market.service().submitManual(address, e.provider, amount, now);
            else if (path != Path.CALLER_REGISTRY && !pay(v, r)) return null;
            return r;
        }
        return null;
    }

    /** The path of the next request, or null to wait. */
    private Path choosePath(long now) {
        if (mode == Mode.CALLER_REGISTRY) return Path.CALLER_REGISTRY;
        if (manual) return Path.MANUAL;
        if (broke) return null;
        if (passportSigned(now)) {
            if (windowFree(now)) return Path.PASSPORT;
            if (!terms.openPathWhenRateLimited()) return null;
        } else if (hasPassport && passportTicket != null && passportRefusals == 0 && passportExpiry < 0) {
            return null; // waiting for the answer to its first passport request
        }
        return openPathMissing ? null : Path.PAYMENT;
    }

    /** Whether the client's passport window has room (a read of the SLAAllocator's public state). */
    private boolean windowFree(long now) {
        SLAAllocator.SlaWindow w = market.alloc().clientWindow(address);
        var cfg = market.alloc().config();
        return w == null || now - w.start() > cfg.clientWindow() || w.count() < cfg.clientLimit();
    }

    /** Pays the provider's owner the price of the request and asks the allocator service to attest it. */
    private boolean pay(StepView v, Request r) {
        Miner m = v.chain().miner(r.e.provider);
        BigInteger price = market.alloc().priceOf(r.amount);
        String id = "pay:" + address + ":" + (++paySeq);
        try {
            SlaPaymentBook.Receipt receipt = market.payments().pay(v.chain(), id, address, m.owner(), price);
            paid = paid.add(price);
            r.payment = market.service().submitPayment(receipt.transaction(), v.epoch());
            return true;
        } catch (ActorError e) {
            refused(e);
            broke = true; // out of FIL: no more paid requests
            return false;
        }
    }

    private void paid(StepView v, Request r) {
        if (r.payment.pending()) return;
        if (r.payment.status() == AllocatorService.Status.REFUSED) {
            // the service did not attest the payment: ask again (the payment was made)
            r.payment = market.service().submitPayment(r.payment.transaction(), v.epoch());
            return;
        }
        if (r.path == Path.PASSPORT && !(passportSigned(v.epoch()) && windowFree(v.epoch()))) {
            if (!terms.openPathWhenRateLimited() && passportSigned(v.epoch())) return; // wait for the window
            switchToOpenPath(r);
        }
        PaymentTransactionSigned txn = r.payment.payment();
        try {
            if (r.path == Path.PASSPORT)
                market.alloc().requestDataCapWithPassport(address, r.e.provider, market.registry(), r.amount, passport, txn);
            else
                market.alloc().requestDataCapWithPayment(address, r.e.provider, market.registry(), r.amount, txn);
            granted(v, r);
        } catch (ContractError err) {
            outcome(r.path, err.error());
            refused(err);
            switch (err.error()) {
                case "GlobalRateLimitExceeded", "InsufficientDataCap" -> { } // queue: try again next step
                case "ClientRateLimitExceeded" -> {
                    if (terms.openPathWhenRateLimited()) switchToOpenPath(r);
                }
                case "PassportExpired", "PassportScoreTooLow", "PassportNotVerified", "PassportSubjectMismatch" -> {
                    passport = null;
                    switchToOpenPath(r);
                }
                case "PathDisabled" -> {
                    openPathMissing = true;
                    pending = null;
                }
                case "SLAUnknown" -> r.e.slaRegistered = false;
                default -> {
                    if (beneficiaryProblem(err.error())) moveAway(v, r.e);
                    pending = null; // the payment is spent or unusable: the next request pays again
                }
            }
        } catch (ActorError err) {
            outcome(r.path, err.rule());
            refused(err);
            pending = null;
        }
    }

    /** From the passport path to the no-passport path, within its cap (the payment covers the larger amount). */
    private void switchToOpenPath(Request r) {
        r.path = Path.PAYMENT;
        long cap = market.alloc().config().noPassportCap();
        r.amount = Math.min(r.amount, cap) / terms.pieceSize() * terms.pieceSize();
    }

    private void manual(StepView v, Request r) {
        if (r.manual.pending()) return;
        if (r.manual.status() == AllocatorService.Status.REFUSED) {
            outcome(Path.MANUAL, "ReviewRejected");
            manual = false; // rejected: it pays like everyone else from now on
            pending = null;
            return;
        }
        try {
            market.alloc().requestDataCapWithAttestation(address, market.registry(), r.manual.manual());
            granted(v, r);
        } catch (ContractError err) {
            outcome(Path.MANUAL, err.error());
            refused(err);
            switch (err.error()) {
                case "InsufficientDataCap" -> { }
                case "SLAUnknown" -> r.e.slaRegistered = false;
                default -> {
                    if (beneficiaryProblem(err.error())) moveAway(v, r.e);
                    pending = null;
                }
            }
        } catch (ActorError err) {
            outcome(Path.MANUAL, err.rule());
            refused(err);
            pending = null;
        }
    }

    private void callerRegistry(StepView v, Request r) {
        try {
            market.alloc().requestDataCap(address, List.of(new SLAAllocator.SlaRequest(market.riggedRegistry(), r.e.provider)), r.amount);
            granted(v, r);
        } catch (ContractError err) {
            outcome(Path.CALLER_REGISTRY, err.error());
            refused(err);
            pending = null;
            switch (err.error()) {
                case "PathDisabled" -> {
                    // the design has no such path: the attacker behaves as an honest client from now on
                    mode = Mode.HONEST;
                    for (Engagement e : engagements) e.slaRegistered = false;
                }
                case "ProviderBoundToDifferentClient" -> moveAway(v, r.e);
                default -> {
                    if (beneficiaryProblem(err.error())) moveAway(v, r.e);
                }
            }
        } catch (ActorError err) {
            outcome(Path.CALLER_REGISTRY, err.rule());
            refused(err);
            pending = null;
        }
    }

    private void granted(StepView v, Request r) {
        outcome(r.path, "ok");
        r.e.granted += r.amount;
        grantedBytes += r.amount;
        if (firstGrantEpoch < 0) firstGrantEpoch = v.epoch();
        pending = null;
    }

    static boolean beneficiaryProblem(String error) {
        return switch (error) {
            case "InvalidBeneficiary", "BeneficiaryInstanceNonexistent", "QuotaNotUnlimited",
                    "InsufficientBeneficiaryExpiration", "ExpirationBelowFiveYears" -> true;
            default -> false;
        };
    }

    /**
     * Moves the bytes still to allocate with {@code e} to the best qualifying provider it has not used yet (its SLA is
     * registered on a later step); without one, the bytes stay unplaced. Allowance left with {@code e} stays granted
     * and unspent.
     */
    private void moveAway(StepView v, Engagement e) {
        if (e.dropped) return;
        e.dropped = true;
        long bytes = e.toAllocate;
        e.toAllocate = 0;
        if (bytes <= 0) return;
        List<Address> ranked = rank(v, everChosen);
        if (ranked.isEmpty()) {
            unplacedBytes += bytes;
            return;
        }
        Engagement n = new Engagement(ranked.get(0), bytes);
        engagements.add(n);
        everChosen.add(n.provider);
    }

    // ------------------------------------------------------------------ allocations
    private void allocate(StepView v) {
        long budget = Math.max(1, (long) terms.maxPerDay() * v.stepEpochs() / Policy.EPOCHS_IN_DAY);
        long size = terms.pieceSize();
        int n = engagements.size();
        for (int i = 0; i < n && budget > 0; i++) {
            Engagement e = engagements.get(i);
            if (e.dropped || e.toAllocate < size) continue;
            long room = terms.maxOpenPerProvider() - e.open;
            if (room <= 0) continue;
            long allowance = market.cc().allowance(address, e.provider);
            long pieces = Math.min(Math.min(budget, room), Math.min(allowance, e.toAllocate) / size);
            if (pieces <= 0) continue;
            List<AllocationRequest> reqs = new ArrayList<>();
            for (long p = 0; p < pieces; p++)
                reqs.add(new AllocationRequest(e.provider, nextData++, size, terms.termMin(), terms.termMax(),
                        v.epoch() + terms.expirationEpochs()));
            try {
                List<Long> ids = market.cc().transfer(address, new AllocationRequests(reqs, List.of()));
                for (long id : ids) {
                    v.deals().post(e.provider, new DealBook.Deal(market.cc().address(), id, 0, size));
                    open.add(new Open(id, e, size));
                    e.open++;
                }
                long bytes = pieces * size;
                e.toAllocate -= bytes;
                e.allocated += bytes;
                allocatedBytes += bytes;
                budget -= pieces;
                if (firstAllocationEpoch < 0) firstAllocationEpoch = v.epoch();
            } catch (ContractError err) {
                refused(err);
                if (beneficiaryProblem(err.error())) moveAway(v, e);
            } catch (ActorError err) {
                refused(err);
            }
        }
    }

    /** Every step: forgets allocations that were claimed (counting them) or removed by someone else. */
    private void prune(StepView v) {
        if (open.isEmpty()) return;
        Chain chain = v.chain();
        Address cc = market.cc().address();
        var it = open.iterator();
        while (it.hasNext()) {
            Open o = it.next();
            if (chain.verifreg().allocation(cc, o.id) != null) continue;
            it.remove();
            o.e.open--;
            if (chain.verifreg().claim(o.e.provider, o.id) != null) {
                claimedBytes += o.size;
                if (firstClaimEpoch < 0) firstClaimEpoch = v.epoch();
            }
        }
    }

    /** Weekly: removes allocations that expired unclaimed (DataCap returns to the contract) and plans them again. */
    private void recoverExpired(StepView v) {
        if (open.isEmpty()) return;
        Chain chain = v.chain();
        long now = v.epoch();
        Address cc = market.cc().address();
        List<Open> expired = new ArrayList<>();
        for (Open o : open) {
            Allocation a = chain.verifreg().allocation(cc, o.id);
            if (a != null && now >= a.expiration()) expired.add(o);
        }
        if (expired.isEmpty()) return;
        List<Long> ids = new ArrayList<>();
        for (Open o : expired) ids.add(o.id);
        try {
            chain.verifreg().removeExpiredAllocations(address, cc, ids);
        } catch (ActorError err) {
            refused(err);
            return;
        }
        open.removeAll(expired);
        Set<Engagement> struck = new java.util.LinkedHashSet<>();
        for (Open o : expired) {
            expiredBytes += o.size;
            o.e.open--;
            o.e.allocated -= o.size;
            if (o.e.dropped) {
                moveBytes(o.size);
            } else {
                o.e.toAllocate += o.size;
                struck.add(o.e);
            }
        }
        for (Engagement e : struck) {
            e.expiryStrikes++;
            if (terms.switchAfterExpiries() > 0 && e.expiryStrikes >= terms.switchAfterExpiries()) moveAway(v, e);
        }
    }

    /** Bytes returned from a dropped provider: to the live engagement with the least left to allocate, or unplaced. */
    private void moveBytes(long bytes) {
        Engagement best = null;
        for (Engagement e : engagements)
            if (!e.dropped && (best == null || e.toAllocate < best.toAllocate)) best = e;
        if (best == null) unplacedBytes += bytes;
        else best.toAllocate += bytes;
    }

    private void outcome(Path path, String outcome) { requests.merge(path.label() + ":" + outcome, 1L, Long::sum); }

    private void refused(ActorError e) { refusals.merge(e.rule(), 1L, Long::sum); }
}
