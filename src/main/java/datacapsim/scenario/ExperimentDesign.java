package datacapsim.scenario;

/**
 * Designs of experiments: how a sweep's factors become points ({@code sweep.DesignPoints} expands them).
 * <ul>
 * <li>{@code grid}: every combination of every factor's levels (point count = product of level counts);</li>
 * <li>{@code zip}: the i-th level of every factor together (all factors need as many levels);</li>
 * <li>{@code latin-hypercube}: {@code samples} points, each factor's interval cut in {@code samples} strata with one
 *     point in each, strata paired at random (seeded);</li>
 * <li>{@code sobol}: the first {@code samples} points of the Sobol low-discrepancy sequence (after its all-zero
 *     point);</li>
 * <li>{@code one-at-a-time}: the base point, then each factor through its levels with the others at their base.</li>
 * </ul>
 * Not to be confused with an allocation design ({@link Scenario.Design}).
 */
public enum ExperimentDesign implements Word {
    GRID, ZIP, LATIN_HYPERCUBE, SOBOL, ONE_AT_A_TIME;

    /** Whether the design samples factors' intervals (latin-hypercube, sobol) instead of taking their levels. */
    public boolean samples() { return this == LATIN_HYPERCUBE || this == SOBOL; }

    @Override public String toString() { return word(); }
}
