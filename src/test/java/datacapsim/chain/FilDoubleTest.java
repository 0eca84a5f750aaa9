package datacapsim.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Fil#toFilDouble} is bit for bit the correctly rounded {@code new BigDecimal(atto, 18).doubleValue()}: on
 * random amounts of every size, and on the amounts just around (and exactly at) the midpoints between two doubles,
 * where a rounding slip would show.
 */
class FilDoubleTest {
    private static double reference(BigInteger atto) { return new BigDecimal(atto, 18).doubleValue(); }

    private static void same(BigInteger atto) {
        assertEquals(Double.doubleToRawLongBits(reference(atto)), Double.doubleToRawLongBits(Fil.toFilDouble(atto)),
                () -> "atto " + atto + ": " + reference(atto) + " vs " + Fil.toFilDouble(atto));
        BigInteger neg = atto.negate();
        assertEquals(Double.doubleToRawLongBits(reference(neg)), Double.doubleToRawLongBits(Fil.toFilDouble(neg)),
                () -> "atto " + neg);
    }

    @Test
    void randomAmountsOfEverySize() {
        Random rnd = new Random(20261204);
        for (int bits = 1; bits <= 130; bits++)
            for (int i = 0; i < 3000; i++) same(new BigInteger(bits, rnd));
        same(BigInteger.ZERO);
        same(BigInteger.ONE.shiftLeft(53));
        same(BigInteger.ONE.shiftLeft(53).add(BigInteger.ONE));
        same(BigInteger.ONE.shiftLeft(115).subtract(BigInteger.ONE));
        same(BigInteger.ONE.shiftLeft(115));
    }

    @Test
    void amountsAroundTheMidpointsBetweenTwoDoubles() {
        Random rnd = new Random(7);
        BigDecimal atto = BigDecimal.TEN.pow(18);
        for (int i = 0; i < 200_000; i++) {
            double y = Math.scalb(1 + rnd.nextDouble(), rnd.nextInt(90) - 45); // 3e-14 .. 7e13 FIL
            BigDecimal mid = new BigDecimal(y).add(new BigDecimal(Math.nextUp(y))).divide(BigDecimal.valueOf(2));
            BigDecimal m = mid.multiply(atto);
            BigInteger floor = m.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
            for (int d = -2; d <= 3; d++) same(floor.add(BigInteger.valueOf(d)));
        }
    }

    @Test
    void exactTiesRoundToEven() {
        // from 2^36 FIL on, a midpoint between two doubles is a whole number of attoFIL: an exact tie
        Random rnd = new Random(11);
        BigDecimal atto = BigDecimal.TEN.pow(18);
        int ties = 0;
        for (int i = 0; i < 50_000; i++) {
            double y = Math.scalb(1 + rnd.nextDouble(), 36 + rnd.nextInt(20));
            BigDecimal m = new BigDecimal(y).add(new BigDecimal(Math.nextUp(y))).divide(BigDecimal.valueOf(2))
                    .multiply(atto);
            if (m.stripTrailingZeros().scale() > 0) continue;
            ties++;
            same(m.toBigIntegerExact());
        }
        assertEquals(50_000, ties, "every midpoint up there is whole");
    }
}
