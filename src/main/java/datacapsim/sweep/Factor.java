package datacapsim.sweep;

import datacapsim.scenario.Dist;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * One swept parameter, named by its scenario path (as {@code --set} takes it), with its levels: an explicit list, or a
 * range (start, stop, and either a step or a count; linear or log-spaced); for sampling designs (Latin hypercube,
 * Sobol) a continuous interval mapped linearly or logarithmically from the unit interval, or a distribution drawn by
 * its inverse CDF. Levels may carry labels (shown in runs.csv and the report); {@code whole} rounds sampled values
 * for whole-number fields.
 */
public record Factor(String path, List<Object> values, List<String> labels, Double min, Double max, boolean log,
                     Dist distribution, Object base, boolean whole) {
    public Factor {
        if (path == null || path.isBlank()) throw new IllegalArgumentException("a factor needs a parameter path");
        values = values == null ? List.of() : List.copyOf(values);
        labels = labels == null ? List.of() : List.copyOf(labels);
        if (!labels.isEmpty() && labels.size() != values.size())
            throw new IllegalArgumentException(path + ": " + labels.size() + " labels for " + values.size() + " values");
        if (min != null && max != null && min > max) throw new IllegalArgumentException(path + ": min " + min + " > max " + max);
        if (log && min != null && min <= 0) throw new IllegalArgumentException(path + ": a log scale needs min > 0, got " + min);
    }

    public Factor(String path, List<Object> values, Double min, Double max, boolean log, Object base) {
        this(path, values, List.of(), min, max, log, null, base, false);
    }

    /** A factor with explicit levels. */
    public static Factor list(String path, Object... values) { return new Factor(path, List.of(values), null, null, false, null); }

    /** Levels from {@code start} to {@code stop} (inclusive) in steps of {@code step}, as doubles (whole ones as longs). */
    public static Factor range(String path, double start, double stop, double step) {
        Factor exact = range(path, BigDecimal.valueOf(start), BigDecimal.valueOf(stop), BigDecimal.valueOf(step));
        List<Object> v = new ArrayList<>();
        for (Object x : exact.values()) v.add(x instanceof BigDecimal b ? clean(b.doubleValue()) : x);
        return new Factor(path, v, start, stop, false, null);
    }

    /**
     * Levels from {@code start} to {@code stop} (inclusive) in steps of {@code step}, computed in exact decimals so 0.1 to
     * 0.3 by 0.1 gives three levels without drift; whole levels as longs, others as decimals.
     */
    public static Factor range(String path, BigDecimal start, BigDecimal stop, BigDecimal step) {
        if (step.signum() <= 0) throw new IllegalArgumentException(path + ": step must be > 0, got " + step.toPlainString());
        if (stop.compareTo(start) < 0)
            throw new IllegalArgumentException(path + ": stop " + stop.toPlainString() + " is below start " + start.toPlainString());
        BigDecimal n = stop.subtract(start).divide(step, 0, java.math.RoundingMode.FLOOR);
        if (n.compareTo(BigDecimal.valueOf(100_000)) >= 0)
            throw new IllegalArgumentException(path + ": the range has " + n.add(BigDecimal.ONE).toPlainString() + " levels; at most 100,000");
        List<Object> v = new ArrayList<>();
        for (int i = 0; i <= n.intValue(); i++) {
            BigDecimal x = start.add(step.multiply(BigDecimal.valueOf(i))).stripTrailingZeros();
            v.add(x.scale() <= 0 ? (Object) x.longValueExact() : x);
        }
        return new Factor(path, v, start.doubleValue(), stop.doubleValue(), false, null);
    }

    /** {@code count} levels from {@code start} to {@code stop}, evenly spaced, or geometrically when {@code log}. */
    public static Factor count(String path, double start, double stop, int count, boolean log) {
        if (count < 2) throw new IllegalArgumentException(path + ": count must be >= 2, got " + count);
        if (log && start <= 0) throw new IllegalArgumentException(path + ": a log range needs start > 0, got " + start);
        if (stop < start) throw new IllegalArgumentException(path + ": stop " + clean(stop) + " is below start " + clean(start));
        List<Object> v = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double u = i / (double) (count - 1);
            v.add(clean(log ? start * Math.pow(stop / start, u) : start + u * (stop - start)));
        }
        return new Factor(path, v, start, stop, log, null);
    }

    /** A continuous interval for sampling designs. */
    public static Factor interval(String path, double min, double max, boolean log) {
        return new Factor(path, List.of(), min, max, log, null);
    }

    /** A distribution for sampling designs, drawn by its inverse CDF. */
    public static Factor sampled(String path, Dist distribution) {
        return new Factor(path, List.of(), List.of(), null, null, false, distribution, null, false);
    }

    /** The same factor with a base level for one-at-a-time designs. */
    public Factor withBase(Object b) { return new Factor(path, values, labels, min, max, log, distribution, b, whole); }

    /** The same factor with labels for its levels. */
    public Factor withLabels(List<String> l) { return new Factor(path, values, l, min, max, log, distribution, base, whole); }

    /** The same factor rounding sampled values to whole numbers (for whole-number fields). */
    public Factor rounded(boolean w) { return new Factor(path, values, labels, min, max, log, distribution, base, w); }

    /** Whether sampling designs can draw from it: a distribution, an interval or levels. */
    public boolean sampleable() { return distribution != null || (min != null && max != null) || !values.isEmpty(); }

    /** The level at a point of the open unit interval (sampling designs). */
    public Object at(double u) {
        double uu = Math.min(Math.max(u, 1e-12), 1 - 1e-12); // the inverse CDF of an unbounded distribution at 0 or 1 is infinite
        if (distribution != null) {
            double x = distribution.realize(null).inverseCumulativeProbability(uu);
            return whole ? (Object) Math.round(x) : clean(x);
        }
        if (min == null || max == null) {
            if (values.isEmpty()) throw new IllegalStateException(path + " has neither levels nor an interval");
            return values.get(Math.min(values.size() - 1, (int) Math.floor(u * values.size())));
        }
        double x = log ? min * Math.pow(max / min, u) : min + u * (max - min);
        return whole ? (Object) Math.round(x) : clean(x);
    }

    /** The label of a level: its given label, or the value as written. */
    public String label(Object value) {
        if (!labels.isEmpty())
            for (int i = 0; i < values.size(); i++) if (sameLevel(values.get(i), value)) return labels.get(i);
        return format(value);
    }

    /** Two levels are the same: numbers by value (7 = 7.0), others by their written form. */
    public static boolean sameLevel(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        return format(a).equals(format(b));
    }

    /** A value as runs.csv writes it: numbers plain, words as they are, mappings and lists as compact JSON. */
    public static String format(Object v) {
        if (v == null) return "";
        if (v instanceof BigDecimal b) return b.stripTrailingZeros().toPlainString();
        if (v instanceof Double || v instanceof Float) {
            Object c = clean(((Number) v).doubleValue());
            return c instanceof Long ? c.toString() : BigDecimal.valueOf((Double) c).stripTrailingZeros().toPlainString();
        }
        if (v instanceof Number || v instanceof String || v instanceof Boolean) return v.toString();
        return Json.compact(v);
    }

    /** Whole numbers as longs (so "count: 3" stays an integer), others rounded to 12 significant digits. */
    static Object clean(double x) {
        if (Math.abs(x - Math.rint(x)) < 1e-9 && Math.abs(x) < 1e15) return (long) Math.rint(x);
        return new BigDecimal(x).round(new MathContext(12)).stripTrailingZeros().doubleValue();
    }
}
