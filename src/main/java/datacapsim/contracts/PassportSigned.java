package datacapsim.contracts;

import datacapsim.chain.Address;
import datacapsim.chain.Signature;
import java.util.Objects;

/** A passport with the attestator's signature over {@link Passport#message}. */
public record PassportSigned(Passport passport, Signature signature) {
    public PassportSigned {
        Objects.requireNonNull(passport, "passport");
        Objects.requireNonNull(signature, "signature");
    }

    /** What the allocator service does: signs the passport for the given SLAAllocator. */
    public static PassportSigned sign(Address signer, Address verifyingContract, Passport passport) {
        return new PassportSigned(passport, Signature.sign(signer, passport.message(verifyingContract)));
    }
}
