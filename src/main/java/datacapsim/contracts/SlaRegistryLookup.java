package datacapsim.contracts;

import datacapsim.chain.Address;

/** What the SLAAllocator tells a Beneficiary: the SLA registry recorded for a (client, provider) pair, or null. */
public interface SlaRegistryLookup {
    Address address();

    SlaScorer registryFor(Address client, Address provider);
}
