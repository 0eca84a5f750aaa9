/**
 * Scenario files: YAML bound to immutable, validated records, with defaults, units, ranges and {@code extends}.
 */
package datacapsim.scenario;
