package datacapsim.contracts;

import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.BeneficiaryTerm;
import datacapsim.chain.Chain;
import datacapsim.chain.ExitCode;
import datacapsim.chain.Fil;
import datacapsim.chain.JBig;
import datacapsim.chain.JLong;
import datacapsim.chain.Miner;
import datacapsim.chain.PendingBeneficiaryChange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A provider's Beneficiary (seed 001; kacperzuk-neti/sla-allocator-contracts src/Beneficiary.sol and
 * src/libs/MinerUtils.sol): the miner's beneficiary, which splits the FIL it receives by the provider's SLA score.
 *
 * <p>On every receipt (the FIL hook, Solidity {@code receive()}) it computes the score: for each client the SLA
 * Client contract lists for the provider, the score from the registry the SLA allocator recorded for the pair and the
 * client's active data size; final = Σ floor(floor(size_i × 10^18 / total) × score_i / 10^18), or 100 when the total
 * is 0. A client without a recorded registry, or a registry that reverts, makes the receipt revert — and with it the
 * miner's withdrawal that paid it. The SP's part accrues in {@link #pending()} until a withdrawer calls
 * {@link #withdraw}; the rest is redirected as {@link BeneficiaryPayoutRules#redirect()} says (designed: sent to the
 * burn address at once; deployed: kept in the contract for good). A redirect to the contract's own address is kept.
 *
 * <p>FIL accounting: received = paidToSp + pending + burned + retained, and the contract's balance = pending +
 * retained.
 *
 * <p>Roles: DEFAULT_ADMIN_ROLE (the admin: setBurnAddress, setSLAAllocator, setClientContract, changeBeneficiary;
 * administers MANAGER_ROLE), MANAGER_ROLE (administers WITHDRAWER_ROLE), WITHDRAWER_ROLE (withdraw). The factory's
 * {@code withdrawer} argument becomes the manager and a withdrawer, as in the source.
 */
public final class Beneficiary extends AccessControlled {
    public static final String NAME = "Beneficiary";
    public static final String MANAGER_ROLE = "MANAGER_ROLE";
    public static final String WITHDRAWER_ROLE = "WITHDRAWER_ROLE";
    /** MinerUtils.MIN_BENEFICIARY_QUOTA: a quota at least this large counts as unlimited (≈ 1.96 × 10^11 FIL). */
    public static final BigInteger MIN_BENEFICIARY_QUOTA = new BigInteger("195884047900000000000000000000");
    /** MinerUtils.EXPIRATION_5_YEARS: 5 × 365 days of 30-second epochs. */
    public static final long EXPIRATION_5_YEARS = 5_256_000;
    /** The score given when no client has active data. */
    public static final long NO_DATA_SCORE = 100;
    private static final BigInteger WAD = BigInteger.TEN.pow(18);

    public record BurnAddressUpdated(Address burnAddress) implements ContractEvent {}

    public record SLAAllocatorUpdated(Address newSLAAllocator) implements ContractEvent {}

    public record ClientContractUpdated(Address newClientContract) implements ContractEvent {}

    public record Withdrawn(Address recipient, BigInteger amountToSP) implements ContractEvent {}

    /** A receipt split: the SP's part, the redirected part, the score used, who paid and how much. */
    public record RewardsCalculated(BigInteger amountToWithdraw, BigInteger amountToRedirect, long score, Address from,
                                    BigInteger amount) implements ContractEvent {}

    /** Designed: the redirected part sent to the burn address. */
    public record RewardsBurned(Address burnAddress, BigInteger amount) implements ContractEvent {}

    public record BeneficiaryProposalSigned(Address miner, Address newBeneficiary, BigInteger newQuota,
                                            long newExpiration) implements ContractEvent {}

    public record BeneficiaryAccepted(Address miner, Address newBeneficiary) implements ContractEvent {}

    private final Address provider;
    private final BeneficiaryPayoutRules rules;
    private SlaRegistryLookup slaAllocator;
    private SlaClientView clientContract;
    private Address burnAddress;
    private final JBig received;
    private final JBig paidToSp;
    private final JBig pending;
    private final JBig burned;
    private final JBig retained;
    private final JLong receipts;
    private final JLong lastScore;

    /**
     * initialize(admin, manager, provider, slaAllocator, burnAddress, clientContract), with the payout rules.
     * Registers the contract's FIL hook on the chain.
     */
    public Beneficiary(Chain chain, EventLog events, Address admin, Address manager, Address provider,
                       SlaRegistryLookup slaAllocator, Address burnAddress, SlaClientView clientContract,
                       BeneficiaryPayoutRules rules) {
        super(chain, NAME, events);
        this.provider = Objects.requireNonNull(provider, "provider");
        this.slaAllocator = Objects.requireNonNull(slaAllocator, "slaAllocator");
        this.burnAddress = Objects.requireNonNull(burnAddress, "burnAddress");
        this.clientContract = Objects.requireNonNull(clientContract, "clientContract");
        this.rules = Objects.requireNonNull(rules, "rules");
        var j = chain.journal();
        this.received = new JBig(j);
        this.paidToSp = new JBig(j);
        this.pending = new JBig(j);
        this.burned = new JBig(j);
        this.retained = new JBig(j);
        this.receipts = new JLong(j);
        this.lastScore = new JLong(j);
        lastScore.set(-1);
        roles.setAdminRole(WITHDRAWER_ROLE, MANAGER_ROLE);
        roles.grantUnchecked(Roles.DEFAULT_ADMIN, admin);
        roles.grantUnchecked(MANAGER_ROLE, manager);
        roles.grantUnchecked(WITHDRAWER_ROLE, manager);
        chain.registerFilReceiver(address, this::receive);
    }

    // ------------------------------------------------------------------ reads
    public Address provider() { return provider; }
    public BeneficiaryPayoutRules rules() { return rules; }
    public SlaRegistryLookup slaAllocator() { return slaAllocator; }
    public SlaClientView clientContract() { return clientContract; }
    public Address burnAddress() { return burnAddress; }
    /** FIL received in total (attoFIL). */
    public BigInteger received() { return received.get(); }
    /** FIL paid out by {@link #withdraw}. */
    public BigInteger paidToSp() { return paidToSp.get(); }
    /** The SP's accumulated, not yet withdrawn share (the source's amountToWithdraw). */
    public BigInteger pending() { return pending.get(); }
    /** Redirected FIL sent to the burn address. */
    public BigInteger burned() { return burned.get(); }
    /** Redirected FIL kept in the contract. */
    public BigInteger retained() { return retained.get(); }
    /** All redirected FIL (the source's amountToRedirect): burned + retained. */
    public BigInteger redirected() { return burned.get().add(retained.get()); }
    /** How many receipts were split. */
    public long receipts() { return receipts.get(); }
    /** The score of the latest receipt, or −1 before the first. */
    public long lastScore() { return lastScore.get(); }

    /** The provider's score now, as the next receipt would compute it (reverts as the receipt would). */
    public long currentScore() { return currentReading().score(); }

    /** The score now and the active SLA data behind it (bytes; 0 when the score is the no-data {@link #NO_DATA_SCORE}). */
    public record Reading(long score, long activeBytes) {}

    /** {@link #currentScore()} with the active data it weighs, read in one pass over the provider's clients. */
    public Reading currentReading() {
        List<Address> clients = clientContract.clientsOf(provider);
        List<BigInteger> sizes = new ArrayList<>(clients.size());
        List<Long> scores = new ArrayList<>(clients.size());
        BigInteger total = BigInteger.ZERO;
        for (Address client : clients) {
            SlaScorer registry = slaAllocator.registryFor(client, provider);
            if (registry == null)
                throw error("NoSLARegistry", "the SLA allocator records no registry for " + client + " and " + provider,
                        client, provider);
            scores.add(registry.score(client, provider));
            BigInteger size = BigInteger.valueOf(clientContract.activeDataSize(client, provider));
            sizes.add(size);
            total = total.add(size);
        }
        if (total.signum() == 0) return new Reading(NO_DATA_SCORE, 0);
        BigInteger fin = BigInteger.ZERO;
        for (int i = 0; i < sizes.size(); i++) {
            BigInteger weight = sizes.get(i).multiply(WAD).divide(total);
            fin = fin.add(weight.multiply(BigInteger.valueOf(scores.get(i))).divide(WAD));
        }
        return new Reading(fin.longValueExact(), total.longValueExact());
    }

    // ------------------------------------------------------------------ receive
    /** receive(): splits every receipt by the current score (the chain calls it when FIL arrives). */
    private void receive(Address from, BigInteger amount) {
        run("receive", from, () -> {
            long score = currentScore();
            BigInteger toRedirect = rules.redirected(amount, score);
            BigInteger toSp = amount.subtract(toRedirect);
            received.add(amount);
            pending.add(toSp);
            receipts.add(1);
            lastScore.set(score);
            emit(new RewardsCalculated(toSp, toRedirect, score, from, amount));
            if (toRedirect.signum() == 0) return;
            if (rules.redirect() == BeneficiaryPayoutRules.Redirect.RETAIN_IN_CONTRACT || burnAddress.equals(address)) {
                retained.add(toRedirect);
            } else {
                burned.add(toRedirect);
                emit(new RewardsBurned(burnAddress, toRedirect));
                chain.send(address, burnAddress, toRedirect);
            }
        });
    }

    // ------------------------------------------------------------------ withdrawer
    /**
     * withdraw(recipient), WITHDRAWER_ROLE: pays the whole pending share to {@code recipient} (zero is allowed);
     * {@code WithdrawalFailed} if the send fails. Returns the amount paid.
     */
    public BigInteger withdraw(Address caller, Address recipient) {
        return call("withdraw", caller, () -> {
            roles.require(WITHDRAWER_ROLE, caller);
            BigInteger amount = pending.get();
            pending.set(BigInteger.ZERO);
            paidToSp.add(amount);
            emit(new Withdrawn(recipient, amount));
            try {
                chain.send(address, recipient, amount);
            } catch (ActorError e) {
                throw error("WithdrawalFailed", "sending " + Fil.toFilString(amount) + " FIL to " + recipient + " failed: " + e);
            }
            return amount;
        });
    }

    // ------------------------------------------------------------------ miner beneficiary
    /**
     * acceptBeneficiary(miner), anyone: the miner's pending proposal must name this contract; if this contract is
     * already the active beneficiary the new quota must cover the remaining one and the expiration may not move
     * earlier, otherwise the quota must be effectively unlimited (≥ {@link #MIN_BENEFICIARY_QUOTA}); the expiration
     * must be at least {@link #EXPIRATION_5_YEARS} epochs ahead. Then approves the proposal as the nominee.
     */
    public void acceptBeneficiary(Address caller, Address miner) {
        run("acceptBeneficiary", caller, () -> {
            Miner m = chain.miner(miner);
            if (m == null) throw error("ExitCodeError", "GetBeneficiary failed: no miner actor " + miner);
            PendingBeneficiaryChange p = m.pendingBeneficiaryChange();
            if (p == null) throw error("NoNewBeneficiaryProposed", "miner " + miner + " has no pending beneficiary change");
            if (!p.newBeneficiary().equals(address))
                throw error("InvalidNewBeneficiary", "the proposal names " + p.newBeneficiary() + ", not this contract",
                        address, p.newBeneficiary());
            if (m.beneficiary().equals(address)) {
                BeneficiaryTerm active = m.beneficiaryTerm();
                if (p.newQuota().compareTo(active.quota().subtract(active.usedQuota())) < 0)
                    throw error("NewQuotaBelowActive", "new quota " + p.newQuota() + " is below the remaining "
                            + active.quota().subtract(active.usedQuota()));
                if (p.newExpiration() < active.expiration())
                    throw error("NewExpirationBelowActive", "new expiration " + p.newExpiration()
                            + " is before the active " + active.expiration());
            } else if (p.newQuota().compareTo(MIN_BENEFICIARY_QUOTA) < 0) {
                throw error("QuotaNotUnlimited", "quota " + p.newQuota() + " is below " + MIN_BENEFICIARY_QUOTA);
            }
            long minExpiration = chain.epoch() + EXPIRATION_5_YEARS;
            if (p.newExpiration() < minExpiration)
                throw error("ExpirationBelowFiveYears", "expiration " + p.newExpiration() + " is before " + minExpiration);
            emit(new BeneficiaryAccepted(miner, p.newBeneficiary()));
            callMiner(m, p.newBeneficiary(), p.newQuota(), p.newExpiration());
        });
    }

    /**
     * changeBeneficiary(miner, newBeneficiary, quota, expiration), DEFAULT_ADMIN_ROLE: calls the miner's
     * ChangeBeneficiary as this contract (to approve a change away from it, as the current beneficiary, or as the
     * nominee); a refusal by the miner reverts {@code ExitCodeError(exitCode)}.
     */
    public void changeBeneficiary(Address caller, Address miner, Address newBeneficiary, BigInteger newQuota,
                                  long newExpiration) {
        run("changeBeneficiary", caller, () -> {
            roles.require(Roles.DEFAULT_ADMIN, caller);
            Miner m = chain.miner(miner);
            if (m == null)
                throw error("ExitCodeError", "no miner actor " + miner, ExitCode.USR_NOT_FOUND.code());
            emit(new BeneficiaryProposalSigned(miner, newBeneficiary, newQuota, newExpiration));
            callMiner(m, newBeneficiary, newQuota, newExpiration);
        });
    }

    private void callMiner(Miner m, Address newBeneficiary, BigInteger quota, long expiration) {
        try {
            m.changeBeneficiary(address, newBeneficiary, quota, expiration);
        } catch (ActorError e) {
            throw error("ExitCodeError", "miner " + m.address() + " refused ChangeBeneficiary: " + e, e.exitCode().code());
        }
    }

    // ------------------------------------------------------------------ admin
    /** setBurnAddress(address), DEFAULT_ADMIN_ROLE. */
    public void setBurnAddress(Address caller, Address newBurnAddress) {
        Objects.requireNonNull(newBurnAddress, "newBurnAddress");
        run("setBurnAddress", caller, () -> {
            roles.require(Roles.DEFAULT_ADMIN, caller);
            assign(v -> burnAddress = v, burnAddress, newBurnAddress);
            emit(new BurnAddressUpdated(newBurnAddress));
        });
    }

    /** setSLAAllocator(allocator), DEFAULT_ADMIN_ROLE. */
    public void setSLAAllocator(Address caller, SlaRegistryLookup newSlaAllocator) {
        Objects.requireNonNull(newSlaAllocator, "newSlaAllocator");
        run("setSLAAllocator", caller, () -> {
            roles.require(Roles.DEFAULT_ADMIN, caller);
            assign(v -> slaAllocator = v, slaAllocator, newSlaAllocator);
            emit(new SLAAllocatorUpdated(newSlaAllocator.address()));
        });
    }

    /** setClientContract(client), DEFAULT_ADMIN_ROLE (seed 001's setClientSmartContract; absent from the source). */
    public void setClientContract(Address caller, SlaClientView newClientContract) {
        Objects.requireNonNull(newClientContract, "newClientContract");
        run("setClientContract", caller, () -> {
            roles.require(Roles.DEFAULT_ADMIN, caller);
            assign(v -> clientContract = v, clientContract, newClientContract);
            emit(new ClientContractUpdated(newClientContract.address()));
        });
    }
}
