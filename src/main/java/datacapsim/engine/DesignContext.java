package datacapsim.engine;

import datacapsim.agents.Agent;
import datacapsim.agents.Allocator;
import datacapsim.agents.Client;
import datacapsim.agents.DataCapClient;
import datacapsim.agents.DealBook;
import datacapsim.agents.GovernanceTeam;
import datacapsim.agents.Onboarding;
import datacapsim.agents.Provider;
import datacapsim.agents.ProviderAccount;
import datacapsim.agents.Renewal;
import datacapsim.agents.abuse.AbuseCompliance;
import datacapsim.agents.sla.SlaClient;
import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.Miner;
import datacapsim.chain.Policy;
import datacapsim.contracts.EventLog;
import datacapsim.contracts.Variant;
import datacapsim.economy.CostKind;
import datacapsim.economy.Ewa;
import datacapsim.economy.HurdleRamp;
import datacapsim.economy.Logit;
import datacapsim.engine.RandomStreams.Stream;
import datacapsim.scenario.BehaviourScenario;
import datacapsim.scenario.Scenario;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.distribution.RealDistribution;

/**
 * What a design's builder works with while it builds: the chain, the contracts' event log, the random streams, the
 * scenario, the providers already built, and the agent lists of each phase and role to fill. {@link #world} then
 * fixes it as an immutable {@link World}.
 */
public final class DesignContext {
    final Scenario scenario;
    final Chain chain;
    final EventLog events;
    final RandomStreams streams;
    final DealBook deals;
    final Variant variant;
    final long sectorSize;
    /** Providers' miner addresses, in creation order. */
    final List<Address> minerAddresses = new ArrayList<>();
    final List<Provider> providers = new ArrayList<>();
    final List<Agent> governance = new ArrayList<>();
    final List<Agent> oracles = new ArrayList<>();
    final List<Agent> allocators = new ArrayList<>();
    final List<Agent> clients = new ArrayList<>();
    final List<Agent> providerAgents = new ArrayList<>();
    final List<Allocator> allocatorRole = new ArrayList<>();
    final List<GovernanceTeam> governanceTeams = new ArrayList<>();
    final List<SlaClient> slaClients = new ArrayList<>();
    /** Every client that turns DataCap into allocations, in creation order. */
    final List<DataCapClient> dataCapClients = new ArrayList<>();
    AbuseCompliance compliance;
    private Map<CostKind, RealDistribution> costDraws;

    DesignContext(Scenario scenario, Chain chain, EventLog events, RandomStreams streams, DealBook deals, long sectorSize) {
        this.scenario = scenario;
        this.chain = chain;
        this.events = events;
        this.streams = streams;
        this.deals = deals;
        this.variant = ScenarioTerms.variant(scenario.variant());
        this.sectorSize = sectorSize;
    }

    /**
     * Creates a provider: an owner account endowed with the scenario's funds, its miner, and the agent that operates it
     * with the scenario's provider parameters; registers it among the providers. Returns the agent.
     */
    Provider addProvider(String label, double sealingTibPerDay) {
        return addProvider(label, sealingTibPerDay, ProviderAccount.Profile.HONEST);
    }

    /** As {@link #addProvider(String, double)}, with the books of {@code profile}. */
    Provider addProvider(String label, double sealingTibPerDay, ProviderAccount.Profile profile) {
        Scenario.ProviderParams pp = scenario.providers();
        Address owner = chain.newAccount();
        chain.fil().endow(owner, Units.attoFil(pp.fundsFil()));
        Miner m = chain.createMiner(owner, owner, sectorSize);
        Provider p = new Provider(label, owner, m, Math.max(0, sealingTibPerDay) * Policy.TiB,
                pp.sectorDurationDays() * Policy.EPOCHS_IN_DAY, renewal(), onboarding(), pp.withdrawIntervalDays(),
                new ProviderAccount(profile, drawCosts(), scenario.behaviour().sunkCapacityCosts()));
        p.account().receivePayments(deals, owner);
        p.account().dealPrice(scenario.economy().dealPriceFilPerTibMonth());
        if (scenario.behaviour().mode() == BehaviourScenario.Mode.ECONOMIC) deals.open(m.address(), p);
        providers.add(p);
        providerAgents.add(p);
        minerAddresses.add(m.address());
        return p;
    }

    /**
     * With a deal price ({@code economy.dealPriceFilPerTibMonth} above 0) the honest client pays its providers at that
     * price, and its account is endowed, as providers' owners are, with enough FIL for its dataset over its term: the
     * price × the TiB it allocates (every replica) × {@code paidDays} / 30. At price 0 nothing changes.
     */
    void payDeals(Client client, long paidDays) {
        double price = scenario.economy().dealPriceFilPerTibMonth();
        if (!(price > 0)) return;
        BigInteger perTibMonth = Units.attoFil(BigDecimal.valueOf(price));
        client.payDeals(perTibMonth);
        BigInteger funds = perTibMonth.multiply(BigInteger.valueOf(client.bytesToAllocate()))
                .multiply(BigInteger.valueOf(paidDays)).divide(BigInteger.valueOf(Policy.TiB * 30));
        chain.fil().endow(client.address(), funds);
    }

    /** The renewal rule of the scenario's behaviour mode; economic renewals draw from their own stream. */
    private Renewal renewal() {
        return switch (scenario.behaviour().mode()) {
            case SCRIPTED -> new Renewal.Scripted(scenario.providers().extendProbability());
            case ECONOMIC -> new Renewal.Economic(new Logit(scenario.behaviour().logitLambda(), 1),
                    streams.get(Stream.RENEWALS));
        };
    }

    /** The onboarding rule of the scenario's behaviour mode; economic onboarding draws from its own stream. */
    private Onboarding onboarding() {
        BehaviourScenario b = scenario.behaviour();
        return switch (b.mode()) {
            case SCRIPTED -> new Onboarding.Scripted();
            case ECONOMIC -> new Onboarding.Economic(new Logit(b.logitLambda(), b.revisionShare()),
                    streams.get(Stream.ONBOARDING), new HurdleRamp(b.hurdleRoiPerYear(), b.fullRoiPerYear()),
                    b.revisionDays(), b.learning() == BehaviourScenario.Learning.EWA
                            ? Optional.of(new Ewa(b.ewaDelta(), b.ewaPhi(), b.ewaRho())) : Optional.empty());
        };
    }

    /** One provider's cost levels, one draw per kind in {@link CostKind} order from the economy stream. */
    private Map<CostKind, Double> drawCosts() {
        if (costDraws == null) costDraws = ScenarioTerms.costs(scenario.providers().costs(), streams.get(Stream.ECONOMY));
        Map<CostKind, Double> out = new EnumMap<>(CostKind.class);
        for (CostKind k : CostKind.values()) out.put(k, costDraws.get(k).sample()); // bounds checked at load: >= 0
        return out;
    }

    /** The world as built: fixed from here on. */
    World world(AllocationDesign design, Deployment deployment) {
        return new World(design, deployment, sectorSize, providers, minerAddresses,
                new World.Phases(governance, oracles, allocators, clients, providerAgents),
                new World.Roles(allocatorRole, governanceTeams, Optional.ofNullable(compliance), slaClients,
                        dataCapClients));
    }
}
