package datacapsim.report;

import static datacapsim.report.ChartSpec.s;

import java.util.List;
import java.util.Locale;

/**
 * The report's economic charts: the providers' profit and loss in USD, their costs by kind, the FIL price, the mix of
 * onboarding strategies and service levels, and the attackers' profitability. Like every {@link ChartSpec} each is
 * drawn only when its columns hold values, so a run whose files predate a column simply goes without its chart.
 */
final class EconomyCharts {
    private EconomyCharts() {}

    static final String USD = "USD";

    /** The providers' cost kinds (economy.CostKind's columns), as the cost chart stacks them. */
    static final List<ChartSpec.Series> COST_KINDS = List.of(
            s("sp_cost_power_usd", "power and colocation"), s("sp_cost_disks_usd", "disks"),
            s("sp_cost_bandwidth_usd", "bandwidth"), s("sp_cost_staff_usd", "staff"),
            s("sp_cost_sealing_usd", "sealing"), s("sp_cost_gas_usd", "gas"),
            s("sp_cost_extra_copy_usd", "extra unsealed copy"), s("sp_cost_bizdev_usd", "business development"));

    static final List<ChartSpec> ALL = List.of(
            new ChartSpec("sp-pnl", "Providers' profit and loss (running totals)", USD, DisplayUnits.ONE,
                    ChartSpec.Kind.LINES,
                    List.of(s("sp_revenue_usd", "revenue (block rewards at the day's FIL price)"),
                            s("sp_cost_usd", "costs (incl. financing and FIL burned)"),
                            s("sp_profit_usd", "profit"),
                            s("sp_financing_usd", "financing of the locked pledge")),
                    EconomyCharts::readPnl),
            new ChartSpec("sp-costs", "Providers' costs by kind (running totals)", USD, DisplayUnits.ONE,
                    ChartSpec.Kind.STACKED,
                    COST_KINDS,
                    EconomyCharts::readCosts),
            new ChartSpec("fil-price", "FIL price", "USD per FIL", DisplayUnits.ONE, ChartSpec.Kind.LINES,
                    List.of(s("fil_price_usd", "FIL price")),
                    t -> "FIL starts at " + usd(t.cell(0, "fil_price_usd")) + " per FIL and ends at "
                            + usd(t.last("fil_price_usd")) + " per FIL."),
            new ChartSpec("strategy-mix", "Providers by onboarding strategy", "providers", DisplayUnits.ONE,
                    ChartSpec.Kind.STACKED,
                    List.of(s("providers_strategy_fil_plus", "FIL+ deals"),
                            s("providers_strategy_cc", "committed capacity"),
                            s("providers_strategy_none", "not onboarding")),
                    t -> "On day " + t.last("day") + ", " + count(t, "providers_strategy_fil_plus")
                            + " providers onboard FIL+ deals, " + count(t, "providers_strategy_cc")
                            + " committed capacity and " + count(t, "providers_strategy_none") + " nothing."),
            new ChartSpec("service-levels", "Providers by service level", "providers", DisplayUnits.ONE,
                    ChartSpec.Kind.STACKED,
                    List.of(s("service_level_minimal", "minimal"), s("service_level_standard", "standard"),
                            s("service_level_premium", "premium")),
                    t -> "On day " + t.last("day") + ", " + count(t, "service_level_minimal") + " providers serve at "
                            + "the minimal level, " + count(t, "service_level_standard") + " at the standard and "
                            + count(t, "service_level_premium") + " at the premium level."),
            new ChartSpec("premium-share", "Premium service level's share of providers", "share", DisplayUnits.ONE,
                    ChartSpec.Kind.LINES,
                    List.of(s("service_level_premium_share", "premium share")),
                    t -> "At the end " + Charts.pct(one(t.last("service_level_premium_share")))
                            + " of the providers serve at the premium level."),
            new ChartSpec("attackers", "Active attackers", "attackers", DisplayUnits.ONE, ChartSpec.Kind.LINES,
                    List.of(s("attackers_active", "active attackers")),
                    t -> count(t, "attackers_active") + " attackers are active on day " + t.last("day") + "."),
            new ChartSpec("attacker-profit", "Attackers' profit (running total)", USD, DisplayUnits.ONE,
                    ChartSpec.Kind.LINES,
                    List.of(s("attacker_profit_usd", "attackers' profit")),
                    EconomyCharts::readAttackerProfit));

    static String readPnl(TimeseriesTable t) {
        return "By day " + t.last("day") + " the providers earned " + usd(t.last("sp_revenue_usd")) + " and spent "
                + usd(t.last("sp_cost_usd")) + " (" + usd(t.last("sp_financing_usd"))
                + " of it financing the locked pledge): a profit of " + usd(t.last("sp_profit_usd")) + ".";
    }

    static String readCosts(TimeseriesTable t) {
        ChartSpec.Series top = null;
        double total = 0;
        double max = 0;
        for (ChartSpec.Series k : COST_KINDS) {
            double v = one(t.last(k.column()));
            if (Double.isNaN(v)) continue;
            total += v;
            if (top == null || v > max) {
                top = k;
                max = v;
            }
        }
        if (top == null || total <= 0) return "The providers booked no costs.";
        return "Of " + usd(total) + " of costs by kind, the largest is " + top.label() + ": " + usd(max) + " ("
                + Charts.pct(max / total) + ").";
    }

    static String readAttackerProfit(TimeseriesTable t) {
        double profit = one(t.last("attacker_profit_usd"));
        String verdict = profit > 0 ? "profitable" : profit < 0 ? "a loss" : "break-even";
        return "By day " + t.last("day") + " the attackers' profit is " + usd(profit) + " (" + verdict + "), with "
                + count(t, "attackers_active") + " attackers active at the end.";
    }

    static String usd(String exact) { return usd(one(exact)); }

    static String usd(double v) { return DisplayUnits.fmt(v) + " " + USD; }

    private static double one(String exact) { return DisplayUnits.scaled(exact, DisplayUnits.ONE); }

    /** A count as a whole number, or "–" when the column is missing or empty. */
    private static String count(TimeseriesTable t, String column) {
        if (!t.has(column)) return "–";
        double v = one(t.last(column));
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%,.0f", v);
    }
}
