package datacapsim.engine;

import datacapsim.chain.Fil;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** Exact conversions from scenario units (FIL, TiB, PiB as decimals) to chain integers, rounding down. */
public final class Units {
    private Units() {}

    public static BigInteger attoFil(BigDecimal fil) {
        return fil.movePointRight(18).setScale(0, RoundingMode.FLOOR).toBigInteger();
    }

    public static BigInteger bytes(BigDecimal amount, long unitBytes) {
        return amount.multiply(BigDecimal.valueOf(unitBytes)).setScale(0, RoundingMode.FLOOR).toBigInteger();
    }

    public static long bytesLong(BigDecimal amount, long unitBytes) {
        return bytes(amount, unitBytes).longValueExact();
    }

    static { if (Fil.ATTO_PER_FIL.signum() <= 0) throw new IllegalStateException(); }
}
