package datacapsim.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.chain.Address;
import datacapsim.chain.AllocationRequest;
import datacapsim.chain.AllocationRequests;
import datacapsim.chain.Chain;
import datacapsim.chain.ChainFixture;
import datacapsim.chain.Fil;
import datacapsim.chain.Miner;
import datacapsim.chain.Policy;
import datacapsim.chain.Sector;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ddo verified path: a client's request becomes an allocation (pending, with its size, terms and expiration); the
 * provider's commit claims it (active, with term start, term max, provider and sector; the sector holds it); the
 * client extends its term; after its end the provider's clean-up removes it (gone). Each status at its boundary.
 */
class VerifiedPathTest {
    static final long DAY = Policy.EPOCHS_IN_DAY;
    static final long SIZE = 32 * Policy.GiB;

    @Test
    void aRequestIsPendingThenActiveThenGone() {
        Chain c = ChainFixture.chain();
        VerifiedPath path = VerifiedPath.of(c);
        Address verifier = c.newAccount();
        Address client = c.newAccount();
        Address owner = c.newAccount();
        c.fil().endow(owner, Fil.fil(100_000));
        Miner m = c.createMiner(owner, owner, Policy.SECTOR_SIZE_32GIB);

        assertEquals(false, path.isVerifier(verifier));
        path.addVerifier(c.rootKey(), verifier, 10 * SIZE);
        assertTrue(path.isVerifier(verifier));
        assertEquals(10 * SIZE, path.verifierAllowance(verifier));
        path.addVerifiedClient(verifier, client, 2 * SIZE);
        assertEquals(2 * SIZE, path.dataCap(client));

        long termMin = 180 * DAY;
        long termMax = 540 * DAY;
        long expiration = 30 * DAY;
        AllocationRequest r = new AllocationRequest(m.address(), 7, SIZE, termMin, termMax, expiration);
        List<Long> ids = path.request(Channels.own(c), client, SIZE, new AllocationRequests(List.of(r), List.of()));
        long id = ids.get(0);
        assertEquals(SIZE, path.dataCap(client));
        VerifiedPath.Pending p = assertInstanceOf(VerifiedPath.Pending.class, path.status(client, m.address(), id));
        assertEquals(new VerifiedPath.Pending(id, client, m.address(), 7, SIZE, termMin, termMax, expiration), p);
        assertNull(path.active(m.address(), id));
        assertSame(VerifiedPath.GONE, path.status(client, m.address(), id + 1), "never made");

        c.advanceTo(expiration); // the last epoch it may be committed at
        long sectorEnd = c.epoch() + 540 * DAY;
        assertEquals(10 * SIZE, path.qaPower(SIZE, p, c.epoch(), sectorEnd), "a full verified sector: 10x");
        long n = path.commit(m, owner, p, sectorEnd, c.initialPledgeFor(path.qaPower(SIZE, p, c.epoch(), sectorEnd)));
        VerifiedPath.Active a = assertInstanceOf(VerifiedPath.Active.class, path.status(client, m.address(), id));
        assertEquals(new VerifiedPath.Active(id, m.address(), SIZE, n, expiration, termMax), a);
        assertEquals(expiration + termMax, a.end());
        Sector s = path.sectorHolding(a);
        assertEquals(n, s.number());
        assertEquals(List.of(id), path.held(s));

        assertTrue(path.extensible());
        assertEquals(1, path.extend(client, List.of(new VerifiedPath.TermExtension(m.address(), id, termMax + DAY))));
        assertEquals(termMax + DAY, path.active(m.address(), id).termMax());
        assertEquals(0, path.extend(owner, List.of(new VerifiedPath.TermExtension(m.address(), id, termMax + 2 * DAY))),
                "only the claim's client extends: the entry fails");
        assertEquals(termMax + DAY, path.active(m.address(), id).termMax());

        path.removeExpired(owner, m.address()); // not ended: nothing removed, no refusal
        assertEquals(a.termStart(), path.active(m.address(), id).termStart());
        c.advanceTo(expiration + termMax + DAY);
        path.removeExpired(owner, m.address());
        assertSame(VerifiedPath.GONE, path.status(client, m.address(), id));
        path.removeExpired(owner, m.address()); // none left: a no-op
    }

    @Test
    void anUnclaimedAllocationPastItsExpirationIsRecoveredThroughTheChannel() {
        Chain c = ChainFixture.chain();
        VerifiedPath path = VerifiedPath.of(c);
        Address verifier = c.newAccount();
        Address client = c.newAccount();
        Address owner = c.newAccount();
        Miner m = c.createMiner(owner, owner, Policy.SECTOR_SIZE_32GIB);
        path.addVerifier(c.rootKey(), verifier, 10 * SIZE);
        path.addVerifiedClient(verifier, client, SIZE);
        AllocationRequest r = new AllocationRequest(m.address(), 1, SIZE, 180 * DAY, 540 * DAY, 30 * DAY);
        long id = path.request(Channels.own(c), client, SIZE, new AllocationRequests(List.of(r), List.of())).get(0);
        c.advanceTo(30 * DAY - 1);
        assertEquals(0, path.recoverExpired(Channels.own(c), client, List.of(id)), "not expired before its expiration");
        assertInstanceOf(VerifiedPath.Pending.class, path.status(client, m.address(), id));
        c.advanceTo(30 * DAY); // expired from its expiration epoch on (the registry's rule: expiration <= now)
        assertEquals(SIZE, path.recoverExpired(Channels.own(c), client, List.of(id)));
        assertEquals(SIZE, path.dataCap(client));
        assertSame(VerifiedPath.GONE, path.status(client, m.address(), id));
    }
}
