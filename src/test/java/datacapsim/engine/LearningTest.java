package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.agents.Provider;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The optional learning layer (behaviour.learning ewa): onboarding choices weigh experience-weighted attractions.
 * After the FIL price falls from 4 to 0.3 USD on day 50, the projection of FIL+ falls at once, while the attraction
 * remembers the good days: most learners value FIL+ above what the projection says (a provider whose own realised
 * payoffs were poor may not), and more of them still seal it.
 */
class LearningTest {
    private static final List<String> CRASH = List.of("horizonDays=125", "behaviour.revisionShare=1",
            "economy.filPriceModel=series", "economy.filPriceSeries=[{day: 0, usd: 4}, {day: 50, usd: 0.3}]");

    static Simulation run(String... extra) {
        return ProviderBooksTest.run("direct.yaml", CRASH, extra);
    }

    @Test
    void attractionsRememberWhatTheProjectionForgets() {
        Simulation projected = run();
        Simulation learnt = run("behaviour.learning=ewa");
        int n = projected.providers().size();
        int higher = 0;
        for (int i = 0; i < n; i++) {
            double p = projected.providers().get(i).lastOnboarding().values()[0];
            double l = learnt.providers().get(i).lastOnboarding().values()[0];
            if (l > p) higher++;
        }
        assertTrue(higher > n / 2, higher + " of " + n + " learners value FIL+ above the projection after the fall");
        long sealingProjected = projected.providers().stream().filter(p -> p.kind() == Provider.Kind.FIL_PLUS).count();
        long sealingLearnt = learnt.providers().stream().filter(p -> p.kind() == Provider.Kind.FIL_PLUS).count();
        assertTrue(sealingLearnt > sealingProjected, sealingLearnt + " > " + sealingProjected);
    }

    @Test
    void withoutLearningTheValuesAreTheProjection() {
        Simulation a = run();
        Simulation b = run("behaviour.ewaDelta=0.1"); // read only under learning ewa
        for (int i = 0; i < a.providers().size(); i++)
            assertEquals(a.providers().get(i).lastOnboarding().values()[0],
                    b.providers().get(i).lastOnboarding().values()[0], 0);
    }
}
