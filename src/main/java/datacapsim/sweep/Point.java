package datacapsim.sweep;

import java.util.Map;

/**
 * One point of a sweep: its index, the parameter settings (path → value) that differ from the base scenario, and, for
 * the sensitivity designs, its place in the design (column → cell, e.g. {@code matrix=AB2, sample=17} for sobol or
 * {@code trajectory=3, step=1, moved=..., delta=...} for morris), which plan.csv records so the indices can be
 * recomputed from the files alone.
 */
public record Point(int index, Map<String, Object> settings, Map<String, String> design) {
    public Point {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
        design = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(design));
    }

    /** A point of a design that records no place (grid, zip, latin-hypercube, one-at-a-time). */
    public Point(int index, Map<String, Object> settings) { this(index, settings, Map.of()); }

    /** The settings as {@code --set path=value} arguments. */
    public java.util.List<String> asSetArguments() {
        java.util.List<String> out = new java.util.ArrayList<>();
        settings.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }
}
