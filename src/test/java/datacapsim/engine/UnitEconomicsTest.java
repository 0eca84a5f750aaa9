package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.agents.Provider;
import datacapsim.agents.ProviderAccount;
import datacapsim.economy.Books;
import datacapsim.economy.CostKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * economics.md §2's 2026 unit economics from the model's own rules at the defaults: a FIL+ sector's reward and
 * pledge per raw TiB, its return before costs, and an honest and a self-dealing provider's annual net per raw TiB at
 * 0.80 USD/FIL, measured from the providers' books over the first 60 days of direct.yaml (constant default cost
 * levels, scripted so the chain is the same at every price). What the spec derives and the model reproduces: the
 * self-dealer's edge over the honest provider is the costs it skips (bizdev, the extra copy, bandwidth above 0.6)
 * and does not depend on the FIL price. The spec's absolute figures (12.8 FIL a year against 58 FIL of pledge; −20
 * and −16 USD) are not reproduced: the reward awaits issue 12's calibration and the spec's cost table sums to more
 * than its own totals (see ASSUMPTIONS.md).
 */
class UnitEconomicsTest {
    private static final List<String> RUN = List.of("horizonDays=60", "behaviour.mode=scripted",
            "providers.costs.power={type: constant, value: 6}", "providers.costs.disks={type: constant, value: 9}",
            "providers.costs.bandwidth={type: constant, value: 6}",
            "providers.costs.staff={type: constant, value: 8}",
            "providers.costs.sealing={type: constant, value: 1.3}", "providers.costs.gas={type: constant, value: 2.2}",
            "providers.costs.extraCopy={type: constant, value: 7}",
            "providers.costs.bizdev={type: constant, value: 8}");

    /** Per raw TiB-year over every provider's books: revenue, each per-year cost, financing; sealing over the life. */
    record PerTib(double revenue, double costs, double financing, double sealing) {
        double net() { return revenue - costs - financing - sealing; }
    }

    static PerTib perTib(Simulation s) {
        double tibYears = 0;
        double revenue = 0;
        double costs = 0;
        double financing = 0;
        for (Provider p : s.providers()) {
            Books b = p.account().books();
            tibYears += p.account().tibYears();
            revenue += b.revenue();
            financing += b.financing();
            for (CostKind k : CostKind.values()) if (!k.oneOff()) costs += b.cost(k);
        }
        double years = s.scenario().providers().sectorDurationDays() / Books.DAYS_IN_YEAR;
        return new PerTib(revenue / tibYears, costs / tibYears, financing / tibYears, 1.3 / years);
    }

    static Simulation run(String price) {
        List<String> all = new ArrayList<>(RUN);
        all.add("economy.filPriceUsd=" + price);
        return ProviderBooksTest.run("direct.yaml", all);
    }

    @Test
    void theModelsFigures() {
        Simulation s = run("0.8");
        PerTib honest = perTib(s);
        double rewardFil = honest.revenue() / 0.8;
        double pledgeFil = honest.financing() / 0.8 / 0.15;
        assertTrue(rewardFil > 8 && rewardFil < 25, "FIL+ reward per raw TiB-year: " + rewardFil + " (spec 12.8)");
        assertTrue(pledgeFil > 30 && pledgeFil < 80, "pledge per raw TiB: " + pledgeFil + " (spec 58)");
        double gross = rewardFil / pledgeFil;
        assertTrue(gross > 0.15 && gross < 0.45, "return before costs: " + gross + " (spec ≈ 0.22)");
        assertEquals(6 + 9 + 6 + 8 + 2.2 + 7 + 8, honest.costs(), 1e-6, "every per-year kind at its level");
        assertTrue(honest.net() < 0, "an honest FIL+ provider loses at 0.80 USD/FIL, full costs counted: " + honest);
    }

    @Test
    void theSelfDealersEdgeIsTheCostsItSkipsWhateverThePrice() {
        Map<CostKind, Double> levels = new EnumMap<>(CostKind.class);
        for (CostKind k : CostKind.values()) levels.put(k, k.defaultUsd());
        ProviderAccount honest = new ProviderAccount(ProviderAccount.Profile.HONEST, levels, true);
        ProviderAccount selfDealer = new ProviderAccount(ProviderAccount.Profile.SELF_DEALING, levels, true);
        double edge = 0;
        for (CostKind k : CostKind.values()) if (!k.oneOff()) edge += honest.level(k) - selfDealer.level(k);
        assertEquals(8 + 7 + (6 - CostKind.NO_RETRIEVAL_BANDWIDTH), edge, 1e-12);
        PerTib low = perTib(run("0.8"));
        PerTib high = perTib(run("4"));
        assertEquals(low.costs(), high.costs(), 1e-9, "the costs it skips are in USD: the edge does not move");
        assertEquals(low.revenue() * 5, high.revenue(), 1e-6 * high.revenue(), "while revenue scales with the price");
    }
}
