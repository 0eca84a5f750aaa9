package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.*;

import datacapsim.agents.AbuseKind;
import datacapsim.agents.Allocator;
import datacapsim.agents.DueDiligence;
import datacapsim.agents.GovernanceTeam;
import datacapsim.agents.abuse.AbuseClient;
import datacapsim.agents.abuse.AbuseCompliance;
import datacapsim.agents.abuse.AbuseLedger;
import datacapsim.agents.abuse.ColludingClient;
import datacapsim.agents.abuse.SelfDealingClient;
import datacapsim.agents.abuse.SybilClient;
import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.Claim;
import datacapsim.chain.Policy;
import datacapsim.contracts.ClientContract;
import datacapsim.contracts.OnRamp;
import datacapsim.metrics.Probes;
import datacapsim.scenario.Overrides;
import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Abusive populations and the controls against them, at fixed seeds on small worlds: every attack scenario runs with
 * invariants on; sybil share falls as diligence rises; bans stop allowances; fair-share caps hold at zero slack;
 * colluding allocators and compliance sanctions behave as documented; scenarios without abuse are untouched.
 */
class AbuseBehaviourTest {
    static final List<String> ATTACKS = List.of("attack-sybil-clients", "attack-self-dealing-provider", "attack-lax-allocator");

    /** A bundled scenario with YAML overrides applied (validated like a command-line override). */
    static Scenario abuseScenario(String name, String overrides) {
        ScenarioLoader.Loaded loaded = ScenarioLoader.load(Path.of("scenarios/" + name + ".yaml"));
        if (overrides.isBlank()) return loaded.scenario();
        return Overrides.override(loaded, Overrides.partial(overrides, "test"), Map.of()).scenario();
    }

    /** A small, fast world: few honest clients and providers, short horizon. */
    static String abuseSmall(int days) {
        return "horizonDays: " + days + "\n"
                + "clients:\n  count: 40\n"
                + "providers:\n  count: 8\n";
    }

    static Simulation abuseRun(Scenario s) {
        Simulation sim = new Simulation(s, true);
        sim.run();
        return sim;
    }

    static AbuseLedger abuseLedger(Simulation sim) {
        List<AbuseCompliance> desks = sim.agents(AbuseCompliance.class);
        assertEquals(1, desks.size(), "one abuse desk");
        return desks.get(0).ledger();
    }

    static String abuseColumn(Simulation sim, String column) {
        for (var c : Probes.TIMESERIES) if (c.name().equals(column)) return String.valueOf(c.probe().apply(datacapsim.metrics.Sample.of(sim)));
        throw new AssertionError("no column " + column);
    }

    @Test
    void everyAttackScenarioRunsAShortHorizonWithInvariants() {
        for (String name : ATTACKS) {
            ScenarioLoader.Loaded loaded = ScenarioLoader.load(Path.of("scenarios/" + name + ".yaml"));
            Scenario s = Overrides.override(loaded, Overrides.partial("horizonDays: 40", "test"), Map.of()).scenario();
            assertTrue(s.question() != null && !s.question().isBlank(), name + " states its question");
            Simulation sim = new Simulation(s, true);
            List<Long> days = new ArrayList<>();
            sim.addObserver((day, x) -> days.add(day));
            sim.run();
            assertEquals(41, days.size(), name);
            AbuseLedger ledger = abuseLedger(sim);
            assertFalse(ledger.clients().isEmpty(), name + " has abusive clients");
            assertTrue(sim.chain().datacap().minted() > 0, name + " minted DataCap");
            assertTrue(ledger.grantedByAllocators() > 0, name + " allocators granted");
            double share = Double.parseDouble(abuseColumn(sim, "abuse_granted_share"));
            assertTrue(share >= 0 && share <= 1, name + " share " + share);
        }
    }

    @Test
    void sybilShareFallsAsDueDiligenceRises() {
        double[] catchP = {0.0, 0.5, 0.9};
        long[] granted = new long[catchP.length];
        double[] grantedShare = new double[catchP.length];
        double[] claimedShare = new double[catchP.length];
        long[] caught = new long[catchP.length];
        for (int i = 0; i < catchP.length; i++) {
            Scenario s = abuseScenario("attack-sybil-clients", abuseSmall(120)
                    + "abuse:\n  catchProbability: " + catchP[i] + "\n  sybilOwners: 4\n  sybilAddressesPerOwner: 10\n"
                    + "  selfDealingProviders: 2\n  auditProbability: 0.0\n");
            Simulation sim = abuseRun(s);
            AbuseLedger ledger = abuseLedger(sim);
            granted[i] = ledger.grantedToAbusive(AbuseKind.SYBIL);
            grantedShare[i] = Double.parseDouble(abuseColumn(sim, "abuse_granted_share"));
            claimedShare[i] = Double.parseDouble(abuseColumn(sim, "abuse_datacap_share"));
            caught[i] = sim.agents(Allocator.class).stream().mapToLong(Allocator::caught).sum();
        }
        String trace = "catch " + java.util.Arrays.toString(catchP) + " granted " + java.util.Arrays.toString(granted)
                + " granted share " + java.util.Arrays.toString(grantedShare) + " claimed share " + java.util.Arrays.toString(claimedShare)
                + " caught " + java.util.Arrays.toString(caught);
        assertEquals(0, caught[0], trace);
        assertTrue(grantedShare[0] > 0 && claimedShare[0] > 0, trace);
        for (int i = 1; i < catchP.length; i++) {
            assertTrue(caught[i] > caught[i - 1], trace);
            assertTrue(grantedShare[i] < grantedShare[i - 1], trace);
            assertTrue(claimedShare[i] < claimedShare[i - 1], trace);
        }
    }

    @Test
    void bansStopAllowances() {
        // nothing caught at diligence, so sybils get allowances; every audit finds them; governance bans them on every OnRamp
        Scenario s = abuseScenario("attack-sybil-clients", abuseSmall(90)
                + "abuse:\n  catchProbability: 0.0\n  sybilOwners: 3\n  sybilAddressesPerOwner: 5\n  selfDealingProviders: 2\n"
                + "  sybilLinkProbability: 0.0\n  auditProbability: 1.0\n  complianceAction: none\n");
        Simulation sim = new Simulation(s, true);
        Map<Address, Long> totalAtBan = new HashMap<>();
        List<String> grewAfterBan = new ArrayList<>();
        sim.addObserver((day, x) -> {
            for (SybilClient c : x.agents(SybilClient.class)) {
                long total = 0;
                boolean locked = false;
                for (OnRamp r : x.world().deployment().onRamps()) {
                    total += r.clientContract().totalAllocations(c.address());
                    locked |= r.isLocked(c.address());
                }
                if (!locked) continue;
                Long before = totalAtBan.putIfAbsent(c.address(), total);
                if (before != null && total > before) grewAfterBan.add(c.label() + " day " + day + ": " + before + " -> " + total);
            }
        });
        sim.run();
        AbuseCompliance desk = sim.agents(AbuseCompliance.class).get(0);
        assertTrue(desk.bans() > 0, "audits led to bans");
        assertEquals(List.of(), grewAfterBan, "a banned client's allowance never grows");
        Address gov = sim.agents(GovernanceTeam.class).get(0).address();
        List<Allocator> allocators = sim.agents(Allocator.class);
        int tried = 0;
        for (SybilClient c : sim.agents(SybilClient.class)) {
            if (!desk.bannedAt().containsKey(c.address())) continue;
            assertTrue(c.granted() > 0, "only clients that received DataCap are audited");
            for (int i = 0; i < allocators.size(); i++) {
                OnRamp r = sim.world().deployment().onRamps().get(i);
                assertTrue(r.isLocked(c.address()), "banned on every OnRamp");
                for (Address caller : List.of(gov, allocators.get(i).address())) {
                    long before = r.clientContract().allowance(c.address());
                    ActorError e = assertThrows(ActorError.class, () -> r.increaseAllowance(caller, c.address(), Policy.TiB));
                    assertEquals("OnRamp.ClientLocked", e.rule());
                    assertEquals(before, r.clientContract().allowance(c.address()), "a refused increase changes nothing");
                    tried++;
                }
            }
        }
        assertTrue(tried > 0);
    }

    @Test
    void zeroSlackKeepsEveryProviderWithinItsFairShare() {
        for (String design : List.of("client-contract", "onramp")) {
            Scenario s = abuseScenario("attack-self-dealing-provider", abuseSmall(120)
                    + "design: " + design + "\ngovernance:\n  maxDeviationBps: 0\n"
                    + "abuse:\n  catchProbability: 0.0\n  selfDealingProviders: 2\n  selfDealingClients: 8\n"
                    + "  sybilOwners: 2\n  sybilAddressesPerOwner: 4\n  auditProbability: 0.0\n");
            Simulation sim = new Simulation(s, true);
            Map<ClientContract.ClientSp, Long> yesterday = new HashMap<>();
            List<String> over = new ArrayList<>();
            Set<Address> decreased = new HashSet<>();
            sim.addObserver((day, x) -> {
                if (day == 0) x.events().addListener(ev -> {
                    if (ev.event() instanceof ClientContract.AllowanceChanged ch && ch.allowanceAfter() < ch.allowanceBefore())
                        decreased.add(ch.client());
                });
                for (ClientContract cc : x.world().deployment().clientContracts()) {
                    for (var e : cc.allocationsPerSP().entrySet()) {
                        long before = yesterday.getOrDefault(e.getKey(), 0L);
                        yesterday.put(e.getKey(), e.getValue());
                        if (e.getValue() > before && e.getValue() > cc.maxPerSp(e.getKey().client()))
                            over.add(design + " day " + day + " " + e.getKey() + " " + e.getValue() + " > " + cc.maxPerSp(e.getKey().client()));
                    }
                }
            });
            sim.run();
            assertEquals(List.of(), over, design + ": no provider gets more than the fair share");
            for (ClientContract cc : sim.world().deployment().clientContracts())
                for (var e : cc.allocationsPerSP().entrySet())
                    if (!decreased.contains(e.getKey().client()))
                        assertTrue(e.getValue() <= cc.maxPerSp(e.getKey().client()), design + " " + e.getKey());
            // self-dealers reached their own provider's cap and could spend no more there
            long capped = 0;
            for (SelfDealingClient c : sim.agents(SelfDealingClient.class)) {
                for (ClientContract cc : sim.world().deployment().clientContracts()) {
                    long own = cc.allocatedTo(c.address(), c.ownProvider());
                    if (own == 0) continue;
                    assertEquals(0, cc.allocatedTo(c.address(), c.providers().get(1)), "a self-dealer gives nothing to its cover providers");
                    if (cc.maxPerSp(c.address()) - own < sim.world().sectorSize() && cc.allowance(c.address()) > 0) capped++;
                }
            }
            assertTrue(capped > 0, design + ": the cap held self-dealers back");
        }
    }

    @Test
    void selfDealingProvidersSealTheirOwnClientsAllocations() {
        Scenario s = abuseScenario("attack-self-dealing-provider", abuseSmall(90)
                + "design: direct\nabuse:\n  catchProbability: 0.0\n  selfDealingProviders: 2\n  selfDealingClients: 6\n"
                + "  auditProbability: 0.0\n");
        Simulation sim = abuseRun(s);
        AbuseLedger ledger = abuseLedger(sim);
        Set<Address> selfDealers = new HashSet<>();
        for (SelfDealingClient c : sim.agents(SelfDealingClient.class)) selfDealers.add(c.address());
        long ownClaimed = 0;
        for (Address m : ledger.controlledProviders()) {
            assertTrue(sim.chain().miner(m).qaPower() > 0, "the self-dealing provider earned QA power");
            for (Claim c : sim.chain().verifreg().claimsOf(m).values()) {
                assertTrue(selfDealers.contains(c.client()), "a self-dealing provider's claims are its own clients'");
                ownClaimed += c.size();
            }
        }
        assertEquals(ledger.claimedByAbusive(AbuseKind.SELF_DEALING), ownClaimed, "claimed bytes counted once, at the provider");
        for (SelfDealingClient c : sim.agents(SelfDealingClient.class))
            assertTrue(ledger.controlledProviders().contains(c.ownProvider()));
        assertTrue(sim.chain().stats().succeeded(datacapsim.chain.Miner.PROVE_COMMIT) > 0);
    }

    @Test
    void colludingAllocatorGrantsItsClientsWithoutDiligence() {
        Scenario s = abuseScenario("attack-lax-allocator", abuseSmall(60)
                + "abuse:\n  catchProbability: 1.0\n  laxCatchProbability: 1.0\n  colludingClients: 6\n"
                + "  sybilOwners: 2\n  sybilAddressesPerOwner: 5\n  auditProbability: 0.0\n  reapplyAttempts: 0\n"
                + "behaviour:\n  mode: scripted\n"); // every colluding client applies (no choice to stay out)
        Simulation sim = abuseRun(s);
        List<Allocator> colluders = sim.agents(Allocator.class).stream()
                .filter(a -> a.stance() == DueDiligence.Stance.COLLUDING).toList();
        assertEquals(1, colluders.size());
        for (ColludingClient c : sim.agents(ColludingClient.class)) {
            assertSame(colluders.get(0), c.partner());
            assertTrue(c.granted() > 0, c.label() + " granted without diligence");
        }
        for (SybilClient c : sim.agents(SybilClient.class)) assertEquals(0, c.granted(), c.label() + " caught everywhere");
    }

    @Test
    void complianceCutsOffAnAllocatorThatGrantsToAbusers() {
        Scenario s = abuseScenario("attack-lax-allocator", abuseSmall(120)
                + "abuse:\n  colludingClients: 8\n  sybilOwners: 0\n  auditProbability: 1.0\n  complianceAction: clawback\n"
                + "  complianceToleranceShare: 0.0\n  maxStrikes: 1\n");
        Simulation sim = new Simulation(s, true);
        List<Long> allowanceAfterCutOff = new ArrayList<>();
        sim.addObserver((day, x) -> {
            AbuseCompliance desk = x.agents(AbuseCompliance.class).get(0);
            for (Allocator a : x.agents(Allocator.class))
                if (desk.isCutOff(a)) allowanceAfterCutOff.add(x.world().deployment().meta().orElseThrow().allowance(a.address()));
        });
        sim.run();
        AbuseCompliance desk = sim.agents(AbuseCompliance.class).get(0);
        Allocator colluder = sim.agents(Allocator.class).stream().filter(a -> a.stance() == DueDiligence.Stance.COLLUDING)
                .findFirst().orElseThrow();
        assertTrue(desk.isCutOff(colluder), "the colluding allocator is cut off");
        assertFalse(allowanceAfterCutOff.isEmpty());
        for (long left : allowanceAfterCutOff) assertEquals(0L, left, "a cut-off allocator is never topped up");
        assertTrue(sim.agents(GovernanceTeam.class).get(0).sanctionedBack() > 0, "its allowance was taken back");
        for (Allocator a : sim.agents(Allocator.class))
            if (a.stance() != DueDiligence.Stance.COLLUDING) assertFalse(desk.isCutOff(a), a.label() + " granted to no abuser");
    }

    @Test
    void scenariosWithoutAbusiveClientsAreUntouchedByTheAbuseControls() {
        for (String name : List.of("direct", "meta-allocator", "client-contract", "onramp")) {
            Scenario plain = abuseScenario(name, abuseSmall(45));
            Scenario strict = abuseScenario(name, abuseSmall(45) + "abuse:\n  catchProbability: 1.0\n  diligentAllocatorShare: 0.2\n"
                    + "  laxAllocatorShare: 0.4\n  colludingAllocatorShare: 0.4\n  auditProbability: 1.0\n"
                    + "  complianceAction: clawback\n  maxStrikes: 1\n  pauseAboveShare: 0.0\n");
            Simulation a = abuseRun(plain);
            Simulation b = abuseRun(strict);
            assertEquals(SimulationTest.fingerprint(a), SimulationTest.fingerprint(b), name);
            assertTrue(a.agents(AbuseClient.class).isEmpty());
            assertTrue(a.agents(AbuseCompliance.class).isEmpty());
            assertTrue(a.chain().verifreg().claimedBytes() > 0, name + " honest clients' allocations were claimed");
            for (String col : List.of("abuse_granted_bytes", "abuse_claimed_bytes", "abuse_banned_clients", "honest_rejected_applications"))
                assertEquals("0", abuseColumn(a, col), name + " " + col);
            assertEquals("0.000000000", abuseColumn(a, "abuse_datacap_share"), name);
        }
    }

    @Test
    void governancePausesEveryOnRampWhenIdentifiedAbusePassesTheThreshold() {
        Scenario s = abuseScenario("attack-sybil-clients", abuseSmall(120)
                + "abuse:\n  catchProbability: 0.0\n  sybilOwners: 3\n  sybilAddressesPerOwner: 5\n  selfDealingProviders: 2\n"
                + "  auditProbability: 1.0\n  complianceAction: none\n  pauseAboveShare: 0.0\n  pauseDays: 20\n");
        Simulation sim = new Simulation(s, true);
        List<Long> pausedDays = new ArrayList<>();
        List<String> grewWhilePaused = new ArrayList<>();
        long[] lastTotal = {-1};
        sim.addObserver((day, x) -> {
            long total = 0;
            for (ClientContract cc : x.world().deployment().clientContracts()) total += cc.totalsGranted().values().stream().mapToLong(Long::longValue).sum();
            boolean paused = x.world().deployment().onRamps().stream().allMatch(OnRamp::paused);
            if (paused && pausedDays.contains(day - 1) && total > lastTotal[0]) grewWhilePaused.add("day " + day);
            if (paused) pausedDays.add(day);
            lastTotal[0] = total;
        });
        sim.run();
        AbuseCompliance desk = sim.agents(AbuseCompliance.class).get(0);
        assertTrue(desk.pauses() > 0, "the threshold was passed");
        assertFalse(pausedDays.isEmpty());
        assertEquals(List.of(), grewWhilePaused, "no new allowance while every OnRamp is paused");
        assertTrue(pausedDays.size() < 120, "pauses end");
        assertTrue(sim.chain().stats().failuresByRule().getOrDefault("OnRamp.EnforcedPause", 0L) > 0, "allocators were refused and carried on");
    }

    @Test
    void withoutSharedCatchesACaughtSybilShopsForALaxAllocator() {
        Scenario s = abuseScenario("attack-lax-allocator", abuseSmall(120)
                + "design: direct\nabuse:\n  diligentAllocatorShare: 0.6\n  laxAllocatorShare: 0.4\n  colludingAllocatorShare: 0.0\n"
                + "  catchProbability: 1.0\n  laxCatchProbability: 0.0\n  shareCatches: false\n  reapplyAttempts: 4\n"
                + "  colludingClients: 0\n  sybilOwners: 2\n  sybilAddressesPerOwner: 8\n  auditProbability: 0.0\n");
        Simulation sim = abuseRun(s);
        int shopped = 0;
        for (SybilClient c : sim.agents(SybilClient.class)) {
            List<Allocator> tried = c.appliedTo();
            for (Allocator a : tried) {
                if (a.stance() == DueDiligence.Stance.DILIGENT) assertEquals(0, a.grantedTo(c.address()), "a diligent allocator catches every sybil");
            }
            if (tried.size() > 1 && tried.get(0).stance() == DueDiligence.Stance.DILIGENT && c.granted() > 0) shopped++;
        }
        assertTrue(shopped > 0, "a sybil rejected by a diligent allocator got DataCap from a lax one");
        assertEquals(0, abuseLedger(sim).identified().size(), "catches not shared: governance identifies nobody");
    }

    @Test
    void directRootKeyRemovesASanctionedVerifierAndKeepsTheOthers() {
        Scenario s = abuseScenario("attack-lax-allocator", abuseSmall(100)
                + "design: direct\nabuse:\n  colludingClients: 8\n  sybilOwners: 0\n  auditProbability: 1.0\n  complianceAction: clawback\n"
                + "  complianceToleranceShare: 0.0\n  maxStrikes: 1\n");
        Simulation sim = abuseRun(s);
        AbuseCompliance desk = sim.agents(AbuseCompliance.class).get(0);
        assertTrue(sim.agents(datacapsim.agents.RootKeyHolder.class).isEmpty(), "the root key's policy runs inside the desk");
        for (Allocator a : sim.agents(Allocator.class)) {
            boolean colluding = a.stance() == DueDiligence.Stance.COLLUDING;
            assertEquals(colluding, desk.isCutOff(a), a.label());
            assertEquals(!colluding, sim.chain().verifreg().isVerifier(a.address()), a.label() + " is a verifier unless cut off");
        }
        assertTrue(desk.verifierRemovedBack() > 0, "the colluding verifier's allowance went with it");
    }

    @Test
    void sameAbuseScenarioAndSeedGiveTheSameRun() {
        Scenario s = abuseScenario("attack-lax-allocator", abuseSmall(60)
                + "abuse:\n  colludingClients: 5\n  sybilOwners: 2\n  sybilAddressesPerOwner: 4\n");
        Simulation a = abuseRun(s);
        Simulation b = abuseRun(s);
        assertEquals(SimulationTest.fingerprint(a), SimulationTest.fingerprint(b));
        for (var c : Probes.TIMESERIES) assertEquals(String.valueOf(c.probe().apply(datacapsim.metrics.Sample.of(a))), String.valueOf(c.probe().apply(datacapsim.metrics.Sample.of(b))), c.name());
    }
}
