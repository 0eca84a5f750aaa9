package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.chain.Chain;
import datacapsim.chain.VerifiedRegistryV1;
import datacapsim.chain.Regime;
import datacapsim.scenario.Overrides;
import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The regimes v1, v1-topup and fip45-market run end to end in the direct design (a small variant of direct.yaml, 120
 * days), with every invariant checked after every step, and show each regime's signature: under v1 and v1-topup,
 * verified deals published and activated, QA power above raw power from the deal weight, no DataCap token minted,
 * and more verified client addresses under v1 (no top-up: a client needing more comes back under a new address)
 * than under v1-topup for the same demand; under fip45-market, deals published whose allocations were claimed and
 * DataCap minted. Comparative, not exact draws.
 */
class RegimeRunsTest {
    static Scenario small(String regime) {
        Scenario base = SimulationTest.small();
        Scenario partial = Overrides.partial("regime: " + regime + "\n", "test");
        return Overrides.override(new ScenarioLoader.Loaded(base, Map.of(), List.of()), partial, Map.of()).scenario();
    }

    /** Runs the small scenario under {@code regime}, asserting no invariant is violated on any day. */
    static Chain run(String regime) {
        Simulation sim = new Simulation(small(regime), true);
        sim.addObserver((day, s) -> assertEquals(List.of(), Invariants.violations(s), regime + " day " + day));
        sim.run();
        return sim.chain();
    }

    @Test
    void v1AndV1TopupPublishAndActivateVerifiedDealsWithoutAToken() {
        Chain v1 = run("v1");
        Chain topup = run("v1-topup");
        for (Chain c : List.of(v1, topup)) {
            String r = c.regime().scenarioName();
            assertTrue(c.market().publishedDeals() > 0, r + ": deals published");
            assertTrue(c.market().activatedDeals() > 0, r + ": deals activated");
            assertTrue(c.market().activatedVerifiedBytes() > 0, r + ": verified deal bytes activated");
            assertTrue(c.power().simulatedQa().compareTo(c.power().simulatedRaw()) > 0, r + ": QA power > raw power");
            assertEquals(0, c.datacap().minted(), r + ": no DataCap token minted");
            assertEquals(0, c.verifreg().claimedBytes(), r + ": the FIP-0045 registry is idle");
            assertTrue(c.verifregV1().granted() > 0, r + ": verified clients granted");
            assertTrue(c.stats().succeeded(VerifiedRegistryV1.ADD_VERIFIED_CLIENT) > 0, r + ": grants called");
            assertTrue(new AllocationDesign.Direct().isRequest(VerifiedRegistryV1.ADD_VERIFIED_CLIENT),
                    r + ": the original registry's AddVerifiedClient counts as a DataCap request (requests_granted)");
        }
        assertEquals(Regime.V1, v1.regime());
        assertEquals(Regime.V1_TOPUP, topup.regime());
        assertTrue(v1.verifregV1().everVerifiedClients() > topup.verifregV1().everVerifiedClients(),
                "v1 uses more client addresses (" + v1.verifregV1().everVerifiedClients() + ") than v1-topup ("
                        + topup.verifregV1().everVerifiedClients() + ")");
    }

    @Test
    void fip45MarketClaimsTheAllocationsItsDealsMade() {
        Chain c = run("fip45-market");
        assertEquals(Regime.FIP45_MARKET, c.regime());
        assertTrue(c.market().publishedDeals() > 0, "deals published");
        assertTrue(c.market().activatedDeals() > 0, "deals activated");
        assertTrue(c.verifreg().claimedBytes() > 0, "their allocations claimed");
        assertTrue(c.datacap().minted() > 0, "DataCap minted");
        assertTrue(c.power().simulatedQa().compareTo(c.power().simulatedRaw()) > 0, "QA power > raw power");
    }

    @Test
    void aContractDesignUnderFip45MarketKeepsTheDdoPath() {
        Scenario base = ScenarioLoader.load(Path.of("scenarios/client-contract.yaml")).scenario();
        Scenario partial = Overrides.partial("regime: fip45-market\nhorizonDays: 60\nclients:\n  count: 60\n"
                + "providers:\n  count: 8\n", "test");
        Scenario s = Overrides.override(new ScenarioLoader.Loaded(base, Map.of(), List.of()), partial, Map.of())
                .scenario();
        Simulation sim = new Simulation(s, true);
        sim.addObserver((day, x) -> assertEquals(List.of(), Invariants.violations(x), "day " + day));
        sim.run();
        Chain c = sim.chain();
        assertEquals(Regime.FIP45_MARKET, c.regime());
        assertEquals(0, c.market().publishedDeals(), "the contract's clients allocate directly");
        assertTrue(c.verifreg().claimedBytes() > 0, "and their allocations are claimed");
    }
}
