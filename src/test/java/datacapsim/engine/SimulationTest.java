package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.*;

import datacapsim.scenario.Overrides;
import datacapsim.chain.Miner;
import datacapsim.chain.Policy;
import datacapsim.chain.Sector;
import datacapsim.chain.VerifiedRegistry;
import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulationTest {
    static Scenario small() {
        return ScenarioLoader.load(Path.of("src/test/resources/small-direct.yaml")).scenario();
    }

    static Scenario with(Scenario base, Long seed, Integer days, Long stepEpochs) {
        StringBuilder yaml = new StringBuilder();
        if (seed != null) yaml.append("seed: ").append(seed).append('\n');
        if (days != null) yaml.append("horizonDays: ").append(days).append('\n');
        if (stepEpochs != null) yaml.append("stepEpochs: ").append(stepEpochs).append('\n');
        Scenario partial = Overrides.partial(yaml.toString(), "test");
        return Overrides.override(new ScenarioLoader.Loaded(base, Map.of(), List.of()), partial, Map.of()).scenario();
    }

    @Test
    void invariantsHoldAfterEveryStepAndDataCapFlowsThroughEveryLevel() {
        List<Long> days = new ArrayList<>();
        Simulation sim = new Simulation(small(), true);
        sim.addObserver((day, s) -> {
            days.add(day);
            assertEquals(List.of(), Invariants.violations(s.chain()), "day " + day);
        });
        sim.run();
        assertEquals(121, days.size());
        assertEquals(0L, days.get(0));
        assertEquals(120L, days.get(120));
        var c = sim.chain();
        assertTrue(c.datacap().minted() > 0, "clients received DataCap");
        assertTrue(c.verifreg().claimedBytes() > 0, "providers claimed allocations");
        assertTrue(c.power().simulatedQa().signum() > 0, "claimed sectors carry QA power");
        assertTrue(c.rewardToSimulated().signum() > 0, "miners earned block rewards");
        assertTrue(c.stats().succeeded(Miner.PROVE_COMMIT) > 0);
        assertTrue(c.stats().succeeded(VerifiedRegistry.ADD_VERIFIED_CLIENT) > 0);
    }

    @Test
    void noClaimOutsideItsWindowAndNoSectorOutsideItsLifetime() {
        Simulation sim = new Simulation(small(), true);
        sim.run();
        var c = sim.chain();
        for (Miner m : c.miners().values()) {
            for (Sector s : m.sectors().values()) {
                assertTrue(s.expiration() - s.activation() >= Policy.MIN_SECTOR_EXPIRATION);
                assertTrue(s.expiration() - s.activation() <= Policy.SECTOR_MAXIMUM_LIFETIME);
                for (long id : s.claimIds()) {
                    var claim = c.verifreg().claim(m.address(), id);
                    assertNotNull(claim);
                    long term = s.expiration() - claim.termStart();
                    assertTrue(term >= claim.termMin() && term <= claim.termMax(), "claim " + id + " term " + term);
                }
            }
        }
    }

    @Test
    void sameScenarioAndSeedGiveTheSameRun() {
        Simulation a = new Simulation(small(), false);
        Simulation b = new Simulation(small(), false);
        List<String> ra = new ArrayList<>();
        List<String> rb = new ArrayList<>();
        a.addObserver((d, s) -> ra.add(fingerprint(s)));
        b.addObserver((d, s) -> rb.add(fingerprint(s)));
        a.run();
        b.run();
        assertEquals(ra, rb);
    }

    @Test
    void anotherSeedGivesAnotherRun() {
        Simulation a = new Simulation(small(), false);
        Simulation b = new Simulation(with(small(), 99L, null, null), false);
        a.run();
        b.run();
        assertNotEquals(fingerprint(a), fingerprint(b));
    }

    @Test
    void hourlyStepsKeepChainRulesAndAgreeOnAggregateFlows() {
        Scenario daily = with(small(), null, 60, 2_880L);
        Scenario hourly = with(small(), null, 60, 120L);
        Simulation d = new Simulation(daily, true);
        Simulation h = new Simulation(hourly, true);
        List<Long> hourlyDays = new ArrayList<>();
        h.addObserver((day, s) -> hourlyDays.add(day));
        d.run();
        h.run();
        assertEquals(61, hourlyDays.size(), "one row a day whatever the step");
        double md = d.chain().datacap().minted();
        double mh = h.chain().datacap().minted();
        assertEquals(md, mh, 0.25 * md, "DataCap minted within 25 %");
        double cd = d.chain().verifreg().claimedBytes();
        double ch = h.chain().verifreg().claimedBytes();
        assertEquals(cd, ch, 0.25 * cd, "DataCap claimed within 25 %");
    }

    @Test
    void streamsAreStableAndIndependentByName() {
        RandomStreams s1 = new RandomStreams(7);
        RandomStreams s2 = new RandomStreams(7);
        assertEquals(s1.get(RandomStreams.Stream.POPULATION).nextLong(), s2.get(RandomStreams.Stream.POPULATION).nextLong());
        s2.get(RandomStreams.Stream.BEHAVIOUR).nextLong(); // drawing from another stream does not shift "a"
        assertEquals(s1.get(RandomStreams.Stream.POPULATION).nextLong(), s2.get(RandomStreams.Stream.POPULATION).nextLong());
        assertNotEquals(new RandomStreams(7).get(RandomStreams.Stream.POPULATION).nextLong(), new RandomStreams(7).get(RandomStreams.Stream.BEHAVIOUR).nextLong());
        assertNotEquals(new RandomStreams(7).get(RandomStreams.Stream.POPULATION).nextLong(), new RandomStreams(8).get(RandomStreams.Stream.POPULATION).nextLong());
        assertNotEquals(new RandomStreams(7).get(RandomStreams.Stream.QUALITY, 0).nextLong(),
                new RandomStreams(7).get(RandomStreams.Stream.QUALITY, 1).nextLong(), "members of a family differ");
        var names = java.util.Arrays.stream(RandomStreams.Stream.values()).map(RandomStreams.Stream::streamName).toList();
        assertEquals(names.size(), new java.util.HashSet<>(names).size(), "every stream has its own name");
    }

    static String fingerprint(Simulation s) {
        var c = s.chain();
        return c.epoch() + "|" + c.datacap().minted() + "|" + c.verifreg().claimedBytes() + "|" + c.power().simulatedQa()
                + "|" + c.rewardToSimulated() + "|" + c.stats().all();
    }
}
