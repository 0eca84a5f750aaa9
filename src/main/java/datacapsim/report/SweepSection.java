package datacapsim.report;

/**
 * The charts of one outcome that a sweep's design of experiments calls for, one implementation per design (the two
 * sampling designs are read alike); a design this report does not know is charted as a zip, factor by factor.
 */
sealed interface SweepSection permits GridSection, ZipSection, OneAtATimeSection, SampledSection {
    /** Writes the charts and readings of outcome {@code o} into {@code b}. */
    void write(StringBuilder b, String o);

    /** The section of the sweep's design. */
    static SweepSection of(SweepReportData d, ChartBudget charts) {
        return switch (d.design) {
            case "grid" -> new GridSection(d, charts);
            case "one-at-a-time" -> new OneAtATimeSection(d, charts);
            case "latin-hypercube", "sobol" -> new SampledSection(d, charts);
            default -> new ZipSection(d, charts);
        };
    }
}
