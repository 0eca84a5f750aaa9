package datacapsim.chain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** FIL amounts are exact integers of attoFIL (10^-18 FIL) held in {@link BigInteger}; never floating point. */
public final class Fil {
    private Fil() {}

    public static final BigInteger ATTO_PER_FIL = BigInteger.TEN.pow(18);
    public static final BigInteger ZERO = BigInteger.ZERO;

    public static BigInteger fil(long whole) { return BigInteger.valueOf(whole).multiply(ATTO_PER_FIL); }

    public static BigInteger atto(long atto) { return BigInteger.valueOf(atto); }

    /** Parses a decimal FIL amount ("12.5") to attoFIL; more than 18 decimals is an error, never rounded. */
    public static BigInteger parseFil(String text) {
        BigDecimal d = new BigDecimal(text.trim()).movePointRight(18);
        return d.setScale(0, RoundingMode.UNNECESSARY).toBigIntegerExact();
    }

    /** attoFIL as a FIL decimal string with all 18 places kept, trailing zeros stripped. */
    public static String toFilString(BigInteger atto) {
        BigDecimal d = new BigDecimal(atto).movePointLeft(18).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    /** floor(a x num / den), exact. */
    public static BigInteger mulDiv(BigInteger a, long num, long den) {
        return a.multiply(BigInteger.valueOf(num)).divide(BigInteger.valueOf(den));
    }

    /** floor(a x num / den), exact. */
    public static BigInteger mulDiv(BigInteger a, BigInteger num, BigInteger den) {
        return a.multiply(num).divide(den);
    }

    public static BigInteger min(BigInteger a, BigInteger b) { return a.compareTo(b) <= 0 ? a : b; }

    public static BigInteger max(BigInteger a, BigInteger b) { return a.compareTo(b) >= 0 ? a : b; }

    public static boolean isNegative(BigInteger a) { return a.signum() < 0; }
}
