package datacapsim.engine;

import datacapsim.agents.Agent;
import datacapsim.agents.DealBook;
import datacapsim.agents.Provider;
import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.contracts.EventLog;
import datacapsim.contracts.Variant;
import datacapsim.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * What a design's builder works with: the chain, the contracts' event log, the random streams, the scenario, the
 * providers already built, and the agent lists of each phase to fill. Contracts a builder deploys are registered in
 * {@link #contracts} so metrics and tests can find them.
 */
public final class DesignContext {
    public final Scenario scenario;
    public final Chain chain;
    public final EventLog events;
    public final RandomStreams streams;
    public final DealBook deals;
    public final Variant variant;
    public final long sectorSize;
    /** Providers' miner addresses, in creation order. */
    public final List<Address> minerAddresses = new ArrayList<>();
    public final List<Provider> providers = new ArrayList<>();
    public final List<Agent> governance = new ArrayList<>();
    public final List<Agent> oracles = new ArrayList<>();
    public final List<Agent> allocators = new ArrayList<>();
    public final List<Agent> clients = new ArrayList<>();
    public final List<Agent> providerAgents = new ArrayList<>();
    public final Contracts contracts = new Contracts();

    DesignContext(Scenario scenario, Chain chain, EventLog events, RandomStreams streams, DealBook deals, long sectorSize) {
        this.scenario = scenario;
        this.chain = chain;
        this.events = events;
        this.streams = streams;
        this.deals = deals;
        this.variant = "deployed".equals(scenario.variant()) ? Variant.DEPLOYED : Variant.DESIGNED;
        this.sectorSize = sectorSize;
    }

    /**
     * Creates a provider: an owner account endowed with the scenario's funds, its miner, and the agent that operates it
     * with the scenario's provider parameters; registers it among the providers. Returns the agent.
     */
    public Provider addProvider(String label, double sealingTibPerDay) {
        Scenario.ProviderParams pp = scenario.providers();
        Address owner = chain.newAccount();
        chain.fil().endow(owner, Units.attoFil(pp.fundsFil()));
        datacapsim.chain.Miner m = chain.createMiner(owner, owner, sectorSize);
        Provider p = new Provider(label, owner, m, Math.max(0, sealingTibPerDay) * datacapsim.chain.Policy.TiB,
                pp.sectorDurationDays() * datacapsim.chain.Policy.EPOCHS_IN_DAY, pp.extendProbability(), pp.withdrawIntervalDays());
        providers.add(p);
        providerAgents.add(p);
        minerAddresses.add(m.address());
        return p;
    }

    /** The contracts a design deployed (any may be empty). */
    public static final class Contracts {
        public datacapsim.contracts.MetaAllocator metaAllocator;
        public final List<datacapsim.contracts.ClientContract> clientContracts = new ArrayList<>();
        public final List<datacapsim.contracts.OnRamp> onRamps = new ArrayList<>();
        /** Any other contract a design deploys (e.g. the SLA system), by name. */
        public final java.util.Map<String, Object> others = new java.util.TreeMap<>();

        /** Addresses of every deployed contract (DataCap they hold is contract balance, not client balance). */
        public java.util.Set<Address> addresses() {
            java.util.Set<Address> out = new java.util.TreeSet<>();
            if (metaAllocator != null) out.add(metaAllocator.address());
            for (var c : clientContracts) out.add(c.address());
            for (var o : onRamps) out.add(o.address());
            for (Object o : others.values()) if (o instanceof datacapsim.contracts.Contract c) out.add(c.address());
            return out;
        }
    }
}
