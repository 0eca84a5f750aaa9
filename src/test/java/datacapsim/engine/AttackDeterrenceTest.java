package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.agents.abuse.AbuseClient;
import datacapsim.agents.abuse.AttackChoice;
import datacapsim.metrics.Probes;
import datacapsim.metrics.TimeseriesWriter;
import datacapsim.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attackers with books (economics.md §5, §7), at fixed seeds on common random numbers, on the attack scenarios
 * shortened: in behaviour mode economic a higher catch probability or audits after the grant lower the number of
 * attackers and the abusive share of claimed DataCap; in scripted mode nobody decides and the decision layer's
 * parameters change nothing.
 */
class AttackDeterrenceTest {
    @TempDir
    Path tmp;

    private static Simulation run(String scenario, String mode, double catchProbability, double audit) {
        String yaml = AbuseBehaviourTest.abuseSmall(200) + "economy:\n  filPriceUsd: 2\n"
                + "behaviour:\n  mode: " + mode + "\n"
                + "abuse:\n  catchProbability: " + catchProbability + "\n  auditProbability: " + audit + "\n";
        Scenario s = AbuseBehaviourTest.abuseScenario(scenario, yaml);
        return AbuseBehaviourTest.abuseRun(s);
    }

    private static double column(Simulation sim, String name) {
        return Double.parseDouble(AbuseBehaviourTest.abuseColumn(sim, name));
    }

    @Test
    void aHigherCatchProbabilityDetersSybilsAndSelfDealers() {
        for (String scenario : new String[] {"attack-sybil-clients", "attack-self-dealing-provider"}) {
            Simulation lax = run(scenario, "economic", 0.1, 0);
            Simulation strict = run(scenario, "economic", 0.9, 0);
            double activeLax = column(lax, "attackers_active");
            double activeStrict = column(strict, "attackers_active");
            double shareLax = column(lax, "abuse_datacap_share");
            double shareStrict = column(strict, "abuse_datacap_share");
            assertTrue(activeStrict < activeLax, scenario + ": attackers " + activeLax + " → " + activeStrict);
            assertTrue(shareStrict < shareLax, scenario + ": abusive share " + shareLax + " → " + shareStrict);
            for (AbuseClient c : AbuseBehaviourTest.abuseLedger(strict).clients()) {
                if (c.lastAttackChoice() == null) continue;
                assertEquals(AttackChoice.OPTIONS, c.lastAttackChoice().options());
                assertTrue(c.attackDecisions() >= c.attacksChosen());
            }
        }
    }

    @Test
    void auditsAfterTheGrantDeterToo() {
        Simulation none = run("attack-sybil-clients", "economic", 0.4, 0);
        Simulation audited = run("attack-sybil-clients", "economic", 0.4, 0.3);
        assertTrue(column(audited, "attackers_active") < column(none, "attackers_active"));
        assertTrue(column(audited, "abuse_datacap_share") < column(none, "abuse_datacap_share"));
    }

    @Test
    void scriptedModeMakesNoAttackChoiceAndIgnoresTheDecisionLayer() throws IOException {
        Simulation sim = run("attack-sybil-clients", "scripted", 0.4, 0.1);
        long arrived = 0;
        for (AbuseClient c : AbuseBehaviourTest.abuseLedger(sim).clients()) {
            assertNull(c.lastAttackChoice(), c.label());
            assertEquals(0, c.attackDecisions());
            if (c.attacking()) arrived++;
        }
        assertTrue(arrived > 0);
        assertFalse(column(sim, "attackers_active") > arrived);
        // the logit's sensitivity is read only by the economic layer: scripted runs are byte-identical across it
        String base = AbuseBehaviourTest.abuseSmall(60) + "behaviour:\n  mode: scripted\n  logitLambda: ";
        assertArrayEquals(timeseries(base + "0.5\n", "a.csv"), timeseries(base + "7\n", "b.csv"));
    }

    private byte[] timeseries(String yaml, String file) throws IOException {
        Scenario s = AbuseBehaviourTest.abuseScenario("attack-sybil-clients", yaml);
        Path out = tmp.resolve(file);
        Simulation sim = new Simulation(s, false);
        try (TimeseriesWriter ts = new TimeseriesWriter(out, Probes.TIMESERIES, Probes::refusalsByReason)) {
            sim.addObserver(ts);
            sim.run();
        }
        return Files.readAllBytes(out);
    }
}
