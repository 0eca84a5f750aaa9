package datacapsim.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import datacapsim.report.RunStatus;
import datacapsim.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * manifest.json: what was run and how it ended — scenario name, SHA-256 of the resolved scenario, seed, design,
 * variant, the build that ran it (tool version, git commit, whether the tree had changes not committed: see
 * {@link BuildInfo}; recorded in the jar, so the same wherever the tool is run from), start time, wall seconds, status
 * (running, complete, failed) and the error. The only file of a run that carries times; every other output is a
 * function of scenario and seed.
 */
public final class Manifest {
    /** The tool version this build records (the pom's). */
    public static final String VERSION = BuildInfo.current().version();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> fields = new LinkedHashMap<>();

    public Manifest(Scenario s, String resolvedYaml, Instant started) {
        fields.put("scenario", s.name());
        fields.put("scenario_sha256", sha256(resolvedYaml));
        fields.put("seed", s.seed());
        fields.put("design", s.design().word());
        fields.put("variant", s.variant().word());
        fields.put("horizon_days", s.horizonDays());
        BuildInfo build = BuildInfo.current();
        fields.put("tool_version", build.version());
        fields.put("git_commit", build.commit());
        fields.put("git_dirty", build.dirty());
        fields.put("started_at", started.toString());
        fields.put("wall_seconds", null);
        fields.put("status", RunStatus.RUNNING.word());
        fields.put("error", null);
    }

    /** Records whether the run checked the invariants after every step (a sweep resumes only runs checked as asked). */
    public Manifest invariantsChecked(boolean checked) {
        fields.put("invariants_checked", checked);
        return this;
    }

    public Manifest complete(double wallSeconds, long rows) {
        fields.put("wall_seconds", Math.round(wallSeconds * 1000) / 1000.0);
        fields.put("status", RunStatus.COMPLETE.word());
        fields.put("daily_rows", rows);
        return this;
    }

    public Manifest failed(double wallSeconds, Throwable error) {
        fields.put("wall_seconds", Math.round(wallSeconds * 1000) / 1000.0);
        fields.put("status", RunStatus.FAILED.word());
        fields.put("error", error.toString());
        return this;
    }

    public void write(Path dir) throws IOException {
        Files.writeString(dir.resolve("manifest.json"), JSON.writeValueAsString(fields) + "\n", StandardCharsets.UTF_8);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
