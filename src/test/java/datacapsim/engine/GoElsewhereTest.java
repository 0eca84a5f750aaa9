package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.agents.Client;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clients refused by their providers (SP pull) wait, and after clients.switchAfterDays turn to another provider that
 * accepts (economics.md §4). With providers that plan to use little of their capacity, switching places more DataCap
 * than waiting does, at common random numbers.
 */
class GoElsewhereTest {
    private static final List<String> TIGHT = List.of("horizonDays=150", "clients.count=120", "providers.count=12",
            "behaviour.fullRoiPerYear=3");

    static Simulation run(String... extra) {
        return ProviderBooksTest.run("direct.yaml", TIGHT, extra);
    }

    static long switched(Simulation s) {
        return ProviderBooksTest.sumClients(s, Client::wentElsewhere);
    }

    @Test
    void refusedClientsTurnToProvidersThatAcceptAndPlaceMore() {
        Simulation switching = run();
        Simulation waiting = run("clients.switchAfterDays=0");
        assertTrue(switched(switching) > 0, "some clients went elsewhere");
        assertEquals(0, switched(waiting));
        assertTrue(OnboardingTest.allocated(switching) > OnboardingTest.allocated(waiting),
                OnboardingTest.allocated(switching) + " > " + OnboardingTest.allocated(waiting));
        for (var a : switching.world().agents())
            if (a instanceof Client c) assertEquals(c.providers().size(), c.providers().stream().distinct().count());
    }
}
