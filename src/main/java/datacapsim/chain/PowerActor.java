package datacapsim.chain;

import java.math.BigInteger;

/**
 * The power actor: the simulated miners' claimed power plus the exogenous rest of the network, and the minimum
 * consensus power rule (a miner below 10 TiB raw earns no block reward once at least 4 miners are above it).
 */
public final class PowerActor {
    private final Chain chain;
    private final JBig totalRaw;
    private final JBig totalQa;
    private final JLong minersAboveMinimum;
    /** QA power of the simulated miners at or above the minimum consensus power, kept as a running total. */
    private final JBig qaAboveMinimum;
    /** Raw power of the simulated miners at or above the minimum consensus power. */
    private final JBig rawAboveMinimum;

    PowerActor(Chain chain) {
        this.chain = chain;
        totalRaw = new JBig(chain.journal());
        totalQa = new JBig(chain.journal());
        minersAboveMinimum = new JLong(chain.journal());
        qaAboveMinimum = new JBig(chain.journal());
        rawAboveMinimum = new JBig(chain.journal());
    }

    /** Raw power of the simulated miners. */
    public BigInteger simulatedRaw() { return totalRaw.get(); }

    /** QA power of the simulated miners. */
    public BigInteger simulatedQa() { return totalQa.get(); }

    /** Raw power of the network that counts for consensus (and baseline minting): outside miners plus qualifying simulated ones. */
    public BigInteger networkRaw() {
        BigInteger sim = minersAboveMinimum() < Policy.CONSENSUS_MINER_MIN_MINERS ? totalRaw.get() : rawAboveMinimum.get();
        return chain.config().exogenousRaw(chain.epoch()).add(sim);
    }

    public BigInteger networkQa() { return chain.config().exogenousQa(chain.epoch()).add(qualifyingSimulatedQa()); }

    /** Miners (simulated and exogenous) at or above the minimum consensus power. */
    public long minersAboveMinimum() { return minersAboveMinimum.get() + chain.config().exogenousMinersAboveMinimum(); }

    /** Whether a miner's power counts for block rewards now. */
    public boolean meetsConsensusMinimum(Miner m) {
        if (m.rawPower() <= 0) return false;
        if (minersAboveMinimum() < Policy.CONSENSUS_MINER_MIN_MINERS) return true;
        return m.rawPower() >= Policy.MINIMUM_CONSENSUS_POWER;
    }

    private BigInteger qualifyingSimulatedQa() {
        if (minersAboveMinimum() < Policy.CONSENSUS_MINER_MIN_MINERS) return totalQa.get();
        return qaAboveMinimum.get();
    }

    void updateClaimedPower(Miner m, long deltaRaw, long deltaQa) {
        long before = m.rawPower() - deltaRaw;
        boolean wasAbove = before >= Policy.MINIMUM_CONSENSUS_POWER;
        boolean isAbove = m.rawPower() >= Policy.MINIMUM_CONSENSUS_POWER;
        if (wasAbove != isAbove) minersAboveMinimum.add(isAbove ? 1 : -1);
        long qaBefore = m.qaPower() - deltaQa;
        if (wasAbove) qaAboveMinimum.subtract(BigInteger.valueOf(qaBefore));
        if (isAbove) qaAboveMinimum.add(BigInteger.valueOf(m.qaPower()));
        if (wasAbove) rawAboveMinimum.subtract(BigInteger.valueOf(before));
        if (isAbove) rawAboveMinimum.add(BigInteger.valueOf(m.rawPower()));
        totalRaw.add(BigInteger.valueOf(deltaRaw));
        totalQa.add(BigInteger.valueOf(deltaQa));
    }
}
