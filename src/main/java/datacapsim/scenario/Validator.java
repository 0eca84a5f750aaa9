package datacapsim.scenario;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a merged scenario: every {@link Param} bound (numbers in range, words from the allowed set, distributions
 * complete and within bounds) and the rules between fields. The first problem is thrown as a
 * {@link ScenarioException} naming file, line, field, value and what is allowed.
 */
final class Validator {
    private Validator() {}

    static void validate(ScenarioLoader.Loaded loaded) {
        walk(loaded, loaded.scenario(), "");
        crossChecks(loaded);
    }

    private static void walk(ScenarioLoader.Loaded l, Record r, String prefix) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            String path = prefix.isEmpty() ? ParameterCatalog.key(c) : prefix + "." + ParameterCatalog.key(c);
            check(l, path, read(c, r), c.getAnnotation(Param.class));
        }
        ShareProblem sp = shareProblem(r);
        if (sp != null) {
            String path = prefix.isEmpty() ? sp.firstKey() : prefix + "." + sp.firstKey();
            fail(l, path, sp.sum(), "shares of '" + sp.group() + "' summing to 1 (within 1e-9)", sp.problem());
        }
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Components of a record by share group ({@link Param#share()}), in declaration order. */
    static Map<String, List<RecordComponent>> shareGroups(Record r) {
        Map<String, List<RecordComponent>> groups = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Param p = c.getAnnotation(Param.class);
            if (p != null && !p.share().isEmpty()) groups.computeIfAbsent(p.share(), k -> new ArrayList<>()).add(c);
        }
        return groups;
    }

    /** A share group that does not sum to 1: its name, its first field's key, the sum, and the terms in words. */
    record ShareProblem(String group, String firstKey, String sum, String problem) {}

    /** The first share group of a record whose fields do not sum to 1 (within 1e-9), or null; unset shares count 0. */
    static ShareProblem shareProblem(Record r) {
        for (var g : shareGroups(r).entrySet()) {
            BigDecimal sum = BigDecimal.ZERO;
            List<String> terms = new ArrayList<>();
            for (RecordComponent c : g.getValue()) {
                Object v = read(c, r);
                BigDecimal x = v instanceof Number n && Double.isFinite(n.doubleValue()) ? new BigDecimal(n.toString()) : BigDecimal.ZERO;
                sum = sum.add(x);
                terms.add(ParameterCatalog.key(c) + " " + x.stripTrailingZeros().toPlainString());
            }
            if (sum.subtract(BigDecimal.ONE).abs().compareTo(new BigDecimal("1e-9")) > 0) {
                String total = sum.stripTrailingZeros().toPlainString();
                return new ShareProblem(g.getKey(), ParameterCatalog.key(g.getValue().get(0)), total,
                        "the shares of '" + g.getKey() + "' must sum to 1: " + String.join(" + ", terms) + " = " + total);
            }
        }
        return null;
    }

    private static void check(ScenarioLoader.Loaded l, String path, Object v, Param p) {
        if (v == null) return;
        if (v instanceof Dist d) {
            walk(l, d, path);
            String problem = d.problem();
            if (problem != null)
                fail(l, path, ParameterCatalog.format(d), "a complete distribution: " + distributionForms(), problem);
            List<String> used = ParameterCatalog.distributionFields(d.type());
            for (RecordComponent c : Dist.class.getRecordComponents()) {
                Object x = read(c, d);
                if (x != null && !c.getName().equals("type") && !used.contains(c.getName()))
                    fail(l, path + "." + c.getName(), ParameterCatalog.format(x), "the fields of " + d.type() + ": " + String.join(", ", used),
                            "a " + d.type() + " distribution has no '" + c.getName() + "'");
            }
            if (p != null && !Double.isNaN(p.min()) && d.lowerBound() < p.min())
                fail(l, path, ParameterCatalog.format(d), "draws >= " + fmt(p.min()) + unit(p),
                        "the distribution can draw " + fmt(d.lowerBound()) + ", below the minimum");
            double hi = upperBound(d);
            if (p != null && !Double.isNaN(p.max()) && hi > p.max())
                fail(l, path, ParameterCatalog.format(d), "draws <= " + fmt(p.max()) + unit(p),
                        "the distribution can draw " + fmt(hi) + ", above the maximum");
            return;
        }
        if (v instanceof Record rec) {
            walk(l, rec, path);
            return;
        }
        if (v instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) check(l, path + "[" + i + "]", list.get(i), p);
            return;
        }
        if (p == null) return;
        if (v instanceof Number n) {
            if (!Double.isFinite(n.doubleValue())) fail(l, path, n.toString(), "a finite number", "not a finite number");
            BigDecimal x = new BigDecimal(n.toString());
            boolean lo = !Double.isNaN(p.min()) && x.compareTo(new BigDecimal(p.min())) < 0;
            boolean hi = !Double.isNaN(p.max()) && x.compareTo(new BigDecimal(p.max())) > 0;
            if (lo || hi) fail(l, path, n.toString(), range(p), "out of range");
        }
    }

    private static String unit(Param p) { return p.unit().isEmpty() ? "" : " " + p.unit(); }

    /** Largest value a distribution can draw. */
    private static double upperBound(Dist d) {
        return switch (d.type()) {
            case CONSTANT -> d.value();
            case UNIFORM -> d.max();
            case NORMAL, LOGNORMAL, EXPONENTIAL, PARETO -> Double.POSITIVE_INFINITY;
        };
    }

    private static String distributionForms() {
        StringBuilder b = new StringBuilder();
        ParameterCatalog.distributionTypes().forEach((t, need) -> {
            if (b.length() > 0) b.append("; ");
            b.append(t).append(' ').append(need);
        });
        return b.toString();
    }

    static String range(Param p) {
        String unit = p.unit().isEmpty() ? "" : " " + p.unit();
        if (Double.isNaN(p.min()) && Double.isNaN(p.max())) return "any number";
        if (Double.isNaN(p.max())) return ">= " + fmt(p.min()) + unit;
        if (Double.isNaN(p.min())) return "<= " + fmt(p.max()) + unit;
        return fmt(p.min()) + " to " + fmt(p.max()) + unit;
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format("%,d", (long) d) : String.valueOf(d);
    }

    /**
     * Pairs of fields (lower, upper) where the first must not exceed the second, for records others are still growing;
     * a pair is checked when both fields exist.
     */
    private static final List<String[]> NOT_ABOVE = List.<String[]>of(
            new String[] {"sla.payoutMidFrom", "sla.payoutHighFrom"}); // the Beneficiary's middle band starts below its high band

    /**
     * Groups of fields that only one kind of design reads: setting them in another design would be silently ignored,
     * so it is an error naming the field, its value and the design.
     */
    private static void designScope(ScenarioLoader.Loaded l) {
        Scenario s = l.scenario();
        boolean sla = s.design() == Scenario.Design.SLA_ALLOCATOR;
        if (!sla) {
            onlyFor(l, "sla", s.sla(), SlaScenario.defaults(), "sla-allocator", s.design());
            onlyFor(l, "providers.behaviour", s.providers().behaviour(), ProviderBehaviour.defaults(), "sla-allocator", s.design());
        } else {
            onlyFor(l, "abuse", s.abuse(), AbuseScenario.defaults(), "direct, meta-allocator, client-contract or onramp", s.design());
        }
    }

    /**
     * The contract designs need FEVM and DataCap: they run only under ddo, fip45-market (on the DDO path) and solstice
     * (until its upgrade); any other regime with them is an error naming both fields.
     */
    private static void regimeScope(ScenarioLoader.Loaded l) {
        Scenario s = l.scenario();
        if (s.design() == Scenario.Design.DIRECT || s.regime().runsContracts()) return;
        List<String> allowed = new ArrayList<>();
        for (Scenario.Regime r : Scenario.Regime.values()) if (r.runsContracts()) allowed.add(r.word());
        fail(l, "regime", s.regime().word(), "with design " + s.design() + ": " + String.join(", ", allowed)
                        + " (or design direct with any regime)",
                "design " + s.design() + " (field 'design') needs FEVM contracts and DataCap, which regime "
                        + s.regime() + " (field 'regime') does not have");
    }

    /**
     * The abusive populations use the FIP-0045 registry (DataCap transfers, allocations, claims): an abuse block that
     * differs from its default under regime v1 or v1-topup is an error naming both fields.
     */
    private static void abuseScope(ScenarioLoader.Loaded l) {
        Scenario s = l.scenario();
        if (s.regime() != Scenario.Regime.V1 && s.regime() != Scenario.Regime.V1_TOPUP) return;
        String differs = firstDifference("abuse", s.abuse(), AbuseScenario.defaults());
        if (differs == null) return;
        Object v = valueAt(s.abuse(), differs.substring("abuse".length() + 1));
        List<String> allowed = new ArrayList<>();
        for (Scenario.Regime r : Scenario.Regime.values())
            if (r != Scenario.Regime.V1 && r != Scenario.Regime.V1_TOPUP) allowed.add(r.word());
        fail(l, differs, String.valueOf(v), "its default under regime " + s.regime() + ", or regime "
                        + String.join(", ", allowed),
                "the abusive populations (field '" + differs + "') use the FIP-0045 registry's DataCap, allocations and "
                        + "claims, which regime " + s.regime() + " (field 'regime') does not have");
    }

    /**
     * The solstice block is read only under regime solstice: set under another regime it is an error naming the field
     * and the regime. Under solstice its volume steps start at quarter 1 and ascend.
     */
    private static void solsticeScope(ScenarioLoader.Loaded l) {
        Scenario s = l.scenario();
        if (s.regime() != Scenario.Regime.SOLSTICE) {
            String differs = firstDifference("solstice", s.solstice(), SolsticeScenario.defaults());
            if (differs == null) return;
            Object v = valueAt(s.solstice(), differs.substring("solstice".length() + 1));
            fail(l, differs, String.valueOf(v), "its default under regime " + s.regime() + ", or regime solstice",
                    "applies only to regime solstice (field 'regime' is " + s.regime() + ") and would be ignored here");
            return;
        }
        List<SolsticeScenario.VolumeStep> steps = s.solstice().filecoinPaySeries();
        for (int i = 0; i < steps.size(); i++) {
            long q = steps.get(i).quarter();
            if (i == 0 && q != 1)
                fail(l, "solstice.filecoinPaySeries[0].quarter", String.valueOf(q), "1",
                        "the Filecoin Pay series starts at quarter 1, the quarter beginning at the upgrade");
            if (i > 0 && q <= steps.get(i - 1).quarter())
                fail(l, "solstice.filecoinPaySeries[" + i + "].quarter", String.valueOf(q),
                        "> " + steps.get(i - 1).quarter(), "the steps' quarters must ascend");
        }
    }

    private static void onlyFor(ScenarioLoader.Loaded l, String path, Object value, Object dflt, String designs, Scenario.Design design) {
        String differs = firstDifference(path, value, dflt);
        if (differs == null) return;
        Object v = valueAt(value, differs.substring(path.length() + 1));
        fail(l, differs, String.valueOf(v), "its default in design " + design,
                "applies only to the " + designs + " design" + (designs.contains(" or ") ? "s" : "") + " and would be ignored here");
    }

    /** The path of the first leaf where {@code a} differs from {@code b}, or null when they are equal. */
    private static String firstDifference(String path, Object a, Object b) {
        if (java.util.Objects.equals(a, b)) return null;
        if (a instanceof Record ra && b instanceof Record rb && !(a instanceof Dist) && a.getClass() == b.getClass()) {
            for (RecordComponent c : ra.getClass().getRecordComponents()) {
                try {
                    String d = firstDifference(path + "." + c.getName(), c.getAccessor().invoke(ra), c.getAccessor().invoke(rb));
                    if (d != null) return d;
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return null;
        }
        return path;
    }

    private static Object valueAt(Object root, String dotted) {
        Object v = root;
        for (String part : dotted.split("\\.")) {
            if (!(v instanceof Record r)) return v;
            try {
                v = r.getClass().getMethod(part).invoke(r);
            } catch (ReflectiveOperationException e) {
                return v;
            }
        }
        return v;
    }

    private static void crossChecks(ScenarioLoader.Loaded l) {
        regimeScope(l);
        abuseScope(l);
        solsticeScope(l);
        designScope(l);
        Scenario s = l.scenario();
        for (String[] pair : NOT_ABOVE) {
            if (ParameterCatalog.find(pair[0]).isEmpty() || ParameterCatalog.find(pair[1]).isEmpty()) continue;
            Object lo = ParameterCatalog.read(s, pair[0]);
            Object hi = ParameterCatalog.read(s, pair[1]);
            if (lo instanceof Number a && hi instanceof Number b && new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) > 0)
                fail(l, pair[0], a.toString(), "<= " + pair[1] + " (" + b + ")", pair[0] + " must not exceed " + pair[1]);
        }
        int maxDeal = s.chain().maxDealDurationDays();
        if (maxDeal != 0 && !EnumSet.of(Scenario.Regime.V1, Scenario.Regime.V1_TOPUP, Scenario.Regime.FIP45_MARKET)
                .contains(s.regime()))
            fail(l, "chain.maxDealDurationDays", String.valueOf(maxDeal), "0 under regime " + s.regime()
                            + ", or regime v1, v1-topup or fip45-market",
                    "the storage market takes deals only under v1, v1-topup and fip45-market (field 'regime' is "
                            + s.regime() + "); it would be ignored here");
        if (maxDeal != 0 && maxDeal < 180)
            fail(l, "chain.maxDealDurationDays", String.valueOf(maxDeal), "0 (the regime's own) or 180 to 1,278 days",
                    "a deal lasts at least 180 days, so a shorter maximum admits no deal");
        var c = s.clients();
        if (c.termMinDays() > c.termMaxDays())
            fail(l, "clients.termMinDays", c.termMinDays().toString(), "<= clients.termMaxDays (" + c.termMaxDays() + ")",
                    "term_min must not exceed term_max");
        var a = s.allocators();
        if (a.firstTrancheTib().compareTo(a.maxTrancheTib()) > 0)
            fail(l, "allocators.firstTrancheTib", a.firstTrancheTib().toPlainString(),
                    "<= allocators.maxTrancheTib (" + a.maxTrancheTib().toPlainString() + ")", "the first tranche exceeds the largest tranche");
        if (c.count() > 0 && c.providersPerClient() < c.replicas())
            fail(l, "clients.providersPerClient", c.providersPerClient().toString(), ">= clients.replicas (" + c.replicas() + ")",
                    "each replica needs a different provider");
        if (c.count() > 0 && s.providers().count() < c.providersPerClient())
            fail(l, "clients.providersPerClient", c.providersPerClient().toString(), "<= providers.count (" + s.providers().count() + ")",
                    "a client cannot choose more providers than there are");
        var b = s.behaviour();
        if (!(b.hurdleRoiPerYear() < b.fullRoiPerYear()))
            fail(l, "behaviour.hurdleRoiPerYear", b.hurdleRoiPerYear().toString(),
                    "< behaviour.fullRoiPerYear (" + b.fullRoiPerYear() + ")", "the onboarding ramp needs a hurdle below full");
        List<Scenario.ArrivalStep> arrivalSteps = c.arrivalsPerDaySeries();
        if (c.arrivals() == Scenario.Arrivals.POISSON && arrivalSteps != null && !arrivalSteps.isEmpty())
            daySeries(l, "clients.arrivalsPerDaySeries", "arrivals poisson with a series", "perDay",
                    arrivalSteps.stream().map(st -> st.perDay() == null ? null : st.day()).toList(), arrivalSteps);
        var ch = s.chain();
        if (ch.rewardMode() == Scenario.RewardMode.SERIES) {
            List<Scenario.RewardStep> series = ch.rewardSeries();
            daySeries(l, "chain.rewardSeries", "rewardMode series", "filPerEpoch", series == null ? null
                    : series.stream().map(st -> st.filPerEpoch() == null ? null : st.day()).toList(), series);
        }
        networkSeries(l, "chain.networkRawPowerSeries", ch.networkRawPowerSeries(), PowerLike.of(ch.networkRawPowerSeries()),
                "chain.networkRawPowerPib", ch.networkRawPowerPib(), "chain.networkRawPowerChangePibPerDay",
                ch.networkRawPowerChangePibPerDay());
        networkSeries(l, "chain.networkQaPowerSeries", ch.networkQaPowerSeries(), PowerLike.of(ch.networkQaPowerSeries()),
                "chain.networkQaPowerPib", ch.networkQaPowerPib(), "chain.networkQaPowerChangePibPerDay",
                ch.networkQaPowerChangePibPerDay());
        networkSeries(l, "chain.circulatingSupplySeries", ch.circulatingSupplySeries(),
                PowerLike.ofSupply(ch.circulatingSupplySeries()), "chain.circulatingSupplyFil", ch.circulatingSupplyFil(),
                "chain.circulatingSupplyChangeFilPerDay", ch.circulatingSupplyChangeFilPerDay());
        var ec = s.economy();
        if (ec.filPriceModel() == EconomyScenario.PriceModel.SERIES) {
            List<EconomyScenario.PriceStep> series = ec.filPriceSeries();
            daySeries(l, "economy.filPriceSeries", "filPriceModel series", "usd", series == null ? null
                    : series.stream().map(st -> st.usd() == null ? null : st.day()).toList(), series);
        }
        if (s.stepEpochs() > 2_880 && s.stepEpochs() % 2_880 != 0)
            fail(l, "stepEpochs", s.stepEpochs().toString(), "a divisor of 2,880 or a whole number of days",
                    "steps longer than a day must be whole days so daily rows line up");
        if (s.stepEpochs() < 2_880 && 2_880 % s.stepEpochs() != 0)
            fail(l, "stepEpochs", s.stepEpochs().toString(), "a divisor of 2,880 (1, 2, …, 120, 1440) or a whole number of days",
                    "steps shorter than a day must divide it so daily rows line up");
    }

    /**
     * A series of steps by day ({@code days}: each step's day, null where the step lacks its day or its
     * {@code valueField}): at least one step, the first at day 0, days increasing.
     */
    private static void daySeries(ScenarioLoader.Loaded l, String path, String mode, String valueField, List<Long> days,
                                  List<?> steps) {
        if (steps == null || steps.isEmpty())
            fail(l, path, "[]", "at least one step, the first at day 0", mode + " needs a series");
        long last = -1;
        for (int i = 0; i < days.size(); i++) {
            Long day = days.get(i);
            if (day == null) fail(l, path + "[" + i + "]", null, "day and " + valueField, "a step needs both fields");
            if (i == 0 && day != 0) fail(l, path + "[0].day", day.toString(), "0", "the first step must start at day 0");
            if (day <= last)
                fail(l, path + "[" + i + "].day", day.toString(), "> " + last, "steps must be in increasing day order");
            last = day;
        }
    }

    /** A network series' points as (day, value) pairs, value null where the step lacks it. */
    private record PowerLike(List<Long> days, List<BigDecimal> values) {
        static PowerLike of(List<Scenario.PowerStep> steps) {
            if (steps == null) return new PowerLike(List.of(), List.of());
            return new PowerLike(steps.stream().map(Scenario.PowerStep::day).toList(),
                    steps.stream().map(Scenario.PowerStep::pib).toList());
        }

        static PowerLike ofSupply(List<Scenario.SupplyStep> steps) {
            if (steps == null) return new PowerLike(List.of(), List.of());
            return new PowerLike(steps.stream().map(Scenario.SupplyStep::day).toList(),
                    steps.stream().map(Scenario.SupplyStep::fil).toList());
        }
    }

    /**
     * A network day series, when given: days from 0 increasing, every step with its value, the day-0 value equal to
     * the start field it replaces, and that quantity's daily change 0 (a series and a linear change would disagree).
     */
    private static void networkSeries(ScenarioLoader.Loaded l, String path, List<?> steps, PowerLike p, String startPath,
                                      BigDecimal start, String changePath, BigDecimal change) {
        if (steps == null || steps.isEmpty()) return;
        List<Long> days = new ArrayList<>();
        for (int i = 0; i < p.days().size(); i++) days.add(p.values().get(i) == null ? null : p.days().get(i));
        daySeries(l, path, "a network series", "its value", days, steps);
        if (p.values().get(0).compareTo(start) != 0)
            fail(l, path + "[0]", p.values().get(0).toPlainString(), "= " + startPath + " (" + start.toPlainString() + ")",
                    "the series starts from the start value it replaces");
        if (change.signum() != 0)
            fail(l, changePath, change.toPlainString(), "0 when " + path + " is given",
                    "a series and a daily change would disagree");
    }

    static void fail(ScenarioLoader.Loaded l, String path, String value, String allowed, String problem) {
        ScenarioLoader.Location loc = l.locate(path);
        throw new ScenarioException(loc.file(), loc.line(), path, value, allowed, problem);
    }
}
