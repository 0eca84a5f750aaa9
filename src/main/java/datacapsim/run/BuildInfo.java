package datacapsim.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * What this jar was built from: the tool version, the git commit and whether the work tree had changes not committed
 * (untracked files included), as the build recorded them in {@code datacapsim/build.properties} (pom.xml,
 * maven-antrun-plugin). Read from the classpath, so it is the same wherever the tool is run from. A build without
 * git or outside a checkout (a source tarball) records the commit and the dirty flag as {@code unknown}.
 *
 * @param version the tool version (the pom's), or {@code unknown}
 * @param commit  the full 40-hex commit id, or {@code unknown}
 * @param dirty   whether the tree had changes not committed; null when unknown
 */
public record BuildInfo(String version, String commit, Boolean dirty) {
    /** The word written for a version or commit the build could not tell. */
    public static final String UNKNOWN = "unknown";
    /** Where the build writes the properties, on the classpath. */
    public static final String RESOURCE = "/datacapsim/build.properties";

    private static final BuildInfo CURRENT = load();

    public BuildInfo {
        version = version == null || version.isBlank() ? UNKNOWN : version.trim();
        commit = commit == null || !commit.trim().matches("[0-9a-f]{40}") ? UNKNOWN : commit.trim();
        if (commit.equals(UNKNOWN)) dirty = null;
    }

    /** The build of the running jar (or of target/classes when run from Maven). */
    public static BuildInfo current() { return CURRENT; }

    /**
     * Reads the build's properties: {@code version}, {@code git.commit} (40 hex digits), {@code git.dirty}
     * ({@code true} or {@code false}); anything missing or not of that form reads as unknown.
     */
    public static BuildInfo parse(Properties p) {
        String d = p.getProperty("git.dirty", "").trim();
        Boolean dirty = d.equals("true") ? Boolean.TRUE : d.equals("false") ? Boolean.FALSE : null;
        return new BuildInfo(p.getProperty("version"), p.getProperty("git.commit"), dirty);
    }

    /** Reads {@code in} as {@link #parse(Properties)} does; a null stream (no resource) is all unknown. */
    public static BuildInfo read(InputStream in) throws IOException {
        Properties p = new Properties();
        if (in != null) {
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        return parse(p);
    }

    private static BuildInfo load() {
        try {
            return read(BuildInfo.class.getResourceAsStream(RESOURCE));
        } catch (IOException | IllegalArgumentException e) {
            return new BuildInfo(null, null, null);
        }
    }

    /** Whether the build knew its commit. */
    public boolean commitKnown() { return !commit.equals(UNKNOWN); }

    /** The commit as a message names it: the id, marked when the tree had changes not committed. */
    public String describe() {
        return Boolean.TRUE.equals(dirty) ? commit + " (with changes not committed)" : commit;
    }
}
