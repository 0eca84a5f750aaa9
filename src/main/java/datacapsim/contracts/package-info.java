/**
 * Smart-contract models (MetaAllocator, Client Contract, OnRamp, SLA Allocator system) that call only into {@code chain}. Filled by the contracts issue.
 */
package datacapsim.contracts;
