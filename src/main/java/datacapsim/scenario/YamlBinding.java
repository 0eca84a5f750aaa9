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
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The YAML side of scenario files: one strict mapper (duplicate keys, unknown fields, floats for whole numbers and
 * numbers for words all refused), the binding of text to records, Jackson's errors turned into
 * {@link ScenarioException}s that name file, line, field, value and what is allowed, and the line of every field.
 */
final class YamlBinding {
    static final ObjectMapper MAPPER = new ObjectMapper(
            YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT) // 2.5 for a whole number is an error, not 2
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING) // a Word enum's toString is its word
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS) // 1 is not the second word
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);

    private YamlBinding() {}

    /** Binds YAML text to the record tree, turning Jackson's errors into {@link ScenarioException}s. */
    static Scenario bind(String file, String text) {
        try {
            Scenario s = MAPPER.readValue(text, Scenario.class);
            return s == null ? MAPPER.readValue("{}", Scenario.class) : s;
        } catch (UnrecognizedPropertyException e) {
            String path = ScenarioLoader.parent(pathOf(e)); // Jackson's path ends with the unknown key itself
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
            throw new ScenarioException(file, line(e.getLocation()), path, String.valueOf(e.getValue()),
                    expected(path, e.getTargetType()),
                    "wrong type");
        } catch (MismatchedInputException e) {
            String path = pathOf(e);
            int line = line(e.getLocation());
            String first = e.getOriginalMessage().split("\n")[0];
            boolean scalar = !first.contains("from Array value") && !first.contains("from Object value");
            if (scalar && Word.isWords(e.getTargetType())) throw notAWord(file, text, e);
            throw new ScenarioException(file, line, path, valueAtLine(text, line), expected(path, e.getTargetType()),
                    shape(first));
        } catch (JsonMappingException e) {
            String path = pathOf(e);
            int line = line(e.getLocation());
            String first = e.getOriginalMessage().split("\n")[0];
            if (first.startsWith(DUPLICATE)) throw duplicate(file, text, line, path, first);
            if (e.getCause() instanceof InputCoercionException)
                throw new ScenarioException(file, line, path, valueAtLine(text, line), expected(path, null),
                        "number too large for the field");
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
            throw new ScenarioException(file, line(e.getLocation()), null, null, "valid YAML",
                    "not valid YAML: " + yamlProblem(e.getOriginalMessage()));
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
                    out.put(pointerToPath(p.getParsingContext().pathAsPointer().toString()),
                            p.currentTokenLocation().getLineNr());
                } else if (t.isScalarValue() && p.getParsingContext().inArray()) {
                    out.putIfAbsent(pointerToPath(p.getParsingContext().pathAsPointer().toString()),
                            p.currentTokenLocation().getLineNr());
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
        return Arrays.stream(message.split("\n")).map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("in 'reader'") && !l.startsWith("^") && !l.startsWith("..."))
                .filter(l -> !message.contains("\n    " + l)) // lines indented by the parser echo the source
                .collect(Collectors.joining(", "));
    }

    private static final String DUPLICATE = "Duplicate field '";

    private static ScenarioException duplicate(String file, String text, int line, String parentPath, String message) {
        String key = message.substring(DUPLICATE.length(), message.indexOf('\'', DUPLICATE.length()));
        String path = parentPath.isEmpty() ? key : parentPath + "." + key;
        return new ScenarioException(file, line, path, valueAtLine(text, line), "each field once per mapping",
                "the field is written twice");
    }

    /** Jackson's "cannot deserialize" in words. */
    private static String shape(String jacksonMessage) {
        if (jacksonMessage.contains("from Array value")) return "wrong shape: a list where it is not allowed";
        if (jacksonMessage.contains("from Object value")) return "wrong shape: a mapping where it is not allowed";
        if (jacksonMessage.contains("from Number value") || jacksonMessage.contains("from String value")
                || jacksonMessage.contains("from Integer value") || jacksonMessage.contains("from Floating-point value")
                || jacksonMessage.contains("from Boolean value") || jacksonMessage.contains("no String-argument")
                || jacksonMessage.contains("no int/Int-argument")
                || jacksonMessage.contains("no double/Double-argument")
                || jacksonMessage.contains("no boolean/Boolean-argument"))
            return "wrong shape: a single value where a mapping or list is needed";
        if (jacksonMessage.contains("Cannot coerce")) return "wrong type";
        return "wrong type or shape: " + jacksonMessage;
    }

    /** What a field accepts, in words: its kind and range from the catalog, else its Java type. */
    private static String expected(String path, Class<?> type) {
        var entry = path == null ? Optional.<ParameterCatalog.Entry>empty()
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
}
