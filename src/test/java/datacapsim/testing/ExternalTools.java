package datacapsim.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tests that need a program outside the JVM (Jupyter, Slurm, Chromium). Where the program is missing such a test is
 * skipped, unless {@code .ci/run} prepared it: its setup script for that tool succeeded and it listed the tool in
 * the environment variable {@code DATACAP_CI_REQUIRE} (comma-separated), and then a missing program fails the test.
 */
public final class ExternalTools {
    private ExternalTools() {}

    /** The tools {@code .ci/run} promised (its setup scripts succeeded). */
    public static Set<String> required() {
        String v = System.getenv("DATACAP_CI_REQUIRE");
        if (v == null || v.isBlank()) return Set.of();
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    /**
     * Skips the calling test when {@code available} is false, or fails it when {@code tool} was promised.
     *
     * @param tool      the tool's name as .ci/run lists it (notebooks, slurm, chromium)
     * @param available whether the tool can be used here
     * @param why       what is missing, for the message
     */
    public static void assumeOrRequire(String tool, boolean available, String why) {
        if (available) return;
        if (required().contains(tool))
            throw new AssertionError(tool + " was prepared by .ci/run (DATACAP_CI_REQUIRE) but " + why);
        Assumptions.assumeTrue(false, tool + " is not available here (" + why + "); .ci/run installs it");
    }

    /** Whether {@code program} is on the PATH. */
    public static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator))
            if (Files.isExecutable(Path.of(dir, program))) return true;
        return false;
    }
}
