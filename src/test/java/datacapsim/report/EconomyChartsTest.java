package datacapsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's economic charts from synthetic timeseries files, with and without the columns they need. */
class EconomyChartsTest {
    /** Charts whose columns arrive from other branches: drawn only when the file has them. */
    static final List<String> OPTIONAL = List.of("strategy-mix", "service-levels", "premium-share", "attackers",
            "attacker-profit");
    /** Charts of the providers' books and the FIL price, whose columns every current run writes. */
    static final List<String> BOOKS = List.of("sp-pnl", "sp-costs", "fil-price");

    static final List<String> BOOK_COLUMNS = List.of("fil_price_usd", "sp_revenue_usd", "sp_cost_usd", "sp_profit_usd",
            "sp_financing_usd", "sp_cost_power_usd", "sp_cost_disks_usd", "sp_cost_bandwidth_usd", "sp_cost_staff_usd",
            "sp_cost_sealing_usd", "sp_cost_gas_usd", "sp_cost_extra_copy_usd", "sp_cost_bizdev_usd");
    static final List<String> NEW_COLUMNS = List.of("providers_strategy_fil_plus", "providers_strategy_cc",
            "providers_strategy_none", "service_level_minimal", "service_level_standard", "service_level_premium",
            "service_level_premium_share", "attackers_active", "attacker_profit_usd");

    @TempDir
    Path dir;

    /**
     * A timeseries of {@code days + 1} rows over {@code columns}: column k on day d holds (k + 1) × d, except shares
     * (d / 2 days, below 1) and the providers' and attackers' profit (−1.5 d, a loss).
     */
    static void writeCsv(Path runDir, List<String> columns, int days) throws IOException {
        writeCsv(runDir, columns, days, List.of());
    }

    /** As above, with the {@code empty} columns in the header but without a value on any day. */
    static void writeCsv(Path runDir, List<String> columns, int days, List<String> empty) throws IOException {
        StringBuilder b = new StringBuilder("day");
        for (String c : columns) b.append(',').append(c);
        b.append('\n');
        for (int d = 0; d <= days; d++) {
            b.append(d);
            for (int k = 0; k < columns.size(); k++) {
                String c = columns.get(k);
                double v = c.endsWith("_share") ? d / (2.0 * days) : (k + 1) * d;
                if (c.equals("sp_profit_usd") || c.equals("attacker_profit_usd")) v = -1.5 * d;
                b.append(',').append(empty.contains(c) ? "" : String.format(Locale.ROOT, "%.6f", v));
            }
            b.append('\n');
        }
        Files.createDirectories(runDir);
        Files.writeString(runDir.resolve("timeseries.csv"), b.toString(), StandardCharsets.UTF_8);
    }

    static List<String> ids(Path runDir) {
        return Charts.forTable(TimeseriesTable.read(runDir.resolve("timeseries.csv"))).stream().map(ChartSpec::id)
                .toList();
    }

    static ChartSpec spec(String id) {
        return EconomyCharts.ALL.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void aTimeseriesWithEveryColumnGetsEveryEconomicChartInThePageAndAsFiles() throws Exception {
        writeCsv(dir, concat(BOOK_COLUMNS, NEW_COLUMNS), 10);
        Path report = ReportBuilder.build(dir);
        String html = Files.readString(report);
        assertEquals(concat(BOOKS, OPTIONAL), ids(dir));
        for (ChartSpec c : EconomyCharts.ALL) {
            assertTrue(html.contains("<section class=\"chart\" id=\"" + c.id() + "\"><h3>" + HtmlPage.esc(c.title())
                    + "</h3>"), c.id() + " has its section, titled");
            assertTrue(Files.exists(dir.resolve("charts/" + c.id() + ".png")), c.id());
            Path svg = dir.resolve("charts/" + c.id() + ".svg");
            var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
            assertEquals("svg", doc.getDocumentElement().getNodeName(), svg + " is an SVG document");
        }
        assertTrue(html.contains("Providers' profit and loss (running totals)"));
        assertTrue(html.contains("Providers by onboarding strategy"));
        assertTrue(html.contains("Providers by service level"));
        assertTrue(html.contains("Attackers' profit (running total)"));
    }

    @Test
    void aTimeseriesWithoutTheNewColumnsStillBuildsWithoutTheirCharts() throws IOException {
        writeCsv(dir, BOOK_COLUMNS, 10);
        String html = Files.readString(ReportBuilder.build(dir));
        List<String> ids = ids(dir);
        assertTrue(ids.containsAll(BOOKS), ids.toString());
        for (String id : OPTIONAL) {
            assertFalse(ids.contains(id), id);
            assertFalse(html.contains("id=\"" + id + "\""), id + " has no section");
            assertFalse(Files.exists(dir.resolve("charts/" + id + ".svg")), id);
            assertFalse(Files.exists(dir.resolve("charts/" + id + ".png")), id);
        }
    }

    @Test
    void anOldRunWithoutTheBooksBuildsWithNoEconomicChart() throws IOException {
        writeCsv(dir, List.of("qa_power_bytes", "raw_power_bytes"), 10);
        String html = Files.readString(ReportBuilder.build(dir));
        assertEquals(List.of("power"), ids(dir));
        for (ChartSpec c : EconomyCharts.ALL) {
            assertFalse(html.contains("id=\"" + c.id() + "\""), c.id());
            assertFalse(Files.exists(dir.resolve("charts/" + c.id() + ".svg")), c.id());
        }
    }

    @Test
    void aChartWithOneOfItsColumnsMissingOrEmptyIsLeftOut() throws IOException {
        List<String> columns = concat(BOOK_COLUMNS, NEW_COLUMNS);
        columns.remove("providers_strategy_none");
        columns.remove("sp_cost_gas_usd");
        // an empty column (in the header, no value on any day) counts as missing
        writeCsv(dir, columns, 10, List.of("attackers_active"));
        String html = Files.readString(ReportBuilder.build(dir));
        List<String> ids = ids(dir);
        for (String id : List.of("strategy-mix", "sp-costs", "attackers")) {
            assertFalse(ids.contains(id), id + " in " + ids);
            assertFalse(html.contains("id=\"" + id + "\""), id);
        }
        assertTrue(ids.containsAll(List.of("sp-pnl", "service-levels", "premium-share", "attacker-profit")),
                ids.toString());
        assertTrue(html.contains("with – attackers active"), "the profit chart's reading without a count");
    }

    @Test
    void readingsStateTheLastDaysUsdAmounts() throws IOException {
        writeCsv(dir, concat(BOOK_COLUMNS, NEW_COLUMNS), 10);
        TimeseriesTable t = TimeseriesTable.read(dir.resolve("timeseries.csv"));
        // revenue is column 2 (2 × 10 = 20), cost column 3 (30), profit −1.5 × 10, financing column 5 (50)
        String pnl = EconomyCharts.readPnl(t);
        assertEquals("By day 10 the providers earned 20.0 USD and spent 30.0 USD (50.0 USD of it financing the "
                + "locked pledge): a profit of -15.0 USD.", pnl);
        // the last cost kind (business development, column 13) is the largest: 130 of (6 + 7 + … + 13) × 10 = 760
        String costs = EconomyCharts.readCosts(t);
        assertEquals("Of 760.0 USD of costs by kind, the largest is business development: 130.0 USD (17.1 %).", costs);
        // attackers_active is column 21: 210 on day 10
        String attackers = EconomyCharts.readAttackerProfit(t);
        assertEquals("By day 10 the attackers' profit is -15.0 USD (a loss), with 210 attackers active at the end.",
                attackers);
        assertEquals("FIL starts at 0.00 USD per FIL and ends at 10.0 USD per FIL.",
                spec("fil-price").reading().apply(t));
        // strategies are columns 14 to 16, service levels 17 to 19
        assertEquals("On day 10, 140 providers onboard FIL+ deals, 150 committed capacity and 160 nothing.",
                spec("strategy-mix").reading().apply(t));
        assertEquals("On day 10, 170 providers serve at the minimal level, 180 at the standard and 190 at the premium "
                + "level.", spec("service-levels").reading().apply(t));
        assertEquals("At the end 50.0 % of the providers serve at the premium level.",
                spec("premium-share").reading().apply(t));
    }
}
