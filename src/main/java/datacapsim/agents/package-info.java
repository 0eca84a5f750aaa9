/**
 * Behaviour: root key holders, allocators, clients, providers. Agents act only through chain and contract calls, and see only a {@link datacapsim.agents.StepView}.
 */
package datacapsim.agents;
