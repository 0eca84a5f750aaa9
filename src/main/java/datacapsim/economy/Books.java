package datacapsim.economy;

import java.util.EnumMap;
import java.util.Map;

/**
 * An agent's economic books in US dollars (economics.md §2): revenue by source, FIL burned (fees, penalties, SLA
 * redirection) at the day's price, costs by kind and the financing of pledge; profit is revenue minus burns, costs
 * and financing. Estimates as {@code double}, kept beside the exact FIL of the chain and never mixed into a balance.
 * Each entry also moves a running net, so {@link #balanced()} checks the books add up rather than restating them.
 */
public final class Books {
    /** Days in the books' year: costs are per TiB-year and rates per year of 365 days. */
    public static final double DAYS_IN_YEAR = 365;

    /** Where revenue comes from. */
    public enum Revenue { REWARDS, DEAL_PAYMENTS }

    private final Map<Revenue, Double> revenue = new EnumMap<>(Revenue.class);
    private final Map<CostKind, Double> costs = new EnumMap<>(CostKind.class);
    private double burned;
    private double financing;
    private double net;

    /** Revenue of {@code usd} (0 or more) from {@code source}. */
    public void earn(Revenue source, double usd) {
        check(usd);
        revenue.merge(source, usd, Double::sum);
        net += usd;
    }

    /** A cost of {@code usd} (0 or more) of {@code kind}. */
    public void pay(CostKind kind, double usd) {
        check(usd);
        costs.merge(kind, usd, Double::sum);
        net -= usd;
    }

    /** FIL burned from the agent's rewards or funds (fees, penalties, SLA redirection), valued in USD. */
    public void burn(double usd) {
        check(usd);
        burned += usd;
        net -= usd;
    }

    /** The cost of financing pledge: pledge (USD) × borrowing rate × time. */
    public void finance(double usd) {
        check(usd);
        financing += usd;
        net -= usd;
    }

    public double revenue(Revenue source) { return revenue.getOrDefault(source, 0.0); }

    public double revenue() { return revenue.values().stream().mapToDouble(Double::doubleValue).sum(); }

    public double cost(CostKind kind) { return costs.getOrDefault(kind, 0.0); }

    /** Every cost kind together (without burns and financing). */
    public double costs() { return costs.values().stream().mapToDouble(Double::doubleValue).sum(); }

    public double burned() { return burned; }

    public double financing() { return financing; }

    /** Revenue − burns − costs − financing. */
    public double profit() { return revenue() - burned - costs() - financing; }

    /** Whether the categories add up to the running net of every entry (within rounding). */
    public boolean balanced() {
        double scale = Math.max(1, revenue() + burned + costs() + financing);
        return Math.abs(profit() - net) <= 1e-9 * scale;
    }

    private static void check(double usd) {
        if (!(usd >= 0) || Double.isInfinite(usd)) throw new IllegalArgumentException("an entry of " + usd + " USD");
    }
}
