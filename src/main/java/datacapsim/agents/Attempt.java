package datacapsim.agents;

import datacapsim.chain.ActorError;
import datacapsim.chain.DataCapToken;
import datacapsim.chain.VerifiedRegistry;
import datacapsim.contracts.ContractError;

/** An agent's call whose refusal is data, not a crash: runs it, and on an {@link ActorError} runs {@code onRefusal}. */
public final class Attempt {
    private Attempt() {}

    /** True when the call applied; false (after {@code onRefusal}) when it was refused. */
    public static boolean run(Runnable call, Runnable onRefusal) {
        try {
            call.run();
            return true;
        } catch (ActorError e) {
            onRefusal.run();
            return false;
        }
    }

    /**
     * Whether a refusal says DataCap is gone for good (FIP-0118's upgrade: the registry's deprecated methods, or
     * minting): an agent that meets it stops that activity instead of retrying it every step.
     */
    public static boolean datacapDeprecated(ActorError e) {
        if (VerifiedRegistry.DATACAP_DEPRECATED.equals(e.rule()) || DataCapToken.MINT_DEPRECATED.equals(e.rule()))
            return true;
        // a contract that reverts on the registry's refusal (TransferFailed) names the registry's rule in its error
        return e instanceof ContractError ce && (ce.args().contains(VerifiedRegistry.DATACAP_DEPRECATED)
                || String.valueOf(ce.getMessage()).contains(VerifiedRegistry.DATACAP_DEPRECATED));
    }
}
