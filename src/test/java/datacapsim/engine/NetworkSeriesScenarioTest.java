package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.chain.Policy;
import datacapsim.scenario.Overrides;
import datacapsim.scenario.ScenarioException;
import datacapsim.scenario.ScenarioLoader;
import datacapsim.scenario.Setting;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * chain.networkQaPowerSeries and its siblings: the mid-2026 decline of the outside network as a day series that
 * stops instead of passing zero, read by the chain in place of the start value and daily change; a series that does
 * not start from the start value, or comes with a daily change, is a scenario error naming the field.
 */
class NetworkSeriesScenarioTest {
    private static final String DECLINE = "chain.networkQaPowerSeries=[{day: 0, pib: 14760}, {day: 30, pib: 13860},"
            + " {day: 60, pib: 13860}]";

    @Test
    void theOutsideNetworkFollowsTheSeries() {
        Simulation s = ProviderBooksTest.run("direct.yaml", List.of("horizonDays=45", DECLINE));
        BigInteger outside = s.chain().config().exogenousQa(s.chain().epoch());
        assertEquals(BigInteger.valueOf(13_860).multiply(BigInteger.valueOf(Policy.PiB)), outside,
                "30 PiB a day for 30 days, then flat");
        assertTrue(s.chain().power().networkQa().compareTo(outside) > 0, "the simulated providers add to it");
    }

    @Test
    void aSeriesMustStartFromTheStartValueAndComeWithoutADailyChange() {
        var loaded = ScenarioLoader.load(Path.of("scenarios", "direct.yaml"));
        ScenarioException start = assertThrows(ScenarioException.class, () -> Overrides.apply(loaded,
                List.of(Setting.parse("chain.networkQaPowerSeries=[{day: 0, pib: 100}, {day: 9, pib: 50}]"))));
        assertEquals("chain.networkQaPowerSeries[0]", start.path());
        assertTrue(start.allowed().contains("chain.networkQaPowerPib"), start.allowed());
        ScenarioException change = assertThrows(ScenarioException.class, () -> Overrides.apply(loaded,
                List.of(Setting.parse(DECLINE), Setting.parse("chain.networkQaPowerChangePibPerDay=-20"))));
        assertEquals("chain.networkQaPowerChangePibPerDay", change.path());
        ScenarioException order = assertThrows(ScenarioException.class, () -> Overrides.apply(loaded,
                List.of(Setting.parse("chain.circulatingSupplySeries=[{day: 0, fil: 680000000}, {day: 0, fil: 1}]"))));
        assertEquals("chain.circulatingSupplySeries[1].day", order.path());
    }
}
