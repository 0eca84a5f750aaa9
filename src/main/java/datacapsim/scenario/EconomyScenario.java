package datacapsim.scenario;

import java.math.BigDecimal;
import java.util.List;

/**
 * Prices and money (economics.md §1): the FIL price in USD (a constant, a day series or a geometric Brownian motion
 * drawn from its own stream) and the annual rate at which providers finance their pledge. Economic books are kept in
 * USD beside the exact FIL of the chain and never enter a chain balance. A deal price, when set, is paid in FIL.
 */
public record EconomyScenario(
        @Param(doc = "how the FIL price moves: constant (filPriceUsd), series (filPriceSeries) or gbm (from "
                + "filPriceUsd)")
        PriceModel filPriceModel,
        @Param(doc = "FIL price: the constant, or the start of the gbm (observed 0.74 to 0.91 from Feb to Jul 2026)",
                unit = "USD/FIL", min = 0.01, max = 1_000) BigDecimal filPriceUsd,
        @Param(doc = "for filPriceModel series: steps of (day, usd); the first must be at day 0")
        List<PriceStep> filPriceSeries,
        @Param(doc = "for filPriceModel gbm: drift of the log price", unit = "1/year", min = -5, max = 5)
        Double filPriceDriftPerYear,
        @Param(doc = "for filPriceModel gbm: volatility of the log price", unit = "1/sqrt(year)", min = 0, max = 10)
        Double filPriceVolatilityPerYear,
        @Param(doc = "annual rate providers pay to finance their pledge (GLIF's fixed lending APR, 2025; "
                + "agentFIL sweeps "
                + "0.05 to 0.5)", unit = "1/year", min = 0, max = 1) Double borrowRatePerYear,
        @Param(doc = "price honest clients pay their providers for storage, in FIL on chain every 30 days for the "
                + "bytes in their live claims (0: FIL+ deals are typically free; paid storage on Filecoin sells near "
                + "2.5 USD/TiB-month, about 3 FIL at 0.80 USD/FIL)", unit = "FIL/TiB-month", min = 0, max = 100)
        Double dealPriceFilPerTibMonth) {

    /** How the FIL price moves. */
    public enum PriceModel implements Word {
        CONSTANT, SERIES, GBM;

        @Override public String toString() { return word(); }
    }

    /** One step of the price series: the price from {@code day} until the next step. */
    public record PriceStep(
            @Param(doc = "first day this price applies", unit = "days", min = 0) Long day,
            @Param(doc = "the FIL price from that day", unit = "USD/FIL", min = 0.01, max = 1_000) BigDecimal usd) {}

    public static EconomyScenario defaults() {
        return new EconomyScenario(PriceModel.CONSTANT, new BigDecimal("0.80"),
                List.of(new PriceStep(0L, new BigDecimal("0.80"))), 0.0, 0.8, 0.15, 0.0);
    }
}
