package datacapsim.contracts;

import datacapsim.chain.Address;
import java.util.List;

/** What the SLA Client Smart Contract tells a provider's Beneficiary: the provider's clients and their active data. */
public interface SlaClientView {
    Address address();

    /** Clients that spent DataCap with the provider, in the order they first did. */
    List<Address> clientsOf(Address provider);

    /**
     * Sum of sizes of the client's claims with the provider that are still within their term and not flagged as
     * terminated early (bytes).
     */
    long activeDataSize(Address client, Address provider);
}
