package datacapsim.scenario;

import java.math.BigDecimal;

/**
 * Parameters of the sla-allocator design: the SLA Allocator's rules, the SLA terms clients ask for, the Beneficiary's
 * bands, and the off-chain services. Grown by the SLA design's work; every field has a default in {@link #defaults()}.
 */
public record SlaScenario(
        @Param(doc = "a passport passes when its score is strictly above this", min = 0, max = 100) Integer passportScoreThreshold,
        @Param(doc = "price a payment must cover per TiB of DataCap requested", unit = "FIL/TiB", min = 0, max = 1e6) BigDecimal priceFilPerTib) {

    public static SlaScenario defaults() {
        return new SlaScenario(20, new BigDecimal("1"));
    }
}
