package datacapsim.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a scenario file into an immutable, validated {@link Scenario}: binds the YAML to records (unknown keys and wrong
 * types refused with file, line and field path), resolves {@code extends:}, fills every missing field from its parent
 * or {@link Defaults}, then checks every bound declared by {@link Param} and the cross-field rules.
 */
public final class ScenarioLoader {
    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Where each field was written: dotted path → file and line. */
    public record Location(String file, int line) {}

    /** A loaded scenario with the location of every field written in a file. */
    public record Loaded(Scenario scenario, Map<String, Location> locations, List<Path> files) {
        public Location locate(String path) {
            for (String p = path; !p.isEmpty(); p = parent(p)) {
                Location l = locations.get(p);
                if (l != null) return l;
            }
            return new Location(files.isEmpty() ? null : files.get(files.size() - 1).toString(), 0);
        }
    }

    private ScenarioLoader() {}

    /**
     * Applies command-line overrides (a partial scenario whose non-null fields win) and validates again; an
     * overridden field's errors name {@code origin} (e.g. "--days") instead of a file line.
     */
    public static Loaded override(Loaded base, Scenario partial, Map<String, String> originByPath) {
        Scenario merged = merge(partial, base.scenario());
        Map<String, Location> locations = new HashMap<>(base.locations());
        originByPath.forEach((path, origin) -> locations.put(path, new Location(origin, 0)));
        Loaded l = new Loaded(merged, locations, base.files());
        Validator.validate(l);
        return l;
    }

    /**
     * A partial scenario from a YAML snippet (e.g. "seed: 5" or "clients:\n  count: 3"): the fields it names, all
     * others null — for overrides. Errors name {@code origin} as the file.
     */
    public static Scenario partial(String yaml, String origin) {
        return bind(origin, yaml);
    }

    /** The scenario as YAML, every field resolved (the reproducible record of a run). */
    public static String toYaml(Scenario s) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Loaded load(Path file) {
        Loaded raw = loadRaw(file, new LinkedHashSet<>());
        Scenario merged = merge(raw.scenario(), Defaults.scenario());
        Loaded loaded = new Loaded(merged, raw.locations(), raw.files());
        Validator.validate(loaded);
        return loaded;
    }

    private static Loaded loadRaw(Path file, Set<Path> seen) {
        Path norm = file.toAbsolutePath().normalize();
        String name = file.toString();
        if (!seen.add(norm))
            throw new ScenarioException(name, 0, "extends", null, "a chain of files without a cycle",
                    "'extends' forms a cycle through " + seen);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(name, 0, null, null, "a readable YAML file", "cannot read the file: " + e.getMessage());
        }
        Scenario s = bind(name, text);
        Map<String, Location> locations = new HashMap<>();
        List<Path> files = new ArrayList<>();
        if (s.extendsFile() != null) {
            Path parentFile = (file.getParent() == null ? Path.of(".") : file.getParent()).resolve(s.extendsFile());
            if (!Files.exists(parentFile)) {
                int line = locate(name, text).getOrDefault("extends", 0);
                throw new ScenarioException(name, line, "extends", s.extendsFile(), "the path of an existing scenario file",
                        "the file it extends does not exist (" + parentFile + ")");
            }
            Loaded parent = loadRaw(parentFile, seen);
            s = merge(s, parent.scenario());
            locations.putAll(parent.locations());
            files.addAll(parent.files());
        }
        locate(name, text).forEach((p, l) -> locations.put(p, new Location(name, l)));
        files.add(file);
        return new Loaded(s, locations, files);
    }

    /** Binds YAML text to the record tree, turning Jackson's errors into {@link ScenarioException}s. */
    static Scenario bind(String file, String text) {
        try {
            Scenario s = MAPPER.readValue(text, Scenario.class);
            return s == null ? MAPPER.readValue("{}", Scenario.class) : s;
        } catch (UnrecognizedPropertyException e) {
            String path = parent(pathOf(e)); // Jackson's path ends with the unknown key itself
            Collection<Object> known = e.getKnownPropertyIds() == null ? List.of() : e.getKnownPropertyIds();
            List<String> names = known.stream().map(Object::toString).sorted().collect(Collectors.toList());
            String suggestion = closest(e.getPropertyName(), names);
            String keyPath = path.isEmpty() ? e.getPropertyName() : path + "." + e.getPropertyName();
            int keyLine = locate(file, text).getOrDefault(keyPath, line(e.getLocation()));
            throw new ScenarioException(file, keyLine, path, null, String.join(", ", names),
                    "unknown field '" + e.getPropertyName() + "'" + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)"));
        } catch (InvalidFormatException e) {
            throw new ScenarioException(file, line(e.getLocation()), pathOf(e), String.valueOf(e.getValue()),
                    describeType(e.getTargetType()), "wrong type");
        } catch (MismatchedInputException e) {
            String first = e.getOriginalMessage().split("\n")[0];
            throw new ScenarioException(file, line(e.getLocation()), pathOf(e), null,
                    describeType(e.getTargetType()), "wrong type or shape: " + first);
        } catch (JsonMappingException e) {
            throw new ScenarioException(file, line(e.getLocation()), pathOf(e), null, null, e.getOriginalMessage().split("\n")[0]);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(file, line(e.getLocation()), null, null, "valid YAML", "not valid YAML: " + e.getOriginalMessage());
        }
    }


    /** Dotted path → line of every field written in the YAML text. */
    static Map<String, Integer> locate(String file, String text) {
        Map<String, Integer> out = new HashMap<>();
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    out.put(pointerToPath(p.getParsingContext().pathAsPointer().toString()), p.currentTokenLocation().getLineNr());
                } else if (t.isScalarValue() && p.getParsingContext().inArray()) {
                    out.putIfAbsent(pointerToPath(p.getParsingContext().pathAsPointer().toString()), p.currentTokenLocation().getLineNr());
                } else if ((t == JsonToken.START_OBJECT) && p.getParsingContext().getParent() != null
                        && p.getParsingContext().getParent().inArray()) {
                    out.putIfAbsent(pointerToPath(p.getParsingContext().getParent().pathAsPointer().toString()),
                            p.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            throw new ScenarioException(file, 0, null, null, "valid YAML", "not valid YAML: " + e.getMessage());
        }
        return out;
    }

    static String pointerToPath(String pointer) {
        StringBuilder b = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) continue;
            if (part.chars().allMatch(Character::isDigit)) b.append('[').append(part).append(']');
            else {
                if (b.length() > 0) b.append('.');
                b.append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return b.toString();
    }

    static String parent(String path) {
        int dot = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return dot < 0 ? "" : path.substring(0, dot);
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) b.append('.');
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static int line(JsonLocation l) { return l == null ? 0 : l.getLineNr(); }

    private static String describeType(Class<?> t) {
        if (t == null) return null;
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) return "a whole number";
        if (t == Double.class || t == double.class || t == BigDecimal.class) return "a number";
        if (t == Boolean.class || t == boolean.class) return "true or false";
        if (t == String.class) return "text";
        if (List.class.isAssignableFrom(t)) return "a list";
        if (t.isRecord()) return "a mapping with the fields of " + t.getSimpleName();
        return t.getSimpleName();
    }

    /** The known name closest to a misspelt one (edit distance ≤ 3), or null. */
    public static String closest(String name, Collection<String> known) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String k : known) {
            int d = editDistance(name.toLowerCase(), k.toLowerCase());
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return bestD <= Math.max(2, name.length() / 3) ? best : null;
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * Fills each null field of {@code child} from {@code parent}; nested records merge field by field, distributions
     * and lists are replaced whole.
     */
    @SuppressWarnings("unchecked")
    public static <R extends Record> R merge(R child, R parent) {
        if (child == null) return parent;
        if (parent == null) return child;
        try {
            RecordComponent[] comps = child.getClass().getRecordComponents();
            Object[] values = new Object[comps.length];
            Class<?>[] types = new Class<?>[comps.length];
            for (int i = 0; i < comps.length; i++) {
                Object c = comps[i].getAccessor().invoke(child);
                Object p = comps[i].getAccessor().invoke(parent);
                types[i] = comps[i].getType();
                if (c == null) values[i] = p;
                else if (c instanceof Record cr && p != null && !(c instanceof Dist)) values[i] = merge((Record) cr, (Record) p);
                else values[i] = c;
            }
            return (R) child.getClass().getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot merge " + child.getClass(), e);
        }
    }
}
