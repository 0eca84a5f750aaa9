package datacapsim.scenario;

/**
 * How agents decide (economics.md §3): {@code economic}, each decision a logit choice among options valued by
 * expected payoff (so far the providers' renewals; the other decisions follow the scripted rules until they are
 * built), or {@code scripted}, the fixed rules (e.g. {@code providers.extendProbability}), so a sweep can separate a
 * design's mechanical effect from the behavioural one on common random numbers.
 */
public record BehaviourScenario(
        @Param(doc = "economic: choices by expected payoff (so far: renewals); scripted: the fixed rules") Mode mode,
        @Param(doc = "logit sensitivity: P(option) ∝ exp(λ · value), value in USD per raw TiB-year; 0 uniform",
                unit = "1/(USD/TiB-year)", min = 0, max = 1_000_000) Double logitLambda) {

    /** How agents decide. */
    public enum Mode implements Word {
        ECONOMIC, SCRIPTED;

        @Override public String toString() { return word(); }
    }

    public static BehaviourScenario defaults() {
        return new BehaviourScenario(Mode.ECONOMIC, 0.5);
    }
}
