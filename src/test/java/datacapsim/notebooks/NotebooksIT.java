package datacapsim.notebooks;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import datacapsim.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Executes every notebook in {@code notebooks/} (discovered, so a new one is covered) with Jupyter's nbconvert, as
 * CI does after {@code package}: each calls {@code ./datacap-sim} on the fresh jar for its own short runs, and a
 * failing cell (an identity or a calibration figure out of tolerance is an assert) fails the test with the cell and
 * its error. The executed copies, their HTML and nbconvert's log stay in {@code target/notebooks/}. Needs
 * {@code jupyter-nbconvert} and a python3 kernel with pandas and matplotlib: {@code .ci/setup-notebooks} installs
 * the Debian packages; without them the test is skipped unless CI promised them.
 */
class NotebooksIT {
    static final Path EXECUTED = Path.of("target", "notebooks");
    /** Seconds a notebook may run (its cells' runs are meant to take well under a minute on 2 idle cores). */
    static final long TIMEOUT_SECONDS = 900;
    static final String NBCONVERT = "jupyter-nbconvert";

    static Stream<Path> notebooks() throws IOException {
        return NotebookRules.all().stream();
    }

    @BeforeAll
    static void nbconvertIsHere() throws IOException, InterruptedException {
        boolean here = ExternalTools.onPath(NBCONVERT) && run(List.of(NBCONVERT, "--version"),
                EXECUTED.resolve("nbconvert-version.log"), 60) == 0;
        ExternalTools.assumeOrRequire("notebooks", here, NBCONVERT + " is not on the PATH or does not run");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void executesWithoutAnError(Path notebook) throws IOException, InterruptedException {
        String stem = NotebookRules.stem(notebook);
        Path log = EXECUTED.resolve(stem + ".log");
        Path executed = EXECUTED.resolve(notebook.getFileName());
        Files.deleteIfExists(executed);
        int code = run(List.of(NBCONVERT, "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=" + TIMEOUT_SECONDS, "--output-dir", EXECUTED.toString(),
                notebook.toString()), log, TIMEOUT_SECONDS + 60);
        assertEquals(0, code, notebook + " failed (nbconvert exit " + code + "; executed copy and log in " + EXECUTED
                + "):\n" + tail(log, 6000));
        JsonNode nb = new ObjectMapper().readTree(executed.toFile());
        List<String> unrun = new ArrayList<>();
        int i = 0;
        for (JsonNode c : nb.path("cells")) {
            if (c.path("cell_type").asText().equals("code")) {
                if (c.path("execution_count").isNull()) unrun.add("cell " + i + " not executed");
                for (JsonNode o : c.path("outputs"))
                    if (o.path("output_type").asText().equals("error"))
                        unrun.add("cell " + i + ": " + o.path("ename").asText() + ": " + o.path("evalue").asText());
            }
            i++;
        }
        assertEquals(List.of(), unrun, executed.toString());
        int html = run(List.of(NBCONVERT, "--to", "html", "--output-dir", EXECUTED.toString(), executed.toString()),
                EXECUTED.resolve(stem + ".html.log"), 300);
        assertEquals(0, html, "HTML of " + executed + ":\n" + tail(EXECUTED.resolve(stem + ".html.log"), 3000));
    }

    /** Runs a command from the checkout, its output into {@code log}; its exit code, or -1 if killed at the limit. */
    static int run(List<String> command, Path log, long seconds) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DATACAP_SIM_ROOT", Path.of("").toAbsolutePath().toString());
        pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");   // ipykernel's debugger warning on every start
        Process p = pb.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            Files.writeString(log, "\nkilled after " + seconds + " s\n", StandardOpenOption.APPEND);
            return -1;
        }
        return p.exitValue();
    }

    /**
     * The end of a log, from the failing cell when nbconvert names one (its own stack before that says nothing),
     * without the terminal colours of Python's tracebacks.
     */
    static String tail(Path log, int chars) throws IOException {
        String s = Files.exists(log) ? Files.readString(log).replaceAll("\u001B\\[[;\\d]*m", "") : "(no log)";
        int cell = s.indexOf("An error occurred while executing the following cell");
        if (cell >= 0) s = s.substring(cell);
        if (s.length() <= chars) return s;
        return s.substring(0, chars / 3) + "\n...\n" + s.substring(s.length() - 2 * chars / 3);
    }
}
