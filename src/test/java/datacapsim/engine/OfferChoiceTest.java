package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.agents.Agent;
import datacapsim.agents.Client;
import datacapsim.economy.Logit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Honest clients choose among providers' offers by logit (economics.md §4): an offer is worth what the client expects
 * to lose of its data's storage value to the provider's record of unsealed allocations and to the wait before its
 * piece is sealed. Recorded with the values seen; near best response at a large λ; absent in scripted mode.
 */
class OfferChoiceTest {
    private static final List<String> SHORT = List.of("horizonDays=90", "clients.count=80", "providers.count=10");

    static int clientsThatChose(Simulation s, boolean argmax) {
        int n = 0;
        for (Agent a : s.world().agents()) {
            if (!(a instanceof Client c) || c.lastOffer() == null) continue;
            Logit.Choice o = c.lastOffer();
            double sum = 0;
            for (double share : o.shares()) sum += share;
            assertEquals(1, sum, 1e-9);
            for (double value : o.values()) assertTrue(value <= 0, "an offer can only lose storage value");
            if (argmax) {
                double best = Double.NEGATIVE_INFINITY;
                for (double value : o.values()) best = Math.max(best, value);
                assertEquals(best, o.chosenValue(), 0.01, "a large λ (1,000) picks the best offer or one within 0.01");
            }
            n++;
        }
        return n;
    }

    @Test
    void clientsRecordTheirChoiceAmongOffers() {
        assertTrue(clientsThatChose(ProviderBooksTest.run("direct.yaml", SHORT), false) > 0);
    }

    @Test
    void aLargeLambdaPicksTheBestOffer() {
        Simulation s = ProviderBooksTest.run("direct.yaml", SHORT, "behaviour.logitLambda=1000");
        assertTrue(clientsThatChose(s, true) > 0);
    }

    @Test
    void scriptedClientsSpreadByTheFixedRule() {
        Simulation s = ProviderBooksTest.run("direct.yaml", SHORT, "behaviour.mode=scripted");
        for (Agent a : s.world().agents()) if (a instanceof Client c) assertNull(c.lastOffer());
    }
}
