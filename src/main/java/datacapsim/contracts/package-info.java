/**
 * Smart-contract models of the five designs (MetaAllocator, Client Contract, OnRamp, the SLA Allocator system:
 * SLAAllocator, SLA Client Contract, Beneficiary and its factory, SLA registry, SLI oracle), in their designed and
 * deployed variants; each function runs as one chain transaction, reverts with its Solidity error name (typed for the
 * SLA contracts in {@code SlaError}) and emits typed events. Calls only into {@code chain}.
 */
package datacapsim.contracts;
