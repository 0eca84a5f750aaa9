package datacapsim.metrics;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProbesFormulaTest {
    @Test
    void oneHolderOfFourIsFullConcentration() {
        // shares 1, 0, 0, 0: HHI = 1; Gini = (2·4 − 4 − 1)·x / (4·x) = 3/4; the top ten hold everything
        assertEquals(List.of("1.000000", "0.750000", "1.000000"), ProbesAccess.concentration(List.of(0L, 0L, 5L, 0L)));
    }

    @Test
    void equalHoldingsAreNotConcentrated() {
        assertEquals(List.of("0.250000", "0.000000", "1.000000"), ProbesAccess.concentration(List.of(7L, 7L, 7L, 7L)));
    }

    @Test
    void handComputedUnequalCase() {
        // holdings 1, 2, 3, 4 (total 10): HHI = (1+4+9+16)/100 = 0.3; Gini = Σ(2i−n−1)x_i/(nΣx) = (−3·1−1·2+1·3+3·4)/40 = 0.25
        assertEquals(List.of("0.300000", "0.250000", "1.000000"), ProbesAccess.concentration(List.of(3L, 1L, 4L, 2L)));
        // twelve providers, two of them tiny: the ten largest hold (100 − 2)/100
        List<Long> twelve = new java.util.ArrayList<>(List.of(1L, 1L));
        for (int i = 0; i < 10; i++) twelve.add(9L);
        twelve.set(2, 8L); // 1 + 1 + 8 + 9×9 = 91; top ten = 8 + 81 = 89
        assertEquals("0.978022", ProbesAccess.concentration(twelve).get(2), "89 / 91");
        assertEquals(List.of("0", "0", "0"), ProbesAccess.concentration(List.of(0L, 0L)), "nothing held");
    }

    @Test
    void nearestRankPercentiles() {
        List<Long> oneToTen = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertEquals(1, ProbesAccess.quantile(oneToTen, 0.1));
        assertEquals(9, ProbesAccess.quantile(oneToTen, 0.9));
        assertEquals(5, ProbesAccess.quantile(oneToTen, 0.5));
        assertEquals(42, ProbesAccess.quantile(List.of(42L), 0.1));
    }
}
