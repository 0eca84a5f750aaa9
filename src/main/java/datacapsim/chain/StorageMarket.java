package datacapsim.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The storage market actor of the regimes v1, v1-topup and fip45-market (spec: actors.md, "Storage market actor";
 * facts from builtin-actors actors/market/src/lib.rs, policy.rs, state.rs). State: an escrow balance and a locked
 * amount per address, deal proposals by id, the state of activated deals, pending proposals (no duplicates), the
 * allocation id of each pending verified deal, and the next deal id (from 0). Every public method is a transaction:
 * it applies whole or reverts whole. The market's FIL sits in the ledger account {@link Chain#STORAGE_MARKET}; its
 * balance always equals the sum of the escrow balances.
 *
 * <p>Money: a client locks total storage fee + client collateral, a provider its collateral. Settlement pays the
 * client's locked fee to the provider's escrow for the epochs elapsed; at a deal's end both collaterals unlock; a
 * deal not activated by its start epoch times out (provider collateral burned, the client's lock released); a deal
 * in a terminated sector is paid up to the termination epoch, the client's rest released and the provider
 * collateral burned.
 */
public final class StorageMarket {
    public static final String ADD_BALANCE = "market.AddBalance";
    public static final String WITHDRAW_BALANCE = "market.WithdrawBalance";
    public static final String PUBLISH_STORAGE_DEALS = "market.PublishStorageDeals";
    public static final String ACTIVATE_DEALS = "market.ActivateDeals";
    public static final String SECTORS_TERMINATED = "market.OnMinerSectorsTerminate";
    public static final String SETTLE = "market.CronTick";

    /** An epoch not yet reached (the actor's EPOCH_UNDEFINED). */
    public static final long EPOCH_UNDEFINED = -1;
    /** Deal duration bounds: 180 days to 1,278 days (the actor had 540 days before FIP-0052). */
    public static final long MIN_DEAL_DURATION = 180 * Policy.EPOCHS_IN_DAY;
    public static final long DEFAULT_MAX_DEAL_DURATION = 1_278 * Policy.EPOCHS_IN_DAY;
    public static final long V1_MAX_DEAL_DURATION = 540 * Policy.EPOCHS_IN_DAY;
    /** The spec's settlement cadence: the chain calls {@link #settle()} every 30 days. */
    public static final long SETTLEMENT_INTERVAL = 30 * Policy.EPOCHS_IN_DAY;
    /** Provider collateral ≥ 1 % of circulating supply × the deal's share of max(raw power, baseline). */
    public static final long PROV_COLLATERAL_PERCENT_SUPPLY_NUM = 1;
    public static final long PROV_COLLATERAL_PERCENT_SUPPLY_DENOM = 100;
    /** fvm_shared TOTAL_FILECOIN: 2 billion FIL, the upper bound of price and collaterals. */
    public static final BigInteger TOTAL_FILECOIN = Fil.fil(2_000_000_000L);
    /** Smallest padded piece (PaddedPieceSize::validate). */
    public static final long MIN_PIECE_SIZE = 128;

    // miner policy.rs: quality multipliers (× 1/10) and the fixed-point precision of sector quality
    public static final long QUALITY_BASE_MULTIPLIER = 10;
    public static final long DEAL_WEIGHT_MULTIPLIER = 10;
    public static final long VERIFIED_DEAL_WEIGHT_MULTIPLIER = 100;
    public static final int SECTOR_QUALITY_PRECISION = 20;

    /** An activated deal: its sector, when it activated, when it was last paid up to, when it was slashed. */
    public record DealState(long sector, long sectorStartEpoch, long lastUpdatedEpoch, long slashEpoch) {
        DealState withLastUpdated(long e) { return new DealState(sector, sectorStartEpoch, e, slashEpoch); }

        DealState withSlash(long e) { return new DealState(sector, sectorStartEpoch, lastUpdatedEpoch, e); }
    }

    /** The outcome of PublishStorageDeals: the new deal ids (of the valid deals, in order) and per input deal. */
    public record PublishResult(List<Long> dealIds, BatchResult deals) {
        public PublishResult { dealIds = List.copyOf(dealIds); }
    }

    /**
     * What activation reports to the miner: deal space and deal weight (space-time), unverified and verified, and
     * the allocation ids the regime claimed for the verified deals (fip45-market; empty under v1), in deal order.
     */
    public record ActivationResult(long dealSpace, long verifiedDealSpace, BigInteger dealWeight,
                                   BigInteger verifiedDealWeight, List<Long> claimedAllocations) {
        public ActivationResult { claimedAllocations = List.copyOf(claimedAllocations); }

        /** A result without claimed allocations. */
        public ActivationResult(long dealSpace, long verifiedDealSpace, BigInteger dealWeight,
                                BigInteger verifiedDealWeight) {
            this(dealSpace, verifiedDealSpace, dealWeight, verifiedDealWeight, List.of());
        }
    }

    /** A pending deal in the timeout queue: its start epoch, then its id. */
    record StartKey(long start, long dealId) implements Comparable<StartKey> {
        @Override
        public int compareTo(StartKey o) {
            int c = Long.compare(start, o.start);
            return c != 0 ? c : Long.compare(dealId, o.dealId);
        }
    }

    /** What one settlement did (attoFIL). */
    public record SettleResult(BigInteger paid, BigInteger slashed, int timedOut, int terminated, int completed) {}

    private final Chain chain;
    private long maxDealDuration = DEFAULT_MAX_DEAL_DURATION;
    private VerifiedDealHook verifiedHook = VerifiedDealHook.REFUSE;
    private final JMap<Address, BigInteger> escrow;
    private final JMap<Address, BigInteger> locked;
    private final JMap<Long, DealProposal> proposals;
    private final JMap<Long, DealState> states;
    private final JMap<DealProposal, Long> pending;
    private final JMap<Long, Long> pendingAllocations;
    /** Pending (published, not activated) deals by start epoch: the chain's cron times them out just after it. */
    private final JMap<StartKey, Boolean> pendingStarts;
    private final JLong activated;
    private final JLong nextDealId;
    private final JBig deposited;
    private final JBig withdrawn;
    private final JBig paid;
    private final JBig burned;
    private final JLong timedOut;
    private final JLong slashedDeals;
    /** The pending deal of each allocation the regime made at publication (the reverse of pendingAllocations). */
    private final JMap<Long, Long> pendingDealsByAllocation;
    private final JLong pendingVerifiedBytes;
    private final JLong activatedVerifiedBytes;

    StorageMarket(Chain chain) {
        this.chain = chain;
        Journal j = chain.journal();
        escrow = new JMap<>(j);
        locked = new JMap<>(j);
        proposals = new JMap<>(j);
        states = new JMap<>(j);
        pending = new JMap<>(j);
        pendingAllocations = new JMap<>(j);
        pendingStarts = new JMap<>(j);
        activated = new JLong(j);
        nextDealId = new JLong(j);
        deposited = new JBig(j);
        withdrawn = new JBig(j);
        paid = new JBig(j);
        burned = new JBig(j);
        timedOut = new JLong(j);
        slashedDeals = new JLong(j);
        pendingDealsByAllocation = new JMap<>(j);
        pendingVerifiedBytes = new JLong(j);
        activatedVerifiedBytes = new JLong(j);
    }

    public Address address() { return Chain.STORAGE_MARKET; }

    // ------------------------------------------------------------------ set-up (scenario values)
    /** Sets the maximum deal duration (the v1 era's 540 days, or 1,278); set-up only, before any deal. */
    public void setMaxDealDuration(long epochs) {
        requireSetUp();
        if (epochs < MIN_DEAL_DURATION)
            throw new IllegalArgumentException("maximum deal duration " + epochs + " is below the minimum "
                    + MIN_DEAL_DURATION);
        maxDealDuration = epochs;
    }

    /** Installs the verified registry regime's hook for verified deals; set-up only, before any deal. */
    public void setVerifiedDealHook(VerifiedDealHook hook) {
        requireSetUp();
        if (hook == null) throw new IllegalArgumentException("hook must not be null");
        verifiedHook = hook;
    }

    /** The hook in force for verified deals (tests). */
    VerifiedDealHook verifiedDealHook() { return verifiedHook; }

    private void requireSetUp() {
        if (chain.journal().inTransaction() || nextDealId.get() != 0)
            throw new IllegalStateException("market settings are set up before any deal and outside a transaction");
    }

    // ------------------------------------------------------------------ reads
    public long maxDealDuration() { return maxDealDuration; }

    /** Escrow balance of an address (attoFIL), locked part included. */
    public BigInteger balance(Address a) { return escrow.getOrDefault(a, BigInteger.ZERO); }

    /** The locked part of an address's escrow. */
    public BigInteger locked(Address a) { return locked.getOrDefault(a, BigInteger.ZERO); }

    /** Escrow balance less the locked part: what WithdrawBalance can take. */
    public BigInteger available(Address a) { return balance(a).subtract(locked(a)); }

    public Map<Address, BigInteger> escrowTable() { return escrow.view(); }

    public Map<Address, BigInteger> lockedTable() { return locked.view(); }

    public DealProposal proposal(long dealId) { return proposals.get(dealId); }

    /** The state of an activated deal, or null while it is not activated (or is gone). */
    public DealState dealState(long dealId) { return states.get(dealId); }

    public Map<Long, DealProposal> proposals() { return proposals.view(); }

    public Map<Long, DealState> dealStates() { return states.view(); }

    /** The allocation id recorded for a pending verified deal, or {@link VerifiedDealHook#NO_ALLOCATION}. */
    public long pendingAllocation(long dealId) {
        return pendingAllocations.getOrDefault(dealId, VerifiedDealHook.NO_ALLOCATION);
    }

    /** The pending deal whose publication made allocation {@code allocationId}, or -1 (none, or activated). */
    public long pendingDealOfAllocation(long allocationId) {
        return pendingDealsByAllocation.getOrDefault(allocationId, -1L);
    }

    /** Bytes of the verified deals published and not yet activated nor timed out. */
    public long pendingVerifiedBytes() { return pendingVerifiedBytes.get(); }

    /** Bytes of the verified deals ever activated in a sector. */
    public long activatedVerifiedBytes() { return activatedVerifiedBytes.get(); }

    public long nextDealId() { return nextDealId.get(); }

    /** FIL ever added to escrow. */
    public BigInteger deposited() { return deposited.get(); }

    /** FIL ever withdrawn from escrow. */
    public BigInteger withdrawn() { return withdrawn.get(); }

    /** Storage fees ever paid from client to provider escrow. */
    public BigInteger paid() { return paid.get(); }

    /** Provider collateral ever burned (timeouts and terminated sectors). */
    public BigInteger burned() { return burned.get(); }

    /** Deals not activated by their start epoch and timed out, in total. */
    public long timedOutDeals() { return timedOut.get(); }

    /** Active deals slashed because their sector was terminated, in total. */
    public long slashedDeals() { return slashedDeals.get(); }

    /** Deals ever published (accepted by PublishStorageDeals): deal ids run from 0, so this is the next id. */
    public long publishedDeals() { return nextDealId.get(); }

    /** Deals ever activated in a sector. */
    public long activatedDeals() { return activated.get(); }

    /**
     * Provider collateral ever slashed (burned), attoFIL: deals timed out and deals in terminated sectors. The same
     * amount as {@link #burned()}: the market burns nothing else.
     */
    public BigInteger providerCollateralSlashed() { return burned.get(); }

    /** Deals published and not yet activated nor timed out. */
    public int pendingDeals() { return pendingStarts.size(); }

    /** Sum of all escrow balances (equals the market's ledger balance). */
    public BigInteger totalEscrow() {
        BigInteger t = BigInteger.ZERO;
        for (BigInteger b : escrow.values()) t = t.add(b);
        return t;
    }

    // ------------------------------------------------------------------ policy (pure)
    /**
     * Minimum provider collateral (policy.rs deal_provider_collateral_bounds): floor(circulating supply × 1 % × size
     * ÷ max(network raw power, baseline power, size)).
     */
    public static BigInteger minProviderCollateral(BigInteger circulatingSupply, long size, BigInteger networkRaw,
                                                   BigInteger baseline) {
        BigInteger s = BigInteger.valueOf(size);
        BigInteger share = networkRaw.max(baseline).max(s);
        return circulatingSupply.multiply(BigInteger.valueOf(PROV_COLLATERAL_PERCENT_SUPPLY_NUM)).multiply(s)
                .divide(share.multiply(BigInteger.valueOf(PROV_COLLATERAL_PERCENT_SUPPLY_DENOM)));
    }

    /** The minimum provider collateral for a piece of {@code size} now, from the chain's supply and power. */
    public BigInteger minProviderCollateral(long size) {
        return minProviderCollateral(chain.config().circulatingSupplyAt(chain.epoch()), size,
                chain.power().networkRaw(), chain.reward().baselinePowerNow());
    }

    /**
     * Sector quality (miner policy.rs quality_for_weight), fixed point with {@link #SECTOR_QUALITY_PRECISION} bits:
     * the space-time-weighted average of the multipliers 1 (no deal), 1 (deal) and 10 (verified deal) over the
     * sector's life. Weights are size × epochs; their sum may not exceed size × duration.
     */
    public static BigInteger qualityForWeight(long sectorSize, long duration, BigInteger dealWeight,
                                              BigInteger verifiedWeight) {
        BigInteger spaceTime = BigInteger.valueOf(sectorSize).multiply(BigInteger.valueOf(duration));
        if (spaceTime.signum() <= 0)
            throw new IllegalArgumentException("sector space-time must be positive: " + sectorSize + " × " + duration);
        if (dealWeight.signum() < 0 || verifiedWeight.signum() < 0
                || dealWeight.add(verifiedWeight).compareTo(spaceTime) > 0)
            throw new IllegalArgumentException("deal weights " + dealWeight + " + " + verifiedWeight
                    + " must be ≥ 0 and fit the sector's space-time " + spaceTime);
        BigInteger base = spaceTime.subtract(dealWeight).subtract(verifiedWeight)
                .multiply(BigInteger.valueOf(QUALITY_BASE_MULTIPLIER));
        BigInteger sum = base.add(dealWeight.multiply(BigInteger.valueOf(DEAL_WEIGHT_MULTIPLIER)))
                .add(verifiedWeight.multiply(BigInteger.valueOf(VERIFIED_DEAL_WEIGHT_MULTIPLIER)));
        return sum.shiftLeft(SECTOR_QUALITY_PRECISION).divide(spaceTime)
                .divide(BigInteger.valueOf(QUALITY_BASE_MULTIPLIER));
    }

    /** QA power of a sector (miner policy.rs qa_power_for_weight): size × quality ≫ precision, in bytes. */
    public static long qaPowerForWeight(long sectorSize, long duration, BigInteger dealWeight,
                                        BigInteger verifiedWeight) {
        BigInteger q = qualityForWeight(sectorSize, duration, dealWeight, verifiedWeight);
        return BigInteger.valueOf(sectorSize).multiply(q).shiftRight(SECTOR_QUALITY_PRECISION).longValueExact();
    }

    /**
     * QA power of a sector holding {@code deals} over its life [activation, expiration): each deal's weight is its
     * size × the part of its term inside the sector's life (size × (end − start) for a deal that activated), verified
     * deals weighing 10 and the rest 1, by {@link #qaPowerForWeight}. A deal shorter than its sector dilutes QA power.
     */
    public static long qaPowerForDeals(long sectorSize, long activation, long expiration, List<DealProposal> deals) {
        BigInteger weight = BigInteger.ZERO;
        BigInteger verifiedWeight = BigInteger.ZERO;
        for (DealProposal d : deals) {
            long inside = Math.max(0, Math.min(d.endEpoch(), expiration) - Math.max(d.startEpoch(), activation));
            BigInteger w = BigInteger.valueOf(d.size()).multiply(BigInteger.valueOf(inside));
            if (d.verified()) verifiedWeight = verifiedWeight.add(w);
            else weight = weight.add(w);
        }
        return qaPowerForWeight(sectorSize, expiration - activation, weight, verifiedWeight);
    }

    // ------------------------------------------------------------------ escrow
    /**
     * AddBalance(address) with {@code value} sent by {@code caller}: anyone may add to any address's escrow; the value
     * must be positive. A miner's escrow is held under the miner's address.
     */
    public void addBalance(Address caller, Address address, BigInteger value) {
        chain.transact(ADD_BALANCE, caller, () -> {
            if (value.signum() <= 0)
                throw ActorError.illegalArgument("market.add_balance_not_positive",
                        "balance to add must be greater than zero, was " + value);
            chain.fil().debit(caller, value, "market.insufficient_sender_balance");
            chain.fil().credit(Chain.STORAGE_MARKET, value);
            escrow.put(address, balance(address).add(value));
            deposited.add(value);
            return null;
        });
    }

    /**
     * WithdrawBalance(address, amount): the caller is the address itself, or for a miner its owner or worker; pays
     * min(amount, escrow − locked) to the address (a miner's to its owner). Returns the amount withdrawn.
     */
    public BigInteger withdrawBalance(Address caller, Address address, BigInteger amount) {
        return chain.transact(WITHDRAW_BALANCE, caller, () -> {
            if (amount.signum() < 0)
                throw ActorError.illegalArgument("market.withdraw_negative", "negative amount: " + amount);
            Miner m = chain.miner(address);
            Address recipient = m == null ? address : m.owner();
            boolean approved = m == null ? caller.equals(address)
                    : caller.equals(m.owner()) || caller.equals(m.worker());
            if (!approved)
                throw ActorError.forbidden("market.withdraw_caller",
                        "caller " + caller + " may not withdraw the escrow of " + address);
            BigInteger out = Fil.min(amount, Fil.max(BigInteger.ZERO, available(address)));
            if (out.signum() > 0) {
                escrow.put(address, balance(address).subtract(out));
                withdrawn.add(out);
                chain.fil().transfer(Chain.STORAGE_MARKET, recipient, out);
            }
            return out;
        });
    }

    // ------------------------------------------------------------------ publishing
    /**
     * PublishStorageDeals(deals), by the provider's worker. The batch fails whole when it is empty, when the first
     * deal's provider is not a miner, when the caller is not that miner's worker, or when no deal is valid. Any other
     * failed check drops only its deal (its error is in the result): end > start; start not passed; duration within
     * [180 days, maximum]; piece size a power of two ≥ 128; price within [0, 2 billion FIL]; provider collateral
     * within [minimum, 2 billion FIL]; client collateral within [0, 2 billion FIL]; same provider as the first deal;
     * client and provider escrows cover what the deals accepted so far in the batch lock; not a duplicate of a pending
     * deal (one earlier in the batch is pending by then); for a verified deal, the regime's hook accepts it.
     */
    public PublishResult publishStorageDeals(Address caller, List<DealProposal> deals) {
        return chain.transact(PUBLISH_STORAGE_DEALS, caller, () -> {
            if (deals.isEmpty()) throw ActorError.illegalArgument("market.no_deals", "empty deals parameter");
            Address provider = deals.get(0).provider();
            Miner m = chain.miner(provider);
            if (m == null)
                throw ActorError.illegalArgument("market.provider_not_miner",
                        "deal provider " + provider + " is not a storage miner actor");
            if (!caller.equals(m.worker()))
                throw ActorError.forbidden("market.caller_not_worker",
                        "caller " + caller + " is not the worker of provider " + provider);
            BigInteger cs = chain.config().circulatingSupplyAt(chain.epoch());
            BigInteger raw = chain.power().networkRaw();
            BigInteger baseline = chain.reward().baselinePowerNow();
            List<ActorError> errors = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            VerifiedDealHook.PublishBatch batch = verifiedHook.beginPublish();
            for (DealProposal d : deals) {
                int mark = chain.journal().begin();
                try {
                    validateDeal(d, minProviderCollateral(cs, d.size(), raw, baseline));
                    if (!d.provider().equals(provider))
                        throw ActorError.illegalArgument("market.multiple_providers",
                                "cannot publish deals from multiple providers in one batch: " + d.provider()
                                        + " after " + provider);
                    // the deals accepted earlier in the batch are already locked: what is unlocked must cover this one
                    if (available(d.client()).compareTo(d.clientBalanceRequirement()) < 0)
                        throw ActorError.insufficientFunds("market.client_insufficient_escrow",
                                "client " + d.client() + " has " + Fil.toFilString(available(d.client()))
                                        + " FIL unlocked in escrow, the deal needs "
                                        + Fil.toFilString(d.clientBalanceRequirement()));
                    if (available(provider).compareTo(d.providerCollateral()) < 0)
                        throw ActorError.insufficientFunds("market.provider_insufficient_escrow",
                                "provider " + provider + " has " + Fil.toFilString(available(provider))
                                        + " FIL unlocked in escrow, the deal needs "
                                        + Fil.toFilString(d.providerCollateral()));
                    if (pending.containsKey(d))
                        throw ActorError.illegalArgument("market.duplicate_deal",
                                "cannot publish a duplicate deal proposal (client " + d.client() + ", data "
                                        + d.data() + ")");
                    long id = nextDealId.get();
                    long allocation = VerifiedDealHook.NO_ALLOCATION;
                    if (d.verified() && batch != null) batch.reserve(id, d);
                    else if (d.verified()) allocation = verifiedHook.onPublish(d);
                    nextDealId.set(id + 1);
                    proposals.put(id, d);
                    pending.put(d, id);
                    pendingStarts.put(new StartKey(d.startEpoch(), id), Boolean.TRUE);
                    if (allocation != VerifiedDealHook.NO_ALLOCATION) putPendingAllocation(id, allocation);
                    if (d.verified()) pendingVerifiedBytes.add(d.size());
                    lock(d.client(), d.clientBalanceRequirement());
                    lock(provider, d.providerCollateral());
                    chain.journal().commit(mark);
                    ids.add(id);
                    errors.add(null);
                } catch (ActorError e) {
                    chain.journal().rollback(mark);
                    errors.add(e);
                } catch (RuntimeException e) { // not a refusal of this deal: undo it and fail the whole call
                    chain.journal().rollback(mark);
                    throw e;
                }
            }
            if (ids.isEmpty())
                throw ActorError.illegalArgument("market.all_deals_invalid",
                        "all deal proposals invalid; first: " + errors.get(0));
            if (batch != null) {
                for (Map.Entry<Long, Long> e : batch.complete().entrySet())
                    if (e.getValue() != VerifiedDealHook.NO_ALLOCATION)
                        putPendingAllocation(e.getKey(), e.getValue());
            }
            return new PublishResult(ids, new BatchResult(errors));
        });
    }

    private void validateDeal(DealProposal d, BigInteger minProviderCollateral) {
        long now = chain.epoch();
        if (d.size() < MIN_PIECE_SIZE || Long.bitCount(d.size()) != 1)
            throw ActorError.illegalArgument("market.piece_size_invalid",
                    "piece size " + d.size() + " is not a power of two of at least " + MIN_PIECE_SIZE);
        if (d.endEpoch() <= d.startEpoch())
            throw ActorError.illegalArgument("market.end_not_after_start",
                    "deal end " + d.endEpoch() + " is not after its start " + d.startEpoch());
        if (now > d.startEpoch())
            throw ActorError.illegalArgument("market.start_elapsed",
                    "deal start epoch " + d.startEpoch() + " has already elapsed at " + now);
        if (d.duration() < MIN_DEAL_DURATION || d.duration() > maxDealDuration)
            throw ActorError.illegalArgument("market.duration_out_of_bounds",
                    "deal duration " + d.duration() + " is outside [" + MIN_DEAL_DURATION + ", " + maxDealDuration
                            + "]");
        if (d.pricePerEpoch().signum() < 0 || d.pricePerEpoch().compareTo(TOTAL_FILECOIN) > 0)
            throw ActorError.illegalArgument("market.price_out_of_bounds",
                    "storage price " + d.pricePerEpoch() + " attoFIL per epoch is outside [0, " + TOTAL_FILECOIN + "]");
        if (d.providerCollateral().compareTo(minProviderCollateral) < 0
                || d.providerCollateral().compareTo(TOTAL_FILECOIN) > 0)
            throw ActorError.illegalArgument("market.provider_collateral_out_of_bounds",
                    "provider collateral " + d.providerCollateral() + " is outside [" + minProviderCollateral + ", "
                            + TOTAL_FILECOIN + "]");
        if (d.clientCollateral().signum() < 0 || d.clientCollateral().compareTo(TOTAL_FILECOIN) > 0)
            throw ActorError.illegalArgument("market.client_collateral_out_of_bounds",
                    "client collateral " + d.clientCollateral() + " is outside [0, " + TOTAL_FILECOIN + "]");
    }

    // ------------------------------------------------------------------ activation
    /**
     * ActivateDeals at sector commit, called by the miner (the provider) with the sector's number and expiration.
     * Fails whole if any deal id repeats, is unknown or already active, names another provider, has a start epoch
     * already passed, or ends after the sector expires, or if the deals do not fit the miner's sector size. Records the
     * sector in each deal's state.
     */
    public ActivationResult activateDeals(Address caller, long sector, long sectorExpiration, List<Long> dealIds) {
        return chain.transact(ACTIVATE_DEALS, caller, () -> {
            if (!chain.isMiner(caller))
                throw ActorError.forbidden("market.caller_not_miner", "caller " + caller + " is not a miner");
            long now = chain.epoch();
            long sectorSize = chain.miner(caller).sectorSize();
            Set<Long> seen = new HashSet<>();
            long space = 0;
            long verifiedSpace = 0;
            BigInteger weight = BigInteger.ZERO;
            BigInteger verifiedWeight = BigInteger.ZERO;
            List<Long> claimed = new ArrayList<>();
            for (long id : dealIds) {
                if (!seen.add(id))
                    throw ActorError.illegalArgument("market.duplicate_deal_id", "deal id " + id + " present twice");
                DealProposal d = proposals.get(id);
                if (d == null) throw ActorError.notFound("market.deal_not_found", "no such deal " + id);
                if (!d.provider().equals(caller))
                    throw ActorError.forbidden("market.provider_mismatch",
                            "deal " + id + " has provider " + d.provider() + ", must be " + caller);
                if (now > d.startEpoch())
                    throw ActorError.illegalArgument("market.start_elapsed",
                            "deal " + id + " start epoch " + d.startEpoch() + " has already elapsed at " + now);
                if (d.endEpoch() > sectorExpiration)
                    throw ActorError.illegalArgument("market.deal_outlasts_sector",
                            "deal " + id + " ends at " + d.endEpoch() + ", after the sector's expiration "
                                    + sectorExpiration);
                if (states.containsKey(id))
                    throw ActorError.illegalArgument("market.deal_already_active",
                            "deal " + id + " already activated");
                if (d.verified()) {
                    long allocation = pendingAllocation(id);
                    verifiedHook.onActivate(id, d, allocation, sector, sectorExpiration);
                    if (allocation != VerifiedDealHook.NO_ALLOCATION) claimed.add(allocation);
                    verifiedSpace = Math.addExact(verifiedSpace, d.size());
                    verifiedWeight = verifiedWeight.add(d.weight());
                    pendingVerifiedBytes.add(-d.size());
                    activatedVerifiedBytes.add(d.size());
                } else {
                    space = Math.addExact(space, d.size());
                    weight = weight.add(d.weight());
                }
                pending.remove(d);
                removePendingAllocation(id);
                pendingStarts.remove(new StartKey(d.startEpoch(), id));
                states.put(id, new DealState(sector, now, EPOCH_UNDEFINED, EPOCH_UNDEFINED));
                activated.add(1);
            }
            if (space + verifiedSpace > sectorSize)
                throw ActorError.illegalArgument("market.deals_exceed_sector",
                        "deals total " + (space + verifiedSpace) + " bytes, more than the sector size " + sectorSize);
            return new ActivationResult(space, verifiedSpace, weight, verifiedWeight, claimed);
        });
    }

    /**
     * OnMinerSectorsTerminate, called by the miner for one terminated sector: every active deal of that provider in
     * that sector which has not ended is marked slashed at the current epoch; the next {@link #settle()} pays it up to
     * then, releases the client's rest and burns the provider collateral. Returns the deals marked.
     */
    public List<Long> onSectorTerminated(Address caller, long sector) {
        return chain.transact(SECTORS_TERMINATED, caller, () -> {
            if (!chain.isMiner(caller))
                throw ActorError.forbidden("market.caller_not_miner", "caller " + caller + " is not a miner");
            long now = chain.epoch();
            List<Long> marked = new ArrayList<>();
            for (Map.Entry<Long, DealState> e : new ArrayList<>(states.entrySet())) {
                DealState s = e.getValue();
                DealProposal d = proposals.get(e.getKey());
                if (s.sector() != sector || !d.provider().equals(caller)) continue;
                if (s.slashEpoch() != EPOCH_UNDEFINED || d.endEpoch() <= now) continue; // ended deals are not slashed
                states.put(e.getKey(), s.withSlash(now));
                marked.add(e.getKey());
            }
            return marked;
        });
    }

    // ------------------------------------------------------------------ settlement (cron)
    /**
     * Settles every deal up to the current epoch (the chain calls it every {@link #SETTLEMENT_INTERVAL}): pays active
     * deals for the epochs elapsed since their last payment (from start, up to min(now, end, slash epoch)); finishes
     * deals that ended (both collaterals unlock); times out deals not activated by their start epoch (now > start:
     * provider collateral burned, the client's lock released, the regime's hook told); and slashes deals in terminated
     * sectors (client's rest released, provider collateral burned).
     */
    public SettleResult settle() {
        return chain.transact(SETTLE, Chain.SYSTEM, () -> {
            long now = chain.epoch();
            BigInteger paidNow = BigInteger.ZERO;
            BigInteger slashedNow = BigInteger.ZERO;
            int timeouts = 0;
            int terminated = 0;
            int completed = 0;
            for (Map.Entry<Long, DealProposal> e : new ArrayList<>(proposals.entrySet())) {
                long id = e.getKey();
                DealProposal d = e.getValue();
                DealState s = states.get(id);
                if (s == null) {
                    if (now <= d.startEpoch()) continue;
                    timeOut(id, d);
                    slashedNow = slashedNow.add(d.providerCollateral());
                    timeouts++;
                    continue;
                }
                long from = s.lastUpdatedEpoch() == EPOCH_UNDEFINED ? d.startEpoch()
                        : Math.max(d.startEpoch(), s.lastUpdatedEpoch());
                long to = Math.min(now, d.endEpoch());
                if (s.slashEpoch() != EPOCH_UNDEFINED) to = Math.min(to, s.slashEpoch());
                if (to > from) {
                    BigInteger amount = d.pricePerEpoch().multiply(BigInteger.valueOf(to - from));
                    pay(d.client(), d.provider(), amount);
                    paidNow = paidNow.add(amount);
                }
                if (s.slashEpoch() != EPOCH_UNDEFINED) {
                    long paidUpTo = Math.max(from, to);
                    BigInteger rest = d.pricePerEpoch().multiply(BigInteger.valueOf(d.endEpoch() - paidUpTo));
                    unlock(d.client(), rest.add(d.clientCollateral()));
                    slash(d.provider(), d.providerCollateral());
                    slashedNow = slashedNow.add(d.providerCollateral());
                    removeDeal(id);
                    slashedDeals.add(1);
                    terminated++;
                } else if (now >= d.endEpoch()) {
                    unlock(d.client(), d.clientCollateral());
                    unlock(d.provider(), d.providerCollateral());
                    removeDeal(id);
                    completed++;
                } else if (to > from) {
                    states.put(id, s.withLastUpdated(to));
                }
            }
            return new SettleResult(paidNow, slashedNow, timeouts, terminated, completed);
        });
    }

    /**
     * Times out every pending deal whose start epoch has passed (now > start), and nothing else: the chain's cron
     * calls it between settlements, just after a pending deal's start epoch. Walks only the due deals.
     */
    public SettleResult timeOutDue() {
        return chain.transact(SETTLE, Chain.SYSTEM, () -> {
            long now = chain.epoch();
            BigInteger slashedNow = BigInteger.ZERO;
            int timeouts = 0;
            List<StartKey> due = new ArrayList<>(pendingStarts.view().headMap(new StartKey(now, -1), false).keySet());
            for (StartKey k : due) {
                DealProposal d = proposals.get(k.dealId());
                timeOut(k.dealId(), d);
                slashedNow = slashedNow.add(d.providerCollateral());
                timeouts++;
            }
            return new SettleResult(BigInteger.ZERO, slashedNow, timeouts, 0, 0);
        });
    }

    /**
     * The first epoch after now at which the chain's cron has market work that a day boundary would not reach in
     * time: just after the earliest pending start epoch (its timeout). Long.MAX_VALUE when nothing is pending, so an
     * idle market (the ddo regime) adds no cron step.
     */
    long nextCronEpoch() {
        if (pendingStarts.isEmpty()) return Long.MAX_VALUE;
        return pendingStarts.view().firstKey().start() + 1;
    }

    /**
     * The chain's cron, after the clock reached {@code now}: every {@link #SETTLEMENT_INTERVAL} a full
     * {@link #settle()}; in between, the timeouts that are due. Does nothing (and walks nothing) while the market
     * holds no deal.
     */
    void cron(long now) {
        if (proposals.isEmpty()) return;
        if (now % SETTLEMENT_INTERVAL == 0) settle();
        else if (!pendingStarts.isEmpty() && pendingStarts.view().firstKey().start() < now) timeOutDue();
    }

    // ------------------------------------------------------------------ internals
    /** A pending deal not activated by its start epoch: provider collateral burned, client's lock released. */
    private void timeOut(long id, DealProposal d) {
        unlock(d.client(), d.clientBalanceRequirement());
        slash(d.provider(), d.providerCollateral());
        verifiedHook.onTimeout(id, d, pendingAllocation(id));
        pending.remove(d);
        removePendingAllocation(id);
        if (d.verified()) pendingVerifiedBytes.add(-d.size());
        pendingStarts.remove(new StartKey(d.startEpoch(), id));
        proposals.remove(id);
        timedOut.add(1);
    }

    private void putPendingAllocation(long dealId, long allocationId) {
        pendingAllocations.put(dealId, allocationId);
        pendingDealsByAllocation.put(allocationId, dealId);
    }

    private void removePendingAllocation(long dealId) {
        Long allocation = pendingAllocations.remove(dealId);
        if (allocation != null) pendingDealsByAllocation.remove(allocation);
    }

    private void removeDeal(long id) {
        states.remove(id);
        proposals.remove(id);
    }

    private void lock(Address a, BigInteger amount) {
        if (amount.signum() == 0) return;
        locked.put(a, locked(a).add(amount));
    }

    private void unlock(Address a, BigInteger amount) {
        if (amount.signum() == 0) return;
        BigInteger l = locked(a).subtract(amount);
        if (l.signum() < 0)
            throw ActorError.illegalState("market.unlock_exceeds_locked",
                    "cannot unlock " + amount + " from " + a + ": only " + locked(a) + " locked");
        if (l.signum() == 0) locked.remove(a);
        else locked.put(a, l);
    }

    /** Moves locked client funds to the provider's escrow (unlocked there). */
    private void pay(Address client, Address provider, BigInteger amount) {
        unlock(client, amount);
        escrow.put(client, balance(client).subtract(amount));
        escrow.put(provider, balance(provider).add(amount));
        paid.add(amount);
    }

    /** Burns locked funds of {@code a}: they leave its escrow and the market's account for the burn actor. */
    private void slash(Address a, BigInteger amount) {
        if (amount.signum() == 0) return;
        unlock(a, amount);
        escrow.put(a, balance(a).subtract(amount));
        chain.fil().debit(Chain.STORAGE_MARKET, amount, "market.burn_exceeds_balance");
        chain.burnFil(amount);
        burned.add(amount);
    }
}
