package datacapsim.contracts;

import datacapsim.chain.Address;
import datacapsim.chain.Signature;
import java.util.Objects;

/** A manual attestation with the attestator's signature over {@link ManualAttestation#message}. */
public record ManualAttestationSigned(ManualAttestation attestation, Signature signature) {
    public ManualAttestationSigned {
        Objects.requireNonNull(attestation, "attestation");
        Objects.requireNonNull(signature, "signature");
    }

    public static ManualAttestationSigned sign(Address signer, Address verifyingContract, ManualAttestation attestation) {
        return new ManualAttestationSigned(attestation, Signature.sign(signer, attestation.message(verifyingContract)));
    }
}
