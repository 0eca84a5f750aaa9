package datacapsim.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The self-contained report page: question, key outcomes, charts with a one-line reading, parameters, provenance. */
final class HtmlPage {
    private HtmlPage() {}

    static final String CSS = """
            body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
            h1{margin-bottom:.2em}h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}
            .question{font-size:1.2em;background:#f4f7fb;border-left:4px solid #1f77b4;padding:.6em 1em}
            .meta{color:#666}table{border-collapse:collapse;margin:.5em 0}td,th{padding:.3em .8em;border-bottom:1px solid #eee;text-align:left}
            td.num{text-align:right;font-variant-numeric:tabular-nums}.reading{margin:.3em 0 .5em}
            section.chart svg{width:100%;height:auto}pre{background:#f7f7f7;padding:1em;overflow:auto;font-size:.85em}
            nav a{margin-right:1em}
            """;

    static String chartSection(String title, String reading, String svg, String id) {
        return "<section class=\"chart\" id=\"" + esc(id) + "\"><h3>" + esc(title) + "</h3><p class=\"reading\">" + esc(reading)
                + "</p>\n" + svg + "\n<p class=\"meta\">Also as charts/" + esc(id) + ".png and charts/" + esc(id) + ".svg</p></section>";
    }

    static String render(JsonNode scenario, String resolvedYaml, JsonNode manifest, List<ReportBuilder.Outcome> outcomes,
                         List<String> charts, String runId) {
        String name = text(scenario, "name", runId);
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(name))
                .append(" — datacap-sim report</title><style>").append(CSS).append("</style></head><body>\n");
        b.append("<h1>").append(esc(name)).append("</h1>\n");
        b.append("<p class=\"meta\">design ").append(esc(text(scenario, "design", "?"))).append(", variant ")
                .append(esc(text(scenario, "variant", "?"))).append(", seed ").append(esc(text(scenario, "seed", "?")))
                .append(", ").append(esc(text(scenario, "horizonDays", "?"))).append(" days, run ").append(esc(runId)).append("</p>\n");
        String question = text(scenario, "question", "");
        if (!question.isBlank()) b.append("<p class=\"question\">").append(esc(question)).append("</p>\n");
        String description = text(scenario, "description", "");
        if (!description.isBlank()) b.append("<p>").append(esc(description)).append("</p>\n");
        b.append("<nav><a href=\"#outcomes\">Key outcomes</a><a href=\"#charts\">Charts</a><a href=\"#parameters\">Parameters</a>")
                .append("<a href=\"#provenance\">Provenance</a></nav>\n");
        b.append("<h2 id=\"outcomes\">Key outcomes</h2>\n<table>");
        for (ReportBuilder.Outcome o : outcomes)
            b.append("<tr><td>").append(esc(o.label())).append("</td><td class=\"num\">").append(esc(o.value()))
                    .append("</td><td>").append(esc(o.unit())).append("</td></tr>");
        b.append("</table>\n<h2 id=\"charts\">Charts</h2>\n");
        for (String c : charts) b.append(c).append('\n');
        b.append("<h2 id=\"parameters\">Parameters</h2>\n<p class=\"meta\">Every field of the scenario as the run used it ")
                .append("(scenario.resolved.yaml).</p><pre>").append(esc(resolvedYaml == null ? "(no scenario.resolved.yaml)" : resolvedYaml))
                .append("</pre>\n<h2 id=\"provenance\">Provenance</h2>\n<table>");
        if (manifest != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = manifest.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isContainerNode()) continue;
                b.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(esc(e.getValue().asText())).append("</td></tr>");
            }
        } else {
            b.append("<tr><td>run folder</td><td>").append(esc(runId)).append("</td></tr>");
        }
        b.append("</table>\n<p class=\"meta\">Built by datacap-sim from the run's files alone; rebuild with ")
                .append("<code>./datacap-sim report DIR</code>.</p>\n</body></html>\n");
        return b.toString();
    }

    private static String text(JsonNode n, String field, String dflt) {
        if (n == null || n.get(field) == null || n.get(field).isNull()) return dflt;
        return n.get(field).asText();
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
