package datacapsim.agents;

import datacapsim.economy.Logit;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * How a provider decides, in a group of sectors' last 30 days, whether to extend them (economics.md §3, renewal).
 * The group is the sectors it sealed on one step with one lifetime: one decision for all of them.
 */
public sealed interface Renewal permits Renewal.Scripted, Renewal.Economic {
    /** Today's rule: each sector is extended with a fixed probability (one draw per sector from the step's stream). */
    record Scripted(double extendProbability) implements Renewal {}

    /**
     * By expected payoff: the extension's annual net per raw TiB (rewards for the QA power it keeps, at the day's FIL
     * price, less power, bandwidth, gas, the daily fee and the financing of the pledge it keeps locked) against 0 for
     * letting it expire, chosen by {@code logit} with one draw from {@code rng}, the renewals' own stream.
     */
    record Economic(Logit logit, RandomGenerator rng) implements Renewal {}
}
