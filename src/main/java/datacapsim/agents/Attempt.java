package datacapsim.agents;

import datacapsim.chain.ActorError;

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
}
