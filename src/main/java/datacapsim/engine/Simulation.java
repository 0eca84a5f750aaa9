package datacapsim.engine;

import datacapsim.agents.Agent;
import datacapsim.agents.DealBook;
import datacapsim.agents.Provider;
import datacapsim.agents.StepView;
import datacapsim.chain.Chain;
import datacapsim.chain.ChainConfig;
import datacapsim.chain.Policy;
import datacapsim.contracts.EventLog;
import datacapsim.scenario.Scenario;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.math3.distribution.RealDistribution;
import sim.engine.Schedule;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * The model: a thin MASON {@link SimState} holding the clock (through the chain), the named random streams, the
 * scenario and the agents by phase. Each step runs the phases in a fixed order — governance, oracle, allocators,
 * clients, providers, chain cron, metrics — through MASON's schedule orderings; agents within a phase act in an
 * order shuffled from the run's "order" stream.
 */
public final class Simulation extends SimState {
    private static final long serialVersionUID = 1L;

    /** The phases of a step, in their fixed order. */
    public enum PhaseName { GOVERNANCE, ORACLE, ALLOCATORS, CLIENTS, PROVIDERS, CRON, METRICS }

    private final Scenario scenario;
    private final long stepEpochs;
    private final long horizonEpochs;
    private final boolean checkInvariants;
    private final RandomStreams streams;
    private final List<DayObserver> observers = new ArrayList<>();
    private final List<java.util.function.Consumer<Simulation>> builtHooks = new ArrayList<>();
    private transient Chain chain;
    private final DealBook deals = new DealBook();
    private final List<Agent> governance = new ArrayList<>();
    private final List<Agent> oracles = new ArrayList<>();
    private final List<Agent> allocatorAgents = new ArrayList<>();
    private final List<Agent> clientAgents = new ArrayList<>();
    private final List<Agent> providerAgents = new ArrayList<>();
    private transient EventLog events;
    private transient DesignContext context;

    public Simulation(Scenario scenario, boolean checkInvariants) {
        super(scenario.seed());
        this.scenario = scenario;
        this.stepEpochs = scenario.stepEpochs();
        this.horizonEpochs = scenario.horizonDays() * Policy.EPOCHS_IN_DAY;
        this.checkInvariants = checkInvariants;
        this.streams = new RandomStreams(scenario.seed());
    }

    public void addObserver(DayObserver o) { observers.add(o); }

    private final java.util.Map<String, Object> memo = new java.util.HashMap<>();
    private long memoEpoch = -1;

    /**
     * A value computed once per epoch and shared by every reader at that epoch (e.g. an aggregate several metric columns
     * read); recomputed when the clock has moved.
     */
    @SuppressWarnings("unchecked")
    public <T> T memo(String key, java.util.function.Supplier<T> compute) {
        if (chain.epoch() != memoEpoch) {
            memo.clear();
            memoEpoch = chain.epoch();
        }
        Object v = memo.get(key);
        if (v == null) {
            v = compute.get();
            memo.put(key, v);
        }
        return (T) v;
    }

    /** Runs {@code hook} as soon as the chain and the event log exist, before the world is built and stepped. */
    public void onChainCreated(java.util.function.Consumer<Simulation> hook) { builtHooks.add(hook); }

    public Scenario scenario() { return scenario; }
    public Chain chain() { return chain; }
    public RandomStreams streams() { return streams; }
    public long stepEpochs() { return stepEpochs; }
    public long horizonEpochs() { return horizonEpochs; }
    /** The contracts' event log (events of committed calls). */
    public EventLog events() { return events; }
    /** The world the design built: its contracts and agents. */
    public DesignContext world() { return context; }
    public List<Provider> providers() { return Collections.unmodifiableList(context.providers); }
    /** Agents of a type, in creation order (e.g. {@code agents(Client.class)}). */
    public <A extends Agent> List<A> agents(Class<A> type) {
        List<A> out = new ArrayList<>();
        for (List<Agent> phase : List.of(governance, oracles, allocatorAgents, clientAgents, providerAgents))
            for (Agent a : phase) if (type.isInstance(a)) out.add(type.cast(a));
        return out;
    }

    /** Builds the world and runs it to the horizon. */
    public void run() {
        start();
        notifyDay();
        long steps = (horizonEpochs + stepEpochs - 1) / stepEpochs;
        while (schedule.getSteps() < steps) {
            if (!schedule.step(this)) break;
        }
        finish();
    }

    @Override
    public void start() {
        super.start();
        chain = new Chain(chainConfig(scenario), streams.get(RandomStreams.REWARDS));
        events = new EventLog(chain, 0);
        for (var hook : builtHooks) hook.accept(this);
        build();
        schedulePhase(PhaseName.GOVERNANCE, governance);
        schedulePhase(PhaseName.ORACLE, oracles);
        schedulePhase(PhaseName.ALLOCATORS, allocatorAgents);
        schedulePhase(PhaseName.CLIENTS, clientAgents);
        schedulePhase(PhaseName.PROVIDERS, providerAgents);
        schedule.scheduleRepeating(Schedule.EPOCH, PhaseName.CRON.ordinal(), (Steppable) s -> cron(), 1.0);
        schedule.scheduleRepeating(Schedule.EPOCH, PhaseName.METRICS.ordinal(), (Steppable) s -> {
            if (chain.epoch() % Policy.EPOCHS_IN_DAY == 0) notifyDay();
        }, 1.0);
    }

    private void schedulePhase(PhaseName phase, List<? extends Agent> agents) {
        List<Agent> order = new ArrayList<>(agents);
        MtfRandom rng = streams.get(RandomStreams.ORDER);
        MtfRandom behaviour = streams.get(RandomStreams.BEHAVIOUR);
        schedule.scheduleRepeating(Schedule.EPOCH, phase.ordinal(), (Steppable) s -> {
            if (order.isEmpty()) return;
            shuffle(order, rng);
            StepView view = new StepView(chain, chain.epoch(), stepEpochs, behaviour, deals);
            for (Agent a : order) a.act(view);
        }, 1.0);
    }

    /** Fisher–Yates shuffle drawing from a MASON stream. */
    static <T> void shuffle(List<T> list, MtfRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    private void cron() {
        long target = Math.min(horizonEpochs, chain.epoch() + stepEpochs);
        chain.advanceTo(target);
        if (checkInvariants) {
            List<String> v = Invariants.violations(this);
            if (!v.isEmpty()) throw new InvariantViolation(chain.epoch() / Policy.EPOCHS_IN_DAY, chain.epoch(), v);
        }
    }

    private void notifyDay() {
        long day = chain.epoch() / Policy.EPOCHS_IN_DAY;
        for (DayObserver o : observers) o.onDay(day, this);
    }

    /** Creates every agent and actor from the scenario, drawing populations from the "population" stream in a fixed order. */
    private void build() {
        Scenario.ProviderParams pp = scenario.providers();
        long sectorSize = "64GiB".equals(pp.sectorSize()) ? Policy.SECTOR_SIZE_64GIB : Policy.SECTOR_SIZE_32GIB;
        context = new DesignContext(scenario, chain, events, streams, deals, sectorSize);
        MtfRandom pop = streams.get(RandomStreams.POPULATION);
        RealDistribution sealing = pp.sealingTibPerDay().realize(pop);
        for (int i = 0; i < pp.count(); i++) context.addProvider("provider-" + i, sealing.sample());
        switch (scenario.design()) {
            case "direct", "meta-allocator", "client-contract", "onramp" -> AllocatorDesigns.build(context);
            case "sla-allocator" -> SlaDesign.build(context);
            default -> throw new IllegalStateException("design " + scenario.design() + " is not built yet");
        }
        governance.addAll(context.governance);
        oracles.addAll(context.oracles);
        allocatorAgents.addAll(context.allocators);
        clientAgents.addAll(context.clients);
        providerAgents.addAll(context.providerAgents);
    }

    /** The chain parameters of a scenario, in chain units. */
    public static ChainConfig chainConfig(Scenario s) {
        Scenario.ChainParams c = s.chain();
        List<ChainConfig.SeriesPoint> series = new ArrayList<>();
        if (c.rewardSeries() != null)
            for (Scenario.RewardStep st : c.rewardSeries()) series.add(new ChainConfig.SeriesPoint(st.day(), Units.attoFil(st.filPerEpoch())));
        return new ChainConfig(c.genesisEpoch(),
                Units.bytes(c.networkRawPowerPib(), Policy.PiB), Units.bytes(c.networkQaPowerPib(), Policy.PiB),
                Units.bytes(c.networkRawPowerChangePibPerDay(), Policy.PiB), Units.bytes(c.networkQaPowerChangePibPerDay(), Policy.PiB),
                c.networkMinersAboveMinimum(),
                Units.attoFil(c.circulatingSupplyFil()), Units.attoFil(c.circulatingSupplyChangeFilPerDay()),
                new ChainConfig.RewardConfig("series".equals(c.rewardMode()) ? ChainConfig.RewardConfig.Mode.SERIES
                        : ChainConfig.RewardConfig.Mode.MINTING, c.effectiveNetworkTimeEpochs(), series),
                "sampled".equals(c.payout()) ? ChainConfig.Payout.SAMPLED : ChainConfig.Payout.EXPECTED,
                new ChainConfig.PledgeConfig("per-tib".equals(c.pledgeMode()) ? ChainConfig.PledgeConfig.Mode.PER_TIB
                        : ChainConfig.PledgeConfig.Mode.FIP_0081, Units.attoFil(c.pledgePerTibFil())),
                c.dailyFee(), c.terminationFee());
    }
}
