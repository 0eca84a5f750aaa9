package datacapsim.agents;

/** A behaviour that acts once per step in its phase, only through chain, actor and contract calls. */
public interface Agent {
    /** A stable label for logs and agents.csv, e.g. "client-12". */
    String label();

    void act(StepView view);
}
