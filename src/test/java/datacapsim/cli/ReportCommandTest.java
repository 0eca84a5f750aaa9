package datacapsim.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path out;

    @Test
    void runEndsWithTheKeyOutcomesAndTheReportPathAndReportRebuildsIt() throws Exception {
        StringWriter text = new StringWriter();
        int code = Main.execute(new PrintWriter(text, true), new PrintWriter(new StringWriter(), true),
                "run", "src/test/resources/small-direct.yaml", "--days", "20", "--events", "--out", out.toString());
        assertEquals(0, code);
        Path dir = out.resolve("small-direct/seed-20260704");
        String printed = text.toString();
        assertTrue(printed.contains("DataCap claimed (turned into QA power)"), printed);
        assertTrue(printed.contains("report:  " + dir.resolve("report.html")), printed);
        for (String f : new String[] {"manifest.json", "scenario.resolved.yaml", "timeseries.csv", "summary.csv", "agents.csv",
                "events.csv.gz", "report.html", "charts/datacap-levels.png", "charts/datacap-levels.svg"})
            assertTrue(Files.exists(dir.resolve(f)), f);
        byte[] html = Files.readAllBytes(dir.resolve("report.html"));
        Files.delete(dir.resolve("report.html"));
        assertEquals(0, Main.execute("report", dir.toString()));
        assertArrayEquals(html, Files.readAllBytes(dir.resolve("report.html")), "rebuilt from the files alone, identical");
    }

    @Test
    void reportRefusesAFolderThatIsNotARun() {
        assertEquals(2, Main.execute("report", out.toString()));
    }

    @Test
    void reasonNamesAreSnakeCase() {
        assertEquals("sla_allocator_global_rate_limit_exceeded",
                datacapsim.metrics.ProbesAccess.snake("SLAAllocator.GlobalRateLimitExceeded"));
        assertEquals("onramp_client_locked", datacapsim.metrics.ProbesAccess.snake("OnRamp.ClientLocked"));
        assertEquals("verifreg_caller_not_verifier", datacapsim.metrics.ProbesAccess.snake("verifreg.caller_not_verifier"));
    }
}
