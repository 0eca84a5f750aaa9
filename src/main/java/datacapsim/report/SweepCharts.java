package datacapsim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import datacapsim.report.SweepReportStats.Cell;
import datacapsim.report.SweepReportStats.Level;
import datacapsim.report.SweepReportStats.Swing;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultIntervalCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** The sweep report's chart kinds, drawn with JFreeChart in the run report's style (white, light grid, one palette). */
final class SweepCharts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private SweepCharts() {}

    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};
    private static final Color GRID = new Color(0xdddddd);
    private static final Font TITLE = new Font("SansSerif", Font.BOLD, 15);
    private static final Font SMALL = new Font("SansSerif", Font.PLAIN, 12);

    /**
     * Outcome against a factor, one line per series with a shaded band (the 95 % CI, or the range of point means):
     * on a numeric axis at the levels' values, or, with {@code categories}, at positions 0..k-1 labelled with them.
     */
    static JFreeChart bands(String title, String xLabel, String yLabel, List<String> names, List<List<Level>> series,
                            String[] categories) {
        YIntervalSeriesCollection ds = new YIntervalSeriesCollection();
        for (int s = 0; s < series.size(); s++) {
            YIntervalSeries ys = new YIntervalSeries(names.get(s));
            for (Level l : series.get(s)) ys.add(l.x(), l.mean(), l.low(), l.high());
            ds.addSeries(ys);
        }
        ValueAxis x;
        if (categories != null) {
            SymbolAxis sx = new SymbolAxis(xLabel, categories);
            sx.setGridBandsVisible(false);
            sx.setRange(-0.5, categories.length - 0.5);
            x = sx;
        } else {
            x = numberAxis(xLabel);
        }
        NumberAxis y = numberAxis(yLabel);
        DeviationRenderer r = new DeviationRenderer(true, true);
        r.setAlpha(0.2f);
        for (int s = 0; s < series.size(); s++) {
            Color c = PALETTE[s % PALETTE.length];
            r.setSeriesPaint(s, c);
            r.setSeriesFillPaint(s, c);
            r.setSeriesStroke(s, new BasicStroke(2f));
            r.setSeriesShape(s, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        }
        XYPlot plot = new XYPlot(ds, x, y, r);
        return finish(new JFreeChart(title, TITLE, plot, true), plot);
    }

    /** A number axis whose range fits the data, not zero. */
    private static NumberAxis numberAxis(String label) {
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(false);
        return a;
    }

    /** Each complete run's outcome against a factor's value, one colour per arm. */
    static JFreeChart scatter(String title, String xLabel, boolean log, String yLabel, List<String> names, List<double[][]> xy) {
        XYSeriesCollection ds = new XYSeriesCollection();
        for (int s = 0; s < xy.size(); s++) {
            XYSeries ser = new XYSeries(names.get(s), false, true);
            double[][] v = xy.get(s);
            for (int i = 0; i < v[0].length; i++) ser.add(v[0][i], v[1][i]);
            ds.addSeries(ser);
        }
        ValueAxis x;
        if (log) {
            x = logAxis(xLabel);
        } else {
            x = numberAxis(xLabel);
        }
        NumberAxis y = numberAxis(yLabel);
        if (log) {
            // a log axis labels whole decades only: within one decade a linear axis reads better
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (double[][] v : xy)
                for (double d : v[0]) {
                    min = Math.min(min, d);
                    max = Math.max(max, d);
                }
            if (!(min > 0 && max / min >= 10)) {
                NumberAxis nx = new NumberAxis(xLabel);
                nx.setAutoRangeIncludesZero(false);
                x = nx;
            }
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        for (int s = 0; s < xy.size(); s++) {
            r.setSeriesPaint(s, PALETTE[s % PALETTE.length]);
            r.setSeriesShape(s, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        XYPlot plot = new XYPlot(ds, x, y, r);
        return finish(new JFreeChart(title, TITLE, plot, xy.size() > 1), plot);
    }

    /**
     * A heat map of the mean over two factors' levels: x the first factor, y the second (first level at the top), one
     * colour scale with its legend, and the value written in each cell when there are few cells.
     */
    static JFreeChart heatmap(String title, String xLabel, String[] xLevels, String yLabel, String[] yLevels, List<Cell> cells,
                              String zLabel) {
        double[][] data = new double[3][cells.size()];
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < cells.size(); k++) {
            Cell c = cells.get(k);
            data[0][k] = c.i();
            data[1][k] = c.j();
            data[2][k] = c.mean();
            min = Math.min(min, c.mean());
            max = Math.max(max, c.mean());
        }
        if (cells.isEmpty()) {
            min = 0;
            max = 1;
        }
        if (!(max > min)) {
            double pad = Math.abs(min) > 0 ? Math.abs(min) * 0.05 : 0.5;
            min -= pad;
            max += pad;
        }
        DefaultXYZDataset ds = new DefaultXYZDataset();
        ds.addSeries("mean", data);
        SymbolAxis x = new SymbolAxis(xLabel, xLevels);
        x.setGridBandsVisible(false);
        x.setRange(-0.5, xLevels.length - 0.5);
        SymbolAxis y = new SymbolAxis(yLabel, yLevels);
        y.setGridBandsVisible(false);
        y.setRange(-0.5, yLevels.length - 0.5);
        y.setInverted(true);
        Scale scale = new Scale(min, max);
        XYBlockRenderer r = new XYBlockRenderer();
        r.setPaintScale(scale);
        r.setBlockAnchor(RectangleAnchor.CENTER);
        XYPlot plot = new XYPlot(ds, x, y, r);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        if (cells.size() <= 100) {
            Font f = new Font("SansSerif", Font.PLAIN, cells.size() <= 36 ? 12 : 10);
            for (Cell c : cells) {
                XYTextAnnotation a = new XYTextAnnotation(SweepReport.fmt(c.mean()), c.i(), c.j());
                a.setFont(f);
                a.setTextAnchor(TextAnchor.CENTER);
                a.setPaint(scale.fraction(c.mean()) < 0.6 ? Color.WHITE : Color.BLACK);
                plot.addAnnotation(a);
            }
        }
        JFreeChart chart = new JFreeChart(title, TITLE, plot, false);
        NumberAxis zAxis = new NumberAxis(zLabel);
        zAxis.setRange(min, max);
        zAxis.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
        zAxis.setLabelFont(SMALL);
        PaintScaleLegend legend = new PaintScaleLegend(scale, zAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        legend.setStripWidth(14);
        legend.setSubdivisionCount(64);
        legend.setMargin(new RectangleInsets(8, 8, 8, 8));
        legend.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(legend);
        return finish(chart, plot);
    }

    /**
     * A tornado: one horizontal bar per factor from its lowest to its highest point mean (others at base), largest swing
     * at the top, with a vertical marker at the base point's mean.
     */
    static JFreeChart tornado(String title, String valueLabel, List<Swing> swings, double base) {
        Comparable<?>[] categories = new Comparable<?>[swings.size()];
        Number[][] starts = new Number[1][swings.size()], ends = new Number[1][swings.size()];
        for (int k = 0; k < swings.size(); k++) {
            Swing s = swings.get(k);
            categories[k] = s.factor().path();
            starts[0][k] = s.low().mean();
            ends[0][k] = s.high().mean();
        }
        DefaultIntervalCategoryDataset ds = new DefaultIntervalCategoryDataset(new Comparable<?>[] {"lowest to highest point mean"},
                categories, starts, ends);
        CategoryAxis c = new CategoryAxis("factor");
        NumberAxis v = new NumberAxis(valueLabel);
        v.setAutoRangeIncludesZero(false);
        IntervalBarRenderer r = new IntervalBarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, PALETTE[0]);
        r.setMaximumBarWidth(0.12);
        CategoryPlot plot = new CategoryPlot(ds, c, v, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        if (!Double.isNaN(base)) {
            ValueMarker m = new ValueMarker(base, Color.BLACK, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {5f, 4f}, 0f));
            m.setLabel("base " + SweepReport.fmt(base));
            m.setLabelFont(SMALL);
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            m.setLabelBackgroundColor(Color.WHITE);
            plot.addRangeMarker(m);
            // keep the marker inside the range even when every bar lies on one side of it
            double lo = base, hi = base;
            for (Swing s : swings) {
                lo = Math.min(lo, s.low().mean());
                hi = Math.max(hi, s.high().mean());
            }
            double pad = hi > lo ? (hi - lo) * 0.08 : Math.max(Math.abs(base) * 0.05, 0.5);
            v.setRange(lo - pad, hi + pad);
        }
        return finish(new JFreeChart(title, TITLE, plot, false), plot);
    }

    /** Each arm's mean as a bar with its 95 % CI as an error bar (null half-width: no bar), per category. */
    static JFreeChart compare(String title, String categoryLabel, String valueLabel, List<String> arms, List<String> categories,
                              double[][] means, Double[][] halfWidths) {
        DefaultStatisticalCategoryDataset ds = new DefaultStatisticalCategoryDataset();
        for (int a = 0; a < arms.size(); a++)
            for (int k = 0; k < categories.size(); k++)
                if (!Double.isNaN(means[a][k])) ds.add(Double.valueOf(means[a][k]), halfWidths[a][k], arms.get(a), categories.get(k));
        CategoryAxis c = new CategoryAxis(categoryLabel);
        int longest = 0;
        for (String s : categories) longest = Math.max(longest, s.length());
        if (categories.size() * Math.max(longest, 4) > 90) c.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        c.setMaximumCategoryLabelLines(2);
        NumberAxis v = new NumberAxis(valueLabel);
        StatisticalBarRenderer r = new StatisticalBarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setErrorIndicatorPaint(Color.BLACK);
        r.setItemMargin(0.05);
        r.setMaximumBarWidth(0.12);
        for (int a = 0; a < arms.size(); a++) r.setSeriesPaint(a, PALETTE[a % PALETTE.length]);
        CategoryPlot plot = new CategoryPlot(ds, c, v, r);
        return finish(new JFreeChart(title, TITLE, plot, true), plot);
    }

    /**
     * Indices per factor as bars, one colour per index (e.g. S1 and ST), each with its interval as an error bar
     * (asymmetric, e.g. a bootstrap percentile interval; NaN: no bar or no error bar).
     */
    static JFreeChart indexBars(String title, String valueLabel, List<String> factors, List<String> names, double[][] values,
                                double[][] lows, double[][] highs) {
        XYIntervalSeriesCollection ds = new XYIntervalSeriesCollection();
        double width = 0.8 / names.size();
        for (int s = 0; s < names.size(); s++) {
            XYIntervalSeries ser = new XYIntervalSeries(names.get(s));
            for (int k = 0; k < factors.size(); k++) {
                double v = values[s][k];
                if (Double.isNaN(v)) continue;
                double x = k - 0.4 + width * (s + 0.5);
                double lo = Double.isNaN(lows[s][k]) ? v : lows[s][k], hi = Double.isNaN(highs[s][k]) ? v : highs[s][k];
                ser.add(x, x - width * 0.45, x + width * 0.45, v, lo, hi);
            }
            ds.addSeries(ser);
        }
        SymbolAxis x = new SymbolAxis("factor", factors.toArray(new String[0]));
        x.setGridBandsVisible(false);
        x.setRange(-0.6, factors.size() - 0.4);
        NumberAxis y = new NumberAxis(valueLabel);
        double lo = 0, hi = 0; // the axis spans zero, every bar and every interval (auto range would miss the intervals)
        for (int s = 0; s < names.size(); s++)
            for (int k = 0; k < factors.size(); k++)
                for (double v : new double[] {values[s][k], lows[s][k], highs[s][k]})
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
        if (hi <= lo) hi = lo + 1;
        y.setRange(lo - 0.04 * (hi - lo), hi + 0.06 * (hi - lo));
        XYBarRenderer bars = new XYBarRenderer();
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setUseYInterval(false);
        bars.setDrawBarOutline(false);
        XYErrorRenderer errors = new XYErrorRenderer();
        errors.setDrawXError(false);
        errors.setDefaultShapesVisible(false);
        errors.setDefaultLinesVisible(false);
        errors.setErrorPaint(Color.BLACK);
        errors.setErrorStroke(new BasicStroke(1.2f));
        errors.setCapLength(6);
        for (int s = 0; s < names.size(); s++) {
            bars.setSeriesPaint(s, PALETTE[s % PALETTE.length]);
            errors.setSeriesVisibleInLegend(s, false);
        }
        XYPlot plot = new XYPlot(ds, x, y, bars);
        plot.setDataset(1, ds);
        plot.setRenderer(1, errors);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD); // error bars over the bars
        LegendItemCollection legend = new LegendItemCollection();
        for (int s = 0; s < names.size(); s++) {
            LegendItem item = new LegendItem(names.get(s), PALETTE[s % PALETTE.length]);
            item.setLabelFont(SMALL);
            legend.add(item);
        }
        plot.setFixedLegendItems(legend);
        plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
        return finish(new JFreeChart(title, TITLE, plot, true), plot);
    }

    /** Morris's μ*–σ plane: one labelled point per factor (labels beside the points). */
    static JFreeChart muStarSigma(String title, String xLabel, String yLabel, List<String> labels, double[] muStar, double[] sigma) {
        XYSeriesCollection ds = new XYSeriesCollection();
        XYSeries ser = new XYSeries("factors", false, true);
        for (int i = 0; i < labels.size(); i++) if (!Double.isNaN(muStar[i]) && !Double.isNaN(sigma[i])) ser.add(muStar[i], sigma[i]);
        ds.addSeries(ser);
        double mx = 0, my = 0;
        for (int i = 0; i < labels.size(); i++) {
            if (Double.isFinite(muStar[i])) mx = Math.max(mx, muStar[i]);
            if (Double.isFinite(sigma[i])) my = Math.max(my, sigma[i]);
        }
        if (mx <= 0) mx = 1;
        if (my <= 0) my = 1;
        NumberAxis x = new NumberAxis(xLabel);
        x.setRange(-0.03 * mx, 1.3 * mx); // room for the labels right of the points
        NumberAxis y = new NumberAxis(yLabel);
        y.setRange(-0.06 * my, 1.1 * my);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesPaint(0, PALETTE[0]);
        r.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
        XYPlot plot = new XYPlot(ds, x, y, r);
        for (int i = 0; i < labels.size(); i++) {
            if (Double.isNaN(muStar[i]) || Double.isNaN(sigma[i])) continue;
            XYTextAnnotation a = new XYTextAnnotation("  " + labels.get(i), muStar[i], sigma[i]);
            a.setFont(SMALL);
            a.setTextAnchor(TextAnchor.CENTER_LEFT);
            plot.addAnnotation(a);
        }
        return finish(new JFreeChart(title, TITLE, plot, false), plot);
    }

    private static LogAxis logAxis(String label) {
        LogAxis a = new LogAxis(label);
        a.setNumberFormatOverride(new DecimalFormat("#,##0.######", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        a.setSmallestValue(1e-300);
        a.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT)); // ticks at whole decades
        return a;
    }

    private static JFreeChart finish(JFreeChart chart, XYPlot plot) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(2, 2, 2, 14)); // room for the last tick label
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlineVisible(false);
        rootLocale(plot.getDomainAxis());
        rootLocale(plot.getRangeAxis());
        if (chart.getLegend() != null) chart.getLegend().setItemFont(SMALL);
        return chart;
    }

    private static JFreeChart finish(JFreeChart chart, CategoryPlot plot) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(2, 2, 2, 14));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlineVisible(false);
        plot.getDomainAxis().setTickLabelFont(SMALL);
        rootLocale(plot.getRangeAxis());
        if (chart.getLegend() != null) chart.getLegend().setItemFont(SMALL);
        return chart;
    }

    /** Tick labels in one locale, so charts are the same bytes on every machine (symbol axes label themselves). */
    private static void rootLocale(ValueAxis axis) {
        if (axis instanceof NumberAxis n && !(axis instanceof SymbolAxis))
            n.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
    }

    /** A sequential colour scale (viridis stops) from {@code lower} to {@code upper}. */
    static final class Scale implements PaintScale, java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private static final int[] STOPS = {0x440154, 0x3b528b, 0x21908d, 0x5dc963, 0xfde725};
        private final double lower, upper;

        Scale(double lower, double upper) {
            this.lower = lower;
            this.upper = upper;
        }

        @Override public double getLowerBound() { return lower; }

        @Override public double getUpperBound() { return upper; }

        double fraction(double v) {
            double f = (v - lower) / (upper - lower);
            return Double.isNaN(f) ? 0 : Math.max(0, Math.min(1, f));
        }

        @Override public Paint getPaint(double value) {
            if (Double.isNaN(value)) return Color.LIGHT_GRAY;
            double p = fraction(value) * (STOPS.length - 1);
            int k = Math.min(STOPS.length - 2, (int) Math.floor(p));
            double t = p - k;
            Color a = new Color(STOPS[k]), b = new Color(STOPS[k + 1]);
            return new Color((int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
                    (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
                    (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
        }

        @Override public boolean equals(Object o) {
            return o instanceof Scale s && s.lower == lower && s.upper == upper;
        }

        @Override public int hashCode() { return Double.hashCode(lower) * 31 + Double.hashCode(upper); }
    }
}
