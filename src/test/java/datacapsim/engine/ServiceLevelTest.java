package datacapsim.engine;

import static datacapsim.engine.SlaRuns.days;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.agents.sla.ProviderQuality;
import datacapsim.agents.sla.ServiceLevel;
import datacapsim.agents.sla.SlaProvider;
import datacapsim.metrics.Column;
import datacapsim.metrics.Probes;
import datacapsim.metrics.Sample;
import org.junit.jupiter.api.Test;

/**
 * Service levels in the sla-allocator design (economics.md §3, §7): comparative statics at a fixed seed on common
 * random numbers. Strict payout bands (a score must reach 90 for full pay; below 60 nothing) make more providers choose
 * premium and raise the final mean SLA score against lenient bands (every band pays 10,000 bps); in scripted mode no
 * provider chooses and the scores do not respond to the bands.
 */
class ServiceLevelTest {
    /** Faster than the bundled scenario: fewer clients, a year. */
    static final String SHORT = """
            clients:
              count: 80
            """ + days(365);
    static final String STRICT = """
            sla:
              payoutMidFrom: 60
              payoutHighFrom: 90
              payoutLowShareBps: 0
              payoutMidShareBps: 2000
              payoutHighShareBps: 10000
            """;
    static final String LENIENT = """
            sla:
              payoutLowShareBps: 10000
              payoutMidShareBps: 10000
              payoutHighShareBps: 10000
            """;
    static final String SCRIPTED = """
            behaviour:
              mode: scripted
            """;

    static Simulation run(String... overrides) {
        String[] all = new String[overrides.length + 1];
        all[0] = SHORT;
        System.arraycopy(overrides, 0, all, 1, overrides.length);
        Simulation sim = new Simulation(SlaRuns.load("sla-allocator", all), false);
        sim.run();
        return sim;
    }

    static String column(Simulation sim, String name) {
        Sample sample = Sample.of(sim);
        for (Column c : Probes.TIMESERIES) if (c.name().equals(name)) return String.valueOf(c.probe().apply(sample));
        throw new AssertionError("no column " + name);
    }

    static double number(Simulation sim, String name) { return Double.parseDouble(column(sim, name)); }

    @Test
    void strictBandsRaiseThePremiumShareAndTheScore() {
        Simulation strict = run(STRICT);
        Simulation lenient = run(LENIENT);
        double strictPremium = number(strict, "service_level_premium_share");
        double lenientPremium = number(lenient, "service_level_premium_share");
        double strictScore = number(strict, "sla_score_mean");
        double lenientScore = number(lenient, "sla_score_mean");
        System.out.printf("premium share strict %.4f lenient %.4f; sla_score_mean strict %.4f lenient %.4f%n",
                strictPremium, lenientPremium, strictScore, lenientScore);
        assertTrue(strictPremium > lenientPremium, strictPremium + " > " + lenientPremium);
        assertTrue(strictScore > lenientScore, strictScore + " > " + lenientScore);
        long choosing = 0;
        for (SlaProvider p : strict.agents(SlaProvider.class)) {
            ProviderQuality.Strategy st = p.strategy();
            // cheating-strategy providers have a level too (minimal while they cheat; CheatingChoice)
            boolean chooses = st != ProviderQuality.Strategy.FAILING;
            assertEquals(chooses, p.serviceLevel() != null, p.label() + " " + st);
            if (chooses) choosing++;
        }
        long counted = 0;
        for (ServiceLevel l : ServiceLevel.values()) counted += (long) number(strict, "service_level_" + l.label());
        assertEquals(choosing, counted, "the level columns count every choosing provider");
        assertTrue(strict.agents(SlaProvider.class).stream().mapToLong(SlaProvider::serviceRevisions).sum() > 0);
    }

    @Test
    void scriptedModeDoesNotRespondToTheBands() {
        Simulation strict = run(STRICT, SCRIPTED);
        Simulation lenient = run(LENIENT, SCRIPTED);
        System.out.printf("scripted sla_score_mean strict %s lenient %s%n", column(strict, "sla_score_mean"),
                column(lenient, "sla_score_mean"));
        assertEquals(column(strict, "sla_score_mean"), column(lenient, "sla_score_mean"));
        for (SlaProvider p : strict.agents(SlaProvider.class)) assertNull(p.serviceLevel(), p.label());
        for (ServiceLevel l : ServiceLevel.values()) assertEquals(0, number(strict, "service_level_" + l.label()));
        assertEquals(0, number(strict, "service_level_premium_share"));
    }
}
