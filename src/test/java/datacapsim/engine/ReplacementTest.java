package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.agents.Client;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replicas lost while a client must keep its data are placed again (economics.md §4): when the FIL price falls
 * to 0.1 USD before 180-day sectors reach their renewal choice, providers let them expire; clients whose retention
 * horizon has not ended apply for the DataCap of the lost bytes, to allocate them again where a provider accepts.
 */
class ReplacementTest {
    private static final List<String> FALL = List.of("horizonDays=240", "providers.sectorDurationDays=180",
            "clients.termMinDays=180", "clients.termMaxDays=540", "economy.filPriceModel=series",
            "economy.filPriceSeries=[{day: 0, usd: 4}, {day: 140, usd: 0.1}]");

    @Test
    void clientsPlaceAgainWhatTheirProvidersLetGo() {
        Simulation keep = ProviderBooksTest.run("direct.yaml", FALL);
        Simulation none = ProviderBooksTest.run("direct.yaml", FALL,
                "clients.retentionDays={type: constant, value: 0}");
        long replaced = ProviderBooksTest.sumClients(keep, Client::replacedBytes);
        assertTrue(replaced > 0, "lost replicas placed again");
        assertEquals(0, ProviderBooksTest.sumClients(none, Client::replacedBytes), "without a horizon nothing is kept");
        assertTrue(keep.chain().datacap().minted() > none.chain().datacap().minted(),
                "their allocators grant the DataCap to place them again (providers accept them only where it pays)");
    }
}
