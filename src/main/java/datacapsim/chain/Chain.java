package datacapsim.chain;

import static datacapsim.chain.Policy.*;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The simulated chain: the epoch clock, the built-in actors, FIL accounts, and transactions. A call into the chain
 * is a transaction ({@link #transact}): it applies whole or reverts whole, restoring every actor's state through the
 * {@link Journal}; top-level calls are counted by method and outcome in {@link #stats()}.
 *
 * <p>The chain knows nothing of agents or contracts: contracts register receiver hooks, nothing more.
 */
public final class Chain {
    public static final Address SYSTEM = Address.of(0);
    public static final Address REWARD = Address.of(2);
    public static final Address POWER = Address.of(4);
    public static final Address STORAGE_MARKET = Address.of(5);
    public static final Address VERIFIED_REGISTRY = Address.of(6);
    public static final Address DATACAP = Address.of(7);
    public static final Address BURN = Address.of(99);
    /**
     * Where the FIP-0118 service stream is credited: the Service Orchestrator wallets of the Service Rewards Actor's
     * registry, modelled as one pool (Phase 1 starts with a single Orchestrator). Not a simulated provider.
     */
    public static final Address SERVICE_ORCHESTRATORS = Address.of(98);
    static final long FIRST_ACCOUNT_ID = 1000;

    private final ChainConfig config;
    private final RandomGenerator rewardRandom;
    private final Journal journal = new Journal();
    private final CallStats stats = new CallStats();
    private final List<ChainListener> listeners = new ArrayList<>();
    private final FilLedger fil;
    private final DataCapToken datacap;
    private final VerifiedRegistry verifreg;
    private final PowerActor power;
    private final RewardActor reward;
    private final StorageMarket market;
    /** The original registry under {@link Regime#V1} / {@link Regime#V1_TOPUP}; null otherwise. */
    private final VerifiedRegistryV1 verifregV1;
    private final JMap<Address, Miner> miners;
    /** FIL miners have paid out (withdrawals) to each address, in total. */
    private final JMap<Address, BigInteger> minerPayouts;
    private final Map<Address, DataCapReceiver> datacapReceivers = new HashMap<>();
    private final Map<Address, FilReceiver> filReceivers = new HashMap<>();
    private long nextId = FIRST_ACCOUNT_ID;
    private long epoch;
    private int depth;
    private BigInteger rewardToSimulated = BigInteger.ZERO;
    private final RewardStreams streams;
    private BigInteger rewardBurned = BigInteger.ZERO;
    private BigInteger rewardConsensus = BigInteger.ZERO;
    private BigInteger rewardToService = BigInteger.ZERO;
    private boolean upgradeApplied;
    private final Address rootKey;
    private final boolean sectorBatching;
    /**
     * The network's QA power as the epoch began (after its cron): what the pledge and fault fee read, as builtin-actors'
     * miner reads the power actor's estimate, which changes only at cron, so every sector committed in one epoch
     * sees the same network.
     */
    private BigInteger qaPowerEstimate;
    /** Actions deferred until the outermost transaction commits (events); dropped with whatever reverts. */
    private final List<Runnable> onCommit = new ArrayList<>();

    /**
     * @param config       the scenario's chain parameters
     * @param rewardRandom the named random stream for sampled block wins (unused with expected-value payout)
     */
    public Chain(ChainConfig config, RandomGenerator rewardRandom) { this(config, rewardRandom, true); }

    /**
     * @param config         the scenario's chain parameters
     * @param rewardRandom   the named random stream for sampled block wins (unused with expected-value payout)
     * @param sectorBatching whether miners hold identical consecutive sectors as exact batches (the default; off,
     *                       every sector is its own object: the representation the batched one is tested against)
     */
    public Chain(ChainConfig config, RandomGenerator rewardRandom, boolean sectorBatching) {
        this.config = config;
        this.sectorBatching = sectorBatching;
        this.rewardRandom = rewardRandom;
        this.fil = new FilLedger(journal);
        this.miners = JMap.indexed(journal);
        this.minerPayouts = new JMap<>(journal);
        this.rootKey = newAccount();
        this.datacap = new DataCapToken(this);
        this.verifreg = new VerifiedRegistry(this, rootKey);
        this.power = new PowerActor(this);
        this.reward = new RewardActor(this);
        this.market = new StorageMarket(this);
        Regime regime = config.regime();
        if (regime.isV1()) {
            this.verifregV1 = new VerifiedRegistryV1(this, rootKey, regime);
            market.setMaxDealDuration(StorageMarket.V1_MAX_DEAL_DURATION);
            market.setVerifiedDealHook(verifregV1.marketHook());
        } else {
            this.verifregV1 = null;
            if (regime == Regime.FIP45_MARKET) market.setVerifiedDealHook(new Fip45MarketHook(this));
        }
        this.streams = new RewardStreams(config.solstice());
        if (upgraded()) applyUpgrade();
        this.qaPowerEstimate = power.networkQa();
    }

    // ------------------------------------------------------------------ accessors
    public ChainConfig config() { return config; }
    /** Whether miners hold their sectors as exact batches (see SectorStore). */
    public boolean sectorBatching() { return sectorBatching; }
    public Journal journal() { return journal; }
    public CallStats stats() { return stats; }
    public FilLedger fil() { return fil; }
    public DataCapToken datacap() { return datacap; }
    public VerifiedRegistry verifreg() { return verifreg; }
    public PowerActor power() { return power; }
    public RewardActor reward() { return reward; }
    /** The storage market actor (regimes v1, v1-topup, fip45-market); nothing calls it under ddo. */
    public StorageMarket market() { return market; }
    /** The regime the chain was built for ({@link ChainConfig#regime()}). */
    public Regime regime() { return config.regime(); }
    /**
     * The original verified registry under {@link Regime#V1} and {@link Regime#V1_TOPUP} (its market hook is the
     * storage market's), or null under any other regime, where {@link #verifreg()} is the registry.
     */
    public VerifiedRegistryV1 verifregV1() { return verifregV1; }
    public Address rootKey() { return rootKey; }
    public long epoch() { return epoch; }
    /** The current epoch counted from mainnet genesis. */
    public long genesisEpochNow() { return config.genesisEpoch() + epoch; }
    public Map<Address, Miner> miners() { return miners.view(); }
    public Miner miner(Address a) { return miners.get(a); }
    public boolean isMiner(Address a) { return miners.containsKey(a); }
    /** FIL that miners have paid (withdrawals) to {@code to} since the start (attoFIL). */
    public BigInteger minerPayoutsTo(Address to) { return minerPayouts.getOrDefault(to, BigInteger.ZERO); }

    /** Block rewards paid to the simulated miners since the start (attoFIL). */
    public BigInteger rewardToSimulated() { return rewardToSimulated; }

    /** The whole network's FIP-0118 burn stream sent to {@link #BURN} since the start (attoFIL; 0 without it). */
    public BigInteger rewardBurned() { return rewardBurned; }

    /**
     * The whole network's consensus stream since the start (attoFIL): all of the reward before the FIP-0118 upgrade,
     * w1's share after; the simulated miners receive their part of it. consensus + service + burned = emitted.
     */
    public BigInteger rewardConsensus() { return rewardConsensus; }

    /** The whole network's FIP-0118 service stream credited to {@link #SERVICE_ORCHESTRATORS} (attoFIL). */
    public BigInteger rewardToService() { return rewardToService; }

    /** The FIP-0118 reward weights and gate steps of this chain. */
    public RewardStreams rewardStreams() { return streams; }

    /**
     * Whether the FIP-0118 upgrade applies now: the configuration has an upgrade epoch (only under solstice, or ddo
     * in the chain's tests; {@link ChainConfig} refuses one under the market regimes) and the clock has reached it.
     */
    public boolean upgraded() {
        long a = config.solsticeUpgradeEpoch();
        return a >= 0 && epoch >= a;
    }

    /**
     * QA power a sector committed now gets: raw + 9 × verified bytes, or (FIP-0118, after the upgrade) 10 × raw
     * whatever it holds. The miner and the providers' offers both use this, so they agree.
     */
    public long qaPowerForNewSector(long sectorSize, long verifiedBytes) {
        if (upgraded()) return Math.multiplyExact(VERIFIED_QUALITY_MULTIPLIER, sectorSize);
        return Sector.qaPower(sectorSize, verifiedBytes);
    }

    public void addListener(ChainListener l) { listeners.add(l); }

    // ------------------------------------------------------------------ addresses
    /** A new account address. */
    public Address newAccount() {
        long id = nextId;
        journal.record(() -> nextId = id); // an address made inside a reverted call is given back
        nextId = id + 1;
        return Address.of(id);
    }

    /** Creates a miner actor (power.CreateMiner) controlled by owner and worker. */
    public Miner createMiner(Address owner, Address worker, long sectorSize) {
        return transact("power.CreateMiner", owner, () -> {
            Miner m = new Miner(this, newAccount(), owner, worker, sectorSize);
            miners.put(m.address(), m);
            return m;
        });
    }

    /** A contract that holds DataCap registers its FRC-0046 receiver hook here. */
    public void registerDataCapReceiver(Address a, DataCapReceiver hook) {
        DataCapReceiver old = datacapReceivers.put(a, hook);
        journal.record(() -> { if (old == null) datacapReceivers.remove(a); else datacapReceivers.put(a, old); });
    }

    /** A contract that receives miner withdrawals registers its hook here. */
    public void registerFilReceiver(Address a, FilReceiver hook) {
        FilReceiver old = filReceivers.put(a, hook);
        journal.record(() -> { if (old == null) filReceivers.remove(a); else filReceivers.put(a, old); });
    }

    DataCapReceiver receiverOf(Address a) { return datacapReceivers.get(a); }

    // ------------------------------------------------------------------ transactions
    /**
     * Runs {@code body} as a transaction: on any failure every state change it made, including those of nested calls
     * into other actors, is undone and the error is rethrown. Top-level calls are counted and reported to listeners.
     */
    public <T> T transact(String method, Address caller, Supplier<T> body) {
        int mark = journal.begin();
        boolean top = depth == 0;
        depth++;
        try {
            T result = body.get();
            journal.commit(mark);
            depth--;
            if (top) {
                List<Runnable> deferred = new ArrayList<>(onCommit);
                onCommit.clear();
                for (Runnable r : deferred) r.run();
                stats.record(method, CallStats.OK);
                for (ChainListener l : listeners) l.onCall(epoch, method, caller, null);
            }
            return result;
        } catch (ActorError e) {
            journal.rollback(mark);
            depth--;
            if (top) {
                stats.record(method, e.rule());
                for (ChainListener l : listeners) l.onCall(epoch, method, caller, e);
            }
            throw e;
        } catch (ArithmeticException e) {
            journal.rollback(mark);
            depth--;
            ActorError err = ActorError.illegalArgument("chain.overflow", "arithmetic overflow in " + method + ": " + e.getMessage());
            if (top) {
                stats.record(method, err.rule());
                for (ChainListener l : listeners) l.onCall(epoch, method, caller, err);
            }
            throw err;
        } catch (RuntimeException | Error e) {
            journal.rollback(mark);
            depth--;
            throw e;
        }
    }

    /**
     * Defers {@code action} until the outermost transaction commits; if that transaction (or the nested call that
     * registered it) reverts, the action is dropped. Outside a transaction it runs at once.
     */
    public void afterCommit(Runnable action) {
        if (depth == 0) {
            action.run();
            return;
        }
        onCommit.add(action);
        journal.record(() -> onCommit.remove(onCommit.size() - 1));
    }

    /** Sends FIL between two non-miner accounts (a plain send). */
    public void send(Address from, Address to, BigInteger amount) {
        transact("account.Send", from, () -> {
            if (amount.signum() < 0) throw ActorError.illegalArgument("account.negative_value", "value must be >= 0, got " + amount);
            Miner m = miners.get(to);
            if (m != null) { // a plain send to a miner adds to its balance, as a deposit
                m.receiveDeposit(from, amount);
                return null;
            }
            fil.transfer(from, to, amount);
            FilReceiver hook = filReceivers.get(to);
            if (hook != null) hook.onFilReceived(from, amount);
            return null;
        });
    }

    void payOut(Address fromMiner, Address to, BigInteger amount) {
        minerPayouts.put(to, minerPayouts.getOrDefault(to, BigInteger.ZERO).add(amount));
        fil.credit(to, amount);
        FilReceiver hook = filReceivers.get(to);
        if (hook != null) hook.onFilReceived(fromMiner, amount);
    }

    void burnFil(BigInteger amount) { fil.credit(BURN, amount); }

    // ------------------------------------------------------------------ money rules
    /**
     * Initial pledge for a new sector of the given QA power (FIP-0081 formula or a per-TiB constant), at the network
     * QA power as the epoch began ({@link #networkQaEstimate}).
     */
    public BigInteger initialPledgeFor(long qa) {
        // a pure function of (epoch, qa): the network estimate, the reward and the supply are fixed within an epoch
        if (epoch == pledgeMemo.epoch && qa == pledgeMemo.qa) return pledgeMemo.value;
        BigInteger p = computeInitialPledge(qa);
        pledgeMemo = new Memo(epoch, qa, p);
        return p;
    }

    /** The last value of a function of (epoch, QA power) asked for, to answer the repeated question at once. */
    private record Memo(long epoch, long qa, BigInteger value) {
        static final Memo NONE = new Memo(Long.MIN_VALUE, -1, null);
    }

    private Memo pledgeMemo = Memo.NONE;
    private Memo dailyFeeMemo = Memo.NONE;

    private BigInteger computeInitialPledge(long qa) {
        BigInteger q = BigInteger.valueOf(qa);
        if (config.pledge().mode() == ChainConfig.PledgeConfig.Mode.PER_TIB)
            return config.pledge().perTibQa().multiply(q).divide(BigInteger.valueOf(TiB));
        BigInteger netQa = qaPowerEstimate.max(BigInteger.ONE);
        BigInteger storage = reward.thisEpochReward().multiply(BigInteger.valueOf(INITIAL_PLEDGE_PROJECTION_PERIOD))
                .multiply(q).divide(netQa);
        BigInteger cs = config.circulatingSupplyAt(epoch);
        BigInteger maxBq = reward.baselinePowerNow().max(netQa);
        BigInteger gamma = BigInteger.valueOf(PLEDGE_GAMMA_PER_MILLE);
        BigInteger oneMinusGamma = BigInteger.valueOf(1000 - PLEDGE_GAMMA_PER_MILLE);
        BigInteger consensus = cs.multiply(BigInteger.valueOf(LOCK_TARGET_NUM)).multiply(q)
                .multiply(gamma.multiply(netQa).add(oneMinusGamma.multiply(maxBq)))
                .divide(BigInteger.valueOf(LOCK_TARGET_DENOM).multiply(BigInteger.valueOf(1000)).multiply(maxBq).multiply(netQa));
        BigInteger cap = Fil.ATTO_PER_FIL.multiply(q).divide(BigInteger.valueOf(SECTOR_SIZE_32GIB));
        return storage.add(consensus).min(cap);
    }

    /** FIP-0100 daily fee of a sector of the given QA power: 1.61817e-25 × circulating supply × QA bytes. */
    public BigInteger dailyFeeFor(long qa) {
        if (epoch == dailyFeeMemo.epoch && qa == dailyFeeMemo.qa) return dailyFeeMemo.value;
        BigInteger f = computeDailyFee(qa);
        dailyFeeMemo = new Memo(epoch, qa, f);
        return f;
    }

    private BigInteger computeDailyFee(long qa) {
        return config.circulatingSupplyAt(epoch).multiply(BigInteger.valueOf(DAILY_FEE_K_NUM)).multiply(BigInteger.valueOf(qa))
                .divide(BigInteger.TEN.pow(DAILY_FEE_K_DENOM_EXP10));
    }

    /** Expected block reward of one day for the given QA power at the current state. */
    public BigInteger expectedDayReward(long qa) {
        return reward.thisEpochReward().multiply(BigInteger.valueOf(EPOCHS_IN_DAY)).multiply(BigInteger.valueOf(qa))
                .divide(power.networkQa().max(BigInteger.ONE));
    }

    /**
     * Fault fee of a sector of the given QA power (builtin monies.rs pledge_penalty_for_continued_fault): the expected
     * block reward over CONTINUED_FAULT_PROJECTION_PERIOD (3.51 days, 10,108 epochs) at the current state.
     */
    public BigInteger faultFeeFor(long qa) {
        return reward.thisEpochReward().multiply(BigInteger.valueOf(CONTINUED_FAULT_PROJECTION_PERIOD))
                .multiply(BigInteger.valueOf(qa)).divide(qaPowerEstimate.max(BigInteger.ONE));
    }

    /**
     * The network QA power as the current epoch began, after its cron (the power actor's estimate that the initial
     * pledge and the fault fee read; it does not move with the sectors committed or terminated during the epoch).
     */
    public BigInteger networkQaEstimate() { return qaPowerEstimate; }

    // ------------------------------------------------------------------ cron
    /**
     * Advances the clock to {@code target}, running the chain's cron exactly: block rewards for every epoch with the
     * power then in force (split at each sector expiration), sector expirations at their epochs, daily fees at each
     * day boundary, vesting unlocks, and the storage market's cron (deal settlement every 30 days, the timeout of a
     * deal not activated by its start epoch at the epoch after it; nothing while the market holds no deal). Not a
     * transaction itself: cron cannot fail (the market's cron is its own transaction, counted as
     * {@link StorageMarket#SETTLE}).
     */
    public void advanceTo(long target) {
        if (target < epoch) throw new IllegalArgumentException("cannot move the clock back from " + epoch + " to " + target);
        if (depth != 0) throw new IllegalStateException("cron inside a transaction");
        long upgrade = config.solsticeUpgradeEpoch();
        long start = epoch;
        while (epoch < target) {
            long next = Math.min(target, (epoch / EPOCHS_IN_DAY + 1) * EPOCHS_IN_DAY);
            for (Miner m : miners.values()) next = Math.min(next, Math.max(epoch + 1, m.nextExpiration()));
            long marketNext = market.nextCronEpoch(); // Long.MAX_VALUE while no deal is pending (always under ddo)
            if (marketNext != Long.MAX_VALUE) next = Math.min(next, Math.max(epoch + 1, marketNext));
            if (upgrade > epoch) next = Math.min(next, upgrade); // reward intervals never straddle the upgrade
            distributeRewards(epoch, next);
            epoch = next;
            if (!upgradeApplied && upgraded()) applyUpgrade();
            for (Miner m : miners.values()) {
                m.expireSectors(epoch);
                m.unlockVested(epoch);
            }
            market.cron(epoch); // settlement every 30 days, timeouts just after a start epoch; idle when empty
            if (epoch % EPOCHS_IN_DAY == 0 && config.dailyFeeEnabled()) {
                for (Miner m : miners.values()) m.chargeDailyFee(expectedDayReward(m.qaPower()));
            }
        }
        reward.thisEpochReward(); // fixed from the state at the epoch's start, as the actor's cron does
        // likewise the power estimate the miner's pledge and fees read (unchanged by a call that does not move the clock)
        if (epoch != start) {
            qaPowerEstimate = power.networkQa();
            pledgeMemo = Memo.NONE;
        }
    }

    /**
     * The FIP-0118 migration at the upgrade epoch (cron, cannot fail): the registry clears its verifiers and pending
     * allocations (their DataCap is burned from the registry's balance and counted as cleared) and its root key
     * becomes the burn address f099. From here on the registry and the DataCap token refuse the deprecated methods.
     */
    private void applyUpgrade() {
        upgradeApplied = true;
        verifreg.applySolsticeMigration();
    }

    private void distributeRewards(long from, long to) {
        BigInteger network = reward.emitInterval(from, to);
        RewardStreams.Split split = streams.split(network, from, to);
        if (split.service().signum() > 0) {
            fil.credit(SERVICE_ORCHESTRATORS, split.service());
            rewardToService = rewardToService.add(split.service());
        }
        if (split.burned().signum() > 0) {
            burnFil(split.burned());
            rewardBurned = rewardBurned.add(split.burned());
        }
        BigInteger total = split.consensus(); // the providers' share is of the consensus stream (all of it before)
        rewardConsensus = rewardConsensus.add(total);
        if (total.signum() == 0 || miners.isEmpty()) return;
        BigInteger netQa = power.networkQa();
        if (netQa.signum() <= 0) return;
        long epochs = to - from;
        for (Miner m : miners.values()) {
            if (!power.meetsConsensusMinimum(m) || m.qaPower() <= 0) continue;
            BigInteger qa = BigInteger.valueOf(m.qaPower());
            BigInteger amount;
            if (config.payout() == ChainConfig.Payout.EXPECTED) {
                amount = total.multiply(qa).divide(netQa);
            } else {
                double mean = (double) EXPECTED_LEADERS_PER_EPOCH * epochs * qa.doubleValue() / netQa.doubleValue();
                int wins = new PoissonDistribution(rewardRandom, mean, PoissonDistribution.DEFAULT_EPSILON,
                        PoissonDistribution.DEFAULT_MAX_ITERATIONS).sample();
                amount = total.multiply(BigInteger.valueOf(wins)).divide(BigInteger.valueOf(EXPECTED_LEADERS_PER_EPOCH * epochs));
            }
            if (amount.signum() > 0) {
                m.applyReward(amount, to);
                rewardToSimulated = rewardToSimulated.add(amount);
            }
        }
    }
}
