package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.agents.Agent;
import datacapsim.agents.Client;
import datacapsim.agents.abuse.AbuseClient;
import datacapsim.agents.sla.SlaClient;
import datacapsim.chain.Policy;
import datacapsim.scenario.Overrides;
import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioException;
import datacapsim.scenario.ScenarioLoader;
import datacapsim.scenario.Setting;
import ec.util.MersenneTwisterFast;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Clients' arrivals ({@code clients.arrivals}): a Poisson process at a rate per day whose days do not depend on the
 * horizon, or today's uniform window.
 */
class ClientArrivalsTest {
    private static final List<String> ABUSE = List.of("abuse.sybilOwners=2", "abuse.sybilAddressesPerOwner=3",
            "abuse.colludingClients=4");

    static Scenario scenario(String file, List<String> settings) {
        List<Setting> out = new ArrayList<>();
        for (String s : settings) out.add(Setting.parse(s));
        return Overrides.apply(ScenarioLoader.load(Path.of("scenarios", file)), out).scenario();
    }

    /** Each client's arrival day by label, in creation order (the world is built, not run). */
    static Map<String, Long> arrivalDays(String file, List<String> settings) {
        Simulation sim = new Simulation(scenario(file, settings), false);
        sim.start();
        Map<String, Long> out = new LinkedHashMap<>();
        for (Agent a : sim.world().agents()) {
            long epoch = a instanceof Client c ? c.arrivalEpoch() : a instanceof AbuseClient c ? c.arrivalEpoch()
                    : a instanceof SlaClient c ? c.arrivalEpoch() : -1;
            if (epoch >= 0) out.put(a.label(), epoch / Policy.EPOCHS_IN_DAY);
        }
        return out;
    }

    /** The abuse settings for the attack scenario, nothing for the others. */
    static List<String> abuse(String file) { return file.startsWith("attack-") ? ABUSE : List.of(); }

    static List<String> with(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    @Test
    void arrivalDaysDoNotDependOnTheHorizon() {
        String[][] runs = {{"direct.yaml"}, {"attack-lax-allocator.yaml"}, {"sla-allocator.yaml"}};
        for (String[] run : runs) {
            List<String> base = with(abuse(run[0]), "clients.count=300", "providers.count=8",
                    "clients.arrivalsPerDay=1.5");
            Map<String, Long> short60 = arrivalDays(run[0], with(base, "horizonDays=60"));
            Map<String, Long> long120 = arrivalDays(run[0], with(base, "horizonDays=120"));
            Map<String, Long> within60 = new LinkedHashMap<>();
            for (var e : long120.entrySet()) if (e.getValue() < 60) within60.put(e.getKey(), e.getValue());
            assertEquals(within60, short60, run[0] + ": the clients arriving within 60 days, on the same days");
            assertTrue(short60.size() > 40 && long120.size() > short60.size() + 40,
                    run[0] + ": about half the clients in half the horizon: " + short60.size() + " of "
                            + long120.size());
            for (long d : long120.values()) assertTrue(d < 120, run[0] + ": arrival on day " + d);
        }
    }

    @Test
    void aShorterRunSeesFewerClientsNotTheSameDemandCompressed() {
        List<String> base = List.of("clients.count=1000", "providers.count=8");
        int year = arrivalDays("direct.yaml", with(base, "horizonDays=365")).size();
        int quarter = arrivalDays("direct.yaml", with(base, "horizonDays=91")).size();
        assertTrue(Math.abs(quarter - year / 4.0) < 4 * Math.sqrt(year / 4.0), quarter + " vs a quarter of " + year);
    }

    @Test
    void theCountCapsTheArrivals() {
        Map<String, Long> capped = arrivalDays("direct.yaml", List.of("horizonDays=60", "clients.count=10",
                "providers.count=8", "clients.arrivalsPerDay=5"));
        assertEquals(10, capped.size());
        assertTrue(capped.values().stream().allMatch(d -> d < 10), capped.toString());
        assertTrue(arrivalDays("direct.yaml", List.of("horizonDays=60", "clients.count=10", "providers.count=8",
                "clients.arrivalsPerDay=0")).isEmpty(), "no client arrives at rate 0");
    }

    @Test
    void arrivalsOverALongHorizonAreAboutRateTimesDays() {
        for (double rate : new double[] {0.3, 2.0, 25.0}) {
            Scenario s = scenario("direct.yaml", List.of("horizonDays=3650", "clients.count=1000000",
                    "clients.arrivalsPerDay=" + rate));
            for (long seed = 1; seed <= 3; seed++) {
                ArrivalClock clock = ArrivalClock.of(s);
                MtfRandom rng = new MtfRandom(new MersenneTwisterFast(seed));
                long n = 0;
                long last = 0;
                for (long d; (d = clock.nextDay(rng)) != ArrivalClock.NONE; n++) {
                    assertTrue(d >= last && d < 3650, "day " + d + " after " + last);
                    last = d;
                }
                double mean = rate * 3650;
                assertTrue(Math.abs(n - mean) < 4 * Math.sqrt(mean), "rate " + rate + " seed " + seed + ": " + n
                        + " arrivals, expected " + mean);
            }
        }
    }

    @Test
    void aRateSeriesStepsTheArrivals() {
        Map<String, Long> days = arrivalDays("direct.yaml", List.of("horizonDays=120", "clients.count=1000",
                "providers.count=8", "clients.arrivalsPerDaySeries=[{day: 0, perDay: 0}, {day: 30, perDay: 2},"
                        + " {day: 90, perDay: 0}]"));
        assertTrue(days.values().stream().allMatch(d -> d >= 30 && d < 90), days.toString());
        assertTrue(Math.abs(days.size() - 120) < 4 * Math.sqrt(120), days.size() + " arrivals, expected 120");
        Map<String, Long> constant = arrivalDays("direct.yaml", List.of("horizonDays=120", "clients.count=1000",
                "providers.count=8", "clients.arrivalsPerDay=2"));
        Map<String, Long> oneStep = arrivalDays("direct.yaml", List.of("horizonDays=120", "clients.count=1000",
                "providers.count=8", "clients.arrivalsPerDay=5", "clients.arrivalsPerDaySeries=[{day: 0, perDay: 2}]"));
        assertEquals(constant, oneStep, "a one-step series is its constant rate, in place of arrivalsPerDay");
    }

    /** Arrival days the branch base (c0ddddc, before clients.arrivals) drew with these settings. */
    private static final Map<String, String> BEFORE = Map.of(
            "direct.yaml", "14 20 28 11 17 1 28 15 4 18 5 20 29 34 35 2 47 25 27 32 34 43 38 7 16 0 14 25 22 29",
            "attack-lax-allocator.yaml", "14 20 28 11 17 1 28 15 4 18 5 20 29 34 35 2 47 25 27 32 34 43 38 7 16 0 14"
                    + " 25 22 29 44 40 23 3 33 31 23 24 7 40",
            "sla-allocator.yaml", "14 6 47 14 15 39 38 18 17 27 32 22 26 21 40 19 47 44 47 41 17 19 35 11 29 13 47 3"
                    + " 43 31");

    @Test
    void theWindowReproducesTheArrivalsBeforeThePoissonProcess() {
        for (var e : BEFORE.entrySet()) {
            Map<String, Long> days = arrivalDays(e.getKey(), with(abuse(e.getKey()), "horizonDays=60",
                    "clients.count=30", "providers.count=8", "clients.arrivals=window"));
            List<String> got = days.values().stream().map(String::valueOf).toList();
            assertEquals(e.getValue(), String.join(" ", got), e.getKey());
        }
        assertFalse(arrivalDays("direct.yaml", List.of("horizonDays=60", "clients.count=30", "providers.count=8"))
                .values().stream().map(String::valueOf).toList().equals(List.of(BEFORE.get("direct.yaml").split(" "))),
                "poisson draws other days");
    }

    /** The error a --set of {@code setting} on direct.yaml is refused with. */
    static ScenarioException refused(String setting) {
        var loaded = ScenarioLoader.load(Path.of("scenarios", "direct.yaml"));
        return assertThrows(ScenarioException.class, () -> Overrides.apply(loaded, List.of(Setting.parse(setting))));
    }

    @Test
    void aNegativeRateOrAnUnknownWordIsRefusedWithItsField() {
        ScenarioException e = refused("clients.arrivalsPerDay=-0.5");
        assertEquals("clients.arrivalsPerDay", e.path());
        assertEquals("-0.5", e.value());
        assertTrue(e.allowed().contains("0"), e.allowed());
        ScenarioException w = refused("clients.arrivals=sometimes");
        assertEquals("clients.arrivals", w.path());
        assertTrue(w.allowed().contains("poisson") && w.allowed().contains("window"), w.allowed());
        ScenarioException d = refused("clients.arrivalsPerDaySeries=[{day: 5, perDay: 1}]");
        assertEquals("clients.arrivalsPerDaySeries[0].day", d.path());
        assertEquals("5", d.value());
        ScenarioException r = refused("clients.arrivalsPerDaySeries=[{day: 0, perDay: -1}]");
        assertTrue(r.path().startsWith("clients.arrivalsPerDaySeries"), r.path());
    }
}
