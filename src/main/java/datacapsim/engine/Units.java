package datacapsim.engine;

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

    /** A drawn dataset size in TiB as whole bytes, rounded up, never negative, capped far below overflow. */
    public static long datasetBytes(double tib) {
        return (long) Math.min(Long.MAX_VALUE / 1024.0, Math.ceil(Math.max(0, tib) * datacapsim.chain.Policy.TiB));
    }
}
