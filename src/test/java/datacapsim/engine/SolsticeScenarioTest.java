package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import datacapsim.agents.Provider;
import datacapsim.chain.Chain;
import datacapsim.chain.Policy;
import datacapsim.chain.Sector;
import datacapsim.chain.SolsticeConfig;
import datacapsim.metrics.Column;
import datacapsim.metrics.Probes;
import datacapsim.metrics.Sample;
import datacapsim.scenario.Overrides;
import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioException;
import datacapsim.scenario.ScenarioLoader;
import datacapsim.scenario.Setting;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * scenarios/solstice.yaml: the FIP-0118 upgrade crossed within a run. DataCap minting stops on the upgrade day while
 * QA power keeps growing (every new sector 10x); the chain's and the contracts' identities hold on every day across
 * the upgrade; agents meet each deprecated method's refusal about once, not every step.
 */
class SolsticeScenarioTest {
    static final Path FILE = Path.of("scenarios/solstice.yaml");

    static Scenario scenario(String... settings) {
        ScenarioLoader.Loaded l = ScenarioLoader.load(FILE);
        List<Setting> s = new ArrayList<>();
        for (String a : settings) s.add(Setting.parse(a));
        return Overrides.apply(l, s).scenario();
    }

    static long column(Simulation sim, String name) {
        for (Column c : Probes.TIMESERIES)
            if (c.name().equals(name))
                return new BigInteger(String.valueOf(c.probe().apply(Sample.of(sim)))).longValueExact();
        throw new AssertionError("no column " + name);
    }

    /**
     * The contract designs under regime solstice cross the upgrade: the contracts and their agents meet the refusals
     * without crashing, every identity holds each day, and the refused calls stay bounded (not one per agent a step).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"meta-allocator.yaml", "client-contract.yaml", "onramp.yaml", "sla-allocator.yaml"})
    void theContractDesignsCrossTheUpgrade(String file) {
        ScenarioLoader.Loaded l = ScenarioLoader.load(Path.of("scenarios", file));
        Scenario s = Overrides.apply(l, List.of(Setting.parse("regime=solstice"),
                Setting.parse("solstice.upgradeDay=20"), Setting.parse("horizonDays=45"),
                Setting.parse("clients.count=60"))).scenario();
        Simulation sim = new Simulation(s, true);
        long[] refusedAt = new long[2];
        sim.addObserver((day, x) -> {
            List<String> v = Invariants.violations(x);
            if (!v.isEmpty()) fail(file + " day " + day + ": " + String.join("; ", v));
            if (day == 25) refusedAt[0] = column(x, "calls_refused");
            if (day == 45) refusedAt[1] = column(x, "calls_refused");
        });
        sim.run();
        assertTrue(sim.chain().upgraded());
        assertTrue(refusedAt[1] - refusedAt[0] <= s.clients().count(), file + ": refusals from day 25 to 45 "
                + (refusedAt[1] - refusedAt[0]) + " " + sim.chain().stats().all());
    }

    @Test
    void theEngineBuildsTheUpgradeFromTheScenario() {
        Scenario s = scenario();
        SolsticeConfig c = Simulation.chainConfig(s).solstice();
        assertEquals(180L * 2_880, c.upgradeEpoch());
        assertEquals(3_500L, c.filecoinPayUsdPerQuarter().get(0));
        assertEquals(3_500L, c.filecoinPayUsdPerQuarter().get(1));
        Scenario direct = ScenarioLoader.load(Path.of("scenarios/direct.yaml")).scenario();
        assertEquals(SolsticeConfig.NEVER, Simulation.chainConfig(direct).solstice());
    }

    @Test
    void solsticeFieldsUnderAnotherRegimeAreAnErrorNamingBoth() {
        ScenarioLoader.Loaded direct = ScenarioLoader.load(Path.of("scenarios/direct.yaml"));
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> Overrides.apply(direct, List.of(Setting.parse("solstice.upgradeDay=100"))));
        assertTrue(e.getMessage().contains("solstice.upgradeDay") && e.getMessage().contains("'regime'")
                && e.getMessage().contains("100"), e.getMessage());
        ScenarioException order = assertThrows(ScenarioException.class, () -> scenario(
                "solstice.filecoinPaySeries=[{quarter: 1, usd: 1}, {quarter: 1, usd: 2}]"));
        assertTrue(order.getMessage().contains("solstice.filecoinPaySeries[1].quarter"), order.getMessage());
        ScenarioException first = assertThrows(ScenarioException.class, () -> scenario(
                "solstice.filecoinPaySeries=[{quarter: 2, usd: 1}]"));
        assertTrue(first.getMessage().contains("solstice.filecoinPaySeries[0].quarter"), first.getMessage());
        ScenarioException range = assertThrows(ScenarioException.class, () -> scenario("solstice.upgradeDay=-1"));
        assertTrue(range.getMessage().contains("solstice.upgradeDay"), range.getMessage());
    }

    /** Legacy sectors (activated before the upgrade) an economic run moved to 10x, and the 3-option renewal choices. */
    static long[] tenTimesRenewals(String borrowRate) {
        Scenario s = scenario("horizonDays=215", "solstice.upgradeDay=20", "providers.sectorDurationDays=180",
                "clients.count=200", "providers.count=20", "economy.borrowRatePerYear=" + borrowRate);
        Simulation sim = new Simulation(s, true);
        sim.run();
        long upgrade = 20L * Policy.EPOCHS_IN_DAY;
        long moved = 0;
        long threeWay = 0;
        for (Provider p : sim.providers()) {
            for (Sector sec : p.miner().sectors().values())
                if (sec.activation() < upgrade && sec.fullQa()) moved++;
            if (p.lastRenewal() != null && p.lastRenewal().options().contains("extend-10x")) {
                threeWay++;
                assertEquals(3, p.lastRenewal().values().length, "the choice records the value of each option");
            }
        }
        return new long[] {moved, threeWay};
    }

    /**
     * After the upgrade an economic provider's renewal is a choice among extending as is, extending at 10x
     * (ExtendSectorExpiration3, its larger pledge financed at the borrowing rate) and letting expire: legacy sectors
     * move to 10x when it pays, and fewer of them when the pledge is dear to finance.
     */
    @Test
    void renewalAfterTheUpgradeChoosesTenTimesByPayoff() {
        long[] cheap = tenTimesRenewals("0.05");
        long[] dear = tenTimesRenewals("0.25");
        assertTrue(cheap[1] > 0, "providers renewing after the upgrade choose among three options");
        assertTrue(cheap[0] > 0, "cheap financing: legacy sectors moved to 10x");
        assertTrue(dear[1] > 0, "dear financing: providers still decide (the comparison is not between empty runs)");
        assertTrue(dear[0] < cheap[0],
                "dear financing moves fewer legacy sectors to 10x: " + dear[0] + " vs " + cheap[0]);
    }

    @Test
    void mintingStopsAtTheUpgradeWhileQaPowerKeepsGrowingAndEveryIdentityHolds() {
        Scenario s = scenario("horizonDays=230", "clients.count=300", "providers.count=30");
        Simulation sim = new Simulation(s, true);
        Map<Long, long[]> rows = new TreeMap<>();
        sim.addObserver((day, x) -> {
            List<String> v = Invariants.violations(x);
            if (!v.isEmpty()) fail("day " + day + ": " + String.join("; ", v));
            rows.put(day, new long[] {column(x, "datacap_minted_bytes"), column(x, "qa_power_bytes"),
                    column(x, "regime_upgraded"), x.chain().rewardBurned().signum()});
        });
        sim.run();
        long[] before = rows.get(179L);
        long[] at = rows.get(180L);
        long[] end = rows.get(230L);
        assertTrue(rows.get(170L)[0] < before[0], "minting before the upgrade");
        assertEquals(0, before[2]);
        assertEquals(1, at[2]);
        assertEquals(0, before[3], "nothing burned before the upgrade");
        assertEquals(1, end[3], "the burned stream after the upgrade");
        assertEquals(at[0], end[0], "no DataCap minted after the upgrade");
        assertTrue(end[1] > at[1], "QA power still grows after the upgrade: " + at[1] + " -> " + end[1]);
        // refusals after the upgrade: each client, the root key and the allocators meet them about once
        Chain c = sim.chain();
        long deprecated = 0;
        for (var m : c.stats().all().values()) deprecated += m.getOrDefault("verifreg.datacap_deprecated", 0L);
        assertTrue(deprecated <= 3L * s.clients().count() + 10, "refused DataCap calls " + deprecated + " for "
                + s.clients().count() + " clients: retried, not met once");
    }
}
