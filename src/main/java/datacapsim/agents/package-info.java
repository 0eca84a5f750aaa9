/**
 * Behaviour shared by every design and the agents of the allocator-based designs: {@code Agent} and the
 * {@code StepView} it sees, the off-chain {@code DealBook}, root key holders, governance, allocators with their
 * {@code DueDiligence} and grant and allocation channels, honest clients and providers, and what due diligence knows
 * of abuse ({@code AbuseKind}, {@code AbuseProfile}, the {@code AbuseWatchlist} it checks). Agents act only through
 * chain and contract calls, and see only a {@code StepView}. Two sub-packages build on this one (it imports neither):
 * {@code agents.sla}, the agents of the sla-allocator design, and {@code agents.abuse}, the abusive clients of the
 * allocator-based designs and the desk that polices them.
 */
package datacapsim.agents;
