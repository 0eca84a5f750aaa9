package datacapsim.run;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import datacapsim.testing.JarRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar records the commit it was built from, wherever it is run: a run and a sweep started from a folder
 * outside the checkout, itself another git repository (where asking git at run time would name the wrong commit),
 * write this checkout's {@code git rev-parse HEAD} and dirty state into the manifest and sweep.json, and
 * {@code --version} names it.
 */
class ProvenanceIT {
    @TempDir
    Path tmp;

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path REPO = Path.of("").toAbsolutePath();

    @Test
    void theJarRecordsTheCheckoutsCommitWhereverItRuns() throws Exception {
        boolean checkout = Files.exists(REPO.resolve(".git"));
        String head = checkout ? JarRun.program(REPO, "git", "rev-parse", "HEAD").trim() : "unknown";
        Boolean dirty = checkout ? !JarRun.program(REPO, "git", "status", "--porcelain").isBlank() : null;

        // elsewhere: a folder that is a git repository of its own, with another commit
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        JarRun.program(elsewhere, "git", "init", "-q");
        JarRun.program(elsewhere, "git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q",
                "--allow-empty", "-m", "another repository");
        String otherHead = JarRun.program(elsewhere, "git", "rev-parse", "HEAD").trim();
        assertNotEquals(head, otherHead);

        JarRun v = JarRun.of(elsewhere, 60, "--version");
        assertTrue(v.out().contains("built from commit " + head), v.out());
        String scenario = REPO.resolve("src/test/resources/small-direct.yaml").toString();
        JarRun r = JarRun.of(elsewhere, 300, "run", scenario, "--days", "3", "--no-report", "--out", "out");
        assertEquals(0, r.code(), r.err());
        Path runDir;
        try (Stream<Path> s = Files.list(elsewhere.resolve("out/small-direct"))) {
            runDir = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        JsonNode m = JSON.readTree(runDir.resolve("manifest.json").toFile());
        assertEquals(head, m.path("git_commit").asText(), "the manifest names the commit the jar was built from");
        assertEquals(dirty == null, m.path("git_dirty").isNull());
        if (dirty != null)
            assertEquals(dirty, m.path("git_dirty").asBoolean(), "git_dirty is git status at build time");
        assertEquals(BuildInfo.current().version(), m.path("tool_version").asText());

        Path sweep = elsewhere.resolve("sweep.yaml");
        Files.writeString(sweep, """
                extends: %s
                name: prov-it
                horizonDays: 3
                providers:
                  count: 4
                sweep:
                  replications: 1
                  parameters:
                    - path: clients.count
                      values: [8, 12]
                """.formatted(scenario));
        r = JarRun.of(elsewhere, 300, "sweep", "sweep.yaml", "--threads", "2", "--out", "sweeps");
        assertEquals(0, r.code(), r.err());
        JsonNode sj = JSON.readTree(elsewhere.resolve("sweeps/prov-it/sweep.json").toFile());
        assertEquals(head, sj.path("git_commit").asText(), "sweep.json names the commit the jar was built from");
        assertEquals(2, sj.path("run_commits").path(head).asLong(), "both runs made by that commit");
        if (dirty != null) assertEquals(dirty, sj.path("git_dirty").asBoolean());
    }
}
