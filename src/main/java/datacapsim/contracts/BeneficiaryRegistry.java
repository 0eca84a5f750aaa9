package datacapsim.contracts;

import datacapsim.chain.Address;

/** The BeneficiaryFactory's registry as the SLA contracts see it. */
public interface BeneficiaryRegistry {
    Address address();

    /** Whether {@code beneficiary} is an instance this factory created. */
    boolean isInstance(Address beneficiary);

    /** The instance created for a provider (miner), or null. */
    Address instanceFor(Address provider);
}
