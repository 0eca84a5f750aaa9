package datacapsim.engine;

import datacapsim.agents.sla.SlaClient;
import datacapsim.agents.sla.SlaProvider;
import datacapsim.contracts.BeneficiaryFactory;
import datacapsim.contracts.SLAAllocator;
import datacapsim.contracts.SLAClientContract;
import datacapsim.contracts.SLARegistry;
import datacapsim.contracts.SLIOracle;
import datacapsim.scenario.Overrides;
import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Loading the bundled SLA scenarios with overrides, running them, and finding their contracts (for SlaDesignTest). */
final class SlaRuns {
    private SlaRuns() {}

    /** Small populations: fast, and still every strategy and path present. */
    static final String SMALL = """
            clients:
              count: 40
            providers:
              count: 10
            """;

    /** Loads {@code scenarios/<name>.yaml} and applies each YAML snippet in turn (later ones win). */
    static Scenario load(String name, String... overrides) {
        ScenarioLoader.Loaded loaded = ScenarioLoader.load(Path.of("scenarios", name + ".yaml"));
        for (String o : overrides)
            loaded = Overrides.override(loaded, Overrides.partial(o, "test"), Map.of());
        return loaded.scenario();
    }

    static String days(int d) { return "horizonDays: " + d + "\n"; }

    /** Runs with the chain's invariants checked after every step and the SLA contracts' ({@link SlaInvariants}) every day. */
    static Simulation run(Scenario s, DayObserver... observers) {
        Simulation sim = new Simulation(s, true);
        sim.addObserver((day, x) -> {
            List<String> v = SlaInvariants.violations(x);
            if (!v.isEmpty()) throw new AssertionError("day " + day + ": " + v);
        });
        for (DayObserver o : observers) sim.addObserver(o);
        sim.run();
        return sim;
    }

    static SLAAllocator alloc(Simulation s) { return sla(s).allocator(); }

    static SLAClientContract cc(Simulation s) { return sla(s).clientContract(); }

    static SLARegistry registry(Simulation s) { return sla(s).registry(); }

    static SLIOracle oracle(Simulation s) { return sla(s).oracle(); }

    /** The SLA design's deployment. */
    static Deployment.Sla sla(Simulation s) { return (Deployment.Sla) s.world().deployment(); }

    static BeneficiaryFactory factory(Simulation s) { return sla(s).factory(); }

    /** Requests of every client by "path:outcome". */
    static Map<String, Long> requests(Simulation s) {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (SlaClient c : s.agents(SlaClient.class)) c.requests().forEach((k, v) -> out.merge(k, v, Long::sum));
        return out;
    }

    /** A fingerprint of a run: chain call counts, stocks, and the SLA agents' and contracts' counters. */
    static String fingerprint(Simulation s) {
        StringBuilder b = new StringBuilder(SimulationTest.fingerprint(s));
        for (SlaClient c : s.agents(SlaClient.class))
            b.append('|').append(c.label()).append(':').append(c.grantedBytes()).append(',').append(c.allocatedBytes())
                    .append(',').append(c.requests());
        for (SlaProvider p : s.agents(SlaProvider.class)) {
            b.append('|').append(p.label()).append(':').append(p.strategy()).append(',').append(p.withdrawnFromBeneficiary());
            if (p.beneficiary() != null) b.append(',').append(p.beneficiary().received()).append(',').append(p.beneficiary().burned());
        }
        b.append('|').append(oracle(s).attestations());
        return b.toString();
    }
}
