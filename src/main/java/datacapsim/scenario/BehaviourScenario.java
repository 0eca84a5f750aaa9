package datacapsim.scenario;

/**
 * How agents decide (economics.md §3): {@code economic}, each decision a logit choice among options valued by
 * expected payoff (providers' onboarding, deal acceptance and renewals, clients' claim extensions, attackers'
 * choices), or {@code scripted}, the fixed rules (e.g. {@code providers.extendProbability}, sealing every allocation
 * at full throughput), so a sweep can separate a design's mechanical effect from the behavioural one on common
 * random numbers.
 */
public record BehaviourScenario(
        @Param(doc = "economic: choices by expected payoff; scripted: the fixed rules") Mode mode,
        @Param(doc = "logit sensitivity: P(option) ∝ exp(λ · value), value in USD per raw TiB-year; 0 uniform",
                unit = "1/(USD/TiB-year)", min = 0, max = 1_000_000) Double logitLambda,
        @Param(doc = "inertia: the chance that a provider revises its onboarding choice at each revision date",
                min = 0, max = 1) Double revisionShare,
        @Param(doc = "days between revision dates of the onboarding choice", unit = "days", min = 1, max = 3_650)
        Integer revisionDays,
        @Param(doc = "onboarding (agentFIL's rule): ROI a year at or below which a provider seals nothing",
                unit = "1/year", min = -1, max = 10) Double hurdleRoiPerYear,
        @Param(doc = "onboarding: ROI a year at and above which a provider seals at full capacity (linear between)",
                unit = "1/year", min = -1, max = 10) Double fullRoiPerYear,
        @Param(doc = "decisions on hardware already owned treat power and bandwidth as sunk capacity costs (true) or as"
                + " marginal costs of each sector (false, the letter of economics.md §2)") Boolean sunkCapacityCosts,
        @Param(doc = "none: onboarding choices weigh the model's projected values; ewa: experience-weighted attraction"
                + " (Camerer & Ho 1999), values learnt from realised and foregone payoffs") Learning learning,
        @Param(doc = "learning ewa: weight of foregone payoffs (0 reinforcement, 1 belief learning)", min = 0, max = 1)
        Double ewaDelta,
        @Param(doc = "learning ewa: decay of past attractions", min = 0, max = 1) Double ewaPhi,
        @Param(doc = "learning ewa: decay of the experience weight", min = 0, max = 1) Double ewaRho) {

    /** Where values come from. */
    public enum Learning implements Word {
        NONE, EWA;

        @Override public String toString() { return word(); }
    }

    /** How agents decide. */
    public enum Mode implements Word {
        ECONOMIC, SCRIPTED;

        @Override public String toString() { return word(); }
    }

    public static BehaviourScenario defaults() {
        return new BehaviourScenario(Mode.ECONOMIC, 0.5, 0.1, 30, 0.10, 0.30, true, Learning.NONE, 0.5, 0.9, 0.9);
    }
}
