package datacapsim.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Integration tests' way to run the packaged tool: {@code java -jar target/datacap-sim.jar ARGS} as its own process, in
 * a chosen working folder, with a time limit after which it is killed. The jar is the one {@code package} built
 * (failsafe passes its path as {@code datacap.jar}).
 *
 * @param code the exit code
 * @param out  what it printed on standard output
 * @param err  what it printed on standard error
 */
public record JarRun(int code, String out, String err) {
    /** The packaged jar, absolute. */
    public static Path jar() {
        return Path.of(System.getProperty("datacap.jar", "target/datacap-sim.jar")).toAbsolutePath().normalize();
    }

    /** Runs the jar with {@code args} in {@code workDir}; kills it after {@code timeoutSeconds}. */
    public static JarRun of(Path workDir, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar())) throw new AssertionError(jar() + " is missing: run `mvn package` first");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss8m", "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("datacap-jar-", ".out");
        Path err = Files.createTempFile("datacap-jar-", ".err");
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS))
                throw new AssertionError("datacap-sim " + String.join(" ", args) + " did not end within "
                        + timeoutSeconds + " s");
            return new JarRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs a program (git) in {@code dir} and returns its standard output; fails on a non-zero exit. */
    public static String program(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0)
                throw new AssertionError(String.join(" ", cmd) + " failed in " + dir + ": " + text);
            return text;
        } finally {
            p.destroyForcibly();
        }
    }
}
