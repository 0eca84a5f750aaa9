package datacapsim.metrics;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import datacapsim.agents.Agent;
import datacapsim.economy.Logit;
import datacapsim.engine.Simulation;
import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** summary.csv (one row: the run's end values) and agents.csv (one row per agent at the end). */
public final class TableFiles {
    private TableFiles() {}

    /** The scenario's identity, then every timeseries column's value on the last day. */
    public static void writeSummary(Path file, Simulation sim) throws IOException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scenario", sim.scenario().name());
        row.put("design", sim.scenario().design().word());
        row.put("variant", sim.scenario().variant().word());
        row.put("seed", sim.scenario().seed());
        Sample sample = Sample.of(sim);
        for (Column c : Probes.TIMESERIES) row.put(c.name(), c.probe().apply(sample));
        row.putAll(Probes.refusalsByReason(sim)); // running totals: the last day has every reason the run saw
        write(file, new ArrayList<>(row.keySet()), List.of(new ArrayList<>(row.values())));
    }

    /**
     * One row per agent: label, type, address when it has one, then every public numeric reading of any agent type
     * (public no-argument methods returning a number), blank where a type has none.
     */
    public static void writeAgents(Path file, Simulation sim) throws IOException {
        List<Agent> agents = sim.world().agents();
        TreeSet<String> columns = new TreeSet<>();
        List<Map<String, Object>> readings = new ArrayList<>();
        for (Agent a : agents) {
            Map<String, Object> r = readings(a);
            columns.addAll(r.keySet());
            readings.add(r);
        }
        List<String> header = new ArrayList<>(List.of("agent", "type", "address"));
        header.addAll(columns);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < agents.size(); i++) {
            Agent a = agents.get(i);
            List<Object> row = new ArrayList<>();
            row.add(a.label());
            row.add(a.getClass().getSimpleName());
            row.add(address(a));
            for (String c : columns) row.add(readings.get(i).get(c));
            rows.add(row);
        }
        write(file, header, rows);
    }

    private static Object address(Agent a) {
        try {
            Method m = a.getClass().getMethod("address");
            return m.invoke(a);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    static Map<String, Object> readings(Agent a) {
        Map<String, Object> out = new TreeMap<>();
        for (Method m : a.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())) continue;
            if (m.getDeclaringClass() == Object.class) continue;
            Class<?> t = m.getReturnType();
            if (t == Logit.Choice.class) {
                choice(out, m.getName(), (Logit.Choice) read(m, a));
                continue;
            }
            boolean numeric = t == long.class || t == int.class || t == double.class || t == BigInteger.class || t == boolean.class;
            if (!numeric) continue;
            out.put(m.getName(), read(m, a));
        }
        return out;
    }

    /**
     * A choice an agent made by payoff (economics.md §6): the option chosen, whether it was a revision, and for each
     * option the value and the share the logit gave it, as columns {@code <name>_option}, {@code <name>_revised},
     * {@code <name>_value_<option>}, {@code <name>_share_<option>} (none before the agent's first choice).
     */
    private static void choice(Map<String, Object> out, String name, Logit.Choice c) {
        if (c == null) return;
        out.put(name + "_option", c.chosenOption());
        out.put(name + "_revised", c.revised());
        for (int i = 0; i < c.options().size(); i++) {
            out.put(name + "_value_" + c.options().get(i), c.values()[i]);
            out.put(name + "_share_" + c.options().get(i), c.shares()[i]);
        }
    }

    private static Object read(Method m, Agent a) {
        try {
            return m.invoke(a);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + m, e);
        }
    }

    private static void write(Path file, List<String> header, List<List<Object>> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            CsvWriterSettings settings = new CsvWriterSettings();
            settings.getFormat().setLineSeparator("\n");
            CsvWriter csv = new CsvWriter(w, settings);
            csv.writeHeaders(header);
            for (List<Object> r : rows) {
                Object[] cells = new Object[r.size()];
                for (int i = 0; i < cells.length; i++) cells[i] = r.get(i) == null ? "" : String.valueOf(r.get(i));
                csv.writeRow(cells);
            }
            csv.close();
        }
    }
}
