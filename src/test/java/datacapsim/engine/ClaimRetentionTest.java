package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.agents.Client;
import datacapsim.agents.Provider;
import datacapsim.chain.Claim;
import datacapsim.chain.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clients keep their data for a retention horizon (economics.md §4): until it ends they extend their claims'
 * term_max (free), so a provider renewing a sector keeps the claims, and the QA power, that would otherwise drop.
 * Claims and sectors last 180 days here so renewals fall inside the run.
 */
class ClaimRetentionTest {
    private static final List<String> SHORT = List.of("horizonDays=230", "providers.sectorDurationDays=180",
            "clients.termMinDays=180", "clients.termMaxDays=180", "economy.filPriceUsd=4");

    static Simulation run(String... extra) {
        return ProviderBooksTest.run("direct.yaml", SHORT, extra);
    }

    static long extendedByClients(Simulation s) {
        return ProviderBooksTest.sumClients(s, Client::claimsExtended);
    }

    @Test
    void clientsThatMustKeepTheirDataExtendTheirClaimsAndRenewalsKeepThePower() {
        Simulation keep = run();
        Simulation none = run("clients.retentionDays={type: constant, value: 0}");
        assertTrue(extendedByClients(keep) > 0, "claims extended");
        assertEquals(extendedByClients(keep), keep.chain().verifreg().claimsExtended(), "every extension is counted");
        assertEquals(0, extendedByClients(none));
        assertTrue(keep.chain().power().simulatedQa().compareTo(none.chain().power().simulatedQa()) > 0,
                "renewed sectors keep their verified QA power only where the claims were extended");
        for (Provider p : keep.providers())
            for (Claim c : keep.chain().verifreg().claimsOf(p.miner().address()).values())
                assertTrue(c.termMax() <= Policy.MAXIMUM_VERIFIED_ALLOCATION_TERM, "within the 5-year limit");
    }

    @Test
    void scriptedClientsExtendNothing() {
        Simulation s = run("behaviour.mode=scripted");
        assertEquals(0, extendedByClients(s));
    }
}
