package datacapsim.chain;

import static datacapsim.chain.Policy.*;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A storage provider's miner actor: sectors with their power, the initial pledge, block rewards with their vesting
 * schedule, fees, withdrawals and the beneficiary (FIP-0029). FIL is exact attoFIL.
 *
 * <p>Balance identity: balance = deposited + rewards − withdrawn − fees burned, and
 * balance = initial pledge + vesting (locked) + unlocked; withdrawable = unlocked − fee debt.
 */
public final class Miner {
    public static final String PROVE_COMMIT = "miner.ProveCommitSectors3";
    public static final String EXTEND = "miner.ExtendSectorExpiration2";
    /** FIP-0118: extends a sector and moves it to 10 × QA power with its pledge recomputed. */
    public static final String EXTEND3 = "miner.ExtendSectorExpiration3";
    public static final String TERMINATE = "miner.TerminateSectors";
    public static final String WITHDRAW = "miner.WithdrawBalance";
    public static final String CHANGE_BENEFICIARY = "miner.ChangeBeneficiary";
    public static final String DEPOSIT = "miner.Deposit";

    /**
     * A sector to activate: its pieces (direct data onboarding), its expiration epoch, and the ids of the storage
     * market deals it holds (regimes v1, v1-topup, fip45-market; empty for none).
     */
    public record SectorActivation(List<Piece> pieces, long expiration, List<Long> dealIds) {
        public SectorActivation {
            pieces = List.copyOf(pieces);
            dealIds = dealIds == null ? List.of() : List.copyOf(dealIds);
        }

        /** A sector without market deals. */
        public SectorActivation(List<Piece> pieces, long expiration) { this(pieces, expiration, List.of()); }
    }

    private final Chain chain;
    private final Address address;
    private final Address owner;
    private final Address worker;
    private final long sectorSize;

    private Address beneficiary;
    private BeneficiaryTerm beneficiaryTerm = BeneficiaryTerm.OWNER;
    private PendingBeneficiaryChange pendingBeneficiary;

    private final JBig balance;
    private final JBig initialPledge;
    private final JBig lockedFunds;
    private final JBig feeDebt;
    private final VestingTable vesting;
    private final SectorStore sectors;
    private final JLong nextSectorNumber;
    private final JLong rawPower;
    private final JLong qaPower;
    private final JLong verifiedBytes;
    private final JBig dailyFeeTotal;
    // cumulative flows
    private final JBig deposited;
    private final JBig rewardsReceived;
    private final JBig withdrawn;
    private final JBig feesBurned;

    Miner(Chain chain, Address address, Address owner, Address worker, long sectorSize) {
        if (sectorSize != SECTOR_SIZE_32GIB && sectorSize != SECTOR_SIZE_64GIB)
            throw ActorError.illegalArgument("miner.sector_size", "sector size must be 32 GiB or 64 GiB, got " + sectorSize);
        this.chain = chain;
        this.address = address;
        this.owner = owner;
        this.worker = worker;
        this.sectorSize = sectorSize;
        this.beneficiary = owner;
        Journal j = chain.journal();
        balance = new JBig(j);
        initialPledge = new JBig(j);
        lockedFunds = new JBig(j);
        feeDebt = new JBig(j);
        vesting = new VestingTable(j);
        sectors = new SectorStore(j, chain.sectorBatching());
        nextSectorNumber = new JLong(j);
        rawPower = new JLong(j);
        qaPower = new JLong(j);
        verifiedBytes = new JLong(j);
        dailyFeeTotal = new JBig(j);
        deposited = new JBig(j);
        rewardsReceived = new JBig(j);
        withdrawn = new JBig(j);
        feesBurned = new JBig(j);
    }

    // ------------------------------------------------------------------ reads
    public Address address() { return address; }
    public Address owner() { return owner; }
    public Address worker() { return worker; }
    public long sectorSize() { return sectorSize; }
    public Address beneficiary() { return beneficiary; }
    public BeneficiaryTerm beneficiaryTerm() { return beneficiaryTerm; }
    public PendingBeneficiaryChange pendingBeneficiaryChange() { return pendingBeneficiary; }
    public BigInteger balance() { return balance.get(); }
    public BigInteger initialPledge() { return initialPledge.get(); }
    /** Rewards still vesting. */
    public BigInteger lockedFunds() { return lockedFunds.get(); }
    public BigInteger feeDebt() { return feeDebt.get(); }
    /** balance − pledge − vesting (fee debt not yet subtracted). */
    public BigInteger unlockedBalance() { return balance.get().subtract(initialPledge.get()).subtract(lockedFunds.get()); }
    /** What WithdrawBalance could pay out now: unlocked balance less fee debt, not below zero. */
    public BigInteger availableBalance() { return Fil.max(BigInteger.ZERO, unlockedBalance().subtract(feeDebt.get())); }
    public Map<Long, BigInteger> vestingTable() { return vesting.view(); }
    /** The active sectors by number (a read-only view; the store holds them as exact batches, see SectorStore). */
    public Map<Long, Sector> sectors() { return sectors.view(); }
    /** The number of active sectors. */
    public long sectorCount() { return sectors.size(); }
    /**
     * How many active sectors from {@code number} on (number, number + 1, ...) are alike but for their numbers and
     * claim ids: same size, activation, expiration, verified bytes, power, pledge and daily fee (one batch); 0 when
     * sector {@code number} is not active. Lets a walk over many sectors add a run of them at once.
     */
    public long sectorsAlike(long number) { return sectors.alike(number); }
    /** Whether active sector {@code number} holds claim {@code claimId} and expires after {@code epoch}. */
    public boolean holdsClaim(long number, long claimId, long epoch) { return sectors.holdsClaim(number, claimId, epoch); }
    /** The number of sector batches the miner holds (objects, for the memory benchmark). */
    public int sectorBatchCount() { return sectors.batchCount(); }
    public Sector sector(long number) { return sectors.get(number); }
    public long rawPower() { return rawPower.get(); }
    public long qaPower() { return qaPower.get(); }
    public long verifiedBytes() { return verifiedBytes.get(); }
    public BigInteger dailyFee() { return dailyFeeTotal.get(); }
    public BigInteger deposited() { return deposited.get(); }
    public BigInteger rewardsReceived() { return rewardsReceived.get(); }
    public BigInteger withdrawn() { return withdrawn.get(); }
    public BigInteger feesBurned() { return feesBurned.get(); }
    public long nextSectorNumber() { return nextSectorNumber.get(); }

    /** The earliest epoch at which a sector expires, or Long.MAX_VALUE when none is scheduled. */
    long nextExpiration() {
        return sectors.nextExpiration();
    }

    // ------------------------------------------------------------------ money in
    /** Sends FIL from the caller's account to this miner (counted as deposited by the provider). */
    public void deposit(Address caller, BigInteger amount) {
        chain.transact(DEPOSIT, caller, () -> {
            receiveDeposit(caller, amount);
            return null;
        });
    }

    void receiveDeposit(Address from, BigInteger amount) {
        if (amount.signum() < 0) throw ActorError.illegalArgument("miner.negative_value", "value must be >= 0, got " + amount);
        if (amount.signum() == 0) return;
        chain.fil().debit(from, amount, "miner.insufficient_sender_balance");
        balance.add(amount);
        deposited.add(amount);
    }

    // ------------------------------------------------------------------ sectors
    /**
     * Activates one sector with its pieces (direct data onboarding) and its market deals. Checks: caller is owner or
     * worker; pieces fit the sector; 180 days ≤ expiration − now; expiration ≤ now + 1,278 days; every verified
     * piece's allocation is claimed by the registry with the sector's expiration (a failed claim fails the sector);
     * the deals are activated by the storage market in the same transaction (a refused activation fails the commit)
     * and pieces and deals together fit the sector; the initial pledge is covered by the value sent plus the
     * unlocked balance. Returns the new sector number.
     *
     * <p>QA power: under v1 / v1-topup quality_for_weight of the deals' weights over the sector's life
     * ({@link StorageMarket#qaPowerForWeight}; a deal shorter than its sector dilutes it); under fip45-market each
     * verified deal's allocation is claimed and QA = raw + 9 × claimed verified bytes, as for ddo pieces (after
     * FIP-0045 the miner's verified deal weight is the claimed space × the sector's duration).
     *
     * <p>After the FIP-0118 upgrade the miner never calls the registry: verified pieces are activated like any other
     * (builtin-actors keeps the piece's allocation key for compatibility and ignores it), and the sector gets the
     * FULL_QA_POWER flag, 10 × raw QA power, with no verified bytes recorded.
     */
    public long proveCommitSector(Address caller, SectorActivation activation, BigInteger value) {
        return chain.transact(PROVE_COMMIT, caller, () -> {
            requireControl(caller);
            long now = chain.epoch();
            long used = 0;
            long verified = 0;
            List<VerifiedRegistry.SectorAllocationClaim> claims = new ArrayList<>();
            List<Long> claimIds = new ArrayList<>();
            for (Piece p : activation.pieces()) {
                used = Math.addExact(used, p.size());
                if (p.isVerified()) {
                    verified = Math.addExact(verified, p.size());
                    claims.add(new VerifiedRegistry.SectorAllocationClaim(p.client(), p.allocationId(), p.data(), p.size()));
                    claimIds.add(p.allocationId());
                }
            }
            if (used > sectorSize)
                throw ActorError.illegalArgument("miner.pieces_exceed_sector",
                        "pieces total " + used + " bytes, more than the sector size " + sectorSize);
            long exp = activation.expiration();
            if (exp - now < MIN_SECTOR_EXPIRATION)
                throw ActorError.illegalArgument("miner.expiration_too_soon",
                        "sector would last " + (exp - now) + " epochs, less than the minimum " + MIN_SECTOR_EXPIRATION);
            if (exp > now + MAX_SECTOR_EXPIRATION_EXTENSION)
                throw ActorError.illegalArgument("miner.expiration_too_far",
                        "expiration " + exp + " is more than " + MAX_SECTOR_EXPIRATION_EXTENSION + " epochs after now (" + now + ")");
            if (exp - now > SECTOR_MAXIMUM_LIFETIME)
                throw ActorError.illegalArgument("miner.lifetime_too_long",
                        "sector lifetime " + (exp - now) + " exceeds the maximum " + SECTOR_MAXIMUM_LIFETIME);
            List<Long> dealIds = activation.dealIds();
            if (!dealIds.isEmpty() && !chain.regime().usesMarket())
                throw ActorError.illegalArgument("miner.deals_without_market",
                        "sector deals need a storage market regime (v1, v1-topup, fip45-market), not "
                                + chain.regime().scenarioName());
            long number = nextSectorNumber.get();
            receiveDeposit(caller, value);
            boolean fullQa = chain.upgraded();
            if (fullQa) {
                verified = 0;
                claimIds.clear();
            } else if (!claims.isEmpty()) {
                chain.verifreg().claimAllocations(address,
                        List.of(new VerifiedRegistry.SectorClaims(number, exp, claims)), true);
            }
            long qa;
            BigInteger dealWeight = BigInteger.ZERO;
            BigInteger verifiedDealWeight = BigInteger.ZERO;
            if (dealIds.isEmpty()) {
                qa = chain.qaPowerForNewSector(sectorSize, verified);
            } else {
                StorageMarket.ActivationResult ar = chain.market().activateDeals(address, number, exp, dealIds);
                long total = Math.addExact(used, Math.addExact(ar.dealSpace(), ar.verifiedDealSpace()));
                if (total > sectorSize)
                    throw ActorError.illegalArgument("miner.pieces_exceed_sector",
                            "pieces and deals total " + total + " bytes, more than the sector size " + sectorSize);
                verified = Math.addExact(verified, ar.verifiedDealSpace());
                if (chain.regime().isV1()) {
                    dealWeight = ar.dealWeight();
                    verifiedDealWeight = ar.verifiedDealWeight();
                    qa = StorageMarket.qaPowerForWeight(sectorSize, exp - now, dealWeight, verifiedDealWeight);
                } else {
                    claimIds.addAll(ar.claimedAllocations());
                    qa = Sector.qaPower(sectorSize, verified);
                }
            }
            BigInteger pledge = chain.initialPledgeFor(qa);
            BigInteger free = unlockedBalance().subtract(feeDebt.get());
            if (free.compareTo(pledge) < 0)
                throw ActorError.insufficientFunds("miner.insufficient_pledge",
                        "initial pledge " + Fil.toFilString(pledge) + " FIL exceeds the " + Fil.toFilString(Fil.max(free, BigInteger.ZERO))
                                + " FIL available after the value sent");
            BigInteger dailyFee = chain.config().dailyFeeEnabled() ? chain.dailyFeeFor(qa) : BigInteger.ZERO;
            Sector s = fullQa ? Sector.fullQa(number, sectorSize, now, exp, pledge, dailyFee, claimIds)
                    : new Sector(number, sectorSize, verified, now, exp, pledge, dailyFee, claimIds, dealIds,
                            dealWeight, verifiedDealWeight, qa, false);
            nextSectorNumber.set(number + 1);
            sectors.add(s);
            initialPledge.add(pledge);
            dailyFeeTotal.add(dailyFee);
            addPower(sectorSize, qa, verified);
            return number;
        });
    }

    /**
     * Extends a sector's expiration. The new expiration is not before the current one, at most 1,278 days ahead and
     * within 5 years of activation; it may not pass any kept claim's term_start + term_max. Claims may be dropped only
     * in the sector's last 30 days; dropping reduces power, not pledge.
     *
     * <p>After the FIP-0118 upgrade the miner no longer reads claims: the extension carries the sector's recorded
     * verified ratio forward (its verified bytes, so its QA power, stay as they are), {@code dropClaims} is ignored
     * (builtin-actors ignores {@code sectors_with_claims}) and no claim bounds the new expiration.
     */
    public void extendSectorExpiration(Address caller, long sectorNumber, long newExpiration, List<Long> dropClaims) {
        chain.transact(EXTEND, caller, () -> {
            requireControl(caller);
            long now = chain.epoch();
            Sector s = requireSector(sectorNumber);
            // builtin ExtendSectorExpiration2: only a lower expiration fails ("cannot reduce sector ... expiration")
            if (newExpiration < s.expiration())
                throw ActorError.illegalArgument("miner.extension_not_later",
                        "new expiration " + newExpiration + " is before the current " + s.expiration());
            checkNewExpiration(s, newExpiration, now);
            if (chain.upgraded()) {
                moveExpiration(s, s.withExpiration(newExpiration, s.verifiedBytes(), s.claimIds()));
                return null;
            }
            for (long id : dropClaims)
                if (!s.claimIds().contains(id))
                    throw ActorError.illegalArgument("miner.claim_not_in_sector", "claim " + id + " is not in sector " + sectorNumber);
            if (!dropClaims.isEmpty() && s.expiration() - now > END_OF_LIFE_CLAIM_DROP_PERIOD)
                throw ActorError.forbidden("miner.claim_drop_too_early",
                        "claims may be dropped only in the last " + END_OF_LIFE_CLAIM_DROP_PERIOD + " epochs; sector "
                                + sectorNumber + " has " + (s.expiration() - now) + " left");
            List<Long> kept = new ArrayList<>();
            long keptVerified = 0;
            for (long id : s.claimIds()) {
                Claim c = chain.verifreg().claim(address, id);
                if (dropClaims.contains(id)) continue;
                if (c == null)
                    throw ActorError.notFound("miner.claim_missing", "claim " + id + " of sector " + sectorNumber + " is not in the registry");
                if (newExpiration > c.end())
                    throw ActorError.forbidden("miner.extension_beyond_claim",
                            "new expiration " + newExpiration + " passes claim " + id + "'s end " + c.end() + "; drop or extend the claim");
                kept.add(id);
                keptVerified = Math.addExact(keptVerified, c.size());
            }
            moveExpiration(s, s.withExpiration(newExpiration, keptVerified, kept));
            return null;
        });
    }

    private void checkNewExpiration(Sector s, long newExpiration, long now) {
        if (newExpiration > now + MAX_SECTOR_EXPIRATION_EXTENSION)
            throw ActorError.illegalArgument("miner.expiration_too_far",
                    "new expiration " + newExpiration + " is more than " + MAX_SECTOR_EXPIRATION_EXTENSION + " epochs after now (" + now + ")");
        if (newExpiration - s.activation() > SECTOR_MAXIMUM_LIFETIME)
            throw ActorError.illegalArgument("miner.lifetime_too_long",
                    "sector would live " + (newExpiration - s.activation()) + " epochs, more than " + SECTOR_MAXIMUM_LIFETIME);
    }

    /** Replaces {@code s} by {@code moved} (same pledge): the daily fee follows the QA power, the queue the expiration. */
    private void moveExpiration(Sector s, Sector moved) {
        // FIP-0100 (builtin daily_proof_fee_adjust): the daily fee follows a change of QA power, fee × new / old
        BigInteger fee = moved.qaPower() == s.qaPower() ? s.dailyFee()
                : s.dailyFee().multiply(BigInteger.valueOf(moved.qaPower())).divide(BigInteger.valueOf(s.qaPower()));
        replaceSector(s, moved.withDailyFee(fee));
    }

    private void replaceSector(Sector s, Sector updated) {
        dailyFeeTotal.add(updated.dailyFee().subtract(s.dailyFee()));
        initialPledge.add(updated.initialPledge().subtract(s.initialPledge()));
        sectors.replace(updated);
        addPower(0, updated.qaPower() - s.qaPower(), updated.verifiedBytes() - s.verifiedBytes());
    }

    /** What a sector would hold at 10 × QA power: its QA power, pledge and daily fee (see ExtendSectorExpiration3). */
    public record TenTimesTerms(long qaPower, BigInteger pledge, BigInteger dailyFee) {}

    /**
     * The terms ExtendSectorExpiration3 would give {@code s} now: 10 × raw QA power, pledge max(recorded, initial
     * pledge of 10 × raw now), daily fee × new ÷ old QA (a sector without a fee: the fee of its new power when daily
     * fees are on). A sector already at 10 × keeps its own terms. Reads only; the miner and the providers' valuation
     * use the same rule.
     */
    public TenTimesTerms tenTimesTerms(Sector s) {
        if (s.fullQa()) return new TenTimesTerms(s.qaPower(), s.initialPledge(), s.dailyFee());
        long qa = chain.qaPowerForNewSector(s.size(), 0);
        BigInteger pledge = Fil.max(s.initialPledge(), chain.initialPledgeFor(qa));
        BigInteger fee = s.dailyFee().signum() > 0
                ? s.dailyFee().multiply(BigInteger.valueOf(qa)).divide(BigInteger.valueOf(s.qaPower()))
                : chain.config().dailyFeeEnabled() ? chain.dailyFeeFor(qa) : BigInteger.ZERO;
        return new TenTimesTerms(qa, pledge, fee);
    }

    /**
     * ExtendSectorExpiration3 (FIP-0118, after the upgrade only): extends a sector that does not yet have 10 × QA
     * power (a committed-capacity or partly verified legacy sector) and moves it to 10 × raw QA power (the
     * FULL_QA_POWER flag). The new expiration is at or after the current one (builtin-actors' extension check allows
     * an equal one), at most 1,278 days ahead and within 5 years of activation. The pledge is recomputed for the new
     * QA power at the current network: max(recorded pledge, initial pledge of 10 × raw now), the rule of
     * builtin-actors' former UpgradeSectorQuality; the difference is locked from the value sent plus the unlocked
     * balance, or the call fails. The daily fee follows the QA power (fee × new ÷ old; a sector without a fee takes
     * the fee of its new power when daily fees are on). Returns the additional pledge locked.
     */
    public BigInteger extendSectorExpiration3(Address caller, long sectorNumber, long newExpiration, BigInteger value) {
        return chain.transact(EXTEND3, caller, () -> {
            requireControl(caller);
            if (!chain.upgraded())
                throw new ActorError(ExitCode.USR_UNHANDLED_MESSAGE, "miner.extend3_before_upgrade",
                        "ExtendSectorExpiration3 exists only after the FIP-0118 upgrade at epoch " + chain.config().solsticeUpgradeEpoch());
            long now = chain.epoch();
            Sector s = requireSector(sectorNumber);
            if (s.fullQa())
                throw ActorError.illegalArgument("miner.already_full_qa", "sector " + sectorNumber + " already has 10x QA power");
            if (newExpiration < s.expiration())
                throw ActorError.illegalArgument("miner.extension_not_later",
                        "new expiration " + newExpiration + " is before the current " + s.expiration());
            checkNewExpiration(s, newExpiration, now);
            receiveDeposit(caller, value);
            TenTimesTerms t = tenTimesTerms(s);
            BigInteger pledge = t.pledge();
            BigInteger delta = pledge.subtract(s.initialPledge());
            BigInteger free = unlockedBalance().subtract(feeDebt.get());
            if (free.compareTo(delta) < 0)
                throw ActorError.insufficientFunds("miner.insufficient_pledge",
                        "the 10x pledge needs " + Fil.toFilString(delta) + " FIL more, " + Fil.toFilString(Fil.max(free, BigInteger.ZERO))
                                + " FIL available after the value sent");
            replaceSector(s, Sector.fullQa(s.number(), s.size(), s.activation(), newExpiration, pledge, t.dailyFee(),
                    s.claimIds()));
            return delta;
        });
    }

    /**
     * Terminates sectors early: power removed, pledge released, and a FIP-0098 termination fee when switched on. A
     * sector with market deals tells the storage market in the same transaction (OnMinerSectorsTerminate: its
     * deals are slashed at the next settlement).
     */
    public BigInteger terminateSectors(Address caller, List<Long> sectorNumbers) {
        return chain.transact(TERMINATE, caller, () -> {
            requireControl(caller);
            long now = chain.epoch();
            BigInteger fees = BigInteger.ZERO;
            for (long n : sectorNumbers) {
                Sector s = requireSector(n);
                if (chain.config().terminationFeeEnabled()) fees = fees.add(terminationFee(chain, s, now));
                removeSector(s);
                if (!s.dealIds().isEmpty()) chain.market().onSectorTerminated(address, n);
            }
            if (fees.signum() > 0) payPenalty(fees);
            return fees;
        });
    }

    /**
     * FIP-0098 (builtin monies.rs pledge_penalty_for_termination): 8.5 % of the initial pledge, scaled down for
     * sectors younger than 140 days, at least max(2 % of the pledge, 105 % of the sector's fault fee).
     *
     * @param faultFee the sector's fault fee now ({@link Chain#faultFeeFor}: 3.51 days of its expected reward)
     */
    public static BigInteger terminationFee(BigInteger pledge, long age, BigInteger faultFee) {
        BigInteger base = Fil.mulDiv(pledge, TERM_FEE_PLEDGE_MULTIPLE_NUM, TERM_FEE_PLEDGE_MULTIPLE_DENOM);
        long cap = TERMINATION_LIFETIME_CAP_DAYS * EPOCHS_IN_DAY;
        if (age < cap) base = Fil.mulDiv(base, Math.max(0, age), cap);
        BigInteger minAbs = Fil.mulDiv(pledge, TERM_FEE_MIN_PLEDGE_MULTIPLE_NUM, TERM_FEE_MIN_PLEDGE_MULTIPLE_DENOM);
        BigInteger minFault = Fil.mulDiv(faultFee, TERM_FEE_MAX_FAULT_FEE_MULTIPLE_NUM, TERM_FEE_MAX_FAULT_FEE_MULTIPLE_DENOM);
        return Fil.max(base, Fil.max(minAbs, minFault));
    }

    /** The termination fee of one of this miner's sectors at the current state (its fault fee from its QA power). */
    public static BigInteger terminationFee(Chain chain, Sector s, long now) {
        return terminationFee(s.initialPledge(), now - s.activation(), chain.faultFeeFor(s.qaPower()));
    }

    // ------------------------------------------------------------------ withdrawals and beneficiary
    /**
     * WithdrawBalance(amount): caller is the owner or the beneficiary; pays min(amount, available) to the beneficiary.
     * Where the beneficiary is not the owner: refused once its term has expired or its quota is used up, capped at
     * the remaining quota, and the used quota grows. Fee debt is repaid first. Returns the amount paid.
     */
    public BigInteger withdrawBalance(Address caller, BigInteger amount) {
        return chain.transact(WITHDRAW, caller, () -> {
            if (!caller.equals(owner) && !caller.equals(beneficiary))
                throw ActorError.forbidden("miner.withdraw_caller",
                        "caller " + caller + " is neither the owner " + owner + " nor the beneficiary " + beneficiary);
            if (amount.signum() < 0)
                throw ActorError.illegalArgument("miner.withdraw_negative", "withdrawal amount must be >= 0, got " + amount);
            long now = chain.epoch();
            repayDebtFromUnlocked();
            BigInteger pay = Fil.min(amount, availableBalance());
            if (!beneficiary.equals(owner)) {
                BigInteger remaining = beneficiaryTerm.available(now);
                if (remaining.signum() <= 0)
                    throw ActorError.forbidden("miner.beneficiary_term_exhausted",
                            "beneficiary " + beneficiary + "'s term expired at epoch " + beneficiaryTerm.expiration()
                                    + " or its quota of " + Fil.toFilString(beneficiaryTerm.quota()) + " FIL is used up");
                pay = Fil.min(pay, remaining);
                if (pay.signum() > 0) setBeneficiary(beneficiary, new BeneficiaryTerm(beneficiaryTerm.quota(),
                        beneficiaryTerm.usedQuota().add(pay), beneficiaryTerm.expiration()), pendingBeneficiary);
            }
            if (pay.signum() > 0) {
                balance.subtract(pay);
                withdrawn.add(pay);
                chain.payOut(address, beneficiary, pay);
            }
            return pay;
        });
    }

    /**
     * ChangeBeneficiary(new, quota, expiration) (FIP-0029). The owner proposes; the nominee and the current beneficiary
     * (unless its quota is spent or its term expired) confirm with identical terms; the new term then applies, and the
     * used quota resets when the address changes. A non-owner beneficiary needs quota > 0; the owner as beneficiary
     * takes quota 0 and expiration 0.
     */
    public void changeBeneficiary(Address caller, Address newBeneficiary, BigInteger quota, long expiration) {
        chain.transact(CHANGE_BENEFICIARY, caller, () -> {
            long now = chain.epoch();
            PendingBeneficiaryChange pending;
            if (caller.equals(owner)) {
                if (!newBeneficiary.equals(owner)) {
                    if (quota.signum() <= 0)
                        throw ActorError.illegalArgument("miner.beneficiary_quota_not_positive",
                                "beneficiary quota must be > 0, got " + quota);
                } else {
                    if (quota.signum() != 0)
                        throw ActorError.illegalArgument("miner.owner_quota_not_zero", "the owner as beneficiary takes quota 0, got " + quota);
                    if (expiration != 0)
                        throw ActorError.illegalArgument("miner.owner_expiration_not_zero",
                                "the owner as beneficiary takes expiration 0, got " + expiration);
                }
                boolean byBeneficiary = beneficiaryTerm.available(now).signum() == 0;
                pending = new PendingBeneficiaryChange(newBeneficiary, quota, expiration, byBeneficiary, newBeneficiary.equals(owner));
            } else {
                if (pendingBeneficiary == null)
                    throw ActorError.forbidden("miner.no_pending_beneficiary", "there is no pending beneficiary change to approve");
                // who may approve is checked before the terms (as the miner actor does): a third party is forbidden
                boolean isBeneficiary = caller.equals(beneficiary);
                boolean isNominee = caller.equals(pendingBeneficiary.newBeneficiary());
                if (!isBeneficiary && !isNominee)
                    throw ActorError.forbidden("miner.beneficiary_approver",
                            "caller " + caller + " is neither the current beneficiary nor the nominee");
                if (!pendingBeneficiary.newBeneficiary().equals(newBeneficiary)
                        || pendingBeneficiary.newQuota().compareTo(quota) != 0
                        || pendingBeneficiary.newExpiration() != expiration)
                    throw ActorError.illegalArgument("miner.beneficiary_terms_differ",
                            "approval (" + newBeneficiary + ", " + quota + ", " + expiration + ") does not match the proposal ("
                                    + pendingBeneficiary.newBeneficiary() + ", " + pendingBeneficiary.newQuota() + ", "
                                    + pendingBeneficiary.newExpiration() + ")");
                pending = pendingBeneficiary.approve(isBeneficiary, isNominee);
            }
            if (pending.approvedByBeneficiary() && pending.approvedByNominee()) {
                BigInteger used = newBeneficiary.equals(beneficiary) ? beneficiaryTerm.usedQuota() : BigInteger.ZERO;
                setBeneficiary(pending.newBeneficiary(), new BeneficiaryTerm(pending.newQuota(), used, pending.newExpiration()), null);
            } else {
                setBeneficiary(beneficiary, beneficiaryTerm, pending);
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ cron (called by the chain)
    /** Block reward: 25 % available at once, 75 % vesting linearly over 180 days in daily steps. Debt is repaid first. */
    void applyReward(BigInteger amount, long now) {
        if (amount.signum() <= 0) return;
        balance.add(amount);
        rewardsReceived.add(amount);
        BigInteger locked = Fil.mulDiv(amount, LOCKED_REWARD_NUM, LOCKED_REWARD_DENOM);
        addLockedFunds(locked, now);
        if (feeDebt.get().signum() > 0) repayDebtFromVestingThenUnlocked();
    }

    void addLockedFunds(BigInteger locked, long now) {
        if (locked.signum() <= 0) return;
        vesting.addLinear(locked, now, REWARD_VESTING_PERIOD / REWARD_VESTING_STEP, REWARD_VESTING_STEP);
        lockedFunds.add(locked);
    }

    /** Unlocks every vesting entry due at or before {@code now}. */
    void unlockVested(long now) {
        if (vesting.isEmpty()) return;
        BigInteger total = vesting.unlock(now);
        if (total.signum() != 0) lockedFunds.subtract(total);
    }

    /** Removes the sectors whose expiration is at or before {@code now}; returns how many. */
    int expireSectors(long now) {
        int n = 0;
        for (SectorStore.Batch b : sectors.expire(now)) {
            // every member alike: the batch's totals are count × a member's (sums, so the order does not matter)
            Sector s = b.first();
            BigInteger k = BigInteger.valueOf(b.count());
            initialPledge.subtract(s.initialPledge().multiply(k));
            dailyFeeTotal.subtract(s.dailyFee().multiply(k));
            addPower(-Math.multiplyExact(s.size(), b.count()), -Math.multiplyExact(s.qaPower(), b.count()),
                    -Math.multiplyExact(s.verifiedBytes(), b.count()));
            n = Math.addExact(n, b.count());
        }
        return n;
    }

    /** FIP-0100: burns the day's fee, capped at half the expected day reward of this miner's power. */
    void chargeDailyFee(BigInteger expectedDayReward) {
        BigInteger fee = dailyFeeTotal.get();
        if (fee.signum() <= 0) return;
        BigInteger cap = Fil.mulDiv(expectedDayReward, DAILY_FEE_BR_CAP_NUM, DAILY_FEE_BR_CAP_DENOM);
        BigInteger due = Fil.min(fee, cap);
        if (due.signum() > 0) payPenalty(due);
    }

    // ------------------------------------------------------------------ internals
    /** Pays a fee: from vesting funds first, then the unlocked balance; what is left becomes fee debt. Burned. */
    private void payPenalty(BigInteger amount) {
        // the free unlocked balance is read before vesting is taken: what leaves vesting is burned, not freed
        BigInteger unlocked = Fil.max(BigInteger.ZERO, unlockedBalance().subtract(feeDebt.get()));
        BigInteger fromVesting = takeFromVesting(amount);
        BigInteger rest = amount.subtract(fromVesting);
        BigInteger fromUnlocked = Fil.min(rest, unlocked);
        BigInteger debt = rest.subtract(fromUnlocked);
        burn(fromVesting.add(fromUnlocked));
        if (debt.signum() > 0) feeDebt.add(debt);
    }

    /** Removes up to {@code amount} from vesting entries, soonest first; returns what it took (still in balance). */
    private BigInteger takeFromVesting(BigInteger amount) {
        BigInteger taken = vesting.take(amount);
        if (taken.signum() != 0) lockedFunds.subtract(taken);
        return taken;
    }

    private void repayDebtFromVestingThenUnlocked() {
        BigInteger debt = feeDebt.get();
        BigInteger unlocked = Fil.max(BigInteger.ZERO, unlockedBalance()); // before vesting is taken (see payPenalty)
        BigInteger fromVesting = takeFromVesting(debt);
        BigInteger rest = debt.subtract(fromVesting);
        BigInteger fromUnlocked = Fil.min(rest, unlocked);
        feeDebt.subtract(fromVesting.add(fromUnlocked));
        burn(fromVesting.add(fromUnlocked));
    }

    private void repayDebtFromUnlocked() {
        BigInteger debt = feeDebt.get();
        if (debt.signum() == 0) return;
        BigInteger unlocked = unlockedBalance();
        if (unlocked.compareTo(debt) < 0)
            throw ActorError.insufficientFunds("miner.unpaid_fee_debt",
                    "unlocked balance " + Fil.toFilString(unlocked) + " FIL cannot repay fee debt " + Fil.toFilString(debt) + " FIL");
        feeDebt.subtract(debt);
        burn(debt);
    }

    private void burn(BigInteger amount) {
        if (amount.signum() <= 0) return;
        balance.subtract(amount);
        feesBurned.add(amount);
        chain.burnFil(amount);
    }

    private void removeSector(Sector s) {
        sectors.remove(s.number());
        initialPledge.subtract(s.initialPledge());
        dailyFeeTotal.subtract(s.dailyFee());
        addPower(-s.size(), -s.qaPower(), -s.verifiedBytes());
    }

    private void addPower(long raw, long qa, long verified) {
        if (raw == 0 && qa == 0 && verified == 0) return;
        rawPower.add(raw);
        qaPower.add(qa);
        verifiedBytes.add(verified);
        chain.power().updateClaimedPower(this, raw, qa);
    }

    private Sector requireSector(long number) {
        Sector s = sectors.get(number);
        if (s == null) throw ActorError.notFound("miner.sector_not_found", "miner " + address + " has no active sector " + number);
        return s;
    }

    private void requireControl(Address caller) {
        if (!caller.equals(owner) && !caller.equals(worker))
            throw ActorError.forbidden("miner.caller_not_control", "caller " + caller + " is neither owner nor worker of " + address);
    }

    private void setBeneficiary(Address who, BeneficiaryTerm term, PendingBeneficiaryChange pending) {
        Address b0 = beneficiary;
        BeneficiaryTerm t0 = beneficiaryTerm;
        PendingBeneficiaryChange p0 = pendingBeneficiary;
        chain.journal().record(() -> { beneficiary = b0; beneficiaryTerm = t0; pendingBeneficiary = p0; });
        beneficiary = who;
        beneficiaryTerm = term;
        pendingBeneficiary = pending;
    }
}
