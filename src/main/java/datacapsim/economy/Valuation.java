package datacapsim.economy;

import java.util.List;

/**
 * The value of an option over its life, per raw TiB (economics.md §3): its net cash flows (revenue minus cost, USD)
 * at their times, discounted continuously at the agent's private rate, or as an annualised return on the pledge.
 */
public final class Valuation {
    private Valuation() {}

    /** A net cash flow of {@code usd} (revenue minus cost) at {@code years} after the decision. */
    public record CashFlow(double years, double usd) {
        public CashFlow {
            if (!(years >= 0) || !Double.isFinite(years)) throw new IllegalArgumentException("years " + years + " < 0");
            if (!Double.isFinite(usd)) throw new IllegalArgumentException("usd " + usd + " is not finite");
        }
    }

    /** NPV = Σ_t (revenue_t − cost_t) · e^(−δ t), δ the discount rate per year (0 or more). */
    public static double npv(List<CashFlow> flows, double discountPerYear) {
        if (!(discountPerYear >= 0)) throw new IllegalArgumentException("discount rate " + discountPerYear + " < 0");
        double v = 0;
        for (CashFlow f : flows) v += f.usd() * Math.exp(-discountPerYear * f.years());
        return v;
    }

    /** The undiscounted sum of the flows. */
    public static double total(List<CashFlow> flows) {
        return npv(flows, 0);
    }

    /**
     * Annualised ROI = (1 + net / pledge)^(1 / years) − 1 of an undiscounted net result on a pledge held
     * {@code years}; −1 when the net loses the whole pledge or more.
     */
    public static double annualisedRoi(double undiscountedNetUsd, double pledgeUsd, double years) {
        if (!(pledgeUsd > 0)) throw new IllegalArgumentException("pledge " + pledgeUsd + " must be > 0");
        if (!(years > 0)) throw new IllegalArgumentException("years " + years + " must be > 0");
        double growth = 1 + undiscountedNetUsd / pledgeUsd;
        return growth <= 0 ? -1 : Math.pow(growth, 1 / years) - 1;
    }

    /**
     * A level flow of {@code usdPerYear} paid in {@code steps} equal instalments at the end of each step over
     * {@code years} (e.g. 365 daily steps a year), for valuing an option whose revenue and costs are steady.
     */
    public static List<CashFlow> level(double usdPerYear, double years, int steps) {
        if (steps < 1) throw new IllegalArgumentException("steps " + steps + " < 1");
        CashFlow[] out = new CashFlow[steps];
        double dt = years / steps;
        for (int i = 0; i < steps; i++) out[i] = new CashFlow(dt * (i + 1), usdPerYear * dt);
        return List.of(out);
    }
}
