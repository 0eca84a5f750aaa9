package datacapsim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/** Draws a {@link ChartSpec} with JFreeChart and writes it as PNG and SVG. */
public final class ChartRenderer {
    static final int WIDTH = 960;
    static final int HEIGHT = 440;
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ChartRenderer() {}

    public static JFreeChart chart(ChartSpec spec, TimeseriesTable t) {
        double[] days = t.column("day", DisplayUnits.ONE);
        JFreeChart chart;
        if (spec.kind() == ChartSpec.Kind.STACKED) {
            DefaultTableXYDataset ds = new DefaultTableXYDataset();
            for (ChartSpec.Series s : spec.series()) ds.addSeries(series(s, t, spec, days, false));
            chart = ChartFactory.createStackedXYAreaChart(spec.title(), "day", spec.yLabel(), ds, PlotOrientation.VERTICAL,
                    true, false, false);
        } else {
            XYSeriesCollection ds = new XYSeriesCollection();
            for (ChartSpec.Series s : spec.series()) ds.addSeries(series(s, t, spec, days, spec.kind() == ChartSpec.Kind.DAILY));
            chart = ChartFactory.createXYLineChart(spec.title(), "day", spec.yLabel(), (XYDataset) ds, PlotOrientation.VERTICAL,
                    true, false, false);
        }
        style(chart);
        return chart;
    }

    /** Most points a series draws: long runs are sampled (every k-th day and the last) to keep the SVGs small. */
    static final int MAX_POINTS = 400;

    /** The row indices a chart draws: every {@code stride}-th row, always the first and the last. */
    static int[] sampled(int rows) {
        int stride = Math.max(1, (int) Math.ceil((rows - 1) / (double) MAX_POINTS));
        int n = (rows - 1) / stride + 1 + ((rows - 1) % stride == 0 ? 0 : 1);
        int[] idx = new int[n];
        for (int k = 0; k < n; k++) idx[k] = Math.min(rows - 1, k * stride);
        return idx;
    }

    /**
     * A series at the sampled rows: the values themselves, or for running totals drawn per day the average daily
     * increment over each sampled interval.
     */
    private static XYSeries series(ChartSpec.Series s, TimeseriesTable t, ChartSpec spec, double[] days, boolean daily) {
        double[] v = t.column(s.column(), spec.scale());
        XYSeries xy = new XYSeries(s.label(), true, false);
        int[] idx = sampled(v.length);
        for (int k = 0; k < idx.length; k++) {
            int i = idx[k];
            double y;
            if (!daily) y = v[i];
            else if (k == 0) y = 0;
            else y = (v[i] - v[idx[k - 1]]) / (days[i] - days[idx[k - 1]]);
            if (Double.isNaN(y)) {
                if (spec.kind() == ChartSpec.Kind.STACKED) xy.add(days[i], 0); // stacked areas need every x; nothing to stack
                continue; // lines leave a gap where a day has no value (e.g. no provider scored yet)
            }
            xy.add(days[i], y);
        }
        return xy;
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font("SansSerif", Font.BOLD, 15));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setOutlineVisible(false);
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(true);
        // tick labels in one locale, so charts are the same bytes on every machine
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createStandardTickUnits(java.util.Locale.ROOT));
        ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createStandardTickUnits(java.util.Locale.ROOT));
        XYItemRenderer r = plot.getRenderer();
        for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            r.setSeriesStroke(i, new BasicStroke(2f));
        }
        if (chart.getLegend() != null) chart.getLegend().setItemFont(new Font("SansSerif", Font.PLAIN, 12));
    }

    public static void writePng(JFreeChart chart, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        }
    }

    /** The chart as an SVG element (ids prefixed by {@code id}, so several can sit in one page). */
    public static String svg(JFreeChart chart, String id) {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        g.setDefsKeyPrefix(id + "-");
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        return g.getSVGElement(id);
    }

    public static void writeSvg(String svgElement, Path file) throws IOException {
        Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svgElement + "\n", StandardCharsets.UTF_8);
    }
}
