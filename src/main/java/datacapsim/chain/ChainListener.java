package datacapsim.chain;

/** Observes every top-level call: the method, the epoch and its outcome (null error when it applied). */
public interface ChainListener {
    void onCall(long epoch, String method, Address caller, ActorError error);
}
