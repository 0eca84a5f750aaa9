package datacapsim.chain;

import static datacapsim.chain.MinerTestKit.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * FIP-0118 ("Solstice"): before the upgrade the chain is the ddo chain; at the upgrade the registry's verifiers and
 * pending allocations are cleared; after it the deprecated registry and DataCap methods refuse with nothing changed,
 * every new sector has 10 × QA power, old sectors keep theirs, extensions carry the recorded ratio forward,
 * ExtendSectorExpiration3 moves a sector to 10 × with its pledge recomputed, and the block reward is split into the
 * consensus, service and burned streams, exactly.
 */
class SolsticeTest {
    static final long MIB = Policy.MiB;
    static final long UPGRADE = 10 * DAY;
    static final String DEPRECATED = VerifiedRegistry.DATACAP_DEPRECATED;

    static ChainConfig base() {
        return config(big(Policy.PiB), big(Policy.PiB), 0, Fil.fil(680_000_000L), Fil.fil(20), Fil.fil(1),
                ChainConfig.Payout.EXPECTED, false, false);
    }

    static Chain chain(long upgrade, List<Long> volumes) {
        return ChainFixture.chain(base().withSolstice(SolsticeConfig.at(upgrade, volumes)));
    }

    static Chain chain() { return chain(UPGRADE, List.of()); }

    /** Commits a sector now, sending the pledge of the QA power the chain gives a new sector. */
    static long commit(World w, List<Piece> pieces, long expiration) {
        long verified = 0;
        for (Piece p : pieces) if (p.isVerified()) verified += p.size();
        BigInteger pledge = w.c.initialPledgeFor(w.c.qaPowerForNewSector(w.m.sectorSize(), verified));
        return w.m.proveCommitSector(w.owner, new Miner.SectorActivation(pieces, expiration), pledge);
    }

    // ------------------------------------------------------------------ before the upgrade
    @Test
    void beforeTheUpgradeTheChainIsTheDdoChain() {
        Chain plain = ChainFixture.chain(base());
        Chain sol = chain();
        for (Chain c : List.of(plain, sol)) {
            World w = new World(c);
            w.commitCc(c.epoch() + MIN_LIFE + DAY);
            w.commitVerified(8 * GIB, c.epoch() + MIN_LIFE + DAY);
            w.allocate(w.m, w.data(), 4 * MIB, MIN_LIFE, FIVE_YEARS, c.epoch() + 30 * DAY);
            c.advanceTo(UPGRADE - 1);
            assertFalse(c.upgraded());
            assertEquals(Sector.qaPower(S32, 8 * GIB), c.qaPowerForNewSector(S32, 8 * GIB));
            assertEquals(S32, c.qaPowerForNewSector(S32, 0));
            assertChainInvariants(c);
        }
        assertEquals(ChainSnapshot.of(plain), ChainSnapshot.of(sol));
        assertEquals(BigInteger.ZERO, sol.rewardBurned());
        assertEquals(sol.reward().emittedToNetwork(), sol.rewardConsensus());
        World w = new World(sol);
        long cc = w.commitCc(sol.epoch() + MIN_LIFE + DAY);
        refused(sol, ExitCode.USR_UNHANDLED_MESSAGE, "miner.extend3_before_upgrade",
                () -> w.m.extendSectorExpiration3(w.owner, cc, sol.epoch() + MIN_LIFE + 2 * DAY, Fil.fil(100)));
    }

    @Test
    void aChainWithoutTheUpgradeNeverUpgrades() {
        Chain c = ChainFixture.chain(base());
        c.advanceTo(400 * DAY);
        assertFalse(c.upgraded());
        assertEquals(BigInteger.ZERO, c.rewardBurned());
        assertEquals(BigInteger.ZERO, c.rewardToService());
    }

    // ------------------------------------------------------------------ the migration
    @Test
    void theUpgradeClearsVerifiersAndPendingAllocationsKeepingTheDataCapIdentityExact() {
        Chain c = chain();
        World w = new World(c);
        w.allocate(w.m, w.data(), 4 * MIB, MIN_LIFE, FIVE_YEARS, c.epoch() + 30 * DAY);
        w.allocate(w.m, w.data(), 6 * MIB, MIN_LIFE, FIVE_YEARS, c.epoch() + 30 * DAY);
        long sector = w.commitVerified(8 * GIB, c.epoch() + MIN_LIFE + DAY);
        long claimed = c.verifreg().claimedBytes();
        long clientBalance = c.datacap().balanceOf(w.client);
        assertEquals(10 * MIB, c.verifreg().heldBytes());
        c.advanceTo(UPGRADE);
        assertTrue(c.upgraded());
        VerifiedRegistry vr = c.verifreg();
        assertEquals(0, vr.heldBytes());
        assertEquals(0, c.datacap().balanceOf(Chain.VERIFIED_REGISTRY));
        assertEquals(10 * MIB, vr.clearedBytes());
        assertTrue(vr.allocationsOf(w.client).isEmpty());
        assertTrue(vr.verifiers().isEmpty());
        assertEquals(Chain.BURN, vr.rootKey());
        assertEquals(clientBalance, c.datacap().balanceOf(w.client), "balances stay, frozen");
        assertEquals(claimed, vr.claimedBytes());
        assertEquals(1, vr.claimsOf(w.m.address()).size(), "claims stay as historical records");
        assertTrue(w.m.sector(sector) != null);
        long balances = 0;
        for (long b : c.datacap().balances().values()) balances += b;
        assertEquals(c.datacap().minted(),
                balances + vr.claimedBytes() + vr.extensionBurnedBytes() + vr.destroyedBytes() + vr.clearedBytes());
    }

    @Test
    void anUpgradeAtEpochZeroAppliesAtOnce() {
        Chain c = chain(0, List.of());
        assertTrue(c.upgraded());
        assertEquals(Chain.BURN, c.verifreg().rootKey());
        Address v = c.newAccount();
        refused(c, ExitCode.USR_FORBIDDEN, DEPRECATED, () -> c.verifreg().addVerifier(c.rootKey(), v, 100 * MIB));
    }

    // ------------------------------------------------------------------ refusals after the upgrade
    @Test
    void everyDeprecatedMethodRefusesAfterTheUpgradeWithNothingChanged() {
        Chain c = chain();
        World w = new World(c);
        Address verifier2 = c.newAccount();
        c.verifreg().addVerifier(c.rootKey(), verifier2, 100 * MIB);
        long sector = w.commitVerified(8 * GIB, c.epoch() + MIN_LIFE + DAY);
        long claimId = w.m.sector(sector).claimIds().get(0);
        Piece pending = w.verifiedPiece(4 * MIB);
        c.advanceTo(UPGRADE + DAY);
        Address root = c.rootKey();
        Address other = c.newAccount();
        VerifiedRegistry vr = c.verifreg();
        refused(c, ExitCode.USR_FORBIDDEN, DEPRECATED, () -> vr.addVerifier(root, other, 100 * MIB));
        refused(c, ExitCode.USR_FORBIDDEN, DEPRECATED, () -> vr.removeVerifier(root, w.verifier));
        refused(c, ExitCode.USR_FORBIDDEN, DEPRECATED, () -> vr.addVerifiedClient(w.verifier, other, 4 * MIB));
        refused(c, ExitCode.USR_FORBIDDEN, DEPRECATED, () -> vr.removeVerifiedClientDataCap(root, w.client, MIB,
                new VerifiedRegistry.RemoveDataCapProposal(w.verifier, null),
                new VerifiedRegistry.RemoveDataCapProposal(verifier2, null)));
        refused(c, ExitCode.USR_FORBIDDEN, DEPRECATED, () -> vr.extendClaimTerms(w.client,
                List.of(new VerifiedRegistry.ClaimTerm(w.m.address(), claimId, FIVE_YEARS))));
        refused(c, ExitCode.USR_FORBIDDEN, DEPRECATED, () -> vr.claimAllocations(w.m.address(),
                List.of(new VerifiedRegistry.SectorClaims(99, c.epoch() + MIN_LIFE,
                        List.of(new VerifiedRegistry.SectorAllocationClaim(w.client, pending.allocationId(),
                                pending.data(), pending.size())))), false));
        // a caller that is not a miner is refused for that first, as the actor validates its caller first
        refused(c, ExitCode.USR_FORBIDDEN, "verifreg.caller_not_miner",
                () -> vr.claimAllocations(other, List.of(), false));
        // new allocations and claim extensions: the registry's receiver hook refuses every DataCap transfer
        refused(c, ExitCode.USR_FORBIDDEN, DEPRECATED,
                () -> w.allocate(w.m, w.data(), 4 * MIB, MIN_LIFE, FIVE_YEARS, c.epoch() + 30 * DAY));
        refused(c, ExitCode.USR_FORBIDDEN, DEPRECATED, () -> c.datacap().transfer(w.client, Chain.VERIFIED_REGISTRY,
                8 * GIB, AllocationRequests.extensions(new ClaimExtensionRequest(w.m.address(), claimId, FIVE_YEARS))));
        Address operator = c.newAccount();
        c.datacap().increaseAllowance(w.client, operator, 4 * MIB); // allowances still work (builtin-actors)
        refused(c, ExitCode.USR_FORBIDDEN, DEPRECATED, () -> c.datacap().transferFrom(operator, w.client,
                Chain.VERIFIED_REGISTRY, 4 * MIB, AllocationRequests.of(new AllocationRequest(w.m.address(), w.data(),
                        4 * MIB, MIN_LIFE, FIVE_YEARS, c.epoch() + 30 * DAY))));
        // minting reverts for any caller
        refused(c, ExitCode.USR_FORBIDDEN, DataCapToken.MINT_DEPRECATED, () -> c.transact("test.Mint", other, () -> {
            c.datacap().mint(other, 4 * MIB);
            return null;
        }));
        // the clean-up methods stay
        assertEquals(0, vr.removeExpiredAllocations(other, w.client, List.of()).recovered());
        assertEquals(1, vr.getClaims(w.m.address(), List.of(claimId)).size());
        assertChainInvariants(c);
    }

    // ------------------------------------------------------------------ power
    @Test
    void newSectorsGetTenTimesOldOnesKeepTheirs() {
        Chain c = chain();
        World w = new World(c);
        long cc = w.commitCc(c.epoch() + MIN_LIFE + 30 * DAY);
        long ver = w.commitVerified(8 * GIB, c.epoch() + MIN_LIFE + 30 * DAY);
        Piece pending = w.verifiedPiece(4 * GIB);
        assertEquals(S32, w.m.sector(cc).qaPower());
        assertEquals(S32 + 9 * 8 * GIB, w.m.sector(ver).qaPower());
        c.advanceTo(UPGRADE);
        assertEquals(S32, w.m.sector(cc).qaPower(), "existing sectors keep their QA power");
        assertEquals(S32 + 9 * 8 * GIB, w.m.sector(ver).qaPower());
        assertEquals(10 * S32, c.qaPowerForNewSector(S32, 0));
        assertEquals(10 * S32, c.qaPowerForNewSector(S32, 8 * GIB));
        long qaBefore = w.m.qaPower();
        long verifiedBefore = w.m.verifiedBytes();
        long newCc = commit(w, List.of(), c.epoch() + MIN_LIFE + DAY);
        // a piece naming an allocation (cleared at the upgrade) is activated like any other: no claim is made
        long newData = commit(w, List.of(pending, Piece.unverified(w.data(), 8 * GIB)), c.epoch() + MIN_LIFE + DAY);
        for (long n : List.of(newCc, newData)) {
            Sector s = w.m.sector(n);
            assertTrue(s.fullQa());
            assertEquals(10 * S32, s.qaPower());
            assertEquals(0, s.verifiedBytes());
            assertTrue(s.claimIds().isEmpty());
            assertEquals(c.initialPledgeFor(10 * S32), s.initialPledge());
        }
        assertEquals(qaBefore + 20 * S32, w.m.qaPower());
        assertEquals(verifiedBefore, w.m.verifiedBytes());
        assertEquals(1, c.verifreg().claimsOf(w.m.address()).size());
        assertChainInvariants(c);
    }

    @Test
    void anExtensionAfterTheUpgradeCarriesTheRecordedRatioForward() {
        Chain c = chain();
        World w = new World(c);
        long alloc = w.allocate(w.m, w.data(), 8 * GIB, MIN_LIFE, MIN_LIFE + 40 * DAY, c.epoch() + 30 * DAY);
        Piece piece = Piece.verified(c.verifreg().allocation(w.client, alloc));
        long ver = w.commit(List.of(piece), c.epoch() + MIN_LIFE + 30 * DAY);
        long cc = w.commitCc(c.epoch() + MIN_LIFE + 30 * DAY);
        long claimId = w.m.sector(ver).claimIds().get(0);
        long claimEnd = c.verifreg().claim(w.m.address(), claimId).end();
        c.advanceTo(UPGRADE);
        Sector before = w.m.sector(ver);
        // past the claim's end: refused before the upgrade (miner.extension_beyond_claim), allowed now
        long far = claimEnd + 60 * DAY;
        w.m.extendSectorExpiration(w.owner, ver, far, List.of(claimId)); // the drop list is ignored
        Sector after = w.m.sector(ver);
        assertEquals(far, after.expiration());
        assertEquals(before.verifiedBytes(), after.verifiedBytes());
        assertEquals(before.qaPower(), after.qaPower());
        assertEquals(before.initialPledge(), after.initialPledge());
        assertFalse(after.fullQa());
        w.m.extendSectorExpiration(w.owner, cc, c.epoch() + MIN_LIFE + 60 * DAY, List.of());
        assertEquals(S32, w.m.sector(cc).qaPower(), "legacy CC extends at 1x");
        long fresh = commit(w, List.of(), c.epoch() + MIN_LIFE + DAY);
        w.m.extendSectorExpiration(w.owner, fresh, c.epoch() + MIN_LIFE + 90 * DAY, List.of());
        assertEquals(10 * S32, w.m.sector(fresh).qaPower(), "a post-upgrade sector extends at 10x");
        assertChainInvariants(c);
    }

    @Test
    void extendSectorExpiration3MovesACcSectorToTenTimesWithItsPledgeRecomputed() {
        Chain c = chain();
        World w = new World(c);
        long cc = w.commitCc(c.epoch() + MIN_LIFE + 30 * DAY);
        long ver = w.commitVerified(8 * GIB, c.epoch() + MIN_LIFE + 30 * DAY);
        c.advanceTo(UPGRADE + DAY);
        Sector s = w.m.sector(cc);
        BigInteger newPledge = c.initialPledgeFor(10 * S32).max(s.initialPledge());
        BigInteger delta = newPledge.subtract(s.initialPledge());
        assertTrue(delta.signum() > 0);
        long exp = s.expiration() + 30 * DAY;
        // not enough: with the miner's available balance withdrawn, one attoFIL short of the pledge difference
        w.m.withdrawBalance(w.owner, Fil.fil(1_000_000_000));
        assertEquals(BigInteger.ZERO, w.m.availableBalance());
        refused(c, ExitCode.USR_INSUFFICIENT_FUNDS, "miner.insufficient_pledge",
                () -> w.m.extendSectorExpiration3(w.owner, cc, exp, delta.subtract(BigInteger.ONE)));
        refused(c, ExitCode.USR_FORBIDDEN, "miner.caller_not_control",
                () -> w.m.extendSectorExpiration3(w.client, cc, exp, delta));
        refused(c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.extension_not_later",
                () -> w.m.extendSectorExpiration3(w.owner, cc, s.expiration() - 1, delta));
        refused(c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.expiration_too_far",
                () -> w.m.extendSectorExpiration3(w.owner, cc, c.epoch() + MAX_AHEAD + 1, delta));
        refused(c, ExitCode.USR_NOT_FOUND, "miner.sector_not_found",
                () -> w.m.extendSectorExpiration3(w.owner, 999, exp, delta));
        long qa0 = w.m.qaPower();
        BigInteger pledge0 = w.m.initialPledge();
        BigInteger locked = w.m.extendSectorExpiration3(w.owner, cc, exp, delta);
        assertEquals(delta, locked);
        Sector up = w.m.sector(cc);
        assertTrue(up.fullQa());
        assertEquals(10 * S32, up.qaPower());
        assertEquals(exp, up.expiration());
        assertEquals(newPledge, up.initialPledge());
        assertEquals(pledge0.add(delta), w.m.initialPledge());
        assertEquals(qa0 + 9 * S32, w.m.qaPower());
        refused(c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.already_full_qa",
                () -> w.m.extendSectorExpiration3(w.owner, cc, exp + DAY, BigInteger.ZERO));
        // an equal expiration is an upgrade in place; a partly verified legacy sector moves to 10x too
        Sector v = w.m.sector(ver);
        BigInteger vDelta = c.initialPledgeFor(10 * S32).max(v.initialPledge()).subtract(v.initialPledge());
        w.m.extendSectorExpiration3(w.owner, ver, v.expiration(), vDelta);
        assertEquals(10 * S32, w.m.sector(ver).qaPower());
        assertEquals(0, w.m.sector(ver).verifiedBytes());
        assertEquals(0, w.m.verifiedBytes());
        assertChainInvariants(c);
    }

    // ------------------------------------------------------------------ reward streams
    static final long Q = 10 * DAY;

    static SolsticeConfig shortQuarters(long upgrade, List<Long> volumes) {
        return new SolsticeConfig(upgrade, Q, 2 * DAY, volumes);
    }

    @Test
    void theWeightScheduleFollowsTheFip() {
        long a = 5 * DAY;
        RewardStreams none = new RewardStreams(shortQuarters(a, List.of()));
        long d = RewardStreams.DENOM;
        assertEquals(d, none.w1(a - 1));
        assertEquals(0, none.w2(a - 1));
        assertEquals(d / 100 * 95, none.w1(a));
        assertEquals(d / 100 * 5, none.w2(a));
        assertEquals(0, none.w0(a));
        for (long e = a; e < a + Q; e += 997) assertEquals(0, none.w0(e), "nothing burned in the bootstrap quarter");
        assertEquals(d / 100 * 5 / Q, none.slope());
        // the slope is quantized (truncated), so the Q1 boundary sits a hair above 90 %
        long w1q1 = d / 100 * 95 - none.slope() * Q;
        assertEquals(w1q1, none.w1(a + Q));
        assertTrue(w1q1 - d / 100 * 90 < Q, "quantization below one unit per epoch");
        assertEquals(d / 100 * 10, none.w2(a + Q + 1), "w2 clamps at W2_BASE");
        assertEquals(d / 100 * 50, none.w1(a + 10 * Q), "w1 rests at its 50 % floor");
        assertEquals(d / 100 * 50, none.w1(a + 100 * Q));
        assertEquals(d / 100 * 40, none.w0(a + 10 * Q), "no gate passed: 40 % burned");
        // gates: quarter 2 meets 3,500; quarter 3 misses 9,450; quarter 4 meets it
        RewardStreams gated = new RewardStreams(shortQuarters(a, List.of(0L, 3_500L, 9_449L, 9_450L)));
        assertEquals(List.of(a + 2 * Q + 2 * DAY, a + 4 * Q + 2 * DAY), gated.stepEpochs());
        assertEquals(d / 100 * 10, gated.w2(a + 2 * Q + 2 * DAY - 1));
        assertEquals(d / 100 * 15, gated.w2(a + 2 * Q + 2 * DAY));
        assertEquals(d / 100 * 15, gated.w2(a + 4 * Q + 2 * DAY - 1));
        assertEquals(d / 100 * 20, gated.w2(a + 4 * Q + 2 * DAY));
        // quarter 1's volume gates nothing
        assertTrue(new RewardStreams(shortQuarters(a, List.of(1_000_000L))).stepEpochs().isEmpty());
        // eight gates at most, w2 at most 50 %, never above 1 - w1
        List<Long> rich = Collections.nCopies(20, 10_000_000L);
        RewardStreams all = new RewardStreams(shortQuarters(a, rich));
        assertEquals(RewardStreams.GATES, all.stepEpochs().size());
        assertEquals(d / 100 * 50, all.w2(a + 15 * Q));
        assertEquals(0, all.w0(a + 15 * Q));
        for (long e = a; e < a + 15 * Q; e += 1_009) assertTrue(all.w0(e) >= 0);
    }

    @Test
    void theGateTargetIsThreeThousandFiveHundredTimesTwoPointSevenToTheStepsExactly() {
        assertTrue(RewardStreams.gatePasses(3_500, 0));
        assertFalse(RewardStreams.gatePasses(3_499, 0));
        assertTrue(RewardStreams.gatePasses(9_450, 1));
        assertFalse(RewardStreams.gatePasses(9_449, 1));
        assertFalse(RewardStreams.gatePasses(68_890, 3)); // target 68,890.5
        assertTrue(RewardStreams.gatePasses(68_891, 3));
        assertFalse(RewardStreams.gatePasses(3_661_123, 7)); // target 3,661,123.62105
        assertTrue(RewardStreams.gatePasses(3_661_124, 7));
    }

    @Test
    void theSplitIsExactAtEveryQuarterWithAndWithoutTheGate() {
        long a = 5 * DAY;
        SplittableRandom rnd = new SplittableRandom(7);
        for (List<Long> vol : List.of(List.<Long>of(), Collections.nCopies(12, 10_000_000L))) {
            RewardStreams rs = new RewardStreams(shortQuarters(a, vol));
            for (int q = 0; q <= 11; q++) {
                long from = a + q * Q + rnd.nextLong(Q - DAY);
                long to = from + 1 + rnd.nextLong(DAY);
                BigInteger total = BigInteger.valueOf(rnd.nextLong(1L << 62)).multiply(BigInteger.valueOf(1_000 + q));
                RewardStreams.Split s = rs.split(total, from, to);
                assertEquals(total, s.total(), "streams sum to the reward exactly");
                BigInteger s1 = BigInteger.ZERO, s2 = BigInteger.ZERO;
                for (long e = from; e < to; e++) {
                    s1 = s1.add(big(rs.w1(e)));
                    s2 = s2.add(big(rs.w2(e)));
                }
                BigInteger denom = big(to - from).multiply(big(RewardStreams.DENOM));
                assertEquals(total.multiply(s1).divide(denom), s.consensus());
                assertEquals(total.multiply(s2).divide(denom), s.service());
                assertTrue(s.burned().signum() >= 0);
                if (q == 0) assertTrue(s.burned().compareTo(BigInteger.TWO) <= 0, "bootstrap: only rounding burned");
            }
        }
        RewardStreams rs = new RewardStreams(shortQuarters(a, List.of()));
        BigInteger r = Fil.fil(20).multiply(big(DAY));
        assertEquals(new RewardStreams.Split(r, BigInteger.ZERO, BigInteger.ZERO), rs.split(r, 0, a));
    }

    @Test
    void theChainPaysTheConsensusStreamBurnsTheRestAndCreditsTheServicePool() {
        for (List<Long> vol : List.of(List.<Long>of(), Collections.nCopies(12, 10_000_000L))) {
            Chain c = ChainFixture.chain(base().withSolstice(shortQuarters(5 * DAY, vol)));
            World w = new World(c);
            w.commitCc(c.epoch() + MIN_LIFE + 200 * DAY);
            BigInteger simBefore = BigInteger.ZERO;
            for (int q = 1; q <= 11; q++) {
                c.advanceTo(5 * DAY + q * Q + DAY);
                assertChainInvariants(c);
                assertEquals(c.reward().emittedToNetwork(),
                        c.rewardConsensus().add(c.rewardToService()).add(c.rewardBurned()));
                assertTrue(c.rewardToSimulated().compareTo(simBefore) > 0);
                simBefore = c.rewardToSimulated();
            }
            assertTrue(c.rewardBurned().signum() > 0);
            assertTrue(c.rewardToService().signum() > 0);
            if (!vol.isEmpty()) assertTrue(c.rewardToService().compareTo(c.rewardBurned()) > 0);
            // one day late in the ramp, checked against the split of the day's reward
            long from = c.epoch();
            BigInteger burned0 = c.rewardBurned(), service0 = c.rewardToService(), cons0 = c.rewardConsensus();
            BigInteger emitted0 = c.reward().emittedToNetwork();
            c.advanceTo(from + (DAY - from % DAY));
            BigInteger day = c.reward().emittedToNetwork().subtract(emitted0);
            RewardStreams.Split s = c.rewardStreams().split(day, from, c.epoch());
            assertEquals(s.burned(), c.rewardBurned().subtract(burned0));
            assertEquals(s.service(), c.rewardToService().subtract(service0));
            assertEquals(s.consensus(), c.rewardConsensus().subtract(cons0));
        }
    }

    @Test
    void theSimulatedProvidersReceiveTheirShareOfTheConsensusStream() {
        Chain c = ChainFixture.chain(base().withSolstice(shortQuarters(DAY, List.of())));
        World w = new World(c);
        w.commitCc(c.epoch() + MIN_LIFE + 200 * DAY);
        c.advanceTo(DAY);
        BigInteger sim0 = c.rewardToSimulated();
        BigInteger cons0 = c.rewardConsensus();
        c.advanceTo(2 * DAY);
        BigInteger cons = c.rewardConsensus().subtract(cons0);
        BigInteger expected = cons.multiply(big(w.m.qaPower())).divide(c.power().networkQa());
        assertEquals(expected, c.rewardToSimulated().subtract(sim0));
    }
}
