package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.chain.Chain;
import datacapsim.chain.ChainConfig;
import datacapsim.chain.Fil;
import datacapsim.chain.Policy;
import datacapsim.chain.RewardActor;
import datacapsim.scenario.Defaults;
import datacapsim.scenario.Overrides;
import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioLoader;
import datacapsim.scenario.Setting;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/**
 * The mid-2026 calibration (actors.md "Realistic defaults"; issue 12 item 3) at the project's defaults: θ 3.71 M
 * epochs gives ≈ 21.6 FIL an epoch (18.4 simple + 3.1 baseline) and ≈ 0.0041 FIL per TiB of QA power a day, and
 * both fees are on. {@link #main} prints the figures ASSUMPTIONS.md quotes, for the spec's θ range too.
 */
class CalibrationTest {
    /** First-epoch figures of a chain built from the scenario's chain parameters, before any simulated power. */
    record Figures(BigInteger epochReward, BigInteger simple, BigInteger baseline, BigDecimal filPerTibQaDay) {
        static Figures of(Scenario s) {
            ChainConfig cfg = Simulation.chainConfig(s);
            Chain c = new Chain(cfg, new MersenneTwister(1));
            BigInteger reward = c.reward().thisEpochReward();
            double g = c.genesisEpochNow();
            BigInteger simple = RewardActor.simpleMinted(g + 1).subtract(RewardActor.simpleMinted(g));
            BigInteger perTibDay = reward.multiply(BigInteger.valueOf(Policy.EPOCHS_IN_DAY))
                    .multiply(BigInteger.valueOf(Policy.TiB)).divide(c.power().networkQa());
            return new Figures(reward, simple, reward.subtract(simple),
                    new BigDecimal(perTibDay).movePointLeft(18).round(MathContext.DECIMAL64));
        }
    }

    static Scenario withTheta(long theta) {
        return Overrides.apply(new ScenarioLoader.Loaded(Defaults.scenario(), Map.of(), List.of()),
                List.of(Setting.parse("chain.effectiveNetworkTimeEpochs=" + theta))).scenario();
    }

    @Test
    void defaultStartPaysTheCalibratedReward() {
        Scenario d = Defaults.scenario();
        assertEquals(3_710_000L, d.chain().effectiveNetworkTimeEpochs());
        Figures f = Figures.of(d);
        assertTrue(f.epochReward().compareTo(Fil.parseFil("21.2")) >= 0
                && f.epochReward().compareTo(Fil.parseFil("22.0")) <= 0,
                "21.6 ± 0.4 FIL an epoch, got " + Fil.toFilString(f.epochReward()));
        assertTrue(f.simple().compareTo(Fil.parseFil("18.3")) >= 0 && f.simple().compareTo(Fil.parseFil("18.5")) <= 0,
                "simple minting ≈ 18.4 FIL, got " + Fil.toFilString(f.simple()));
        assertTrue(f.baseline().compareTo(Fil.parseFil("2.8")) >= 0 && f.baseline().compareTo(Fil.parseFil("3.6")) <= 0,
                "baseline minting ≈ 3.1 FIL, got " + Fil.toFilString(f.baseline()));
        double perTib = f.filPerTibQaDay().doubleValue();
        assertTrue(perTib >= 0.0040 && perTib <= 0.0042, "≈ 0.0041 FIL per TiB QA a day, got " + perTib);
    }

    @Test
    void bothFeesAreOnByDefault() {
        Scenario.ChainParams c = Defaults.scenario().chain();
        assertTrue(c.dailyFee(), "FIP-0100 daily fee");
        assertTrue(c.terminationFee(), "FIP-0098 termination fee");
        ChainConfig cfg = Simulation.chainConfig(Defaults.scenario());
        assertTrue(cfg.dailyFeeEnabled() && cfg.terminationFeeEnabled());
    }

    @Test
    void theSpecsThetaRangeBracketsTheRewardRange() {
        // a later θ has minted more of the baseline: the reward falls with θ, 3.54 M → upper, 3.85 M → lower end
        BigInteger low = Figures.of(withTheta(3_850_000L)).epochReward();
        BigInteger mid = Figures.of(withTheta(3_710_000L)).epochReward();
        BigInteger high = Figures.of(withTheta(3_540_000L)).epochReward();
        assertTrue(low.compareTo(mid) < 0 && mid.compareTo(high) < 0);
        assertTrue(low.compareTo(Fil.parseFil("21.0")) > 0 && high.compareTo(Fil.parseFil("22.3")) < 0,
                Fil.toFilString(low) + " .. " + Fil.toFilString(high));
    }

    /** Prints the calibration figures (for ASSUMPTIONS.md): {@code java ... datacapsim.engine.CalibrationTest}. */
    public static void main(String[] args) {
        for (long theta : new long[] {3_050_000L, 3_540_000L, 3_710_000L, 3_850_000L}) {
            Figures f = Figures.of(withTheta(theta));
            System.out.printf("theta %,d: %s FIL/epoch = %s simple + %s baseline; %s FIL per TiB QA a day%n", theta,
                    Fil.toFilString(f.epochReward()), Fil.toFilString(f.simple()), Fil.toFilString(f.baseline()),
                    f.filPerTibQaDay().toPlainString());
        }
    }
}
