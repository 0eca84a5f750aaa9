package datacapsim.scenario;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

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
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String path = prefix.isEmpty() ? c.getName() : prefix + "." + c.getName();
            if (c.getName().equals("extendsFile")) path = prefix.isEmpty() ? "extends" : prefix + ".extends";
            Param p = c.getAnnotation(Param.class);
            check(l, path, v, p);
        }
    }

    private static void check(ScenarioLoader.Loaded l, String path, Object v, Param p) {
        if (v == null) return;
        if (v instanceof Dist d) {
            String problem = d.problem();
            if (problem != null) fail(l, path, d.type(), "a complete distribution (constant, uniform, normal, lognormal, exponential, pareto)", problem);
            walk(l, d, path);
            if (p != null && !Double.isNaN(p.min()) && d.lowerBound() < p.min())
                fail(l, path, String.valueOf(d.lowerBound()), "draws >= " + fmt(p.min()),
                        "the distribution can draw values below the minimum");
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
            BigDecimal x = new BigDecimal(n.toString());
            boolean lo = !Double.isNaN(p.min()) && x.compareTo(new BigDecimal(p.min())) < 0;
            boolean hi = !Double.isNaN(p.max()) && x.compareTo(new BigDecimal(p.max())) > 0;
            if (lo || hi) fail(l, path, n.toString(), range(p), "out of range");
        } else if (v instanceof String s && p.oneOf().length > 0) {
            if (!Arrays.asList(p.oneOf()).contains(s))
                fail(l, path, s, String.join(", ", p.oneOf()), "not an allowed value"
                        + suggestion(s, p.oneOf()));
        }
    }

    private static String suggestion(String s, String[] allowed) {
        String c = ScenarioLoader.closest(s, Arrays.asList(allowed));
        return c == null ? "" : " (did you mean '" + c + "'?)";
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

    private static void crossChecks(ScenarioLoader.Loaded l) {
        Scenario s = l.scenario();
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
        var ch = s.chain();
        if ("series".equals(ch.rewardMode())) {
            List<Scenario.RewardStep> series = ch.rewardSeries();
            if (series == null || series.isEmpty())
                fail(l, "chain.rewardSeries", "[]", "at least one step, the first at day 0", "rewardMode series needs a series");
            long last = -1;
            for (int i = 0; i < series.size(); i++) {
                Scenario.RewardStep st = series.get(i);
                if (st.day() == null || st.filPerEpoch() == null)
                    fail(l, "chain.rewardSeries[" + i + "]", null, "day and filPerEpoch", "a step needs both fields");
                if (i == 0 && st.day() != 0)
                    fail(l, "chain.rewardSeries[0].day", st.day().toString(), "0", "the first step must start at day 0");
                if (st.day() <= last)
                    fail(l, "chain.rewardSeries[" + i + "].day", st.day().toString(), "> " + last, "steps must be in increasing day order");
                last = st.day();
            }
        }
        if (s.stepEpochs() > 2_880 && s.stepEpochs() % 2_880 != 0)
            fail(l, "stepEpochs", s.stepEpochs().toString(), "a divisor of 2,880 or a whole number of days",
                    "steps longer than a day must be whole days so daily rows line up");
        if (s.stepEpochs() < 2_880 && 2_880 % s.stepEpochs() != 0)
            fail(l, "stepEpochs", s.stepEpochs().toString(), "a divisor of 2,880 (1, 2, …, 120, 1440) or a whole number of days",
                    "steps shorter than a day must divide it so daily rows line up");
    }

    static void fail(ScenarioLoader.Loaded l, String path, String value, String allowed, String problem) {
        ScenarioLoader.Location loc = l.locate(path);
        throw new ScenarioException(loc.file(), loc.line(), path, value, allowed, problem);
    }
}
