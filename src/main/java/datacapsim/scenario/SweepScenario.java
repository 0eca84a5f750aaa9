package datacapsim.scenario;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A sweep block: which parameters vary and how, how many replications each point gets, and which arms (designs or
 * variants) are compared on common random numbers. {@code ./datacap-sim sweep FILE} expands it; {@code run} ignores it
 * and runs the base scenario. A file may be nothing but {@code extends: base.yaml} plus a sweep block.
 */
public record SweepScenario(
        @Param(doc = "design of experiments: every combination, the i-th levels together, Latin hypercube samples, the Saltelli scheme for Sobol indices, one factor at a time around the base, or Morris trajectories")
                ExperimentDesign design,
        @Param(doc = "runs per point, each with its own seed derived from the base seed, the point and the replication", min = 1, max = 100_000) Integer replications,
        @Param(doc = "points a latin-hypercube design draws; rows N of sobol's base matrices A and B, N × (k + 2) points (a power of two suits sobol)", min = 1, max = 1_000_000) Integer samples,
        @Param(doc = "trajectories r of a morris design, each k + 1 points", min = 2, max = 10_000) Integer trajectories,
        @Param(doc = "grid levels p of a morris design (even, so each step Δ = p / (2(p − 1)) is a whole number of grid steps)", min = 2, max = 1000) Integer levels,
        @Param(doc = "seeds ignore the point: replication r has the same seed at every point (compare arms always share seeds)") Boolean commonRandomNumbers,
        @Param(doc = "the parameters varied, each by path with a list, a range or a distribution") List<SweepParameter> parameters,
        @Param(doc = "arms run at every point on the same seeds: each a name and the settings it applies (e.g. {variant: deployed})") List<CompareArm> compare,
        @Param(doc = "summary columns the sweep report charts (points.csv aggregates every column)") List<String> outcomes) {

    /** Outcomes charted when a sweep names none. */
    public static final List<String> DEFAULT_OUTCOMES = List.of("datacap_claimed_bytes", "datacap_allocation_pending_bytes",
            "datacap_client_balance_bytes", "datacap_contract_balance_bytes", "payout_to_sp_attofil", "payout_burned_attofil",
            "sla_score_mean", "requests_refused", "datacap_top10_share_by_provider", "abuse_datacap_share");

    /** How a range spaces its levels, and how sampling designs map an interval. */
    public enum Scale implements Word {
        LINEAR, LOG;

        @Override public String toString() { return word(); }
    }

    public static SweepScenario defaults() {
        return new SweepScenario(ExperimentDesign.GRID, 1, 64, 10, 4, false, List.of(), List.of(), DEFAULT_OUTCOMES);
    }

    /**
     * One swept parameter. Give exactly one of: {@code values} (explicit levels, any YAML value: numbers, words, a
     * mapping for a distribution or a group of fields, a list); a range ({@code start}, {@code stop} and {@code step}
     * or {@code count}, {@code scale} linear or log); or a {@code distribution} (sampling designs draw it by its inverse
     * CDF). A range also serves sampling designs as a continuous interval.
     */
    public record SweepParameter(
            @Param(doc = "the parameter's path, as --set takes it (e.g. governance.onrampWindowDays)") String path,
            @Param(doc = "explicit levels: numbers, words, mappings or lists as the field takes them") List<Object> values,
            @Param(doc = "a name for each level (as many as values), shown in runs.csv and the report") List<String> labels,
            @Param(doc = "first level of a range (the swept field's own range is checked at every point)", min = -1e15, max = 1e15) BigDecimal start,
            @Param(doc = "last level of a range (inclusive)", min = -1e15, max = 1e15) BigDecimal stop,
            @Param(doc = "spacing of a linear range (or give count)", min = 0, max = 1e15) BigDecimal step,
            @Param(doc = "number of levels of a range, start and stop included (or give step)", min = 2, max = 100_000) Integer count,
            @Param(doc = "spacing of a range with count, and how sampling designs map an interval") Scale scale,
            @Param(doc = "distribution latin-hypercube and sobol draw from (by inverse CDF)") Dist distribution,
            @Param(doc = "the level one-at-a-time varies around (default: the scenario's own value)") Object base) {}

    /** One arm of a comparison: a name and the settings (path → value) applied on top of every point. */
    public record CompareArm(
            @Param(doc = "the arm's name, shown in runs.csv and the report") String name,
            @Param(doc = "settings path → value this arm applies, e.g. {variant: deployed}") Map<String, Object> set) {}
}
