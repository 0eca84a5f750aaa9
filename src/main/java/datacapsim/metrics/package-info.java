/**
 * Declared probes written as streaming CSV; the summary and agents tables and the events file of a run; the
 * progress bar of a run ({@code datacapsim.run} runs and publishes it). A probe reads one {@code Sample} (a reading of
 * the run at one epoch, which also holds the aggregates several columns share); it reads the {@code World}'s typed
 * deployment and roles, never scanning agents or contracts by type. Imports engine and the layers below it.
 */
package datacapsim.metrics;
