package datacapsim.metrics;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.ChainListener;
import datacapsim.chain.Policy;
import datacapsim.contracts.EventLog;
import datacapsim.engine.Simulation;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/**
 * events.csv.gz: every top-level chain or contract call with its outcome (ok, or the rule that refused it and the
 * message), and every contract event, in the order they happened; streamed and gzip-compressed.
 */
public final class EventsWriter implements ChainListener, Consumer<EventLog.Emitted>, Closeable {
    private final CsvWriter csv;
    private long rows;

    public EventsWriter(Path file) {
        try {
            var out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16);
            CsvWriterSettings settings = new CsvWriterSettings();
            settings.getFormat().setLineSeparator("\n");
            csv = new CsvWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)), settings);
            csv.writeHeaders("epoch", "day", "kind", "name", "actor", "outcome", "detail");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Attaches the writer to a simulation's chain and event log as soon as they exist. */
    public void attach(Simulation sim) {
        sim.onChainCreated(s -> {
            s.chain().addListener(this);
            s.events().addListener(this);
        });
    }

    @Override
    public void onCall(long epoch, String method, Address caller, ActorError error) {
        csv.writeRow(epoch, epoch / Policy.EPOCHS_IN_DAY, "call", method, caller,
                error == null ? "ok" : error.rule(), error == null ? "" : error.getMessage());
        rows++;
    }

    @Override
    public void accept(EventLog.Emitted e) {
        csv.writeRow(e.epoch(), e.epoch() / Policy.EPOCHS_IN_DAY, "event", e.event().getClass().getSimpleName(), e.contract(),
                "", e.event().toString());
        rows++;
    }

    public long rows() { return rows; }

    @Override
    public void close() { csv.close(); }
}
