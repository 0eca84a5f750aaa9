package datacapsim.scenario;

import datacapsim.scenario.ScenarioLoader.Loaded;
import datacapsim.scenario.ScenarioLoader.Location;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Command-line changes to a loaded scenario: {@code --set path=value} settings ({@link Setting}) and the partial
 * scenarios other options make, each bound and checked as a file is, its errors naming the option the user wrote.
 */
public final class Overrides {
    private Overrides() {}

    /**
     * Applies command-line overrides (a partial scenario whose non-null fields win) and validates again; an
     * overridden field's errors name {@code origin} (e.g. "--days") instead of a file line.
     */
    public static Loaded override(Loaded base, Scenario partial, Map<String, String> originByPath) {
        Scenario merged = ScenarioLoader.merge(partial, base.scenario());
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
            return YamlBinding.bind(origin, yaml);
        } catch (ScenarioException e) {
            throw e.from(origin, 0); // the snippet's lines mean nothing to the user
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
            combined = combined == null ? p : ScenarioLoader.merge(p, combined, true);
            origins.put(st.path(), st.origin());
            if (e.inDistribution()) origins.put(ScenarioLoader.parent(st.path()), st.origin());
        }
        Scenario merged = ScenarioLoader.merge(combined, base.scenario(), true);
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
            throw new ScenarioException(st.origin(), 0, path, st.value(),
                    "the whole list, e.g. " + list + "=[{...}, {...}]",
                    "a list's elements cannot be set one by one");
        }
        String suggestion = ParameterCatalog.closest(path);
        String group = path;
        while (!group.isEmpty() && ParameterCatalog.find(group).isEmpty()) group = ScenarioLoader.parent(group);
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
}
