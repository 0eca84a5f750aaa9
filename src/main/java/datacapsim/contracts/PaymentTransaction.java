package datacapsim.contracts;

import datacapsim.chain.Address;
import java.math.BigInteger;
import java.util.Objects;

/** A deal payment the allocator service has seen on chain: its id, payer, recipient and amount (attoFIL). */
public record PaymentTransaction(String id, Address from, Address to, BigInteger amount) {
    public PaymentTransaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (amount == null || amount.signum() < 0) throw new IllegalArgumentException("amount must be >= 0, got " + amount);
    }

    /** The typed message the attestator signs, bound to the verifying contract. */
    public String message(Address verifyingContract) {
        return "SLAAllocator@" + verifyingContract + "/PaymentTransaction(id=" + id + ",from=" + from + ",to=" + to
                + ",amount=" + amount + ")";
    }
}
