package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.agents.Client;
import datacapsim.agents.DataCapClient;
import datacapsim.agents.Provider;
import datacapsim.chain.Claim;
import datacapsim.chain.Policy;
import datacapsim.economy.Books;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deal payments (economics.md §2, §4, §7): honest clients pay their providers in FIL every 30 days for the bytes of
 * their live claims at {@code economy.dealPriceFilPerTibMonth}; providers book it as revenue at the day's price.
 */
class DealPaymentsTest {
    private static final long DAY = Policy.EPOCHS_IN_DAY;
    private static final BigInteger ATTO = BigInteger.TEN.pow(18);

    /** One client with 4 TiB and one replica, one provider that seals everything (scripted), 61 days at 0.5 FIL. */
    private static Simulation oneClientOneProvider() {
        return ProviderBooksTest.run("direct.yaml", List.of("horizonDays=61", "clients.count=1", "providers.count=1",
                "clients.providersPerClient=1", "clients.replicas=1", "clients.arrivals=window",
                "clients.arrivalWindowFraction=0", "clients.datasetTib={type: constant, value: 4}",
                "behaviour.mode=scripted", "economy.dealPriceFilPerTibMonth=0.5"));
    }

    private static Client client(Simulation sim) {
        for (DataCapClient c : sim.world().roles().dataCapClients()) if (c instanceof Client h) return h;
        throw new AssertionError("no honest client");
    }

    @Test
    void twoMonthsOfClaimsArePaidExactlyAndBookedAtTheDaysPrice() {
        Simulation sim = oneClientOneProvider();
        Provider p = sim.providers().get(0);
        Client c = client(sim);
        List<Claim> claims = new ArrayList<>(sim.chain().verifreg().claimsOf(p.miner().address()).values());
        assertTrue(claims.size() > 10, "claims: " + claims.size());
        BigInteger price = ATTO.divide(BigInteger.TWO); // 0.5 FIL per TiB-month, in attoFIL
        BigInteger month = BigInteger.valueOf(Policy.TiB).multiply(BigInteger.valueOf(30 * DAY));
        BigInteger first = BigInteger.ZERO; // byte-epochs paid on day 30: each claim from its start
        BigInteger second = BigInteger.ZERO; // on day 60: from day 30 or its later start
        for (Claim k : claims) {
            assertTrue(k.end() > 60 * DAY, "no claim ends within the run");
            BigInteger size = BigInteger.valueOf(k.size());
            if (k.termStart() < 30 * DAY)
                first = first.add(size.multiply(BigInteger.valueOf(30 * DAY - k.termStart())));
            long from = Math.max(30 * DAY, k.termStart());
            if (from < 60 * DAY) second = second.add(size.multiply(BigInteger.valueOf(60 * DAY - from)));
        }
        BigInteger paid = price.multiply(first).divide(month).add(price.multiply(second).divide(month));
        assertTrue(first.signum() > 0 && second.signum() > 0);
        assertEquals(paid, c.dealPaid());
        assertEquals(0, c.dealPaymentsSkipped());
        // endowed at creation with price × 4 TiB × (term_max 540 + expiration 30 days) / 30 = 38 FIL
        BigInteger endowed = new BigInteger("38").multiply(ATTO);
        assertEquals(endowed.subtract(paid), sim.chain().fil().balance(c.address()));
        double usd = new BigDecimal(paid).movePointLeft(18).doubleValue() * 0.80;
        assertEquals(usd, p.account().books().revenue(Books.Revenue.DEAL_PAYMENTS), 1e-9);
        assertTrue(p.account().books().balanced());
    }

    /**
     * Over a year, where the clients' demand bounds what is sealed either way. Over 120 days the direction reverses
     * at the mid-2026 defaults (21.6 FIL an epoch, the daily fee): without deal payments fewer providers pass the
     * onboarding hurdle (3,532 against 4,218 TiB of QA power sealed by day 120), and the sectors the payments bring
     * forward carry their full costs before they have earned them back.
     */
    @Test
    void aPaidDealPriceRaisesHonestProvidersProfit() {
        Simulation free = ProviderBooksTest.run("direct.yaml", List.of("horizonDays=365"));
        Simulation paid = ProviderBooksTest.run("direct.yaml",
                List.of("horizonDays=365", "economy.dealPriceFilPerTibMonth=0.5"));
        double freeProfit = ProviderBooksTest.total(free, Books::profit);
        double paidProfit = ProviderBooksTest.total(paid, Books::profit);
        double deals = ProviderBooksTest.total(paid, b -> b.revenue(Books.Revenue.DEAL_PAYMENTS));
        assertEquals(0, ProviderBooksTest.total(free, b -> b.revenue(Books.Revenue.DEAL_PAYMENTS)), 0);
        assertTrue(deals > 0, "deal revenue " + deals);
        assertTrue(paidProfit > freeProfit, "profit at 0.5 FIL/TiB-month " + paidProfit + " vs free " + freeProfit
                + " (deal revenue " + deals + ")");
        System.out.printf("direct 365 d: profit free %.2f, paid %.2f, deal revenue %.2f USD%n", freeProfit, paidProfit,
                deals);
    }
}
