package datacapsim.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.chain.Chain;
import datacapsim.chain.ChainFixture;
import datacapsim.chain.Fil;
import datacapsim.chain.Policy;
import datacapsim.economy.CostKind;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A new sector's value and ROI (economics.md §3) by hand, on a chain with a constant reward of 20 FIL an epoch and a
 * pledge of 5 FIL per QA TiB (so 50 FIL per raw TiB of a verified sector, 5 of committed capacity).
 */
class OnboardingOfferTest {
    private static final long SECTOR = 32L * Policy.GiB;
    private static final double PRICE = 0.8;
    private static final double RATE = 0.15;
    private static final double YEARS = 1.5;

    private static Chain chain() {
        return ChainFixture.chain(ChainFixture.simpleMoney(Fil.fil(20), Fil.fil(5)));
    }

    private static ProviderAccount account(boolean sunk) {
        Map<CostKind, Double> levels = new EnumMap<>(CostKind.class);
        for (CostKind k : CostKind.values()) levels.put(k, k.defaultUsd());
        ProviderAccount a = new ProviderAccount(ProviderAccount.Profile.HONEST, levels, sunk);
        a.quote(PRICE, RATE);
        return a;
    }

    /** Reward per raw TiB-year in FIL of a new sector of {@code qa} QA bytes, its own power in the network's. */
    private static double rewardPerTibYear(Chain c, long qa) {
        double network = c.power().networkQa().doubleValue() + qa;
        return 20.0 * Policy.EPOCHS_IN_YEAR * qa / network / (SECTOR / (double) Policy.TiB);
    }

    @Test
    void aVerifiedSectorsValueAndRoiByHand() {
        Chain c = chain();
        ProviderAccount.Offer o = account(true).onboardingOffer(c, true, SECTOR, YEARS);
        double revenue = rewardPerTibYear(c, 10 * SECTOR) * PRICE;
        double operating = revenue - 2.2 - 1.3 / YEARS; // gas and sealing spread over the life; power, bandwidth sunk
        double pledgeUsd = 50 * PRICE;
        assertEquals(operating - pledgeUsd * RATE, o.valueUsd(), 1e-9);
        assertEquals(Math.pow(1 + operating * YEARS / pledgeUsd, 1 / YEARS) - 1, o.roiPerYear(), 1e-12);
    }

    @Test
    void committedCapacityEarnsATenthPaysCcGasAndATenthOfThePledge() {
        Chain c = chain();
        ProviderAccount.Offer o = account(true).onboardingOffer(c, false, SECTOR, YEARS);
        double operating = rewardPerTibYear(c, SECTOR) * PRICE - CostKind.CC_GAS - 1.3 / YEARS;
        assertEquals(operating - 5 * PRICE * RATE, o.valueUsd(), 1e-9);
    }

    @Test
    void marginalCapacityCostsSubtractPowerAndBandwidth() {
        Chain c = chain();
        double sunk = account(true).onboardingOffer(c, true, SECTOR, YEARS).valueUsd();
        double marginal = account(false).onboardingOffer(c, true, SECTOR, YEARS).valueUsd();
        assertEquals(6 + 6, sunk - marginal, 1e-9);
        double ccSunk = account(true).onboardingOffer(c, false, SECTOR, YEARS).valueUsd();
        double ccMarginal = account(false).onboardingOffer(c, false, SECTOR, YEARS).valueUsd();
        assertEquals(6 + CostKind.NO_RETRIEVAL_BANDWIDTH, ccSunk - ccMarginal, 1e-9);
    }

    @Test
    void aDealPriceAddsTwelveMonthsOfItToFilPlusOnly() {
        Chain c = chain();
        ProviderAccount free = account(true);
        ProviderAccount paid = account(true);
        paid.dealPrice(0.5);
        double gain = paid.onboardingOffer(c, true, SECTOR, YEARS).valueUsd()
                - free.onboardingOffer(c, true, SECTOR, YEARS).valueUsd();
        assertEquals(0.5 * 12 * PRICE, gain, 1e-9);
        assertTrue(paid.onboardingOffer(c, true, SECTOR, YEARS).roiPerYear()
                > free.onboardingOffer(c, true, SECTOR, YEARS).roiPerYear());
        assertEquals(free.onboardingOffer(c, false, SECTOR, YEARS).valueUsd(),
                paid.onboardingOffer(c, false, SECTOR, YEARS).valueUsd(), 0);
    }

    @Test
    void aHigherPriceRaisesValueAndRoiADearerRateOnlyTheValue() {
        Chain c = chain();
        ProviderAccount low = account(true);
        ProviderAccount high = account(true);
        high.quote(4, RATE);
        ProviderAccount dear = account(true);
        dear.quote(PRICE, 0.5);
        ProviderAccount.Offer base = low.onboardingOffer(c, true, SECTOR, YEARS);
        assertTrue(high.onboardingOffer(c, true, SECTOR, YEARS).valueUsd() > base.valueUsd());
        assertTrue(high.onboardingOffer(c, true, SECTOR, YEARS).roiPerYear() > base.roiPerYear());
        assertTrue(dear.onboardingOffer(c, true, SECTOR, YEARS).valueUsd() < base.valueUsd());
        assertEquals(base.roiPerYear(), dear.onboardingOffer(c, true, SECTOR, YEARS).roiPerYear(), 1e-12);
    }
}
