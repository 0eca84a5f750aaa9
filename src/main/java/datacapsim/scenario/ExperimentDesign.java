package datacapsim.scenario;

/**
 * Designs of experiments: how a sweep's factors become points ({@code sweep.DesignPoints} expands them).
 * <ul>
 * <li>{@code grid}: every combination of every factor's levels (point count = product of level counts);</li>
 * <li>{@code zip}: the i-th level of every factor together (all factors need as many levels);</li>
 * <li>{@code latin-hypercube}: {@code samples} points, each factor's interval cut in {@code samples} strata with one
 *     point in each, strata paired at random (seeded);</li>
 * <li>{@code sobol}: the Saltelli scheme for Sobol indices: base matrices A and B of {@code samples} rows each, the
 *     first and last k columns of a 2k-dimensional Sobol low-discrepancy sequence (after its all-zero point), and for
 *     each factor i the matrix A_B^i (A with column i from B): samples × (k + 2) points;</li>
 * <li>{@code morris}: Morris's elementary effects: {@code trajectories} random trajectories of k + 1 points on a
 *     {@code levels}-level grid of each factor's interval, each step moving one factor by Δ = p / (2(p − 1));</li>
 * <li>{@code one-at-a-time}: the base point, then each factor through its levels with the others at their base.</li>
 * </ul>
 * Not to be confused with an allocation design ({@link Scenario.Design}).
 */
public enum ExperimentDesign implements Word {
    GRID, ZIP, LATIN_HYPERCUBE, SOBOL, ONE_AT_A_TIME, MORRIS;

    /** Whether the design samples factors' intervals (latin-hypercube, sobol) instead of taking their levels. */
    public boolean samples() { return this == LATIN_HYPERCUBE || this == SOBOL; }

    /** Whether the sweep estimates sensitivity indices from its points (sobol, morris): it writes sensitivity.csv. */
    public boolean sensitivity() { return this == SOBOL || this == MORRIS; }

    /** Whether the design draws factors from their intervals or distributions rather than their levels. */
    public boolean continuous() { return samples() || this == MORRIS; }

    @Override public String toString() { return word(); }
}
