package datacapsim.agents.sla;

import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.contracts.PaymentTransaction;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/**
 * The payments the chain has seen, as the allocator service looks them up (the way an indexer shows FIL sends by
 * transaction id). A client pays with {@link #pay}: the FIL send is a real chain call, and only a send that applied is
 * recorded. Holds references only; the chain's ledger stays the truth.
 */
public final class SlaPaymentBook {
    /** An applied FIL send: its id, payer, recipient, amount (attoFIL) and epoch. */
    public record Receipt(String id, Address from, Address to, BigInteger amount, long epoch) {
        public PaymentTransaction transaction() { return new PaymentTransaction(id, from, to, amount); }
    }

    private final Map<String, Receipt> receipts = new TreeMap<>();
    private BigInteger total = BigInteger.ZERO;

    /** Sends {@code amount} from {@code from} to {@code to} on chain under {@code id}; throws the chain's refusal. */
    public Receipt pay(Chain chain, String id, Address from, Address to, BigInteger amount) {
        if (receipts.containsKey(id)) throw new IllegalArgumentException("payment id " + id + " used twice");
        chain.send(from, to, amount);
        Receipt r = new Receipt(id, from, to, amount, chain.epoch());
        receipts.put(id, r);
        total = total.add(amount);
        return r;
    }

    /** The receipt of a payment id, or null if no such send applied. */
    public Receipt find(String id) { return receipts.get(id); }

    /** Whether the transaction matches an applied send exactly (payer, recipient and amount). */
    public boolean confirms(PaymentTransaction t) {
        Receipt r = receipts.get(t.id());
        return r != null && r.from().equals(t.from()) && r.to().equals(t.to()) && r.amount().equals(t.amount());
    }

    public int count() { return receipts.size(); }

    /** FIL paid in total (attoFIL). */
    public BigInteger total() { return total; }
}
