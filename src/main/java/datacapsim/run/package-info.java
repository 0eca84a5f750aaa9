/**
 * Running and publishing one run: {@code Runner} runs a scenario into its folder (timeseries, summary, agents and
 * events from {@code metrics}, the resolved scenario, the manifest), {@code RunDirectory} makes the folder appear
 * whole or not at all, {@code Manifest} records what ran (scenario hash, seed, design, commit, status, times) and
 * {@code BuildInfo} what the jar was built from (version, git commit, dirty tree), as the build recorded it.
 * Imports metrics, engine and the layers below it, and scenario; nothing above.
 */
package datacapsim.run;
