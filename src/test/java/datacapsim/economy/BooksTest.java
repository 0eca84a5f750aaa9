package datacapsim.economy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

class BooksTest {
    @Test
    void profitIsRevenueLessBurnsCostsAndFinancing() {
        Books b = new Books();
        b.earn(Books.Revenue.REWARDS, 10.24);
        b.earn(Books.Revenue.DEAL_PAYMENTS, 2);
        b.pay(CostKind.POWER, 6);
        b.pay(CostKind.SEALING, 1.3);
        b.burn(0.5);
        b.finance(6.96);
        assertEquals(12.24, b.revenue(), 1e-12);
        assertEquals(7.3, b.costs(), 1e-12);
        assertEquals(12.24 - 0.5 - 7.3 - 6.96, b.profit(), 1e-12);
        assertEquals(6, b.cost(CostKind.POWER));
        assertEquals(0, b.cost(CostKind.STAFF));
        assertTrue(b.balanced());
    }

    @Test
    void booksAddUpAfterManyEntries() {
        Books b = new Books();
        MersenneTwister rng = new MersenneTwister(2);
        for (int day = 0; day < 3650; day++) {
            b.earn(Books.Revenue.values()[rng.nextInt(2)], rng.nextDouble() * 100);
            b.pay(CostKind.values()[rng.nextInt(CostKind.values().length)], rng.nextDouble() * 50);
            b.finance(rng.nextDouble());
            b.burn(rng.nextDouble() * 0.1);
            assertTrue(b.balanced(), "day " + day);
        }
    }

    @Test
    void negativeOrNonFiniteEntriesAreRefused() {
        Books b = new Books();
        assertThrows(IllegalArgumentException.class, () -> b.pay(CostKind.GAS, -1));
        assertThrows(IllegalArgumentException.class, () -> b.earn(Books.Revenue.REWARDS, Double.NaN));
        assertEquals(0, b.profit());
    }

    @Test
    void costKindsCarryTheSpecsDefaultsAndRanges() {
        double perYear = 0;
        for (CostKind k : CostKind.values()) {
            assertTrue(k.min() <= k.defaultUsd() && k.defaultUsd() <= k.max(), k + " default inside its range");
            if (!k.oneOff()) perYear += k.defaultUsd();
        }
        assertEquals(6 + 9 + 6 + 8 + 2.2 + 7 + 8, perYear, 1e-9);
        assertEquals("sp_cost_extra_copy_usd", CostKind.EXTRA_COPY.column());
        assertTrue(CostKind.SEALING.marginal() && !CostKind.DISKS.marginal() && !CostKind.STAFF.marginal());
    }
}
