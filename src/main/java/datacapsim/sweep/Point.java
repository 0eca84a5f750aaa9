package datacapsim.sweep;

import java.util.Map;

/** One point of a sweep: its index and the parameter settings (path → value) that differ from the base scenario. */
public record Point(int index, Map<String, Object> settings) {
    public Point {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }

    /** The settings as {@code --set path=value} arguments. */
    public java.util.List<String> asSetArguments() {
        java.util.List<String> out = new java.util.ArrayList<>();
        settings.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }
}
