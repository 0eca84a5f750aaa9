package datacapsim.cli;

import static org.junit.jupiter.api.Assertions.*;

import datacapsim.scenario.ParameterCatalog;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescribeTest {
    private static List<String> rows(String out) {
        return Arrays.stream(out.split("\n")).filter(l -> !l.isBlank() && !l.startsWith(" ")).toList();
    }

    @Test
    void listsEveryParameterWithItsDefaultUnitRangeAndMeaning() {
        CliRun r = CliRun.of("describe");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Arrays.asList(r.out().split("\n"));
        for (var e : ParameterCatalog.parameters()) {
            String row = lines.stream().filter(l -> l.startsWith(e.path() + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("describe lists " + e.path()));
            assertTrue(row.contains(ParameterCatalog.format(e.defaultValue())), row);
            assertTrue(row.contains(e.allowed()), row);
            if (!e.unit().isEmpty()) assertTrue(row.contains(" " + e.unit() + " "), row);
            String meaning = lines.get(lines.indexOf(row) + 1);
            assertEquals("    " + e.doc(), meaning, "the meaning follows " + e.path());
        }
        String count = lines.stream().filter(l -> l.startsWith("clients.count ")).findFirst().orElseThrow();
        assertTrue(count.matches("clients\\.count +100 +0 to 1,000,000"), count);
        String payout = lines.stream().filter(l -> l.startsWith("chain.payout ")).findFirst().orElseThrow();
        assertTrue(payout.matches("chain\\.payout +expected +expected \\| sampled"), payout);
        String dataset = lines.stream().filter(l -> l.startsWith("clients.datasetTib ")).findFirst().orElseThrow();
        assertTrue(dataset.contains("{type: lognormal, median: 20, sigma: 1}") && dataset.contains("TiB"), dataset);
        assertTrue(r.out().contains("  pareto       needs 'scale' and 'shape'"), "distribution types listed");
        assertFalse(r.out().contains("clients.datasetTib.median "), "a distribution's own fields only when asked for");
    }

    @Test
    void columnsAreAligned() {
        List<String> rows = rows(CliRun.of("describe").out());
        int defaultColumn = rows.get(0).indexOf("DEFAULT");
        for (String row : rows.subList(1, rows.size())) {
            if (row.startsWith("Distributions") || row.startsWith("A --set")) continue;
            assertEquals(' ', row.charAt(defaultColumn - 1), row);
            assertNotEquals(' ', row.charAt(defaultColumn), "default starts in its column: " + row);
        }
    }

    @Test
    void aPathPrefixNarrowsTheList() {
        CliRun r = CliRun.of("describe", "clients");
        assertEquals(0, r.code());
        List<String> rows = rows(r.out());
        assertEquals(ParameterCatalog.under("clients").stream().filter(e -> e.leaf() && !e.inDistribution()).count() + 1, rows.stream()
                .filter(l -> !l.startsWith("Distributions") && !l.startsWith("A --set")).count(), r.out());
        assertTrue(rows.stream().skip(1).filter(l -> !l.startsWith("Distributions") && !l.startsWith("A --set"))
                .allMatch(l -> l.startsWith("clients.")), r.out());
        CliRun dist = CliRun.of("describe", "clients.datasetTib");
        assertTrue(dist.out().contains("clients.datasetTib.median"), "a distribution's own fields when asked for");
        CliRun one = CliRun.of("describe", "chain.payout");
        assertEquals(5, one.out().strip().split("\n").length, "header, meaning, blank, the row and its meaning: " + one.out());
    }

    @Test
    void anUnknownPathIsRefusedWithASuggestion() {
        CliRun r = CliRun.of("describe", "client");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("unknown parameter 'client' (did you mean 'clients'?)"), r.err());
        CliRun deep = CliRun.of("describe", "clients.cuont");
        assertEquals(2, deep.code());
        assertTrue(deep.err().contains("did you mean 'clients.count'"), deep.err());
    }
}
