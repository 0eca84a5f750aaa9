/**
 * Scenario files: YAML bound to immutable, validated records, with defaults, units, ranges and {@code extends};
 * the parameter catalog {@code describe} and {@code --set} work from; and the "did you mean" suggestions
 * ({@link datacapsim.scenario.Suggestions}) every error about a misspelt name gives.
 */
package datacapsim.scenario;
