package datacapsim.cli;

import static org.junit.jupiter.api.Assertions.*;

import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --set path=value} reaches the run: the resolved scenario the run writes carries every override. */
class SetOptionTest {
    @TempDir
    Path out;

    private static final String SMALL = "src/test/resources/small-direct.yaml";

    @Test
    void overridesAnyFieldAndTheRunWritesThem() throws IOException {
        CliRun r = CliRun.of("run", SMALL, "--days", "3", "--out", out.toString(),
                "--set", "clients.count=7",
                "--set", "chain.payout=sampled",
                "--set", "clients.datasetTib={type: constant, value: 3}",
                "--set", "providers.sealingTibPerDay.max=1.5",
                "--set", "chain.rewardSeries=[{day: 0, filPerEpoch: 12}, {day: 2, filPerEpoch: 9}]",
                "--set", "name=set-test",
                "--set", "clients.count=9");
        assertEquals(0, r.code(), r.err());
        Scenario s = ScenarioLoader.load(out.resolve("set-test/seed-20260704/scenario.resolved.yaml")).scenario();
        assertEquals(9, s.clients().count(), "a later --set wins");
        assertEquals("sampled", s.chain().payout().word());
        assertEquals("constant", s.clients().datasetTib().type().word());
        assertEquals(3.0, s.clients().datasetTib().value());
        assertEquals("uniform", s.providers().sealingTibPerDay().type().word(), "one field of a distribution keeps the rest");
        assertEquals(0.25, s.providers().sealingTibPerDay().min());
        assertEquals(1.5, s.providers().sealingTibPerDay().max());
        assertEquals(2, s.chain().rewardSeries().size());
        assertEquals(new BigDecimal("9"), s.chain().rewardSeries().get(1).filPerEpoch());
        assertEquals(3, s.horizonDays());
    }

    @Test
    void validateAppliesThemToo() {
        CliRun ok = CliRun.of("validate", "scenarios/direct.yaml", "--set", "clients.count=50", "--set", "governance.onrampLimitTib=5");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().startsWith("scenarios/direct.yaml: valid"), ok.out());
    }

    @Test
    void theOrderOfOverridesDoesNotMatterForCrossFieldRules() {
        // each alone would break term_min <= term_max; together they are valid
        CliRun r = CliRun.of("validate", "scenarios/direct.yaml", "--set", "clients.termMinDays=700", "--set", "clients.termMaxDays=800");
        assertEquals(0, r.code(), r.err());
    }
}
