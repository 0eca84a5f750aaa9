package datacapsim.engine;

import datacapsim.agents.abuse.AbuseCompliance;
import datacapsim.chain.ChainConfig;
import datacapsim.chain.Regime;
import datacapsim.chain.Policy;
import datacapsim.contracts.Variant;
import datacapsim.economy.CostKind;
import datacapsim.economy.FilPrice;
import datacapsim.scenario.AbuseScenario;
import datacapsim.scenario.Dist;
import datacapsim.scenario.EconomyScenario;
import datacapsim.scenario.ProviderCosts;
import datacapsim.scenario.Scenario;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.random.RandomGenerator;

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

    static Regime regime(Scenario.Regime r) {
        return switch (r) {
            case DDO -> Regime.DDO;
            case V1 -> Regime.V1;
            case V1_TOPUP -> Regime.V1_TOPUP;
            case FIP45_MARKET -> Regime.FIP45_MARKET;
            case SOLSTICE -> Regime.SOLSTICE;
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

    /** The scenario's cost distributions by kind, each drawing from {@code rng}. */
    static Map<CostKind, RealDistribution> costs(ProviderCosts c, RandomGenerator rng) {
        Map<CostKind, RealDistribution> out = new EnumMap<>(CostKind.class);
        for (CostKind k : CostKind.values()) {
            Dist d = switch (k) {
                case POWER -> c.power();
                case DISKS -> c.disks();
                case BANDWIDTH -> c.bandwidth();
                case STAFF -> c.staff();
                case SEALING -> c.sealing();
                case GAS -> c.gas();
                case EXTRA_COPY -> c.extraCopy();
                case BIZDEV -> c.bizdev();
            };
            out.put(k, d.realize(rng));
        }
        return out;
    }

    /** The FIL price path of a scenario; a gbm draws from {@code rng}, the price's own stream. */
    static FilPrice filPrice(EconomyScenario e, RandomGenerator rng) {
        return switch (e.filPriceModel()) {
            case CONSTANT -> new FilPrice.Constant(e.filPriceUsd().doubleValue());
            case SERIES -> {
                TreeMap<Integer, Double> steps = new TreeMap<>();
                for (EconomyScenario.PriceStep st : e.filPriceSeries())
                    steps.put(Math.toIntExact(st.day()), st.usd().doubleValue());
                yield new FilPrice.Series(steps);
            }
            case GBM -> new FilPrice.Gbm(e.filPriceUsd().doubleValue(), e.filPriceDriftPerYear(),
                    e.filPriceVolatilityPerYear(), rng);
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
