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

    /**
     * attoFIL as FIL in a double, correctly rounded (to nearest, ties to even): bit for bit
     * {@code new BigDecimal(atto, 18).doubleValue()}, without that method's decimal string. Up to 2^53 attoFIL the
     * IEEE division of two exact doubles rounds correctly by itself (10^18 = 2^18·5^18 is exact); above, one integer
     * division takes the quotient to 55 or 56 bits with a sticky bit for the remainder, rounded once to 53 bits.
     */
    public static double toFilDouble(BigInteger atto) {
        int sign = atto.signum();
        if (sign == 0) return 0.0;
        BigInteger n = atto.abs();
        int bits = n.bitLength();
        double v;
        if (bits <= 53) {
            v = n.longValue() / 1e18;
        } else if (bits > 115) { // beyond 4·10^16 FIL: never an amount on chain, the plain way
            return new BigDecimal(atto, 18).doubleValue();
        } else {
            int shift = 115 - bits; // n·2^shift in [2^114, 2^115), 10^18 in (2^59, 2^60): q in (2^54, 2^56)
            BigInteger[] qr = n.shiftLeft(shift).divideAndRemainder(ATTO_PER_FIL);
            long q = qr[0].longValueExact();
            boolean sticky = qr[1].signum() != 0;
            int extra = 64 - Long.numberOfLeadingZeros(q) - 53; // 2 or 3 bits below the 53 kept
            long mant = q >>> extra;
            long rest = q & ((1L << extra) - 1);
            long half = 1L << (extra - 1);
            if (rest > half || rest == half && (sticky || (mant & 1) == 1)) mant++;
            v = Math.scalb((double) mant, extra - shift);
        }
        return sign < 0 ? -v : v;
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
