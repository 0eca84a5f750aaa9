package datacapsim.contracts;

import datacapsim.chain.Address;

/**
 * An SLA registry as the SLA contracts see it (SLARegistryInterface): {@code score(client, provider)} returns 0–100
 * and reverts when no agreement is registered for the pair. The reference SLARegistry implements it; in the deployed
 * variant a caller may name any contract that implements it (e.g. one that always answers 100).
 */
public interface SlaScorer {
    Address address();

    /** The pair's SLA score, 0 to 100; reverts (throws a {@link ContractError}) for an unknown pair. */
    long score(Address client, Address provider);
}
