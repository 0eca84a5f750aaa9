package datacapsim.chain;

import static datacapsim.chain.MinerTestKit.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sector onboarding: sizes, QA power, lifetime bounds, callers, DDO claims, power accounting and expiration. */
class MinerSectorTest {
    private static final BigInteger PLEDGE_PER_TIB = Fil.fil(16);

    private static Chain simpleChain() { return ChainFixture.chain(ChainFixture.simpleMoney(Fil.fil(20), PLEDGE_PER_TIB)); }

    // ------------------------------------------------------------------ sector sizes
    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2048, 512L << 20, 8L << 30, 16L << 30, (32L << 30) - 1, (32L << 30) + 1, 128L << 30})
    void createMinerRefusesUnsupportedSectorSizes(long size) {
        Chain c = simpleChain();
        Address owner = c.newAccount();
        Address probe = c.newAccount();
        refused(c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.sector_size", () -> c.createMiner(owner, owner, size));
        assertTrue(c.miners().isEmpty());
        assertEquals(1, c.stats().failed("power.CreateMiner"));
        // a refused call leaves no trace, not even a consumed address
        assertEquals(probe.id() + 1, c.newAccount().id(), "the refused CreateMiner consumed an address");
    }

    @Test
    void createMinerAccepts32And64GiB() {
        Chain c = simpleChain();
        Address owner = c.newAccount();
        Address worker = c.newAccount();
        Miner a = c.createMiner(owner, worker, 32L << 30);
        Miner b = c.createMiner(owner, worker, 64L << 30);
        assertEquals(S32, a.sectorSize());
        assertEquals(S64, b.sectorSize());
        assertEquals(owner, a.owner());
        assertEquals(worker, a.worker());
        assertEquals(owner, a.beneficiary(), "the owner is the first beneficiary");
        assertEquals(BeneficiaryTerm.OWNER, a.beneficiaryTerm());
        assertTrue(c.isMiner(a.address()) && c.isMiner(b.address()));
        assertEquals(a, c.miner(a.address()));
        assertEquals(0, a.qaPower());
        assertEquals(BigInteger.ZERO, a.balance());
    }

    // ------------------------------------------------------------------ QA power
    @Test
    void qaPowerIsRawPlusNineTimesVerified() {
        assertEquals(32 * GIB, Sector.qaPower(S32, 0));
        assertEquals(320 * GIB, Sector.qaPower(S32, 32 * GIB));
        assertEquals(32 * GIB + 9 * 16 * GIB, Sector.qaPower(S32, 16 * GIB));
        assertEquals(176 * GIB, Sector.qaPower(S32, 16 * GIB));
        assertEquals(640 * GIB, Sector.qaPower(S64, 64 * GIB));
        assertEquals(64 * GIB + 9 * 32 * GIB, Sector.qaPower(S64, 32 * GIB));
    }

    @Test
    void unverifiedSectorHasRawPowerOnly() {
        World w = new World(simpleChain());
        long n = w.commit(List.of(Piece.unverified(w.data(), S32)), MIN_LIFE);
        Sector s = w.m.sector(n);
        assertEquals(S32, s.size());
        assertEquals(0, s.verifiedBytes());
        assertEquals(32 * GIB, s.qaPower());
        assertEquals(32 * GIB, w.m.qaPower());
        assertEquals(S32, w.m.rawPower());
        assertEquals(0, w.m.verifiedBytes());
        assertTrue(s.claimIds().isEmpty());
        assertEquals(big(S32), w.c.power().simulatedRaw());
        assertEquals(big(32 * GIB), w.c.power().simulatedQa());
        assertChainInvariants(w.c);
    }

    @Test
    void committedCapacitySectorWithoutPieces() {
        World w = new World(simpleChain());
        long n = w.commitCc(MIN_LIFE);
        assertEquals(0, n, "sector numbers start at 0");
        assertEquals(1, w.m.nextSectorNumber());
        assertEquals(32 * GIB, w.m.sector(n).qaPower());
    }

    @Test
    void fullyVerifiedSectorHasTenTimesPowerAndClaimsItsAllocation() {
        World w = new World(simpleChain());
        w.c.advanceTo(500);
        long registryBefore = w.c.datacap().balanceOf(Chain.VERIFIED_REGISTRY);
        Piece p = w.verifiedPiece(S32);
        assertEquals(registryBefore + S32, w.c.datacap().balanceOf(Chain.VERIFIED_REGISTRY));
        long exp = 500 + MIN_LIFE + 1000;
        long n = w.commit(List.of(p), exp);

        Sector s = w.m.sector(n);
        assertEquals(320 * GIB, s.qaPower());
        assertEquals(S32, s.verifiedBytes());
        assertEquals(500, s.activation());
        assertEquals(exp, s.expiration());
        assertEquals(List.of(p.allocationId()), s.claimIds());
        assertEquals(320 * GIB, w.m.qaPower());
        assertEquals(S32, w.m.verifiedBytes());
        assertEquals(big(S32), w.c.power().simulatedRaw());
        assertEquals(big(320 * GIB), w.c.power().simulatedQa());
        // the allocation became a claim of this sector, starting now; the DataCap was burned
        assertNull(w.c.verifreg().allocation(w.client, p.allocationId()));
        Claim claim = w.c.verifreg().claim(w.m.address(), p.allocationId());
        assertNotNull(claim);
        assertEquals(500, claim.termStart());
        assertEquals(n, claim.sector());
        assertEquals(S32, claim.size());
        assertEquals(registryBefore, w.c.datacap().balanceOf(Chain.VERIFIED_REGISTRY));
        assertChainInvariants(w.c);
    }

    @Test
    void halfVerifiedSector() {
        World w = new World(simpleChain());
        Piece v = w.verifiedPiece(16 * GIB);
        long n = w.commit(List.of(v, Piece.unverified(w.data(), 16 * GIB)), MIN_LIFE);
        assertEquals(32 * GIB + 9 * 16 * GIB, w.m.sector(n).qaPower());
        assertEquals(16 * GIB, w.m.sector(n).verifiedBytes());
        assertEquals(big(176 * GIB), w.c.power().simulatedQa());
        assertEquals(big(S32), w.c.power().simulatedRaw());
    }

    @Test
    void sixtyFourGiBSectors() {
        World w = new World(simpleChain(), S64);
        long full = w.commitVerified(S64, MIN_LIFE);
        long half = w.commit(List.of(w.verifiedPiece(16 * GIB), w.verifiedPiece(16 * GIB)), MIN_LIFE);
        long cc = w.commitCc(MIN_LIFE);
        assertEquals(640 * GIB, w.m.sector(full).qaPower());
        assertEquals(64 * GIB + 9 * 32 * GIB, w.m.sector(half).qaPower());
        assertEquals(2, w.m.sector(half).claimIds().size());
        assertEquals(64 * GIB, w.m.sector(cc).qaPower());
        assertEquals(3 * S64, w.m.rawPower());
        assertEquals(big(640 * GIB + 352 * GIB + 64 * GIB), w.c.power().simulatedQa());
        assertChainInvariants(w.c);
    }

    @Test
    void sectorNumbersIncrease() {
        World w = new World(simpleChain());
        assertEquals(0, w.commitCc(MIN_LIFE));
        assertEquals(1, w.commitCc(MIN_LIFE));
        assertEquals(2, w.commitVerified(S32, MIN_LIFE));
        assertEquals(3, w.m.sectors().size());
    }

    // ------------------------------------------------------------------ pieces must fit
    @Test
    void piecesMustFitTheSector() {
        World w = new World(simpleChain());
        long n = w.commit(List.of(Piece.unverified(w.data(), 16 * GIB), Piece.unverified(w.data(), 16 * GIB)), MIN_LIFE);
        assertEquals(32 * GIB, w.m.sector(n).qaPower());

        refused(w.c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.pieces_exceed_sector",
                () -> w.m.proveCommitSector(w.owner, new Miner.SectorActivation(
                        List.of(Piece.unverified(w.data(), S32), Piece.unverified(w.data(), Policy.MiB)), MIN_LIFE), Fil.fil(1)));
        Piece v = w.verifiedPiece(S32);
        refused(w.c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.pieces_exceed_sector",
                () -> w.m.proveCommitSector(w.owner, new Miner.SectorActivation(
                        List.of(v, Piece.unverified(w.data(), Policy.MiB)), MIN_LIFE), Fil.fil(10)));
        assertNotNull(w.c.verifreg().allocation(w.client, v.allocationId()), "the allocation survives the refused commit");
        // a 64 GiB piece cannot go into a 32 GiB sector
        refused(w.c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.pieces_exceed_sector",
                () -> w.m.proveCommitSector(w.owner, new Miner.SectorActivation(
                        List.of(Piece.unverified(w.data(), S64)), MIN_LIFE), Fil.fil(1)));
        assertEquals(1, w.m.sectors().size());
    }

    // ------------------------------------------------------------------ lifetime
    @Test
    void lifetimeAtLeast180Days() {
        World w = new World(simpleChain());
        w.c.advanceTo(1_000);
        refused(w.c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.expiration_too_soon", () -> w.commitCc(1_000 + 518_399));
        refused(w.c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.expiration_too_soon", () -> w.commitCc(1_000));
        refused(w.c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.expiration_too_soon", () -> w.commitCc(500));
        long n = w.commitCc(1_000 + 518_400);
        assertEquals(1_000 + 518_400, w.m.sector(n).expiration());
        assertEquals(1_000, w.m.sector(n).activation());
    }

    @Test
    void expirationAtMost1278DaysAhead() {
        World w = new World(simpleChain());
        w.c.advanceTo(7);
        refused(w.c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.expiration_too_far", () -> w.commitCc(7 + 3_680_641));
        long n = w.commitCc(7 + 3_680_640);
        assertEquals(7 + 3_680_640, w.m.sector(n).expiration());
    }

    // ------------------------------------------------------------------ callers
    @Test
    void callerMustBeOwnerOrWorker() {
        World w = new World(simpleChain());
        Address stranger = w.c.newAccount();
        w.c.fil().endow(stranger, Fil.fil(100));
        BigInteger pledge = w.c.initialPledgeFor(32 * GIB);
        refused(w.c, ExitCode.USR_FORBIDDEN, "miner.caller_not_control",
                () -> w.m.proveCommitSector(stranger, new Miner.SectorActivation(List.of(), MIN_LIFE), pledge));
        refused(w.c, ExitCode.USR_FORBIDDEN, "miner.caller_not_control",
                () -> w.m.proveCommitSector(w.client, new Miner.SectorActivation(List.of(), MIN_LIFE), pledge));

        BigInteger workerBefore = w.c.fil().balance(w.worker);
        w.m.proveCommitSector(w.worker, new Miner.SectorActivation(List.of(), MIN_LIFE), pledge);
        assertEquals(workerBefore.subtract(pledge), w.c.fil().balance(w.worker), "the worker paid the value it sent");
        BigInteger ownerBefore = w.c.fil().balance(w.owner);
        w.m.proveCommitSector(w.owner, new Miner.SectorActivation(List.of(), MIN_LIFE), pledge);
        assertEquals(ownerBefore.subtract(pledge), w.c.fil().balance(w.owner));
        assertEquals(2, w.m.sectors().size());
        assertEquals(pledge.multiply(big(2)), w.m.deposited());
        assertChainInvariants(w.c);
    }

    // ------------------------------------------------------------------ failing claims fail the sector
    @Test
    void failingClaimFailsTheSectorAndChangesNothing() {
        World w = new World(simpleChain());
        w.c.advanceTo(100);
        long data = w.data();
        long allocExp = 100 + 10_000;
        long id = w.allocate(w.m, data, 16 * GIB, MIN_LIFE, 1_000_000, allocExp);
        BigInteger value = w.c.initialPledgeFor(176 * GIB);
        long exp = 100 + MIN_LIFE;

        // wrong size
        refused(w.c, ExitCode.USR_FORBIDDEN, "verifreg.claim_piece_mismatch", () -> w.m.proveCommitSector(w.owner,
                new Miner.SectorActivation(List.of(new Piece(data, 8 * GIB, w.client, id)), exp), value));
        // wrong data
        refused(w.c, ExitCode.USR_FORBIDDEN, "verifreg.claim_piece_mismatch", () -> w.m.proveCommitSector(w.owner,
                new Miner.SectorActivation(List.of(new Piece(data + 1000, 16 * GIB, w.client, id)), exp), value));
        // wrong client: the allocation is looked up under the client named by the piece
        refused(w.c, ExitCode.USR_NOT_FOUND, "verifreg.allocation_not_found", () -> w.m.proveCommitSector(w.owner,
                new Miner.SectorActivation(List.of(new Piece(data, 16 * GIB, w.owner, id)), exp), value));
        // unknown allocation
        refused(w.c, ExitCode.USR_NOT_FOUND, "verifreg.allocation_not_found", () -> w.m.proveCommitSector(w.owner,
                new Miner.SectorActivation(List.of(new Piece(data, 16 * GIB, w.client, id + 50)), exp), value));
        // sector term beyond the allocation's term_max (term_min side: claimTermBelowTermMinFailsTheSector)
        refused(w.c, ExitCode.USR_FORBIDDEN, "verifreg.claim_term_outside_window", () -> w.m.proveCommitSector(w.owner,
                new Miner.SectorActivation(List.of(new Piece(data, 16 * GIB, w.client, id)), 100 + 1_000_001), value));
        // one good piece and one bad piece: the whole sector fails, the good allocation stays
        Piece good = w.verifiedPiece(8 * GIB);
        refused(w.c, ExitCode.USR_FORBIDDEN, "verifreg.claim_piece_mismatch", () -> w.m.proveCommitSector(w.owner,
                new Miner.SectorActivation(List.of(good, new Piece(data, 8 * GIB, w.client, id)), exp), value));

        assertNotNull(w.c.verifreg().allocation(w.client, id));
        assertNotNull(w.c.verifreg().allocation(w.client, good.allocationId()));
        assertEquals(0, w.m.qaPower());
        assertEquals(BigInteger.ZERO, w.m.initialPledge());
        assertEquals(BigInteger.ZERO, w.m.balance());
        assertTrue(w.m.sectors().isEmpty());
        assertEquals(BigInteger.ZERO, w.c.power().simulatedQa());
        assertTrue(w.c.verifreg().claimsOf(w.m.address()).isEmpty());

        // the correct piece then activates: term exactly term_max is allowed
        long n = w.m.proveCommitSector(w.owner,
                new Miner.SectorActivation(List.of(new Piece(data, 16 * GIB, w.client, id)), 100 + 1_000_000), value);
        assertEquals(176 * GIB, w.m.sector(n).qaPower());
        assertNull(w.c.verifreg().allocation(w.client, id));
        assertChainInvariants(w.c);
    }

    @Test
    void claimTermBelowTermMinFailsTheSector() {
        World w = new World(simpleChain());
        long data = w.data();
        long id = w.allocate(w.m, data, S32, 600_000, 700_000, 10_000);
        Piece p = new Piece(data, S32, w.client, id);
        BigInteger value = w.c.initialPledgeFor(320 * GIB);
        refused(w.c, ExitCode.USR_FORBIDDEN, "verifreg.claim_term_outside_window",
                () -> w.m.proveCommitSector(w.owner, new Miner.SectorActivation(List.of(p), MIN_LIFE), value));
        refused(w.c, ExitCode.USR_FORBIDDEN, "verifreg.claim_term_outside_window",
                () -> w.m.proveCommitSector(w.owner, new Miner.SectorActivation(List.of(p), 599_999), value));
        refused(w.c, ExitCode.USR_FORBIDDEN, "verifreg.claim_term_outside_window",
                () -> w.m.proveCommitSector(w.owner, new Miner.SectorActivation(List.of(p), 700_001), value));
        long n = w.m.proveCommitSector(w.owner, new Miner.SectorActivation(List.of(p), 600_000), value);
        assertEquals(S32, w.m.sector(n).verifiedBytes());
    }

    @Test
    void expiredAllocationFailsTheSector() {
        World w = new World(simpleChain());
        long data = w.data();
        long id = w.allocate(w.m, data, S32, MIN_LIFE, FIVE_YEARS, 5_000);
        Piece p = new Piece(data, S32, w.client, id);
        BigInteger value = w.c.initialPledgeFor(320 * GIB);
        w.c.advanceTo(5_001);
        refused(w.c, ExitCode.USR_FORBIDDEN, "verifreg.allocation_expired",
                () -> w.m.proveCommitSector(w.owner, new Miner.SectorActivation(List.of(p), 5_001 + MIN_LIFE), value));
        assertNotNull(w.c.verifreg().allocation(w.client, id));
        assertEquals(0, w.m.qaPower());

        // at exactly the allocation's expiration epoch the claim is still allowed
        World w2 = new World(simpleChain());
        long d2 = w2.data();
        long id2 = w2.allocate(w2.m, d2, S32, MIN_LIFE, FIVE_YEARS, 5_000);
        w2.c.advanceTo(5_000);
        long n = w2.m.proveCommitSector(w2.owner,
                new Miner.SectorActivation(List.of(new Piece(d2, S32, w2.client, id2)), 5_000 + MIN_LIFE), value);
        assertEquals(320 * GIB, w2.m.sector(n).qaPower());
    }

    @Test
    void allocationForAnotherMinerCannotBeClaimed() {
        World w = new World(simpleChain());
        Miner other = w.c.createMiner(w.owner, w.owner, S32);
        long data = w.data();
        long id = w.allocate(other, data, S32, MIN_LIFE, FIVE_YEARS, 10_000);
        BigInteger value = w.c.initialPledgeFor(320 * GIB);
        refused(w.c, ExitCode.USR_FORBIDDEN, "verifreg.claim_provider_mismatch", () -> w.m.proveCommitSector(w.owner,
                new Miner.SectorActivation(List.of(new Piece(data, S32, w.client, id)), MIN_LIFE), value));
        long n = other.proveCommitSector(w.owner, new Miner.SectorActivation(List.of(new Piece(data, S32, w.client, id)), MIN_LIFE), value);
        assertEquals(320 * GIB, other.sector(n).qaPower());
        assertEquals(0, w.m.qaPower());
    }

    @Test
    void sameAllocationTwiceInOneSectorFails() {
        World w = new World(simpleChain());
        Piece p = w.verifiedPiece(16 * GIB);
        refused(w.c, ExitCode.USR_NOT_FOUND, "verifreg.allocation_not_found", () -> w.m.proveCommitSector(w.owner,
                new Miner.SectorActivation(List.of(p, p), MIN_LIFE), Fil.fil(10)));
        assertNotNull(w.c.verifreg().allocation(w.client, p.allocationId()));
    }

    // ------------------------------------------------------------------ power accounting and expiration
    @Test
    void powerActorCountsActivationsAndRemovals() {
        Chain c = simpleChain();
        World w = new World(c);
        Miner m2 = c.createMiner(w.owner, w.owner, S64);
        w.commitVerified(S32, MIN_LIFE + 10);
        long cc = w.commitCc(MIN_LIFE + 20);
        m2.proveCommitSector(w.owner, new Miner.SectorActivation(List.of(), MIN_LIFE + 30), c.initialPledgeFor(S64));
        assertEquals(big(2 * S32 + S64), c.power().simulatedRaw());
        assertEquals(big(320 * GIB + 32 * GIB + 64 * GIB), c.power().simulatedQa());
        assertEquals(c.config().exogenousQa(c.epoch()), c.power().networkQa(),
                "below the minimum consensus power (1000 exogenous miners above it) the miners' QA is not in the total");
        assertEquals(c.config().exogenousRaw(c.epoch()), c.power().networkRaw(),
                "likewise their raw power does not count for consensus or baseline minting");
        w.m.terminateSectors(w.owner, List.of(cc));
        assertEquals(big(S32 + S64), c.power().simulatedRaw());
        assertEquals(big(320 * GIB + 64 * GIB), c.power().simulatedQa());
        c.advanceTo(MIN_LIFE + 10);
        assertEquals(big(S64), c.power().simulatedRaw());
        assertEquals(big(64 * GIB), c.power().simulatedQa());
        c.advanceTo(MIN_LIFE + 30);
        assertEquals(BigInteger.ZERO, c.power().simulatedRaw());
        assertEquals(BigInteger.ZERO, c.power().simulatedQa());
        assertChainInvariants(c);
    }

    @Test
    void sectorExpiresAtItsEpochReleasingPledge() {
        World w = new World(simpleChain());
        w.c.advanceTo(50);
        long exp = 50 + MIN_LIFE + 777;
        long n = w.commitVerified(S32, exp);
        BigInteger pledge = w.m.sector(n).initialPledge();
        assertEquals(PLEDGE_PER_TIB.multiply(big(320 * GIB)).divide(big(TIB)), pledge);
        assertEquals(BigInteger.ZERO, w.m.availableBalance());

        w.c.advanceTo(exp - 1);
        assertNotNull(w.m.sector(n));
        assertEquals(320 * GIB, w.m.qaPower());
        assertEquals(pledge, w.m.initialPledge());

        w.c.advanceTo(exp);
        assertNull(w.m.sector(n));
        assertTrue(w.m.sectors().isEmpty());
        assertEquals(0, w.m.qaPower());
        assertEquals(0, w.m.rawPower());
        assertEquals(0, w.m.verifiedBytes());
        assertEquals(BigInteger.ZERO, w.m.initialPledge());
        assertEquals(BigInteger.ZERO, w.c.power().simulatedQa());
        assertEquals(pledge, w.m.availableBalance(), "the released pledge is available");
        assertEquals(Long.MAX_VALUE, w.m.nextExpiration());
        // the pledge can be withdrawn
        BigInteger ownerBefore = w.c.fil().balance(w.owner);
        assertEquals(pledge, w.m.withdrawBalance(w.owner, Fil.fil(1_000)));
        assertEquals(ownerBefore.add(pledge), w.c.fil().balance(w.owner));
        assertChainInvariants(w.c);
    }

    @Test
    void sectorsExpireInOrderAcrossALongAdvance() {
        World w = new World(simpleChain());
        long a = w.commitCc(MIN_LIFE + 5);
        long b = w.commitCc(MIN_LIFE + 3 * DAY + 17);
        long cc = w.commitCc(MIN_LIFE + 100 * DAY);
        assertEquals(MIN_LIFE + 5, w.m.nextExpiration());
        w.c.advanceTo(MIN_LIFE + 50 * DAY);
        assertNull(w.m.sector(a));
        assertNull(w.m.sector(b));
        assertNotNull(w.m.sector(cc));
        assertEquals(MIN_LIFE + 100 * DAY, w.m.nextExpiration());
        assertEquals(w.c.initialPledgeFor(32 * GIB), w.m.initialPledge());
        assertChainInvariants(w.c);
    }

    @Test
    void refusedCommitIsCountedByRule() {
        World w = new World(simpleChain());
        refused(w.c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.expiration_too_soon", () -> w.commitCc(10));
        assertEquals(1, w.c.stats().count(Miner.PROVE_COMMIT, "miner.expiration_too_soon"));
        assertFalse(w.c.journal().inTransaction());
        w.commitCc(MIN_LIFE);
        assertEquals(1, w.c.stats().succeeded(Miner.PROVE_COMMIT));
    }
}
