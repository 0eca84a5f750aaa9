package datacapsim.agents;

import datacapsim.economy.Ewa;
import datacapsim.economy.HurdleRamp;
import datacapsim.economy.Logit;
import java.util.Optional;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * How a provider decides what to seal and how much (economics.md §3, onboarding and deal acceptance).
 */
public sealed interface Onboarding permits Onboarding.Scripted, Onboarding.Economic {
    /** Today's rule: accept every allocation a client makes and seal the queue at full throughput, deals only. */
    record Scripted() implements Onboarding {}

    /**
     * By expected payoff: the kind (FIL+ deals, committed capacity, nothing) chosen by {@code logit} over each kind's
     * annual net per raw TiB at the quoted price and rate (nothing: 0), revised every {@code revisionDays} days by
     * the logit's inertia, with draws from {@code rng}, the onboarding's own stream; the amount by {@code ramp}
     * (agentFIL's rule) on the chosen kind's annualised ROI, recomputed every step. A provider that chose FIL+
     * accepts an allocation only if, at that rate, it can seal it (after what it already accepted) before the
     * allocation expires, with the funds for its pledge; what it accepted it seals at full throughput. With
     * {@code learning}, the logit weighs experience-weighted attractions instead: at each revision date the chosen
     * kind's realised net per raw TiB-year since the last one (where it had power to measure it) and the others'
     * projected values update them.
     */
    record Economic(Logit logit, RandomGenerator rng, HurdleRamp ramp, int revisionDays, Optional<Ewa> learning)
            implements Onboarding {
        public Economic {
            if (revisionDays < 1) throw new IllegalArgumentException("revision days " + revisionDays);
        }
    }
}
