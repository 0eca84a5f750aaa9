package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.agents.DataCapClient;
import datacapsim.agents.Provider;
import datacapsim.economy.Logit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Onboarding and deal acceptance by expected payoff (economics.md §3): each provider chooses FIL+ deals, committed
 * capacity or nothing by logit over each kind's value, seals by agentFIL's ramp on the chosen kind's ROI, and accepts
 * only the allocations it can seal before they expire (SP pull). Directions at a fixed seed on common random numbers:
 * a higher FIL price or a cheaper pledge onboards more; with SP pull, allocations do not expire unclaimed.
 */
class OnboardingTest {
    private static final List<String> SHORT = List.of("horizonDays=120", "clients.count=120", "providers.count=12");

    static Simulation run(String... extra) {
        return ProviderBooksTest.run("direct.yaml", SHORT, extra);
    }

    static long sealed(Simulation s) {
        return s.providers().stream().mapToLong(Provider::sealed).sum();
    }

    static long choosing(Simulation s, Provider.Kind k) {
        return s.providers().stream().filter(p -> p.kind() == k).count();
    }

    static long allocated(Simulation s) {
        return s.world().roles().dataCapClients().stream().mapToLong(DataCapClient::allocatedBytes).sum();
    }

    @Test
    void aHigherFilPriceOnboardsMore() {
        Simulation low = run("economy.filPriceUsd=0.3");
        Simulation high = run("economy.filPriceUsd=4");
        assertTrue(sealed(high) > sealed(low), sealed(high) + " > " + sealed(low));
        assertTrue(choosing(high, Provider.Kind.NONE) <= choosing(low, Provider.Kind.NONE));
        double lowShare = low.providers().stream().mapToDouble(Provider::onboardingShare).sum();
        double highShare = high.providers().stream().mapToDouble(Provider::onboardingShare).sum();
        assertTrue(highShare > lowShare, "agentFIL's ramp uses more capacity at a higher ROI");
    }

    @Test
    void aCheaperPledgeOnboardsMore() {
        Simulation cheap = run("economy.borrowRatePerYear=0.02");
        Simulation dear = run("economy.borrowRatePerYear=0.9");
        assertTrue(sealed(cheap) > sealed(dear), sealed(cheap) + " > " + sealed(dear));
        assertTrue(choosing(dear, Provider.Kind.NONE) > choosing(cheap, Provider.Kind.NONE));
    }

    @Test
    void eachProviderRecordsItsChoiceWithTheValuesItSaw() {
        Simulation coin = run("behaviour.logitLambda=0");
        for (Provider p : coin.providers()) {
            Logit.Choice c = p.lastOnboarding();
            assertEquals(List.of("fil-plus", "cc", "none"), c.options());
            for (double share : c.shares()) assertEquals(1 / 3.0, share, 1e-12);
            assertEquals(0, c.values()[2], 0, "doing nothing is worth nothing");
            assertTrue(c.values()[0] != c.values()[1], "each kind valued on its own terms");
            assertEquals(p.kind().ordinal(), c.chosen());
        }
    }

    @Test
    void aProviderThatSealsNothingAcceptsNoDeal() {
        Simulation s = run("behaviour.hurdleRoiPerYear=5", "behaviour.fullRoiPerYear=6");
        assertEquals(0, sealed(s), "no ROI reaches the hurdle, so nothing is sealed or accepted");
        assertEquals(0, allocated(s), "and no client allocated");
    }

    @Test
    void scriptedModeKeepsTheFixedRules() {
        Simulation s = run("behaviour.mode=scripted");
        for (Provider p : s.providers()) {
            assertNull(p.lastOnboarding());
            assertEquals(Provider.Kind.FIL_PLUS, p.kind());
            assertEquals(0, p.ccSealed());
        }
    }

    /** economics.md §7: with SP pull, the honest default scenarios let under 2 % of allocated DataCap expire. */
    @Test
    void spPullLetsUnderTwoPercentOfAllocatedDataCapExpire() {
        for (String file : List.of("direct.yaml", "meta-allocator.yaml", "client-contract.yaml", "onramp.yaml",
                "sla-allocator.yaml")) {
            Simulation s = ProviderBooksTest.run(file, List.of("horizonDays=200"));
            double allocated = allocated(s);
            double expired = s.chain().verifreg().expiredReturnedBytes();
            assertTrue(allocated > 0, file + " allocated");
            assertTrue(expired < 0.02 * allocated, file + ": " + expired + " of " + allocated + " expired");
        }
    }
}
