package datacapsim.report;

import java.math.BigDecimal;

/** Display scales and number formats for report values (PiB, FIL, counts); chain-unit conversions live in engine.Units. */
final class DisplayUnits {
    private DisplayUnits() {}

    static final BigDecimal ONE = BigDecimal.ONE;
    static final BigDecimal PIB = new BigDecimal(1L << 50);
    static final BigDecimal FIL = BigDecimal.TEN.pow(18);

    static String fmt(double v) {
        if (Double.isNaN(v)) return "–";
        double a = Math.abs(v);
        if (a >= 1000) return String.format(java.util.Locale.ROOT, "%,.0f", v);
        if (a >= 10) return String.format(java.util.Locale.ROOT, "%,.1f", v);
        if (a >= 0.01 || a == 0) return String.format(java.util.Locale.ROOT, "%,.2f", v);
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }

    static double scaled(String exact, BigDecimal scale) {
        if (exact == null || exact.isEmpty()) return Double.NaN;
        return new BigDecimal(exact).divide(scale, java.math.MathContext.DECIMAL64).doubleValue();
    }
}
