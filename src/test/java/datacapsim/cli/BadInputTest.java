package datacapsim.cli;

import static org.junit.jupiter.api.Assertions.*;

import datacapsim.scenario.ParameterCatalog;
import datacapsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per class of bad input. Each runs {@code run} and {@code validate} on it and asserts: exit code 2, the
 * output root folder does not exist afterwards, and the one error line names the file (or option) and line, the field
 * path, the value and what is allowed.
 */
class BadInputTest {
    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, yaml);
        return p;
    }

    /** Both commands refuse with exit code 2, print nothing on stdout, write nothing; returns the error line. */
    private String refuse(Path file, String... options) {
        Path root = dir.resolve("out");
        List<String> run = new ArrayList<>(List.of("run", file.toString(), "--out", root.toString()));
        run.addAll(Arrays.asList(options));
        CliRun r = CliRun.of(run.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertFalse(Files.exists(root), "the output root must not exist after bad input");
        assertEquals("", r.out());
        List<String> validate = new ArrayList<>(List.of("validate", file.toString()));
        validate.addAll(Arrays.asList(options));
        CliRun v = CliRun.of(validate.toArray(String[]::new));
        assertEquals(2, v.code(), v.err());
        assertEquals(r.err(), v.err(), "validate reports what run reports");
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, "one error line: " + r.err());
        return lines[0];
    }

    /** The error line names origin (file:line or option), field path, value and what is allowed. */
    private static void names(String msg, String origin, String path, String value, String allowed) {
        assertTrue(msg.startsWith("error: " + origin + ": "), "origin " + origin + " in: " + msg);
        if (path != null) assertTrue(msg.contains("field '" + path + "': "), "path " + path + " in: " + msg);
        if (value != null) assertTrue(msg.contains("(value: " + value + ")"), "value " + value + " in: " + msg);
        assertTrue(msg.contains("; allowed: " + allowed), "allowed '" + allowed + "' in: " + msg);
    }

    @Test
    void unknownKeyIsRefusedWithTheClosestValidKey() throws IOException {
        Path f = write("s.yaml", "name: x\nclients:\n  count: 3\n  replicaz: 2\n");
        String msg = refuse(f);
        names(msg, f + ":4", "clients.replicaz", null, "");
        assertTrue(msg.contains("unknown field 'replicaz' (did you mean 'clients.replicas'?)"), msg);
        assertTrue(msg.contains("replicas, retentionDays, switchAfterDays, termMaxDays"), "the valid keys are listed: " + msg);
    }

    @Test
    void aContractDesignUnderARegimeWithoutDataCapNamesBothFields() throws IOException {
        for (String regime : List.of("v1", "v1-topup")) {
            Path f = write("r.yaml", "name: x\ndesign: onramp\nregime: " + regime + "\n");
            String msg = refuse(f);
            names(msg, f + ":3", "regime", regime, "with design onramp: ddo, fip45-market, solstice");
            assertTrue(msg.contains("design onramp (field 'design')") && msg.contains("(field 'regime')"), msg);
        }
        Path g = write("g.yaml", "name: x\nregime: quantum\n");
        names(refuse(g), g + ":2", "regime", "quantum", "ddo, v1, v1-topup, fip45-market, solstice");
    }

    @Test
    void abuseUnderRegimeV1NamesBothFields() throws IOException {
        for (String regime : List.of("v1", "v1-topup")) {
            Path f = write("a.yaml", "name: x\nregime: " + regime + "\nabuse:\n  sybilOwners: 2\n");
            String msg = refuse(f);
            names(msg, f + ":4", "abuse.sybilOwners", "2", "its default under regime " + regime
                    + ", or regime ddo, fip45-market, solstice");
            assertTrue(msg.contains("(field 'abuse.sybilOwners')") && msg.contains("(field 'regime')"), msg);
        }
        for (String regime : List.of("ddo", "fip45-market", "solstice")) // the registry exists: accepted
            assertDoesNotThrow(() -> ScenarioLoader.load(
                    write("b.yaml", "name: x\nregime: " + regime + "\nabuse:\n  sybilOwners: 2\n")), regime);
        assertDoesNotThrow(() -> ScenarioLoader.load(write("c.yaml", "name: x\nregime: v1\n")));
    }

    @Test
    void aMaximumDealDurationOutsideTheMarketRegimesOrBelowTheMinimumIsRefused() throws IOException {
        Path f = write("m.yaml", "name: x\nchain:\n  maxDealDurationDays: 300\n");
        String msg = refuse(f);
        names(msg, f + ":3", "chain.maxDealDurationDays", "300", "0 under regime ddo, or regime v1, v1-topup or fip45-market");
        assertTrue(msg.contains("(field 'regime' is ddo)"), msg);
        Path g = write("n.yaml", "name: x\nregime: v1\nchain:\n  maxDealDurationDays: 179\n");
        names(refuse(g), g + ":4", "chain.maxDealDurationDays", "179", "0 (the regime's own) or 180 to 1,278 days");
    }

    @Test
    void wrongTypeIsRefusedWithTheExpectedTypeAndRange() throws IOException {
        Path f = write("s.yaml", "name: x\nclients:\n  count: many\n");
        names(refuse(f), f + ":3", "clients.count", "many", "a whole number, 0 to 1,000,000");
        Path g = write("g.yaml", "clients:\n  count: 2.5\n"); // never rounded silently
        names(refuse(g), g + ":2", "clients.count", "2.5", "a whole number, 0 to 1,000,000");
        Path h = write("h.yaml", "clients:\n  count: 99999999999\n");
        String msg = refuse(h);
        names(msg, h + ":2", "clients.count", "99999999999", "a whole number, 0 to 1,000,000");
        assertTrue(msg.contains("number too large"), msg);
        Path d = write("d.yaml", "clients:\n  count: 3\n  count: 4\n");
        names(refuse(d), d + ":3", "clients.count", "4", "each field once per mapping");
        Path l = write("l.yaml", "chain:\n  payout: [expected]\n");
        names(refuse(l), l + ":2", "chain.payout", null, "one of expected | sampled");
    }

    @Test
    void outOfRangeValueIsRefusedWithTheRange() throws IOException {
        Path f = write("s.yaml", "name: x\nhorizonDays: 0\n");
        String msg = refuse(f);
        names(msg, f + ":2", "horizonDays", "0", "1 to 36,500 days");
        assertTrue(msg.contains("out of range"), msg);
        Path g = write("g.yaml", "clients:\n  arrivalWindowFraction: .nan\n");
        names(refuse(g), g + ":2", "clients.arrivalWindowFraction", null, "");
    }

    @Test
    void wordOutsideTheAllowedSetIsRefusedWithASuggestion() throws IOException {
        Path f = write("s.yaml", "chain:\n  payout: expectd\n");
        String msg = refuse(f);
        names(msg, f + ":2", "chain.payout", "expectd", "expected, sampled");
        assertTrue(msg.contains("did you mean 'expected'"), msg);
    }

    @Test
    void incompleteDistributionIsRefusedWithWhatEachTypeNeeds() throws IOException {
        Path f = write("s.yaml", "name: x\nclients:\n  datasetTib: {type: lognormal, median: 5}\n");
        String msg = refuse(f);
        names(msg, f + ":3", "clients.datasetTib", "{type: lognormal, median: 5}", "a complete distribution: constant needs 'value';");
        assertTrue(msg.contains("lognormal needs 'median' and 'sigma'"), msg);
        Path g = write("g.yaml", "clients:\n  datasetTib: {type: lognormall, median: 5, sigma: 1}\n");
        String typo = refuse(g);
        names(typo, g + ":2", "clients.datasetTib.type", "lognormall", "constant, uniform, normal, lognormal, exponential, pareto");
        assertTrue(typo.contains("did you mean 'lognormal'"), typo);
        Path extra = write("x.yaml", "clients:\n  datasetTib: {type: lognormal, median: 5, sigma: 1, min: 2}\n");
        names(refuse(extra), extra + ":2", "clients.datasetTib.min", "2", "the fields of lognormal: median, sigma");
        Path h = write("h.yaml", "clients:\n  datasetTib: {type: uniform, min: -1, max: 5}\n");
        names(refuse(h), h + ":2", "clients.datasetTib", "{type: uniform, min: -1, max: 5}", "draws >= 0 TiB");
    }

    @Test
    void termMinAboveTermMaxIsRefused() throws IOException {
        Path f = write("s.yaml", "clients:\n  termMinDays: 600\n  termMaxDays: 540\n");
        names(refuse(f), f + ":2", "clients.termMinDays", "600", "<= clients.termMaxDays (540)");
    }

    @Test
    void fewerProvidersPerClientThanReplicasIsRefused() throws IOException {
        Path f = write("s.yaml", "clients:\n  replicas: 3\n  providersPerClient: 2\n");
        names(refuse(f), f + ":3", "clients.providersPerClient", "2", ">= clients.replicas (3)");
    }

    @Test
    void rewardSeriesNotStartingAtDayZeroIsRefused() throws IOException {
        Path f = write("s.yaml", "chain:\n  rewardMode: series\n  rewardSeries:\n    - {day: 3, filPerEpoch: 10}\n");
        names(refuse(f), f + ":4", "chain.rewardSeries[0].day", "3", "0");
    }

    @Test
    void stepThatDoesNotDivideTheDayIsRefused() throws IOException {
        Path f = write("s.yaml", "name: x\nstepEpochs: 7\n");
        names(refuse(f), f + ":2", "stepEpochs", "7", "a divisor of 2,880");
    }

    /** The generic rule of {@code @Param(share = ...)}, on the first group of shares the scenario tree declares. */
    @Test
    void sharesNotSummingToOneAreRefused() throws IOException {
        Map<String, List<String>> groups = new TreeMap<>();
        for (var e : ParameterCatalog.entries())
            if (e.param() != null && !e.param().share().isEmpty() && !e.inList())
                groups.computeIfAbsent(e.path().substring(0, e.path().lastIndexOf('.') + 1) + e.param().share(), k -> new ArrayList<>())
                        .add(e.path());
        Assumptions.assumeFalse(groups.isEmpty(), "no scenario field is annotated as a share yet");
        List<String> group = groups.values().iterator().next();
        String parent = group.get(0).substring(0, group.get(0).lastIndexOf('.'));
        StringBuilder yaml = new StringBuilder("name: x\n");
        String indent = "";
        for (String key : parent.split("\\.")) {
            yaml.append(indent).append(key).append(":\n");
            indent += "  ";
        }
        for (String p : group) yaml.append(indent).append(p.substring(parent.length() + 1)).append(": 0.6\n");
        Path f = write("s.yaml", yaml.toString());
        String sum = new java.math.BigDecimal("0.6").multiply(java.math.BigDecimal.valueOf(group.size())).stripTrailingZeros().toPlainString();
        int line = parent.split("\\.").length + 2;
        String msg = refuse(f);
        names(msg, f + ":" + line, group.get(0), sum, "shares of '");
        for (String p : group) assertTrue(msg.contains(p.substring(parent.length() + 1) + " 0.6"), msg);
    }

    @Test
    void payoutBandsOutOfOrderAreRefused() throws IOException {
        Assumptions.assumeTrue(ParameterCatalog.find("sla.payoutHighFrom").isPresent(), "no SLA payout bands yet");
        Path f = write("s.yaml", "design: sla-allocator\nsla:\n  payoutMidFrom: 90\n  payoutHighFrom: 80\n");
        names(refuse(f), f + ":3", "sla.payoutMidFrom", "90", "<= sla.payoutHighFrom (80)");
    }

    @Test
    void invalidYamlIsRefusedWithItsLine() throws IOException {
        Path f = write("s.yaml", "name: x\ndescription: 'unterminated\n");
        String msg = refuse(f);
        assertTrue(msg.matches("error: " + java.util.regex.Pattern.quote(f.toString()) + ":[23]: not valid YAML: .*; allowed: valid YAML"), msg);
    }

    @Test
    void missingFileIsRefused() {
        Path f = dir.resolve("missing.yaml");
        names(refuse(f), f.toString(), null, null, "the path of an existing scenario file");
    }

    @Test
    void extendsCycleIsRefusedNamingTheFileThatClosesIt() throws IOException {
        Path a = write("a.yaml", "extends: b.yaml\nname: a\n");
        Path b = write("b.yaml", "name: b\nextends: a.yaml\n");
        String msg = refuse(a);
        names(msg, b + ":2", "extends", "a.yaml", "a chain of files without a cycle");
        assertTrue(msg.contains("a.yaml -> b.yaml -> a.yaml"), msg);
    }

    @Test
    void missingParentIsRefused() throws IOException {
        Path f = write("s.yaml", "name: x\nextends: nowhere.yaml\n");
        names(refuse(f), f + ":2", "extends", "nowhere.yaml", "the path of an existing scenario file");
    }

    @Test
    void badSetIsRefusedNamingTheOption() throws IOException {
        Path f = write("s.yaml", "name: x\n");
        names(refuse(f, "--set", "clients.count=abc"), "--set clients.count=abc", "clients.count", "abc", "a whole number, 0 to 1,000,000");
        String unknown = refuse(f, "--set", "clients.cuont=5");
        names(unknown, "--set clients.cuont=5", "clients.cuont", "5", "clients.count, clients.datasetTib");
        assertTrue(unknown.contains("did you mean 'clients.count'"), unknown);
        names(refuse(f, "--set", "clients.replicas=0"), "--set clients.replicas=0", "clients.replicas", "0", "1 to 100");
        names(refuse(f, "--set", "chain.payout=sampld"), "--set chain.payout=sampld", "chain.payout", "sampld", "expected, sampled");
        names(refuse(f, "--set", "clients.datasetTib={type: uniform, min: 1}"), "--set clients.datasetTib={type: uniform, min: 1}",
                "clients.datasetTib", "{type: uniform, min: 1}", "a complete distribution");
        names(refuse(f, "--set", "clients.count"), "--set clients.count", null, "clients.count", "path=value");
        names(refuse(f, "--set", "chain.rewardSeries[0].day=3"), "--set chain.rewardSeries[0].day=3", "chain.rewardSeries[0].day", "3",
                "the whole list");
        names(refuse(f, "--set", "clients.termMinDays=600"), "--set clients.termMinDays=600", "clients.termMinDays", "600",
                "<= clients.termMaxDays (540)");
        names(refuse(f, "--days", "0"), "--days 0", "horizonDays", "0", "1 to 36,500 days");
    }

    @Test
    void everyMessageFieldIsFilledForEveryFieldThatIsOutOfRange() throws IOException {
        // each bounded number of the tree, set just above its maximum, is refused naming its own path and range
        List<String> checked = new ArrayList<>();
        Path f = write("s.yaml", "name: x\n");
        for (var e : ParameterCatalog.parameters()) {
            if (e.inList() || e.param() == null || Double.isNaN(e.param().max()) || e.kind() != ParameterCatalog.Kind.WHOLE) continue;
            String over = String.valueOf((long) e.param().max() + 1);
            String msg = refuse(f, "--set", e.path() + "=" + over);
            names(msg, "--set " + e.path() + "=" + over, e.path(), null, "");
            assertTrue(msg.contains("out of range (value: " + over + ")") || msg.contains("number too large"), msg);
            checked.add(e.path());
        }
        assertTrue(checked.size() > 10, checked.stream().collect(Collectors.joining(", ")));
    }
}
