package datacapsim.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import java.util.LinkedHashMap;
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
    private static final ObjectMapper MAPPER = new ObjectMapper(
            YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT) // 2.5 for a whole number is an error, not 2
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING) // a Word enum's toString is its word
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS) // 1 is not the second word
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);

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
        try {
            return bind(origin, yaml);
        } catch (ScenarioException e) {
            throw e.from(origin, 0); // the snippet's lines mean nothing to the user
        }
    }

    /**
     * One command-line assignment {@code path=value} ({@code --set}); {@code value} is a YAML scalar, flow mapping or
     * flow list, e.g. {@code clients.count=50}, {@code chain.payout=sampled},
     * {@code clients.datasetTib={type: constant, value: 3}}, {@code clients.datasetTib.median=30}.
     *
     * @param origin how the user wrote it (e.g. "--set clients.count=50"), named by every error it causes
     */
    public record Setting(String path, String value, String origin) {
        /** Parses "path=value" given to {@code --set}. */
        public static Setting parse(String assignment) {
            String origin = "--set " + assignment;
            int eq = assignment.indexOf('=');
            if (eq <= 0)
                throw new ScenarioException(origin, 0, null, assignment, "path=value, e.g. clients.count=50",
                        "an override needs the form path=value");
            return new Setting(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim(), origin);
        }
    }

    /**
     * Applies command-line settings to a loaded scenario, later settings winning over earlier ones, and validates the
     * result once. Each setting goes through the same binding and checks as a file: an unknown path is refused with
     * the closest valid one suggested, a wrong type, an out-of-range value or a word outside the allowed set is
     * refused naming the setting's origin. A distribution's own field ({@code clients.datasetTib.median=30}) changes
     * that field of the distribution in force; a whole distribution ({@code {type: …}}) and a list replace it.
     */
    public static Loaded apply(Loaded base, List<Setting> settings) {
        if (settings.isEmpty()) return base;
        Scenario combined = null;
        Map<String, String> origins = new LinkedHashMap<>();
        for (Setting st : settings) {
            ParameterCatalog.Entry e = checkPath(st);
            if (st.value().isEmpty())
                throw new ScenarioException(st.origin(), 0, st.path(), "", e.allowed(), "the setting has no value");
            Scenario p = partial(snippet(st.path(), st.value()), st.origin());
            combined = combined == null ? p : merge(p, combined, true);
            origins.put(st.path(), st.origin());
            if (e.inDistribution()) origins.put(parent(st.path()), st.origin());
        }
        Scenario merged = merge(combined, base.scenario(), true);
        Map<String, Location> locations = new HashMap<>(base.locations());
        origins.forEach((path, origin) -> {
            locations.keySet().removeIf(k -> k.equals(path) || k.startsWith(path + ".") || k.startsWith(path + "["));
            locations.put(path, new Location(origin, 0));
        });
        Loaded l = new Loaded(merged, locations, base.files());
        Validator.validate(l);
        return l;
    }

    private static ParameterCatalog.Entry checkPath(Setting st) {
        String path = st.path();
        var found = ParameterCatalog.find(path);
        if (found.isPresent() && found.get().settable()) return found.get();
        if (found.isPresent() && path.equals("extends"))
            throw new ScenarioException(st.origin(), 0, path, st.value(), "a file's own extends: line",
                    "'extends' cannot be set from the command line");
        if (path.contains("[")) {
            String list = path.substring(0, path.indexOf('['));
            throw new ScenarioException(st.origin(), 0, path, st.value(), "the whole list, e.g. " + list + "=[{...}, {...}]",
                    "a list's elements cannot be set one by one");
        }
        String suggestion = ParameterCatalog.closest(path);
        String group = path;
        while (!group.isEmpty() && ParameterCatalog.find(group).isEmpty()) group = parent(group);
        List<String> keys = ParameterCatalog.children(group);
        String prefix = group.isEmpty() ? "" : group + ".";
        throw new ScenarioException(st.origin(), 0, path, st.value(),
                keys.stream().map(k -> prefix + k).collect(Collectors.joining(", ")),
                "unknown field '" + path + "'" + Suggestions.didYouMean(suggestion));
    }

    /** "a.b.c" and "v" → a block mapping "a:\n  b:\n    c: v". */
    private static String snippet(String path, String value) {
        StringBuilder b = new StringBuilder();
        String[] keys = path.split("\\.");
        for (int i = 0; i < keys.length; i++) {
            b.append("  ".repeat(i)).append(keys[i]).append(':');
            b.append(i == keys.length - 1 ? " " + value : "").append('\n');
        }
        return b.toString();
    }

    /**
     * The scenario as YAML, every field resolved (the reproducible record of a run); without {@code extends}, whose
     * values are already merged in and whose path would not resolve from where the record is written, and without the
     * sweep block, which shapes a set of runs, not a run.
     */
    public static String toYaml(Scenario s) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(withoutExtends(s));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sweep block alone as YAML (for a sweep's record and its fingerprint). */
    public static String sweepYaml(Scenario s) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(s.sweep());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Scenario withoutExtends(Scenario s) {
        if (s.extendsFile() == null && s.sweep() == null) return s;
        try {
            RecordComponent[] comps = Scenario.class.getRecordComponents();
            Object[] values = new Object[comps.length];
            Class<?>[] types = new Class<?>[comps.length];
            for (int i = 0; i < comps.length; i++) {
                types[i] = comps[i].getType();
                values[i] = comps[i].getName().equals("extendsFile") || comps[i].getName().equals("sweep") ? null
                        : comps[i].getAccessor().invoke(s);
            }
            return Scenario.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
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
        seen.add(file.toAbsolutePath().normalize());
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ScenarioException(name, 0, null, null, "the path of an existing scenario file", "no such file");
        } catch (IOException e) {
            throw new ScenarioException(name, 0, null, null, "a readable YAML file", "cannot read the file: " + e);
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
            if (seen.contains(parentFile.toAbsolutePath().normalize())) {
                int line = locate(name, text).getOrDefault("extends", 0);
                String chain = seen.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(" -> "))
                        + " -> " + parentFile.getFileName();
                throw new ScenarioException(name, line, "extends", s.extendsFile(), "a chain of files without a cycle",
                        "'extends' forms a cycle: " + chain);
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
            String close = Suggestions.closest(e.getPropertyName(), names);
            String suggestion = close == null || path.isEmpty() ? close : path + "." + close;
            String keyPath = path.isEmpty() ? e.getPropertyName() : path + "." + e.getPropertyName();
            int keyLine = locate(file, text).getOrDefault(keyPath, line(e.getLocation()));
            throw new ScenarioException(file, keyLine, keyPath, null, String.join(", ", names),
                    "unknown field '" + e.getPropertyName() + "'" + Suggestions.didYouMean(suggestion));
        } catch (InvalidFormatException e) {
            if (Word.isWords(e.getTargetType())) throw notAWord(file, text, e);
            String path = pathOf(e);
            throw new ScenarioException(file, line(e.getLocation()), path, String.valueOf(e.getValue()), expected(path, e.getTargetType()),
                    "wrong type");
        } catch (MismatchedInputException e) {
            String path = pathOf(e);
            int line = line(e.getLocation());
            String first = e.getOriginalMessage().split("\n")[0];
            boolean scalar = !first.contains("from Array value") && !first.contains("from Object value");
            if (scalar && Word.isWords(e.getTargetType())) throw notAWord(file, text, e);
            throw new ScenarioException(file, line, path, valueAtLine(text, line), expected(path, e.getTargetType()), shape(first));
        } catch (JsonMappingException e) {
            String path = pathOf(e);
            int line = line(e.getLocation());
            String first = e.getOriginalMessage().split("\n")[0];
            if (first.startsWith(DUPLICATE)) throw duplicate(file, text, line, path, first);
            if (e.getCause() instanceof InputCoercionException)
                throw new ScenarioException(file, line, path, valueAtLine(text, line), expected(path, null), "number too large for the field");
            throw new ScenarioException(file, line, path, valueAtLine(text, line), expected(path, null),
                    first.startsWith("Malformed numeric value") ? "not a finite number" : first);
        } catch (InputCoercionException e) {
            int line = line(e.getLocation());
            String path = pathAtLine(text, line);
            throw new ScenarioException(file, line, path, valueAtLine(text, line), expected(path, e.getTargetType()),
                    "number too large for the field");
        } catch (JsonProcessingException e) {
            if (e.getOriginalMessage().startsWith(DUPLICATE))
                throw duplicate(file, text, line(e.getLocation()), "", e.getOriginalMessage());
            throw new ScenarioException(file, line(e.getLocation()), null, null, "valid YAML", "not valid YAML: " + yamlProblem(e.getOriginalMessage()));
        }
    }

    /** A word outside its enum's set: named as the validator names any value outside its allowed set. */
    private static ScenarioException notAWord(String file, String text, MismatchedInputException e) {
        String path = pathOf(e);
        int line = locate(file, text).getOrDefault(path, line(e.getLocation()));
        String value = e instanceof InvalidFormatException f && f.getValue() != null ? String.valueOf(f.getValue())
                : valueAtLine(text, line);
        List<String> words = Word.words(e.getTargetType());
        return new ScenarioException(file, line, path, value, String.join(", ", words),
                "not an allowed value" + Suggestions.suggest(value, words));
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

    /** The deepest field path written on a line (for errors Jackson reports without a path), or null. */
    private static String pathAtLine(String text, int line) {
        String best = null;
        try {
            for (var e : locate("", text).entrySet())
                if (e.getValue() == line && (best == null || e.getKey().length() > best.length())) best = e.getKey();
        } catch (ScenarioException ignored) {
            return null;
        }
        return best;
    }

    /** The text after the first ": " on a line (the scalar written there), or null. */
    private static String valueAtLine(String text, int line) {
        String[] lines = text.split("\n", -1);
        if (line < 1 || line > lines.length) return null;
        String l = lines[line - 1];
        int colon = l.indexOf(": ");
        return (colon < 0 ? l : l.substring(colon + 2)).replaceAll("\\s+#.*$", "").trim();
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

    /** The path of the group holding a field ("clients.count" → "clients"; "seed" → ""). */
    public static String parentPath(String path) { return parent(path); }

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

    /** A YAML parser's message on one line: its statements, without the echoed source and the caret under it. */
    private static String yamlProblem(String message) {
        return java.util.Arrays.stream(message.split("\n")).map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("in 'reader'") && !l.startsWith("^") && !l.startsWith("..."))
                .filter(l -> !message.contains("\n    " + l)) // lines indented by the parser echo the source
                .collect(Collectors.joining(", "));
    }

    private static final String DUPLICATE = "Duplicate field '";

    private static ScenarioException duplicate(String file, String text, int line, String parentPath, String message) {
        String key = message.substring(DUPLICATE.length(), message.indexOf('\'', DUPLICATE.length()));
        String path = parentPath.isEmpty() ? key : parentPath + "." + key;
        return new ScenarioException(file, line, path, valueAtLine(text, line), "each field once per mapping", "the field is written twice");
    }

    /** Jackson's "cannot deserialize" in words. */
    private static String shape(String jacksonMessage) {
        if (jacksonMessage.contains("from Array value")) return "wrong shape: a list where it is not allowed";
        if (jacksonMessage.contains("from Object value")) return "wrong shape: a mapping where it is not allowed";
        if (jacksonMessage.contains("from Number value") || jacksonMessage.contains("from String value")
                || jacksonMessage.contains("from Integer value") || jacksonMessage.contains("from Floating-point value")
                || jacksonMessage.contains("from Boolean value") || jacksonMessage.contains("no String-argument")
                || jacksonMessage.contains("no int/Int-argument") || jacksonMessage.contains("no double/Double-argument")
                || jacksonMessage.contains("no boolean/Boolean-argument"))
            return "wrong shape: a single value where a mapping or list is needed";
        if (jacksonMessage.contains("Cannot coerce")) return "wrong type";
        return "wrong type or shape: " + jacksonMessage;
    }

    /** What a field accepts, in words: its kind and range from the catalog, else its Java type. */
    private static String expected(String path, Class<?> type) {
        var entry = path == null ? java.util.Optional.<ParameterCatalog.Entry>empty()
                : ParameterCatalog.find(path.replaceAll("\\[\\d+]", "[]"));
        if (entry.isEmpty()) return describeType(type);
        ParameterCatalog.Entry e = entry.get();
        String unit = e.unit().isEmpty() ? "" : " " + e.unit();
        return switch (e.kind()) {
            case WHOLE -> "a whole number, " + e.allowed() + unit;
            case NUMBER -> "a number, " + e.allowed() + unit;
            case WORD -> "one of " + e.allowed();
            case DISTRIBUTION -> "a distribution {type: ..., ...} (" + e.allowed() + ")";
            case GROUP -> "a mapping of " + String.join(", ", ParameterCatalog.children(e.path()));
            default -> e.allowed();
        };
    }

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

    /**
     * Fills each null field of {@code child} from {@code parent}; nested records merge field by field, distributions
     * and lists are replaced whole.
     */
    public static <R extends Record> R merge(R child, R parent) {
        return merge(child, parent, false);
    }

    /**
     * As {@link #merge(Record, Record)}; with {@code distFields}, a child distribution without a type (written field
     * by field on the command line) changes only the fields it names of the parent's distribution.
     */
    @SuppressWarnings("unchecked")
    static <R extends Record> R merge(R child, R parent, boolean distFields) {
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
                else if (c instanceof Dist cd && p != null) values[i] = distFields && cd.type() == null ? merge(cd, (Dist) p, true) : c;
                else if (c instanceof Record cr && p != null) values[i] = merge((Record) cr, (Record) p, distFields);
                else values[i] = c;
            }
            return (R) child.getClass().getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot merge " + child.getClass(), e);
        }
    }
}
