package datacapsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.ChainFixture;
import datacapsim.chain.DealProposal;
import datacapsim.chain.Fil;
import datacapsim.chain.Miner;
import datacapsim.chain.Policy;
import datacapsim.chain.StorageMarket;
import datacapsim.engine.Invariants;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The market columns' readings on a market that publishes, activates, times out and completes deals:
 * deals_activated (the market's counter, checked against published − timed out − pending) counts every activation
 * once, also after its deal ended and left the market; the collateral slashed is the provider collateral of the
 * timed-out deal; and the market's books hold.
 */
class MarketColumnsTest {
    static final long DAY = Policy.EPOCHS_IN_DAY;
    static final BigInteger PRICE = BigInteger.valueOf(1_000_000_000L);
    static final BigInteger PC = Fil.fil(1);
    static final BigInteger CC = Fil.parseFil("0.5");

    @Test
    void activatedCountsEachActivationOnceThroughTimeoutAndCompletion() {
        Chain c = ChainFixture.chain();
        StorageMarket mk = c.market();
        Address owner = c.newAccount();
        Address worker = c.newAccount();
        Address client = c.newAccount();
        c.fil().endow(owner, Fil.fil(1_000));
        c.fil().endow(client, Fil.fil(1_000));
        Miner m = c.createMiner(owner, worker, Policy.SECTOR_SIZE_32GIB);
        List<DealProposal> deals = List.of(
                new DealProposal(client, m.address(), 1, Policy.GiB, 10 * DAY, 200 * DAY, PRICE, PC, CC, false),
                new DealProposal(client, m.address(), 2, Policy.GiB, 10 * DAY, 200 * DAY, PRICE, PC, CC, false),
                new DealProposal(client, m.address(), 3, Policy.GiB, 20 * DAY, 220 * DAY, PRICE, PC, CC, false));
        BigInteger cl = BigInteger.ZERO;
        for (DealProposal d : deals) cl = cl.add(d.clientBalanceRequirement());
        mk.addBalance(client, client, cl);
        mk.addBalance(owner, m.address(), PC.multiply(BigInteger.valueOf(3)));
        List<Long> ids = mk.publishStorageDeals(worker, deals).dealIds();
        assertEquals(3, mk.nextDealId());
        assertEquals(0, activated(mk));

        mk.activateDeals(m.address(), 0, 300 * DAY, List.of(ids.get(0)));
        assertEquals(1, activated(mk));
        c.advanceTo(10 * DAY + 1); // deal 1 missed its start; deal 2 may still start at day 20
        mk.settle();
        assertEquals(1, mk.timedOutDeals());
        assertEquals(PC, mk.burned(), "the timed-out deal's provider collateral");
        assertEquals(1, activated(mk));
        mk.activateDeals(m.address(), 1, 300 * DAY, List.of(ids.get(2)));
        assertEquals(2, activated(mk));
        c.advanceTo(230 * DAY); // both active deals ended: they leave the market's tables
        mk.settle();
        assertEquals(0, mk.proposals().size());
        assertEquals(2, activated(mk));
        assertEquals(List.of(), Invariants.violations(c));
        assertEquals(mk.totalEscrow(), c.fil().balance(Chain.STORAGE_MARKET));
    }

    /** The market's activation counter, which must equal published − timed out − pending at every point. */
    private static long activated(StorageMarket mk) {
        long pending = mk.proposals().size() - mk.dealStates().size();
        assertEquals(mk.publishedDeals() - mk.timedOutDeals() - pending, mk.activatedDeals());
        return mk.activatedDeals();
    }
}
