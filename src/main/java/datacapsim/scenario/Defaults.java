package datacapsim.scenario;

import java.math.BigDecimal;
import java.util.List;

/** The default of every scenario field; ASSUMPTIONS.md gives each one's source. */
public final class Defaults {
    private Defaults() {}

    public static Scenario scenario() {
        return new Scenario(null, "unnamed", "", "", Scenario.Design.DIRECT, Scenario.Regime.DDO,
                Scenario.Variant.DESIGNED, 1L, 365, 2_880L,
                chain(), rootKey(), allocators(), clients(), providers(), governance(), EconomyScenario.defaults(),
                BehaviourScenario.defaults(),
                SlaScenario.defaults(),
                AbuseScenario.defaults(), SweepScenario.defaults(), SolsticeScenario.defaults());
    }

    public static Scenario.ChainParams chain() {
        return new Scenario.ChainParams(6_163_200L, new BigDecimal("1663"), new BigDecimal("14760"),
                BigDecimal.ZERO, BigDecimal.ZERO, 1_000,
                new BigDecimal("680000000"), BigDecimal.ZERO,
                Scenario.RewardMode.MINTING, 3_710_000L, List.of(new Scenario.RewardStep(0L, new BigDecimal("18.4"))),
                Scenario.Payout.EXPECTED, Scenario.PledgeMode.FIP_0081, new BigDecimal("0.1"), true, true,
                List.of(), List.of(), List.of(), 0);
    }

    public static Scenario.RootKeyParams rootKey() {
        return new Scenario.RootKeyParams(new BigDecimal("5120"), 0.2, 30);
    }

    public static Scenario.AllocatorParams allocators() {
        return new Scenario.AllocatorParams(5, Dist.uniform(3, 14), new BigDecimal("10"), new BigDecimal("200"), 0.25);
    }

    public static Scenario.ClientParams clients() {
        return new Scenario.ClientParams(100, Dist.lognormal(20, 1.0), 2, 4, Scenario.Arrivals.POISSON, 0.8,
                0.34, List.of(), 64, 180, 540, 30, Dist.uniform(540, 1826), 7);
    }

    public static Scenario.GovernanceParams governance() {
        return new Scenario.GovernanceParams(new BigDecimal("51200"), new BigDecimal("5120"), 0.2, 30, 0,
                7, new BigDecimal("100"), 0);
    }

    public static Scenario.ProviderParams providers() {
        return new Scenario.ProviderParams(20, Scenario.SectorSize.SIZE_32GIB, Dist.uniform(0.5, 2),
                new BigDecimal("100000"), 540, 0.5, 30, ProviderBehaviour.defaults(),
                ProviderCosts.defaults());
    }
}
