package datacapsim.contracts;

import static datacapsim.contracts.SlaAllocFixture.DAY;
import static datacapsim.contracts.SlaAllocFixture.PIB;
import static datacapsim.contracts.SlaAllocFixture.TIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.chain.Address;
import datacapsim.chain.ExitCode;
import datacapsim.chain.Fil;
import datacapsim.chain.Policy;
import datacapsim.contracts.SlaAllocFixture.SlaAllocFakeScorer;
import datacapsim.contracts.SlaAllocFixture.Sp;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SLAAllocatorTest {

    // ================================================================== mintDataCap, admin, roles
    @Nested
    class Manager {
        SlaAllocFixture f = new SlaAllocFixture(Variant.DESIGNED);

        @Test
        void mintDataCapMintsToTheClientContractFromTheVerifierAllowance() {
            long before = f.c.verifreg().verifierAllowance(f.alloc.address());
            f.mint(3 * PIB);
            assertEquals(3 * PIB, f.c.datacap().balanceOf(f.cc.address()));
            assertEquals(before - 3 * PIB, f.c.verifreg().verifierAllowance(f.alloc.address()));
            assertEquals(3 * PIB, f.cc.availableDataCap());
            assertEquals(List.of(new SLAAllocator.DatacapAllocated(f.manager, f.cc.address(), 3 * PIB)),
                    f.ev.recent(SLAAllocator.DatacapAllocated.class));
        }

        @Test
        void mintDataCapOfZeroIsRefused() {
            f.refusedAlloc("AmountEqualZero", () -> f.alloc.mintDataCap(f.manager, 0));
        }

        @Test
        void mintDataCapBeyondTheVerifierAllowanceRevertsWithTheRegistryExitCode() {
            ContractError e = f.refusedAlloc("ExitCodeError", () -> f.alloc.mintDataCap(f.manager, 1001 * PIB));
            assertEquals(List.of(ExitCode.USR_ILLEGAL_ARGUMENT.code()), e.args());
        }

        @Test
        void mintDataCapWhenNotAVerifierReverts() {
            f.c.verifreg().removeVerifier(f.c.rootKey(), f.alloc.address());
            ContractError e = f.refusedAlloc("ExitCodeError", () -> f.alloc.mintDataCap(f.manager, PIB));
            assertEquals(List.of(ExitCode.USR_NOT_FOUND.code()), e.args());
        }

        @Test
        void setBeneficiaryRegistryAndClientSmartContractByTheAdmin() {
            SlaAllocFixture.SlaAllocFakeFactory other = new SlaAllocFixture.SlaAllocFakeFactory(f.c);
            f.alloc.setBeneficiaryRegistry(f.admin, other);
            assertSame(other, f.alloc.beneficiaryRegistry());
            f.alloc.setClientSmartContract(f.admin, null);
            assertNull(f.alloc.clientContract());
            assertEquals(1, f.ev.count(SLAAllocator.BeneficiaryFactorySet.class));
            assertEquals(1, f.ev.count(SLAAllocator.ClientSmartContractSet.class));
            f.refusedAlloc("ClientSmartContractNotSet", () -> f.mint(PIB));
        }

        @Test
        void grantAndRevokeRoles() {
            Address m2 = f.account();
            f.alloc.grantRole(f.admin, SLAAllocator.MANAGER, m2);
            f.alloc.mintDataCap(m2, PIB);
            f.alloc.revokeRole(f.admin, SLAAllocator.MANAGER, m2);
            f.refusedAlloc("AccessControlUnauthorizedAccount", () -> f.alloc.mintDataCap(m2, PIB));
        }

        @Test
        void aRevokedAttestatorsSignaturesNoLongerVerify() {
            Sp sp = f.newProvider();
            Address client = f.newClient();
            f.scorer.register(client, sp.address(), 90);
            f.mint(PIB);
            ManualAttestationSigned a = f.attestation(client, sp, TIB);
            f.alloc.revokeRole(f.admin, SLAAllocator.ATTESTATOR, f.attestator);
            f.refusedAlloc("AttestationNotVerified", () -> f.alloc.requestDataCapWithAttestation(client, f.scorer, a));
        }
    }

    /** Every role-guarded function × every known caller without the role. */
    static Stream<Arguments> roleMatrix() {
        List<Arguments> out = new ArrayList<>();
        List<String> callers = List.of("admin", "manager", "attestator", "stranger", "client");
        List<String[]> functions = List.of(
                new String[] {"mintDataCap", SLAAllocator.MANAGER},
                new String[] {"setBeneficiaryRegistry", SLAAllocator.ADMIN},
                new String[] {"setClientSmartContract", SLAAllocator.ADMIN},
                new String[] {"grantRole", SLAAllocator.ADMIN},
                new String[] {"revokeRole", SLAAllocator.ADMIN});
        for (String[] fn : functions)
            for (String caller : callers)
                if (!holds(caller, fn[1])) out.add(Arguments.of(fn[0], caller));
        return out.stream();
    }

    private static boolean holds(String caller, String role) {
        return (caller.equals("admin") && role.equals(SLAAllocator.ADMIN)) || (caller.equals("manager") && role.equals(SLAAllocator.MANAGER));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("roleMatrix")
    void roleMatrixRefusesCallersWithoutTheRole(String function, String callerName) {
        SlaAllocFixture f = new SlaAllocFixture(Variant.DESIGNED);
        Address client = f.newClient();
        Address caller = switch (callerName) {
            case "admin" -> f.admin;
            case "manager" -> f.manager;
            case "attestator" -> f.attestator;
            case "client" -> client;
            default -> f.stranger;
        };
        ContractError e = f.refusedAlloc("AccessControlUnauthorizedAccount", () -> {
            switch (function) {
                case "mintDataCap" -> f.alloc.mintDataCap(caller, PIB);
                case "setBeneficiaryRegistry" -> f.alloc.setBeneficiaryRegistry(caller, null);
                case "setClientSmartContract" -> f.alloc.setClientSmartContract(caller, null);
                case "grantRole" -> f.alloc.grantRole(caller, SLAAllocator.MANAGER, caller);
                case "revokeRole" -> f.alloc.revokeRole(caller, SLAAllocator.MANAGER, f.manager);
                default -> throw new IllegalArgumentException(function);
            }
        });
        assertEquals(caller, e.args().get(0));
    }

    // ================================================================== passport path (≤ 1 PiB)
    @Nested
    class PassportPath {
        SlaAllocFixture f = new SlaAllocFixture(Variant.DESIGNED);
        Sp sp;
        Address client;

        @BeforeEach
        void setUp() {
            sp = f.newProvider();
            client = f.newClient();
            f.scorer.register(client, sp.address(), 90);
            f.mint(10 * PIB);
            f.advanceTo(100 * DAY);
        }

        void request(long amount, PassportSigned p, PaymentTransactionSigned tx) {
            f.alloc.requestDataCapWithPassport(client, sp.address(), f.scorer, amount, p, tx);
        }

        @Test
        void successGrantsTheAllowanceAndRecordsTheRegistry() {
            PaymentTransactionSigned tx = f.paymentFor(client, sp, 5 * TIB);
            request(5 * TIB, f.passport(client, 21), tx);
            assertEquals(5 * TIB, f.cc.allowance(client, sp.address()));
            assertSame(f.scorer, f.alloc.registryFor(client, sp.address()));
            assertTrue(f.alloc.isTransactionUsed(tx.txn().id()));
            assertEquals(new SLAAllocator.SlaWindow(f.c.epoch(), 1), f.alloc.clientWindow(client));
            assertEquals(List.of(new SLAAllocator.DataCapGranted(client, sp.address(), 5 * TIB)),
                    f.ev.recent(SLAAllocator.DataCapGranted.class));
            assertEquals(List.of(new SLAAllocator.SLARegistered(client, sp.address())), f.ev.recent(SLAAllocator.SLARegistered.class));
            assertEquals(10 * PIB - 5 * TIB, f.cc.availableDataCap());
        }

        @Test
        void zeroAmountIsRefused() {
            f.refusedAlloc("AmountEqualZero", () -> request(0, f.passport(client, 50), f.paymentFor(client, sp, 0)));
        }

        @Test
        void noSlaInTheNamedRegistryRevertsWithTheRegistrysError() {
            Address other = f.newClient();
            ContractError e = f.refused("FakeSLARegistry", "SLANotFound", () -> f.alloc.requestDataCapWithPassport(
                    other, sp.address(), f.scorer, TIB, f.passport(other, 50), f.paymentFor(other, sp, TIB)));
            assertEquals(List.of(other, sp.address()), e.args());
        }

        @Test
        void noRegistryNamedIsRefused() {
            f.refusedAlloc("SLANotRegistered", () -> f.alloc.requestDataCapWithPassport(
                    client, sp.address(), null, TIB, f.passport(client, 50), f.paymentFor(client, sp, TIB)));
        }

        @Test
        void providerThatIsNotAMinerIsRefused() {
            Address notMiner = f.account();
            f.scorer.register(client, notMiner, 90);
            f.refusedAlloc("ExitCodeError", () -> f.alloc.requestDataCapWithPassport(
                    client, notMiner, f.scorer, TIB, f.passport(client, 50), f.payment(client, f.stranger, f.cfg.priceOf(TIB))));
        }

        @Test
        void beneficiaryChecks() {
            Sp bare = f.bareProvider();
            f.scorer.register(client, bare.address(), 90);
            f.refusedAlloc("BeneficiaryInstanceNonexistent", () -> f.alloc.requestDataCapWithPassport(
                    client, bare.address(), f.scorer, TIB, f.passport(client, 50), f.paymentFor(client, bare, TIB)));
            // the factory made an instance, but the miner's beneficiary is still its owner
            Address inst = f.factory.create(bare.address());
            ContractError e = f.refusedAlloc("InvalidBeneficiary", () -> f.alloc.requestDataCapWithPassport(
                    client, bare.address(), f.scorer, TIB, f.passport(client, 50), f.paymentFor(client, bare, TIB)));
            assertEquals(List.of(bare.owner(), inst), e.args());
            // an instance with a quota below "effectively unlimited"
            SlaAllocFixture.setBeneficiary(bare.miner(), inst, SlaConfig.SOURCE_MIN_BENEFICIARY_QUOTA.subtract(BigInteger.ONE),
                    f.c.epoch() + 10 * Policy.EPOCHS_IN_YEAR);
            f.refusedAlloc("QuotaNotUnlimited", () -> f.alloc.requestDataCapWithPassport(
                    client, bare.address(), f.scorer, TIB, f.passport(client, 50), f.paymentFor(client, bare, TIB)));
            // exactly the minimum passes
            Sp exact = f.newProvider(SlaConfig.SOURCE_MIN_BENEFICIARY_QUOTA, f.c.epoch() + 10 * Policy.EPOCHS_IN_YEAR);
            f.scorer.register(client, exact.address(), 90);
            f.requestWithPassport(client, exact, TIB);
            assertEquals(TIB, f.cc.allowance(client, exact.address()));
        }

        @Test
        void beneficiaryExpirationIsNotChecked() {
            Sp shortTerm = f.newProvider(SlaAllocFixture.HUGE_QUOTA, f.c.epoch() + DAY);
            f.scorer.register(client, shortTerm.address(), 90);
            f.advanceTo(f.c.epoch() + 2 * DAY); // the beneficiary term has expired
            f.requestWithPassport(client, shortTerm, TIB);
            assertEquals(TIB, f.cc.allowance(client, shortTerm.address()));
        }

        @Test
        void capIsOnePiBInclusive() {
            f.refusedAlloc("AmountExceedsPassportLimit", () -> request(PIB + 1, f.passport(client, 50), f.paymentFor(client, sp, PIB + 1)));
            request(PIB, f.passport(client, 50), f.paymentFor(client, sp, PIB));
            assertEquals(PIB, f.cc.allowance(client, sp.address()));
        }

        @Test
        void scoreMustBeAboveTheThreshold() {
            ContractError e = f.refusedAlloc("PassportScoreTooLow", () -> request(TIB, f.passport(client, 20), f.paymentFor(client, sp, TIB)));
            assertEquals(List.of(20L, 20L), e.args());
            request(TIB, f.passport(client, 21), f.paymentFor(client, sp, TIB));
        }

        @Test
        void forgedPassportsAreRefused() {
            // signed by someone without the attestator role
            PassportSigned bySomeoneElse = PassportSigned.sign(f.stranger, f.alloc.address(),
                    new Passport(client, f.c.epoch() + DAY, 90, List.of()));
            f.refusedAlloc("PassportNotVerified", () -> request(TIB, bySomeoneElse, f.paymentFor(client, sp, TIB)));
            // content altered after signing
            PassportSigned real = f.passport(client, 10);
            PassportSigned altered = new PassportSigned(new Passport(client, real.passport().expiration(), 90, List.of()), real.signature());
            f.refusedAlloc("PassportNotVerified", () -> request(TIB, altered, f.paymentFor(client, sp, TIB)));
            // a signature presented as another attestator's
            PassportSigned relabelled = new PassportSigned(real.passport(),
                    new datacapsim.chain.Signature(f.manager, real.signature().digest()));
            f.refusedAlloc("PassportNotVerified", () -> request(TIB, relabelled, f.paymentFor(client, sp, TIB)));
            // signed for another contract
            PassportSigned otherDomain = PassportSigned.sign(f.attestator, f.cc.address(), new Passport(client, f.c.epoch() + DAY, 90, List.of()));
            f.refusedAlloc("PassportNotVerified", () -> request(TIB, otherDomain, f.paymentFor(client, sp, TIB)));
        }

        @Test
        void anotherClientsPassportIsRefused() {
            Address other = f.newClient();
            ContractError e = f.refusedAlloc("PassportSubjectMismatch", () -> request(TIB, f.passport(other, 90), f.paymentFor(client, sp, TIB)));
            assertEquals(List.of(other, client), e.args());
        }

        @Test
        void passportExpiresAtItsExpirationEpoch() {
            long exp = f.c.epoch() + 10;
            PassportSigned p = f.passport(client, 90, exp);
            f.advanceTo(exp);
            f.refusedAlloc("PassportExpired", () -> request(TIB, p, f.paymentFor(client, sp, TIB)));
            PassportSigned p2 = f.passport(client, 90, exp + 1);
            request(TIB, p2, f.paymentFor(client, sp, TIB));
        }

        @Test
        void oneRequestPerClientPerWeekWithTheSourceWindowEdges() {
            long t0 = f.c.epoch();
            request(TIB, f.passport(client, 50), f.paymentFor(client, sp, TIB));
            f.advanceTo(t0 + 3 * DAY);
            ContractError e = f.refusedAlloc("ClientRateLimitExceeded", () -> request(TIB, f.passport(client, 50), f.paymentFor(client, sp, TIB)));
            assertEquals(List.of(client, t0 + 7 * DAY), e.args());
            // exactly one window later is still inside it (the source resets only when MORE than a window has passed)
            f.advanceTo(t0 + 7 * DAY);
            f.refusedAlloc("ClientRateLimitExceeded", () -> request(TIB, f.passport(client, 50), f.paymentFor(client, sp, TIB)));
            f.advanceTo(t0 + 7 * DAY + 1);
            request(TIB, f.passport(client, 50), f.paymentFor(client, sp, TIB));
            assertEquals(new SLAAllocator.SlaWindow(t0 + 7 * DAY + 1, 1), f.alloc.clientWindow(client));
            assertEquals(2 * TIB, f.cc.allowance(client, sp.address()));
        }

        @Test
        void otherClientsHaveTheirOwnWindow() {
            Address other = f.newClient();
            f.scorer.register(other, sp.address(), 90);
            f.requestWithPassport(client, sp, TIB);
            f.requestWithPassport(other, sp, TIB);
            assertEquals(TIB, f.cc.allowance(other, sp.address()));
        }

        @Test
        void paymentRules() {
            PaymentTransactionSigned used = f.paymentFor(client, sp, TIB);
            Address c2 = f.newClient();
            f.scorer.register(c2, sp.address(), 90);
            f.alloc.requestDataCapWithPassport(c2, sp.address(), f.scorer, TIB, f.passport(c2, 50), used);
            f.refusedAlloc("PaymentTxnAlreadyUsed", () -> request(TIB, f.passport(client, 50), used));
            PaymentTransactionSigned forged = PaymentTransactionSigned.sign(f.stranger, f.alloc.address(),
                    new PaymentTransaction("x1", client, sp.owner(), f.cfg.priceOf(TIB)));
            f.refusedAlloc("PaymentTxnNotVerified", () -> request(TIB, f.passport(client, 50), forged));
            PaymentTransactionSigned real = f.payment(client, sp.owner(), BigInteger.ONE);
            PaymentTransactionSigned inflated = new PaymentTransactionSigned(
                    new PaymentTransaction(real.txn().id(), client, sp.owner(), f.cfg.priceOf(TIB)), real.signature());
            f.refusedAlloc("PaymentTxnNotVerified", () -> request(TIB, f.passport(client, 50), inflated));
            f.refusedAlloc("TxPayerSameAsSPOwner", () -> request(TIB, f.passport(client, 50), f.payment(sp.owner(), sp.owner(), f.cfg.priceOf(TIB))));
            ContractError e = f.refusedAlloc("PaymentRecipientMismatch",
                    () -> request(TIB, f.passport(client, 50), f.payment(client, f.stranger, f.cfg.priceOf(TIB))));
            assertEquals(List.of(f.stranger, sp.owner()), e.args());
            BigInteger price = f.cfg.priceOf(5 * TIB);
            assertEquals(Fil.fil(10), price);
            e = f.refusedAlloc("PaymentAmountMismatch",
                    () -> request(5 * TIB, f.passport(client, 50), f.payment(client, sp.owner(), price.subtract(BigInteger.ONE))));
            assertEquals(List.of(price.subtract(BigInteger.ONE), price), e.args());
            request(5 * TIB, f.passport(client, 50), f.payment(client, sp.owner(), price));
            assertEquals(5 * TIB, f.cc.allowance(client, sp.address()));
        }

        @Test
        void aRequestBeyondTheContractsUngrantedDataCapIsRefused() {
            // 10 PiB minted; grant 9.5 PiB through manual attestations, leaving 0.5 PiB
            Address c2 = f.newClient();
            f.scorer.register(c2, sp.address(), 90);
            f.alloc.requestDataCapWithAttestation(f.stranger, f.scorer, f.attestation(c2, sp, 9 * PIB + PIB / 2));
            assertEquals(PIB / 2, f.cc.availableDataCap());
            ContractError e = f.refusedAlloc("InsufficientDataCap", () -> request(PIB / 2 + 1, f.passport(client, 50), f.paymentFor(client, sp, PIB / 2 + 1)));
            assertEquals(List.of(PIB / 2, PIB / 2 + 1), e.args());
            request(PIB / 2, f.passport(client, 50), f.paymentFor(client, sp, PIB / 2));
            assertEquals(0, f.cc.availableDataCap());
        }

        @Test
        void aLaterGrantRecordsTheNewRegistry() {
            f.requestWithPassport(client, sp, TIB);
            SlaAllocFakeScorer other = new SlaAllocFakeScorer(f.c, false);
            other.register(client, sp.address(), 10);
            f.alloc.requestDataCapWithAttestation(client, other, f.attestation(client, sp, TIB));
            assertSame(other, f.alloc.registryFor(client, sp.address()));
            assertEquals(1, f.ev.count(SLAAllocator.SLARegistered.class));
            assertEquals(2 * TIB, f.cc.allowance(client, sp.address()));
        }
    }

    // ================================================================== two passports (> 1 PiB)
    @Nested
    class TwoPassports {
        SlaAllocFixture f = new SlaAllocFixture(Variant.DESIGNED);
        Sp sp;
        Address client;

        @BeforeEach
        void setUp() {
            sp = f.newProvider();
            client = f.newClient();
            f.scorer.register(client, sp.address(), 90);
            f.mint(10 * PIB);
        }

        void request(long amount, PassportSigned cp, PassportSigned spp) {
            f.alloc.requestDataCapWithPassports(client, sp.address(), f.scorer, amount, cp, spp, f.paymentFor(client, sp, amount));
        }

        @Test
        void successAboveOnePiB() {
            request(3 * PIB, f.passport(client, 30, "github:alice"), f.passport(sp.owner(), 40, "github:bob"));
            assertEquals(3 * PIB, f.cc.allowance(client, sp.address()));
        }

        @Test
        void sharedStampsAreRefused() {
            ContractError e = f.refusedAlloc("PassportStampsShared", () -> request(2 * PIB,
                    f.passport(client, 30, "github:alice", "twitter:x"), f.passport(sp.owner(), 40, "twitter:x", "github:bob")));
            assertEquals(List.of(List.of("twitter:x")), e.args());
        }

        @Test
        void theSpPassportMustBeTheOwnersScoreAboveTwentyAndUnforged() {
            f.refusedAlloc("PassportSubjectMismatch", () -> request(2 * PIB, f.passport(client, 30), f.passport(client, 40)));
            f.refusedAlloc("PassportScoreTooLow", () -> request(2 * PIB, f.passport(client, 30), f.passport(sp.owner(), 20)));
            f.refusedAlloc("PassportScoreTooLow", () -> request(2 * PIB, f.passport(client, 20), f.passport(sp.owner(), 40)));
            PassportSigned forged = PassportSigned.sign(sp.owner(), f.alloc.address(), new Passport(sp.owner(), f.c.epoch() + DAY, 99, List.of()));
            ContractError e = f.refusedAlloc("PassportNotVerified", () -> request(2 * PIB, f.passport(client, 30), forged));
            assertEquals(List.of("provider"), e.args());
            PassportSigned expired = f.passport(sp.owner(), 40, f.c.epoch());
            f.refusedAlloc("PassportExpired", () -> request(2 * PIB, f.passport(client, 30), expired));
        }

        @Test
        void sharesTheClientsWeeklyWindowWithTheSinglePassportPath() {
            f.requestWithPassport(client, sp, TIB);
            f.refusedAlloc("ClientRateLimitExceeded", () -> request(2 * PIB, f.passport(client, 30), f.passport(sp.owner(), 40)));
        }

        @Test
        void paymentRulesApply() {
            f.refusedAlloc("TxPayerSameAsSPOwner", () -> f.alloc.requestDataCapWithPassports(client, sp.address(), f.scorer, 2 * PIB,
                    f.passport(client, 30), f.passport(sp.owner(), 40), f.payment(sp.owner(), sp.owner(), f.cfg.priceOf(2 * PIB))));
            f.refusedAlloc("PaymentAmountMismatch", () -> f.alloc.requestDataCapWithPassports(client, sp.address(), f.scorer, 2 * PIB,
                    f.passport(client, 30), f.passport(sp.owner(), 40), f.paymentFor(client, sp, PIB)));
        }
    }

    // ================================================================== no passport
    @Nested
    class NoPassport {
        @Test
        void successAndTheHundredTiBCap() {
            SlaAllocFixture f = new SlaAllocFixture(Variant.DESIGNED);
            Sp sp = f.newProvider();
            Address client = f.newClient();
            f.scorer.register(client, sp.address(), 90);
            f.mint(PIB);
            ContractError e = f.refusedAlloc("AmountExceedsNonPassportLimit", () -> f.requestWithPayment(client, sp, 100 * TIB + 1));
            assertEquals(List.of(100 * TIB + 1, 100 * TIB), e.args());
            f.requestWithPayment(client, sp, 100 * TIB);
            // no per-client limit on this path
            f.requestWithPayment(client, sp, TIB);
            assertEquals(101 * TIB, f.cc.allowance(client, sp.address()));
        }

        @Test
        void paymentRulesApply() {
            SlaAllocFixture f = new SlaAllocFixture(Variant.DESIGNED);
            Sp sp = f.newProvider();
            Address client = f.newClient();
            f.scorer.register(client, sp.address(), 90);
            f.mint(PIB);
            f.refusedAlloc("TxPayerSameAsSPOwner", () -> f.alloc.requestDataCapWithPayment(client, sp.address(), f.scorer, TIB,
                    f.payment(sp.owner(), sp.owner(), f.cfg.priceOf(TIB))));
            f.refusedAlloc("PaymentRecipientMismatch", () -> f.alloc.requestDataCapWithPayment(client, sp.address(), f.scorer, TIB,
                    f.payment(client, client, f.cfg.priceOf(TIB))));
            f.refusedAlloc("PaymentAmountMismatch", () -> f.alloc.requestDataCapWithPayment(client, sp.address(), f.scorer, TIB,
                    f.payment(client, sp.owner(), BigInteger.ZERO)));
        }

        /** Five clients, each with an SLA, for the global limit tests. */
        private List<Address> clients(SlaAllocFixture f, Sp sp, int n) {
            List<Address> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Address c = f.newClient();
                f.scorer.register(c, sp.address(), 90);
                out.add(c);
            }
            return out;
        }

        @Test
        void designedGlobalLimitIsASlidingDay() {
            SlaAllocFixture f = new SlaAllocFixture(Variant.DESIGNED);
            Sp sp = f.newProvider();
            List<Address> cs = clients(f, sp, 8);
            f.mint(PIB);
            long t0 = 10 * DAY;
            f.advanceTo(t0);
            f.requestWithPayment(cs.get(0), sp, TIB);
            f.advanceTo(t0 + 100);
            for (int i = 1; i < 5; i++) f.requestWithPayment(cs.get(i), sp, TIB);
            ContractError e = f.refusedAlloc("GlobalRateLimitExceeded", () -> f.requestWithPayment(cs.get(5), sp, TIB));
            assertEquals(List.of(t0 + DAY), e.args());
            f.advanceTo(t0 + DAY - 1);
            f.refusedAlloc("GlobalRateLimitExceeded", () -> f.requestWithPayment(cs.get(5), sp, TIB));
            // exactly a day after the first request, its slot is free again — and only that one
            f.advanceTo(t0 + DAY);
            f.requestWithPayment(cs.get(5), sp, TIB);
            e = f.refusedAlloc("GlobalRateLimitExceeded", () -> f.requestWithPayment(cs.get(6), sp, TIB));
            assertEquals(List.of(t0 + 100 + DAY), e.args());
            f.advanceTo(t0 + 100 + DAY);
            for (int i = 6; i < 8; i++) f.requestWithPayment(cs.get(i), sp, TIB);
        }

        @Test
        void deployedGlobalLimitIsAFixedWindowResetOnlyAfterMoreThanADay() {
            SlaAllocFixture f = new SlaAllocFixture(Variant.DEPLOYED);
            Sp sp = f.newProvider();
            List<Address> cs = clients(f, sp, 10);
            f.mint(PIB);
            long t0 = 10 * DAY;
            f.advanceTo(t0);
            f.requestWithPayment(cs.get(0), sp, TIB); // more than a day since construction: the window restarts here
            assertEquals(new SLAAllocator.SlaWindow(t0, 1), f.alloc.globalWindow());
            f.advanceTo(t0 + DAY); // exactly one window later: still the same window
            for (int i = 1; i < 5; i++) f.requestWithPayment(cs.get(i), sp, TIB);
            ContractError e = f.refusedAlloc("GlobalRateLimitExceeded", () -> f.requestWithPayment(cs.get(5), sp, TIB));
            assertEquals(List.of(t0 + DAY), e.args()); // the reported reset time is itself still refused
            f.advanceTo(t0 + DAY + 1);
            for (int i = 5; i < 10; i++) f.requestWithPayment(cs.get(i), sp, TIB);
            // nine requests within two epochs: what the fixed window allows and a sliding day would not
            assertEquals(new SLAAllocator.SlaWindow(t0 + DAY + 1, 5), f.alloc.globalWindow());
        }

        @Test
        void deployedGlobalWindowStartsAtConstruction() {
            SlaAllocFixture f = new SlaAllocFixture(Variant.DEPLOYED);
            Sp sp = f.newProvider();
            List<Address> cs = clients(f, sp, 6);
            f.mint(PIB);
            f.advanceTo(DAY); // not more than a day since construction at epoch 0
            for (int i = 0; i < 5; i++) f.requestWithPayment(cs.get(i), sp, TIB);
            assertEquals(new SLAAllocator.SlaWindow(0, 5), f.alloc.globalWindow());
            f.refusedAlloc("GlobalRateLimitExceeded", () -> f.requestWithPayment(cs.get(5), sp, TIB));
        }

        @Test
        void deployedPaymentIsNotMatchedToAmountOrRecipient() {
            SlaAllocFixture f = new SlaAllocFixture(Variant.DEPLOYED);
            Sp sp = f.newProvider();
            Address client = f.newClient();
            f.scorer.register(client, sp.address(), 90);
            f.mint(PIB);
            f.alloc.requestDataCapWithPayment(client, sp.address(), f.scorer, 50 * TIB, f.payment(client, client, BigInteger.ZERO));
            assertEquals(50 * TIB, f.cc.allowance(client, sp.address()));
            // the rules it keeps
            f.refusedAlloc("TxPayerSameAsSPOwner", () -> f.alloc.requestDataCapWithPayment(client, sp.address(), f.scorer, TIB,
                    f.payment(sp.owner(), client, BigInteger.ZERO)));
            f.refusedAlloc("AmountExceedsNonPassportLimit", () -> f.requestWithPayment(client, sp, 100 * TIB + 1));
        }

        @Test
        void deployedPaymentPathCanBeSwitchedOff() {
            SlaAllocFixture f = new SlaAllocFixture(Variant.DEPLOYED, SlaConfig.defaults(SlaAllocFixture.PRICE_PER_TIB).withDeployedPaymentPath(false));
            Sp sp = f.newProvider();
            Address client = f.newClient();
            f.scorer.register(client, sp.address(), 90);
            f.mint(PIB);
            f.refusedAlloc("PathDisabled", () -> f.requestWithPayment(client, sp, TIB));
        }

        @Test
        void designedIgnoresTheDeployedSwitch() {
            SlaAllocFixture f = new SlaAllocFixture(Variant.DESIGNED, SlaConfig.defaults(SlaAllocFixture.PRICE_PER_TIB).withDeployedPaymentPath(false));
            Sp sp = f.newProvider();
            Address client = f.newClient();
            f.scorer.register(client, sp.address(), 90);
            f.mint(PIB);
            f.requestWithPayment(client, sp, TIB);
            assertEquals(TIB, f.cc.allowance(client, sp.address()));
        }
    }

    // ================================================================== manual attestation
    @Nested
    class Manual {
        SlaAllocFixture f = new SlaAllocFixture(Variant.DESIGNED);
        Sp sp;
        Address client;

        @BeforeEach
        void setUp() {
            sp = f.newProvider();
            client = f.newClient();
            f.scorer.register(client, sp.address(), 90);
            f.mint(10 * PIB);
        }

        @Test
        void anyoneMaySubmitASignedAttestationOnce() {
            ManualAttestationSigned a = f.attestation(client, sp, 7 * PIB);
            f.alloc.requestDataCapWithAttestation(f.stranger, f.scorer, a);
            assertEquals(7 * PIB, f.cc.allowance(client, sp.address()));
            assertTrue(f.alloc.isAttestationUsed(a.attestation().attestationId()));
            ContractError e = f.refusedAlloc("AttestationAlreadyUsed", () -> f.alloc.requestDataCapWithAttestation(client, f.scorer, a));
            assertEquals(List.of(a.attestation().attestationId()), e.args());
        }

        @Test
        void forgedAttestationsAreRefused() {
            ManualAttestationSigned bySp = ManualAttestationSigned.sign(sp.owner(), f.alloc.address(),
                    new ManualAttestation("m1", client, sp.address(), PIB, ""));
            f.refusedAlloc("AttestationNotVerified", () -> f.alloc.requestDataCapWithAttestation(client, f.scorer, bySp));
            ManualAttestationSigned real = f.attestation(client, sp, TIB);
            ManualAttestation a = real.attestation();
            ManualAttestationSigned bigger = new ManualAttestationSigned(
                    new ManualAttestation(a.attestationId(), a.client(), a.provider(), 5 * PIB, a.opaqueData()), real.signature());
            f.refusedAlloc("AttestationNotVerified", () -> f.alloc.requestDataCapWithAttestation(client, f.scorer, bigger));
            assertFalse(f.alloc.isAttestationUsed(a.attestationId()));
        }

        @Test
        void commonChecksApplyToTheAttestedClientAndProvider() {
            Address noSla = f.newClient();
            f.refused("FakeSLARegistry", "SLANotFound", () -> f.alloc.requestDataCapWithAttestation(client, f.scorer, f.attestation(noSla, sp, TIB)));
            f.refusedAlloc("AmountEqualZero", () -> f.alloc.requestDataCapWithAttestation(client, f.scorer, f.attestation(client, sp, 0)));
            f.refusedAlloc("InsufficientDataCap", () -> f.alloc.requestDataCapWithAttestation(client, f.scorer, f.attestation(client, sp, 10 * PIB + 1)));
            Sp bare = f.bareProvider();
            f.scorer.register(client, bare.address(), 90);
            f.refusedAlloc("BeneficiaryInstanceNonexistent", () -> f.alloc.requestDataCapWithAttestation(client, f.scorer, f.attestation(client, bare, TIB)));
        }

        @Test
        void noRateLimit() {
            for (int i = 0; i < 7; i++) f.alloc.requestDataCapWithAttestation(client, f.scorer, f.attestation(client, sp, TIB));
            assertEquals(7 * TIB, f.cc.allowance(client, sp.address()));
        }
    }

    // ================================================================== deployed SLA-list path
    @Nested
    class DeployedSlaList {
        SlaAllocFixture f = new SlaAllocFixture(Variant.DEPLOYED);
        SlaAllocFakeScorer always100 = new SlaAllocFakeScorer(f.c, true);

        @Test
        void aCallerChosenRegistryThatAlwaysScores100PassesWithoutCapLimitOrAttestation() {
            Sp a = f.newProvider();
            Sp b = f.newProvider();
            Address client = f.newClient();
            // no DataCap minted at all, no SLA registered anywhere, 3 PiB per provider, twice in the same epoch
            List<SLAAllocator.SlaRequest> slas = List.of(new SLAAllocator.SlaRequest(always100, a.address()),
                    new SLAAllocator.SlaRequest(always100, b.address()));
            f.alloc.requestDataCap(client, slas, 3 * PIB);
            f.alloc.requestDataCap(client, slas, 3 * PIB);
            assertEquals(6 * PIB, f.cc.allowance(client, a.address()));
            assertEquals(6 * PIB, f.cc.allowance(client, b.address()));
            assertEquals(-12 * PIB, f.cc.availableDataCap());
            assertSame(always100, f.alloc.registryFor(client, a.address()));
            assertEquals(client, f.alloc.providerClient(a.address()));
            assertEquals(0, f.ev.count(SLAAllocator.DataCapGranted.class));
            assertEquals(2, f.ev.count(SLAAllocator.SLARegistered.class));
        }

        @Test
        void anSpIsBoundToItsFirstClient() {
            Sp sp = f.newProvider();
            Address first = f.newClient();
            Address second = f.newClient();
            f.alloc.requestDataCap(first, List.of(new SLAAllocator.SlaRequest(always100, sp.address())), TIB);
            ContractError e = f.refusedAlloc("ProviderBoundToDifferentClient",
                    () -> f.alloc.requestDataCap(second, List.of(new SLAAllocator.SlaRequest(always100, sp.address())), TIB));
            assertEquals(List.of(sp.address(), first, second), e.args());
        }

        @Test
        void otherPathsBindButDoNotRefuse() {
            Sp sp = f.newProvider();
            Address first = f.newClient();
            Address second = f.newClient();
            f.scorer.register(first, sp.address(), 90);
            f.scorer.register(second, sp.address(), 90);
            f.alloc.requestDataCapWithAttestation(first, f.scorer, f.attestation(first, sp, TIB));
            f.alloc.requestDataCapWithAttestation(second, f.scorer, f.attestation(second, sp, TIB)); // not refused
            assertEquals(first, f.alloc.providerClient(sp.address()));
            f.refusedAlloc("ProviderBoundToDifferentClient",
                    () -> f.alloc.requestDataCap(second, List.of(new SLAAllocator.SlaRequest(always100, sp.address())), TIB));
        }

        @Test
        void theRegistryMustStillAnswerAndTheBeneficiaryBeAnInstance() {
            Sp sp = f.newProvider();
            Address client = f.newClient();
            f.refused("FakeSLARegistry", "SLANotFound",
                    () -> f.alloc.requestDataCap(client, List.of(new SLAAllocator.SlaRequest(f.scorer, sp.address())), TIB));
            Sp bare = f.bareProvider();
            f.refusedAlloc("BeneficiaryInstanceNonexistent",
                    () -> f.alloc.requestDataCap(client, List.of(new SLAAllocator.SlaRequest(always100, bare.address())), TIB));
            f.refusedClient("AmountEqualsZero",
                    () -> f.alloc.requestDataCap(client, List.of(new SLAAllocator.SlaRequest(always100, sp.address())), 0));
        }

        @Test
        void aFailingEntryRevertsTheWholeList() {
            Sp ok = f.newProvider();
            Sp bare = f.bareProvider();
            Address client = f.newClient();
            f.refusedAlloc("BeneficiaryInstanceNonexistent", () -> f.alloc.requestDataCap(client, List.of(
                    new SLAAllocator.SlaRequest(always100, ok.address()), new SLAAllocator.SlaRequest(always100, bare.address())), TIB));
            assertEquals(0, f.cc.allowance(client, ok.address()));
        }

        @Test
        void deployedGrantsAreNotLimitedByTheContractsDataCap() {
            Sp sp = f.newProvider();
            Address client = f.newClient();
            f.scorer.register(client, sp.address(), 90);
            f.alloc.requestDataCapWithAttestation(client, f.scorer, f.attestation(client, sp, 5 * PIB));
            assertEquals(5 * PIB, f.cc.allowance(client, sp.address()));
        }
    }

    @Test
    void theSlaListPathDoesNotExistInTheDesign() {
        SlaAllocFixture f = new SlaAllocFixture(Variant.DESIGNED);
        Sp sp = f.newProvider();
        Address client = f.newClient();
        f.refusedAlloc("PathDisabled",
                () -> f.alloc.requestDataCap(client, List.of(new SLAAllocator.SlaRequest(new SlaAllocFakeScorer(f.c, true), sp.address())), TIB));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void passportPathsBehaveAlikeInBothVariantsApartFromPayment(Variant v) {
        SlaAllocFixture f = new SlaAllocFixture(v);
        Sp sp = f.newProvider();
        Address client = f.newClient();
        f.scorer.register(client, sp.address(), 90);
        f.mint(PIB);
        f.refusedAlloc("PassportScoreTooLow", () -> f.alloc.requestDataCapWithPassport(client, sp.address(), f.scorer, TIB,
                f.passport(client, 20), f.paymentFor(client, sp, TIB)));
        PaymentTransactionSigned cheap = f.payment(client, sp.owner(), BigInteger.ONE);
        if (v == Variant.DESIGNED) {
            f.refusedAlloc("PaymentAmountMismatch", () -> f.alloc.requestDataCapWithPassport(client, sp.address(), f.scorer, TIB,
                    f.passport(client, 50), cheap));
        } else {
            f.alloc.requestDataCapWithPassport(client, sp.address(), f.scorer, TIB, f.passport(client, 50), cheap);
            assertEquals(TIB, f.cc.allowance(client, sp.address()));
        }
    }

    @Test
    void aRefusedCallIsCountedByReason() {
        SlaAllocFixture f = new SlaAllocFixture(Variant.DESIGNED);
        assertThrows(ContractError.class, () -> f.alloc.mintDataCap(f.stranger, PIB));
        assertEquals(1, f.c.stats().count("SLAAllocator.mintDataCap", "SLAAllocator.AccessControlUnauthorizedAccount"));
    }

    @Test
    void grantsGoToTheClientContractAsTheAllocator() {
        SlaAllocFixture f = new SlaAllocFixture(Variant.DESIGNED);
        Sp sp = f.newProvider();
        Address client = f.newClient();
        f.scorer.register(client, sp.address(), 90);
        f.mint(PIB);
        f.cc.revokeRole(f.admin, SLAClientContract.ALLOCATOR, f.alloc.address());
        ContractError e = f.refusedClient("AccessControlUnauthorizedAccount",
                () -> f.alloc.requestDataCapWithAttestation(client, f.scorer, f.attestation(client, sp, TIB)));
        assertEquals(f.alloc.address(), e.args().get(0));
    }
}
