/**
 * Declared probes written as streaming CSV, and the atomic run folder. A probe reads one {@code Sample} (a reading of
 * the run at one epoch, which also holds the aggregates several columns share); it reads the {@code World}'s typed
 * deployment and roles, never scanning agents or contracts by type. Imports engine and the layers below it.
 */
package datacapsim.metrics;
