package datacapsim.chain;

import static datacapsim.chain.MinerTestKit.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ExtendSectorExpiration: not earlier, ≤ 1,278 days ahead, ≤ 5 years of life, kept claims bound it, drops only at end of life. */
class MinerExtensionTest {
    private static final long T0 = 100;
    private World w;

    @BeforeEach
    void setUp() {
        w = new World(ChainFixture.chain(ChainFixture.simpleMoney(Fil.fil(20), Fil.fil(16))));
        w.c.advanceTo(T0);
    }

    private long verifiedSector(long size, long termMax, long expiration) {
        long data = w.data();
        long id = w.allocate(w.m, data, size, MIN_LIFE, termMax, T0 + 10_000);
        return w.commit(List.of(new Piece(data, size, w.client, id)), expiration);
    }

    @Test
    void newExpirationMayNotBeLower() {
        long exp = T0 + MIN_LIFE;
        long n = w.commitCc(exp);
        // builtin ExtendSectorExpiration2 refuses only new < current ("cannot reduce sector expiration"):
        // extending to the current expiration is allowed and changes nothing
        long qa = w.m.qaPower();
        BigInteger pledge = w.m.initialPledge();
        w.m.extendSectorExpiration(w.owner, n, exp, List.of());
        assertEquals(exp, w.m.sector(n).expiration());
        assertEquals(exp, w.m.nextExpiration());
        assertEquals(qa, w.m.qaPower());
        assertEquals(pledge, w.m.initialPledge());
        refused(w.c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.extension_not_later",
                () -> w.m.extendSectorExpiration(w.owner, n, exp - 1, List.of()));
        w.m.extendSectorExpiration(w.owner, n, exp + 1, List.of());
        assertEquals(exp + 1, w.m.sector(n).expiration());
        assertEquals(exp + 1, w.m.nextExpiration());
        assertEquals(T0, w.m.sector(n).activation(), "activation is kept");
    }

    @Test
    void newExpirationAtMost1278DaysAhead() {
        long n = w.commitCc(T0 + MIN_LIFE);
        w.c.advanceTo(T0 + 1_000);
        long now = w.c.epoch();
        refused(w.c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.expiration_too_far",
                () -> w.m.extendSectorExpiration(w.owner, n, now + MAX_AHEAD + 1, List.of()));
        w.m.extendSectorExpiration(w.worker, n, now + MAX_AHEAD, List.of());
        assertEquals(now + MAX_AHEAD, w.m.sector(n).expiration());
    }

    @Test
    void totalLifetimeAtMostFiveYears() {
        long n = w.commitCc(T0 + MAX_AHEAD);
        w.c.advanceTo(T0 + 1_600_000);
        // now + 1,278 days would allow T0 + 5,280,640; the 5-year lifetime from activation binds first
        refused(w.c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.lifetime_too_long",
                () -> w.m.extendSectorExpiration(w.owner, n, T0 + FIVE_YEARS + 1, List.of()));
        w.m.extendSectorExpiration(w.owner, n, T0 + FIVE_YEARS, List.of());
        assertEquals(T0 + FIVE_YEARS, w.m.sector(n).expiration());
        w.c.advanceTo(T0 + FIVE_YEARS - 1);
        assertNotNull(w.m.sector(n));
        w.c.advanceTo(T0 + FIVE_YEARS);
        assertNull(w.m.sector(n), "the extended sector expires at its new epoch");
        assertChainInvariants(w.c);
    }

    @Test
    void keptClaimBoundsTheExtension() {
        long n = verifiedSector(S32, 1_000_000, T0 + MIN_LIFE);
        long claimId = w.m.sector(n).claimIds().get(0);
        assertEquals(T0 + 1_000_000, w.c.verifreg().claim(w.m.address(), claimId).end());
        BigInteger pledge = w.m.initialPledge();

        refused(w.c, ExitCode.USR_FORBIDDEN, "miner.extension_beyond_claim",
                () -> w.m.extendSectorExpiration(w.owner, n, T0 + 1_000_001, List.of()));
        w.m.extendSectorExpiration(w.owner, n, T0 + 1_000_000, List.of());
        Sector s = w.m.sector(n);
        assertEquals(T0 + 1_000_000, s.expiration());
        assertEquals(320 * GIB, s.qaPower(), "keeping the claim keeps the power");
        assertEquals(List.of(claimId), s.claimIds());
        assertEquals(pledge, w.m.initialPledge(), "extension does not change pledge");

        // the client extends the claim's term; the sector may then follow
        w.c.verifreg().extendClaimTerms(w.client, List.of(new VerifiedRegistry.ClaimTerm(w.m.address(), claimId, 2_000_000)));
        refused(w.c, ExitCode.USR_FORBIDDEN, "miner.extension_beyond_claim",
                () -> w.m.extendSectorExpiration(w.owner, n, T0 + 2_000_001, List.of()));
        w.m.extendSectorExpiration(w.owner, n, T0 + 2_000_000, List.of());
        assertEquals(T0 + 2_000_000, w.m.sector(n).expiration());
        assertChainInvariants(w.c);
    }

    @Test
    void claimsMayBeDroppedOnlyInTheLast30Days() {
        long exp = T0 + MIN_LIFE;
        long n = verifiedSector(S32, MIN_LIFE, exp);
        long claimId = w.m.sector(n).claimIds().get(0);
        BigInteger pledge = w.m.initialPledge();
        w.c.advanceTo(exp - 86_401);
        refused(w.c, ExitCode.USR_FORBIDDEN, "miner.claim_drop_too_early",
                () -> w.m.extendSectorExpiration(w.owner, n, exp + 100_000, List.of(claimId)));
        // without dropping, the claim (ending at exp) forbids any extension
        refused(w.c, ExitCode.USR_FORBIDDEN, "miner.extension_beyond_claim",
                () -> w.m.extendSectorExpiration(w.owner, n, exp + 100_000, List.of()));

        w.c.advanceTo(exp - 86_400);
        w.m.extendSectorExpiration(w.owner, n, exp + 100_000, List.of(claimId));
        Sector s = w.m.sector(n);
        assertEquals(exp + 100_000, s.expiration());
        assertEquals(32 * GIB, s.qaPower(), "dropping the claim leaves raw power only");
        assertEquals(0, s.verifiedBytes());
        assertTrue(s.claimIds().isEmpty());
        assertEquals(32 * GIB, w.m.qaPower());
        assertEquals(0, w.m.verifiedBytes());
        assertEquals(big(32 * GIB), w.c.power().simulatedQa());
        assertEquals(big(S32), w.c.power().simulatedRaw());
        assertEquals(pledge, w.m.initialPledge(), "dropping reduces power, not pledge");
        assertEquals(pledge, s.initialPledge());
        assertNotNull(w.c.verifreg().claim(w.m.address(), claimId), "the registry keeps the claim until removed");
        w.c.advanceTo(exp);
        assertNotNull(w.m.sector(n), "the old expiration no longer applies");
        w.c.advanceTo(exp + 100_000);
        assertNull(w.m.sector(n));
        assertChainInvariants(w.c);
    }

    @Test
    void extendingToTheCurrentExpirationMayDropClaimsAtEndOfLife() {
        long exp = T0 + MIN_LIFE;
        long n = verifiedSector(S32, MIN_LIFE, exp);
        long claimId = w.m.sector(n).claimIds().get(0);
        // the claim ends at exp: keeping it, the current expiration does not pass it
        w.m.extendSectorExpiration(w.owner, n, exp, List.of());
        assertEquals(320 * GIB, w.m.sector(n).qaPower());
        refused(w.c, ExitCode.USR_FORBIDDEN, "miner.claim_drop_too_early",
                () -> w.m.extendSectorExpiration(w.owner, n, exp, List.of(claimId)));
        w.c.advanceTo(exp - 86_400);
        w.m.extendSectorExpiration(w.owner, n, exp, List.of(claimId));
        Sector s = w.m.sector(n);
        assertEquals(exp, s.expiration());
        assertEquals(32 * GIB, s.qaPower(), "dropped at the same expiration: raw power only");
        assertEquals(big(32 * GIB), w.c.power().simulatedQa());
        refused(w.c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.extension_not_later",
                () -> w.m.extendSectorExpiration(w.owner, n, exp - 1, List.of()));
        w.c.advanceTo(exp);
        assertNull(w.m.sector(n));
        assertChainInvariants(w.c);
    }

    @Test
    void droppingOneOfTwoClaims() {
        long exp = T0 + MIN_LIFE;
        long d1 = w.data(), d2 = w.data();
        long a1 = w.allocate(w.m, d1, 16 * GIB, MIN_LIFE, MIN_LIFE, T0 + 10_000);
        long a2 = w.allocate(w.m, d2, 16 * GIB, MIN_LIFE, 700_000, T0 + 10_000);
        long n = w.commit(List.of(new Piece(d1, 16 * GIB, w.client, a1), new Piece(d2, 16 * GIB, w.client, a2)), exp);
        assertEquals(320 * GIB, w.m.sector(n).qaPower());
        w.c.advanceTo(exp - 1_000);
        // dropping the first claim, the second (ending at T0 + 700,000) still bounds the extension
        refused(w.c, ExitCode.USR_FORBIDDEN, "miner.extension_beyond_claim",
                () -> w.m.extendSectorExpiration(w.owner, n, T0 + 700_001, List.of(a1)));
        w.m.extendSectorExpiration(w.owner, n, T0 + 700_000, List.of(a1));
        Sector s = w.m.sector(n);
        assertEquals(32 * GIB + 9 * 16 * GIB, s.qaPower());
        assertEquals(16 * GIB, s.verifiedBytes());
        assertEquals(List.of(a2), s.claimIds());
        assertEquals(big(176 * GIB), w.c.power().simulatedQa());
        assertChainInvariants(w.c);
    }

    @Test
    void droppedClaimMustBelongToTheSector() {
        long exp = T0 + MIN_LIFE;
        long n = verifiedSector(S32, MIN_LIFE, exp);
        long other = verifiedSector(S32, MIN_LIFE, exp);
        long otherClaim = w.m.sector(other).claimIds().get(0);
        w.c.advanceTo(exp - 10);
        refused(w.c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.claim_not_in_sector",
                () -> w.m.extendSectorExpiration(w.owner, n, exp + 10, List.of(otherClaim)));
        refused(w.c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.claim_not_in_sector",
                () -> w.m.extendSectorExpiration(w.owner, n, exp + 10, List.of(9_999L)));
    }

    @Test
    void callerAndSectorChecks() {
        long n = w.commitCc(T0 + MIN_LIFE);
        Address stranger = w.c.newAccount();
        refused(w.c, ExitCode.USR_FORBIDDEN, "miner.caller_not_control",
                () -> w.m.extendSectorExpiration(stranger, n, T0 + MIN_LIFE + 1, List.of()));
        refused(w.c, ExitCode.USR_NOT_FOUND, "miner.sector_not_found",
                () -> w.m.extendSectorExpiration(w.owner, n + 1, T0 + MIN_LIFE + 1, List.of()));
        w.c.advanceTo(T0 + MIN_LIFE);
        refused(w.c, ExitCode.USR_NOT_FOUND, "miner.sector_not_found",
                () -> w.m.extendSectorExpiration(w.owner, n, T0 + MIN_LIFE + 1, List.of()));
    }
}
