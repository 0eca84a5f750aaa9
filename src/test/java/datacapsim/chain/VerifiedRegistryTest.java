package datacapsim.chain;

import static datacapsim.chain.Policy.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The verified registry's root-key and verifier methods (FIP-0045 regime): AddVerifier, RemoveVerifier,
 * AddVerifiedClient, RemoveVerifiedClientDataCap, and how calls are counted. {@link Kit} and the assertion helpers
 * below are shared with the other VerifiedRegistry*Test and DataCapToken*Test classes.
 */
class VerifiedRegistryTest {

    // ================================================================== shared test kit

    /** A fresh chain with a root key, two verifier candidates, clients, a stranger and two miners. */
    static final class Kit {
        /** term_min used by default allocation requests (the minimum). */
        static final long TERM_MIN = MINIMUM_VERIFIED_ALLOCATION_TERM;
        /** term_max used by default allocation requests. */
        static final long TERM_MAX = MINIMUM_VERIFIED_ALLOCATION_TERM + 100_000;
        /** How far ahead default allocation requests expire. */
        static final long EXPIRES_IN = 1_000;

        final Chain chain = ChainFixture.chain();
        final VerifiedRegistry reg = chain.verifreg();
        final DataCapToken dc = chain.datacap();
        final Address root = chain.rootKey();
        final Address verifier = chain.newAccount();
        final Address verifier2 = chain.newAccount();
        final Address client = chain.newAccount();
        final Address client2 = chain.newAccount();
        final Address stranger = chain.newAccount();
        final Address owner = chain.newAccount();
        final Address provider;
        final Address provider2;
        private long nextData = 1;

        Kit() {
            provider = chain.createMiner(owner, owner, SECTOR_SIZE_32GIB).address();
            provider2 = chain.createMiner(owner, owner, SECTOR_SIZE_32GIB).address();
        }

        /** Makes {@link #verifier} a verifier (if it is not yet) and has it grant {@code bytes} to {@code who}. */
        Kit fund(Address who, long bytes) {
            if (reg.verifierAllowance(verifier) < bytes) reg.addVerifier(root, verifier, 1_000 * TiB);
            reg.addVerifiedClient(verifier, who, bytes);
            return this;
        }

        long freshData() { return nextData++; }

        /** A valid request: default terms, expiring {@link #EXPIRES_IN} epochs from now. */
        AllocationRequest request(Address prov, long size) {
            return new AllocationRequest(prov, freshData(), size, TERM_MIN, TERM_MAX, chain.epoch() + EXPIRES_IN);
        }

        AllocationRequest request(Address prov, long size, long termMin, long termMax, long expiration) {
            return new AllocationRequest(prov, freshData(), size, termMin, termMax, expiration);
        }

        /** Transfers exactly the requests' total to the registry; returns the new allocation ids. */
        List<Long> allocate(Address from, AllocationRequest... requests) {
            AllocationRequests rs = AllocationRequests.of(requests);
            return dc.transfer(from, Chain.VERIFIED_REGISTRY, rs.allocationBytes(), rs).allocationIds();
        }

        /** Claims one allocation of {@code cl} into its own sector with the given sector expiration. */
        VerifiedRegistry.ClaimResult claim(Address prov, Address cl, long id, long sector, long sectorExpiration) {
            Allocation a = reg.allocation(cl, id);
            return reg.claimAllocations(prov, List.of(new VerifiedRegistry.SectorClaims(sector, sectorExpiration,
                    List.of(new VerifiedRegistry.SectorAllocationClaim(cl, id, a.data(), a.size())))), true);
        }

        /** Funds {@code cl}, allocates {@code size} to {@link #provider} with the given term_max and claims it now. */
        Claim claimNow(Address cl, long size, long termMax) {
            fund(cl, size);
            long id = allocate(cl, request(provider, size, TERM_MIN, termMax, chain.epoch() + EXPIRES_IN)).get(0);
            claim(provider, cl, id, id, chain.epoch() + TERM_MIN);
            return reg.claim(provider, id);
        }

        /** The registry holds exactly the DataCap of its unclaimed allocations, and supply = sum of balances. */
        void assertTokenInvariants() {
            assertEquals(reg.heldBytes(), dc.balanceOf(Chain.VERIFIED_REGISTRY), "registry balance == heldBytes");
            long sumHeld = 0;
            for (Address c : reg.clientsWithAllocations().keySet())
                for (Allocation a : reg.allocationsOf(c).values()) sumHeld += a.size();
            assertEquals(sumHeld, reg.heldBytes(), "heldBytes == sum of allocation sizes");
            long sum = 0;
            for (long b : dc.balances().values()) sum += b;
            assertEquals(sum, dc.totalSupply(), "total supply == sum of balances");
            assertEquals(dc.minted() - dc.burned(), dc.totalSupply(), "supply == minted - burned");
        }
    }

    /**
     * Runs a call that must be refused: checks the error's exit code and rule, that the chain state did not change,
     * and (when {@code method} is not null) that the call was counted as one failure under that rule and not as a success.
     */
    static ActorError assertRefused(Chain chain, String method, ExitCode code, String rule, Executable call) {
        String before = ChainSnapshot.of(chain);
        long failuresBefore = method == null ? 0 : chain.stats().count(method, rule);
        long okBefore = method == null ? 0 : chain.stats().succeeded(method);
        ActorError e = assertThrows(ActorError.class, call);
        assertEquals(rule, e.rule(), () -> "wrong rule: " + e);
        assertEquals(code, e.exitCode(), () -> "wrong exit code: " + e);
        assertEquals(before, ChainSnapshot.of(chain), "a refused call must not change chain state");
        if (method != null) {
            assertEquals(failuresBefore + 1, chain.stats().count(method, rule), "failure counted under its rule");
            assertEquals(okBefore, chain.stats().succeeded(method), "failure not counted as success");
        }
        return e;
    }

    /** Item {@code i} of a batch was refused with the given exit code and rule. */
    static void assertItemRefused(BatchResult b, int i, ExitCode code, String rule) {
        ActorError e = b.errors().get(i);
        assertNotNull(e, "item " + i + " should have been refused");
        assertEquals(rule, e.rule(), () -> "item " + i + ": " + e);
        assertEquals(code, e.exitCode(), () -> "item " + i + ": " + e);
    }

    // ================================================================== this class's tests

    private Kit k;
    private Chain chain;
    private VerifiedRegistry reg;
    private DataCapToken dc;

    @BeforeEach
    void setUp() {
        k = new Kit();
        chain = k.chain;
        reg = k.reg;
        dc = k.dc;
    }

    private void refused(String method, ExitCode code, String rule, Executable call) {
        assertRefused(chain, method, code, rule, call);
    }

    private static final String ADD_VERIFIER = VerifiedRegistry.ADD_VERIFIER;
    private static final String REMOVE_VERIFIER = VerifiedRegistry.REMOVE_VERIFIER;
    private static final String ADD_CLIENT = VerifiedRegistry.ADD_VERIFIED_CLIENT;
    private static final String REMOVE_DC = VerifiedRegistry.REMOVE_VERIFIED_CLIENT_DATACAP;

    // ------------------------------------------------------------------ AddVerifier

    @Test
    void addVerifierByRootWithMinimumAllowanceSucceeds() {
        assertFalse(reg.isVerifier(k.verifier));
        reg.addVerifier(k.root, k.verifier, 1_048_576);
        assertTrue(reg.isVerifier(k.verifier));
        assertEquals(1_048_576, reg.verifierAllowance(k.verifier));
        assertEquals(Map.of(k.verifier, 1_048_576L), reg.verifiers());
        assertEquals(1, chain.stats().succeeded(ADD_VERIFIER));
    }

    @Test
    void addVerifierByAnyoneButRootIsForbidden() {
        reg.addVerifier(k.root, k.verifier, 10 * MiB);
        refused(ADD_VERIFIER, ExitCode.USR_FORBIDDEN, "verifreg.caller_not_root",
                () -> reg.addVerifier(k.stranger, k.verifier2, 10 * MiB));
        // an existing verifier cannot add verifiers either, not even itself
        refused(ADD_VERIFIER, ExitCode.USR_FORBIDDEN, "verifreg.caller_not_root",
                () -> reg.addVerifier(k.verifier, k.verifier2, 10 * MiB));
        refused(ADD_VERIFIER, ExitCode.USR_FORBIDDEN, "verifreg.caller_not_root",
                () -> reg.addVerifier(k.verifier, k.verifier, 20 * MiB));
        assertFalse(reg.isVerifier(k.verifier2));
        assertEquals(10 * MiB, reg.verifierAllowance(k.verifier));
    }

    @Test
    void addVerifierAllowanceOneByteBelowMinimumIsRefused() {
        refused(ADD_VERIFIER, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.allowance_below_minimum",
                () -> reg.addVerifier(k.root, k.verifier, 1_048_575));
        assertFalse(reg.isVerifier(k.verifier));
        refused(ADD_VERIFIER, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.allowance_below_minimum",
                () -> reg.addVerifier(k.root, k.verifier, 0));
    }

    @Test
    void rootCannotBeAddedAsVerifier() {
        refused(ADD_VERIFIER, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.verifier_is_root",
                () -> reg.addVerifier(k.root, k.root, 10 * MiB));
        assertFalse(reg.isVerifier(k.root));
    }

    @Test
    void addressHoldingDataCapCannotBecomeVerifier() {
        k.fund(k.client, 2 * MiB);
        refused(ADD_VERIFIER, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.verifier_holds_datacap",
                () -> reg.addVerifier(k.root, k.client, 10 * MiB));
        assertFalse(reg.isVerifier(k.client));
    }

    @Test
    void addVerifierSetsTheAllowanceInsteadOfAddingToIt() {
        reg.addVerifier(k.root, k.verifier, 10 * MiB);
        reg.addVerifier(k.root, k.verifier, 3 * MiB);
        assertEquals(3 * MiB, reg.verifierAllowance(k.verifier));
        // after spending part of it, a new AddVerifier overwrites the remainder
        reg.addVerifiedClient(k.verifier, k.client, 2 * MiB);
        assertEquals(1 * MiB, reg.verifierAllowance(k.verifier));
        reg.addVerifier(k.root, k.verifier, 5 * MiB);
        assertEquals(5 * MiB, reg.verifierAllowance(k.verifier));
        assertEquals(3, chain.stats().succeeded(ADD_VERIFIER));
    }

    // ------------------------------------------------------------------ RemoveVerifier

    @Test
    void removeVerifierLeavesAlreadyGrantedDataCapUntouched() {
        reg.addVerifier(k.root, k.verifier, 10 * MiB);
        reg.addVerifiedClient(k.verifier, k.client, 4 * MiB);
        long supply = dc.totalSupply();

        reg.removeVerifier(k.root, k.verifier);

        assertFalse(reg.isVerifier(k.verifier));
        assertEquals(0, reg.verifierAllowance(k.verifier));
        assertEquals(4 * MiB, dc.balanceOf(k.client));
        assertEquals(supply, dc.totalSupply());
        assertEquals(1, chain.stats().succeeded(REMOVE_VERIFIER));
        // a removed verifier can no longer grant
        refused(ADD_CLIENT, ExitCode.USR_NOT_FOUND, "verifreg.caller_not_verifier",
                () -> reg.addVerifiedClient(k.verifier, k.client2, 2 * MiB));
    }

    @Test
    void removeVerifierByAnyoneButRootIsForbidden() {
        reg.addVerifier(k.root, k.verifier, 10 * MiB);
        reg.addVerifier(k.root, k.verifier2, 10 * MiB);
        refused(REMOVE_VERIFIER, ExitCode.USR_FORBIDDEN, "verifreg.caller_not_root",
                () -> reg.removeVerifier(k.stranger, k.verifier));
        refused(REMOVE_VERIFIER, ExitCode.USR_FORBIDDEN, "verifreg.caller_not_root",
                () -> reg.removeVerifier(k.verifier2, k.verifier));
        assertTrue(reg.isVerifier(k.verifier));
    }

    @Test
    void removeVerifierOfUnknownAddressIsRefused() {
        refused(REMOVE_VERIFIER, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.verifier_not_found",
                () -> reg.removeVerifier(k.root, k.verifier));
        reg.addVerifier(k.root, k.verifier, 10 * MiB);
        reg.removeVerifier(k.root, k.verifier);
        // removing twice: the second is refused
        refused(REMOVE_VERIFIER, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.verifier_not_found",
                () -> reg.removeVerifier(k.root, k.verifier));
    }

    // ------------------------------------------------------------------ AddVerifiedClient

    @Test
    void addVerifiedClientMintsDataCapAndReducesVerifierAllowance() {
        reg.addVerifier(k.root, k.verifier, 10 * MiB);
        reg.addVerifiedClient(k.verifier, k.client, 4 * MiB);

        assertEquals(6 * MiB, reg.verifierAllowance(k.verifier));
        assertEquals(4 * MiB, dc.balanceOf(k.client));
        assertEquals(4 * MiB, dc.totalSupply());
        assertEquals(4 * MiB, dc.minted());
        assertEquals(1, chain.stats().succeeded(ADD_CLIENT));
        k.assertTokenInvariants();
    }

    @Test
    void addVerifiedClientByNonVerifierIsRefused() {
        reg.addVerifier(k.root, k.verifier, 10 * MiB);
        refused(ADD_CLIENT, ExitCode.USR_NOT_FOUND, "verifreg.caller_not_verifier",
                () -> reg.addVerifiedClient(k.stranger, k.client, 2 * MiB));
        // the root key is not a verifier either
        refused(ADD_CLIENT, ExitCode.USR_NOT_FOUND, "verifreg.caller_not_verifier",
                () -> reg.addVerifiedClient(k.root, k.client, 2 * MiB));
        assertEquals(0, dc.balanceOf(k.client));
    }

    @Test
    void addVerifiedClientAllowanceBoundaryAtOneMiB() {
        reg.addVerifier(k.root, k.verifier, 10 * MiB);
        refused(ADD_CLIENT, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.allowance_below_minimum",
                () -> reg.addVerifiedClient(k.verifier, k.client, 1_048_575));
        reg.addVerifiedClient(k.verifier, k.client, 1_048_576);
        assertEquals(1_048_576, dc.balanceOf(k.client));
        assertEquals(10 * MiB - 1_048_576, reg.verifierAllowance(k.verifier));
    }

    @Test
    void addVerifiedClientMayUseExactlyTheRemainingAllowanceButNotOneByteMore() {
        reg.addVerifier(k.root, k.verifier, 3 * MiB);
        refused(ADD_CLIENT, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.verifier_allowance_exceeded",
                () -> reg.addVerifiedClient(k.verifier, k.client, 3 * MiB + 1));
        reg.addVerifiedClient(k.verifier, k.client, 3 * MiB);
        assertEquals(0, reg.verifierAllowance(k.verifier));
        assertEquals(3 * MiB, dc.balanceOf(k.client));
        refused(ADD_CLIENT, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.verifier_allowance_exceeded",
                () -> reg.addVerifiedClient(k.verifier, k.client2, 1 * MiB));
    }

    @Test
    void rootCannotBeAVerifiedClient() {
        reg.addVerifier(k.root, k.verifier, 10 * MiB);
        refused(ADD_CLIENT, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.client_is_root",
                () -> reg.addVerifiedClient(k.verifier, k.root, 2 * MiB));
    }

    @Test
    void verifierCannotBeAVerifiedClient() {
        reg.addVerifier(k.root, k.verifier, 10 * MiB);
        reg.addVerifier(k.root, k.verifier2, 10 * MiB);
        refused(ADD_CLIENT, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.client_is_verifier",
                () -> reg.addVerifiedClient(k.verifier, k.verifier2, 2 * MiB));
        refused(ADD_CLIENT, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.client_is_verifier",
                () -> reg.addVerifiedClient(k.verifier, k.verifier, 2 * MiB));
    }

    @Test
    void addVerifiedClientTopsUpAnExistingBalance() {
        reg.addVerifier(k.root, k.verifier, 10 * MiB);
        reg.addVerifier(k.root, k.verifier2, 10 * MiB);
        reg.addVerifiedClient(k.verifier, k.client, 2 * MiB);
        reg.addVerifiedClient(k.verifier, k.client, 3 * MiB);
        reg.addVerifiedClient(k.verifier2, k.client, 1 * MiB);
        assertEquals(6 * MiB, dc.balanceOf(k.client));
        assertEquals(5 * MiB, reg.verifierAllowance(k.verifier));
        assertEquals(9 * MiB, reg.verifierAllowance(k.verifier2));
        assertEquals(3, chain.stats().succeeded(ADD_CLIENT));
        k.assertTokenInvariants();
    }

    @Test
    void addVerifiedClientCallsTheReceiverHookOfAContract() {
        reg.addVerifier(k.root, k.verifier, 10 * MiB);
        long[] received = new long[1];
        Address[] from = new Address[1];
        chain.registerDataCapReceiver(k.client, (f, op, amount) -> { from[0] = f; received[0] += amount; });
        reg.addVerifiedClient(k.verifier, k.client, 2 * MiB);
        assertEquals(2 * MiB, received[0]);
        assertEquals(Chain.VERIFIED_REGISTRY, from[0]);
        assertEquals(2 * MiB, dc.balanceOf(k.client));
    }

    @Test
    void addVerifiedClientRevertsWholeWhenTheReceiverHookRefuses() {
        reg.addVerifier(k.root, k.verifier, 10 * MiB);
        reg.addVerifiedClient(k.verifier, k.client, 2 * MiB);
        chain.registerDataCapReceiver(k.client, (f, op, amount) -> {
            throw ActorError.forbidden("test.receiver_refuses", "contract does not accept DataCap");
        });
        refused(ADD_CLIENT, ExitCode.USR_FORBIDDEN, "test.receiver_refuses",
                () -> reg.addVerifiedClient(k.verifier, k.client, 3 * MiB));
        // verifier allowance, client balance and supply are all as before
        assertEquals(8 * MiB, reg.verifierAllowance(k.verifier));
        assertEquals(2 * MiB, dc.balanceOf(k.client));
        assertEquals(2 * MiB, dc.totalSupply());
    }

    @Test
    void theRegistryItselfCannotBeGrantedDataCap() {
        // the registry's receiver hook accepts DataCap only as a transfer carrying allocation requests; minted
        // DataCap would sit in its balance without any allocation
        reg.addVerifier(k.root, k.verifier, 10 * MiB);
        refused(ADD_CLIENT, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.no_requests",
                () -> reg.addVerifiedClient(k.verifier, Chain.VERIFIED_REGISTRY, 2 * MiB));
        assertEquals(10 * MiB, reg.verifierAllowance(k.verifier));
        assertEquals(0, dc.balanceOf(Chain.VERIFIED_REGISTRY));
        k.assertTokenInvariants();
    }

    // ------------------------------------------------------------------ RemoveVerifiedClientDataCap

    private VerifiedRegistry.RemoveDataCapProposal proposal(Address v, Address client, long amount, long id) {
        return new VerifiedRegistry.RemoveDataCapProposal(v, Signature.sign(v, VerifiedRegistry.removalMessage(client, amount, id)));
    }

    /** Refused removals leave the proposal ids (not part of ChainSnapshot) as they were. */
    private void assertProposalIdsStillZero() {
        for (Address v : List.of(k.verifier, k.verifier2, k.stranger))
            for (Address c : List.of(k.client, k.client2)) assertEquals(0, reg.removalProposalId(v, c), v + "/" + c);
    }

    /** verifier and verifier2 are verifiers; client holds 10 MiB. */
    private void setUpRemoval() {
        reg.addVerifier(k.root, k.verifier, 100 * MiB);
        reg.addVerifier(k.root, k.verifier2, 100 * MiB);
        reg.addVerifiedClient(k.verifier, k.client, 10 * MiB);
    }

    @Test
    void removeVerifiedClientDataCapWithTwoSignaturesDestroysTheAmount() {
        setUpRemoval();
        long destroyed = reg.removeVerifiedClientDataCap(k.root, k.client, 4 * MiB,
                proposal(k.verifier, k.client, 4 * MiB, 0), proposal(k.verifier2, k.client, 4 * MiB, 0));
        assertEquals(4 * MiB, destroyed);
        assertEquals(6 * MiB, dc.balanceOf(k.client));
        assertEquals(6 * MiB, dc.totalSupply());
        assertEquals(4 * MiB, reg.destroyedBytes());
        assertEquals(1, reg.removalProposalId(k.verifier, k.client));
        assertEquals(1, reg.removalProposalId(k.verifier2, k.client));
        assertEquals(1, chain.stats().succeeded(REMOVE_DC));
        // verifiers' allowances are not touched
        assertEquals(90 * MiB, reg.verifierAllowance(k.verifier));
        assertEquals(100 * MiB, reg.verifierAllowance(k.verifier2));
        k.assertTokenInvariants();
    }

    @Test
    void removeVerifiedClientDataCapDestroysAtMostTheBalance() {
        setUpRemoval();
        long destroyed = reg.removeVerifiedClientDataCap(k.root, k.client, 25 * MiB,
                proposal(k.verifier, k.client, 25 * MiB, 0), proposal(k.verifier2, k.client, 25 * MiB, 0));
        assertEquals(10 * MiB, destroyed);
        assertEquals(0, dc.balanceOf(k.client));
        assertEquals(10 * MiB, reg.destroyedBytes());
        assertEquals(0, dc.totalSupply());
        // the counter accumulates
        reg.addVerifiedClient(k.verifier, k.client, 2 * MiB);
        reg.removeVerifiedClientDataCap(k.root, k.client, 1 * MiB,
                proposal(k.verifier, k.client, 1 * MiB, 1), proposal(k.verifier2, k.client, 1 * MiB, 1));
        assertEquals(11 * MiB, reg.destroyedBytes());
        assertEquals(1 * MiB, dc.balanceOf(k.client));
    }

    @Test
    void removeVerifiedClientDataCapByAnyoneButRootIsForbidden() {
        setUpRemoval();
        refused(REMOVE_DC, ExitCode.USR_FORBIDDEN, "verifreg.caller_not_root",
                () -> reg.removeVerifiedClientDataCap(k.verifier, k.client, 4 * MiB,
                        proposal(k.verifier, k.client, 4 * MiB, 0), proposal(k.verifier2, k.client, 4 * MiB, 0)));
        assertProposalIdsStillZero();
    }

    @Test
    void removeVerifiedClientDataCapNeedsTwoDifferentVerifiers() {
        setUpRemoval();
        refused(REMOVE_DC, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.removal_same_verifier",
                () -> reg.removeVerifiedClientDataCap(k.root, k.client, 4 * MiB,
                        proposal(k.verifier, k.client, 4 * MiB, 0), proposal(k.verifier, k.client, 4 * MiB, 0)));
        assertProposalIdsStillZero();
    }

    @Test
    void removeVerifiedClientDataCapNeedsBothSignersToBeVerifiers() {
        setUpRemoval();
        refused(REMOVE_DC, ExitCode.USR_NOT_FOUND, "verifreg.removal_not_verifier",
                () -> reg.removeVerifiedClientDataCap(k.root, k.client, 4 * MiB,
                        proposal(k.verifier, k.client, 4 * MiB, 0), proposal(k.stranger, k.client, 4 * MiB, 0)));
        refused(REMOVE_DC, ExitCode.USR_NOT_FOUND, "verifreg.removal_not_verifier",
                () -> reg.removeVerifiedClientDataCap(k.root, k.client, 4 * MiB,
                        proposal(k.stranger, k.client, 4 * MiB, 0), proposal(k.verifier2, k.client, 4 * MiB, 0)));
        // a removed verifier no longer counts
        reg.removeVerifier(k.root, k.verifier2);
        refused(REMOVE_DC, ExitCode.USR_NOT_FOUND, "verifreg.removal_not_verifier",
                () -> reg.removeVerifiedClientDataCap(k.root, k.client, 4 * MiB,
                        proposal(k.verifier, k.client, 4 * MiB, 0), proposal(k.verifier2, k.client, 4 * MiB, 0)));
        assertProposalIdsStillZero();
    }

    @Test
    void removeVerifiedClientDataCapRefusesASignatureByTheWrongSigner() {
        setUpRemoval();
        String msg = VerifiedRegistry.removalMessage(k.client, 4 * MiB, 0);
        // verifier2's consent forged with a signature made by the stranger
        var forged = new VerifiedRegistry.RemoveDataCapProposal(k.verifier2, Signature.sign(k.stranger, msg));
        refused(REMOVE_DC, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.removal_bad_signature",
                () -> reg.removeVerifiedClientDataCap(k.root, k.client, 4 * MiB, proposal(k.verifier, k.client, 4 * MiB, 0), forged));
        // verifier's own signature presented as verifier2's
        var borrowed = new VerifiedRegistry.RemoveDataCapProposal(k.verifier2, Signature.sign(k.verifier, msg));
        refused(REMOVE_DC, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.removal_bad_signature",
                () -> reg.removeVerifiedClientDataCap(k.root, k.client, 4 * MiB, proposal(k.verifier, k.client, 4 * MiB, 0), borrowed));
        assertProposalIdsStillZero();
    }

    @Test
    void removeVerifiedClientDataCapRefusesASignatureOverAnotherAmountOrClient() {
        setUpRemoval();
        refused(REMOVE_DC, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.removal_bad_signature",
                () -> reg.removeVerifiedClientDataCap(k.root, k.client, 4 * MiB,
                        proposal(k.verifier, k.client, 4 * MiB, 0), proposal(k.verifier2, k.client, 3 * MiB, 0)));
        refused(REMOVE_DC, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.removal_bad_signature",
                () -> reg.removeVerifiedClientDataCap(k.root, k.client, 4 * MiB,
                        proposal(k.verifier, k.client2, 4 * MiB, 0), proposal(k.verifier2, k.client, 4 * MiB, 0)));
        assertProposalIdsStillZero();
    }

    @Test
    void removeVerifiedClientDataCapRefusesAStaleProposalIdAndReplay() {
        setUpRemoval();
        var p1 = proposal(k.verifier, k.client, 2 * MiB, 0);
        var p2 = proposal(k.verifier2, k.client, 2 * MiB, 0);
        refused(REMOVE_DC, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.removal_bad_signature",
                () -> reg.removeVerifiedClientDataCap(k.root, k.client, 2 * MiB, p1, proposal(k.verifier2, k.client, 2 * MiB, 1)));
        assertProposalIdsStillZero();
        reg.removeVerifiedClientDataCap(k.root, k.client, 2 * MiB, p1, p2);
        assertEquals(8 * MiB, dc.balanceOf(k.client));

        // the very same signatures again: refused
        refused(REMOVE_DC, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.removal_bad_signature",
                () -> reg.removeVerifiedClientDataCap(k.root, k.client, 2 * MiB, p1, p2));
        // one fresh, one replayed: refused
        refused(REMOVE_DC, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.removal_bad_signature",
                () -> reg.removeVerifiedClientDataCap(k.root, k.client, 2 * MiB, proposal(k.verifier, k.client, 2 * MiB, 1), p2));
        assertEquals(1, reg.removalProposalId(k.verifier, k.client));
        assertEquals(1, reg.removalProposalId(k.verifier2, k.client));
        // fresh ids (1, 1) work
        reg.removeVerifiedClientDataCap(k.root, k.client, 2 * MiB,
                proposal(k.verifier, k.client, 2 * MiB, 1), proposal(k.verifier2, k.client, 2 * MiB, 1));
        assertEquals(6 * MiB, dc.balanceOf(k.client));
        assertEquals(2, reg.removalProposalId(k.verifier, k.client));
        assertEquals(2, chain.stats().succeeded(REMOVE_DC));
    }

    @Test
    void removalProposalIdsArePerVerifierAndClient() {
        setUpRemoval();
        reg.addVerifiedClient(k.verifier, k.client2, 10 * MiB);
        Address verifier3 = chain.newAccount();
        reg.addVerifier(k.root, verifier3, 100 * MiB);
        reg.removeVerifiedClientDataCap(k.root, k.client, 1 * MiB,
                proposal(k.verifier, k.client, 1 * MiB, 0), proposal(k.verifier2, k.client, 1 * MiB, 0));
        // other client: ids start at 0 again
        assertEquals(0, reg.removalProposalId(k.verifier, k.client2));
        reg.removeVerifiedClientDataCap(k.root, k.client2, 1 * MiB,
                proposal(k.verifier, k.client2, 1 * MiB, 0), proposal(k.verifier2, k.client2, 1 * MiB, 0));
        // another pair on the first client: verifier is at 1, verifier3 at 0
        reg.removeVerifiedClientDataCap(k.root, k.client, 1 * MiB,
                proposal(k.verifier, k.client, 1 * MiB, 1), proposal(verifier3, k.client, 1 * MiB, 0));
        assertEquals(2, reg.removalProposalId(k.verifier, k.client));
        assertEquals(1, reg.removalProposalId(k.verifier2, k.client));
        assertEquals(1, reg.removalProposalId(verifier3, k.client));
        assertEquals(1, reg.removalProposalId(k.verifier, k.client2));
        assertEquals(8 * MiB, dc.balanceOf(k.client));
        assertEquals(9 * MiB, dc.balanceOf(k.client2));
    }

    @Test
    void removeVerifiedClientDataCapOfNonPositiveAmountIsRefused() {
        setUpRemoval();
        refused(REMOVE_DC, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.removal_amount",
                () -> reg.removeVerifiedClientDataCap(k.root, k.client, 0,
                        proposal(k.verifier, k.client, 0, 0), proposal(k.verifier2, k.client, 0, 0)));
        assertProposalIdsStillZero();
    }

    @Test
    void removeVerifiedClientDataCapDoesNotTouchAllocatedDataCap() {
        setUpRemoval();
        long id = k.allocate(k.client, k.request(k.provider, 6 * MiB)).get(0);
        long destroyed = reg.removeVerifiedClientDataCap(k.root, k.client, 10 * MiB,
                proposal(k.verifier, k.client, 10 * MiB, 0), proposal(k.verifier2, k.client, 10 * MiB, 0));
        assertEquals(4 * MiB, destroyed, "only the unallocated balance is destroyed");
        assertNotNull(reg.allocation(k.client, id));
        assertEquals(6 * MiB, reg.heldBytes());
        k.assertTokenInvariants();
    }

    @Test
    void removeVerifiedClientDataCapCannotDestroyDataCapHeldByTheRegistry() {
        setUpRemoval();
        k.allocate(k.client, k.request(k.provider, 6 * MiB));
        refused(REMOVE_DC, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.removal_from_registry",
                () -> reg.removeVerifiedClientDataCap(k.root, Chain.VERIFIED_REGISTRY, 6 * MiB,
                        proposal(k.verifier, Chain.VERIFIED_REGISTRY, 6 * MiB, 0),
                        proposal(k.verifier2, Chain.VERIFIED_REGISTRY, 6 * MiB, 0)));
        assertEquals(6 * MiB, dc.balanceOf(Chain.VERIFIED_REGISTRY));
        assertEquals(6 * MiB, reg.heldBytes());
        k.assertTokenInvariants();
    }

    // ------------------------------------------------------------------ call counting

    @Test
    @DisplayName("calls are counted by method: successes as ok, failures under their rule")
    void callsAreCountedByMethodAndRule() {
        reg.addVerifier(k.root, k.verifier, 10 * MiB);
        reg.addVerifier(k.root, k.verifier2, 10 * MiB);
        assertThrows(ActorError.class, () -> reg.addVerifier(k.stranger, k.client, 10 * MiB));
        assertThrows(ActorError.class, () -> reg.addVerifier(k.root, k.client, 1));
        assertThrows(ActorError.class, () -> reg.addVerifier(k.root, k.client, 2));
        reg.addVerifiedClient(k.verifier, k.client, 2 * MiB);
        assertThrows(ActorError.class, () -> reg.addVerifiedClient(k.verifier, k.client, 20 * MiB));

        assertEquals(2, chain.stats().succeeded(ADD_VERIFIER));
        assertEquals(3, chain.stats().failed(ADD_VERIFIER));
        assertEquals(1, chain.stats().count(ADD_VERIFIER, "verifreg.caller_not_root"));
        assertEquals(2, chain.stats().count(ADD_VERIFIER, "verifreg.allowance_below_minimum"));
        assertEquals(1, chain.stats().succeeded(ADD_CLIENT));
        assertEquals(1, chain.stats().count(ADD_CLIENT, "verifreg.verifier_allowance_exceeded"));
        assertEquals(0, chain.stats().count(ADD_CLIENT, "verifreg.allowance_below_minimum"));
        assertEquals(2L, chain.stats().failuresByRule().get("verifreg.allowance_below_minimum"));
        // the nested mint inside AddVerifiedClient is not counted as a call of its own
        assertEquals(0, chain.stats().succeeded(DataCapToken.TRANSFER));
    }
}
