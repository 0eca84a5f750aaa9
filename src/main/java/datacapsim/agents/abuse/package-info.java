/**
 * Abuse in the allocator-based designs: the sealed {@code AbuseClient} and its kinds ({@code SybilClient} with its
 * {@code SybilOwner}, {@code SelfDealingClient}, {@code ColludingClient}), governance's {@code AbuseLedger} of
 * identified abusers and ground truth, and the {@code AbuseCompliance} desk that audits, bans and sanctions. Imports
 * {@code agents}, contracts and chain.
 *
 * <p>These agents call the FIP-0045 verified registry and DataCap token directly, not through
 * {@link datacapsim.agents.VerifiedPath}: their designs run only under ddo, fip45-market and solstice, where that
 * registry exists (abuse under v1 or v1-topup is a scenario error).
 */
package datacapsim.agents.abuse;
