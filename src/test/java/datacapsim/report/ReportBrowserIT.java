package datacapsim.report;

import static org.junit.jupiter.api.Assertions.*;

import datacapsim.testing.ExternalTools;
import datacapsim.testing.JarRun;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.remote.CapabilityType;

/**
 * A run's and a sweep's report.html, made by the packaged jar, opened in headless Chromium (Debian's chromium driven
 * through its chromedriver by Selenium): the page loads with no console error nor uncaught exception, and the first
 * screen (1280×900) is not blank. The screenshots are kept in target/browser/ for a person to look at. A page with a
 * deliberate script error and a missing image checks that such errors are caught.
 */
class ReportBrowserIT {
    static final int WIDTH = 1280;
    static final int HEIGHT = 900;
    static final Path REPO = Path.of("").toAbsolutePath();
    static final Path SHOTS = Path.of(System.getProperty("datacap.browser.dir", "target/browser")).toAbsolutePath();

    @TempDir
    Path tmp;

    static Path chromium;
    static Path chromedriver;
    /** Selenium warns that it has no DevTools binding for this Chromium; the test does not use DevTools. */
    static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    @BeforeAll
    static void needsChromium() {
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
        chromium = ExternalTools.find("chromium").orElse(null);
        chromedriver = ExternalTools.find("chromedriver").orElse(null);
        ExternalTools.assumeOrRequire("chromium", chromium != null && chromedriver != null,
                "chromium or chromedriver is not on the PATH (Debian packages chromium, chromium-driver)");
    }

    /** What the browser showed and said for one page. */
    record Visit(BufferedImage screen, List<LogEntry> errors, List<LogEntry> all) {}

    /** Opens {@code page} in a fresh headless Chromium and returns its first screen and console; always quits it. */
    Visit visit(Path page, String name) throws IOException {
        Path profile = Files.createTempDirectory(tmp, "chromium-profile-");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(chromium.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT, "--hide-scrollbars",
                "--force-device-scale-factor=1", "--no-first-run", "--no-default-browser-check");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        o.setCapability(CapabilityType.PAGE_LOAD_STRATEGY, "normal");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().withLogFile(tmp.resolve(name + "-chromedriver.log").toFile()).build();
        ChromeDriver driver = null;
        try {
            driver = new ChromeDriver(service, o);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(30));
            fitViewport(driver);
            driver.get(page.toUri().toString());
            Object ready = driver.executeScript("return document.readyState");
            assertEquals("complete", ready, name + ": the page finished loading");
            // every image decoded (a broken chart shows as an error in the console, and as naturalWidth 0 here)
            Object broken = ((JavascriptExecutor) driver).executeScript(
                    "return Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0)"
                            + ".map(i => i.src)");
            byte[] png = driver.getScreenshotAs(OutputType.BYTES);
            Files.createDirectories(SHOTS);
            Files.write(SHOTS.resolve(name + ".png"), png);
            List<LogEntry> all = driver.manage().logs().get(LogType.BROWSER).getAll();
            List<LogEntry> errors = new ArrayList<>();
            for (LogEntry e : all) if (e.getLevel().intValue() >= Level.SEVERE.intValue()) errors.add(e);
            if (broken instanceof List<?> l && !l.isEmpty())
                errors.add(new LogEntry(Level.SEVERE, 0, "images that did not load: " + l));
            return new Visit(ImageIO.read(new ByteArrayInputStream(png)), errors, all);
        } finally {
            if (driver != null) driver.quit();
            service.stop();
        }
    }

    /** Sizes the window so that the page's viewport (what a screenshot shows) is WIDTH × HEIGHT. */
    static void fitViewport(ChromeDriver driver) {
        driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        for (int i = 0; i < 3; i++) {
            long w = ((Number) driver.executeScript("return window.innerWidth")).longValue();
            long h = ((Number) driver.executeScript("return window.innerHeight")).longValue();
            if (w == WIDTH && h == HEIGHT) return;
            Dimension outer = driver.manage().window().getSize();
            driver.manage().window()
                    .setSize(new Dimension(outer.width + (int) (WIDTH - w), outer.height + (int) (HEIGHT - h)));
        }
    }

    /**
     * Fails when the screen is blank: fewer than 16 distinct colours, or the most common colour (the background)
     * covering more than 98 % of it.
     */
    static void assertNotBlank(BufferedImage img, String name) {
        assertNotNull(img, name + ": the screenshot is a PNG");
        Map<Integer, Integer> colours = new HashMap<>();
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++) colours.merge(img.getRGB(x, y), 1, Integer::sum);
        int top = colours.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        double background = top / (double) (img.getWidth() * img.getHeight());
        String what = String.format("%s: %d×%d, %d colours, background %.1f %%", name, img.getWidth(), img.getHeight(),
                colours.size(), 100 * background);
        System.out.println(what);
        assertEquals(WIDTH, img.getWidth(), what);
        assertEquals(HEIGHT, img.getHeight(), what);
        assertTrue(colours.size() >= 16 && background <= 0.98, "the first screen is blank: " + what);
    }

    static void assertNoErrors(Visit v, String name) {
        for (LogEntry e : v.all()) System.out.println(name + " console: " + e.getLevel() + " " + e.getMessage());
        assertTrue(v.errors().isEmpty(), name + ": console errors: "
                + v.errors().stream().map(e -> e.getLevel() + " " + e.getMessage()).toList());
    }

    static Path report(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().equals("report.html")).findFirst()
                    .orElseThrow(() -> new AssertionError("no report.html under " + root));
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aRunsReportOpensCleanly() throws Exception {
        JarRun r = JarRun.of(tmp, 300, "run", REPO.resolve("src/test/resources/small-direct.yaml").toString(),
                "--days", "60", "--out", "run");
        assertEquals(0, r.code(), r.err());
        Visit v = visit(report(tmp.resolve("run")), "run-report");
        assertNoErrors(v, "run report");
        assertNotBlank(v.screen(), "run report");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aSweepsReportOpensCleanly() throws Exception {
        Files.writeString(tmp.resolve("sweep.yaml"), """
                extends: %s
                name: browser-sweep
                horizonDays: 30
                sweep:
                  replications: 2
                  parameters:
                    - path: clients.count
                      values: [20, 60]
                """.formatted(REPO.resolve("src/test/resources/small-direct.yaml")));
        JarRun r = JarRun.of(tmp, 300, "sweep", "sweep.yaml", "--threads", "2", "--out", "sweeps");
        assertEquals(0, r.code(), r.err());
        Visit v = visit(tmp.resolve("sweeps/browser-sweep/report.html"), "sweep-report");
        assertNoErrors(v, "sweep report");
        assertNotBlank(v.screen(), "sweep report");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aBrokenPageIsCaught() throws Exception {
        Path page = tmp.resolve("broken.html");
        Files.writeString(page, "<!DOCTYPE html><html><body><h1>broken</h1><img src=\"missing.png\">"
                + "<script>throw new Error('uncaught on purpose');</script></body></html>");
        Visit v = visit(page, "broken-page");
        String messages = v.errors().stream().map(LogEntry::getMessage).toList().toString();
        assertTrue(messages.contains("uncaught on purpose"), "the uncaught exception is reported: " + messages);
        assertTrue(messages.contains("missing.png"), "the missing image is reported: " + messages);
        Files.deleteIfExists(SHOTS.resolve("broken-page.png"));
        BufferedImage blank = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        assertThrows(AssertionError.class, () -> assertNotBlank(blank, "an empty screen"));
    }
}
