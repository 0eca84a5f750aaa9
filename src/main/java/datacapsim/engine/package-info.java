/**
 * The MASON model and the world it runs: {@code Simulation} (clock, phases in fixed order, invariants on demand);
 * {@code AllocationDesign}, a sealed type with a record per allocation design, each owning its builder
 * ({@code AllocatorDesigns}, {@code SlaDesign}, working in a {@code DesignContext}) and what metrics need of it;
 * {@code Deployment}, the typed contracts a design deployed; {@code World}, the immutable built world (deployment,
 * agents by phase and by role); {@code RandomStreams}, every random stream declared once; {@code Units} and
 * {@code ScenarioTerms}, the scenario's units and words mapped onto chain integers and the lower layers' types.
 * Imports agents, contracts, chain and scenario; nothing above.
 */
package datacapsim.engine;
