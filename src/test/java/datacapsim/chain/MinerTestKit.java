package datacapsim.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Shared set-up and checks for the miner, power and reward tests. */
final class MinerTestKit {
    private MinerTestKit() {}

    static final long DAY = Policy.EPOCHS_IN_DAY;
    static final long GIB = Policy.GiB;
    static final long TIB = Policy.TiB;
    static final long S32 = Policy.SECTOR_SIZE_32GIB;
    static final long S64 = Policy.SECTOR_SIZE_64GIB;
    static final long MIN_LIFE = 518_400;
    static final long MAX_AHEAD = 1_278 * DAY; // 3,680,640
    static final long FIVE_YEARS = 5_259_485;

    static BigInteger big(long v) { return BigInteger.valueOf(v); }

    /**
     * A chain config built freely: constant reward series, per-TiB pledge, constant exogenous power and supply.
     */
    static ChainConfig config(BigInteger exoRaw, BigInteger exoQa, int exoMinersAbove, BigInteger circulatingSupply,
                              BigInteger rewardPerEpoch, BigInteger pledgePerTib, ChainConfig.Payout payout,
                              boolean dailyFee, boolean terminationFee) {
        return new ChainConfig(6_163_200L, exoRaw, exoQa, BigInteger.ZERO, BigInteger.ZERO, exoMinersAbove,
                circulatingSupply, BigInteger.ZERO,
                new ChainConfig.RewardConfig(ChainConfig.RewardConfig.Mode.SERIES, 0,
                        List.of(new ChainConfig.SeriesPoint(0, rewardPerEpoch))),
                payout, new ChainConfig.PledgeConfig(ChainConfig.PledgeConfig.Mode.PER_TIB, pledgePerTib),
                dailyFee, terminationFee);
    }

    /** Minting-mode config (simple + baseline) with the given genesis offset and exogenous raw power. */
    static ChainConfig mintingConfig(long genesisEpoch, long thetaAtStart, BigInteger exoRaw, BigInteger exoQa) {
        return new ChainConfig(genesisEpoch, exoRaw, exoQa, BigInteger.ZERO, BigInteger.ZERO, 0,
                Fil.fil(680_000_000L), BigInteger.ZERO,
                new ChainConfig.RewardConfig(ChainConfig.RewardConfig.Mode.MINTING, thetaAtStart, List.of()),
                ChainConfig.Payout.EXPECTED, new ChainConfig.PledgeConfig(ChainConfig.PledgeConfig.Mode.PER_TIB, Fil.fil(1)),
                false, false);
    }

    /** Asserts the call is refused with the exit code and rule, and that no observable chain state changed. */
    static ActorError refused(Chain c, ExitCode code, String rule, Executable call) {
        String before = ChainSnapshot.of(c);
        ActorError e = assertThrows(ActorError.class, call);
        assertEquals(code, e.exitCode(), e::toString);
        assertEquals(rule, e.rule(), e::toString);
        assertEquals(before, ChainSnapshot.of(c), "state changed by the refused call " + e);
        return e;
    }

    /** A world: a chain with one miner, its owner and worker, and a verified client with plenty of DataCap. */
    static final class World {
        final Chain c;
        final Address owner;
        final Address worker;
        final Miner m;
        final Address verifier;
        final Address client;
        private long nextData = 1;

        World(Chain c, long sectorSize) {
            this.c = c;
            owner = c.newAccount();
            c.fil().endow(owner, Fil.fil(1_000_000));
            worker = c.newAccount();
            c.fil().endow(worker, Fil.fil(1_000));
            m = c.createMiner(owner, worker, sectorSize);
            verifier = c.newAccount();
            c.verifreg().addVerifier(c.rootKey(), verifier, 100 * Policy.PiB);
            client = c.newAccount();
            c.verifreg().addVerifiedClient(verifier, client, 100 * Policy.PiB);
        }

        World(Chain c) { this(c, S32); }

        long data() { return nextData++; }

        /** A new allocation of the client for the given miner; returns its id. */
        long allocate(Miner miner, long data, long size, long termMin, long termMax, long expiration) {
            return c.datacap().transfer(client, Chain.VERIFIED_REGISTRY, size,
                    AllocationRequests.of(new AllocationRequest(miner.address(), data, size, termMin, termMax, expiration)))
                    .allocationIds().get(0);
        }

        /** A verified piece for a new allocation of this world's miner (term 180 days .. 5 years, claimable for 30 days). */
        Piece verifiedPiece(long size) {
            long id = allocate(m, data(), size, MIN_LIFE, FIVE_YEARS, c.epoch() + 30 * DAY);
            return Piece.verified(c.verifreg().allocation(client, id));
        }

        /** Commits a sector with the pieces, sending exactly the pledge it needs. */
        long commit(List<Piece> pieces, long expiration) {
            long verified = 0;
            for (Piece p : pieces) if (p.isVerified()) verified += p.size();
            BigInteger pledge = c.initialPledgeFor(Sector.qaPower(m.sectorSize(), verified));
            return m.proveCommitSector(owner, new Miner.SectorActivation(pieces, expiration), pledge);
        }

        long commitCc(long expiration) { return commit(List.of(), expiration); }

        long commitVerified(long verifiedSize, long expiration) {
            return commit(List.of(verifiedPiece(verifiedSize)), expiration);
        }
    }

    /** Per-miner money identities, non-negativity and sector sums. */
    static void assertMinerInvariants(Miner m) {
        BigInteger in = m.deposited().add(m.rewardsReceived());
        BigInteger held = m.initialPledge().add(m.lockedFunds()).add(m.unlockedBalance()).add(m.withdrawn()).add(m.feesBurned());
        assertEquals(in, held, "deposited + rewards != pledge + locked + unlocked + withdrawn + burned for " + m.address());
        assertEquals(m.deposited().add(m.rewardsReceived()).subtract(m.withdrawn()).subtract(m.feesBurned()), m.balance(),
                "balance identity for " + m.address());
        assertTrue(m.balance().signum() >= 0, "negative balance");
        assertTrue(m.initialPledge().signum() >= 0, "negative pledge");
        assertTrue(m.lockedFunds().signum() >= 0, "negative locked funds");
        assertTrue(m.feeDebt().signum() >= 0, "negative fee debt");
        assertTrue(m.unlockedBalance().signum() >= 0, "balance below pledge + locked: " + m.unlockedBalance());
        assertTrue(m.availableBalance().signum() >= 0, "negative available");
        BigInteger vest = BigInteger.ZERO;
        for (BigInteger v : m.vestingTable().values()) {
            assertTrue(v.signum() > 0, "non-positive vesting entry");
            vest = vest.add(v);
        }
        assertEquals(m.lockedFunds(), vest, "vesting table sum != locked funds");
        BigInteger pledge = BigInteger.ZERO, fee = BigInteger.ZERO;
        long raw = 0, qa = 0, ver = 0;
        for (Sector s : m.sectors().values()) {
            pledge = pledge.add(s.initialPledge());
            fee = fee.add(s.dailyFee());
            raw += s.size();
            qa += s.qaPower();
            ver += s.verifiedBytes();
        }
        assertEquals(pledge, m.initialPledge(), "pledge != sum of sector pledges");
        assertEquals(fee, m.dailyFee(), "daily fee != sum of sector fees");
        assertEquals(raw, m.rawPower());
        assertEquals(qa, m.qaPower());
        assertEquals(ver, m.verifiedBytes());
    }

    /** Chain-wide: every miner's invariants, power sums, and FIL conservation (endowed + minted = held + burned). */
    static void assertChainInvariants(Chain c) {
        long raw = 0, qa = 0;
        BigInteger minerBalances = BigInteger.ZERO, burned = BigInteger.ZERO, rewards = BigInteger.ZERO;
        for (Miner m : c.miners().values()) {
            assertMinerInvariants(m);
            raw += m.rawPower();
            qa += m.qaPower();
            minerBalances = minerBalances.add(m.balance());
            burned = burned.add(m.feesBurned());
            rewards = rewards.add(m.rewardsReceived());
        }
        assertEquals(c.rewardToSimulated(), rewards, "rewards received != rewards paid to the simulated miners");
        assertEquals(big(raw), c.power().simulatedRaw(), "power actor raw");
        assertEquals(big(qa), c.power().simulatedQa(), "power actor QA");
        BigInteger qualifying = BigInteger.ZERO;
        for (Miner m : c.miners().values()) if (c.power().meetsConsensusMinimum(m)) qualifying = qualifying.add(big(m.qaPower()));
        assertEquals(c.config().exogenousQa(c.epoch()).add(qualifying), c.power().networkQa(), "network QA = exogenous + qualifying");
        BigInteger ledger = BigInteger.ZERO;
        for (BigInteger b : c.fil().view().values()) {
            assertTrue(b.signum() >= 0, "negative account balance");
            ledger = ledger.add(b);
        }
        assertEquals(c.fil().endowed().add(c.rewardToSimulated()).add(c.rewardToService()).add(c.rewardBurned()),
                ledger.add(minerBalances), "FIL not conserved");
        assertEquals(burned.add(c.rewardBurned()), c.fil().balance(Chain.BURN),
                "burn address != fees burned by miners + the FIP-0118 burned stream");
        assertEquals(c.rewardToService(), c.fil().balance(Chain.SERVICE_ORCHESTRATORS), "service pool != service stream");
        assertEquals(c.reward().emittedToNetwork(), c.rewardConsensus().add(c.rewardToService()).add(c.rewardBurned()),
                "emitted != consensus + service + burned streams");
    }
}
