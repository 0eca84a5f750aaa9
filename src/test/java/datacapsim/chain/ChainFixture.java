package datacapsim.chain;

import java.math.BigInteger;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;

/** Builds small chains for tests: mainnet defaults, expected-value payout, a seeded reward stream. */
public final class ChainFixture {
    private ChainFixture() {}

    public static Chain chain() { return new Chain(ChainConfig.mainnetDefaults(), new MersenneTwister(42)); }

    public static Chain chain(ChainConfig cfg) { return new Chain(cfg, new MersenneTwister(42)); }

    /** Mainnet defaults with FIP-0100 daily fee and FIP-0098 termination fee switched on or off. */
    public static ChainConfig withFees(boolean daily, boolean termination) {
        ChainConfig d = ChainConfig.mainnetDefaults();
        return new ChainConfig(d.genesisEpoch(), d.exogenousRawPower(), d.exogenousQaPower(), d.exogenousRawPowerPerDay(),
                d.exogenousQaPowerPerDay(), d.exogenousMinersAboveMinimum(), d.circulatingSupply(), d.circulatingSupplyPerDay(),
                d.reward(), d.payout(), d.pledge(), daily, termination);
    }

    /** Mainnet defaults with a constant reward series (attoFIL per epoch) and a per-TiB pledge. */
    public static ChainConfig simpleMoney(BigInteger perEpoch, BigInteger pledgePerTib) {
        ChainConfig d = ChainConfig.mainnetDefaults();
        return new ChainConfig(d.genesisEpoch(), d.exogenousRawPower(), d.exogenousQaPower(), BigInteger.ZERO, BigInteger.ZERO,
                d.exogenousMinersAboveMinimum(), d.circulatingSupply(), BigInteger.ZERO,
                new ChainConfig.RewardConfig(ChainConfig.RewardConfig.Mode.SERIES, 0, List.of(new ChainConfig.SeriesPoint(0, perEpoch))),
                ChainConfig.Payout.EXPECTED, new ChainConfig.PledgeConfig(ChainConfig.PledgeConfig.Mode.PER_TIB, pledgePerTib),
                false, false);
    }
}
