/**
 * The agents of the sla-allocator design: the {@code SlaClient} (its parts {@code SlaEngagement},
 * {@code SlaPassport}, the request path {@code SlaRequests} with the sealed {@code SlaRequest}, {@code SlaAllocations}
 * and {@code SlaCounters}), {@code SlaProvider} and its {@code ProviderQuality}, the {@code AllocatorService} that
 * signs passports, payments ({@code SlaPaymentBook}) and manual attestations, the {@code OracleService} and
 * {@code TerminationOracle}, {@code SlaGovernance}, and the design's attacks ({@code SlaRiggedRegistry},
 * {@code SlaSquatter}). Imports {@code agents}, contracts and chain.
 *
 * <p>These agents call the FIP-0045 verified registry and DataCap token directly, not through
 * {@link datacapsim.agents.VerifiedPath}: their designs run only under ddo, fip45-market and solstice, where that
 * registry exists (the SLA design is a contract design).
 */
package datacapsim.agents.sla;
