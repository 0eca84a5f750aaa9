package datacapsim.metrics;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import datacapsim.engine.DayObserver;
import datacapsim.engine.Simulation;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Streams one row a day to timeseries.csv; memory does not grow with the horizon. Besides the declared columns, a
 * {@code dynamic} probe may add columns that appear during the run (one refused_&lt;reason&gt; column per refusal
 * reason): rows are streamed to a partial file with those values packed in one cell, and on close the file is
 * rewritten, streaming again, with one column per key seen (0 where a key had no value yet).
 */
public final class TimeseriesWriter implements DayObserver, Closeable {
    private final Path file;
    private final Path partial;
    private final List<Column> columns;
    private final Function<Simulation, SortedMap<String, Object>> dynamic;
    private final TreeSet<String> dynamicKeys = new TreeSet<>();
    private final CsvWriter csv;
    private final Object[] row;
    private long rows;

    public TimeseriesWriter(Path file, List<Column> columns, Function<Simulation, SortedMap<String, Object>> dynamic) {
        this.file = file;
        this.partial = file.resolveSibling(file.getFileName() + ".partial");
        this.columns = List.copyOf(columns);
        this.dynamic = dynamic;
        try {
            BufferedWriter w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
            this.csv = new CsvWriter(w, settings());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + partial, e);
        }
        this.row = new Object[columns.size() + 1];
        List<String> header = new ArrayList<>();
        for (Column c : columns) header.add(c.name());
        header.add("__dynamic");
        csv.writeHeaders(header);
    }

    private static CsvWriterSettings settings() {
        CsvWriterSettings settings = new CsvWriterSettings();
        settings.getFormat().setLineSeparator("\n");
        return settings;
    }

    @Override
    public void onDay(long day, Simulation sim) {
        Sample sample = Sample.of(sim);
        for (int i = 0; i < columns.size(); i++) row[i] = String.valueOf(columns.get(i).probe().apply(sample));
        StringBuilder packed = new StringBuilder();
        for (Map.Entry<String, Object> e : dynamic.apply(sim).entrySet()) {
            dynamicKeys.add(e.getKey());
            if (packed.length() > 0) packed.append(';');
            packed.append(e.getKey()).append('=').append(e.getValue());
        }
        row[columns.size()] = packed.toString();
        csv.writeRow(row);
        rows++;
    }

    public long rows() { return rows; }

    @Override
    public void close() {
        csv.close();
        CsvParserSettings ps = new CsvParserSettings();
        ps.getFormat().setLineSeparator("\n");
        ps.setHeaderExtractionEnabled(true);
        ps.setNullValue("");
        ps.setEmptyValue("");
        CsvParser parser = new CsvParser(ps);
        try (Reader in = Files.newBufferedReader(partial, StandardCharsets.UTF_8);
             BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            CsvWriter w = new CsvWriter(out, settings());
            List<String> header = new ArrayList<>();
            for (Column c : columns) header.add(c.name());
            header.addAll(dynamicKeys);
            w.writeHeaders(header);
            parser.beginParsing(in);
            String[] r;
            Object[] outRow = new Object[header.size()];
            while ((r = parser.parseNext()) != null) {
                for (int i = 0; i < columns.size(); i++) outRow[i] = r[i] == null ? "" : r[i];
                Map<String, String> values = new TreeMap<>();
                String packed = r.length > columns.size() ? r[columns.size()] : null;
                if (packed != null && !packed.isEmpty())
                    for (String kv : packed.split(";")) {
                        int eq = kv.indexOf('=');
                        values.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                int i = columns.size();
                for (String k : dynamicKeys) outRow[i++] = values.getOrDefault(k, "0");
                w.writeRow(outRow);
            }
            parser.stopParsing();
            w.close();
            Files.delete(partial);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + file, e);
        }
    }
}
