package datacapsim.metrics;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import datacapsim.engine.DayObserver;
import datacapsim.engine.Simulation;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Streams one row a day to a CSV file as the run goes; memory does not grow with the horizon. */
public final class TimeseriesWriter implements DayObserver, Closeable {
    private final List<Column> columns;
    private final CsvWriter csv;
    private final Object[] row;
    private long rows;

    public TimeseriesWriter(Path file, List<Column> columns) {
        this.columns = List.copyOf(columns);
        try {
            BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            CsvWriterSettings settings = new CsvWriterSettings();
            settings.getFormat().setLineSeparator("\n");
            this.csv = new CsvWriter(w, settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        this.row = new Object[columns.size()];
        csv.writeHeaders(columns.stream().map(Column::name).toArray(String[]::new));
    }

    @Override
    public void onDay(long day, Simulation sim) {
        for (int i = 0; i < columns.size(); i++) row[i] = String.valueOf(columns.get(i).probe().apply(sim));
        csv.writeRow(row);
        rows++;
    }

    public long rows() { return rows; }

    @Override
    public void close() { csv.close(); }
}
