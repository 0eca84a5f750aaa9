package datacapsim.engine;

import static datacapsim.engine.SlaRuns.SMALL;
import static datacapsim.engine.SlaRuns.days;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.agents.sla.AllocatorService;
import datacapsim.agents.sla.OracleService;
import datacapsim.agents.sla.ProviderQuality;
import datacapsim.agents.sla.SlaClient;
import datacapsim.agents.sla.SlaGovernance;
import datacapsim.agents.sla.SlaProvider;
import datacapsim.agents.sla.SlaRiggedRegistry;
import datacapsim.agents.sla.SlaSquatter;
import datacapsim.agents.sla.TerminationOracle;
import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.Claim;
import datacapsim.chain.Policy;
import datacapsim.contracts.Beneficiary;
import datacapsim.contracts.SLAAllocator;
import datacapsim.contracts.SLAClientContract;
import datacapsim.contracts.SlaPair;
import datacapsim.contracts.SlaParams;
import datacapsim.contracts.SliAttestation;
import datacapsim.scenario.ProviderBehaviour;
import datacapsim.scenario.Scenario;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sla-allocator design end to end, at fixed seeds and small populations: every bundled SLA scenario runs with
 * invariants checked after every step; DataCap flows root key → SLAAllocator → SLA Client Contract → allocations →
 * claims and rewards through the Beneficiaries; the strategies, the global rate limit, the deployed attacks and the
 * oracle outage behave as the spec says; the same seed gives the same run.
 */
class SlaDesignTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sla-allocator", "sla-allocator-deployed", "attack-caller-chosen-registry",
            "attack-beneficiary-squatting", "attack-oracle-outage", "attack-cheating-providers"})
    void everySlaScenarioRunsAShortHorizonWithInvariants(String name) {
        Simulation sim = SlaRuns.run(SlaRuns.load(name, days(40)));
        Chain c = sim.chain();
        assertEquals("sla-allocator", sim.scenario().design().word());
        assertTrue(c.datacap().minted() > 0, "governance minted DataCap into the SLA Client Contract");
        assertTrue(c.verifreg().claimedBytes() > 0, "providers claimed SLA allocations");
        assertTrue(SlaRuns.requests(sim).keySet().stream().anyMatch(k -> k.endsWith(":ok")), "clients were granted DataCap");
        assertEquals(List.of(), Invariants.violations(c));
    }

    @Test
    void dataCapFlowsFromTheRootKeyToClaimsAndRewardsAreSplitByTheBeneficiaries() {
        Simulation sim = SlaRuns.run(SlaRuns.load("sla-allocator", SMALL, days(200)));
        Chain c = sim.chain();
        SLAAllocator alloc = SlaRuns.alloc(sim);
        SLAClientContract cc = SlaRuns.cc(sim);
        // root key → SLAAllocator (a verifier) → the SLA Client Contract: everything minted went there
        assertTrue(c.verifreg().isVerifier(alloc.address()));
        SlaGovernance gov = sim.agents(SlaGovernance.class).get(0);
        assertEquals(gov.minted(), c.datacap().minted());
        for (var e : c.datacap().balances().entrySet())
            if (e.getValue() > 0)
                assertTrue(e.getKey().equals(cc.address()) || e.getKey().equals(Chain.VERIFIED_REGISTRY),
                        "only the contract and the registry hold DataCap, not " + e.getKey());
        // SLA Client Contract → allocations → claims, every one with the contract as the client
        long allocated = 0;
        for (SlaClient cl : sim.agents(SlaClient.class)) allocated += cl.allocatedBytes();
        long spent = 0;
        for (long v : cc.spends().values()) spent += v;
        assertTrue(allocated > 0);
        assertEquals(spent, allocated + sim.agents(SlaClient.class).stream().mapToLong(SlaClient::expiredBytes).sum());
        long claims = 0;
        for (Address p : sim.world().minerAddresses())
            for (Claim cl : c.verifreg().claimsOf(p).values()) {
                assertEquals(cc.address(), cl.client());
                claims++;
            }
        assertTrue(claims > 0);
        // rewards → Beneficiaries → split → providers withdraw their share
        BigInteger received = BigInteger.ZERO, burned = BigInteger.ZERO, paid = BigInteger.ZERO;
        for (SlaProvider p : sim.agents(SlaProvider.class)) {
            assertEquals(SlaProvider.Setup.ACTIVE, p.setup());
            Beneficiary b = p.beneficiary();
            assertEquals(b.address(), p.miner().beneficiary());
            assertEquals(SlaRuns.factory(sim).instanceFor(p.miner().address()), b.address());
            assertEquals(p.miner().withdrawn(), b.received(), "everything the miner paid out went to the Beneficiary");
            assertEquals(b.received(), b.paidToSp().add(b.pending()).add(b.burned()).add(b.retained()));
            assertEquals(BigInteger.ZERO, b.retained(), "designed: the redirected part is burned");
            assertEquals(b.paidToSp(), p.withdrawnFromBeneficiary());
            received = received.add(b.received());
            burned = burned.add(b.burned());
            paid = paid.add(b.paidToSp());
        }
        assertTrue(received.signum() > 0, "rewards reached the Beneficiaries");
        assertTrue(burned.signum() > 0, "low scores had part of the rewards burned");
        assertTrue(paid.signum() > 0, "providers withdrew their share");
        assertTrue(c.fil().balance(Chain.BURN).compareTo(burned) >= 0);
        // the services did their part
        OracleService oracle = sim.agents(OracleService.class).get(0);
        assertTrue(oracle.submitted() > 0 && oracle.missed() > 0);
        AllocatorService service = sim.agents(AllocatorService.class).get(0);
        assertTrue(service.outcomes().getOrDefault("PAYMENT:signed", 0L) > 0);
        assertTrue(service.outcomes().getOrDefault("PASSPORT:signed", 0L) > 0);
        Map<String, Long> req = SlaRuns.requests(sim);
        assertTrue(req.getOrDefault("passport:ok", 0L) > 0 && req.getOrDefault("no-passport:ok", 0L) > 0, req.toString());
    }

    @Test
    void diligentProvidersOutscoreCostCuttingOnesOverAYear() {
        // scripted: qualities follow the strategies alone (in mode economic both choose service levels; ServiceLevelTest)
        Scenario s = SlaRuns.load("sla-allocator", SMALL, days(365), """
                behaviour:
                  mode: scripted
                providers:
                  behaviour:
                    diligentShare: 0.5
                    costCuttingShare: 0.5
                    failingShare: 0
                    cheatingShare: 0
                sla:
                  reputationWeight: 0
                """);
        Map<ProviderQuality.Strategy, List<Double>> slaScores = new TreeMap<>();
        Map<ProviderQuality.Strategy, BigInteger[]> money = new TreeMap<>();
        Simulation sim = SlaRuns.run(s, (day, x) -> {
            if (day == 0 || day % 30 != 0) return;
            for (SlaProvider p : x.agents(SlaProvider.class)) {
                Address m = p.miner().address();
                for (Address client : SlaRuns.cc(x).clientsOf(m))
                    slaScores.computeIfAbsent(p.strategy(), k -> new ArrayList<>())
                            .add((double) SlaRuns.alloc(x).registryFor(client, m).score(client, m));
            }
        });
        for (SlaProvider p : sim.agents(SlaProvider.class)) {
            BigInteger[] m = money.computeIfAbsent(p.strategy(), k -> new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO});
            m[0] = m[0].add(p.beneficiary().received());
            m[1] = m[1].add(p.beneficiary().paidToSp().add(p.beneficiary().pending()));
        }
        double diligent = mean(slaScores.get(ProviderQuality.Strategy.DILIGENT));
        double cutting = mean(slaScores.get(ProviderQuality.Strategy.COST_CUTTING));
        assertTrue(diligent > cutting + 30, "SLA scores: diligent " + diligent + ", cost-cutting " + cutting);
        double dShare = share(money.get(ProviderQuality.Strategy.DILIGENT));
        double cShare = share(money.get(ProviderQuality.Strategy.COST_CUTTING));
        assertTrue(dShare > cShare + 0.2, "share of rewards kept: diligent " + dShare + ", cost-cutting " + cShare);
    }

    @Test
    void theGlobalLimitIsNeverExceededAndOpenPathRequestsQueueUntilServed() {
        Scenario s = SlaRuns.load("sla-allocator", SMALL, days(120), """
                clients:
                  count: 60
                  arrivals: window
                  arrivalWindowFraction: 0.04
                sla:
                  passportShare: 0
                  manualAttestationShare: 0
                """);
        Map<Long, Integer> acceptedByDay = new TreeMap<>();
        Simulation sim = SlaRuns.run(s, (day, x) -> {
            if (day == 0) x.chain().addListener((epoch, method, caller, error) -> {
                if (error == null && method.equals("SLAAllocator.requestDataCapWithPayment"))
                    acceptedByDay.merge(epoch / Policy.EPOCHS_IN_DAY, 1, Integer::sum);
            });
        });
        int limit = sim.scenario().sla().globalLimit();
        for (var e : acceptedByDay.entrySet()) assertTrue(e.getValue() <= limit, "day " + e.getKey() + ": " + e.getValue());
        long saturated = acceptedByDay.values().stream().filter(v -> v == limit).count();
        assertTrue(saturated >= 30, "the limit was binding for weeks: " + saturated + " full days");
        Map<String, Long> req = SlaRuns.requests(sim);
        assertTrue(req.getOrDefault("no-passport:GlobalRateLimitExceeded", 0L) > 0, req.toString());
        int waitedAndServed = 0;
        for (SlaClient c : sim.agents(SlaClient.class)) {
            assertTrue(c.plannedBytes() > 0);
            assertTrue(c.grantedBytes() >= c.plannedBytes(), c.label() + " was served in full: " + c.grantedBytes() + " of " + c.plannedBytes());
            if (c.refusals().getOrDefault("SLAAllocator.GlobalRateLimitExceeded", 0L) > 0) waitedAndServed++;
        }
        assertTrue(waitedAndServed > 20, "many clients were refused first and served later: " + waitedAndServed);
    }

    @Test
    void deployedCallerChosenRegistryThatAlwaysScores100Passes() {
        Simulation sim = SlaRuns.run(SlaRuns.load("attack-caller-chosen-registry", SMALL, days(150)));
        SLAAllocator alloc = SlaRuns.alloc(sim);
        SLAClientContract cc = SlaRuns.cc(sim);
        SlaRiggedRegistry rigged = SlaRuns.sla(sim).rigged();
        assertNotNull(rigged);
        Set<Address> attackers = new TreeSet<>();
        for (SlaClient c : sim.agents(SlaClient.class)) if (c.mode() == SlaClient.Mode.CALLER_REGISTRY) attackers.add(c.address());
        assertTrue(!attackers.isEmpty());
        assertTrue(SlaRuns.requests(sim).getOrDefault("caller-registry:ok", 0L) > 0, SlaRuns.requests(sim).toString());
        SlaParams realSla = SlaDesign.slaTerms(sim.scenario().sla());
        int lifted = 0;
        for (SlaProvider p : sim.agents(SlaProvider.class)) {
            Address m = p.miner().address();
            List<Address> clients = cc.clientsOf(m);
            if (clients.isEmpty()) continue;
            SliAttestation measured = SlaRuns.oracle(sim).attestation(m);
            long real = 100L * realSla.met(measured) / realSla.defined();
            assertTrue(real < 100, "deployed: stability is reported 0, so the real SLA is never met in full");
            List<Long> sizes = new ArrayList<>();
            List<Long> honest = new ArrayList<>();
            boolean attackerData = false;
            for (Address cl : clients) {
                long size = cc.activeDataSize(cl, m);
                sizes.add(size);
                if (attackers.contains(cl)) {
                    assertEquals(rigged, alloc.registryFor(cl, m));
                    assertEquals(100, alloc.registryFor(cl, m).score(cl, m));
                    honest.add(real);
                    attackerData |= size > 0;
                } else {
                    honest.add(alloc.registryFor(cl, m).score(cl, m));
                }
            }
            long actual = p.beneficiary().currentScore();
            long withoutRigging = weighted(sizes, honest);
            assertTrue(actual >= withoutRigging, p.label());
            if (attackerData && actual > withoutRigging) lifted++;
        }
        assertTrue(lifted > 0, "the rigged registry lifted some provider's score");
    }

    /** The Beneficiary's integer weighted score: Σ floor(floor(size × 10^18 / total) × score / 10^18), 100 without data. */
    static long weighted(List<Long> sizes, List<Long> scores) {
        BigInteger wad = BigInteger.TEN.pow(18);
        BigInteger total = BigInteger.ZERO;
        for (long x : sizes) total = total.add(BigInteger.valueOf(x));
        if (total.signum() == 0) return 100;
        BigInteger out = BigInteger.ZERO;
        for (int i = 0; i < sizes.size(); i++)
            out = out.add(BigInteger.valueOf(sizes.get(i)).multiply(wad).divide(total).multiply(BigInteger.valueOf(scores.get(i))).divide(wad));
        return out.longValueExact();
    }

    @Test
    void designedHasNoCallerChosenRegistryPath() {
        Simulation sim = SlaRuns.run(SlaRuns.load("attack-caller-chosen-registry", SMALL, days(60), "variant: designed\n"));
        Map<String, Long> req = SlaRuns.requests(sim);
        assertTrue(req.getOrDefault("caller-registry:PathDisabled", 0L) > 0, req.toString());
        assertEquals(0L, req.getOrDefault("caller-registry:ok", 0L));
        SlaRiggedRegistry rigged = SlaRuns.sla(sim).rigged();
        assertTrue(SlaRuns.alloc(sim).slaContracts().values().stream().noneMatch(r -> r == rigged));
        for (SlaClient c : sim.agents(SlaClient.class)) assertEquals(SlaClient.Mode.HONEST, c.mode(), "attackers turned honest");
    }

    @Test
    void deployedSquattingBlocksTheRealProvider() {
        Simulation sim = SlaRuns.run(SlaRuns.load("attack-beneficiary-squatting", SMALL, days(90), "sla:\n  squatProviders: 3\n"));
        SlaSquatter squatter = sim.agents(SlaSquatter.class).get(0);
        assertEquals(3, squatter.squatted().size());
        Set<Address> victims = new TreeSet<>(squatter.targets());
        int active = 0;
        for (SlaProvider p : sim.agents(SlaProvider.class)) {
            Address m = p.miner().address();
            if (victims.contains(m)) {
                assertEquals(SlaProvider.Setup.SQUATTED, p.setup());
                Beneficiary squatted = SlaRuns.factory(sim).instance(m);
                assertTrue(squatted.hasRole(Beneficiary.WITHDRAWER_ROLE, squatter.address()));
                assertEquals(p.owner(), p.miner().beneficiary(), "the provider never installed the squatter's instance");
                assertTrue(sim.chain().verifreg().claimsOf(m).isEmpty(), "no SLA deal reached " + p.label());
                assertTrue(SlaRuns.cc(sim).clientsOf(m).isEmpty());
                assertEquals(0, p.inner().sealed());
            } else {
                assertEquals(SlaProvider.Setup.ACTIVE, p.setup());
                active += p.inner().sealed() > 0 ? 1 : 0;
            }
        }
        assertTrue(active > 0);
    }

    @Test
    void designedFactoryRefusesTheSquatter() {
        Simulation sim = SlaRuns.run(SlaRuns.load("attack-beneficiary-squatting", SMALL, days(20), "variant: designed\n"));
        SlaSquatter squatter = sim.agents(SlaSquatter.class).get(0);
        assertTrue(squatter.squatted().isEmpty());
        assertEquals(Map.of("BeneficiaryFactory.AccessControlUnauthorizedAccount", 8L), squatter.refusals());
        for (SlaProvider p : sim.agents(SlaProvider.class)) assertEquals(SlaProvider.Setup.ACTIVE, p.setup(), p.label());
    }

    @Test
    void duringAnOracleOutageScoresFreezeAndDataCapRequestsStillNeedSlas() {
        Scenario s = SlaRuns.load("attack-oracle-outage", SMALL, days(80), """
                sla:
                  oracleOutageStartDay: 30
                  oracleOutageDays: 30
                """);
        Map<Address, SliAttestation> atStart = new TreeMap<>();
        Map<SlaPair, Long> scoresAtStart = new TreeMap<>();
        List<SlaPair> grantedDuring = new ArrayList<>();
        boolean[] frozen = {true};
        Simulation sim = SlaRuns.run(s, (day, x) -> {
            if (day == 0) x.events().addListener(e -> {
                long d = e.epoch() / Policy.EPOCHS_IN_DAY;
                if (d >= 30 && d < 60 && e.event() instanceof SLAAllocator.DataCapGranted g)
                    grantedDuring.add(new SlaPair(g.client(), g.provider()));
            });
            // the observer of day d sees the state after the step of day d − 1: steps 30..59 submit nothing
            if (day == 30) {
                atStart.putAll(SlaRuns.oracle(x).attestations());
                SlaRuns.alloc(x).slaContracts().forEach((pair, r) -> scoresAtStart.put(pair, r.score(pair.client(), pair.provider())));
            }
            if (day > 30 && day <= 60) {
                if (!atStart.equals(SlaRuns.oracle(x).attestations())) frozen[0] = false;
                scoresAtStart.forEach((pair, score) -> {
                    if (SlaRuns.alloc(x).registryFor(pair.client(), pair.provider()).score(pair.client(), pair.provider()) != score)
                        frozen[0] = false;
                });
            }
        });
        assertTrue(frozen[0], "no attestation and no score changed during the outage");
        assertTrue(!scoresAtStart.isEmpty());
        OracleService oracle = sim.agents(OracleService.class).get(0);
        assertEquals(30, oracle.outageRounds());
        assertNotEquals(atStart, SlaRuns.oracle(sim).attestations(), "the oracle resumed after the outage");
        assertTrue(grantedDuring.size() > 5, "onboarding carried on during the outage: " + grantedDuring.size());
        for (SlaPair p : grantedDuring)
            assertTrue(SlaRuns.registry(sim).isRegistered(p.client(), p.provider()), "every grant needed a registered SLA: " + p);
    }

    @Test
    void failingProvidersTerminateAndTheTerminationOracleTakesTheirClaimsOutOfTheScore() {
        String failing = """
                providers:
                  behaviour:
                    diligentShare: 0.5
                    costCuttingShare: 0
                    failingShare: 0.5
                    cheatingShare: 0
                    failingDeclinePerDay: 0.01
                    failingTerminationProbabilityPerDay: 0.2
                """;
        // every provider seals by the fixed rules: at the mid-2026 reward and with the daily fee some failing
        // providers would choose to seal nothing in their ~50 days and leave with nothing to terminate
        failing += "behaviour:\n  mode: scripted\n";
        Simulation designed = SlaRuns.run(SlaRuns.load("sla-allocator", SMALL, days(120), failing));
        TerminationOracle t = designed.agents(TerminationOracle.class).get(0);
        assertTrue(t.reported() > 0);
        SLAClientContract cc = SlaRuns.cc(designed);
        int gone = 0;
        for (SlaProvider p : designed.agents(SlaProvider.class)) {
            if (!p.exited()) continue;
            assertTrue(p.terminatedSectors() > 0);
            if (!p.miner().sectors().isEmpty() || p.exitDay() > 90) continue;
            gone++;
            Address m = p.miner().address();
            assertTrue(!cc.clientsOf(m).isEmpty());
            for (Address cl : cc.clientsOf(m))
                assertEquals(0, cc.activeDataSize(cl, m), p.label() + ": every terminated claim was reported and counts no more");
            assertEquals(100, p.beneficiary().currentScore(), "no active data: the Beneficiary's score is 100");
        }
        assertTrue(gone > 0, "some failing provider left and terminated everything");
        assertEquals(t.reported(), cc.terminatedIds().size());

        Simulation deployed = SlaRuns.run(SlaRuns.load("sla-allocator", SMALL, days(120), failing, "variant: deployed\n"));
        TerminationOracle td = deployed.agents(TerminationOracle.class).get(0);
        assertTrue(td.reported() > 0, "the deployed oracle reports too ...");
        SLAClientContract ccd = SlaRuns.cc(deployed);
        long countedAfterTermination = 0;
        for (SlaProvider p : deployed.agents(SlaProvider.class)) {
            if (!p.exited()) continue;
            Address m = p.miner().address();
            for (Address cl : ccd.clientsOf(m)) countedAfterTermination += ccd.activeDataSize(cl, m);
        }
        assertTrue(countedAfterTermination > 0, "... but its reports match no claim: terminated data still counts");
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnother() {
        Scenario s = SlaRuns.load("attack-cheating-providers", SMALL, days(60));
        String a = SlaRuns.fingerprint(SlaRuns.run(s));
        String b = SlaRuns.fingerprint(SlaRuns.run(s));
        assertEquals(a, b);
        String c = SlaRuns.fingerprint(SlaRuns.run(SlaRuns.load("attack-cheating-providers", SMALL, days(60), "seed: 7\n")));
        assertNotEquals(a, c);
    }

    @Test
    void strategyCountsFollowTheSharesExactly() {
        ProviderBehaviour b = SlaRuns.load("sla-allocator").providers().behaviour();
        List<ProviderQuality.Strategy> st = SlaDesign.strategies(b, 40, new RandomStreams(1).get(RandomStreams.Stream.SLA_POPULATION));
        Map<ProviderQuality.Strategy, Integer> n = new HashMap<>();
        for (ProviderQuality.Strategy x : st) n.merge(x, 1, Integer::sum);
        assertEquals(Map.of(ProviderQuality.Strategy.DILIGENT, 20, ProviderQuality.Strategy.COST_CUTTING, 10,
                ProviderQuality.Strategy.FAILING, 4, ProviderQuality.Strategy.CHEATING, 6), n);
        assertEquals(st, SlaDesign.strategies(b, 40, new RandomStreams(1).get(RandomStreams.Stream.SLA_POPULATION)), "same stream, same order");
    }

    private static double mean(List<Double> xs) {
        assertNotNull(xs);
        assertTrue(!xs.isEmpty());
        return xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static double share(BigInteger[] m) {
        assertNotNull(m);
        assertTrue(m[0].signum() > 0);
        return m[1].doubleValue() / m[0].doubleValue();
    }
}
