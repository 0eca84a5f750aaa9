package datacapsim.run;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** BuildInfo reads what the build recorded, and reads anything else as unknown rather than guessing. */
class BuildInfoTest {
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    static BuildInfo read(String text) throws IOException {
        return BuildInfo.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsVersionCommitAndDirtyFlag() throws IOException {
        BuildInfo b = read("version=1.2.3\ngit.commit=" + COMMIT + "\ngit.dirty=true\n");
        assertEquals(new BuildInfo("1.2.3", COMMIT, true), b);
        assertTrue(b.commitKnown());
        assertEquals(COMMIT + " (with changes not committed)", b.describe());
        BuildInfo clean = read("version=1.2.3\ngit.commit=" + COMMIT + "\ngit.dirty=false\n");
        assertEquals(Boolean.FALSE, clean.dirty());
        assertEquals(COMMIT, clean.describe());
    }

    @Test
    void aBuildWithoutGitIsUnknownNotGuessed() throws IOException {
        BuildInfo tarball = read("version=0.1.0\ngit.commit=unknown\ngit.dirty=unknown\n");
        assertEquals("unknown", tarball.commit());
        assertNull(tarball.dirty());
        assertFalse(tarball.commitKnown());
        // a dirty flag without a commit says nothing
        assertNull(read("git.commit=unknown\ngit.dirty=true\n").dirty());
        // not 40 lower-case hex digits: unknown
        for (String bad : new String[] {"abc123", COMMIT.toUpperCase(), COMMIT + "0", "${build.commit}", ""})
            assertEquals("unknown", read("git.commit=" + bad + "\n").commit(), bad);
        assertNull(read("git.commit=" + COMMIT + "\ngit.dirty=maybe\n").dirty());
        BuildInfo none = BuildInfo.read(null);
        assertEquals(new BuildInfo("unknown", "unknown", null), none);
    }

    @Test
    void theCurrentBuildIsThePomsVersionAndACommitOrUnknown() throws IOException {
        BuildInfo b = BuildInfo.current();
        Matcher m = Pattern.compile("<artifactId>datacap-sim</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find(), "the pom's version");
        assertEquals(m.group(1), b.version(), "the build recorded the pom's version");
        assertEquals(b.version(), Manifest.VERSION);
        assertTrue(b.commit().matches("[0-9a-f]{40}") || b.commit().equals("unknown"), b.commit());
    }
}
