package datacapsim.scenario;

import static org.junit.jupiter.api.Assertions.*;

import datacapsim.scenario.ParameterCatalog.Entry;
import datacapsim.scenario.ParameterCatalog.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalog covers the whole record tree, and every field in it is documented, bounded and has a default. */
class ParameterCatalogTest {
    @Test
    void everyFieldIsDocumented() {
        List<String> missing = new ArrayList<>();
        for (Entry e : ParameterCatalog.entries())
            if (e.leaf() && (e.param() == null || e.param().doc().isBlank())) missing.add(e.path());
        assertEquals(List.of(), missing, "fields without @Param(doc = ...)");
    }

    @Test
    void everyParameterHasADefault() {
        List<String> missing = new ArrayList<>();
        for (Entry e : ParameterCatalog.parameters())
            if (e.defaultValue() == null && !e.path().equals("extends") && !e.inList()) missing.add(e.path());
        assertEquals(List.of(), missing, "fields Defaults.scenario() leaves null");
    }

    @Test
    void everyNumberIsBoundedAndEveryDefaultIsAllowed() {
        List<String> problems = new ArrayList<>();
        for (Entry e : ParameterCatalog.parameters()) {
            Param p = e.param();
            if ((e.kind() == Kind.WHOLE || e.kind() == Kind.NUMBER) && (p == null || Double.isNaN(p.min()) && Double.isNaN(p.max())))
                problems.add(e.path() + " has no range");
            boolean noDefaultElement = e.inList() && e.defaultValue() == null; // a list whose default is empty
            if (e.kind() == Kind.WORD && !noDefaultElement && !ParameterCatalog.words(e).contains(String.valueOf(e.defaultValue())))
                problems.add(e.path() + " default " + e.defaultValue() + " is not one of " + ParameterCatalog.words(e));
            if (e.defaultValue() instanceof Number n && p != null && !e.inList()) {
                BigDecimal x = new BigDecimal(n.toString());
                if (!Double.isNaN(p.min()) && x.compareTo(BigDecimal.valueOf(p.min())) < 0
                        || !Double.isNaN(p.max()) && x.compareTo(BigDecimal.valueOf(p.max())) > 0)
                    problems.add(e.path() + " default " + n + " outside " + e.allowed());
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theDefaultsThemselvesAreAValidScenario() {
        ScenarioLoader.Loaded l = new ScenarioLoader.Loaded(Defaults.scenario(), java.util.Map.of(), List.of());
        assertDoesNotThrow(() -> Validator.validate(l));
    }

    @Test
    void pathsAreTheYamlKeysAndUnique() {
        Set<String> seen = new HashSet<>();
        for (Entry e : ParameterCatalog.entries()) assertTrue(seen.add(e.path()), "duplicate " + e.path());
        assertTrue(seen.contains("extends"), "the @JsonProperty name, not the component name");
        assertFalse(seen.contains("extendsFile"));
        assertEquals(Kind.DISTRIBUTION, ParameterCatalog.find("clients.datasetTib").orElseThrow().kind());
        assertEquals(Kind.WHOLE, ParameterCatalog.find("clients.count").orElseThrow().kind());
        assertEquals(Kind.WORD, ParameterCatalog.find("chain.payout").orElseThrow().kind());
        assertEquals(Kind.TEXT, ParameterCatalog.find("name").orElseThrow().kind());
        assertEquals(Kind.FLAG, ParameterCatalog.find("chain.dailyFee").orElseThrow().kind());
        assertEquals(Kind.LIST, ParameterCatalog.find("chain.rewardSeries").orElseThrow().kind());
        assertEquals(Kind.GROUP, ParameterCatalog.find("clients").orElseThrow().kind());
        assertTrue(ParameterCatalog.find("chain.rewardSeries[].day").orElseThrow().inList());
        assertTrue(ParameterCatalog.find("clients.datasetTib.median").orElseThrow().inDistribution());
    }

    @Test
    void everyRecordOfTheTreeIsWalked() {
        // every record type reachable from Scenario appears as a group (or distribution / list element) in the catalog
        Set<Class<?>> reachable = new HashSet<>();
        collect(Scenario.class, reachable);
        Set<Class<?>> catalogued = new HashSet<>();
        catalogued.add(Scenario.class);
        for (Entry e : ParameterCatalog.entries()) if (e.type().isRecord()) catalogued.add(e.type());
        assertEquals(reachable, catalogued);
    }

    private static void collect(Class<?> r, Set<Class<?>> out) {
        if (!out.add(r)) return;
        for (var c : r.getRecordComponents()) {
            Class<?> t = c.getType();
            if (List.class.isAssignableFrom(t) && c.getGenericType() instanceof java.lang.reflect.ParameterizedType pt
                    && pt.getActualTypeArguments()[0] instanceof Class<?> el && el.isRecord()) collect(el, out);
            else if (t.isRecord()) collect(t, out);
        }
    }

    @Test
    void readFindsValuesByPath() {
        Scenario d = Defaults.scenario();
        assertEquals(d.clients().count(), ParameterCatalog.read(d, "clients.count"));
        assertEquals(d.clients().datasetTib().median(), ParameterCatalog.read(d, "clients.datasetTib.median"));
        assertEquals(d.sla(), ParameterCatalog.read(d, "sla"));
    }

    @Test
    void closestSuggestsAcrossTheTree() {
        assertEquals("clients.count", ParameterCatalog.closest("clients.cuont"));
        assertEquals("clients", ParameterCatalog.closest("client"));
        assertEquals("horizonDays", ParameterCatalog.closest("horizonDay"));
        assertNull(ParameterCatalog.closest("qqqqqqqqqq"));
    }

    @Test
    void distributionFieldsComeFromDistItself() {
        assertEquals(List.of("value"), ParameterCatalog.distributionFields(Dist.Type.CONSTANT));
        assertEquals(List.of("min", "max"), ParameterCatalog.distributionFields(Dist.Type.UNIFORM));
        assertEquals(List.of("median", "sigma"), ParameterCatalog.distributionFields(Dist.Type.LOGNORMAL));
        assertEquals(List.of("scale", "shape"), ParameterCatalog.distributionFields(Dist.Type.PARETO));
    }

    @Test
    void formatWritesValuesAsYaml() {
        assertEquals("{type: lognormal, median: 20, sigma: 1}", ParameterCatalog.format(Dist.lognormal(20, 1.0)));
        assertEquals("[{day: 0, filPerEpoch: 18.4}]", ParameterCatalog.format(Defaults.chain().rewardSeries()));
        assertEquals("\"\"", ParameterCatalog.format(""));
        assertEquals("(none)", ParameterCatalog.format(null));
    }
}
