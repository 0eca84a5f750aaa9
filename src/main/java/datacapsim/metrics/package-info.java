/**
 * Declared probes written as streaming CSV, and the atomic run folder.
 */
package datacapsim.metrics;
