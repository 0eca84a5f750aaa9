package datacapsim.chain;

import java.math.BigInteger;
import java.util.List;

/**
 * Everything the chain takes from a scenario. Network quantities outside the simulated providers are exogenous.
 *
 * @param genesisEpoch            the simulation's epoch 0 as an epoch since mainnet genesis (drives minting and baseline)
 * @param exogenousRawPower       raw power of the rest of the network at the start, bytes
 * @param exogenousQaPower        QA power of the rest of the network at the start, bytes
 * @param exogenousRawPowerPerDay daily change of the rest of the network's raw power, bytes/day (may be negative)
 * @param exogenousQaPowerPerDay  daily change of the rest of the network's QA power, bytes/day (may be negative)
 * @param exogenousMinersAboveMinimum miners outside the simulation above the 10 TiB minimum consensus power
 * @param circulatingSupply       circulating supply at the start, attoFIL
 * @param circulatingSupplyPerDay daily change of the circulating supply, attoFIL/day
 * @param reward                  how the epoch reward is made
 * @param payout                  expected-value payout or sampled wins
 * @param pledge                  how the initial pledge is computed
 * @param dailyFeeEnabled         FIP-0100 daily fee on
 * @param terminationFeeEnabled   FIP-0098 termination fee on
 * @param series                  day series that replace a start value and daily change ({@link NetworkSeries#NONE})
 * @param regime                  the verified registry regime the chain installs ({@link Regime#DDO} when null)
 * @param solstice                the FIP-0118 upgrade ({@link SolsticeConfig#NEVER}: the chain never upgrades)
 */
public record ChainConfig(long genesisEpoch,
                          BigInteger exogenousRawPower, BigInteger exogenousQaPower,
                          BigInteger exogenousRawPowerPerDay, BigInteger exogenousQaPowerPerDay,
                          int exogenousMinersAboveMinimum,
                          BigInteger circulatingSupply, BigInteger circulatingSupplyPerDay,
                          RewardConfig reward, Payout payout, PledgeConfig pledge,
                          boolean dailyFeeEnabled, boolean terminationFeeEnabled, NetworkSeries series,
                          Regime regime, SolsticeConfig solstice) {

    public ChainConfig {
        if (series == null) series = NetworkSeries.NONE;
        if (regime == null) regime = Regime.DDO;
        if (solstice == null) solstice = SolsticeConfig.NEVER;
        // FIP-0118 upgrades the FIP-0045 registry; the storage market regimes (v1, v1-topup, fip45-market) have none
        if (solstice.upgradeEpoch() >= 0 && regime.usesMarket())
            throw new IllegalArgumentException("a FIP-0118 upgrade needs regime solstice (or ddo), not " + regime);
    }

    /** A configuration with network series under the {@link Regime#DDO} regime and no FIP-0118 upgrade. */
    public ChainConfig(long genesisEpoch, BigInteger exogenousRawPower, BigInteger exogenousQaPower,
                       BigInteger exogenousRawPowerPerDay, BigInteger exogenousQaPowerPerDay,
                       int exogenousMinersAboveMinimum, BigInteger circulatingSupply, BigInteger circulatingSupplyPerDay,
                       RewardConfig reward, Payout payout, PledgeConfig pledge, boolean dailyFeeEnabled,
                       boolean terminationFeeEnabled, NetworkSeries series) {
        this(genesisEpoch, exogenousRawPower, exogenousQaPower, exogenousRawPowerPerDay, exogenousQaPowerPerDay,
                exogenousMinersAboveMinimum, circulatingSupply, circulatingSupplyPerDay, reward, payout, pledge,
                dailyFeeEnabled, terminationFeeEnabled, series, Regime.DDO, SolsticeConfig.NEVER);
    }

    /** This configuration with another verified registry regime. */
    public ChainConfig withRegime(Regime r) {
        return new ChainConfig(genesisEpoch, exogenousRawPower, exogenousQaPower, exogenousRawPowerPerDay,
                exogenousQaPowerPerDay, exogenousMinersAboveMinimum, circulatingSupply, circulatingSupplyPerDay, reward,
                payout, pledge, dailyFeeEnabled, terminationFeeEnabled, series, r, solstice);
    }

    /** This configuration with the FIP-0118 upgrade {@code s}. */
    public ChainConfig withSolstice(SolsticeConfig s) {
        return new ChainConfig(genesisEpoch, exogenousRawPower, exogenousQaPower, exogenousRawPowerPerDay,
                exogenousQaPowerPerDay, exogenousMinersAboveMinimum, circulatingSupply, circulatingSupplyPerDay, reward,
                payout, pledge, dailyFeeEnabled, terminationFeeEnabled, series, regime, s);
    }

    /** The FIP-0118 upgrade epoch, or -1 when the chain never upgrades. */
    public long solsticeUpgradeEpoch() { return solstice.upgradeEpoch(); }

    /** A configuration without network series, under the {@link Regime#DDO} regime and no FIP-0118 upgrade. */
    public ChainConfig(long genesisEpoch, BigInteger exogenousRawPower, BigInteger exogenousQaPower,
                       BigInteger exogenousRawPowerPerDay, BigInteger exogenousQaPowerPerDay,
                       int exogenousMinersAboveMinimum, BigInteger circulatingSupply, BigInteger circulatingSupplyPerDay,
                       RewardConfig reward, Payout payout, PledgeConfig pledge, boolean dailyFeeEnabled,
                       boolean terminationFeeEnabled) {
        this(genesisEpoch, exogenousRawPower, exogenousQaPower, exogenousRawPowerPerDay, exogenousQaPowerPerDay,
                exogenousMinersAboveMinimum, circulatingSupply, circulatingSupplyPerDay, reward, payout, pledge,
                dailyFeeEnabled, terminationFeeEnabled, NetworkSeries.NONE, Regime.DDO, SolsticeConfig.NEVER);
    }

    public enum Payout { EXPECTED, SAMPLED }

    /**
     * @param mode                        MINTING (simple + baseline minting) or SERIES (a given FIL per epoch by day)
     * @param effectiveNetworkTimeAtStart the reward actor's effective network time θ at the start, epochs since genesis
     * @param series                      for SERIES: (from day, attoFIL per epoch) steps, sorted by day, first at day 0
     */
    public record RewardConfig(Mode mode, long effectiveNetworkTimeAtStart, List<SeriesPoint> series) {
        public enum Mode { MINTING, SERIES }

        public RewardConfig { series = series == null ? List.of() : List.copyOf(series); }
    }

    public record SeriesPoint(long day, BigInteger attoFilPerEpoch) {}

    /** FIP_0081 (the miner actor's formula) or PER_TIB (a constant attoFIL per TiB of QA power). */
    public record PledgeConfig(Mode mode, BigInteger perTibQa) {
        public enum Mode { FIP_0081, PER_TIB }
    }

    public BigInteger exogenousRaw(long epoch) {
        if (!series.rawPower().isEmpty()) return NetworkSeries.at(series.rawPower(), epoch);
        return BigInteger.ZERO.max(exogenousRawPower.add(exogenousRawPowerPerDay.multiply(BigInteger.valueOf(epoch))
                .divide(BigInteger.valueOf(Policy.EPOCHS_IN_DAY))));
    }

    public BigInteger exogenousQa(long epoch) {
        if (!series.qaPower().isEmpty()) return NetworkSeries.at(series.qaPower(), epoch);
        return BigInteger.ZERO.max(exogenousQaPower.add(exogenousQaPowerPerDay.multiply(BigInteger.valueOf(epoch))
                .divide(BigInteger.valueOf(Policy.EPOCHS_IN_DAY))));
    }

    public BigInteger circulatingSupplyAt(long epoch) {
        if (!series.circulatingSupply().isEmpty()) return NetworkSeries.at(series.circulatingSupply(), epoch);
        return BigInteger.ZERO.max(circulatingSupply.add(circulatingSupplyPerDay.multiply(BigInteger.valueOf(epoch))
                .divide(BigInteger.valueOf(Policy.EPOCHS_IN_DAY))));
    }

    /** Mid-2026 mainnet defaults with a flat outside network (see ASSUMPTIONS.md). */
    public static ChainConfig mainnetDefaults() {
        BigInteger pib = BigInteger.valueOf(Policy.PiB);
        return new ChainConfig(6_163_200L,
                BigInteger.valueOf(1_663).multiply(pib), BigInteger.valueOf(14_760).multiply(pib),
                BigInteger.ZERO, BigInteger.ZERO,
                1_000,
                Fil.fil(680_000_000L), BigInteger.ZERO,
                new RewardConfig(RewardConfig.Mode.MINTING, 3_050_000L, List.of()),
                Payout.EXPECTED, new PledgeConfig(PledgeConfig.Mode.FIP_0081, BigInteger.ZERO),
                false, false);
    }
}
