package datacapsim.report;

import java.util.Locale;
import java.util.Optional;

/**
 * The designs of experiments a sweep.json names, by the words the sweep writes there (the sweep's own
 * {@code ExperimentDesign}, which this package may not see, has the same constants): the report draws its charts by
 * them ({@link SweepSection}).
 */
enum SweepDesign {
    GRID, ZIP, LATIN_HYPERCUBE, SOBOL, ONE_AT_A_TIME;

    /** The design's word in sweep.json, e.g. {@code latin-hypercube}. */
    String word() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    /** The design sweep.json's word names; empty for a word this report does not know (or null). */
    static Optional<SweepDesign> parse(String word) {
        for (SweepDesign d : values()) if (d.word().equals(word)) return Optional.of(d);
        return Optional.empty();
    }
}
