package datacapsim.chain;

import static datacapsim.chain.Policy.*;
import static datacapsim.chain.VerifiedRegistryTest.Kit.*;
import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The DataCap token (FIP-0045): whole-byte balances, operator allowances, TransferFrom only into the registry,
 * readable balance/allowance/supply, and no public mint or burn.
 */
class DataCapTokenTest {
    private static final Address REGISTRY = Chain.VERIFIED_REGISTRY;

    private VerifiedRegistryTest.Kit k;
    private Chain chain;
    private VerifiedRegistry reg;
    private DataCapToken dc;
    /** An operator (e.g. a contract or a market) acting for the client. */
    private Address operator;

    @BeforeEach
    void setUp() {
        k = new VerifiedRegistryTest.Kit();
        chain = k.chain;
        reg = k.reg;
        dc = k.dc;
        operator = chain.newAccount();
        k.fund(k.client, 20 * MiB);
    }

    private void refused(String method, ExitCode code, String rule, Executable call) {
        VerifiedRegistryTest.assertRefused(chain, method, code, rule, call);
    }

    private AllocationRequests requestOf(long size) {
        return AllocationRequests.of(k.request(k.provider, size));
    }

    // ------------------------------------------------------------------ reads

    @Test
    void balanceAllowanceAndSupplyAreReadable() {
        assertEquals(20 * MiB, dc.balanceOf(k.client));
        assertEquals(0, dc.balanceOf(k.client2));
        assertEquals(0, dc.allowance(k.client, operator));
        assertEquals(20 * MiB, dc.totalSupply());
        assertEquals(Map.of(k.client, 20 * MiB), dc.balances());
        assertEquals(Chain.DATACAP, dc.address());
    }

    @Test
    void mintedAddressesCountsEveryAddressAMintEverCreditedOnce() {
        assertEquals(1, dc.mintedAddresses()); // the client funded in setUp
        assertEquals(0, dc.firstMintEpoch(k.client));
        chain.advanceTo(10);
        k.fund(k.client, 5 * MiB); // a second mint to the same address counts once
        assertEquals(1, dc.mintedAddresses());
        k.fund(k.client2, 3 * MiB);
        assertEquals(2, dc.mintedAddresses());
        assertEquals(10, dc.firstMintEpoch(k.client2));
        assertEquals(-1, dc.firstMintEpoch(k.stranger));
        k.allocate(k.client2, k.request(k.provider, 3 * MiB)); // spends it all: still counted
        assertEquals(0, dc.balanceOf(k.client2));
        assertEquals(2, dc.mintedAddresses());
        assertEquals(-1, dc.firstMintEpoch(Chain.VERIFIED_REGISTRY), "the registry holds by transfer only");
        // a refused AddVerifiedClient (over the verifier's allowance) mints nothing and counts no one
        String before = ChainSnapshot.of(chain);
        assertThrows(ActorError.class, () -> reg.addVerifiedClient(k.verifier, k.stranger, 10_000 * TiB));
        assertEquals(before, ChainSnapshot.of(chain));
        assertEquals(2, dc.mintedAddresses());
        // a mint rolled back with its transaction leaves no trace
        assertThrows(ActorError.class, () -> chain.transact("test.mintThenFail", k.root, () -> {
            dc.mint(k.stranger, MiB);
            throw ActorError.illegalArgument("test.fail", "after the mint");
        }));
        assertEquals(before, ChainSnapshot.of(chain));
        assertEquals(-1, dc.firstMintEpoch(k.stranger));
    }

    @Test
    void supplyEqualsTheSumOfBalancesThroughMintTransferClaimReturnAndDestroy() {
        k.fund(k.client2, 30 * MiB);
        List<Long> ids = k.allocate(k.client, k.request(k.provider, 4 * MiB), k.request(k.provider, 5 * MiB));
        k.assertTokenInvariants();
        k.claim(k.provider, k.client, ids.get(0), 1, TERM_MIN);
        k.assertTokenInvariants();
        chain.advanceTo(reg.allocation(k.client, ids.get(1)).expiration());
        reg.removeExpiredAllocations(k.stranger, k.client, List.of());
        k.assertTokenInvariants();
        reg.addVerifier(k.root, k.verifier2, 10 * MiB);
        reg.removeVerifiedClientDataCap(k.root, k.client2, 7 * MiB,
                new VerifiedRegistry.RemoveDataCapProposal(k.verifier,
                        Signature.sign(k.verifier, VerifiedRegistry.removalMessage(k.client2, 7 * MiB, 0))),
                new VerifiedRegistry.RemoveDataCapProposal(k.verifier2,
                        Signature.sign(k.verifier2, VerifiedRegistry.removalMessage(k.client2, 7 * MiB, 0))));
        k.assertTokenInvariants();

        assertEquals(50 * MiB, dc.minted());
        assertEquals(4 * MiB + 7 * MiB, dc.burned());
        assertEquals(16 * MiB, dc.balanceOf(k.client));
        assertEquals(23 * MiB, dc.balanceOf(k.client2));
        assertEquals(39 * MiB, dc.totalSupply());
    }

    // ------------------------------------------------------------------ allowances

    @Test
    void increaseDecreaseAndRevokeAllowance() {
        dc.increaseAllowance(k.client, operator, 5 * MiB);
        dc.increaseAllowance(k.client, operator, 3 * MiB);
        assertEquals(8 * MiB, dc.allowance(k.client, operator));
        assertEquals(0, dc.allowance(operator, k.client), "allowances are directed");
        assertEquals(0, dc.allowance(k.client, k.client2), "allowances are per operator");

        dc.decreaseAllowance(k.client, operator, 2 * MiB);
        assertEquals(6 * MiB, dc.allowance(k.client, operator));
        dc.decreaseAllowance(k.client, operator, 100 * MiB);
        assertEquals(0, dc.allowance(k.client, operator), "a decrease past zero stops at zero");

        dc.increaseAllowance(k.client, operator, 4 * MiB);
        dc.revokeAllowance(k.client, operator);
        assertEquals(0, dc.allowance(k.client, operator));

        assertEquals(3, chain.stats().succeeded(DataCapToken.INCREASE_ALLOWANCE));
        assertEquals(2, chain.stats().succeeded(DataCapToken.DECREASE_ALLOWANCE));
        assertEquals(1, chain.stats().succeeded(DataCapToken.REVOKE_ALLOWANCE));
        assertEquals(20 * MiB, dc.balanceOf(k.client), "allowances move no tokens");
    }

    @Test
    void allowanceChangesOfNonPositiveAmountsAreRefused() {
        refused(DataCapToken.INCREASE_ALLOWANCE, ExitCode.USR_ILLEGAL_ARGUMENT, "datacap.allowance_amount",
                () -> dc.increaseAllowance(k.client, operator, 0));
        refused(DataCapToken.INCREASE_ALLOWANCE, ExitCode.USR_ILLEGAL_ARGUMENT, "datacap.allowance_amount",
                () -> dc.increaseAllowance(k.client, operator, -1));
        refused(DataCapToken.DECREASE_ALLOWANCE, ExitCode.USR_ILLEGAL_ARGUMENT, "datacap.allowance_amount",
                () -> dc.decreaseAllowance(k.client, operator, -5));
    }

    // ------------------------------------------------------------------ TransferFrom

    @Test
    void operatorTransfersFromTheHolderIntoTheRegistry() {
        dc.increaseAllowance(k.client, operator, 10 * MiB);
        VerifiedRegistry.TransferResult res = dc.transferFrom(operator, k.client, REGISTRY, 6 * MiB, requestOf(6 * MiB));

        long id = res.allocationIds().get(0);
        assertEquals(k.client, reg.allocation(k.client, id).client(), "the holder, not the operator, is the client");
        assertTrue(reg.allocationsOf(operator).isEmpty());
        assertEquals(4 * MiB, dc.allowance(k.client, operator));
        assertEquals(14 * MiB, dc.balanceOf(k.client));
        assertEquals(0, dc.balanceOf(operator));
        assertEquals(6 * MiB, dc.balanceOf(REGISTRY));
        assertEquals(6 * MiB, reg.heldBytes());
        assertEquals(1, chain.stats().succeeded(DataCapToken.TRANSFER_FROM));
        k.assertTokenInvariants();

        // the rest of the allowance, exactly
        dc.transferFrom(operator, k.client, REGISTRY, 4 * MiB, requestOf(4 * MiB));
        assertEquals(0, dc.allowance(k.client, operator));
        assertEquals(10 * MiB, dc.balanceOf(k.client));
    }

    @Test
    void transferFromBeyondTheAllowanceIsRefused() {
        dc.increaseAllowance(k.client, operator, 5 * MiB);
        refused(DataCapToken.TRANSFER_FROM, ExitCode.USR_INSUFFICIENT_FUNDS, "datacap.insufficient_allowance",
                () -> dc.transferFrom(operator, k.client, REGISTRY, 5 * MiB + 1, requestOf(5 * MiB + 1)));
        assertEquals(5 * MiB, dc.allowance(k.client, operator));
        // without any allowance
        refused(DataCapToken.TRANSFER_FROM, ExitCode.USR_INSUFFICIENT_FUNDS, "datacap.insufficient_allowance",
                () -> dc.transferFrom(k.client2, k.client, REGISTRY, 2 * MiB, requestOf(2 * MiB)));
        // after a revoke
        dc.revokeAllowance(k.client, operator);
        refused(DataCapToken.TRANSFER_FROM, ExitCode.USR_INSUFFICIENT_FUNDS, "datacap.insufficient_allowance",
                () -> dc.transferFrom(operator, k.client, REGISTRY, 2 * MiB, requestOf(2 * MiB)));
    }

    @Test
    void transferFromBeyondTheHoldersBalanceIsRefused() {
        dc.increaseAllowance(k.client, operator, 50 * MiB);
        refused(DataCapToken.TRANSFER_FROM, ExitCode.USR_INSUFFICIENT_FUNDS, "datacap.insufficient_balance",
                () -> dc.transferFrom(operator, k.client, REGISTRY, 21 * MiB, requestOf(21 * MiB)));
        assertEquals(50 * MiB, dc.allowance(k.client, operator), "allowance restored with the revert");
    }

    @Test
    void transferFromOnlyIntoTheRegistry() {
        dc.increaseAllowance(k.client, operator, 10 * MiB);
        refused(DataCapToken.TRANSFER_FROM, ExitCode.USR_FORBIDDEN, "datacap.transfer_not_to_registry",
                () -> dc.transferFrom(operator, k.client, operator, 2 * MiB, requestOf(2 * MiB)));
        refused(DataCapToken.TRANSFER_FROM, ExitCode.USR_FORBIDDEN, "datacap.transfer_not_to_registry",
                () -> dc.transferFrom(operator, k.client, k.client2, 2 * MiB, requestOf(2 * MiB)));
        assertEquals(10 * MiB, dc.allowance(k.client, operator));
    }

    @Test
    void transferFromRefusedByTheRegistryKeepsTheAllowance() {
        dc.increaseAllowance(k.client, operator, 10 * MiB);
        refused(DataCapToken.TRANSFER_FROM, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.token_sum_mismatch",
                () -> dc.transferFrom(operator, k.client, REGISTRY, 3 * MiB, requestOf(2 * MiB)));
        refused(DataCapToken.TRANSFER_FROM, ExitCode.USR_ILLEGAL_ARGUMENT, "verifreg.provider_not_miner",
                () -> dc.transferFrom(operator, k.client, REGISTRY, 2 * MiB,
                        AllocationRequests.of(k.request(operator, 2 * MiB))));
        assertEquals(10 * MiB, dc.allowance(k.client, operator));
        assertEquals(1, reg.nextAllocationId());
    }

    @Test
    void transferFromOfZeroIsRefused() {
        dc.increaseAllowance(k.client, operator, 10 * MiB);
        refused(DataCapToken.TRANSFER_FROM, ExitCode.USR_ILLEGAL_ARGUMENT, "datacap.transfer_amount",
                () -> dc.transferFrom(operator, k.client, REGISTRY, 0, new AllocationRequests(List.of(), List.of())));
    }

    @Test
    void operatorMayPayAClaimExtensionFromTheHoldersBalance() {
        Claim c = k.claimNow(k.client2, 4 * MiB, TERM_MAX);
        dc.increaseAllowance(k.client, operator, 4 * MiB);
        dc.transferFrom(operator, k.client, REGISTRY, 4 * MiB,
                AllocationRequests.extensions(new ClaimExtensionRequest(k.provider, c.id(), c.termMax() + 1)));
        assertEquals(k.client2, reg.claim(k.provider, c.id()).client());
        assertEquals(16 * MiB, dc.balanceOf(k.client));
        assertEquals(4 * MiB, reg.extensionBurnedBytes());
        k.assertTokenInvariants();
    }

    // ------------------------------------------------------------------ mint and burn are the registry's

    @Test
    void thereIsNoPublicWayToMintOrBurn() {
        Set<String> publicMethods = new java.util.TreeSet<>();
        for (Method m : DataCapToken.class.getMethods())
            if (m.getDeclaringClass() == DataCapToken.class && Modifier.isPublic(m.getModifiers())) publicMethods.add(m.getName());
        assertEquals(Set.of("address", "balanceOf", "allowance", "totalSupply", "minted", "burned", "balances", "allowances",
                        "mintedAddresses", "firstMintEpoch",
                        "transfer", "transferFrom", "increaseAllowance", "decreaseAllowance", "revokeAllowance"),
                publicMethods, "only reads, transfers and allowance methods are public");
        assertThrows(UnsupportedOperationException.class, () -> dc.balances().put(k.stranger, 1L),
                "the balance view is read-only");
    }

    @Test
    void onlyAVerifierGrantCreatesDataCap() {
        long supply = dc.totalSupply();
        // a transfer to the registry and back via expiry moves tokens but never creates any
        long id = k.allocate(k.client, k.request(k.provider, 20 * MiB)).get(0);
        chain.advanceTo(reg.allocation(k.client, id).expiration());
        reg.removeExpiredAllocations(k.client, k.client, List.of(id));
        assertEquals(supply, dc.totalSupply());
        assertEquals(supply, dc.minted());
        assertEquals(20 * MiB, dc.balanceOf(k.client));
    }
}
