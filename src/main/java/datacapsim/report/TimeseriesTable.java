package datacapsim.report;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** timeseries.csv read back: exact text of every cell, and columns as numbers for plotting. */
public final class TimeseriesTable {
    private final List<String> header;
    private final List<String[]> rows;
    private final Map<String, Integer> index = new LinkedHashMap<>();

    private TimeseriesTable(List<String> header, List<String[]> rows) {
        this.header = List.copyOf(header);
        this.rows = rows;
        for (int i = 0; i < header.size(); i++) index.put(header.get(i), i);
    }

    public static TimeseriesTable read(Path csv) {
        CsvParserSettings settings = new CsvParserSettings();
        settings.setHeaderExtractionEnabled(true);
        settings.getFormat().setLineSeparator("\n");
        CsvParser parser = new CsvParser(settings);
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            List<String[]> rows = parser.parseAll(r);
            String[] header = parser.getRecordMetadata().headers();
            if (header == null) throw new IllegalArgumentException(csv + " has no header row");
            return new TimeseriesTable(Arrays.asList(header), rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }

    public List<String> header() { return header; }

    public int rowCount() { return rows.size(); }

    public boolean has(String column) { return index.containsKey(column); }

    /** Whether the column exists and holds at least one value (some columns stay empty in designs they do not apply to). */
    public boolean hasValues(String column) {
        Integer i = index.get(column);
        if (i == null) return false;
        for (String[] r : rows) if (r[i] != null && !r[i].isEmpty()) return true;
        return false;
    }

    /** The exact text of a cell. */
    public String cell(int row, String column) {
        Integer i = index.get(column);
        if (i == null) throw new IllegalArgumentException("no column " + column);
        return rows.get(row)[i];
    }

    public String last(String column) { return cell(rows.size() - 1, column); }

    /** A column as numbers divided by {@code scale} (e.g. 2^50 for PiB, 10^18 for FIL). */
    public double[] column(String column, BigDecimal scale) {
        double[] out = new double[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            String v = cell(r, column);
            out[r] = v == null || v.isEmpty() ? Double.NaN
                    : new BigDecimal(v).divide(scale, java.math.MathContext.DECIMAL64).doubleValue();
        }
        return out;
    }

    /** Columns whose names start with a prefix, in header order. */
    public List<String> columnsStartingWith(String prefix) {
        List<String> out = new ArrayList<>();
        for (String h : header) if (h.startsWith(prefix)) out.add(h);
        return out;
    }
}
