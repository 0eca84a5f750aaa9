package datacapsim.report;

import datacapsim.scenario.ExperimentDesign;

/**
 * The charts of one outcome that a sweep's design of experiments calls for, one implementation per design (the two
 * sampling designs and morris are read alike); a design this report does not know is charted as a zip, factor by
 * factor.
 */
sealed interface SweepSection permits GridSection, ZipSection, OneAtATimeSection, SampledSection {
    /** Writes the charts and readings of outcome {@code o} into {@code b}. */
    void write(StringBuilder b, String o);

    /** The section of the sweep's design; a zip's for a design this report does not know. */
    static SweepSection of(SweepReportData d, ChartBudget charts) {
        return d.designOfExperiments.map(design -> of(design, d, charts)).orElseGet(() -> new ZipSection(d, charts));
    }

    private static SweepSection of(ExperimentDesign design, SweepReportData d, ChartBudget charts) {
        return switch (design) {
            case GRID -> new GridSection(d, charts);
            case ZIP -> new ZipSection(d, charts);
            case ONE_AT_A_TIME -> new OneAtATimeSection(d, charts);
            case LATIN_HYPERCUBE, SOBOL, MORRIS -> new SampledSection(d, charts);
        };
    }
}
