package datacapsim.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * One swept parameter, named by its scenario path (as {@code --set} takes it), with its levels: an explicit list, or a
 * range (start, stop, and either a step or a count; linear or log-spaced), or a continuous interval for sampling designs
 * (Latin hypercube, Sobol), mapped linearly or logarithmically from the unit interval.
 */
public record Factor(String path, List<Object> values, Double min, Double max, boolean log, Object base) {
    public Factor {
        if (path == null || path.isBlank()) throw new IllegalArgumentException("a factor needs a parameter path");
        values = values == null ? List.of() : List.copyOf(values);
        if (min != null && max != null && min > max) throw new IllegalArgumentException(path + ": min " + min + " > max " + max);
        if (log && min != null && min <= 0) throw new IllegalArgumentException(path + ": a log scale needs min > 0, got " + min);
    }

    /** A factor with explicit levels. */
    public static Factor list(String path, Object... values) { return new Factor(path, List.of(values), null, null, false, null); }

    /** Levels from {@code start} to {@code stop} (inclusive) in steps of {@code step}. */
    public static Factor range(String path, double start, double stop, double step) {
        if (step <= 0) throw new IllegalArgumentException(path + ": step must be > 0, got " + step);
        List<Object> v = new ArrayList<>();
        int n = (int) Math.floor((stop - start) / step + 1e-9) + 1;
        for (int i = 0; i < n; i++) v.add(clean(start + i * step));
        return new Factor(path, v, start, stop, false, null);
    }

    /** {@code count} levels from {@code start} to {@code stop}, evenly spaced, or geometrically when {@code log}. */
    public static Factor count(String path, double start, double stop, int count, boolean log) {
        if (count < 2) throw new IllegalArgumentException(path + ": count must be >= 2, got " + count);
        if (log && start <= 0) throw new IllegalArgumentException(path + ": a log range needs start > 0, got " + start);
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

    /** The same factor with a base level for one-at-a-time designs. */
    public Factor withBase(Object b) { return new Factor(path, values, min, max, log, b); }

    /** The level at a point of the unit interval (sampling designs). */
    public Object at(double u) {
        if (min == null || max == null) {
            if (values.isEmpty()) throw new IllegalStateException(path + " has neither levels nor an interval");
            return values.get(Math.min(values.size() - 1, (int) Math.floor(u * values.size())));
        }
        return clean(log ? min * Math.pow(max / min, u) : min + u * (max - min));
    }

    /** Whole numbers as longs (so "count: 3" stays an integer), others rounded to 12 significant digits. */
    static Object clean(double x) {
        if (Math.abs(x - Math.rint(x)) < 1e-9 && Math.abs(x) < 1e15) return (long) Math.rint(x);
        return new java.math.BigDecimal(x).round(new java.math.MathContext(12)).stripTrailingZeros().doubleValue();
    }
}
