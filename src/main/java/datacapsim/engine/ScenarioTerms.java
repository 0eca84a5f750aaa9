package datacapsim.engine;

import datacapsim.agents.abuse.AbuseCompliance;
import datacapsim.chain.ChainConfig;
import datacapsim.chain.Policy;
import datacapsim.contracts.Variant;
import datacapsim.scenario.AbuseScenario;
import datacapsim.scenario.Scenario;

/**
 * The scenario's closed sets of words mapped onto the types of the chain, contracts and agents, which know nothing
 * of scenarios. Each mapping is an exhaustive switch, so a word added to a scenario enum does not compile until the
 * engine says what it means.
 */
final class ScenarioTerms {
    private ScenarioTerms() {}

    static Variant variant(Scenario.Variant v) {
        return switch (v) {
            case DESIGNED -> Variant.DESIGNED;
            case DEPLOYED -> Variant.DEPLOYED;
        };
    }

    static ChainConfig.RewardConfig.Mode rewardMode(Scenario.RewardMode m) {
        return switch (m) {
            case MINTING -> ChainConfig.RewardConfig.Mode.MINTING;
            case SERIES -> ChainConfig.RewardConfig.Mode.SERIES;
        };
    }

    static ChainConfig.Payout payout(Scenario.Payout p) {
        return switch (p) {
            case EXPECTED -> ChainConfig.Payout.EXPECTED;
            case SAMPLED -> ChainConfig.Payout.SAMPLED;
        };
    }

    static ChainConfig.PledgeConfig.Mode pledgeMode(Scenario.PledgeMode m) {
        return switch (m) {
            case FIP_0081 -> ChainConfig.PledgeConfig.Mode.FIP_0081;
            case PER_TIB -> ChainConfig.PledgeConfig.Mode.PER_TIB;
        };
    }

    /** A sector size in bytes. */
    static long sectorBytes(Scenario.SectorSize s) {
        return switch (s) {
            case SIZE_32GIB -> Policy.SECTOR_SIZE_32GIB;
            case SIZE_64GIB -> Policy.SECTOR_SIZE_64GIB;
        };
    }

    static AbuseCompliance.Action complianceAction(AbuseScenario.ComplianceAction a) {
        return switch (a) {
            case NONE -> AbuseCompliance.Action.NONE;
            case WITHHOLD -> AbuseCompliance.Action.WITHHOLD;
            case CLAWBACK -> AbuseCompliance.Action.CLAWBACK;
        };
    }
}
