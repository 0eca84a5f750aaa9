package datacapsim.engine;

import datacapsim.agents.Agent;
import datacapsim.agents.DealBook;
import datacapsim.agents.Provider;
import datacapsim.agents.StepView;
import datacapsim.chain.Chain;
import datacapsim.chain.ChainConfig;
import datacapsim.chain.NetworkSeries;
import datacapsim.chain.Policy;
import datacapsim.chain.SolsticeConfig;
import datacapsim.contracts.EventLog;
import datacapsim.economy.Books;
import datacapsim.economy.FilPrice;
import datacapsim.engine.RandomStreams.Stream;
import datacapsim.scenario.Scenario;
import datacapsim.scenario.SolsticeScenario;
import java.util.ArrayList;
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
    private transient EventLog events;
    private transient World world;
    private transient FilPrice filPrice;
    private double filPriceUsd;

    public Simulation(Scenario scenario, boolean checkInvariants) {
        super(scenario.seed());
        this.scenario = scenario;
        this.stepEpochs = scenario.stepEpochs();
        this.horizonEpochs = scenario.horizonDays() * Policy.EPOCHS_IN_DAY;
        this.checkInvariants = checkInvariants;
        this.streams = new RandomStreams(scenario.seed());
    }

    public void addObserver(DayObserver o) { observers.add(o); }

    /** Runs {@code hook} as soon as the chain and the event log exist, before the world is built and stepped. */
    public void onChainCreated(java.util.function.Consumer<Simulation> hook) { builtHooks.add(hook); }

    public Scenario scenario() { return scenario; }
    public Chain chain() { return chain; }
    public RandomStreams streams() { return streams; }
    public long stepEpochs() { return stepEpochs; }
    public long horizonEpochs() { return horizonEpochs; }
    /** The contracts' event log (events of committed calls). */
    public EventLog events() { return events; }
    /** The FIL price of the day the last step booked (day 0's before the first step), USD per FIL. */
    public double filPriceUsd() { return filPriceUsd; }
    /** The world the design built: its deployment and agents (null before {@link #start}). */
    public World world() { return world; }
    public List<Provider> providers() { return world.providers(); }
    /** Agents of a type, phase by phase in creation order (e.g. {@code agents(Client.class)}); for tests and tools. */
    public <A extends Agent> List<A> agents(Class<A> type) {
        List<A> out = new ArrayList<>();
        for (Agent a : world.agents()) if (type.isInstance(a)) out.add(type.cast(a));
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
        chain = new Chain(chainConfig(scenario), streams.get(Stream.REWARDS));
        int maxDealDays = scenario.chain().maxDealDurationDays();
        if (maxDealDays > 0) chain.market().setMaxDealDuration(maxDealDays * (long) Policy.EPOCHS_IN_DAY);
        events = new EventLog(chain, 0);
        for (var hook : builtHooks) hook.accept(this);
        world = build();
        filPrice = ScenarioTerms.filPrice(scenario.economy(), streams.get(Stream.FIL_PRICE));
        filPriceUsd = filPrice.usdOn(0);
        for (Provider p : world.providers()) p.account().quote(filPriceUsd, scenario.economy().borrowRatePerYear());
        World.Phases phases = world.phases();
        schedulePhase(PhaseName.GOVERNANCE, phases.governance());
        schedulePhase(PhaseName.ORACLE, phases.oracles());
        schedulePhase(PhaseName.ALLOCATORS, phases.allocators());
        schedulePhase(PhaseName.CLIENTS, phases.clients());
        schedulePhase(PhaseName.PROVIDERS, phases.providers());
        schedule.scheduleRepeating(Schedule.EPOCH, PhaseName.CRON.ordinal(), (Steppable) s -> cron(), 1.0);
        schedule.scheduleRepeating(Schedule.EPOCH, PhaseName.METRICS.ordinal(), (Steppable) s -> {
            if (chain.epoch() % Policy.EPOCHS_IN_DAY == 0) notifyDay();
        }, 1.0);
    }

    private void schedulePhase(PhaseName phase, List<? extends Agent> agents) {
        List<Agent> order = new ArrayList<>(agents);
        MtfRandom rng = streams.get(Stream.ORDER);
        MtfRandom behaviour = streams.get(Stream.BEHAVIOUR);
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
        long before = chain.epoch();
        long target = Math.min(horizonEpochs, before + stepEpochs);
        chain.advanceTo(target);
        closeBooks(before, target);
        if (checkInvariants) {
            List<String> v = Invariants.violations(this);
            if (!v.isEmpty()) throw new InvariantViolation(chain.epoch() / Policy.EPOCHS_IN_DAY, chain.epoch(), v);
        }
    }

    /** Every provider books the step from {@code from} to {@code to} at the FIL price of the day it started. */
    private void closeBooks(long from, long to) {
        filPriceUsd = filPrice.usdOn(Math.toIntExact(from / Policy.EPOCHS_IN_DAY));
        double rate = scenario.economy().borrowRatePerYear();
        double years = (to - from) / (double) Policy.EPOCHS_IN_DAY / Books.DAYS_IN_YEAR;
        for (Provider p : world.providers()) p.closeBooks(filPriceUsd, rate, years);
        double next = filPrice.usdOn(Math.toIntExact(to / Policy.EPOCHS_IN_DAY));
        for (Provider p : world.providers()) p.account().quote(next, rate); // what the next step's decisions weigh
    }

    private void notifyDay() {
        long day = chain.epoch() / Policy.EPOCHS_IN_DAY;
        for (DayObserver o : observers) o.onDay(day, this);
    }

    /** Creates every agent and actor from the scenario, drawing populations from the "population" stream in a fixed order. */
    private World build() {
        Scenario.ProviderParams pp = scenario.providers();
        long sectorSize = ScenarioTerms.sectorBytes(pp.sectorSize());
        DesignContext context = new DesignContext(scenario, chain, events, streams, deals, sectorSize);
        MtfRandom pop = streams.get(Stream.POPULATION);
        RealDistribution sealing = pp.sealingTibPerDay().realize(pop);
        for (int i = 0; i < pp.count(); i++) context.addProvider("provider-" + i, sealing.sample());
        AllocationDesign design = AllocationDesign.of(scenario.design());
        return context.world(design, design.build(context));
    }


    /** The sector sizes a scenario may name ({@code providers.sectorSize}), with their bytes. */
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
                new ChainConfig.RewardConfig(ScenarioTerms.rewardMode(c.rewardMode()),
                        c.effectiveNetworkTimeEpochs(), series),
                ScenarioTerms.payout(c.payout()),
                new ChainConfig.PledgeConfig(ScenarioTerms.pledgeMode(c.pledgeMode()),
                        Units.attoFil(c.pledgePerTibFil())),
                c.dailyFee(), c.terminationFee(),
                new NetworkSeries(powerPoints(c.networkRawPowerSeries()), powerPoints(c.networkQaPowerSeries()),
                        supplyPoints(c.circulatingSupplySeries())), ScenarioTerms.regime(s.regime()), solstice(s));
    }

    /** Regime solstice: the FIP-0118 upgrade on {@code solstice.upgradeDay}; any other regime never upgrades. */
    static SolsticeConfig solstice(Scenario s) {
        if (s.regime() != Scenario.Regime.SOLSTICE) return SolsticeConfig.NEVER;
        SolsticeScenario p = s.solstice();
        long upgrade = p.upgradeDay() * (long) Policy.EPOCHS_IN_DAY;
        long horizon = s.horizonDays() * (long) Policy.EPOCHS_IN_DAY;
        int quarters = (int) Math.max(0, (horizon - upgrade) / SolsticeConfig.DEFAULT_EPOCHS_PER_QUARTER + 2);
        return SolsticeConfig.at(upgrade, p.volumesPerQuarter(quarters));
    }

    private static List<NetworkSeries.Point> powerPoints(List<Scenario.PowerStep> steps) {
        List<NetworkSeries.Point> out = new ArrayList<>();
        if (steps != null) for (Scenario.PowerStep st : steps) out.add(new NetworkSeries.Point(st.day(), Units.bytes(st.pib(), Policy.PiB)));
        return out;
    }

    private static List<NetworkSeries.Point> supplyPoints(List<Scenario.SupplyStep> steps) {
        List<NetworkSeries.Point> out = new ArrayList<>();
        if (steps != null) for (Scenario.SupplyStep st : steps) out.add(new NetworkSeries.Point(st.day(), Units.attoFil(st.fil())));
        return out;
    }
}
