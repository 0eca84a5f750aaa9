package datacapsim.engine;

import static datacapsim.engine.SlaRuns.days;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.agents.sla.ProviderQuality;
import datacapsim.agents.sla.SlaProvider;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * Cheating by choice in the sla-allocator design (economics.md §3, §7): comparative statics at a fixed seed on common
 * random numbers on attack-cheating-providers.yaml, shortened. A higher detection chance (the cheat's success 0.9 →
 * 0.3) or a sanction (30 days of zero-quality retrievability after a caught measurement) lowers the time-mean number of
 * providers cheating and the cheating-strategy providers' share of the rewards their Beneficiaries paid; in scripted
 * mode exactly the cheating-strategy providers cheat, whatever the sanction.
 */
class CheatingTest {
    /** Faster than the bundled scenario: fewer clients, a year, every able provider revising monthly. */
    static final String SHORT = """
            clients:
              count: 60
            providers:
              behaviour:
                serviceRevisionShare: 0.5
            """ + days(365);
    static final String DETECTED = """
            providers:
              behaviour:
                cheatSuccessProbability: 0.3
            """;
    static final String SANCTIONED = """
            providers:
              behaviour:
                cheatSanctionDays: 30
            """;

    /** A run with the mean of providers_cheating over its days and the cheaters' share of the Beneficiary payouts. */
    record Outcome(Simulation sim, double meanCheating, double cheatersPayoutShare) {}

    static Outcome run(String... overrides) {
        String[] all = new String[overrides.length + 1];
        all[0] = SHORT;
        System.arraycopy(overrides, 0, all, 1, overrides.length);
        Simulation sim = new Simulation(SlaRuns.load("attack-cheating-providers", all), false);
        double[] sum = new double[2];
        sim.addObserver((day, x) -> {
            sum[0] += x.agents(SlaProvider.class).stream().filter(SlaProvider::cheating).count();
            sum[1]++;
        });
        sim.run();
        BigInteger cheaters = BigInteger.ZERO;
        BigInteger paid = BigInteger.ZERO;
        for (SlaProvider p : sim.agents(SlaProvider.class)) {
            paid = paid.add(p.withdrawnFromBeneficiary());
            if (p.strategy() == ProviderQuality.Strategy.CHEATING)
                cheaters = cheaters.add(p.withdrawnFromBeneficiary());
        }
        double share = paid.signum() == 0 ? 0 : cheaters.doubleValue() / paid.doubleValue();
        return new Outcome(sim, sum[0] / sum[1], share);
    }

    @Test
    void detectionAndSanctionDeterCheating() {
        Outcome base = run();
        Outcome detected = run(DETECTED);
        Outcome sanctioned = run(SANCTIONED);
        System.out.printf("mean providers cheating: base %.3f, success 0.3 %.3f, sanction 30 days %.3f; "
                + "cheaters' share of payouts: %.4f, %.4f, %.4f%n", base.meanCheating(), detected.meanCheating(),
                sanctioned.meanCheating(), base.cheatersPayoutShare(), detected.cheatersPayoutShare(),
                sanctioned.cheatersPayoutShare());
        assertTrue(detected.meanCheating() < base.meanCheating(),
                detected.meanCheating() + " < " + base.meanCheating());
        assertTrue(sanctioned.meanCheating() < base.meanCheating(),
                sanctioned.meanCheating() + " < " + base.meanCheating());
        assertTrue(detected.cheatersPayoutShare() < base.cheatersPayoutShare());
        assertTrue(sanctioned.cheatersPayoutShare() < base.cheatersPayoutShare());
        for (SlaProvider p : base.sim().agents(SlaProvider.class)) {
            boolean able = p.strategy() == ProviderQuality.Strategy.CHEATING;
            assertEquals(able, p.lastCheating() != null, p.label());
            if (!able) assertTrue(!p.cheating(), p.label() + " cannot cheat");
        }
    }

    @Test
    void scriptedCheatersAreTheCheatingStrategy() {
        String scripted = "behaviour:\n  mode: scripted\n";
        Outcome plain = run(scripted);
        for (SlaProvider p : plain.sim().agents(SlaProvider.class)) {
            assertEquals(p.strategy() == ProviderQuality.Strategy.CHEATING, p.cheating(), p.label());
            assertNull(p.lastCheating(), p.label());
        }
        long cheaters = plain.sim().agents(SlaProvider.class).stream()
                .filter(p -> p.strategy() == ProviderQuality.Strategy.CHEATING).count();
        assertEquals(cheaters, plain.meanCheating(), 1e-12);
        assertEquals(plain.cheatersPayoutShare(), run(scripted, DETECTED.replace("0.3", "0.9")).cheatersPayoutShare());
    }
}
