package datacapsim.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * Builds a run's charts ({@code charts/<id>.png} and {@code .svg}) and {@code report.html} from the files in its
 * folder alone — timeseries.csv, scenario.resolved.yaml and manifest.json when present — so a report can be rebuilt
 * from a finished run without rerunning it. The page is self-contained: inline SVG and CSS, nothing fetched.
 */
public final class ReportBuilder {
    private ReportBuilder() {}

    /** A key outcome: label, value as shown, unit. */
    public record Outcome(String label, String value, String unit) {}

    /** Writes charts and report.html into {@code runDir}; returns the report's path. */
    public static Path build(Path runDir) {
        Path csv = runDir.resolve("timeseries.csv");
        if (!Files.exists(csv)) throw new IllegalArgumentException(runDir + " has no timeseries.csv: not a run folder");
        TimeseriesTable t = TimeseriesTable.read(csv);
        try {
            Path charts = runDir.resolve("charts");
            Files.createDirectories(charts);
            List<String> sections = new ArrayList<>();
            for (ChartSpec spec : Charts.forTable(t)) {
                JFreeChart chart = ChartRenderer.chart(spec, t);
                ChartRenderer.writePng(chart, charts.resolve(spec.id() + ".png"));
                String svg = ChartRenderer.svg(chart, spec.id());
                ChartRenderer.writeSvg(svg, charts.resolve(spec.id() + ".svg"));
                sections.add(HtmlPage.chartSection(spec.title(), spec.reading().apply(t), svg, spec.id()));
            }
            JsonNode scenario = readYaml(runDir.resolve("scenario.resolved.yaml"));
            String resolved = readText(runDir.resolve("scenario.resolved.yaml"));
            JsonNode manifest = readJson(runDir.resolve("manifest.json"));
            // at run time the folder still has its temporary name (".<run id>.tmp-…"): show the name it is published under
            String runId = runDir.getFileName().toString().replaceFirst("^\\.(.*)\\.tmp-.*$", "$1");
            String html = HtmlPage.render(scenario, resolved, manifest, outcomes(t), sections, runId);
            Path report = runDir.resolve("report.html");
            Files.writeString(report, html, StandardCharsets.UTF_8);
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report in " + runDir, e);
        }
    }

    /** The run's key outcomes from the last row (those whose columns the file has). */
    public static List<Outcome> outcomes(TimeseriesTable t) {
        List<Outcome> out = new ArrayList<>();
        out.add(new Outcome("days simulated", t.last("day"), "days"));
        add(out, t, "DataCap minted to clients and contracts", "datacap_minted_bytes", DisplayUnits.PIB, "PiB");
        add(out, t, "DataCap claimed (turned into QA power)", "datacap_claimed_bytes", DisplayUnits.PIB, "PiB");
        add(out, t, "DataCap in unclaimed allocations", "datacap_allocation_pending_bytes", DisplayUnits.PIB, "PiB");
        add(out, t, "DataCap idle with clients", "datacap_client_balance_bytes", DisplayUnits.PIB, "PiB");
        add(out, t, "DataCap idle in contracts", "datacap_contract_balance_bytes", DisplayUnits.PIB, "PiB");
        add(out, t, "DataCap returned from expired allocations", "datacap_expired_returned_bytes", DisplayUnits.PIB, "PiB");
        add(out, t, "QA power at the end", "qa_power_bytes", DisplayUnits.PIB, "PiB");
        add(out, t, "block reward earned by the simulated providers", "reward_emitted_attofil", DisplayUnits.FIL, "FIL");
        add(out, t, "FIL withdrawn (rewards and released pledge)", "reward_withdrawn_attofil", DisplayUnits.FIL, "FIL");
        add(out, t, "FIL withdrawn that reached providers", "payout_to_sp_attofil", DisplayUnits.FIL, "FIL");
        add(out, t, "rewards burned by SLA payouts", "payout_burned_attofil", DisplayUnits.FIL, "FIL");
        add(out, t, "fees burned", "fees_burned_attofil", DisplayUnits.FIL, "FIL");
        add(out, t, "pledge locked at the end", "pledge_locked_attofil", DisplayUnits.FIL, "FIL");
        add(out, t, "mean SLA score at the end", "sla_score_mean", DisplayUnits.ONE, "");
        add(out, t, "ten largest providers' share of verified bytes in active sectors", "datacap_top10_share_by_provider", DisplayUnits.ONE, "");
        add(out, t, "abusive clients' share of claimed DataCap", "abuse_datacap_share", DisplayUnits.ONE, "");
        add(out, t, "calls refused", "calls_refused", DisplayUnits.ONE, "calls");
        return out;
    }

    private static void add(List<Outcome> out, TimeseriesTable t, String label, String column, java.math.BigDecimal scale, String unit) {
        if (t.has(column) && t.last(column) != null && !t.last(column).isEmpty()) {
            String raw = t.last(column);
            // counts stay whole numbers ("12,892 calls"); scaled amounts get the usual significant digits
            String shown = scale.equals(DisplayUnits.ONE) && raw.matches("-?\\d+") ? String.format(java.util.Locale.ROOT, "%,d", new java.math.BigInteger(raw))
                    : DisplayUnits.fmt(DisplayUnits.scaled(raw, scale));
            out.add(new Outcome(label, shown, unit));
        }
    }

    private static String readText(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
    }

    private static JsonNode readYaml(Path p) throws IOException {
        return Files.exists(p) ? new ObjectMapper(new YAMLFactory()).readTree(p.toFile()) : null;
    }

    private static JsonNode readJson(Path p) throws IOException {
        return Files.exists(p) ? new ObjectMapper().readTree(p.toFile()) : null;
    }
}
