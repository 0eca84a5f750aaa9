package datacapsim.scenario;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, yaml);
        return p;
    }

    private ScenarioException refuse(String yaml) throws IOException {
        Path f = write("s.yaml", yaml);
        return assertThrows(ScenarioException.class, () -> ScenarioLoader.load(f));
    }

    @Test
    void missingFieldsTakeTheirDefaults() throws IOException {
        Scenario s = ScenarioLoader.load(write("s.yaml", "name: x\n")).scenario();
        Scenario d = Defaults.scenario();
        assertEquals("x", s.name());
        assertEquals(d.horizonDays(), s.horizonDays());
        assertEquals(d.clients().replicas(), s.clients().replicas());
        assertEquals(d.chain().networkQaPowerPib(), s.chain().networkQaPowerPib());
    }

    @Test
    void nestedFieldsMergeOneByOne() throws IOException {
        Scenario s = ScenarioLoader.load(write("s.yaml", "clients:\n  count: 7\n")).scenario();
        assertEquals(7, s.clients().count());
        assertEquals(Defaults.clients().replicas(), s.clients().replicas());
    }

    @Test
    void unknownTopLevelKeyNamesKeyLineAndSuggestion() throws IOException {
        ScenarioException e = refuse("name: x\nhorizonDay: 10\n");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("unknown field 'horizonDay'"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'horizonDays'"), e.getMessage());
        assertTrue(e.getMessage().contains("s.yaml:2"), e.getMessage());
    }

    @Test
    void unknownNestedKeyNamesItsPath() throws IOException {
        ScenarioException e = refuse("name: x\nclients:\n  count: 3\n  replicaz: 2\n");
        assertEquals(4, e.line());
        assertEquals("clients.replicaz", e.path());
        assertTrue(e.getMessage().contains("did you mean 'clients.replicas'"), e.getMessage());
        assertTrue(e.allowed().contains("replicas"), e.allowed());
    }

    @Test
    void wrongTypeNamesFieldValueAndExpectedType() throws IOException {
        ScenarioException e = refuse("name: x\nclients:\n  count: many\n");
        assertEquals(3, e.line());
        assertEquals("clients.count", e.path());
        assertEquals("many", e.value());
        assertEquals("a whole number, 0 to 1,000,000", e.allowed());
    }

    @Test
    void outOfRangeNamesFieldValueAndRange() throws IOException {
        ScenarioException e = refuse("name: x\nhorizonDays: 0\n");
        assertEquals(2, e.line());
        assertEquals("horizonDays", e.path());
        assertEquals("0", e.value());
        assertTrue(e.allowed().startsWith("1 to 36,500 days"), e.allowed());
    }

    @Test
    void wordOutsideTheAllowedSetIsRefused() throws IOException {
        ScenarioException e = refuse("chain:\n  payout: expectd\n");
        assertEquals("chain.payout", e.path());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("did you mean 'expected'"), e.getMessage());
    }

    @Test
    void everyWordFieldAllowsExactlyItsEnumsWordsAndRefusesAnyOther() throws IOException {
        ScenarioLoader.Loaded base = ScenarioLoader.load(write("s.yaml", "name: x\n"));
        int checked = 0;
        for (ParameterCatalog.Entry e : ParameterCatalog.entries()) {
            if (e.kind() != ParameterCatalog.Kind.WORD || !e.settable()) continue;
            List<String> words = Word.words(e.type());
            assertEquals(String.join(" | ", words), e.allowed(), e.path());
            for (String w : e.inDistribution() ? List.<String>of() : words) { // a type alone is no distribution
                Scenario s = Overrides.apply(base, List.of(Setting.parse(e.path() + "=" + w))).scenario();
                assertEquals(w, String.valueOf(ParameterCatalog.read(s, e.path())), e.path() + " takes " + w);
            }
            String bad = words.get(0) + "x";
            ScenarioException x = assertThrows(ScenarioException.class,
                    () -> Overrides.apply(base, List.of(Setting.parse(e.path() + "=" + bad))));
            assertEquals(e.path(), x.path());
            assertEquals(bad, x.value());
            assertEquals(String.join(", ", words), x.allowed());
            assertTrue(x.problem().startsWith("not an allowed value (did you mean '" + words.get(0) + "'?)"), x.problem());
            checked++;
        }
        assertTrue(checked >= 10, "word fields checked: " + checked);
    }

    @Test
    void incompleteDistributionIsRefused() throws IOException {
        ScenarioException e = refuse("clients:\n  datasetTib: {type: lognormal, median: 5}\n");
        assertEquals("clients.datasetTib", e.path());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("sigma"), e.getMessage());
    }

    @Test
    void distributionThatCanDrawNegativeSizesIsRefused() throws IOException {
        ScenarioException e = refuse("clients:\n  datasetTib: {type: uniform, min: -1, max: 5}\n");
        assertEquals("clients.datasetTib", e.path());
    }

    @Test
    void termMinAboveTermMaxIsRefused() throws IOException {
        ScenarioException e = refuse("clients:\n  termMinDays: 600\n  termMaxDays: 540\n");
        assertEquals("clients.termMinDays", e.path());
        assertEquals(2, e.line());
    }

    @Test
    void replicasNeedEnoughProviders() throws IOException {
        ScenarioException e = refuse("clients:\n  replicas: 3\n  providersPerClient: 2\n");
        assertEquals("clients.providersPerClient", e.path());
        assertEquals(3, e.line());
        e = refuse("clients:\n  providersPerClient: 5\nproviders:\n  count: 4\n");
        assertEquals("clients.providersPerClient", e.path());
        assertTrue(e.allowed().contains("providers.count"), e.allowed());
    }

    @Test
    void settingsOfAnotherDesignAreRefusedNotIgnored() throws IOException {
        ScenarioException e = refuse("design: onramp\nsla:\n  priceFilPerTib: 3\n");
        assertEquals("sla.priceFilPerTib", e.path());
        assertEquals(3, e.line());
        assertEquals("3", e.value());
        assertTrue(e.getMessage().contains("applies only to the sla-allocator design"), e.getMessage());
        e = refuse("design: sla-allocator\nabuse:\n  sybilOwners: 2\n");
        assertEquals("abuse.sybilOwners", e.path());
        e = refuse("design: direct\nproviders:\n  behaviour:\n    diligentShare: 0.5\n    cheatingShare: 0.5\n");
        assertTrue(e.path().startsWith("providers.behaviour."), e.path());
        assertDoesNotThrow(() -> ScenarioLoader.load(write("ok.yaml", "design: sla-allocator\nsla:\n  priceFilPerTib: 3\n")));
    }

    @Test
    void stepMustDivideTheDay() throws IOException {
        ScenarioException e = refuse("stepEpochs: 7\n");
        assertEquals("stepEpochs", e.path());
        assertEquals(1, e.line());
    }

    @Test
    void rewardSeriesMustStartAtDayZero() throws IOException {
        ScenarioException e = refuse("chain:\n  rewardMode: series\n  rewardSeries:\n    - {day: 3, filPerEpoch: 10}\n");
        assertEquals("chain.rewardSeries[0].day", e.path());
        assertEquals(4, e.line());
    }

    @Test
    void invalidYamlIsRefusedWithItsLine() throws IOException {
        ScenarioException e = refuse("name: x\ndescription: 'unterminated\n");
        assertTrue(e.line() >= 2, e.getMessage());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void extendsTakesParentValuesAndChildOverrides() throws IOException {
        write("base.yaml", "name: base\nhorizonDays: 30\nclients:\n  count: 9\n  replicas: 1\n");
        Path child = write("child.yaml", "extends: base.yaml\nname: child\nclients:\n  count: 4\n");
        Scenario s = ScenarioLoader.load(child).scenario();
        assertEquals("child", s.name());
        assertEquals(30, s.horizonDays());
        assertEquals(4, s.clients().count());
        assertEquals(1, s.clients().replicas());
    }

    @Test
    void errorsInAParentNameTheParentFile() throws IOException {
        write("base.yaml", "name: base\nhorizonDays: -5\n");
        Path child = write("child.yaml", "extends: base.yaml\nname: child\n");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(child));
        assertTrue(e.file().endsWith("base.yaml"), e.file());
        assertEquals(2, e.line());
    }

    @Test
    void extendsCycleIsRefused() throws IOException {
        write("a.yaml", "extends: b.yaml\n");
        Path b = write("b.yaml", "extends: a.yaml\n");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(b));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    }

    @Test
    void missingParentIsRefused() throws IOException {
        ScenarioException e = refuse("extends: nowhere.yaml\n");
        assertEquals("extends", e.path());
        assertEquals(1, e.line());
    }

    @Test
    void overridesAreValidatedAndNameTheirOption() throws IOException {
        ScenarioLoader.Loaded l = ScenarioLoader.load(write("s.yaml", "name: x\n"));
        Scenario partial = Overrides.partial("horizonDays: 0", "test");
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> Overrides.override(l, partial, java.util.Map.of("horizonDays", "--days")));
        assertEquals("--days", e.file());
        Scenario ok = Overrides.partial("seed: 5\nhorizonDays: 3", "test");
        Scenario s = Overrides.override(l, ok, java.util.Map.of()).scenario();
        assertEquals(3, s.horizonDays());
        assertEquals(5L, s.seed());
    }

    @Test
    void resolvedYamlReadsBackToTheSameScenario() throws IOException {
        Scenario s = ScenarioLoader.load(Path.of("scenarios/direct.yaml")).scenario();
        Path again = write("resolved.yaml", ScenarioLoader.toYaml(s));
        assertEquals(s, ScenarioLoader.load(again).scenario());
        assertEquals(new BigDecimal("14760"), s.chain().networkQaPowerPib());
    }

    @Test
    void everyBundledScenarioIsValid() throws IOException {
        try (var files = Files.list(Path.of("scenarios"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                assertDoesNotThrow(() -> ScenarioLoader.load(f), f.toString());
            }
        }
    }
}
