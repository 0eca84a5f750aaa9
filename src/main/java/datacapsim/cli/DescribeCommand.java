package datacapsim.cli;

import datacapsim.scenario.ParameterCatalog;
import datacapsim.scenario.ParameterCatalog.Entry;
import datacapsim.scenario.ParameterCatalog.Kind;
import datacapsim.scenario.ScenarioException;
import datacapsim.scenario.Suggestions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Prints every scenario parameter — dotted path, default, unit, range or allowed words, meaning — from the record
 * tree's {@code @Param} annotations and {@code Defaults.scenario()}, so the list is never out of date.
 */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = {"Print every scenario parameter: its dotted path (for files and --set), default, unit, "
                + "allowed values and meaning.", "A PATH narrows the list, e.g. `describe clients` or `describe chain.payout`."})
final class DescribeCommand implements Callable<Integer> {
    private static final String[] HEADER = {"PARAMETER", "DEFAULT", "UNIT", "ALLOWED"};
    private static final String INDENT = "    ";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "a parameter or a group of them (a path prefix)")
    String path;

    @Override
    public Integer call() {
        List<Entry> shown = select(path);
        PrintWriter out = spec.commandLine().getOut();
        List<String[]> rows = new ArrayList<>();
        for (Entry e : shown) rows.add(new String[] {e.path(), ParameterCatalog.format(e.defaultValue()), e.unit(), e.allowed()});
        int[] width = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) width[i] = HEADER[i].length();
        for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        print(out, HEADER, width);
        out.println(INDENT + "meaning");
        String group = null;
        for (int k = 0; k < rows.size(); k++) {
            String top = topGroup(shown.get(k).path());
            if (!top.equals(group)) out.println();
            group = top;
            print(out, rows.get(k), width);
            if (!shown.get(k).doc().isEmpty()) out.println(INDENT + shown.get(k).doc());
        }
        if (shown.stream().anyMatch(e -> e.kind() == Kind.DISTRIBUTION)) {
            out.println();
            out.println("Distributions are written {type: TYPE, field: value, ...}; the types and the fields each needs:");
            Map<String, String> types = ParameterCatalog.distributionTypes();
            int w = types.keySet().stream().mapToInt(String::length).max().orElse(0);
            types.forEach((t, need) -> out.printf("  %-" + w + "s  %s%n", t, need));
            out.println("A --set of one field (e.g. --set clients.datasetTib.median=30) changes that field of the distribution in force.");
        }
        return 0;
    }

    /** The parameters under {@code prefix} (all when null); a distribution's own fields only when asked for under it. */
    static List<Entry> select(String prefix) {
        if (prefix == null || prefix.isBlank()) return ParameterCatalog.parameters();
        List<Entry> under = ParameterCatalog.under(prefix);
        if (under.isEmpty()) {
            String suggestion = ParameterCatalog.closest(prefix);
            throw new ScenarioException("describe " + prefix, 0, prefix, null,
                    "a parameter or group path, e.g. " + String.join(", ", ParameterCatalog.children("")),
                    "unknown parameter '" + prefix + "'" + Suggestions.didYouMean(suggestion));
        }
        boolean intoDistribution = under.get(0).kind() == Kind.DISTRIBUTION || under.get(0).inDistribution();
        return under.stream().filter(e -> e.leaf() && (intoDistribution || !e.inDistribution())).toList();
    }

    private static String topGroup(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    private static void print(PrintWriter out, String[] cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i == cells.length - 1) b.append(cells[i]);
            else b.append(String.format("%-" + width[i] + "s  ", cells[i]));
        }
        out.println(b.toString().stripTrailing());
    }
}
