package datacapsim.report;

import static datacapsim.report.HtmlPage.esc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.jfree.chart.JFreeChart;

/**
 * The charts of one sweep report: each gets a unique file-name-safe id, and up to {@code max} are drawn (PNG and SVG
 * in the chart folder); past that a chart's section keeps its title and reading but no picture, and is counted as
 * left out.
 */
final class ChartBudget {
    private final Path chartsDir;
    private final int max;
    private final Set<String> ids = new HashSet<>();
    private int drawn;
    private int leftOut;

    ChartBudget(Path chartsDir, int max) {
        this.chartsDir = chartsDir;
        this.max = max;
    }

    /** How many charts were left out so far. */
    int leftOut() { return leftOut; }

    /** The most charts this report draws. */
    int max() { return max; }

    /** Draws a chart (PNG and SVG) and its section, or, past the cap, the section without the picture. */
    void chart(StringBuilder b, String rawId, String title, String reading, Supplier<JFreeChart> make,
               String extraHtml) {
        String base = SweepReport.sanitize(rawId);
        String id = base;
        for (int k = 2; !ids.add(id); k++) id = base + "-" + k;
        b.append("<section class=\"chart\" id=\"").append(esc(id)).append("\"><h3>").append(esc(title))
                .append("</h3><p class=\"reading\">").append(esc(reading)).append("</p>\n");
        if (drawn < max) {
            JFreeChart chart = make.get();
            try {
                ChartRenderer.writePng(chart, chartsDir.resolve(id + ".png"));
                String svg = ChartRenderer.svg(chart, "svg-" + id);
                ChartRenderer.writeSvg(svg, chartsDir.resolve(id + ".svg"));
                b.append(svg).append("\n<p class=\"meta\">Also as charts/").append(esc(id)).append(".png and charts/")
                        .append(esc(id)).append(".svg</p>");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write chart " + id, e);
            }
            drawn++;
        } else {
            leftOut++;
            b.append("<p class=\"meta\">(Chart left out: a report draws at most ").append(max).append(" charts.)</p>");
        }
        b.append(extraHtml).append("</section>\n");
    }
}
