package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.agents.Provider;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exit (economics.md §3): a provider terminates a group of sectors early only when keeping it to its expiration
 * would lose more than the termination fee. A FIL price that collapses to 0.05 USD makes keeping lose (gas alone
 * costs more than the rewards); a steady 4 USD does not.
 */
class ExitTest {
    private static final List<String> BASE = List.of("horizonDays=150");
    private static final String CRASH = "economy.filPriceSeries=[{day: 0, usd: 4}, {day: 60, usd: 0.05}]";

    static Simulation run(String... extra) {
        return ProviderBooksTest.run("direct.yaml", BASE, extra);
    }

    static long terminated(Simulation s) {
        return s.providers().stream().mapToLong(Provider::terminatedEarly).sum();
    }

    @Test
    void aCollapsingPriceTerminatesEarlyAndASteadyOneDoesNot() {
        Simulation crash = run("economy.filPriceModel=series", CRASH);
        Simulation steady = run("economy.filPriceUsd=4");
        assertTrue(terminated(crash) > 0, "keeping loses more than the fee");
        assertEquals(0, terminated(steady));
        for (Provider p : crash.providers())
            if (p.terminatedEarly() > 0) assertTrue(p.lastExitFeeUsd() < p.lastExitLossUsd());
        assertTrue(crash.chain().power().simulatedQa().compareTo(steady.chain().power().simulatedQa()) < 0);
    }

    @Test
    void scriptedProvidersNeverTerminate() {
        Simulation s = run("economy.filPriceModel=series", CRASH, "behaviour.mode=scripted");
        assertEquals(0, terminated(s));
    }
}
