package datacapsim.report;

import static org.junit.jupiter.api.Assertions.*;

import datacapsim.run.RunResult;
import datacapsim.run.Runner;
import datacapsim.scenario.Overrides;
import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioLoader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportBuilderTest {
    @TempDir
    static Path out;

    static Path runDir;

    @BeforeAll
    static void run() {
        var loaded = ScenarioLoader.load(Path.of("src/test/resources/small-direct.yaml"));
        Scenario s = Overrides.override(loaded, Overrides.partial("horizonDays: 60", "test"), Map.of()).scenario();
        RunResult r = Runner.run(s, out, true, ReportBuilder::build);
        runDir = r.dir();
    }

    @Test
    void theRunFolderHoldsTheReportAndItsCharts() throws IOException {
        assertTrue(Files.exists(runDir.resolve("report.html")));
        List<String> ids = Charts.forTable(TimeseriesTable.read(runDir.resolve("timeseries.csv"))).stream().map(ChartSpec::id).toList();
        assertTrue(ids.containsAll(List.of("datacap-levels", "allowances", "power", "rewards", "miner-balances", "calls",
                "sp-pnl", "sp-costs", "fil-price")), ids.toString());
        for (String id : ids) {
            assertTrue(Files.exists(runDir.resolve("charts/" + id + ".png")), id);
            assertTrue(Files.exists(runDir.resolve("charts/" + id + ".svg")), id);
        }
    }

    @Test
    void chartFilesAreValidPngAndSvg() throws Exception {
        try (Stream<Path> files = Files.list(runDir.resolve("charts"))) {
            for (Path f : files.toList()) {
                if (f.toString().endsWith(".png")) {
                    BufferedImage img = ImageIO.read(f.toFile());
                    assertNotNull(img, f + " is a readable PNG");
                    assertEquals(ChartRenderer.WIDTH, img.getWidth());
                    assertEquals(ChartRenderer.HEIGHT, img.getHeight());
                } else {
                    var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile());
                    assertEquals("svg", doc.getDocumentElement().getNodeName(), f + " is an SVG document");
                }
            }
        }
    }

    @Test
    void aReportRebuiltFromTheFilesEqualsTheOneWrittenAtRunTime() throws IOException {
        byte[] html = Files.readAllBytes(runDir.resolve("report.html"));
        byte[] svg = Files.readAllBytes(runDir.resolve("charts/power.svg"));
        byte[] png = Files.readAllBytes(runDir.resolve("charts/power.png"));
        ReportBuilder.build(runDir);
        assertArrayEquals(html, Files.readAllBytes(runDir.resolve("report.html")));
        assertArrayEquals(svg, Files.readAllBytes(runDir.resolve("charts/power.svg")));
        assertArrayEquals(png, Files.readAllBytes(runDir.resolve("charts/power.png")));
    }

    @Test
    void theReportIsTheSameBytesInAnyLocale() throws IOException {
        byte[] html = Files.readAllBytes(runDir.resolve("report.html"));
        byte[] svg = Files.readAllBytes(runDir.resolve("charts/power.svg"));
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY); // decimal comma, dot for thousands
            ReportBuilder.build(runDir);
        } finally {
            java.util.Locale.setDefault(before);
        }
        assertArrayEquals(html, Files.readAllBytes(runDir.resolve("report.html")));
        assertArrayEquals(svg, Files.readAllBytes(runDir.resolve("charts/power.svg")));
    }

    @Test
    void theReportIsSelfContainedAndOpensWithTheQuestion() throws IOException {
        String html = Files.readString(runDir.resolve("report.html"));
        assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "nothing fetched from the network");
        assertFalse(html.contains("<script"), "no scripts");
        int question = html.indexOf("class=\"question\"");
        int outcomes = html.indexOf("id=\"outcomes\"");
        int charts = html.indexOf("id=\"charts\"");
        assertTrue(question > 0 && question < outcomes && outcomes < charts, "question, then key outcomes, then charts");
        assertTrue(html.contains("In the standard DDO flow"), "the scenario's question");
        assertTrue(html.contains("<svg"), "charts inline");
        assertTrue(html.contains("DataCap claimed"), "key outcomes table");
        assertTrue(html.contains("horizonDays: 60"), "parameters as resolved");
    }

    @Test
    void readingsStateTheNumbersOfTheLastDay() {
        TimeseriesTable t = TimeseriesTable.read(runDir.resolve("timeseries.csv"));
        String reading = Charts.readLevels(t);
        assertTrue(reading.contains("by day 60"), reading);
        double minted = DisplayUnits.scaled(t.last("datacap_minted_bytes"), DisplayUnits.PIB);
        assertTrue(reading.contains(DisplayUnits.fmt(minted) + " PiB minted"), reading);
    }

    @Test
    void aChartIsLeftOutWhenItsColumnsAreMissing() {
        TimeseriesTable t = TimeseriesTable.read(runDir.resolve("timeseries.csv"));
        List<String> ids = Charts.forTable(t).stream().map(ChartSpec::id).toList();
        assertTrue(t.has("sla_score_mean"), "the column is there in every design");
        assertFalse(t.hasValues("sla_score_mean"), "but stays empty without Beneficiaries");
        assertFalse(ids.contains("sla-score"));
    }

    @Test
    void aFolderWithoutTimeseriesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ReportBuilder.build(out));
    }
}
