package datacapsim.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Compact JSON of setting values (a JSON text is also a YAML flow value, so {@code --set} reads it back). */
final class Json {
    private Json() {}

    static final ObjectMapper MAPPER = new ObjectMapper(); // mappings keep the order they were written in

    static String compact(Object v) {
        try {
            return MAPPER.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + v + " as JSON", e);
        }
    }
}
