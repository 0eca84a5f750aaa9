package datacapsim.agents.sla;

import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.contracts.Contract;
import datacapsim.contracts.EventLog;
import datacapsim.contracts.SlaScorer;

/**
 * An attacker's SLA registry: a contract implementing the registry interface whose {@code score} answers 100 for any
 * pair. In the deployed SLAAllocator a client may name any registry on the caller-chosen-registry path, and the
 * Beneficiary then scores the pair with it.
 */
public final class SlaRiggedRegistry extends Contract implements SlaScorer {
    public static final String NAME = "SlaRiggedRegistry";

    public SlaRiggedRegistry(Chain chain, EventLog events) { super(chain, NAME, events); }

    @Override
    public long score(Address client, Address provider) { return 100; }
}
