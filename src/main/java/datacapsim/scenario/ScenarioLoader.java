package datacapsim.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a scenario file into an immutable, validated {@link Scenario}: binds the YAML to records ({@link YamlBinding}:
 * unknown keys and wrong types refused with file, line and field path), resolves {@code extends:}, fills every missing
 * field from its parent or {@link Defaults}, then checks every bound declared by {@link Param} and the cross-field
 * rules ({@link Validator}). Command-line settings go through {@link Overrides}.
 */
public final class ScenarioLoader {
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
     * The scenario as YAML, every field resolved (the reproducible record of a run); without {@code extends}, whose
     * values are already merged in and whose path would not resolve from where the record is written, and without the
     * sweep block, which shapes a set of runs, not a run.
     */
    public static String toYaml(Scenario s) {
        try {
            return YamlBinding.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(withoutExtends(s));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sweep block alone as YAML (for a sweep's record and its fingerprint). */
    public static String sweepYaml(Scenario s) {
        try {
            return YamlBinding.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(s.sweep());
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
        } catch (NoSuchFileException e) {
            throw new ScenarioException(name, 0, null, null, "the path of an existing scenario file", "no such file");
        } catch (IOException e) {
            throw new ScenarioException(name, 0, null, null, "a readable YAML file", "cannot read the file: " + e);
        }
        Scenario s = YamlBinding.bind(name, text);
        Map<String, Location> locations = new HashMap<>();
        List<Path> files = new ArrayList<>();
        if (s.extendsFile() != null) {
            Path parentFile = (file.getParent() == null ? Path.of(".") : file.getParent()).resolve(s.extendsFile());
            if (!Files.exists(parentFile)) {
                int line = YamlBinding.locate(name, text).getOrDefault("extends", 0);
                throw new ScenarioException(name, line, "extends", s.extendsFile(),
                        "the path of an existing scenario file",
                        "the file it extends does not exist (" + parentFile + ")");
            }
            if (seen.contains(parentFile.toAbsolutePath().normalize())) {
                int line = YamlBinding.locate(name, text).getOrDefault("extends", 0);
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
        YamlBinding.locate(name, text).forEach((p, l) -> locations.put(p, new Location(name, l)));
        files.add(file);
        return new Loaded(s, locations, files);
    }

    /** The path of the group holding a field ("clients.count" → "clients"; "seed" → ""). */
    public static String parentPath(String path) { return parent(path); }

    static String parent(String path) {
        int dot = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return dot < 0 ? "" : path.substring(0, dot);
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
                else if (c instanceof Dist cd && p != null)
                    values[i] = distFields && cd.type() == null ? merge(cd, (Dist) p, true) : c;
                else if (c instanceof Record cr && p != null) values[i] = merge((Record) cr, (Record) p, distFields);
                else values[i] = c;
            }
            return (R) child.getClass().getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot merge " + child.getClass(), e);
        }
    }
}
