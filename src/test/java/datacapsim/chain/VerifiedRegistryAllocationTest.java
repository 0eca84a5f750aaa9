package datacapsim.chain;

import static datacapsim.chain.Policy.*;
import static datacapsim.chain.VerifiedRegistryTest.Kit.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Creating allocations and paying for claim extensions by transferring DataCap to the verified registry
 * (FIP-0045): every request rule with its boundaries, the exact-sum rule, all-or-nothing, and where the tokens go.
 */
class VerifiedRegistryAllocationTest {
    private static final String TRANSFER = DataCapToken.TRANSFER;
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

    private void refused(ExitCode code, String rule, Executable call) {
        VerifiedRegistryTest.assertRefused(chain, TRANSFER, code, rule, call);
    }

    /** A transfer of exactly the requests' total that must be refused. */
    private void refusedRequests(ExitCode code, String rule, AllocationRequest... requests) {
        AllocationRequests rs = AllocationRequests.of(requests);
        refused(code, rule, () -> dc.transfer(k.client, REGISTRY, rs.allocationBytes(), rs));
    }

    private AllocationRequest withSize(long size) {
        return k.request(k.provider, size);
    }

    private AllocationRequest withTerms(long termMin, long termMax) {
        return k.request(k.provider, 2 * MiB, termMin, termMax, chain.epoch() + EXPIRES_IN);
    }

    private AllocationRequest expiringAt(long expiration) {
        return k.request(k.provider, 2 * MiB, TERM_MIN, TERM_MAX, expiration);
    }

    // ------------------------------------------------------------------ success and effects

    @Test
    void transferToRegistryCreatesAnAllocationHeldByTheRegistry() {
        assertEquals(1, reg.nextAllocationId(), "allocation ids start at 1");
        AllocationRequest r = k.request(k.provider, 8 * MiB);
        VerifiedRegistry.TransferResult res = dc.transfer(k.client, REGISTRY, 8 * MiB, AllocationRequests.of(r));

        assertEquals(List.of(1L), res.allocationIds());
        assertEquals(0, res.extended());
        Allocation a = reg.allocation(k.client, 1);
        assertEquals(new Allocation(1, k.client, k.provider, r.data(), 8 * MiB, r.termMin(), r.termMax(), r.expiration()), a);
        assertEquals(2, reg.nextAllocationId());
        assertEquals(92 * MiB, dc.balanceOf(k.client));
        assertEquals(8 * MiB, dc.balanceOf(REGISTRY));
        assertEquals(8 * MiB, reg.heldBytes());
        assertEquals(100 * MiB, dc.totalSupply(), "held tokens are not burned");
        assertEquals(1, chain.stats().succeeded(TRANSFER));
        k.assertTokenInvariants();
    }

    @Test
    void allocationIdsIncreaseAcrossRequestsAndTransfers() {
        List<Long> first = k.allocate(k.client, withSize(2 * MiB), withSize(3 * MiB), withSize(4 * MiB));
        assertEquals(List.of(1L, 2L, 3L), first);
        k.fund(k.client2, 10 * MiB);
        List<Long> second = k.allocate(k.client2, k.request(k.provider2, 5 * MiB));
        assertEquals(List.of(4L), second);
        assertEquals(5, reg.nextAllocationId());
        assertEquals(3, reg.allocationsOf(k.client).size());
        assertEquals(3 * MiB, reg.allocation(k.client, 2).size());
        assertEquals(k.provider2, reg.allocation(k.client2, 4).provider());
        assertNull(reg.allocation(k.client, 4), "allocations are kept per client");
        assertEquals(14 * MiB, reg.heldBytes());
        k.assertTokenInvariants();
    }

    // ------------------------------------------------------------------ request rules

    @Test
    void allocationSizeBoundaryAtOneMiB() {
        refusedRequests(ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.allocation_size_below_minimum", withSize(1_048_575));
        assertEquals(List.of(1L), k.allocate(k.client, withSize(1_048_576)));
        assertEquals(1_048_576, reg.heldBytes());
    }

    @Test
    void termMinBoundaryAt180Days() {
        refusedRequests(ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.term_min_too_short", withTerms(518_399, TERM_MAX));
        long id = k.allocate(k.client, withTerms(518_400, TERM_MAX)).get(0);
        assertEquals(518_400, reg.allocation(k.client, id).termMin());
    }

    @Test
    void termMaxBoundaryAtFiveYears() {
        refusedRequests(ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.term_max_too_long", withTerms(TERM_MIN, 5_259_486));
        long id = k.allocate(k.client, withTerms(TERM_MIN, 5_259_485)).get(0);
        assertEquals(5_259_485, reg.allocation(k.client, id).termMax());
    }

    @Test
    void termMinMayEqualButNotExceedTermMax() {
        refusedRequests(ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.term_min_above_term_max", withTerms(600_001, 600_000));
        long id = k.allocate(k.client, withTerms(600_000, 600_000)).get(0);
        assertEquals(600_000, reg.allocation(k.client, id).termMin());
    }

    @Test
    void expirationMustNotBeInThePast() {
        chain.advanceTo(10_000);
        refusedRequests(ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.expiration_in_past", expiringAt(9_999));
        long id = k.allocate(k.client, expiringAt(10_000)).get(0);
        assertEquals(10_000, reg.allocation(k.client, id).expiration());
    }

    @Test
    void expirationAtMost60DaysAhead() {
        chain.advanceTo(10_000);
        refusedRequests(ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.expiration_too_far", expiringAt(10_000 + 172_801));
        long id = k.allocate(k.client, expiringAt(10_000 + 172_800)).get(0);
        assertEquals(182_800, reg.allocation(k.client, id).expiration());
    }

    @Test
    void providerMustBeAMiner() {
        refusedRequests(ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.provider_not_miner", k.request(k.owner, 2 * MiB));
        refusedRequests(ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.provider_not_miner", k.request(k.stranger, 2 * MiB));
    }

    // ------------------------------------------------------------------ exact sum, all or nothing

    @Test
    void tokensSentMustEqualTheRequestedSizesExactly() {
        AllocationRequests rs = AllocationRequests.of(withSize(2 * MiB), withSize(3 * MiB));
        refused(ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.token_sum_mismatch",
                () -> dc.transfer(k.client, REGISTRY, 5 * MiB - 1, rs));
        refused(ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.token_sum_mismatch",
                () -> dc.transfer(k.client, REGISTRY, 5 * MiB + 1, rs));
        assertEquals(List.of(1L, 2L), dc.transfer(k.client, REGISTRY, 5 * MiB, rs).allocationIds());
    }

    @Test
    void transferWithoutAnyRequestIsRefused() {
        refused(ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.token_sum_mismatch",
                () -> dc.transfer(k.client, REGISTRY, 2 * MiB, new AllocationRequests(List.of(), List.of())));
        refused(ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.no_requests",
                () -> dc.transfer(k.client, REGISTRY, 2 * MiB, null));
    }

    @Test
    void oneBadRequestAmongGoodOnesCreatesNothing() {
        AllocationRequest good1 = withSize(2 * MiB);
        AllocationRequest bad = k.request(k.provider, 2 * MiB, 518_399, TERM_MAX, chain.epoch() + EXPIRES_IN);
        AllocationRequest good2 = withSize(3 * MiB);
        refusedRequests(ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.term_min_too_short", good1, bad, good2);
        assertEquals(1, reg.nextAllocationId());
        assertTrue(reg.allocationsOf(k.client).isEmpty());
        assertEquals(100 * MiB, dc.balanceOf(k.client));
        assertEquals(0, dc.balanceOf(REGISTRY));
    }

    @Test
    void transferToAnyoneButTheRegistryIsForbidden() {
        AllocationRequests rs = AllocationRequests.of(withSize(2 * MiB));
        refused(ExitCode.USR_FORBIDDEN, "datacap.transfer_not_to_registry",
                () -> dc.transfer(k.client, k.client2, 2 * MiB, rs));
        refused(ExitCode.USR_FORBIDDEN, "datacap.transfer_not_to_registry",
                () -> dc.transfer(k.client, k.provider, 2 * MiB, rs));
        refused(ExitCode.USR_FORBIDDEN, "datacap.transfer_not_to_registry",
                () -> dc.transfer(k.client, Chain.DATACAP, 2 * MiB, rs));
    }

    @Test
    void transferOfMoreThanTheBalanceIsRefused() {
        refusedRequests(ExitCode.USR_INSUFFICIENT_FUNDS, "datacap.insufficient_balance", withSize(100 * MiB + 1));
        // a holder of no DataCap at all
        AllocationRequests rs = AllocationRequests.of(withSize(2 * MiB));
        refused(ExitCode.USR_INSUFFICIENT_FUNDS, "datacap.insufficient_balance",
                () -> dc.transfer(k.stranger, REGISTRY, 2 * MiB, rs));
        // exactly the balance works
        k.allocate(k.client, withSize(100 * MiB));
        assertEquals(0, dc.balanceOf(k.client));
    }

    @Test
    void transferOfZeroIsRefused() {
        refused(ExitCode.USR_ILLEGAL_ARGUMENT, "datacap.transfer_amount",
                () -> dc.transfer(k.client, REGISTRY, 0, new AllocationRequests(List.of(), List.of())));
    }

    // ------------------------------------------------------------------ claim extensions paid with DataCap

    /** A claim of 4 MiB by client at provider, term_start = now, with the given term_max. */
    private Claim claim(long termMax) {
        return k.claimNow(k.client, 4 * MiB, termMax);
    }

    private AllocationRequests extension(Claim c, long newTermMax) {
        return AllocationRequests.extensions(new ClaimExtensionRequest(c.provider(), c.id(), newTermMax));
    }

    @Test
    void anyHolderMayPayToExtendAClaimAndTheTokensAreBurned() {
        Claim c = claim(TERM_MAX);
        k.fund(k.client2, 10 * MiB);
        long supply = dc.totalSupply();

        VerifiedRegistry.TransferResult res = dc.transfer(k.client2, REGISTRY, 4 * MiB, extension(c, TERM_MAX + 1_000));

        assertEquals(1, res.extended());
        assertEquals(List.of(), res.allocationIds());
        Claim after = reg.claim(k.provider, c.id());
        assertEquals(TERM_MAX + 1_000, after.termMax());
        assertEquals(k.client, after.client(), "the claim's client stays");
        assertEquals(c.termStart(), after.termStart());
        assertEquals(c.size(), after.size());
        assertEquals(6 * MiB, dc.balanceOf(k.client2));
        assertEquals(0, dc.balanceOf(REGISTRY), "extension tokens are not held");
        assertEquals(supply - 4 * MiB, dc.totalSupply());
        assertEquals(4 * MiB, reg.extensionBurnedBytes());
        assertEquals(2, reg.nextAllocationId(), "an extension does not use an allocation id");
        assertEquals(1, reg.claimsExtended(), "a paid extension counts");
        k.assertTokenInvariants();
    }

    @Test
    void extensionOfUnknownClaimIsRefused() {
        Claim c = claim(TERM_MAX);
        refused(ExitCode.USR_NOT_FOUND, "verifreg.claim_not_found", () -> dc.transfer(k.client, REGISTRY, 4 * MiB,
                AllocationRequests.extensions(new ClaimExtensionRequest(k.provider, c.id() + 1, TERM_MAX + 1))));
        // right id, wrong provider
        refused(ExitCode.USR_NOT_FOUND, "verifreg.claim_not_found", () -> dc.transfer(k.client, REGISTRY, 4 * MiB,
                AllocationRequests.extensions(new ClaimExtensionRequest(k.provider2, c.id(), TERM_MAX + 1))));
    }

    @Test
    void extensionAllowedAtExactlyTheClaimsEnd() {
        Claim c = claim(TERM_MIN);
        chain.advanceTo(c.end());
        dc.transfer(k.client, REGISTRY, 4 * MiB, extension(c, TERM_MIN + 1));
        assertEquals(TERM_MIN + 1, reg.claim(k.provider, c.id()).termMax());
    }

    @Test
    void extensionRefusedOneEpochAfterTheClaimsEnd() {
        Claim c = claim(TERM_MIN);
        chain.advanceTo(c.end() + 1);
        refused(ExitCode.USR_FORBIDDEN, "verifreg.claim_expired",
                () -> dc.transfer(k.client, REGISTRY, 4 * MiB, extension(c, TERM_MIN + 10)));
    }

    @Test
    void extensionMustLengthenTheTerm() {
        Claim c = claim(TERM_MAX);
        refused(ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.extension_not_longer",
                () -> dc.transfer(k.client, REGISTRY, 4 * MiB, extension(c, TERM_MAX)));
        refused(ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.extension_not_longer",
                () -> dc.transfer(k.client, REGISTRY, 4 * MiB, extension(c, TERM_MAX - 1)));
        dc.transfer(k.client, REGISTRY, 4 * MiB, extension(c, TERM_MAX + 1));
        assertEquals(TERM_MAX + 1, reg.claim(k.provider, c.id()).termMax());
    }

    @Test
    void extendedClaimMayEndAtMostFiveYearsFromNow() {
        chain.advanceTo(1_000);
        Claim c = claim(TERM_MAX);
        assertEquals(1_000, c.termStart());
        chain.advanceTo(5_000);
        // term_start + new term_max ≤ now + 5,259,485  ⇔  new term_max ≤ 5,000 + 5,259,485 − 1,000
        long limit = 5_000 + MAXIMUM_VERIFIED_ALLOCATION_TERM - 1_000;
        refused(ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.extension_term_too_long",
                () -> dc.transfer(k.client, REGISTRY, 4 * MiB, extension(c, limit + 1)));
        dc.transfer(k.client, REGISTRY, 4 * MiB, extension(c, limit));
        Claim after = reg.claim(k.provider, c.id());
        assertEquals(limit, after.termMax());
        assertEquals(5_000 + MAXIMUM_VERIFIED_ALLOCATION_TERM, after.end());
    }

    @Test
    void extensionMustBePaidWithExactlyTheClaimsSize() {
        Claim c = claim(TERM_MAX);
        refused(ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.token_sum_mismatch",
                () -> dc.transfer(k.client, REGISTRY, 4 * MiB - 1, extension(c, TERM_MAX + 1)));
        refused(ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.token_sum_mismatch",
                () -> dc.transfer(k.client, REGISTRY, 4 * MiB + 1, extension(c, TERM_MAX + 1)));
    }

    @Test
    void allocationsAndExtensionsInOneTransferSumExactly() {
        Claim c = claim(TERM_MAX);
        AllocationRequest r = withSize(3 * MiB);
        AllocationRequests both = new AllocationRequests(List.of(r),
                List.of(new ClaimExtensionRequest(k.provider, c.id(), TERM_MAX + 5)));
        long balance = dc.balanceOf(k.client);
        refused(ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.token_sum_mismatch",
                () -> dc.transfer(k.client, REGISTRY, 3 * MiB, both));
        refused(ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.token_sum_mismatch",
                () -> dc.transfer(k.client, REGISTRY, 7 * MiB + 1, both));

        VerifiedRegistry.TransferResult res = dc.transfer(k.client, REGISTRY, 7 * MiB, both);
        assertEquals(List.of(2L), res.allocationIds());
        assertEquals(1, res.extended());
        assertEquals(balance - 7 * MiB, dc.balanceOf(k.client));
        assertEquals(3 * MiB, reg.heldBytes());
        assertEquals(3 * MiB, dc.balanceOf(REGISTRY));
        assertEquals(4 * MiB, reg.extensionBurnedBytes());
        assertEquals(TERM_MAX + 5, reg.claim(k.provider, c.id()).termMax());
        k.assertTokenInvariants();
    }

    @Test
    void badExtensionRevertsTheAllocationsInTheSameTransfer() {
        Claim c = claim(TERM_MAX);
        AllocationRequests mixed = new AllocationRequests(List.of(withSize(3 * MiB)),
                List.of(new ClaimExtensionRequest(k.provider, c.id(), TERM_MAX)));
        refused(ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.extension_not_longer",
                () -> dc.transfer(k.client, REGISTRY, 7 * MiB, mixed));
        assertEquals(2, reg.nextAllocationId());
        assertTrue(reg.allocationsOf(k.client).isEmpty());
        assertEquals(0, reg.extensionBurnedBytes());
    }
}
