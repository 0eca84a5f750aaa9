package datacapsim.contracts;

import datacapsim.chain.Address;
import datacapsim.chain.Signature;
import java.util.Objects;

/** A payment transaction with the attestator's signature over {@link PaymentTransaction#message}. */
public record PaymentTransactionSigned(PaymentTransaction txn, Signature signature) {
    public PaymentTransactionSigned {
        Objects.requireNonNull(txn, "txn");
        Objects.requireNonNull(signature, "signature");
    }

    public static PaymentTransactionSigned sign(Address signer, Address verifyingContract, PaymentTransaction txn) {
        return new PaymentTransactionSigned(txn, Signature.sign(signer, txn.message(verifyingContract)));
    }
}
