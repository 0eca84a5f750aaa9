package datacapsim.agents.sla;

import datacapsim.agents.Agent;
import datacapsim.agents.StepView;
import datacapsim.chain.Address;
import datacapsim.contracts.ManualAttestation;
import datacapsim.contracts.ManualAttestationSigned;
import datacapsim.contracts.Passport;
import datacapsim.contracts.PassportSigned;
import datacapsim.contracts.PaymentTransaction;
import datacapsim.contracts.PaymentTransactionSigned;
import org.apache.commons.math3.random.RandomGenerator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.RealDistribution;

/**
 * The off-chain allocator service (seed 001): holds the SLAAllocator's attestator key and, on a client's request,
 * checks a passport (score above the threshold, not expired) or a payment (an applied FIL send with that id, payer,
 * recipient and amount, looked up in the {@link SlaPaymentBook}), or reviews a manual attestation, and signs it —
 * with error rates: a valid passport is refused with a false-reject chance, a passport at or below the threshold is
 * signed as passing (score threshold + 1) with a false-accept chance, a valid payment is refused with a false-reject
 * chance, a manual review rejects with a set chance.
 *
 * <p>Requests are tickets the client polls. The service works in the allocators phase, so a ticket submitted during
 * the clients phase is decided on the next step; a manual review also waits its drawn review time. Draws, in ticket
 * order: a review time when a manual ticket is first picked up, one uniform when a ticket is decided.
 */
public final class AllocatorService implements Agent {
    public enum Kind { PASSPORT, PAYMENT, MANUAL }

    public enum Status { PENDING, SIGNED, REFUSED }

    /** A request to the service and, once decided, its outcome. */
    public static final class Ticket {
        private final Kind kind;
        private final long submitted;
        private Status status = Status.PENDING;
        private long readyEpoch = -1;
        private Object signed;
        private String reason;
        // request data
        private Address client;
        private long passportScore;
        private List<String> stamps;
        private long expiration;
        private PaymentTransaction txn;
        private Address provider;
        private long amount;

        private Ticket(Kind kind, long submitted) {
            this.kind = kind;
            this.submitted = submitted;
        }

        public Kind kind() { return kind; }
        public Status status() { return status; }
        public boolean pending() { return status == Status.PENDING; }
        public long submitted() { return submitted; }
        /** Why it was refused, or null. */
        public String reason() { return reason; }
        public PassportSigned passport() { return (PassportSigned) signed; }
        public PaymentTransactionSigned payment() { return (PaymentTransactionSigned) signed; }
        public ManualAttestationSigned manual() { return (ManualAttestationSigned) signed; }
        /** The payment transaction asked about (payment tickets). */
        public PaymentTransaction transaction() { return txn; }
    }

    private final String label;
    private final Address attestator;
    private final Address slaAllocator;
    private final SlaPaymentBook payments;
    private final long passportThreshold;
    private final double passportFalseReject;
    private final double passportFalseAccept;
    private final double paymentFalseReject;
    private final double manualReject;
    private final RealDistribution reviewDays;
    private final RandomGenerator rng;
    private final Deque<Ticket> incoming = new ArrayDeque<>();
    private final List<Ticket> inReview = new ArrayList<>();
    private final Map<String, Long> outcomes = new TreeMap<>();
    private long manualSeq;
    private long falseAccepts;
    private long falseRejects;

    /**
     * @param attestator   the account holding the SLAAllocator's ATTESTATOR role
     * @param slaAllocator the verifying contract the signatures are bound to
     * @param reviewDays   days a manual review takes (drawing from {@code rng})
     */
    public AllocatorService(String label, Address attestator, Address slaAllocator, SlaPaymentBook payments,
                            long passportThreshold, double passportFalseReject, double passportFalseAccept,
                            double paymentFalseReject, double manualReject, RealDistribution reviewDays, RandomGenerator rng) {
        this.label = label;
        this.attestator = attestator;
        this.slaAllocator = slaAllocator;
        this.payments = payments;
        this.passportThreshold = passportThreshold;
        this.passportFalseReject = passportFalseReject;
        this.passportFalseAccept = passportFalseAccept;
        this.paymentFalseReject = paymentFalseReject;
        this.manualReject = manualReject;
        this.reviewDays = reviewDays;
        this.rng = rng;
    }

    @Override
    public String label() { return label; }

    public Address attestator() { return attestator; }

    /** Decided tickets by "kind:outcome" (e.g. "PASSPORT:signed", "PAYMENT:refused"). */
    public Map<String, Long> outcomes() { return java.util.Collections.unmodifiableMap(outcomes); }

    public long falseAccepts() { return falseAccepts; }

    public long falseRejects() { return falseRejects; }

    /** Tickets not yet decided. */
    public int backlog() { return incoming.size() + inReview.size(); }

    /** A client asks the service to attest its passport (true score, stamps, expiry epoch). */
    public Ticket submitPassport(Address client, long score, List<String> stamps, long expiration, long now) {
        Ticket t = new Ticket(Kind.PASSPORT, now);
        t.client = client;
        t.passportScore = score;
        t.stamps = List.copyOf(stamps);
        t.expiration = expiration;
        incoming.addLast(t);
        return t;
    }

    /** A client asks the service to attest a payment it made. */
    public Ticket submitPayment(PaymentTransaction txn, long now) {
        Ticket t = new Ticket(Kind.PAYMENT, now);
        t.txn = txn;
        t.client = txn.from();
        incoming.addLast(t);
        return t;
    }

    /** A client asks for a manual attestation of {@code amount} bytes with {@code provider}. */
    public Ticket submitManual(Address client, Address provider, long amount, long now) {
        Ticket t = new Ticket(Kind.MANUAL, now);
        t.client = client;
        t.provider = provider;
        t.amount = amount;
        incoming.addLast(t);
        return t;
    }

    @Override
    public void act(StepView v) {
        long now = v.epoch();
        while (!incoming.isEmpty()) {
            Ticket t = incoming.pollFirst();
            long delay = 0;
            if (t.kind == Kind.MANUAL) delay = Math.max(0, Math.round(reviewDays.sample())) * datacapsim.chain.Policy.EPOCHS_IN_DAY;
            t.readyEpoch = now + delay;
            inReview.add(t);
        }
        Iterator<Ticket> it = inReview.iterator();
        while (it.hasNext()) {
            Ticket t = it.next();
            if (t.readyEpoch > now) continue;
            it.remove();
            decide(t, now);
        }
    }

    private void decide(Ticket t, long now) {
        double u = rng.nextDouble();
        switch (t.kind) {
            case PASSPORT -> {
                boolean valid = t.passportScore > passportThreshold && t.expiration > now;
                if (valid) {
                    if (u < passportFalseReject) {
                        falseRejects++;
                        refuse(t, "passport refused (false reject)");
                    } else {
                        sign(t, PassportSigned.sign(attestator, slaAllocator, new Passport(t.client, t.expiration, t.passportScore, t.stamps)));
                    }
                } else if (t.expiration > now && u < passportFalseAccept) {
                    falseAccepts++;
                    sign(t, PassportSigned.sign(attestator, slaAllocator,
                            new Passport(t.client, t.expiration, passportThreshold + 1, t.stamps)));
                } else {
                    refuse(t, t.expiration <= now ? "passport expired" : "passport score too low");
                }
            }
            case PAYMENT -> {
                if (!payments.confirms(t.txn)) {
                    refuse(t, "no such payment on chain");
                } else if (u < paymentFalseReject) {
                    falseRejects++;
                    refuse(t, "payment refused (false reject)");
                } else {
                    sign(t, PaymentTransactionSigned.sign(attestator, slaAllocator, t.txn));
                }
            }
            case MANUAL -> {
                if (u < manualReject) {
                    refuse(t, "manual review rejected");
                } else {
                    String id = "manual-" + (++manualSeq);
                    sign(t, ManualAttestationSigned.sign(attestator, slaAllocator,
                            new ManualAttestation(id, t.client, t.provider, t.amount, "")));
                }
            }
            default -> throw new IllegalStateException(String.valueOf(t.kind));
        }
    }

    private void sign(Ticket t, Object signed) {
        t.signed = signed;
        t.status = Status.SIGNED;
        outcomes.merge(t.kind + ":signed", 1L, Long::sum);
    }

    private void refuse(Ticket t, String reason) {
        t.reason = reason;
        t.status = Status.REFUSED;
        outcomes.merge(t.kind + ":refused", 1L, Long::sum);
    }
}
