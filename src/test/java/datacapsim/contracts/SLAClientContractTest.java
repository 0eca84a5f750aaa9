package datacapsim.contracts;

import static datacapsim.contracts.SlaAllocFixture.DAY;
import static datacapsim.contracts.SlaAllocFixture.PIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.chain.Address;
import datacapsim.chain.AllocationRequest;
import datacapsim.chain.AllocationRequests;
import datacapsim.chain.Chain;
import datacapsim.chain.Claim;
import datacapsim.chain.ClaimExtensionRequest;
import datacapsim.chain.ExitCode;
import datacapsim.chain.Miner;
import datacapsim.chain.Piece;
import datacapsim.chain.Policy;
import datacapsim.chain.Sector;
import datacapsim.contracts.SlaAllocFixture.Sp;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SLAClientContractTest {
    static final long MIB = Policy.MiB;
    static final long GIB = Policy.GiB;
    static final long TERM_MIN = 180 * DAY;
    static final long TERM_MAX = 210 * DAY;

    /** A client allocation request with the contract's standard terms, claimable for 30 days. */
    static AllocationRequest req(Chain c, Sp sp, long data, long size) {
        return new AllocationRequest(sp.address(), data, size, TERM_MIN, TERM_MAX, c.epoch() + 30 * DAY);
    }

    /** The SP seals the allocation in a sector lasting 200 days (within the term window); returns the sector number. */
    static long seal(SlaAllocFixture f, Sp sp, long allocId) {
        var a = f.c.verifreg().allocation(f.cc.address(), allocId);
        Piece piece = new Piece(a.data(), a.size(), f.cc.address(), allocId);
        BigInteger pledge = f.c.initialPledgeFor(Sector.qaPower(sp.miner().sectorSize(), a.size()));
        return sp.miner().proveCommitSector(sp.owner(), new Miner.SectorActivation(List.of(piece), f.c.epoch() + 200 * DAY), pledge);
    }

    @Nested
    class Allowances {
        SlaAllocFixture f = new SlaAllocFixture(Variant.DESIGNED);
        Sp sp = f.newProvider();
        Address client = f.newClient();

        @Test
        void increaseAddsAndEmits() {
            f.cc.increaseAllowance(f.allocOps, client, sp.address(), 5 * GIB);
            f.cc.increaseAllowance(f.allocOps, client, sp.address(), 3 * GIB);
            assertEquals(8 * GIB, f.cc.allowance(client, sp.address()));
            assertEquals(8 * GIB, f.cc.totalAllowance());
            assertEquals(List.of(new SLAClientContract.AllowanceChanged(client, sp.address(), 0, 5 * GIB),
                    new SLAClientContract.AllowanceChanged(client, sp.address(), 5 * GIB, 8 * GIB)),
                    f.ev.recent(SLAClientContract.AllowanceChanged.class));
        }

        @Test
        void increaseOfZeroIsRefused() {
            f.refusedClient("AmountEqualsZero", () -> f.cc.increaseAllowance(f.allocOps, client, sp.address(), 0));
        }

        @Test
        void decreaseSubtractsAndClampsAtZero() {
            f.cc.increaseAllowance(f.allocOps, client, sp.address(), 5 * GIB);
            f.cc.decreaseAllowance(f.allocOps, client, sp.address(), 2 * GIB);
            assertEquals(3 * GIB, f.cc.allowance(client, sp.address()));
            f.cc.decreaseAllowance(f.allocOps, client, sp.address(), 100 * GIB);
            assertEquals(0, f.cc.allowance(client, sp.address()));
            assertEquals(0, f.cc.totalAllowance());
            assertEquals(new SLAClientContract.AllowanceChanged(client, sp.address(), 3 * GIB, 0),
                    f.ev.recent(SLAClientContract.AllowanceChanged.class).get(2));
        }

        @Test
        void decreaseErrors() {
            f.refusedClient("AlreadyZero", () -> f.cc.decreaseAllowance(f.allocOps, client, sp.address(), GIB));
            f.cc.increaseAllowance(f.allocOps, client, sp.address(), 5 * GIB);
            f.refusedClient("AmountEqualsZero", () -> f.cc.decreaseAllowance(f.allocOps, client, sp.address(), 0));
        }

        @Test
        void allowancesArePerProvider() {
            Sp other = f.newProvider();
            f.cc.increaseAllowance(f.allocOps, client, sp.address(), 5 * GIB);
            assertEquals(0, f.cc.allowance(client, other.address()));
            f.refusedClient("AlreadyZero", () -> f.cc.decreaseAllowance(f.allocOps, client, other.address(), GIB));
        }

        @Test
        void setBeneficiaryRegistryAndRoles() {
            f.cc.setBeneficiaryRegistry(f.admin, null);
            assertNull(f.cc.beneficiaryRegistry());
            assertEquals(1, f.ev.count(SLAClientContract.BeneficiaryFactorySet.class));
            Address o2 = f.account();
            f.cc.grantRole(f.admin, SLAClientContract.TERMINATION_ORACLE, o2);
            f.cc.claimsTerminatedEarly(o2, List.of(1L));
            f.cc.revokeRole(f.admin, SLAClientContract.TERMINATION_ORACLE, o2);
            f.refusedClient("AccessControlUnauthorizedAccount", () -> f.cc.claimsTerminatedEarly(o2, List.of(2L)));
        }
    }

    static Stream<Arguments> roleMatrix() {
        List<Arguments> out = new ArrayList<>();
        List<String> callers = List.of("admin", "allocator", "oracle", "stranger", "client");
        Map<String, String> fns = new java.util.LinkedHashMap<>();
        fns.put("increaseAllowance", "allocator");
        fns.put("decreaseAllowance", "allocator");
        fns.put("claimsTerminatedEarly", "oracle");
        fns.put("setBeneficiaryRegistry", "admin");
        fns.put("grantRole", "admin");
        fns.put("revokeRole", "admin");
        fns.forEach((fn, holder) -> {
            for (String c : callers) if (!c.equals(holder)) out.add(Arguments.of(fn, c));
        });
        return out.stream();
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("roleMatrix")
    void roleMatrixRefusesCallersWithoutTheRole(String function, String callerName) {
        SlaAllocFixture f = new SlaAllocFixture(Variant.DESIGNED);
        Sp sp = f.newProvider();
        Address client = f.newClient();
        f.cc.increaseAllowance(f.allocOps, client, sp.address(), GIB);
        Address caller = switch (callerName) {
            case "admin" -> f.admin;
            case "allocator" -> f.allocOps;
            case "oracle" -> f.oracle;
            case "client" -> client;
            default -> f.stranger;
        };
        ContractError e = f.refusedClient("AccessControlUnauthorizedAccount", () -> {
            switch (function) {
                case "increaseAllowance" -> f.cc.increaseAllowance(caller, client, sp.address(), GIB);
                case "decreaseAllowance" -> f.cc.decreaseAllowance(caller, client, sp.address(), GIB);
                case "claimsTerminatedEarly" -> f.cc.claimsTerminatedEarly(caller, List.of(1L));
                case "setBeneficiaryRegistry" -> f.cc.setBeneficiaryRegistry(caller, null);
                case "grantRole" -> f.cc.grantRole(caller, SLAClientContract.ALLOCATOR, caller);
                case "revokeRole" -> f.cc.revokeRole(caller, SLAClientContract.ALLOCATOR, f.allocOps);
                default -> throw new IllegalArgumentException(function);
            }
        });
        assertEquals(caller, e.args().get(0));
    }

    @Nested
    class Transfer {
        SlaAllocFixture f = new SlaAllocFixture(Variant.DESIGNED);
        Sp sp;
        Address client;

        @BeforeEach
        void setUp() {
            sp = f.newProvider();
            client = f.newClient();
            f.mint(PIB);
            f.cc.increaseAllowance(f.allocOps, client, sp.address(), 10 * GIB);
        }

        @Test
        void successSpendsTheAllowanceRecordsTheSpendAndTheAllocationIds() {
            long before = f.c.datacap().balanceOf(f.cc.address());
            List<Long> ids = f.cc.transfer(client, AllocationRequests.of(req(f.c, sp, 1, 4 * GIB), req(f.c, sp, 2, 2 * GIB)));
            assertEquals(2, ids.size());
            assertEquals(4 * GIB, f.cc.allowance(client, sp.address()));
            assertEquals(6 * GIB, f.cc.spent(client, sp.address()));
            assertEquals(List.of(client), f.cc.clientsOf(sp.address()));
            assertEquals(ids, f.cc.allocationIds(sp.address(), client));
            assertEquals(before - 6 * GIB, f.c.datacap().balanceOf(f.cc.address()));
            assertEquals(f.cc.address(), f.c.verifreg().allocation(f.cc.address(), ids.get(0)).client());
            assertEquals(List.of(new SLAClientContract.DatacapSpent(client, 6 * GIB)), f.ev.recent(SLAClientContract.DatacapSpent.class));
        }

        @Test
        void clientsAreListedInFirstSpendOrder() {
            Address c2 = f.newClient();
            Address c3 = f.newClient();
            f.cc.increaseAllowance(f.allocOps, c2, sp.address(), GIB);
            f.cc.increaseAllowance(f.allocOps, c3, sp.address(), GIB);
            f.cc.transfer(c3, AllocationRequests.of(req(f.c, sp, 1, GIB)));
            f.cc.transfer(client, AllocationRequests.of(req(f.c, sp, 2, GIB)));
            f.cc.transfer(client, AllocationRequests.of(req(f.c, sp, 3, GIB)));
            f.cc.transfer(c2, AllocationRequests.of(req(f.c, sp, 4, GIB)));
            assertEquals(List.of(c3, client, c2), f.cc.clientsOf(sp.address()));
            assertEquals(List.of(c3, client, c2), new ArrayList<>(f.cc.spClientsDataUsage(sp.address()).keySet()));
            assertEquals(2 * GIB, f.cc.spClientsDataUsage(sp.address()).get(client));
        }

        @Test
        void allowanceMustCoverTheSizeExactlyEnoughIsEnough() {
            ContractError e = f.refusedClient("InsufficientAllowance",
                    () -> f.cc.transfer(client, AllocationRequests.of(req(f.c, sp, 1, 8 * GIB), req(f.c, sp, 2, 2 * GIB + MIB))));
            assertEquals(List.of(2 * GIB, 2 * GIB + MIB), e.args());
            f.cc.transfer(client, AllocationRequests.of(req(f.c, sp, 1, 8 * GIB), req(f.c, sp, 2, 2 * GIB)));
            assertEquals(0, f.cc.allowance(client, sp.address()));
        }

        @Test
        void allowanceWithAnotherProviderDoesNotCount() {
            Sp other = f.newProvider();
            f.refusedClient("InsufficientAllowance", () -> f.cc.transfer(client, AllocationRequests.of(req(f.c, other, 1, GIB))));
        }

        @Test
        void beneficiaryMustBeAnInstanceWithUnlimitedQuota() {
            Sp bare = f.bareProvider();
            f.cc.increaseAllowance(f.allocOps, client, bare.address(), GIB);
            f.refusedClient("BeneficiaryInstanceNonexistent", () -> f.cc.transfer(client, AllocationRequests.of(req(f.c, bare, 1, GIB))));
            Address inst = f.factory.create(bare.address());
            f.refusedClient("InvalidBeneficiary", () -> f.cc.transfer(client, AllocationRequests.of(req(f.c, bare, 1, GIB))));
            SlaAllocFixture.setBeneficiary(bare.miner(), inst, BigInteger.TEN.pow(20), f.c.epoch() + 10 * Policy.EPOCHS_IN_YEAR);
            f.refusedClient("QuotaNotUnlimited", () -> f.cc.transfer(client, AllocationRequests.of(req(f.c, bare, 1, GIB))));
        }

        @Test
        void anotherProvidersInstanceIsNotEnough() {
            Sp bare = f.bareProvider();
            Sp other = f.newProvider();
            f.cc.increaseAllowance(f.allocOps, client, bare.address(), GIB);
            // bare's miner names other's Beneficiary instance, with unlimited quota: still refused
            SlaAllocFixture.setBeneficiary(bare.miner(), other.beneficiary(), SlaAllocFixture.HUGE_QUOTA, f.c.epoch() + 10 * Policy.EPOCHS_IN_YEAR);
            f.refusedClient("BeneficiaryInstanceNonexistent", () -> f.cc.transfer(client, AllocationRequests.of(req(f.c, bare, 1, GIB))));
            f.factory.create(bare.address());
            f.refusedClient("InvalidBeneficiary", () -> f.cc.transfer(client, AllocationRequests.of(req(f.c, bare, 1, GIB))));
        }

        @Test
        void designedBeneficiaryMustOutlastTheLongestDealBy180Days() {
            long now = f.c.epoch();
            // the latest end is the second deal's: expiration (now + 20 days) + term_max (420 days)
            long required = now + 20 * DAY + 2 * TERM_MAX + 180 * DAY;
            Sp p = f.newProvider(SlaAllocFixture.HUGE_QUOTA, required - 1);
            f.cc.increaseAllowance(f.allocOps, client, p.address(), 2 * GIB);
            AllocationRequests reqs = AllocationRequests.of(new AllocationRequest(p.address(), 1, GIB, TERM_MIN, TERM_MAX, now + 10 * DAY),
                    new AllocationRequest(p.address(), 2, GIB, TERM_MIN, 2 * TERM_MAX, now + 20 * DAY));
            ContractError e = f.refusedClient("InsufficientBeneficiaryExpiration", () -> f.cc.transfer(client, reqs));
            assertEquals(List.of(p.address(), required - 1, required), e.args());
            Sp q = f.newProvider(SlaAllocFixture.HUGE_QUOTA, required);
            f.cc.increaseAllowance(f.allocOps, client, q.address(), 2 * GIB);
            f.cc.transfer(client, AllocationRequests.of(new AllocationRequest(q.address(), 1, GIB, TERM_MIN, TERM_MAX, now + 10 * DAY),
                    new AllocationRequest(q.address(), 2, GIB, TERM_MIN, 2 * TERM_MAX, now + 20 * DAY)));
            assertEquals(2 * GIB, f.cc.spent(client, q.address()));
        }

        @Test
        void theRegistrysRefusalRevertsEverythingAsTransferFailed() {
            Sp p = f.newProvider(SlaAllocFixture.HUGE_QUOTA, f.c.epoch() + 20 * Policy.EPOCHS_IN_YEAR);
            f.cc.increaseAllowance(f.allocOps, client, p.address(), GIB);
            AllocationRequest bad = new AllocationRequest(p.address(), 1, GIB, TERM_MIN, 6 * Policy.EPOCHS_IN_YEAR, f.c.epoch() + DAY); // term_max above 5 years
            ContractError e = f.refusedClient("TransferFailed", () -> f.cc.transfer(client, AllocationRequests.of(bad)));
            assertEquals(List.of(ExitCode.USR_ILLEGAL_ARGUMENT.code()), e.args());
            f.refusedClient("TransferFailed", () -> f.cc.transfer(client, new AllocationRequests(List.of(), List.of())));
        }

        @Test
        void extensionsCostTheClaimsSizeFromTheAllowance() {
            long id = f.cc.transfer(client, AllocationRequests.of(req(f.c, sp, 1, 4 * GIB))).get(0);
            seal(f, sp, id);
            f.cc.transfer(client, AllocationRequests.extensions(new ClaimExtensionRequest(sp.address(), id, TERM_MAX + 100 * DAY)));
            assertEquals(2 * GIB, f.cc.allowance(client, sp.address()));
            assertEquals(8 * GIB, f.cc.spent(client, sp.address()));
            assertEquals(TERM_MAX + 100 * DAY, f.c.verifreg().claim(sp.address(), id).termMax());
            assertEquals(List.of(id), f.cc.allocationIds(sp.address(), client));
            f.refusedClient("GetClaimsCallFailed",
                    () -> f.cc.transfer(client, AllocationRequests.extensions(new ClaimExtensionRequest(sp.address(), 999, TERM_MAX + 200 * DAY))));
            f.refusedClient("InsufficientAllowance",
                    () -> f.cc.transfer(client, AllocationRequests.extensions(new ClaimExtensionRequest(sp.address(), id, TERM_MAX + 200 * DAY))));
        }

        @Test
        void returnedDataCapFromExpiredAllocationsIsCreditedToNobody() {
            f.cc.transfer(client, AllocationRequests.of(new AllocationRequest(sp.address(), 1, 4 * GIB, TERM_MIN, TERM_MAX, f.c.epoch() + DAY)));
            long available = f.cc.availableDataCap();
            f.advanceTo(f.c.epoch() + 2 * DAY);
            f.c.verifreg().removeExpiredAllocations(f.stranger, f.cc.address(), List.of());
            assertEquals(available + 4 * GIB, f.cc.availableDataCap());
            assertEquals(6 * GIB, f.cc.allowance(client, sp.address()));
            assertEquals(4 * GIB, f.cc.spent(client, sp.address()));
        }
    }

    @Test
    void deployedBeneficiaryMustExpireFiveYearsFromNowWhateverTheDeals() {
        SlaAllocFixture f = new SlaAllocFixture(Variant.DEPLOYED);
        Address client = f.newClient();
        f.mint(PIB);
        long now = f.c.epoch();
        long fiveYears = now + SlaConfig.SOURCE_EXPIRATION_5_YEARS;
        Sp shortSp = f.newProvider(SlaAllocFixture.HUGE_QUOTA, fiveYears - 1);
        Sp exactSp = f.newProvider(SlaAllocFixture.HUGE_QUOTA, fiveYears);
        f.cc.increaseAllowance(f.allocOps, client, shortSp.address(), GIB);
        f.cc.increaseAllowance(f.allocOps, client, exactSp.address(), GIB);
        ContractError e = f.refusedClient("ExpirationBelowFiveYears", () -> f.cc.transfer(client, AllocationRequests.of(req(f.c, shortSp, 1, GIB))));
        assertEquals(List.of(fiveYears - 1, fiveYears), e.args());
        f.cc.transfer(client, AllocationRequests.of(req(f.c, exactSp, 1, GIB)));
        // the designed rule would refuse a 5-year deal with this beneficiary (it ends after the beneficiary's term)
        long longTerm = 5 * Policy.EPOCHS_IN_YEAR;
        f.cc.increaseAllowance(f.allocOps, client, exactSp.address(), GIB);
        f.cc.transfer(client, AllocationRequests.of(new AllocationRequest(exactSp.address(), 2, GIB, TERM_MIN, longTerm, now + 30 * DAY)));
        assertEquals(2 * GIB, f.cc.spent(client, exactSp.address()));
    }

    @Test
    void designedAcceptsAShortBeneficiaryForShortDealsThatDeployedRefuses() {
        long beneficiaryExpiration = TERM_MAX + 30 * DAY + 180 * DAY; // epoch 0 + latest end + 180 days
        for (Variant v : Variant.values()) {
            SlaAllocFixture f = new SlaAllocFixture(v);
            Address client = f.newClient();
            f.mint(PIB);
            Sp sp = f.newProvider(SlaAllocFixture.HUGE_QUOTA, beneficiaryExpiration);
            f.cc.increaseAllowance(f.allocOps, client, sp.address(), GIB);
            if (v == Variant.DESIGNED) {
                f.cc.transfer(client, AllocationRequests.of(req(f.c, sp, 1, GIB)));
                assertEquals(GIB, f.cc.spent(client, sp.address()));
            } else {
                f.refusedClient("ExpirationBelowFiveYears", () -> f.cc.transfer(client, AllocationRequests.of(req(f.c, sp, 1, GIB))));
            }
        }
    }

    @Test
    void deployedOverGrantedAllowanceFailsAtTheTokenWhenTheContractLacksDataCap() {
        SlaAllocFixture f = new SlaAllocFixture(Variant.DEPLOYED);
        Sp sp = f.newProvider();
        Address client = f.newClient();
        f.mint(2 * GIB);
        f.cc.increaseAllowance(f.allocOps, client, sp.address(), 10 * GIB);
        ContractError e = f.refusedClient("TransferFailed", () -> f.cc.transfer(client, AllocationRequests.of(req(f.c, sp, 1, 3 * GIB))));
        assertEquals(List.of(ExitCode.USR_INSUFFICIENT_FUNDS.code()), e.args());
    }

    // ================================================================== active data size
    @Nested
    class ActiveData {
        SlaAllocFixture f;
        Sp sp;
        Address client;

        void world(Variant v) {
            f = new SlaAllocFixture(v);
            sp = f.newProvider();
            client = f.newClient();
            f.mint(PIB);
            f.cc.increaseAllowance(f.allocOps, client, sp.address(), 100 * GIB);
        }

        long allocate(long data, long size) {
            return f.cc.transfer(client, AllocationRequests.of(req(f.c, sp, data, size))).get(0);
        }

        @Test
        void countsClaimedDataWithinItsTermInclusiveOfTheEndEpoch() {
            world(Variant.DESIGNED);
            long a = allocate(1, 4 * GIB);
            assertEquals(0, f.cc.activeDataSize(client, sp.address()), "an unclaimed allocation counts nothing");
            seal(f, sp, a);
            long b = allocate(2, 2 * GIB);
            assertEquals(4 * GIB, f.cc.activeDataSize(client, sp.address()));
            seal(f, sp, b);
            assertEquals(6 * GIB, f.cc.activeDataSize(client, sp.address()));
            Claim ca = f.c.verifreg().claim(sp.address(), a);
            f.advanceTo(ca.end());
            assertEquals(6 * GIB, f.cc.activeDataSize(client, sp.address()));
            f.advanceTo(ca.end() + 1);
            assertEquals(0, f.cc.activeDataSize(client, sp.address()));
            assertEquals(0, f.cc.activeDataSize(f.stranger, sp.address()));
        }

        @Test
        void designedTerminationFlagsRemoveTheNamedClaims() {
            world(Variant.DESIGNED);
            long a = allocate(1, 4 * GIB);
            long b = allocate(2, 2 * GIB);
            seal(f, sp, a);
            seal(f, sp, b);
            f.cc.claimsTerminatedEarly(f.oracle, List.of(a));
            assertEquals(2 * GIB, f.cc.activeDataSize(client, sp.address()));
            assertEquals(List.of(new SLAClientContract.ClaimsTerminatedEarly(List.of(a))),
                    f.ev.recent(SLAClientContract.ClaimsTerminatedEarly.class));
        }

        @Test
        void deployedTerminationFlagsByClaimIdHaveNoEffect() {
            world(Variant.DEPLOYED);
            long a = allocate(1, 4 * GIB);
            long b = allocate(2, 2 * GIB);
            long sa = seal(f, sp, a);
            long sb = seal(f, sp, b);
            assertEquals(List.of(0L, 1L), List.of(sa, sb));
            assertEquals(List.of(1L, 2L), List.of(a, b));
            f.cc.claimsTerminatedEarly(f.oracle, List.of(b)); // claim 2: no sector 2 anywhere
            assertTrue(f.cc.terminatedIds().contains(b));
            assertEquals(6 * GIB, f.cc.activeDataSize(client, sp.address()));
        }

        @Test
        void deployedFlagsHideClaimsWhoseSectorNumberEqualsAReportedId() {
            world(Variant.DEPLOYED);
            long a = allocate(1, 4 * GIB);
            long b = allocate(2, 2 * GIB);
            seal(f, sp, a); // sector 0
            seal(f, sp, b); // sector 1
            f.cc.claimsTerminatedEarly(f.oracle, List.of(a)); // reports claim 1; hides claim 2 (in sector 1) instead
            assertEquals(4 * GIB, f.cc.activeDataSize(client, sp.address()));
        }
    }

    @Test
    void aRefusedTransferLeavesTheEventLogAndStatsCountingTheReason() {
        SlaAllocFixture f = new SlaAllocFixture(Variant.DESIGNED);
        Sp sp = f.newProvider();
        Address client = f.newClient();
        f.refusedClient("InsufficientAllowance", () -> f.cc.transfer(client, AllocationRequests.of(req(f.c, sp, 1, GIB))));
        assertEquals(1, f.c.stats().count("SLAClientContract.transfer", "SLAClientContract.InsufficientAllowance"));
        assertEquals(0, f.ev.count(SLAClientContract.DatacapSpent.class));
    }
}
