package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.agents.Client;
import datacapsim.agents.DataCapClient;
import datacapsim.agents.Provider;
import datacapsim.chain.Address;
import datacapsim.chain.Claim;
import datacapsim.chain.Policy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Honest clients' wait from application to first claimed byte (economics.md §4), as each client records it. */
class ClientWaitTest {
    static double meanWait(Simulation s) {
        double sum = 0;
        int n = 0;
        for (DataCapClient c : s.world().roles().dataCapClients())
            if (c.honest() && c.firstClaimEpoch() >= 0) {
                assertTrue(c.firstClaimEpoch() >= c.applicationEpoch(), c.label() + " was stored before it applied");
                sum += (c.firstClaimEpoch() - c.applicationEpoch()) / (double) Policy.EPOCHS_IN_DAY;
                n++;
            }
        assertTrue(n > 0, "some honest clients were stored");
        return sum / n;
    }

    @Test
    void longerDueDiligenceMeansALongerWait() {
        Simulation quick = ProviderBooksTest.run("direct.yaml",
                List.of("allocators.dueDiligenceDays={type: constant, value: 2}"));
        Simulation slow = ProviderBooksTest.run("direct.yaml",
                List.of("allocators.dueDiligenceDays={type: constant, value: 20}"));
        double q = meanWait(quick);
        double w = meanWait(slow);
        assertTrue(w > q + 10, w + " > " + q + " + 10 days");
    }

    @Test
    void theFirstClaimIsTheEarliestClaimOfTheClientsAllocations() {
        Simulation s = ProviderBooksTest.run("direct.yaml", List.of());
        Map<Address, Long> earliest = new HashMap<>();
        for (Provider p : s.providers())
            for (Claim c : s.chain().verifreg().claimsOf(p.miner().address()).values())
                earliest.merge(c.client(), c.termStart(), Math::min);
        int checked = 0;
        // clients act before providers in a step and read claims on their next act: a claim in the last step is unseen
        long lastStep = s.horizonEpochs() - s.stepEpochs();
        for (Client c : s.agents(Client.class)) {
            long first = earliest.getOrDefault(c.address(), -1L);
            assertEquals(first >= lastStep ? -1 : first, c.firstClaimEpoch(), c.label());
            if (c.firstClaimEpoch() >= 0) checked++;
        }
        assertTrue(checked > 10, "clients with a claim: " + checked);
    }

    @Test
    void slaClientsAreMeasuredToo() {
        Simulation s = ProviderBooksTest.run("sla-allocator.yaml", List.of());
        meanWait(s);
    }
}
