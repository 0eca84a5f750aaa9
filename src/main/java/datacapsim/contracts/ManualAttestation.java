package datacapsim.contracts;

import datacapsim.chain.Address;
import java.util.Objects;

/**
 * A manual grant the allocator service signs: its id (usable once), the client, the provider, the DataCap amount
 * (bytes) and free-form data for the service's records.
 */
public record ManualAttestation(String attestationId, Address client, Address provider, long amount, String opaqueData) {
    public ManualAttestation {
        Objects.requireNonNull(attestationId, "attestationId");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(provider, "provider");
        opaqueData = opaqueData == null ? "" : opaqueData;
    }

    /** The typed message the attestator signs, bound to the verifying contract. */
    public String message(Address verifyingContract) {
        return "SLAAllocator@" + verifyingContract + "/ManualAttestation(attestationId=" + attestationId + ",client=" + client
                + ",provider=" + provider + ",amount=" + amount + ",opaqueData=" + opaqueData + ")";
    }
}
