package datacapsim.agents.sla;

import datacapsim.agents.Agent;
import datacapsim.agents.StepView;
import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.contracts.Beneficiary;
import datacapsim.contracts.BeneficiaryFactory;
import datacapsim.contracts.SlaClientView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Beneficiary squatter (attack on the deployed factory, where anyone may create any provider's instance, first come
 * first served): on its first step — in the clients phase, before the providers set themselves up — it creates the
 * instance of each of its target providers with itself as admin and withdrawer. Where only governance may create
 * (designed), every call is refused. A squatted provider cannot get a Beneficiary of its own, so the SLA contracts
 * refuse every DataCap request and transfer for it.
 */
public final class SlaSquatter implements Agent {
    private final Address self;
    private final BeneficiaryFactory factory;
    private final SlaClientView clientContract;
    private final List<Address> targets;
    private final List<Beneficiary> squatted = new ArrayList<>();
    private final Map<String, Long> refusals = new TreeMap<>();
    private boolean done;

    public SlaSquatter(Address self, BeneficiaryFactory factory, SlaClientView clientContract, List<Address> targets) {
        this.self = self;
        this.factory = factory;
        this.clientContract = clientContract;
        this.targets = List.copyOf(targets);
    }

    @Override
    public String label() { return "sla-squatter"; }

    public Address address() { return self; }

    public List<Address> targets() { return targets; }

    /** The instances it created. */
    public List<Beneficiary> squatted() { return java.util.Collections.unmodifiableList(squatted); }

    /** Refused calls by rule. */
    public Map<String, Long> refusals() { return java.util.Collections.unmodifiableMap(refusals); }

    @Override
    public void act(StepView v) {
        if (done) return;
        done = true;
        for (Address miner : targets) {
            try {
                squatted.add(factory.create(self, self, self, miner, clientContract));
            } catch (ActorError e) {
                refusals.merge(e.rule(), 1L, Long::sum);
            }
        }
    }
}
