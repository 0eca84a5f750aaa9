/**
 * Scenario files: YAML bound to immutable, validated records, with defaults, units, ranges and {@code extends};
 * every closed set of words (allocation design, regime, variant, reward mode, payout, pledge mode, sector size,
 * compliance action, distribution type, design of experiments, range scale) an enum of
 * {@link datacapsim.scenario.Word}s whose constants carry their YAML word;
 * the loader in its seams ({@code ScenarioLoader}: load, {@code extends} and merge; {@code YamlBinding}: bind and
 * error location; {@code Overrides} and {@code Setting}: {@code --set}; {@code Validator}: bounds and cross-field
 * rules); the parameter catalog {@code describe} and {@code --set} work from; and the "did you mean" suggestions
 * ({@link datacapsim.scenario.Suggestions}) every error about a misspelt name gives.
 */
package datacapsim.scenario;
