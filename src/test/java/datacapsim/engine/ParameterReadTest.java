package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.*;

import datacapsim.scenario.Setting;
import datacapsim.scenario.Overrides;
import datacapsim.metrics.Column;
import datacapsim.metrics.Probes;
import datacapsim.scenario.Dist;
import datacapsim.scenario.ParameterCatalog;
import datacapsim.scenario.ParameterCatalog.Entry;
import datacapsim.scenario.Param;
import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioException;
import datacapsim.scenario.ScenarioLoader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every scenario parameter is read by the model, none silently ignored: for every leaf of the record tree (found by
 * reflection, so fields added later are covered without touching this test) a short, small run is made with the
 * parameter changed to another valid value, in a scenario where it matters, and its daily rows must differ from the
 * same run without the change. Fields that legitimately cannot change a short run's rows are listed, each with its
 * reason, in {@link #NOT_OBSERVABLE}.
 */
class ParameterReadTest {
    /**
     * The bundled scenario each parameter is tried in: the first prefix that matches wins; everything else runs in
     * direct.yaml.
     */
    static final Map<String, String> SCENARIO_BY_PREFIX = ordered(
            "sla.callerChosenRegistryShare", "attack-caller-chosen-registry.yaml",
            "sla.squatProviders", "attack-beneficiary-squatting.yaml",
            "sla.", "sla-allocator.yaml",
            "providers.behaviour.", "sla-allocator.yaml", // quality drives the SLIs, measured only in the SLA design
            "variant", "sla-allocator.yaml", // designed and deployed differ most in the SLA contracts
            "chain.maxDealDurationDays", "v1.yaml",
            "chain.terminationFee", "sla-allocator.yaml", // only failing providers (SLA design) terminate sectors
            "governance.onramp", "onramp.yaml",
            "governance.maxDeviationBps", "client-contract.yaml",
            "governance.", "meta-allocator.yaml",
            "abuse.sybil", "attack-sybil-clients.yaml",
            "abuse.banOnOnramp", "attack-sybil-clients.yaml",
            "abuse.pause", "attack-sybil-clients.yaml",
            "abuse.selfDealing", "attack-self-dealing-provider.yaml",
            "abuse.", "attack-lax-allocator.yaml",
            "solstice.", "solstice.yaml");

    /** Small populations and a short horizon, applied to every scenario before anything else. */
    static final List<String> SMALL = List.of("horizonDays=60", "clients.count=30", "providers.count=8");

    /** Further reductions for the scenarios with large abusive populations. */
    static final Map<String, List<String>> SMALL_BY_SCENARIO = Map.of(
            "attack-sybil-clients.yaml", List.of("abuse.sybilOwners=3", "abuse.sybilAddressesPerOwner=4", "abuse.selfDealingProviders=2"),
            "attack-lax-allocator.yaml", List.of("abuse.colludingClients=8"),
            "attack-self-dealing-provider.yaml", List.of("abuse.selfDealingClients=8", "abuse.selfDealingProviders=2"));

    /** Half the providers failing ones that seal for two or three weeks, then leave and terminate their sectors. */
    static final List<String> FAILING_LEAVE_SOON = List.of("providers.behaviour.failingShare=0.5", "providers.behaviour.diligentShare=0.5",
            "providers.behaviour.costCuttingShare=0", "providers.behaviour.cheatingShare=0", "providers.behaviour.failingDeclinePerDay=0.01",
            "providers.behaviour.failingExitBelowQuality=0.7", "providers.behaviour.failingTerminationProbabilityPerDay=0.2");

    /** Providers whose SLA scores spread over all three payout bands: cost-cutting and cheating ones that never fool the oracle. */
    static final List<String> MIXED_SCORES = List.of("providers.behaviour.diligentShare=0.2", "providers.behaviour.costCuttingShare=0.4",
            "providers.behaviour.failingShare=0", "providers.behaviour.cheatingShare=0.4", "providers.behaviour.cheatSuccessProbability=0");

    /**
     * Settings under which a parameter matters within a short run (a mode it belongs to, a scarce resource, a horizon
     * that reaches sector expiry), by path prefix; every matching prefix applies.
     */
    static final Map<String, List<String>> CONTEXT = ordered(
            "chain.pledgePerTibFil", List.of("chain.pledgeMode=per-tib"),
            "chain.rewardSeries", List.of("chain.rewardMode=series"),
            "chain.effectiveNetworkTimeEpochs", List.of("chain.rewardMode=minting"),
            "economy.filPriceSeries", List.of("economy.filPriceModel=series"),
            // the learning layer weighs in at revisions: every provider revises every 5 days
            "behaviour.learning", List.of("behaviour.revisionShare=1", "behaviour.revisionDays=5"),
            "behaviour.ewa", List.of("behaviour.learning=ewa", "behaviour.revisionShare=1", "behaviour.revisionDays=5"),
            "economy.filPriceDrift", List.of("economy.filPriceModel=gbm"),
            "economy.filPriceVolatility", List.of("economy.filPriceModel=gbm"),
            // terminations happen only when failing providers leave (SLA design): make half of them leave soon
            "chain.terminationFee", FAILING_LEAVE_SOON,
            "providers.behaviour.failingTerminationProbabilityPerDay", FAILING_LEAVE_SOON,
            // the root key tops verifiers up only when their allowance runs low
            "rootKey.", List.of("rootKey.verifierAllowanceTib=100"),
            // governance tops allocators up and claws back only when their allowance runs low or idles
            "governance.topUpBelowFraction", List.of("governance.allocatorAllowanceTib=50"),
            "governance.reviewIntervalDays", List.of("governance.allocatorAllowanceTib=50"),
            "governance.idleClawbackDays", List.of("governance.idleClawbackDays=10", "allocators.count=10"),
            // the OnRamp limit binds only for clients that ask for more than it within a window
            "governance.onrampWindowDays", List.of("governance.onrampLimitTib=6", "allocators.firstTrancheTib=5", "allocators.maxTrancheTib=5",
                    "clients.datasetTib={type: constant, value: 40}"),
            // tranches grow past the first only when they are small against the datasets
            "allocators.maxTrancheTib", List.of("allocators.firstTrancheTib=1", "allocators.maxTrancheTib=2"),
            // pledge binds only when providers hold little FIL
            "providers.fundsFil", List.of("providers.fundsFil=50"),
            // sector lifetimes show only once the first sectors expire
            "providers.sectorDurationDays", List.of("horizonDays=240"),
            "providers.extendProbability", List.of("horizonDays=240", "providers.sectorDurationDays=180", "behaviour.mode=scripted"),
            // renewals are decided in a group's last 30 days: sectors must reach their end of life within the run
            "behaviour.", List.of("horizonDays=240", "providers.sectorDurationDays=180"),
            "providers.withdrawIntervalDays", List.of("horizonDays=100"),
            // the window's fraction decides arrivals only under clients.arrivals window
            "clients.arrivalWindowFraction", List.of("clients.arrivals=window"),
            "clients.termMinDays", List.of("horizonDays=240", "providers.sectorDurationDays=180"),
            "clients.termMaxDays", List.of("horizonDays=240"),
            "sla.oracleOutageStartDay", List.of("sla.oracleOutageDays=10"),
            // a sanction follows only a caught fake: cheating providers whose fakes fail half the time
            "providers.behaviour.cheatSanctionDays", List.of("providers.behaviour.diligentShare=0.5",
                    "providers.behaviour.costCuttingShare=0.1", "providers.behaviour.failingShare=0",
                    "providers.behaviour.cheatingShare=0.4", "providers.behaviour.cheatSuccessProbability=0.5"),
            // service levels change only at revisions (economic mode): every choosing provider revises every 5 days
            "providers.behaviour.service", List.of("providers.behaviour.serviceRevisionDays=5",
                    "providers.behaviour.serviceRevisionShare=1"),
            // the payout bands and the SLA thresholds decide anything only where scores fall below the high band
            "sla.payout", MIXED_SCORES,
            // the middle band needs a provider in it with rewards paid out within the run: at the mid-2026 defaults a
            // cost-cutting provider may choose to seal nothing (economic mode), so every provider seals (scripted)
            "sla.payoutMidShareBps", List.of("behaviour.mode=scripted"),
            "sla.slaBandwidthMbps", MIXED_SCORES,
            "providers.behaviour.sliAtFullQuality.bandwidthMbps", MIXED_SCORES,
            // outages lower the stability SLI; clients then choose providers strongly by it
            "providers.behaviour.diligent.outagesPerYear", List.of("sla.reputationWeight=50"),
            // clients switch away only from providers that leave their allocations unclaimed until they expire
            "sla.switchProviderAfterExpiries", concat(FAILING_LEAVE_SOON, List.of("clients.allocationExpirationDays=10")),
            // the termination oracle has something to report only once providers terminate sectors
            "sla.terminationOracleCadenceDays", FAILING_LEAVE_SOON,
            // caps and per-client limits bind only when a request is larger than the cap
            "sla.client", List.of("sla.passportCapTib=1"),
            "sla.manual", List.of("sla.manualAttestationShare=0.5"),
            "sla.deployedPaymentPath", List.of("variant=deployed"),
            "sla.beneficiaryExpirationMarginDays", List.of("sla.beneficiaryTermDays=1826"),
            "sla.beneficiaryTermDays", List.of("sla.beneficiaryExpirationMarginDays=1400"),
            "sla.passportValidityDays", List.of("horizonDays=120"),
            // the price binds only when clients cannot pay for all they plan
            "sla.priceFilPerTib", List.of("sla.clientBudgetMultiple=0.5"),
            // governance reviews every 30 days: give compliance a few reviews and a sure audit
            "abuse.complianceAction", List.of("horizonDays=120", "abuse.auditProbability=1"),
            "abuse.complianceToleranceShare", List.of("horizonDays=120", "abuse.auditProbability=1"),
            "abuse.maxStrikes", List.of("horizonDays=120", "abuse.auditProbability=1"),
            "abuse.pause", List.of("horizonDays=120", "abuse.auditProbability=1"),
            "abuse.pauseDays", List.of("abuse.pauseAboveShare=0.01"),
            // the upgrade inside the short run
            "solstice.upgradeDay", List.of("solstice.upgradeDay=20"),
            // a gate step applies 17 days after quarter 2 ends (day 199.6 with the upgrade on day 0)
            "solstice.filecoinPaySeries", List.of("solstice.upgradeDay=0", "horizonDays=205"));

    /** Perturbations written out where the generic ones (double, halve, other word, constant distribution) do not fit. */
    static final Map<String, List<String>> CANDIDATES = ordered(
            // deals shorter than the clients' 540-day terms
            "chain.maxDealDurationDays", List.of("chain.maxDealDurationDays=200"),
            "chain.rewardSeries", List.of("chain.rewardSeries=[{day: 0, filPerEpoch: 30}, {day: 20, filPerEpoch: 5}]"),
            "chain.rewardSeries[].day", List.of("chain.rewardSeries=[{day: 0, filPerEpoch: 30}, {day: 10, filPerEpoch: 5}]"),
            "chain.rewardSeries[].filPerEpoch", List.of("chain.rewardSeries=[{day: 0, filPerEpoch: 9}]"),
            "economy.filPriceModel", List.of("economy.filPriceModel=gbm"),
            // network series start from the start values they replace
            "chain.networkRawPowerSeries", List.of("chain.networkRawPowerSeries=[{day: 0, pib: 1663}, {day: 20, pib: 100}]"),
            "chain.networkRawPowerSeries[].day",
            List.of("chain.networkRawPowerSeries=[{day: 0, pib: 1663}, {day: 5, pib: 100}]"),
            "chain.networkRawPowerSeries[].pib", List.of("chain.networkRawPowerSeries=[{day: 0, pib: 1663}, {day: 20, pib: 10}]"),
            "chain.networkQaPowerSeries", List.of("chain.networkQaPowerSeries=[{day: 0, pib: 14760}, {day: 20, pib: 1000}]"),
            "chain.networkQaPowerSeries[].day",
            List.of("chain.networkQaPowerSeries=[{day: 0, pib: 14760}, {day: 5, pib: 1000}]"),
            "chain.networkQaPowerSeries[].pib", List.of("chain.networkQaPowerSeries=[{day: 0, pib: 14760}, {day: 20, pib: 100}]"),
            "chain.circulatingSupplySeries",
            List.of("chain.circulatingSupplySeries=[{day: 0, fil: 680000000}, {day: 20, fil: 2000000000}]"),
            "chain.circulatingSupplySeries[].day",
            List.of("chain.circulatingSupplySeries=[{day: 0, fil: 680000000}, {day: 5, fil: 2000000000}]"),
            "chain.circulatingSupplySeries[].fil",
            List.of("chain.circulatingSupplySeries=[{day: 0, fil: 680000000}, {day: 20, fil: 100000000}]"),
            // a horizon shorter than a claim's term asks for no extension
            "clients.retentionDays", List.of("clients.retentionDays={type: constant, value: 0}"),
            "economy.filPriceSeries", List.of("economy.filPriceSeries=[{day: 0, usd: 0.8}, {day: 20, usd: 3}]"),
            "economy.filPriceSeries[].day", List.of("economy.filPriceSeries=[{day: 0, usd: 0.8}, {day: 10, usd: 3}]"),
            "economy.filPriceSeries[].usd", List.of("economy.filPriceSeries=[{day: 0, usd: 2}]"),
            "economy.filPriceDriftPerYear", List.of("economy.filPriceDriftPerYear=0.5"),
            "clients.arrivalsPerDaySeries", List.of("clients.arrivalsPerDaySeries=[{day: 0, perDay: 0.1}, {day: 20, perDay: 3}]"),
            "clients.arrivalsPerDaySeries[].day", List.of("clients.arrivalsPerDaySeries=[{day: 0, perDay: 0.1}, {day: 10, perDay: 3}]"),
            "clients.arrivalsPerDaySeries[].perDay", List.of("clients.arrivalsPerDaySeries=[{day: 0, perDay: 0.1}]"),
            // the count matters only below the consensus minimum of 4 miners
            "chain.networkMinersAboveMinimum", List.of("chain.networkMinersAboveMinimum=0", "chain.networkMinersAboveMinimum=3"),
            // shorter than the horizon, so sectors expire within it
            "providers.sectorDurationDays", List.of("providers.sectorDurationDays=180"),
            "clients.termMaxDays", List.of("clients.termMaxDays=180"),
            "sla.passportCapTib", List.of("sla.passportCapTib=1"),
            "sla.noPassportCapTib", List.of("sla.noPassportCapTib=1"),
            "sla.clientBudgetMultiple", List.of("sla.clientBudgetMultiple=0.3", "sla.clientBudgetMultiple=0"),
            "sla.passportValidityDays", List.of("sla.passportValidityDays=10"),
            "sla.beneficiaryTermDays", List.of("sla.beneficiaryTermDays=1826"),
            "providers.behaviour.cheatSanctionDays", List.of("providers.behaviour.cheatSanctionDays=10"),
            // solstice.yaml's 3,500 USD a quarter passes the quarter-2 gate; these do not
            "solstice.filecoinPaySeries", List.of("solstice.filecoinPaySeries=[{quarter: 1, usd: 0}]"),
            "solstice.filecoinPaySeries[].quarter",
            List.of("solstice.filecoinPaySeries=[{quarter: 1, usd: 0}, {quarter: 3, usd: 3500}]"),
            "solstice.filecoinPaySeries[].usd", List.of("solstice.filecoinPaySeries=[{quarter: 1, usd: 3499}]"));

    /**
     * Fields that cannot change a short run's daily rows, each with the reason. Keep this list short: a parameter
     * that should matter but does not is a finding, not an entry here.
     */
    static final Map<String, String> NOT_OBSERVABLE = ordered(
            "extends", "resolved when the file is read; the run sees the merged values",
            "name", "names the output folder only",
            "question", "documentation",
            "description", "documentation",
            "sweep", "shapes the set of runs of `sweep`, not a run (the fields below it too); SweepPlanTest checks each one");

    private static final Map<String, List<String>> BASELINES = new ConcurrentHashMap<>();

    @TestFactory
    Stream<DynamicTest> everyParameterChangesTheRowsOfAShortRun() {
        return ParameterCatalog.parameters().stream()
                .filter(e -> NOT_OBSERVABLE.keySet().stream().noneMatch(k -> e.path().equals(k) || e.path().startsWith(k + ".")))
                .map(e -> DynamicTest.dynamicTest(e.path(), () -> assertRead(e)));
    }

    @Test
    void theListsNameOnlyExistingParameters() {
        for (String p : NOT_OBSERVABLE.keySet()) assertTrue(ParameterCatalog.find(p).isPresent(), p);
        for (String p : CANDIDATES.keySet()) assertTrue(ParameterCatalog.find(p).isPresent(), p);
        for (String f : SCENARIO_BY_PREFIX.values()) assertTrue(Files.exists(Path.of("scenarios", f)), f);
        for (String p : concat(CONTEXT.keySet(), SCENARIO_BY_PREFIX.keySet()))
            assertTrue(ParameterCatalog.entries().stream().anyMatch(e -> e.path().startsWith(p)), p + " is the prefix of a parameter");
        for (List<String> settings : concat(CONTEXT.values(), SMALL_BY_SCENARIO.values(), List.of(SMALL)))
            for (String a : settings) assertTrue(ParameterCatalog.find(Setting.parse(a).path()).isPresent(), a);
    }

    /** The same small run twice gives the same rows (so a difference below comes from the parameter). */
    @Test
    void theSmallRunIsRepeatable() {
        Scenario s = base("clients.count");
        assertEquals(rows(s), rows(s));
    }

    private void assertRead(Entry e) {
        Scenario base = base(e.path());
        List<String> before = BASELINES.computeIfAbsent(key(e.path()), k -> rows(base));
        ScenarioLoader.Loaded loaded = new ScenarioLoader.Loaded(base, Map.of(), List.of());
        List<String> tried = new ArrayList<>();
        for (List<String> assignments : candidates(e, base)) {
            Scenario changed;
            try {
                changed = Overrides.apply(loaded, assignments.stream().map(Setting::parse).toList()).scenario();
            } catch (ScenarioException invalid) {
                continue; // not a valid value here: try the next one
            }
            if (changed.equals(base)) continue;
            tried.add(String.join(" ", assignments));
            if (!rows(changed).equals(before)) return;
            if (tried.size() == 3) break;
        }
        assertFalse(tried.isEmpty(), e.path() + ": no valid value to change it to; give one in CANDIDATES");
        fail(e.path() + " is not read, or its effect reaches no output column: the daily rows of " + scenarioFor(e.path()) + " (" + String.join(", ", settings(e.path()))
                + ") did not change with " + tried);
    }

    // ------------------------------------------------------------------ scenarios

    static String scenarioFor(String path) {
        for (var m : SCENARIO_BY_PREFIX.entrySet()) if (path.startsWith(m.getKey())) return m.getValue();
        return "direct.yaml";
    }

    static List<String> settings(String path) {
        String file = scenarioFor(path);
        List<String> out = new ArrayList<>(SMALL);
        out.addAll(SMALL_BY_SCENARIO.getOrDefault(file, List.of()));
        for (var c : CONTEXT.entrySet()) if (path.startsWith(c.getKey())) out.addAll(c.getValue());
        return out;
    }

    private static String key(String path) { return scenarioFor(path) + " " + settings(path); }

    static Scenario base(String path) {
        ScenarioLoader.Loaded l = ScenarioLoader.load(Path.of("scenarios", scenarioFor(path)));
        List<Setting> s = new ArrayList<>();
        for (String a : settings(path)) s.add(Setting.parse(a));
        return Overrides.apply(l, s).scenario();
    }

    /** The daily rows of a run, every invariant checked each day. */
    static List<String> rows(Scenario s) {
        List<String> out = new ArrayList<>();
        Simulation sim = new Simulation(s, true);
        sim.addObserver((day, x) -> {
            StringBuilder b = new StringBuilder();
            for (Column c : Probes.TIMESERIES) b.append(c.probe().apply(datacapsim.metrics.Sample.of(x))).append(',');
            out.add(b.toString());
            List<String> v = Invariants.violations(x);
            if (!v.isEmpty()) fail("day " + day + ": " + String.join("; ", v));
        });
        sim.run();
        return out;
    }

    // ------------------------------------------------------------------ perturbations

    /**
     * Changes to try, most telling first; each is one or more "path=value" assignments (a share moves together with
     * another share of its group, so the group still sums to 1).
     */
    static List<List<String>> candidates(Entry e, Scenario base) {
        if (CANDIDATES.containsKey(e.path())) return CANDIDATES.get(e.path()).stream().map(List::of).toList();
        if (e.param() != null && !e.param().share().isEmpty()) return shareCandidates(e, base);
        Object v = ParameterCatalog.read(base, e.path());
        Param p = e.param();
        LinkedHashSet<String> values = new LinkedHashSet<>();
        switch (e.kind()) {
            case WHOLE -> {
                long x = ((Number) v).longValue();
                for (long c : new long[] {x * 2, x / 2, x * 10, x + 1, x - 1, bound(p, true), bound(p, false)})
                    if (inRange(p, c) && c != x) values.add(Long.toString(c));
            }
            case NUMBER -> {
                BigDecimal x = new BigDecimal(v.toString());
                List<BigDecimal> cs = new ArrayList<>(List.of(x.multiply(BigDecimal.valueOf(2)), x.divide(BigDecimal.valueOf(2), MathContext.DECIMAL64),
                        x.multiply(BigDecimal.TEN), x.add(new BigDecimal("0.1")), x.subtract(new BigDecimal("0.1"))));
                if (p != null && !Double.isNaN(p.min()) && !Double.isNaN(p.max()))
                    cs.add(BigDecimal.valueOf((p.min() + p.max()) / 2));
                if (p != null && !Double.isNaN(p.max())) cs.add(BigDecimal.valueOf(p.max()));
                if (p != null && !Double.isNaN(p.min())) cs.add(BigDecimal.valueOf(p.min()));
                for (BigDecimal c : cs)
                    if (inRange(p, c.doubleValue()) && c.compareTo(x) != 0) values.add(c.stripTrailingZeros().toPlainString());
            }
            case FLAG -> values.add(Boolean.toString(!Boolean.TRUE.equals(v)));
            case WORD -> {
                for (String w : ParameterCatalog.words(e)) if (!w.equals(v)) values.add(w);
            }
            case DISTRIBUTION -> {
                double t = typical((Dist) v);
                double scale = t == 0 ? 1 : t;
                for (double c : new double[] {2 * scale, scale / 2, 10 * scale, 0.1 * scale})
                    if (inRange(p, c)) values.add("{type: constant, value: " + c + "}");
                if (p != null && !Double.isNaN(p.max())) values.add("{type: constant, value: " + p.max() + "}");
            }
            default -> { }
        }
        return values.stream().map(x -> List.of(e.path() + "=" + x)).toList();
    }

    /** Moves part of a share to or from each other share of its group. */
    private static List<List<String>> shareCandidates(Entry e, Scenario base) {
        String group = ScenarioLoader.parentPath(e.path());
        BigDecimal mine = new BigDecimal(ParameterCatalog.read(base, e.path()).toString());
        List<List<String>> out = new ArrayList<>();
        for (Entry other : ParameterCatalog.entries()) {
            if (other == e || other.param() == null || !other.param().share().equals(e.param().share())
                    || !ScenarioLoader.parentPath(other.path()).equals(group)) continue;
            BigDecimal theirs = new BigDecimal(ParameterCatalog.read(base, other.path()).toString());
            BigDecimal give = theirs.min(new BigDecimal("0.5"));
            BigDecimal take = mine.min(new BigDecimal("0.5"));
            if (give.signum() > 0) out.add(List.of(e.path() + "=" + mine.add(give).toPlainString(), other.path() + "=" + theirs.subtract(give).toPlainString()));
            if (take.signum() > 0) out.add(List.of(e.path() + "=" + mine.subtract(take).toPlainString(), other.path() + "=" + theirs.add(take).toPlainString()));
        }
        return out;
    }

    private static double typical(Dist d) {
        return switch (d.type()) {
            case CONSTANT -> d.value();
            case UNIFORM -> (d.min() + d.max()) / 2;
            case NORMAL, EXPONENTIAL -> d.mean();
            case LOGNORMAL -> d.median();
            case PARETO -> d.scale() * 2;
        };
    }

    private static long bound(Param p, boolean min) {
        if (p == null) return Long.MIN_VALUE;
        double b = min ? p.min() : p.max();
        return Double.isNaN(b) || Math.abs(b) > 1e15 ? Long.MIN_VALUE : (long) b;
    }

    private static boolean inRange(Param p, double x) {
        if (x == Long.MIN_VALUE) return false;
        if (p == null) return true;
        return (Double.isNaN(p.min()) || x >= p.min()) && (Double.isNaN(p.max()) || x <= p.max());
    }

    @SafeVarargs
    private static <T> List<T> concat(java.util.Collection<? extends T>... parts) {
        List<T> out = new ArrayList<>();
        for (var p : parts) out.addAll(p);
        return out;
    }

    private static <V> Map<String, V> ordered(Object... kv) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            @SuppressWarnings("unchecked") V v = (V) kv[i + 1];
            m.put((String) kv[i], v);
        }
        return m;
    }
}
