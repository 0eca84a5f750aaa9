/**
 * Abuse in the allocator-based designs: the sealed {@code AbuseClient} and its kinds ({@code SybilClient} with its
 * {@code SybilOwner}, {@code SelfDealingClient}, {@code ColludingClient}), governance's {@code AbuseLedger} of
 * identified abusers and ground truth, and the {@code AbuseCompliance} desk that audits, bans and sanctions. Imports
 * {@code agents}, contracts and chain.
 */
package datacapsim.agents.abuse;
