package datacapsim.scenario;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ScenarioLoader#apply}: command-line settings through the same binding and checks as a file. */
class SettingsTest {
    private static final ScenarioLoader.Loaded DIRECT = ScenarioLoader.load(Path.of("scenarios/direct.yaml"));

    private static Scenario set(String... assignments) {
        return Overrides.apply(DIRECT, List.of(assignments).stream().map(Setting::parse).toList()).scenario();
    }

    private static ScenarioException refuse(String... assignments) {
        return assertThrows(ScenarioException.class, () -> set(assignments));
    }

    @Test
    void scalarsWordsMappingsAndListsAreSet() {
        Scenario s = set("clients.count=50", "variant=deployed", "allocators.dueDiligenceDays={type: exponential, mean: 4}",
                "chain.rewardSeries=[{day: 0, filPerEpoch: 3}]", "chain.dailyFee=true");
        assertEquals(50, s.clients().count());
        assertEquals("deployed", s.variant().word());
        assertEquals("exponential", s.allocators().dueDiligenceDays().type().word());
        assertNull(s.allocators().dueDiligenceDays().min(), "a whole distribution replaces the one in force");
        assertEquals(1, s.chain().rewardSeries().size());
        assertTrue(s.chain().dailyFee());
        assertEquals(DIRECT.scenario().clients().replicas(), s.clients().replicas(), "other fields untouched");
    }

    @Test
    void aDistributionsOwnFieldChangesOnlyThatField() {
        Scenario s = set("clients.datasetTib.median=30");
        assertEquals("lognormal", s.clients().datasetTib().type().word());
        assertEquals(30.0, s.clients().datasetTib().median());
        assertEquals(DIRECT.scenario().clients().datasetTib().sigma(), s.clients().datasetTib().sigma());
    }

    @Test
    void aFieldTheDistributionInForceDoesNotUseIsRefused() {
        ScenarioException e = refuse("clients.datasetTib.min=1");
        assertEquals("clients.datasetTib.min", e.path());
        assertEquals("--set clients.datasetTib.min=1", e.file());
        assertEquals("the fields of lognormal: median, sigma", e.allowed());
        Scenario s = set("clients.datasetTib={type: uniform, min: 1, max: 2}", "clients.datasetTib.max=4");
        assertEquals(4.0, s.clients().datasetTib().max());
    }

    @Test
    void aGroupCanBeSetAsAMapping() {
        Scenario s = set("clients={count: 3, replicas: 1}");
        assertEquals(3, s.clients().count());
        assertEquals(1, s.clients().replicas());
        assertEquals(DIRECT.scenario().clients().termMaxDays(), s.clients().termMaxDays());
    }

    @Test
    void errorsNameTheOptionWithoutALine() {
        ScenarioException e = refuse("clients.count=abc");
        assertEquals("--set clients.count=abc", e.file());
        assertEquals(0, e.line());
        assertEquals("clients.count", e.path());
        assertEquals("abc", e.value());
        e = refuse("clients.replicas=0");
        assertEquals("--set clients.replicas=0", e.file());
        assertEquals("out of range", e.problem());
        e = refuse("clients.datasetTib.sigma=-1");
        assertEquals("--set clients.datasetTib.sigma=-1", e.file());
        assertEquals("clients.datasetTib.sigma", e.path());
    }

    @Test
    void unknownPathsSuggestTheClosest() {
        ScenarioException e = refuse("clinets.count=3");
        assertEquals("clinets.count", e.path());
        assertTrue(e.problem().contains("did you mean 'clients.count'"), e.problem());
        e = refuse("clients.datasetTib.mediam=3");
        assertTrue(e.problem().contains("did you mean 'clients.datasetTib.median'"), e.problem());
        assertTrue(e.allowed().contains("clients.datasetTib.sigma"), e.allowed());
        e = refuse("zzzzzz=1");
        assertFalse(e.problem().contains("did you mean"), e.problem());
        assertTrue(e.allowed().contains("horizonDays"), e.allowed());
    }

    @Test
    void listElementsAndExtendsCannotBeSetAlone() {
        assertTrue(refuse("chain.rewardSeries[0].day=0").allowed().contains("the whole list"));
        assertEquals("extends", refuse("extends=other.yaml").path());
        assertEquals("the setting has no value", refuse("clients.count=").problem());
        assertTrue(refuse("=3").problem().contains("path=value"));
    }

    @Test
    void theFileLocationsOfAnOverriddenFieldGiveWayToTheOption() {
        // direct.yaml writes clients.termMinDays on its own line; after --set the error points at the option
        ScenarioException e = refuse("clients.termMaxDays=180", "clients.termMinDays=200");
        assertEquals("--set clients.termMinDays=200", e.file());
    }
}
