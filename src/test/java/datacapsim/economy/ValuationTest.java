package datacapsim.economy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.economy.Valuation.CashFlow;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValuationTest {
    @Test
    void npvDiscountsEachFlowContinuously() {
        // one sector: pay 1.3 to seal now, earn 10 a year for two years (at the end of each), 25 %/yr discount
        List<CashFlow> flows = List.of(new CashFlow(0, -1.3), new CashFlow(1, 10), new CashFlow(2, 10));
        double byHand = -1.3 + 10 * Math.exp(-0.25) + 10 * Math.exp(-0.5);
        assertEquals(byHand, Valuation.npv(flows, 0.25), 1e-12);
        assertEquals(18.7, Valuation.total(flows), 1e-12);
        assertEquals(18.7, Valuation.npv(flows, 0), 1e-12, "no discount is the plain sum");
    }

    @Test
    void aHigherDiscountRateLowersTheValueOfLaterGains() {
        List<CashFlow> flows = Valuation.level(12, 3, 36);
        assertTrue(Valuation.npv(flows, 0.5) < Valuation.npv(flows, 0.25));
        assertEquals(36, Valuation.total(flows), 1e-9, "a level flow pays its yearly amount each year");
    }

    @Test
    void annualisedRoiCompoundsOverTheYearsHeld() {
        // 58 of pledge, a net of 12.76 over one year: 22 %
        assertEquals(0.22, Valuation.annualisedRoi(12.76, 58, 1), 1e-12);
        // a net of 21 on 100 over two years: 1.21^(1/2) - 1 = 10 %
        assertEquals(0.10, Valuation.annualisedRoi(21, 100, 2), 1e-12);
        assertEquals(-1, Valuation.annualisedRoi(-150, 100, 1), "losing more than the pledge");
        assertThrows(IllegalArgumentException.class, () -> Valuation.annualisedRoi(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Valuation.npv(List.of(), -0.1));
    }
}
