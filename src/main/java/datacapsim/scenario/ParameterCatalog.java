package datacapsim.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every scenario parameter, found by reflection over the {@link Scenario} record tree: its dotted path (the YAML keys,
 * e.g. {@code clients.datasetTib}), its kind, its {@link Param} annotation and its default from
 * {@link Defaults#scenario()}. Fields added to any record of the tree appear here without further code; the command
 * line's {@code --set} and {@code describe}, and the tests that every parameter is read, all work from this list.
 *
 * <p>Paths: a nested record's fields are {@code group.field}; a distribution's own fields are
 * {@code field.type}, {@code field.median}, …; the fields of a list's elements are {@code list[].field}.
 */
public final class ParameterCatalog {
    private ParameterCatalog() {}

    /** What kind of value a field holds. */
    public enum Kind {
        WHOLE("whole number"), NUMBER("number"), WORD("word"), TEXT("text"), FLAG("true or false"),
        DISTRIBUTION("distribution"), LIST("list"), GROUP("group of fields"), OTHER("value");

        private final String label;

        Kind(String label) { this.label = label; }

        public String label() { return label; }
    }

    /**
     * One field of the record tree.
     *
     * @param path          dotted path of YAML keys
     * @param kind          what it holds
     * @param type          its Java type (the element type for a list)
     * @param param         its annotation (null when the field has none, e.g. a group)
     * @param defaultValue  its value in {@link Defaults#scenario()} (for list-element fields: in the default list's
     *                      first element; may be null)
     * @param component     the record component it is read from
     * @param inDistribution a field of a distribution (e.g. {@code clients.datasetTib.median})
     * @param inList        a field of a list's elements (e.g. {@code chain.rewardSeries[].day})
     */
    public record Entry(String path, Kind kind, Class<?> type, Param param, Object defaultValue, RecordComponent component,
                        boolean inDistribution, boolean inList) {
        /** A value rather than a group of fields. */
        public boolean leaf() { return kind != Kind.GROUP; }

        /** Whether {@code --set path=value} may set it (list elements are set as a whole list; extends only in files). */
        public boolean settable() { return !inList && !path.equals("extends"); }

        public String doc() { return param == null ? "" : param.doc(); }

        public String unit() { return param == null ? "" : param.unit(); }

        /** The last key of the path. */
        public String key() {
            int i = Math.max(path.lastIndexOf('.'), path.lastIndexOf(']'));
            return path.substring(i + 1);
        }

        /** What values are allowed, in words: a range, the allowed words, or the kind. */
        public String allowed() {
            String share = param == null || param.share().isEmpty() ? "" : ", a share of '" + param.share() + "' (the group sums to 1)";
            return switch (kind) {
                case WHOLE, NUMBER -> range(param, kind) + share;
                case WORD -> String.join(" | ", words(this));
                case DISTRIBUTION -> "distribution" + (param == null ? "" : bounds(param));
                case LIST -> "list of " + (type.isRecord()
                        ? "{" + Arrays.stream(type.getRecordComponents()).map(ParameterCatalog::key).collect(Collectors.joining(", ")) + "}"
                        : kindOf(type, null).label());
                default -> kind.label();
            };
        }
    }

    private static final List<Entry> ENTRIES = List.copyOf(build());

    /** Every field of the tree, depth first in declaration order (groups before their fields). */
    public static List<Entry> entries() { return ENTRIES; }

    /** The parameters a user sets: every leaf except the fields inside distributions. */
    public static List<Entry> parameters() {
        return ENTRIES.stream().filter(e -> e.leaf() && !e.inDistribution()).toList();
    }

    public static Optional<Entry> find(String path) {
        return ENTRIES.stream().filter(e -> e.path().equals(path)).findFirst();
    }

    /** The entry and every entry below it ({@code clients} → {@code clients.count}, …); empty when none. */
    public static List<Entry> under(String prefix) {
        if (prefix == null || prefix.isEmpty()) return ENTRIES;
        return ENTRIES.stream().filter(e -> e.path().equals(prefix) || e.path().startsWith(prefix + ".")
                || e.path().startsWith(prefix + "[")).toList();
    }

    /** The known path closest to a misspelt one, or null. */
    public static String closest(String path) {
        List<String> paths = ENTRIES.stream().filter(e -> !e.inList()).map(Entry::path).toList();
        String best = Suggestions.closest(path, paths);
        if (best != null) return best;
        // a misspelt last key under a known group: compare the keys of that group only
        String parent = ScenarioLoader.parent(path);
        String key = path.substring(parent.isEmpty() ? 0 : parent.length() + 1);
        List<String> keys = children(parent);
        String k = Suggestions.closest(key, keys);
        return k == null ? null : parent.isEmpty() ? k : parent + "." + k;
    }

    /** The keys directly under a group path ("" for the top level), in declaration order. */
    public static List<String> children(String group) {
        List<String> out = new ArrayList<>();
        for (Entry e : ENTRIES) {
            if (e.inList()) continue;
            String parent = ScenarioLoader.parent(e.path());
            if (parent.equals(group)) out.add(e.key());
        }
        return out;
    }

    /** The value at a path of a scenario (list-element paths are not readable one by one). */
    public static Object read(Scenario s, String path) {
        Object v = s;
        for (String key : path.split("\\.")) {
            if (v == null) return null;
            if (!(v instanceof Record r)) throw new IllegalArgumentException(path + ": " + key + " is not inside a group");
            v = readComponent(r, key);
        }
        return v;
    }

    /** The distribution types and what each needs, from {@link Dist} itself. */
    public static Map<String, String> distributionTypes() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Dist.Type t : Dist.Type.values()) {
            String need = new Dist(t, null, null, null, null, null, null, null, null, null).problem();
            out.put(t.word(), need == null ? "" : need.startsWith(t + " ") ? need.substring(t.word().length() + 1) : need);
        }
        return out;
    }

    /**
     * The fields a distribution type uses, found by asking {@link Dist#problem()}: a field is used when leaving it
     * out of an otherwise complete distribution of that type is a problem.
     */
    public static List<String> distributionFields(Dist.Type type) {
        RecordComponent[] comps = Dist.class.getRecordComponents();
        List<String> used = new ArrayList<>();
        for (int skip = 0; skip < comps.length; skip++) {
            if (comps[skip].getName().equals("type")) continue;
            Object[] values = new Object[comps.length];
            Class<?>[] types = new Class<?>[comps.length];
            for (int i = 0; i < comps.length; i++) {
                types[i] = comps[i].getType();
                values[i] = comps[i].getName().equals("type") ? type : i == skip ? null : 1.0;
            }
            try {
                if (Dist.class.getDeclaredConstructor(types).newInstance(values).problem() != null) used.add(comps[skip].getName());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return used;
    }

    /** A value as it is written in YAML ({@code describe} and messages). */
    public static String format(Object v) {
        if (v == null) return "(none)";
        if (v instanceof String s) return s.isEmpty() ? "\"\"" : s;
        if (v instanceof BigDecimal b) return b.stripTrailingZeros().toPlainString();
        if (v instanceof Double d) return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue()) : d.toString();
        if (v instanceof Dist d) {
            StringBuilder b = new StringBuilder("{type: ").append(d.type());
            for (RecordComponent c : Dist.class.getRecordComponents()) {
                if (c.getName().equals("type")) continue;
                Object x = invoke(c, d);
                if (x != null) b.append(", ").append(c.getName()).append(": ").append(format(x));
            }
            return b.append('}').toString();
        }
        if (v instanceof Record r) {
            StringBuilder b = new StringBuilder("{");
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                if (b.length() > 1) b.append(", ");
                b.append(key(c)).append(": ").append(format(invoke(c, r)));
            }
            return b.append('}').toString();
        }
        if (v instanceof Collection<?> list) return list.stream().map(ParameterCatalog::format).collect(Collectors.joining(", ", "[", "]"));
        return v.toString();
    }

    // ------------------------------------------------------------------ building

    private static List<Entry> build() {
        List<Entry> out = new ArrayList<>();
        walk(Scenario.class, Defaults.scenario(), "", false, false, out);
        return out;
    }

    private static void walk(Class<?> record, Object defaults, String prefix, boolean inDist, boolean inList, List<Entry> out) {
        for (RecordComponent c : record.getRecordComponents()) {
            String path = prefix.isEmpty() ? key(c) : prefix + "." + key(c);
            Object def = defaults == null ? null : invoke(c, defaults);
            Class<?> type = c.getType();
            Param p = c.getAnnotation(Param.class);
            if (List.class.isAssignableFrom(type)) {
                Class<?> element = elementType(c.getGenericType());
                out.add(new Entry(path, Kind.LIST, element, p, def, c, inDist, inList));
                if (element.isRecord()) {
                    Object first = def instanceof List<?> l && !l.isEmpty() ? l.get(0) : null;
                    walk(element, first, path + "[]", false, true, out);
                }
            } else if (type == Dist.class) {
                out.add(new Entry(path, Kind.DISTRIBUTION, type, p, def, c, inDist, inList));
                walk(Dist.class, def, path, true, inList, out);
            } else if (type.isRecord()) {
                out.add(new Entry(path, Kind.GROUP, type, p, def, c, inDist, inList));
                walk(type, def, path, inDist, inList, out);
            } else {
                out.add(new Entry(path, kindOf(type, p), type, p, def, c, inDist, inList));
            }
        }
    }

    static Kind kindOf(Class<?> t, Param p) {
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class || t == Short.class || t == short.class)
            return Kind.WHOLE;
        if (t == Double.class || t == double.class || t == Float.class || t == float.class || t == BigDecimal.class) return Kind.NUMBER;
        if (t == Boolean.class || t == boolean.class) return Kind.FLAG;
        if (Word.isWords(t)) return Kind.WORD;
        if (t == String.class) return Kind.TEXT;
        if (t == Dist.class) return Kind.DISTRIBUTION;
        if (t.isRecord()) return Kind.GROUP;
        if (Collection.class.isAssignableFrom(t)) return Kind.LIST;
        return Kind.OTHER;
    }

    /** The allowed words of a word field: its enum's constants' words. */
    public static List<String> words(Entry e) {
        return Word.isWords(e.type()) ? Word.words(e.type()) : List.of();
    }

    /** The YAML key of a record component ({@code @JsonProperty} on the accessor wins over the name). */
    static String key(RecordComponent c) {
        JsonProperty jp = c.getAccessor().getAnnotation(JsonProperty.class);
        return jp != null && !jp.value().isEmpty() ? jp.value() : c.getName();
    }

    private static Object readComponent(Record r, String key) {
        for (RecordComponent c : r.getClass().getRecordComponents()) if (key(c).equals(key)) return invoke(c, r);
        throw new IllegalArgumentException("no field '" + key + "' in " + r.getClass().getSimpleName());
    }

    private static Object invoke(RecordComponent c, Object r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> elementType(Type t) {
        if (t instanceof ParameterizedType pt && pt.getActualTypeArguments()[0] instanceof Class<?> c) return c;
        return Object.class;
    }

    /** A range in words without unit: "1 to 36,500", ">= 0", "any whole number". */
    static String range(Param p, Kind kind) {
        boolean noMin = p == null || Double.isNaN(p.min());
        boolean noMax = p == null || Double.isNaN(p.max());
        if (noMin && noMax) return "any " + kind.label();
        if (noMax) return ">= " + Validator.fmt(p.min());
        if (noMin) return "<= " + Validator.fmt(p.max());
        return Validator.fmt(p.min()) + " to " + Validator.fmt(p.max());
    }

    private static String bounds(Param p) {
        boolean noMin = Double.isNaN(p.min());
        boolean noMax = Double.isNaN(p.max());
        if (noMin && noMax) return "";
        if (noMax) return ", draws >= " + Validator.fmt(p.min());
        if (noMin) return ", draws <= " + Validator.fmt(p.max());
        return ", draws " + Validator.fmt(p.min()) + " to " + Validator.fmt(p.max());
    }
}
