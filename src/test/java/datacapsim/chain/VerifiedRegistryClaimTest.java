package datacapsim.chain;

import static datacapsim.chain.Policy.*;
import static datacapsim.chain.VerifiedRegistryTest.Kit.*;
import static datacapsim.chain.VerifiedRegistryTest.assertItemRefused;
import static org.junit.jupiter.api.Assertions.*;

import datacapsim.chain.VerifiedRegistry.ClaimResult;
import datacapsim.chain.VerifiedRegistry.ClaimTerm;
import datacapsim.chain.VerifiedRegistry.RemoveExpiredResult;
import datacapsim.chain.VerifiedRegistry.SectorAllocationClaim;
import datacapsim.chain.VerifiedRegistry.SectorClaims;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The registry's claim side (FIP-0045): ClaimAllocations, ExtendClaimTerms, RemoveExpiredAllocations,
 * RemoveExpiredClaims and GetClaims. Claims are made by calling the registry directly with the miner as caller.
 */
class VerifiedRegistryClaimTest {
    private static final String CLAIM = VerifiedRegistry.CLAIM_ALLOCATIONS;
    private static final String EXTEND = VerifiedRegistry.EXTEND_CLAIM_TERMS;
    private static final String REMOVE_ALLOCS = VerifiedRegistry.REMOVE_EXPIRED_ALLOCATIONS;
    private static final String REMOVE_CLAIMS = VerifiedRegistry.REMOVE_EXPIRED_CLAIMS;
    private static final Address REGISTRY = Chain.VERIFIED_REGISTRY;

    private VerifiedRegistryTest.Kit k;
    private Chain chain;
    private VerifiedRegistry reg;
    private DataCapToken dc;

    @BeforeEach
    void setUp() {
        k = new VerifiedRegistryTest.Kit();
        chain = k.chain;
        reg = k.reg;
        dc = k.dc;
        k.fund(k.client, 100 * MiB);
    }

    private void refused(String method, ExitCode code, String rule, Executable call) {
        VerifiedRegistryTest.assertRefused(chain, method, code, rule, call);
    }

    /** A default allocation of {@code size} from client to provider; returns it. */
    private Allocation allocation(long size) {
        long id = k.allocate(k.client, k.request(k.provider, size)).get(0);
        return reg.allocation(k.client, id);
    }

    private static SectorAllocationClaim claimOf(Allocation a) {
        return new SectorAllocationClaim(a.client(), a.id(), a.data(), a.size());
    }

    private static SectorClaims sector(long number, long expiration, SectorAllocationClaim... claims) {
        return new SectorClaims(number, expiration, List.of(claims));
    }

    /** ClaimAllocations by the provider, all or nothing, that must be refused with the given rule. */
    private void claimRefused(ExitCode code, String rule, SectorClaims s) {
        refused(CLAIM, code, rule, () -> reg.claimAllocations(k.provider, List.of(s), true));
    }

    // ================================================================== ClaimAllocations

    @Test
    void claimTurnsTheAllocationIntoAClaimAndBurnsItsSize() {
        chain.advanceTo(500);
        Allocation a = allocation(8 * MiB);
        long supply = dc.totalSupply();
        long sectorExp = 500 + TERM_MIN + 10;

        ClaimResult res = reg.claimAllocations(k.provider, List.of(sector(7, sectorExp, claimOf(a))), true);

        assertTrue(res.sectors().allOk());
        assertEquals(List.of(8 * MiB), res.claimedBytes());
        assertNull(reg.allocation(k.client, a.id()), "allocation removed");
        assertEquals(new Claim(a.id(), k.provider, k.client, a.data(), 8 * MiB, a.termMin(), a.termMax(), 500, 7),
                reg.claim(k.provider, a.id()));
        assertEquals(500 + a.termMax(), reg.claim(k.provider, a.id()).end());
        assertEquals(0, reg.heldBytes());
        assertEquals(0, dc.balanceOf(REGISTRY));
        assertEquals(8 * MiB, reg.claimedBytes());
        assertEquals(supply - 8 * MiB, dc.totalSupply());
        assertEquals(92 * MiB, dc.balanceOf(k.client), "the client's free balance is not touched");
        assertEquals(1, chain.stats().succeeded(CLAIM));
        k.assertTokenInvariants();
    }

    @Test
    void claimBySomeoneWhoIsNotAMinerIsForbidden() {
        Allocation a = allocation(2 * MiB);
        SectorClaims s = sector(1, TERM_MIN, claimOf(a));
        refused(CLAIM, ExitCode.USR_FORBIDDEN, "verifreg.caller_not_miner",
                () -> reg.claimAllocations(k.owner, List.of(s), true));
        refused(CLAIM, ExitCode.USR_FORBIDDEN, "verifreg.caller_not_miner",
                () -> reg.claimAllocations(k.client, List.of(s), false));
    }

    @Test
    void claimByAnotherMinerThanTheProviderIsRefused() {
        Allocation a = allocation(2 * MiB);
        refused(CLAIM, ExitCode.USR_FORBIDDEN, "verifreg.claim_provider_mismatch",
                () -> reg.claimAllocations(k.provider2, List.of(sector(1, TERM_MIN, claimOf(a))), true));
        assertNotNull(reg.allocation(k.client, a.id()));
    }

    @Test
    void claimWithWrongClientIsNotFound() {
        Allocation a = allocation(2 * MiB);
        claimRefused(ExitCode.USR_NOT_FOUND, "verifreg.allocation_not_found",
                sector(1, TERM_MIN, new SectorAllocationClaim(k.client2, a.id(), a.data(), a.size())));
    }

    @Test
    void claimWithUnknownAllocationIdIsNotFound() {
        Allocation a = allocation(2 * MiB);
        claimRefused(ExitCode.USR_NOT_FOUND, "verifreg.allocation_not_found",
                sector(1, TERM_MIN, new SectorAllocationClaim(k.client, a.id() + 1, a.data(), a.size())));
    }

    @Test
    void claimWithWrongDataOrSizeIsRefused() {
        Allocation a = allocation(2 * MiB);
        claimRefused(ExitCode.USR_FORBIDDEN, "verifreg.claim_piece_mismatch",
                sector(1, TERM_MIN, new SectorAllocationClaim(k.client, a.id(), a.data() + 1, a.size())));
        claimRefused(ExitCode.USR_FORBIDDEN, "verifreg.claim_piece_mismatch",
                sector(1, TERM_MIN, new SectorAllocationClaim(k.client, a.id(), a.data(), a.size() - 1)));
        claimRefused(ExitCode.USR_FORBIDDEN, "verifreg.claim_piece_mismatch",
                sector(1, TERM_MIN, new SectorAllocationClaim(k.client, a.id(), a.data(), a.size() + 1)));
    }

    @Test
    void claimAtExactlyTheAllocationsExpirationSucceeds() {
        Allocation a = allocation(2 * MiB);
        chain.advanceTo(a.expiration());
        reg.claimAllocations(k.provider, List.of(sector(1, a.expiration() + TERM_MIN, claimOf(a))), true);
        assertEquals(a.expiration(), reg.claim(k.provider, a.id()).termStart());
    }

    @Test
    void claimOneEpochAfterTheAllocationsExpirationIsRefused() {
        Allocation a = allocation(2 * MiB);
        chain.advanceTo(a.expiration() + 1);
        claimRefused(ExitCode.USR_FORBIDDEN, "verifreg.allocation_expired",
                sector(1, a.expiration() + 1 + TERM_MIN, claimOf(a)));
    }

    @Test
    void sectorLifetimeMustBeWithinTheAllocationsTermWindow() {
        chain.advanceTo(100);
        Allocation a = allocation(2 * MiB);
        Allocation b = allocation(2 * MiB);
        long now = chain.epoch();
        claimRefused(ExitCode.USR_FORBIDDEN, "verifreg.claim_term_outside_window", sector(1, now + a.termMin() - 1, claimOf(a)));
        claimRefused(ExitCode.USR_FORBIDDEN, "verifreg.claim_term_outside_window", sector(1, now + a.termMax() + 1, claimOf(a)));
        reg.claimAllocations(k.provider, List.of(sector(1, now + a.termMin(), claimOf(a))), true);
        reg.claimAllocations(k.provider, List.of(sector(2, now + b.termMax(), claimOf(b))), true);
        assertNotNull(reg.claim(k.provider, a.id()));
        assertNotNull(reg.claim(k.provider, b.id()));
        assertEquals(2, chain.stats().succeeded(CLAIM));
    }

    @Test
    void aFailingClaimFailsItsWholeSectorButOtherSectorsSucceed() {
        Allocation a1 = allocation(2 * MiB);
        Allocation bad = allocation(3 * MiB);
        Allocation b1 = allocation(4 * MiB);
        Allocation b2 = allocation(5 * MiB);
        SectorClaims s1 = sector(1, TERM_MIN, claimOf(a1),
                new SectorAllocationClaim(k.client, bad.id(), bad.data() + 99, bad.size()));
        SectorClaims s2 = sector(2, TERM_MIN, claimOf(b1), claimOf(b2));

        ClaimResult res = reg.claimAllocations(k.provider, List.of(s1, s2), false);

        assertEquals(2, res.sectors().size());
        assertItemRefused(res.sectors(), 0, ExitCode.USR_FORBIDDEN, "verifreg.claim_piece_mismatch");
        assertTrue(res.sectors().ok(1));
        assertEquals(1, res.sectors().successCount());
        assertEquals(List.of(0L, 9 * MiB), res.claimedBytes());
        // sector 1: neither its good nor its bad claim was made
        assertNotNull(reg.allocation(k.client, a1.id()));
        assertNull(reg.claim(k.provider, a1.id()));
        assertNotNull(reg.allocation(k.client, bad.id()));
        // sector 2: both claimed
        assertEquals(2, reg.claim(k.provider, b1.id()).sector());
        assertEquals(2, reg.claim(k.provider, b2.id()).sector());
        assertEquals(5 * MiB, reg.heldBytes());
        assertEquals(9 * MiB, reg.claimedBytes());
        assertEquals(1, chain.stats().succeeded(CLAIM));
        k.assertTokenInvariants();
    }

    @Test
    void allOrNothingRefusesTheWholeCallWhenOneSectorFails() {
        Allocation good = allocation(2 * MiB);
        Allocation late = allocation(2 * MiB);
        SectorClaims s1 = sector(1, TERM_MIN, claimOf(good));
        SectorClaims s2 = sector(2, TERM_MIN - 1, claimOf(late));
        refused(CLAIM, ExitCode.USR_FORBIDDEN, "verifreg.claim_term_outside_window",
                () -> reg.claimAllocations(k.provider, List.of(s1, s2), true));
        assertNull(reg.claim(k.provider, good.id()));
        assertNotNull(reg.allocation(k.client, good.id()));
    }

    @Test
    void anAllocationCannotBeClaimedTwice() {
        Allocation a = allocation(2 * MiB);
        reg.claimAllocations(k.provider, List.of(sector(1, TERM_MIN, claimOf(a))), true);
        claimRefused(ExitCode.USR_NOT_FOUND, "verifreg.allocation_not_found", sector(2, TERM_MIN, claimOf(a)));
        // in one call: the second sector's claim of the same allocation fails alone
        Allocation b = allocation(2 * MiB);
        ClaimResult res = reg.claimAllocations(k.provider,
                List.of(sector(3, TERM_MIN, claimOf(b)), sector(4, TERM_MIN, claimOf(b))), false);
        assertTrue(res.sectors().ok(0));
        assertItemRefused(res.sectors(), 1, ExitCode.USR_NOT_FOUND, "verifreg.allocation_not_found");
        assertEquals(3, reg.claim(k.provider, b.id()).sector());
        assertEquals(4 * MiB, reg.claimedBytes());
        k.assertTokenInvariants();
    }

    // ================================================================== ExtendClaimTerms

    private Claim claim(long termMax) {
        return k.claimNow(k.client, 4 * MiB, termMax);
    }

    @Test
    void clientExtendsClaimTermsWithoutSpendingDataCap() {
        Claim c = claim(TERM_MAX);
        String tokensBefore = dc.balances() + " " + dc.totalSupply() + " " + reg.extensionBurnedBytes();

        BatchResult res = reg.extendClaimTerms(k.client, List.of(new ClaimTerm(k.provider, c.id(), TERM_MAX + 50_000)));

        assertTrue(res.allOk());
        assertEquals(TERM_MAX + 50_000, reg.claim(k.provider, c.id()).termMax());
        assertEquals(c.termStart(), reg.claim(k.provider, c.id()).termStart());
        assertEquals(tokensBefore, dc.balances() + " " + dc.totalSupply() + " " + reg.extensionBurnedBytes());
        assertEquals(1, chain.stats().succeeded(EXTEND));
        assertEquals(1, reg.claimsExtended(), "one claim extended");
    }

    @Test
    void extendClaimTermsAllowsAnEqualTermButNotAShorterOne() {
        Claim c = claim(TERM_MAX);
        String before = ChainSnapshot.of(chain);
        BatchResult res = reg.extendClaimTerms(k.client, List.of(
                new ClaimTerm(k.provider, c.id(), TERM_MAX),
                new ClaimTerm(k.provider, c.id(), TERM_MAX - 1)));
        assertTrue(res.ok(0));
        assertItemRefused(res, 1, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.term_max_decrease");
        assertEquals(before, ChainSnapshot.of(chain), "an equal term changes nothing; the decrease was refused");
        assertEquals(0, reg.claimsExtended(), "neither an equal term nor a refused one counts as an extension");
    }

    @Test
    void extendClaimTermsUpToFiveYears() {
        Claim c = claim(TERM_MAX);
        String before = ChainSnapshot.of(chain);
        BatchResult res = reg.extendClaimTerms(k.client, List.of(new ClaimTerm(k.provider, c.id(), 5_259_486)));
        assertItemRefused(res, 0, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.term_max_too_long");
        assertEquals(before, ChainSnapshot.of(chain));
        res = reg.extendClaimTerms(k.client, List.of(new ClaimTerm(k.provider, c.id(), 5_259_485)));
        assertTrue(res.allOk());
        assertEquals(5_259_485, reg.claim(k.provider, c.id()).termMax());
    }

    @Test
    void onlyTheClaimsClientMayExtendItsTerms() {
        Claim c = claim(TERM_MAX);
        k.fund(k.client2, 10 * MiB);
        String before = ChainSnapshot.of(chain);
        for (Address other : List.of(k.client2, k.provider, k.owner, k.root)) {
            BatchResult res = reg.extendClaimTerms(other, List.of(new ClaimTerm(k.provider, c.id(), TERM_MAX + 1)));
            assertItemRefused(res, 0, ExitCode.USR_FORBIDDEN, "verifreg.not_claim_client");
        }
        assertEquals(before, ChainSnapshot.of(chain));
        assertEquals(TERM_MAX, reg.claim(k.provider, c.id()).termMax());
        assertEquals(0, reg.claimsExtended());
    }

    @Test
    void extendClaimTermsOfUnknownClaimIsNotFound() {
        Claim c = claim(TERM_MAX);
        BatchResult res = reg.extendClaimTerms(k.client, List.of(
                new ClaimTerm(k.provider, c.id() + 1, TERM_MAX + 1),
                new ClaimTerm(k.provider2, c.id(), TERM_MAX + 1)));
        assertItemRefused(res, 0, ExitCode.USR_NOT_FOUND, "verifreg.claim_not_found");
        assertItemRefused(res, 1, ExitCode.USR_NOT_FOUND, "verifreg.claim_not_found");
    }

    @Test
    void extendClaimTermsIsAllowedAfterTheClaimEnded() {
        Claim c = claim(TERM_MIN);
        chain.advanceTo(c.end() + 10);
        BatchResult res = reg.extendClaimTerms(k.client, List.of(new ClaimTerm(k.provider, c.id(), TERM_MIN + 100)));
        assertTrue(res.allOk());
        assertEquals(TERM_MIN + 100, reg.claim(k.provider, c.id()).termMax());
    }

    @Test
    void extendClaimTermsReportsPerItemAndAppliesTheGoodOnes() {
        Claim c1 = claim(TERM_MAX);
        Claim c2 = claim(TERM_MAX);
        Claim c3 = claim(TERM_MAX);
        BatchResult res = reg.extendClaimTerms(k.client, List.of(
                new ClaimTerm(k.provider, c1.id(), TERM_MAX + 1),
                new ClaimTerm(k.provider, c2.id(), TERM_MAX - 1),
                new ClaimTerm(k.provider, c3.id(), TERM_MAX + 3)));
        assertEquals(3, res.size());
        assertEquals(2, res.successCount());
        assertEquals(2, reg.claimsExtended(), "the two good items extended their claims");
        assertTrue(res.ok(0));
        assertItemRefused(res, 1, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.term_max_decrease");
        assertTrue(res.ok(2));
        assertEquals(TERM_MAX + 1, reg.claim(k.provider, c1.id()).termMax());
        assertEquals(TERM_MAX, reg.claim(k.provider, c2.id()).termMax());
        assertEquals(TERM_MAX + 3, reg.claim(k.provider, c3.id()).termMax());
        assertEquals(1, chain.stats().succeeded(EXTEND), "a batch with refused items is still a successful call");
    }

    // ================================================================== RemoveExpiredAllocations

    @Test
    void expiredAllocationIsRemovedAtExactlyItsExpirationAndTheDataCapReturned() {
        Allocation a = allocation(6 * MiB);
        chain.advanceTo(a.expiration() - 1);
        String before = ChainSnapshot.of(chain);
        RemoveExpiredResult early = reg.removeExpiredAllocations(k.stranger, k.client, List.of(a.id()));
        assertItemRefused(early.batch(), 0, ExitCode.USR_FORBIDDEN, "verifreg.allocation_not_expired");
        assertEquals(List.of(), early.considered());
        assertEquals(0, early.recovered());
        assertEquals(before, ChainSnapshot.of(chain));

        chain.advanceTo(a.expiration());
        long supply = dc.totalSupply();
        RemoveExpiredResult res = reg.removeExpiredAllocations(k.stranger, k.client, List.of(a.id()));

        assertTrue(res.batch().allOk());
        assertEquals(List.of(a.id()), res.considered());
        assertEquals(6 * MiB, res.recovered());
        assertNull(reg.allocation(k.client, a.id()));
        assertEquals(100 * MiB, dc.balanceOf(k.client));
        assertEquals(0, dc.balanceOf(REGISTRY));
        assertEquals(0, reg.heldBytes());
        assertEquals(6 * MiB, reg.expiredReturnedBytes());
        assertEquals(supply, dc.totalSupply(), "returned, not burned");
        assertEquals(2, chain.stats().succeeded(REMOVE_ALLOCS));
        k.assertTokenInvariants();
    }

    @Test
    void removeExpiredAllocationsWithNoIdsRemovesEveryExpiredOne() {
        AllocationRequest soon1 = k.request(k.provider, 2 * MiB, TERM_MIN, TERM_MAX, 100);
        AllocationRequest soon2 = k.request(k.provider2, 3 * MiB, TERM_MIN, TERM_MAX, 200);
        AllocationRequest later = k.request(k.provider, 4 * MiB, TERM_MIN, TERM_MAX, 201);
        List<Long> ids = k.allocate(k.client, soon1, soon2, later);
        chain.advanceTo(200);

        RemoveExpiredResult res = reg.removeExpiredAllocations(k.client2, k.client, List.of());

        assertEquals(List.of(ids.get(0), ids.get(1)), res.considered());
        assertEquals(5 * MiB, res.recovered());
        assertTrue(res.batch().allOk());
        assertEquals(List.of(ids.get(2)), List.copyOf(reg.allocationsOf(k.client).keySet()));
        assertEquals(96 * MiB, dc.balanceOf(k.client));
        assertEquals(4 * MiB, reg.heldBytes());
        assertEquals(5 * MiB, reg.expiredReturnedBytes());
        k.assertTokenInvariants();
    }

    @Test
    void removeExpiredAllocationsReportsUnknownIdsAsNotFound() {
        Allocation a = allocation(2 * MiB);
        chain.advanceTo(a.expiration());
        RemoveExpiredResult res = reg.removeExpiredAllocations(k.stranger, k.client, List.of(a.id() + 5, a.id()));
        assertItemRefused(res.batch(), 0, ExitCode.USR_NOT_FOUND, "verifreg.allocation_not_found");
        assertTrue(res.batch().ok(1));
        assertEquals(List.of(a.id()), res.considered());
        assertEquals(2 * MiB, res.recovered());
        // another client's allocation id is unknown for this client
        Allocation b = allocation(2 * MiB);
        chain.advanceTo(b.expiration());
        RemoveExpiredResult other = reg.removeExpiredAllocations(k.stranger, k.client2, List.of(b.id()));
        assertItemRefused(other.batch(), 0, ExitCode.USR_NOT_FOUND, "verifreg.allocation_not_found");
        assertNotNull(reg.allocation(k.client, b.id()));
    }

    @Test
    void removeExpiredAllocationsRevertsWhenTheClientsReceiverHookRefuses() {
        Allocation a = allocation(2 * MiB);
        chain.advanceTo(a.expiration());
        chain.registerDataCapReceiver(k.client, (from, op, amount) -> {
            throw ActorError.forbidden("test.receiver_refuses", "no");
        });
        refused(REMOVE_ALLOCS, ExitCode.USR_FORBIDDEN, "test.receiver_refuses",
                () -> reg.removeExpiredAllocations(k.stranger, k.client, List.of()));
        assertNotNull(reg.allocation(k.client, a.id()));
    }

    // ================================================================== RemoveExpiredClaims

    @Test
    void expiredClaimIsRemovedAtExactlyItsEndWithoutMovingDataCap() {
        Claim c = claim(TERM_MIN);
        chain.advanceTo(c.end() - 1);
        String before = ChainSnapshot.of(chain);
        RemoveExpiredResult early = reg.removeExpiredClaims(k.stranger, k.provider, List.of(c.id()));
        assertItemRefused(early.batch(), 0, ExitCode.USR_FORBIDDEN, "verifreg.claim_not_expired");
        assertEquals(before, ChainSnapshot.of(chain));

        chain.advanceTo(c.end());
        String tokensBefore = dc.balances() + " " + dc.totalSupply() + " " + dc.burned() + " " + reg.heldBytes()
                + " " + reg.claimedBytes() + " " + reg.expiredReturnedBytes();
        RemoveExpiredResult res = reg.removeExpiredClaims(k.stranger, k.provider, List.of(c.id()));

        assertTrue(res.batch().allOk());
        assertEquals(List.of(c.id()), res.considered());
        assertEquals(0, res.recovered());
        assertNull(reg.claim(k.provider, c.id()));
        assertEquals(tokensBefore, dc.balances() + " " + dc.totalSupply() + " " + dc.burned() + " " + reg.heldBytes()
                + " " + reg.claimedBytes() + " " + reg.expiredReturnedBytes(), "bookkeeping only");
        assertEquals(2, chain.stats().succeeded(REMOVE_CLAIMS));
    }

    @Test
    void removeExpiredClaimsWithNoIdsRemovesEveryEndedOne() {
        Claim shortClaim = claim(TERM_MIN);
        Claim longClaim = claim(TERM_MIN + 1);
        chain.advanceTo(shortClaim.end());
        RemoveExpiredResult res = reg.removeExpiredClaims(k.client2, k.provider, List.of());
        assertEquals(List.of(shortClaim.id()), res.considered());
        assertNull(reg.claim(k.provider, shortClaim.id()));
        assertNotNull(reg.claim(k.provider, longClaim.id()));
    }

    @Test
    void removeExpiredClaimsReportsUnknownIdsAsNotFound() {
        Claim c = claim(TERM_MIN);
        chain.advanceTo(c.end());
        RemoveExpiredResult res = reg.removeExpiredClaims(k.stranger, k.provider, List.of(c.id() + 1, c.id()));
        assertItemRefused(res.batch(), 0, ExitCode.USR_NOT_FOUND, "verifreg.claim_not_found");
        assertTrue(res.batch().ok(1));
        RemoveExpiredResult again = reg.removeExpiredClaims(k.stranger, k.provider, List.of(c.id()));
        assertItemRefused(again.batch(), 0, ExitCode.USR_NOT_FOUND, "verifreg.claim_not_found");
    }

    // ================================================================== GetClaims

    @Test
    void getClaimsReturnsTheClaimsAskedFor() {
        Claim c1 = claim(TERM_MAX);
        Claim c2 = claim(TERM_MAX + 7);
        assertEquals(List.of(c2, c1), reg.getClaims(k.provider, List.of(c2.id(), c1.id())));
        assertEquals(List.of(), reg.getClaims(k.provider, List.of()));
    }

    @Test
    void getClaimsOfAnUnknownIdIsNotFound() {
        Claim c = claim(TERM_MAX);
        VerifiedRegistryTest.assertRefused(chain, null, ExitCode.USR_NOT_FOUND, "verifreg.claim_not_found",
                () -> reg.getClaims(k.provider, List.of(c.id(), c.id() + 1)));
        VerifiedRegistryTest.assertRefused(chain, null, ExitCode.USR_NOT_FOUND, "verifreg.claim_not_found",
                () -> reg.getClaims(k.provider2, List.of(c.id())));
    }
}
