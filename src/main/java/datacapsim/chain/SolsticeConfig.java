package datacapsim.chain;

import java.util.List;

/**
 * The FIP-0118 ("Solstice") network upgrade as the chain takes it from a scenario.
 *
 * @param upgradeEpoch             the simulation epoch at which the upgrade applies, or -1 for never
 * @param epochsPerQuarter         the length of a FIP-0118 quarter (the FIP leaves EPOCHS_PER_QUARTER open; default
 *                                 a quarter of the runtime's EPOCHS_IN_YEAR, floored: 262,974)
 * @param gateDelayEpochs          from a quarter's end to the epoch a passed gate's w2 step applies: the FIP's posting
 *                                 period (3 days) + verification window (7 days) + SWA_TIMELOCK (7 days) = 17 days
 * @param filecoinPayUsdPerQuarter the aggregated Filecoin Pay volume of each quarter after the upgrade, whole USD:
 *                                 element 0 is quarter 1 (the ungated bootstrap quarter: reported, gates nothing),
 *                                 element q − 1 is quarter q; a quarter past the end of the list has volume 0 (a
 *                                 value neither posted nor supplied binds as 0, FIP-0118 section 2.2)
 */
public record SolsticeConfig(long upgradeEpoch, long epochsPerQuarter, long gateDelayEpochs,
                             List<Long> filecoinPayUsdPerQuarter) {
    public static final long DEFAULT_EPOCHS_PER_QUARTER = Policy.EPOCHS_IN_YEAR / 4;
    public static final long DEFAULT_GATE_DELAY_EPOCHS = 17 * Policy.EPOCHS_IN_DAY;
    /** No upgrade: the chain stays in the ddo regime for the whole run. */
    public static final SolsticeConfig NEVER =
            new SolsticeConfig(-1, DEFAULT_EPOCHS_PER_QUARTER, DEFAULT_GATE_DELAY_EPOCHS, List.of());

    public SolsticeConfig {
        filecoinPayUsdPerQuarter = filecoinPayUsdPerQuarter == null ? List.of() : List.copyOf(filecoinPayUsdPerQuarter);
        if (upgradeEpoch < -1)
            throw new IllegalArgumentException("upgrade epoch must be -1 (never) or >= 0: " + upgradeEpoch);
        if (epochsPerQuarter <= 0)
            throw new IllegalArgumentException("epochs per quarter must be > 0: " + epochsPerQuarter);
        if (gateDelayEpochs < 0) throw new IllegalArgumentException("gate delay must be >= 0: " + gateDelayEpochs);
        for (Long v : filecoinPayUsdPerQuarter)
            if (v < 0) throw new IllegalArgumentException("Filecoin Pay volume must be >= 0: " + v);
    }

    /** An upgrade at {@code upgradeEpoch} with the default quarter and gate delay. */
    public static SolsticeConfig at(long upgradeEpoch, List<Long> filecoinPayUsdPerQuarter) {
        return new SolsticeConfig(upgradeEpoch, DEFAULT_EPOCHS_PER_QUARTER, DEFAULT_GATE_DELAY_EPOCHS,
                filecoinPayUsdPerQuarter);
    }

    public boolean enabled() { return upgradeEpoch >= 0; }
}
