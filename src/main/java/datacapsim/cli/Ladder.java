package datacapsim.cli;

import datacapsim.scenario.AbuseScenario;
import datacapsim.scenario.Overrides;
import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioLoader;
import datacapsim.scenario.Setting;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The rungs of {@code bench --ladder}: a scenario with its agent populations multiplied by a scale (ratios kept) or
 * its horizon multiplied, and the cost exponents fitted to the rungs' times.
 *
 * <p>What scales with the populations: {@code providers.count}, {@code clients.count}, {@code allocators.count}; the
 * clients' Poisson arrival rate ({@code clients.arrivalsPerDay} and every step of {@code clients.arrivalsPerDaySeries},
 * so that as many clients actually arrive per day in proportion); the abusive populations when present
 * ({@code abuse.sybilOwners}, {@code abuse.selfDealingProviders}, {@code abuse.selfDealingClients},
 * {@code abuse.colludingClients}, {@code sla.squatProviders}); and the two budgets shared by all agents
 * ({@code governance.metaAllocatorAllowanceTib}, the MetaAllocator's allowance from the root key, and
 * {@code sla.globalLimit}, the no-passport requests of all clients together, in the sla-allocator
 * design). Per-agent fields (datasets, sealing
 * rates, funds, tranches, allowances per allocator), the outside network and the seed stay as they are.
 */
final class Ladder {
    /** The default scales of {@code --ladder-scales}. */
    static final String DEFAULT_SCALES = "1,2,4,10";

    private Ladder() {}

    /** One rung: its label, population scale, horizon factor and the scenario it runs. */
    record Rung(String label, BigDecimal scale, int horizonFactor, Scenario scenario) {
        int providers() { return scenario.providers().count(); }
        int clients() { return scenario.clients().count(); }
        int allocators() { return scenario.allocators().count(); }

        /** Honest providers, clients and allocators plus the abusive populations (sybil addresses counted one each). */
        long agents() { return Ladder.agents(scenario); }
    }

    /**
     * Parses {@code --ladder-scales}: comma-separated positive numbers in strictly ascending order (e.g. 1,2,4,10).
     *
     * @throws IllegalArgumentException naming the offending value and what is allowed
     */
    static List<BigDecimal> parseScales(String text) {
        String allowed = "comma-separated positive numbers in ascending order, e.g. " + DEFAULT_SCALES;
        if (text == null || text.isBlank())
            throw new IllegalArgumentException("--ladder-scales is empty; allowed: " + allowed);
        List<BigDecimal> scales = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String p = part.trim();
            BigDecimal s;
            try {
                s = new BigDecimal(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--ladder-scales '" + text + "': '" + p
                        + "' is not a number; allowed: " + allowed);
            }
            if (s.signum() <= 0)
                throw new IllegalArgumentException("--ladder-scales '" + text + "': " + p
                        + " is not positive; allowed: " + allowed);
            if (!scales.isEmpty() && s.compareTo(scales.get(scales.size() - 1)) <= 0)
                throw new IllegalArgumentException("--ladder-scales '" + text + "': " + p + " does not follow "
                        + scales.get(scales.size() - 1).toPlainString() + " in ascending order; allowed: " + allowed);
            if (s.compareTo(BigDecimal.valueOf(1000)) > 0)
                throw new IllegalArgumentException("--ladder-scales '" + text + "': " + p + " is above 1000; allowed: "
                        + allowed);
            scales.add(s.stripTrailingZeros());
        }
        return scales;
    }

    /** The rungs in the order they run: the first scale, the first scale at twice the horizon, then the others. */
    static List<Rung> rungs(ScenarioLoader.Loaded base, List<BigDecimal> scales) {
        List<Rung> rungs = new ArrayList<>();
        for (int i = 0; i < scales.size(); i++) {
            rungs.add(rung(base, scales.get(i), 1));
            if (i == 0) rungs.add(rung(base, scales.get(0), 2));
        }
        return rungs;
    }

    /** The scenario at {@code scale} times its populations and {@code horizonFactor} times its horizon, validated. */
    static Rung rung(ScenarioLoader.Loaded base, BigDecimal scale, int horizonFactor) {
        Scenario s = base.scenario();
        String label = scale.toPlainString() + "x" + (horizonFactor == 1 ? "" : ", " + horizonFactor + "x days");
        String origin = "--ladder-scales " + scale.toPlainString();
        List<Setting> set = new ArrayList<>();
        if (scale.compareTo(BigDecimal.ONE) != 0) {
            set.add(count("providers.count", s.providers().count(), scale, origin));
            set.add(count("clients.count", s.clients().count(), scale, origin));
            set.add(count("allocators.count", s.allocators().count(), scale, origin));
            if (s.clients().arrivalsPerDay() != null)
                set.add(new Setting("clients.arrivalsPerDay", times(s.clients().arrivalsPerDay(), scale), origin));
            var series = s.clients().arrivalsPerDaySeries();
            if (series != null && !series.isEmpty()) {
                List<String> steps = new ArrayList<>();
                for (Scenario.ArrivalStep st : series)
                    steps.add("{day: " + st.day() + ", perDay: " + times(st.perDay(), scale) + "}");
                set.add(new Setting("clients.arrivalsPerDaySeries", "[" + String.join(", ", steps) + "]", origin));
            }
            AbuseScenario a = s.abuse();
            if (a != null) {
                positive(set, "abuse.sybilOwners", a.sybilOwners(), scale, origin);
                positive(set, "abuse.selfDealingProviders", a.selfDealingProviders(), scale, origin);
                positive(set, "abuse.selfDealingClients", a.selfDealingClients(), scale, origin);
                positive(set, "abuse.colludingClients", a.colludingClients(), scale, origin);
            }
            if (s.sla() != null && s.design() == Scenario.Design.SLA_ALLOCATOR) { // sla is refused elsewhere
                positive(set, "sla.squatProviders", s.sla().squatProviders(), scale, origin);
                positive(set, "sla.globalLimit", s.sla().globalLimit(), scale, origin);
            }
            if (s.governance() != null && s.governance().metaAllocatorAllowanceTib() != null)
                set.add(new Setting("governance.metaAllocatorAllowanceTib",
                        s.governance().metaAllocatorAllowanceTib().multiply(scale).stripTrailingZeros().toPlainString(),
                        origin));
        }
        if (horizonFactor != 1)
            set.add(new Setting("horizonDays", String.valueOf((long) s.horizonDays() * horizonFactor),
                    "--ladder (" + horizonFactor + "x days)"));
        return new Rung(label, scale, horizonFactor, Overrides.apply(base, set).scenario());
    }

    static long agents(Scenario s) {
        long n = (long) s.providers().count() + s.clients().count() + s.allocators().count();
        AbuseScenario a = s.abuse();
        if (a != null)
            n += (long) nz(a.sybilOwners()) * nz(a.sybilAddressesPerOwner()) + nz(a.selfDealingProviders())
                    + nz(a.selfDealingClients()) + nz(a.colludingClients());
        return n;
    }

    /**
     * The cost exponent in agents: the least-squares slope of ln(seconds) on ln(agents) over the points given;
     * NaN with fewer than two distinct agent counts.
     */
    static double slope(List<Long> agents, List<Double> seconds) {
        int n = agents.size();
        if (n < 2) return Double.NaN;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += Math.log(agents.get(i));
            my += Math.log(seconds.get(i));
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(agents.get(i)) - mx;
            sxy += dx * (Math.log(seconds.get(i)) - my);
            sxx += dx * dx;
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }

    /** The cost exponent in days: ln(t at factor x the horizon / t at 1x) / ln(factor). */
    static double dayExponent(double secondsAt1x, double secondsAtFactor, int factor) {
        return Math.log(secondsAtFactor / secondsAt1x) / Math.log(factor);
    }

    private static int nz(Integer v) {
        return v == null ? 0 : v;
    }

    private static void positive(List<Setting> set, String path, Integer v, BigDecimal scale, String origin) {
        if (v != null && v > 0) set.add(count(path, v, scale, origin));
    }

    /** {@code n × scale} rounded half up, at least 1 when {@code n} is positive. */
    private static Setting count(String path, int n, BigDecimal scale, String origin) {
        long v = BigDecimal.valueOf(n).multiply(scale).setScale(0, RoundingMode.HALF_UP).longValueExact();
        if (n > 0) v = Math.max(1, v);
        return new Setting(path, String.valueOf(v), origin);
    }

    private static String times(Double d, BigDecimal scale) {
        return new BigDecimal(Double.toString(d)).multiply(scale).stripTrailingZeros().toPlainString();
    }
}
