package datacapsim.agents;

import datacapsim.chain.Chain;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * What an agent sees during its step: the chain it can call, the clock, the step length, its random stream and the
 * off-chain deal book. Nothing else of the model.
 */
public record StepView(Chain chain, long epoch, long stepEpochs, RandomGenerator random, DealBook deals) {
    public long day() { return epoch / datacapsim.chain.Policy.EPOCHS_IN_DAY; }

    /** True on the first step of every {@code days}-day period (and on the very first step). */
    public boolean every(int days) {
        long period = days * datacapsim.chain.Policy.EPOCHS_IN_DAY;
        return epoch % period < stepEpochs;
    }
}
