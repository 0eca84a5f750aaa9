package datacapsim.engine;

import datacapsim.engine.RandomStreams.Stream;
import datacapsim.agents.Provider;
import datacapsim.agents.RootKeyHolder;
import datacapsim.agents.sla.AllocatorService;
import datacapsim.agents.sla.CheatingChoice;
import datacapsim.agents.sla.OracleService;
import datacapsim.agents.sla.ProviderQuality;
import datacapsim.agents.sla.ServiceChoice;
import datacapsim.agents.sla.ServiceLevel;
import datacapsim.agents.sla.SlaClient;
import datacapsim.agents.sla.SlaGovernance;
import datacapsim.agents.sla.SlaPaymentBook;
import datacapsim.agents.sla.SlaProvider;
import datacapsim.agents.sla.SlaRiggedRegistry;
import datacapsim.agents.sla.SlaSquatter;
import datacapsim.agents.sla.TerminationOracle;
import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.Policy;
import datacapsim.contracts.Beneficiary;
import datacapsim.contracts.BeneficiaryFactory;
import datacapsim.contracts.BeneficiaryPayoutRules;
import datacapsim.contracts.SLAAllocator;
import datacapsim.contracts.SLAClientContract;
import datacapsim.contracts.SLARegistry;
import datacapsim.contracts.SLIOracle;
import datacapsim.contracts.SlaConfig;
import datacapsim.contracts.SlaParams;
import datacapsim.contracts.Variant;
import datacapsim.economy.Logit;
import datacapsim.scenario.BehaviourScenario;
import datacapsim.scenario.ProviderBehaviour;
import datacapsim.scenario.Scenario;
import datacapsim.scenario.SlaScenario;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.RealDistribution;

/**
 * Builds the {@code sla-allocator} design (seed 001): root key → SLAAllocator (a verifier) → SLA Client Contract
 * (governance, the SLAAllocator's manager, mints into it) → clients' allowances per provider → allocations → claims;
 * providers' rewards go to their Beneficiary, which splits them by the SLA score the SLARegistry computes from the
 * SLI oracle's attestations.
 *
 * <p>Deployment (at build, epoch 0): the SLA Client Contract (admin: governance; termination oracle role), the
 * SLAAllocator (admin and manager: governance; attestator: the allocator service's account), the BeneficiaryFactory
 * with the scenario's payout bands (redirect as the variant does it), the SLI oracle (oracle role: the oracle service)
 * and the reference SLARegistry; governance wires the factory into both SLA contracts and grants the SLAAllocator the
 * client contract's allocator role. The builder returns them as a {@link Deployment.Sla}.
 *
 * <p>Agents: the root key (gives the SLAAllocator its verifier allowance), {@link SlaGovernance} (creates Beneficiary
 * instances where only governance may, mints when the contract runs low); {@link OracleService} and
 * {@link TerminationOracle} (oracle phase); {@link AllocatorService} (allocators phase); {@link SlaClient}s and, in the
 * squatting attack, a {@link SlaSquatter} (clients phase); {@link SlaProvider}s wrapping the plain providers the engine
 * built (providers phase).
 *
 * <p>Random streams: "population" (datasets and arrival days, drawn as the other designs draw them), "sla-population"
 * (strategies, qualities, client traits, squatter targets), "quality-&lt;i&gt;" (provider i's quality history),
 * "oracle", "allocator-service", "sla-clients", "sla-providers", and in behaviour mode economic
 * "economy.service-level" (the providers' service-level revisions, {@link ServiceChoice}) and "economy.cheating"
 * (the revisions of the providers able to cheat, {@link CheatingChoice}, and their service-level revisions while
 * honest).
 */
final class SlaDesign {
    private SlaDesign() {}

    /** The beneficiary quota providers propose: far above the "effectively unlimited" minimum. */
    static final BigInteger PROPOSED_QUOTA = Beneficiary.MIN_BENEFICIARY_QUOTA.multiply(BigInteger.TEN);

    static Deployment build(DesignContext w) {
        Scenario s = w.scenario;
        Chain chain = w.chain;
        SlaScenario sp = s.sla();
        Variant variant = w.variant;
        SlaConfig cfg = config(sp);
        BeneficiaryPayoutRules rules = new BeneficiaryPayoutRules(sp.payoutMidFrom(), sp.payoutHighFrom(),
                sp.payoutLowShareBps(), sp.payoutMidShareBps(), sp.payoutHighShareBps(),
                BeneficiaryPayoutRules.defaults(variant).redirect());

        // ---------------------------------------------------------------- deployment
        Address gov = chain.newAccount();
        Address attestator = chain.newAccount();
        Address terminationAccount = chain.newAccount();
        Address oracleAccount = chain.newAccount();
        SLAClientContract cc = new SLAClientContract(chain, w.events, variant, cfg, gov, null, null, terminationAccount);
        SLAAllocator alloc = new SLAAllocator(chain, w.events, variant, cfg, gov, gov, attestator, null, cc);
        BeneficiaryFactory factory = new BeneficiaryFactory(chain, w.events, variant, gov, alloc, Chain.BURN, rules);
        alloc.setBeneficiaryRegistry(gov, factory);
        cc.setBeneficiaryRegistry(gov, factory);
        cc.grantRole(gov, SLAClientContract.ALLOCATOR, alloc.address());
        SLIOracle sli = new SLIOracle(chain, w.events, gov, oracleAccount);
        SLARegistry registry = new SLARegistry(chain, w.events, variant, gov, sli);
        SlaRiggedRegistry rigged = sp.callerChosenRegistryShare() > 0 ? new SlaRiggedRegistry(chain, w.events) : null;

        // ---------------------------------------------------------------- providers
        MtfRandom slaPop = w.streams.get(Stream.SLA_POPULATION);
        MtfRandom providerRng = w.streams.get(Stream.SLA_PROVIDERS);
        List<ProviderQuality.Strategy> strategies = strategies(s.providers().behaviour(), w.providers.size(), slaPop);
        ProviderBehaviour b = s.providers().behaviour();
        boolean selfCreate = variant == Variant.DEPLOYED;
        ServiceChoice serviceChoice = s.behaviour().mode() == BehaviourScenario.Mode.ECONOMIC
                ? serviceChoice(s, rules, w.streams.get(Stream.SERVICE_LEVEL)) : null;
        CheatingChoice cheatingChoice = null;
        ServiceChoice honestCheaters = null;
        if (serviceChoice != null && strategies.contains(ProviderQuality.Strategy.CHEATING)) {
            MtfRandom cheatingRng = w.streams.get(Stream.CHEATING);
            cheatingChoice = cheatingChoice(s, serviceChoice, cheatingRng);
            honestCheaters = serviceChoice.drawingFrom(cheatingRng);
        }
        List<SlaProvider> slaProviders = new ArrayList<>();
        List<SlaGovernance.Instance> instances = new ArrayList<>();
        Map<Address, Address> controllers = new TreeMap<>();
        for (int i = 0; i < w.providers.size(); i++) {
            Provider p = w.providers.get(i);
            ProviderQuality.Strategy st = strategies.get(i);
            ProviderBehaviour.StrategyParams params = switch (st) {
                case DILIGENT -> b.diligent();
                case COST_CUTTING -> b.costCutting();
                case FAILING -> b.failing();
                case CHEATING -> b.cheating();
            };
            double start = params.quality().realize(slaPop).sample();
            MtfRandom qRng = w.streams.get(Stream.QUALITY, i);
            RealDistribution outage = b.outageDays().realize(qRng);
            ProviderQuality q = new ProviderQuality(st, start, b.qualityDriftSdPerDay(), b.qualityReversionPerDay(),
                    b.failingDeclinePerDay(), params.outagesPerYear(), outage, qRng);
            SlaProvider provider = new SlaProvider(p, q, factory, cc, selfCreate, PROPOSED_QUOTA,
                    (long) sp.beneficiaryTermDays() * Policy.EPOCHS_IN_DAY, b.failingExitBelowQuality(),
                    b.failingTerminationProbabilityPerDay(), s.providers().withdrawIntervalDays(), providerRng);
            boolean chooses = st == ProviderQuality.Strategy.DILIGENT || st == ProviderQuality.Strategy.COST_CUTTING;
            if (serviceChoice != null && chooses)
                provider.chooseServiceLevels(serviceChoice, expectedStabilityPct(params.outagesPerYear(), outage));
            if (cheatingChoice != null && st == ProviderQuality.Strategy.CHEATING)
                provider.chooseCheating(cheatingChoice, honestCheaters,
                        expectedStabilityPct(params.outagesPerYear(), outage));
            slaProviders.add(provider);
            if (!selfCreate) instances.add(new SlaGovernance.Instance(p.miner().address(), p.owner()));
            controllers.put(p.owner(), p.miner().address());
            controllers.put(p.miner().worker(), p.miner().address());
        }
        w.providerAgents.clear();
        w.providerAgents.addAll(slaProviders);

        // ---------------------------------------------------------------- governance and root key
        long allowance = Units.bytesLong(sp.verifierAllowanceTib(), Policy.TiB);
        Scenario.RootKeyParams rk = s.rootKey();
        w.governance.add(new RootKeyHolder(chain.rootKey(), List.of(alloc.address()), allowance, rk.topUpBelowFraction(),
                rk.reviewIntervalDays()));
        w.governance.add(new SlaGovernance(gov, alloc, cc, factory, instances, Units.bytesLong(sp.mintTib(), Policy.TiB),
                Units.bytesLong(sp.mintBelowTib(), Policy.TiB)));

        // ---------------------------------------------------------------- off-chain services
        List<OracleService.Target> targets = new ArrayList<>();
        for (SlaProvider p : slaProviders) targets.add(new OracleService.Target(p.miner().address(), p.quality()));
        w.oracles.add(new OracleService("oracle-service", oracleAccount, sli, targets, levels(b.sliAtFullQuality()),
                levels(b.sliAtZeroQuality()), sp.oracleNoise(), sp.oracleCadenceDays(), sp.oracleLagDays(),
                sp.oracleMissProbability(), sp.oracleStabilityWindowDays(), variant == Variant.DEPLOYED,
                sp.oracleOutageStartDay(), sp.oracleOutageDays(), b.cheatSuccessProbability(), b.cheatFakedQuality(),
                b.cheatSanctionDays(), w.streams.get(Stream.ORACLE)));
        w.oracles.add(new TerminationOracle("termination-oracle", terminationAccount, chain, cc, controllers,
                sp.terminationOracleCadenceDays()));
        SlaPaymentBook payments = new SlaPaymentBook();
        MtfRandom serviceRng = w.streams.get(Stream.ALLOCATOR_SERVICE);
        AllocatorService service = new AllocatorService("allocator-service", attestator, alloc.address(), payments,
                cfg.passportScoreThreshold(), sp.passportFalseRejectProbability(), sp.passportFalseAcceptProbability(),
                sp.paymentFalseRejectProbability(), sp.manualRejectProbability(), sp.manualReviewDays().realize(serviceRng),
                serviceRng);
        w.allocators.add(service);

        // ---------------------------------------------------------------- clients
        SlaClient.Market market = new SlaClient.Market(alloc, cc, registry, sli, factory, service, payments,
                w.minerAddresses, rigged);
        createClients(w, market, cfg, slaPop);
        if (sp.squatProviders() > 0 && !w.minerAddresses.isEmpty()) {
            int n = Math.min(sp.squatProviders(), w.minerAddresses.size());
            List<Address> victims = AllocatorDesigns.pickDistinct(w.minerAddresses, n, slaPop);
            w.clients.add(new SlaSquatter(chain.newAccount(), factory, cc, victims));
        }
        return new Deployment.Sla(alloc, cc, factory, sli, registry, rigged);
    }

    /**
     * The service-level choice of behaviour mode economic: each level's base quality from {@code providers.behaviour},
     * scored against the SLA clients register with the oracle's SLI levels and paid by the design's payout bands;
     * logit sensitivity {@code behaviour.logitLambda}, revisions every {@code serviceRevisionDays} by a share
     * {@code serviceRevisionShare}, drawing from {@code stream}.
     */
    static ServiceChoice serviceChoice(Scenario s, BeneficiaryPayoutRules rules, MtfRandom stream) {
        ProviderBehaviour b = s.providers().behaviour();
        Map<ServiceLevel, Double> base = new EnumMap<>(ServiceLevel.class);
        base.put(ServiceLevel.MINIMAL, b.serviceMinimalQuality());
        base.put(ServiceLevel.STANDARD, b.serviceStandardQuality());
        base.put(ServiceLevel.PREMIUM, b.servicePremiumQuality());
        return new ServiceChoice(new Logit(s.behaviour().logitLambda(), b.serviceRevisionShare()),
                b.serviceRevisionDays(), base, slaTerms(s.sla()), levels(b.sliAtFullQuality()),
                levels(b.sliAtZeroQuality()), rules, stream);
    }

    /**
     * The cheating choice of behaviour mode economic: valued with {@code service}'s scores and bands, the cheat's
     * success chance and faked quality, the oracle's cadence and the sanction of {@code cheatSanctionDays}; logit
     * sensitivity {@code behaviour.logitLambda}, revisions on the service levels' days and share, drawing from
     * {@code stream}.
     */
    static CheatingChoice cheatingChoice(Scenario s, ServiceChoice service, MtfRandom stream) {
        ProviderBehaviour b = s.providers().behaviour();
        return new CheatingChoice(new Logit(s.behaviour().logitLambda(), b.serviceRevisionShare()),
                b.serviceRevisionDays(), service, b.cheatSuccessProbability(), b.cheatFakedQuality(),
                s.sla().oracleCadenceDays(), b.cheatSanctionDays(), stream);
    }

    /** Expected stability (%): the share of days not in an outage, outages a year × their mean length / 365. */
    static double expectedStabilityPct(double outagesPerYear, RealDistribution outageDays) {
        double meanDays = Math.max(1, outageDays.getNumericalMean());
        return 100 * (1 - Math.min(1, outagesPerYear / 365.0 * meanDays));
    }

    /** The SLAAllocator's rules from the scenario (the beneficiary quota and deployed 5-year check are the source's). */
    static SlaConfig config(SlaScenario sp) {
        return new SlaConfig(sp.passportScoreThreshold(), Units.bytesLong(sp.passportCapTib(), Policy.TiB),
                Units.bytesLong(sp.noPassportCapTib(), Policy.TiB), (long) sp.clientWindowDays() * Policy.EPOCHS_IN_DAY,
                sp.clientLimit(), (long) sp.globalWindowDays() * Policy.EPOCHS_IN_DAY, sp.globalLimit(),
                Units.attoFil(sp.priceFilPerTib()), SlaConfig.SOURCE_MIN_BENEFICIARY_QUOTA,
                (long) sp.beneficiaryExpirationMarginDays() * Policy.EPOCHS_IN_DAY, SlaConfig.SOURCE_EXPIRATION_5_YEARS,
                sp.deployedPaymentPath());
    }

    /** The SLA every client registers (the scenario's thresholds; 0 leaves an SLI out). */
    static SlaParams slaTerms(SlaScenario sp) {
        return new SlaParams(sp.slaLatencyMs(), sp.slaRetentionPct(), sp.slaBandwidthMbps(), sp.slaStabilityPct(),
                sp.slaAvailabilityPct(), sp.slaIndexingPct());
    }

    static OracleService.Levels levels(ProviderBehaviour.SliLevels l) {
        return new OracleService.Levels(l.latencyMs(), l.retentionPct(), l.bandwidthMbps(), l.availabilityPct(), l.indexingPct());
    }

    /**
     * Exact strategy counts from the shares (normalised to their sum, which the loader holds at 1; largest remainder,
     * ties to the earlier strategy), in an order shuffled from {@code rng}.
     */
    static List<ProviderQuality.Strategy> strategies(ProviderBehaviour b, int n, MtfRandom rng) {
        ProviderQuality.Strategy[] kinds = ProviderQuality.Strategy.values();
        double[] w = {b.diligentShare(), b.costCuttingShare(), b.failingShare(), b.cheatingShare()};
        double sum = 0;
        for (double x : w) sum += x;
        if (sum <= 0) {
            w = new double[] {1, 0, 0, 0};
            sum = 1;
        }
        int[] counts = new int[kinds.length];
        double[] rem = new double[kinds.length];
        int assigned = 0;
        for (int k = 0; k < kinds.length; k++) {
            double exact = n * w[k] / sum;
            counts[k] = (int) Math.floor(exact);
            rem[k] = exact - counts[k];
            assigned += counts[k];
        }
        while (assigned < n) {
            int best = 0;
            for (int k = 1; k < kinds.length; k++) if (rem[k] > rem[best]) best = k;
            counts[best]++;
            rem[best] = -1;
            assigned++;
        }
        List<ProviderQuality.Strategy> out = new ArrayList<>();
        for (int k = 0; k < kinds.length; k++) for (int i = 0; i < counts[k]; i++) out.add(kinds[k]);
        Simulation.shuffle(out, rng);
        return out;
    }

    /**
     * Clients: dataset and arrival day ({@link ArrivalClock}) from the "population" stream (as the other designs
     * draw them), then their SLA traits from "sla-population" in a fixed order (attacker, passport, passport score,
     * manual); a client that does not arrive within the horizon is drawn but not created. Attackers act from day 0. Each client is endowed with FIL to pay for its planned DataCap {@code clientBudgetMultiple} times.
     */
    static void createClients(DesignContext w, SlaClient.Market market, SlaConfig cfg, MtfRandom slaPop) {
        Scenario s = w.scenario;
        Scenario.ClientParams cp = s.clients();
        SlaScenario sp = s.sla();
        MtfRandom pop = w.streams.get(Stream.POPULATION);
        MtfRandom clientRng = w.streams.get(Stream.SLA_CLIENTS);
        RealDistribution dataset = cp.datasetTib().realize(pop);
        RealDistribution passportScore = sp.passportScore().realize(slaPop);
        ArrivalClock arrivals = ArrivalClock.of(s);
        SlaClient.Terms terms = new SlaClient.Terms(w.sectorSize, cp.replicas(), cp.providersPerClient(),
                cp.maxAllocationsPerDay(), cp.termMinDays() * Policy.EPOCHS_IN_DAY, cp.termMaxDays() * Policy.EPOCHS_IN_DAY,
                cp.allocationExpirationDays() * Policy.EPOCHS_IN_DAY, slaTerms(sp), sp.reputationWeight(),
                sp.openPathWhenRateLimited(), (long) sp.passportValidityDays() * Policy.EPOCHS_IN_DAY,
                sp.switchProviderAfterExpiries(), sp.maxOpenAllocationsPerProvider());
        BigDecimal budget = BigDecimal.valueOf(sp.clientBudgetMultiple());
        for (int i = 0; i < cp.count(); i++) {
            long bytes = Units.datasetBytes(dataset.sample());
            long arrival = arrivals.nextEpoch(pop);
            boolean attacker = slaPop.nextDouble() < sp.callerChosenRegistryShare();
            boolean hasPassport = slaPop.nextDouble() < sp.passportShare();
            long score = Math.max(0, Math.round(passportScore.sample()));
            boolean manual = slaPop.nextDouble() < sp.manualAttestationShare() && !attacker;
            SlaClient.Traits traits = new SlaClient.Traits(attacker ? SlaClient.Mode.CALLER_REGISTRY : SlaClient.Mode.HONEST,
                    hasPassport && !attacker, score, manual);
            if (arrival == ArrivalClock.NONE) continue;
            Address c = w.chain.newAccount();
            long planned = SlaClient.plannedBytes(bytes, w.sectorSize, cp.replicas());
            BigInteger funds = new BigDecimal(cfg.priceOf(planned)).multiply(budget).setScale(0, RoundingMode.CEILING).toBigInteger();
            if (funds.signum() > 0) w.chain.fil().endow(c, funds);
            SlaClient client = new SlaClient("client-" + i, c, market, terms, traits,
                    attacker ? 0 : arrival, bytes, clientRng);
            w.clients.add(client);
            w.slaClients.add(client);
            w.dataCapClients.add(client);
        }
    }
}
