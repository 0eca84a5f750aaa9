package datacapsim.chain;

import static datacapsim.chain.MinerTestKit.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WithdrawBalance and ChangeBeneficiary (FIP-0029). */
class MinerBeneficiaryTest {
    private World w;
    private Chain c;
    private Miner m;
    private Address owner;
    private Address b1;
    private Address b2;
    private Address stranger;

    @BeforeEach
    void setUp() {
        w = new World(ChainFixture.chain(ChainFixture.simpleMoney(Fil.fil(20), Fil.fil(16))));
        c = w.c;
        m = w.m;
        owner = w.owner;
        b1 = c.newAccount();
        b2 = c.newAccount();
        stranger = c.newAccount();
        m.deposit(owner, Fil.fil(100));
    }

    /** Owner proposes, the nominee confirms; asserts the change applied. */
    private void makeBeneficiary(Address who, BigInteger quota, long expiration) {
        m.changeBeneficiary(owner, who, quota, expiration);
        if (!who.equals(owner) && m.pendingBeneficiaryChange() != null) m.changeBeneficiary(who, who, quota, expiration);
        assertEquals(who, m.beneficiary());
        assertNull(m.pendingBeneficiaryChange());
    }

    // ------------------------------------------------------------------ WithdrawBalance
    @Test
    void ownerWithdrawsUpToTheAvailableBalance() {
        BigInteger before = c.fil().balance(owner);
        assertEquals(Fil.fil(10), m.withdrawBalance(owner, Fil.fil(10)));
        assertEquals(before.add(Fil.fil(10)), c.fil().balance(owner));
        assertEquals(Fil.fil(90), m.availableBalance());
        assertEquals(Fil.fil(10), m.withdrawn());
        // more than available pays what is available
        assertEquals(Fil.fil(90), m.withdrawBalance(owner, Fil.fil(1_000)));
        assertEquals(before.add(Fil.fil(100)), c.fil().balance(owner));
        assertEquals(BigInteger.ZERO, m.balance());
        assertEquals(BigInteger.ZERO, m.withdrawBalance(owner, Fil.fil(1)));
        assertEquals(BigInteger.ZERO, m.withdrawBalance(owner, BigInteger.ZERO));
        assertChainInvariants(c);
    }

    @Test
    void pledgeIsNotWithdrawable() {
        w.commitCc(MIN_LIFE); // pledge 0.5 FIL, sent as value
        m.deposit(owner, Fil.fil(1));
        assertEquals(Fil.fil(101), m.availableBalance());
        assertEquals(Fil.fil(101), m.withdrawBalance(owner, Fil.fil(1_000)));
        assertEquals(Fil.parseFil("0.5"), m.balance());
        assertEquals(Fil.parseFil("0.5"), m.initialPledge());
        assertChainInvariants(c);
    }

    @Test
    void withdrawCallerAndAmountChecks() {
        refused(c, ExitCode.USR_FORBIDDEN, "miner.withdraw_caller", () -> m.withdrawBalance(stranger, Fil.fil(1)));
        refused(c, ExitCode.USR_FORBIDDEN, "miner.withdraw_caller", () -> m.withdrawBalance(w.worker, Fil.fil(1)));
        refused(c, ExitCode.USR_FORBIDDEN, "miner.withdraw_caller", () -> m.withdrawBalance(b1, Fil.fil(1)));
        refused(c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.withdraw_negative", () -> m.withdrawBalance(owner, big(-1)));
        makeBeneficiary(b1, Fil.fil(50), 10_000);
        refused(c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.withdraw_negative", () -> m.withdrawBalance(b1, big(-1)));
        refused(c, ExitCode.USR_FORBIDDEN, "miner.withdraw_caller", () -> m.withdrawBalance(stranger, Fil.fil(1)));
    }

    @Test
    void nonOwnerBeneficiaryIsCappedByQuota() {
        makeBeneficiary(b1, Fil.fil(30), 10_000);
        assertEquals(new BeneficiaryTerm(Fil.fil(30), BigInteger.ZERO, 10_000), m.beneficiaryTerm());
        BigInteger ownerBefore = c.fil().balance(owner);

        // the owner may withdraw too, but the funds go to the beneficiary
        assertEquals(Fil.fil(10), m.withdrawBalance(owner, Fil.fil(10)));
        assertEquals(Fil.fil(10), c.fil().balance(b1));
        assertEquals(ownerBefore, c.fil().balance(owner));
        assertEquals(Fil.fil(10), m.beneficiaryTerm().usedQuota());

        // capped at the remaining quota
        assertEquals(Fil.fil(20), m.withdrawBalance(b1, Fil.fil(50)));
        assertEquals(Fil.fil(30), c.fil().balance(b1));
        assertEquals(Fil.fil(30), m.beneficiaryTerm().usedQuota());
        assertEquals(Fil.fil(70), m.availableBalance());

        // quota used up: refused, for both callers
        refused(c, ExitCode.USR_FORBIDDEN, "miner.beneficiary_term_exhausted", () -> m.withdrawBalance(b1, Fil.fil(1)));
        refused(c, ExitCode.USR_FORBIDDEN, "miner.beneficiary_term_exhausted", () -> m.withdrawBalance(owner, Fil.fil(1)));
        refused(c, ExitCode.USR_FORBIDDEN, "miner.beneficiary_term_exhausted", () -> m.withdrawBalance(owner, BigInteger.ZERO));
        assertChainInvariants(c);
    }

    @Test
    void nonOwnerBeneficiaryIsCappedByAvailable() {
        makeBeneficiary(b1, Fil.fil(500), 10_000);
        assertEquals(Fil.fil(100), m.withdrawBalance(b1, Fil.fil(400)));
        assertEquals(Fil.fil(100), m.beneficiaryTerm().usedQuota(), "used quota grows by what was paid");
        assertEquals(BigInteger.ZERO, m.withdrawBalance(b1, Fil.fil(1)));
        assertEquals(Fil.fil(100), m.beneficiaryTerm().usedQuota());
        assertEquals(Fil.fil(400), m.beneficiaryTerm().available(c.epoch()));
    }

    @Test
    void expiredBeneficiaryTermRefusesWithdrawals() {
        makeBeneficiary(b1, Fil.fil(50), 5_000);
        c.advanceTo(4_999);
        assertEquals(Fil.fil(1), m.withdrawBalance(b1, Fil.fil(1)));
        c.advanceTo(5_000);
        refused(c, ExitCode.USR_FORBIDDEN, "miner.beneficiary_term_exhausted", () -> m.withdrawBalance(b1, Fil.fil(1)));
        refused(c, ExitCode.USR_FORBIDDEN, "miner.beneficiary_term_exhausted", () -> m.withdrawBalance(owner, Fil.fil(1)));
        assertEquals(BigInteger.ZERO, m.beneficiaryTerm().available(5_000));
        assertEquals(Fil.fil(49), m.beneficiaryTerm().available(4_999));
    }

    // ------------------------------------------------------------------ ChangeBeneficiary: proposals
    @Test
    void proposalTermChecks() {
        refused(c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.beneficiary_quota_not_positive",
                () -> m.changeBeneficiary(owner, b1, BigInteger.ZERO, 10_000));
        refused(c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.beneficiary_quota_not_positive",
                () -> m.changeBeneficiary(owner, b1, big(-5), 10_000));
        refused(c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.owner_quota_not_zero",
                () -> m.changeBeneficiary(owner, owner, BigInteger.ONE, 0));
        refused(c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.owner_expiration_not_zero",
                () -> m.changeBeneficiary(owner, owner, BigInteger.ZERO, 10));
        // no proposal: nobody but the owner can call
        refused(c, ExitCode.USR_FORBIDDEN, "miner.no_pending_beneficiary", () -> m.changeBeneficiary(b1, b1, Fil.fil(1), 10_000));
        refused(c, ExitCode.USR_FORBIDDEN, "miner.no_pending_beneficiary",
                () -> m.changeBeneficiary(stranger, b1, Fil.fil(1), 10_000));
    }

    @Test
    void nomineeMustConfirmWithIdenticalTerms() {
        m.changeBeneficiary(owner, b1, Fil.fil(30), 10_000);
        PendingBeneficiaryChange p = m.pendingBeneficiaryChange();
        assertNotNull(p);
        assertEquals(b1, p.newBeneficiary());
        assertEquals(Fil.fil(30), p.newQuota());
        assertEquals(10_000, p.newExpiration());
        assertTrue(p.approvedByBeneficiary(), "the owner as current beneficiary needs no confirmation");
        assertFalse(p.approvedByNominee());
        assertEquals(owner, m.beneficiary(), "nothing changes until the nominee confirms");

        // while pending, withdrawals still go to the owner
        BigInteger ownerBefore = c.fil().balance(owner);
        assertEquals(Fil.fil(1), m.withdrawBalance(owner, Fil.fil(1)));
        assertEquals(ownerBefore.add(Fil.fil(1)), c.fil().balance(owner));
        refused(c, ExitCode.USR_FORBIDDEN, "miner.withdraw_caller", () -> m.withdrawBalance(b1, Fil.fil(1)));

        refused(c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.beneficiary_terms_differ", () -> m.changeBeneficiary(b1, b1, Fil.fil(31), 10_000));
        refused(c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.beneficiary_terms_differ", () -> m.changeBeneficiary(b1, b1, Fil.fil(30), 10_001));
        refused(c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.beneficiary_terms_differ", () -> m.changeBeneficiary(b1, b2, Fil.fil(30), 10_000));
        // a third party cannot approve, whatever terms it names
        refused(c, ExitCode.USR_FORBIDDEN, "miner.beneficiary_approver", () -> m.changeBeneficiary(stranger, b1, Fil.fil(30), 10_000));
        refused(c, ExitCode.USR_FORBIDDEN, "miner.beneficiary_approver", () -> m.changeBeneficiary(w.worker, b1, Fil.fil(30), 10_000));
        refused(c, ExitCode.USR_FORBIDDEN, "miner.beneficiary_approver", () -> m.changeBeneficiary(stranger, b1, Fil.fil(31), 10_000));

        m.changeBeneficiary(b1, b1, Fil.fil(30), 10_000);
        assertEquals(b1, m.beneficiary());
        assertEquals(new BeneficiaryTerm(Fil.fil(30), BigInteger.ZERO, 10_000), m.beneficiaryTerm());
        assertNull(m.pendingBeneficiaryChange());
        assertEquals(Fil.fil(5), m.withdrawBalance(b1, Fil.fil(5)));
        assertEquals(Fil.fil(5), c.fil().balance(b1));
        assertChainInvariants(c);
    }

    @Test
    void ownerMayReplaceItsProposal() {
        m.changeBeneficiary(owner, b1, Fil.fil(30), 10_000);
        m.changeBeneficiary(owner, b2, Fil.fil(40), 20_000);
        assertEquals(b2, m.pendingBeneficiaryChange().newBeneficiary());
        refused(c, ExitCode.USR_FORBIDDEN, "miner.beneficiary_approver", () -> m.changeBeneficiary(b1, b1, Fil.fil(30), 10_000));
        m.changeBeneficiary(b2, b2, Fil.fil(40), 20_000);
        assertEquals(b2, m.beneficiary());
    }

    // ------------------------------------------------------------------ ChangeBeneficiary: from an active beneficiary
    @Test
    void activeBeneficiaryMustAlsoConfirm() {
        makeBeneficiary(b1, Fil.fil(30), 10_000);
        assertEquals(Fil.fil(10), m.withdrawBalance(b1, Fil.fil(10)));

        m.changeBeneficiary(owner, b2, Fil.fil(40), 20_000);
        assertFalse(m.pendingBeneficiaryChange().approvedByBeneficiary());
        m.changeBeneficiary(b2, b2, Fil.fil(40), 20_000);
        assertTrue(m.pendingBeneficiaryChange().approvedByNominee());
        assertEquals(b1, m.beneficiary(), "still b1 until b1 confirms");
        assertEquals(Fil.fil(1), m.withdrawBalance(owner, Fil.fil(1)));
        assertEquals(Fil.fil(11), c.fil().balance(b1));
        refused(c, ExitCode.USR_ILLEGAL_ARGUMENT, "miner.beneficiary_terms_differ", () -> m.changeBeneficiary(b1, b2, Fil.fil(40), 20_001));

        m.changeBeneficiary(b1, b2, Fil.fil(40), 20_000);
        assertEquals(b2, m.beneficiary());
        assertEquals(new BeneficiaryTerm(Fil.fil(40), BigInteger.ZERO, 20_000), m.beneficiaryTerm(), "used quota resets for a new address");
        assertNull(m.pendingBeneficiaryChange());
        assertEquals(Fil.fil(40), m.withdrawBalance(owner, Fil.fil(45)));
        assertEquals(Fil.fil(40), c.fil().balance(b2));
        assertEquals(Fil.fil(11), c.fil().balance(b1));
        assertChainInvariants(c);
    }

    @Test
    void activeBeneficiaryMayConfirmFirst() {
        makeBeneficiary(b1, Fil.fil(30), 10_000);
        m.changeBeneficiary(owner, b2, Fil.fil(40), 20_000);
        m.changeBeneficiary(b1, b2, Fil.fil(40), 20_000);
        assertTrue(m.pendingBeneficiaryChange().approvedByBeneficiary());
        assertEquals(b1, m.beneficiary());
        m.changeBeneficiary(b2, b2, Fil.fil(40), 20_000);
        assertEquals(b2, m.beneficiary());
    }

    @Test
    void spentBeneficiaryNeedNotConfirm() {
        makeBeneficiary(b1, Fil.fil(30), 10_000);
        assertEquals(Fil.fil(30), m.withdrawBalance(b1, Fil.fil(30)));
        m.changeBeneficiary(owner, b2, Fil.fil(40), 20_000);
        assertTrue(m.pendingBeneficiaryChange().approvedByBeneficiary());
        m.changeBeneficiary(b2, b2, Fil.fil(40), 20_000);
        assertEquals(b2, m.beneficiary());
        assertEquals(BigInteger.ZERO, m.beneficiaryTerm().usedQuota());
    }

    @Test
    void expiredBeneficiaryNeedNotConfirm() {
        makeBeneficiary(b1, Fil.fil(30), 1_000);
        c.advanceTo(1_000);
        m.changeBeneficiary(owner, b2, Fil.fil(40), 20_000);
        assertTrue(m.pendingBeneficiaryChange().approvedByBeneficiary());
        m.changeBeneficiary(b2, b2, Fil.fil(40), 20_000);
        assertEquals(b2, m.beneficiary());
        // one epoch earlier the term was still active
        World w2 = new World(ChainFixture.chain(ChainFixture.simpleMoney(Fil.fil(20), Fil.fil(16))));
        Address x = w2.c.newAccount();
        w2.m.changeBeneficiary(w2.owner, x, Fil.fil(30), 1_000);
        w2.m.changeBeneficiary(x, x, Fil.fil(30), 1_000);
        w2.c.advanceTo(999);
        w2.m.changeBeneficiary(w2.owner, w2.worker, Fil.fil(1), 20_000);
        assertFalse(w2.m.pendingBeneficiaryChange().approvedByBeneficiary());
    }

    @Test
    void sameAddressNewTermsKeepsUsedQuota() {
        makeBeneficiary(b1, Fil.fil(30), 10_000);
        assertEquals(Fil.fil(12), m.withdrawBalance(b1, Fil.fil(12)));
        m.changeBeneficiary(owner, b1, Fil.fil(50), 30_000);
        m.changeBeneficiary(b1, b1, Fil.fil(50), 30_000); // b1 is both current beneficiary and nominee
        assertNull(m.pendingBeneficiaryChange());
        assertEquals(new BeneficiaryTerm(Fil.fil(50), Fil.fil(12), 30_000), m.beneficiaryTerm());
        assertEquals(Fil.fil(38), m.withdrawBalance(b1, Fil.fil(100)));
    }

    @Test
    void backToTheOwner() {
        makeBeneficiary(b1, Fil.fil(30), 10_000);
        assertEquals(Fil.fil(5), m.withdrawBalance(b1, Fil.fil(5)));
        m.changeBeneficiary(owner, owner, BigInteger.ZERO, 0);
        PendingBeneficiaryChange p = m.pendingBeneficiaryChange();
        assertTrue(p.approvedByNominee(), "the owner proposing itself is the nominee's approval");
        assertFalse(p.approvedByBeneficiary());
        assertEquals(b1, m.beneficiary());
        refused(c, ExitCode.USR_FORBIDDEN, "miner.beneficiary_approver", () -> m.changeBeneficiary(stranger, owner, BigInteger.ZERO, 0));
        m.changeBeneficiary(b1, owner, BigInteger.ZERO, 0);
        assertEquals(owner, m.beneficiary());
        assertEquals(BeneficiaryTerm.OWNER, m.beneficiaryTerm());
        assertNull(m.pendingBeneficiaryChange());
        BigInteger before = c.fil().balance(owner);
        assertEquals(Fil.fil(95), m.withdrawBalance(owner, Fil.fil(1_000)));
        assertEquals(before.add(Fil.fil(95)), c.fil().balance(owner));
        refused(c, ExitCode.USR_FORBIDDEN, "miner.withdraw_caller", () -> m.withdrawBalance(b1, Fil.fil(1)));
        assertChainInvariants(c);
    }

    @Test
    void backToTheOwnerIsImmediateOnceTheTermIsOver() {
        makeBeneficiary(b1, Fil.fil(30), 10_000);
        assertEquals(Fil.fil(30), m.withdrawBalance(b1, Fil.fil(30)));
        m.changeBeneficiary(owner, owner, BigInteger.ZERO, 0);
        assertEquals(owner, m.beneficiary());
        assertNull(m.pendingBeneficiaryChange());
        assertEquals(BeneficiaryTerm.OWNER, m.beneficiaryTerm());
    }

    @Test
    void aProposalWithAPastExpirationGivesNothing() {
        c.advanceTo(500);
        makeBeneficiary(b1, Fil.fil(30), 400);
        assertEquals(b1, m.beneficiary());
        refused(c, ExitCode.USR_FORBIDDEN, "miner.beneficiary_term_exhausted", () -> m.withdrawBalance(owner, Fil.fil(1)));
        // ... and the owner can take the beneficiary role back at once
        m.changeBeneficiary(owner, owner, BigInteger.ZERO, 0);
        assertEquals(owner, m.beneficiary());
    }
}
