package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.agents.Provider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Renewal by expected payoff (economics.md §3): one logit choice per group of sectors near their end of life, by the
 * extension's annual net per raw TiB, recorded with the value and share it saw. Directions at a fixed seed: a higher
 * FIL price or a lower borrowing rate extends more. Sectors last 180 days so the first groups decide within the run.
 */
class RenewalTest {
    private static final List<String> SHORT_SECTORS = List.of("horizonDays=200", "providers.sectorDurationDays=180",
            "clients.termMinDays=180", "clients.termMaxDays=540");

    static Simulation run(List<String> extra) {
        List<String> all = new ArrayList<>(SHORT_SECTORS);
        all.addAll(extra);
        return ProviderBooksTest.run("direct.yaml", all);
    }

    static long decisions(Simulation s) {
        return s.providers().stream().mapToLong(Provider::renewalDecisions).sum();
    }

    static long chosen(Simulation s) {
        return s.providers().stream().mapToLong(Provider::renewalsChosen).sum();
    }

    /** 4 USD/FIL throughout, or falling to 0.1 on day 140, before the first groups decide (onboarding is the same). */
    @Test
    void aHigherFilPriceExtendsMore() {
        Simulation low = run(List.of("economy.filPriceModel=series",
                "economy.filPriceSeries=[{day: 0, usd: 4}, {day: 140, usd: 0.1}]"));
        Simulation high = run(List.of("economy.filPriceUsd=4"));
        assertTrue(decisions(low) > 0 && decisions(high) > 0, "groups reached their end of life");
        double lowShare = chosen(low) / (double) decisions(low);
        double highShare = chosen(high) / (double) decisions(high);
        assertTrue(highShare > lowShare, highShare + " > " + lowShare);
        for (Provider p : high.providers())
            if (p.renewalDecisions() > 0) assertTrue(p.lastRenewalValueUsd() > 0, "at 4 USD/FIL extending pays");
        for (Provider p : low.providers())
            if (p.renewalDecisions() > 0) assertTrue(p.lastRenewalValueUsd() < 0, "at 0.1 USD/FIL it does not");
    }

    /**
     * 2 % against 20 % a year. At the mid-2026 defaults (21.6 FIL an epoch, the daily fee) 30 % a year leaves almost
     * nothing onboarded (779 sectors, none reaching its renewal within the run), so the dear arm is 20 %.
     */
    @Test
    void aDearerPledgeExtendsLess() {
        Simulation cheap = run(List.of("economy.filPriceUsd=2", "economy.borrowRatePerYear=0.02"));
        Simulation dear = run(List.of("economy.filPriceUsd=2", "economy.borrowRatePerYear=0.2"));
        assertTrue(decisions(cheap) > 0 && decisions(dear) > 0, "groups reached their end of life");
        assertTrue(chosen(cheap) / (double) decisions(cheap) > chosen(dear) / (double) decisions(dear));
    }

    /**
     * At 0.6 USD/FIL, where renewing without deal payments is a close call. At the mid-2026 defaults 0.5 USD/FIL
     * onboards nothing without payments (no group to decide), so the free arm would not test the direction.
     */
    @Test
    void aPaidDealPriceExtendsMore() {
        Simulation free = run(List.of("economy.filPriceUsd=0.6"));
        Simulation paid = run(List.of("economy.filPriceUsd=0.6", "economy.dealPriceFilPerTibMonth=2"));
        assertTrue(decisions(free) > 0 && decisions(paid) > 0, "groups reached their end of life");
        assertTrue(chosen(paid) / (double) decisions(paid) > chosen(free) / (double) decisions(free),
                "the deal payments for the verified bytes kept count in the extension's value");
    }

    @Test
    void lambdaZeroIsACoinAndTheChoiceKeepsWhatItSaw() {
        Simulation coin = run(List.of("behaviour.logitLambda=0"));
        for (Provider p : coin.providers())
            if (p.renewalDecisions() > 0) {
                assertEquals(0.5, p.lastRenewalExtendShare(), 1e-12);
                assertTrue(p.lastRenewalValueUsd() != 0, "the value seen is recorded");
            }
        long n = decisions(coin);
        assertTrue(n >= 20, "enough groups decided: " + n);
        assertEquals(0.5, chosen(coin) / (double) n, 4 * Math.sqrt(0.25 / n), "a fair coin by the renewals' stream");
    }

    @Test
    void scriptedModeMakesNoPayoffChoices() {
        Simulation s = run(List.of("behaviour.mode=scripted", "providers.extendProbability=1"));
        assertEquals(0, decisions(s));
        assertTrue(s.providers().stream().mapToLong(Provider::extended).sum() > 0, "the fixed rule extended sectors");
    }
}
