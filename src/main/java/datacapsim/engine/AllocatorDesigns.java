package datacapsim.engine;

import datacapsim.engine.RandomStreams.Stream;
import datacapsim.agents.AbuseKind;
import datacapsim.agents.AllocationChannel;
import datacapsim.agents.Allocator;
import datacapsim.agents.Channels;
import datacapsim.agents.Client;
import datacapsim.agents.DueDiligence;
import datacapsim.agents.GovernanceTeam;
import datacapsim.agents.GrantChannel;
import datacapsim.agents.Provider;
import datacapsim.agents.ProviderAccount;
import datacapsim.agents.RootKeyHolder;
import datacapsim.agents.abuse.AbuseClient;
import datacapsim.agents.abuse.AbuseCompliance;
import datacapsim.agents.abuse.AbuseLedger;
import datacapsim.agents.abuse.AttackChoice;
import datacapsim.agents.abuse.ColludingClient;
import datacapsim.agents.abuse.SelfDealingClient;
import datacapsim.agents.abuse.SybilClient;
import datacapsim.agents.abuse.SybilOwner;
import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.Policy;
import datacapsim.contracts.ClientContract;
import datacapsim.contracts.MetaAllocator;
import datacapsim.contracts.OnRamp;
import datacapsim.economy.Books;
import datacapsim.economy.Logit;
import datacapsim.scenario.AbuseScenario;
import datacapsim.scenario.BehaviourScenario;
import datacapsim.scenario.EconomyScenario;
import datacapsim.scenario.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.RealDistribution;

/**
 * Builds the allocator-based designs: {@code direct} (allocators are verifiers), {@code meta-allocator} (allocators
 * grant through the MetaAllocator), {@code client-contract} (each allocator owns a Client Contract holding the DataCap)
 * and {@code onramp} (each allocator's Client Contract is owned by an OnRamp managed by governance).
 *
 * <p>Every allocator has a {@link DueDiligence} (diligent, lax or colluding, per the scenario's abuse shares). When the
 * scenario has abusive populations ({@link AbuseScenario#active()}) the builder also creates, after the honest clients
 * and from the "abuse" stream only (so honest populations keep their draws): the self-dealing providers, the sybil
 * owners and their addresses, the self-dealing clients and the colluding clients, in that order, and governance's
 * {@link AbuseCompliance} desk. Without abusive populations the world is exactly the honest one.
 */
final class AllocatorDesigns {
    private AllocatorDesigns() {}

    /** How an allocator reaches its clients: the four allocator-based designs. */
    enum Wiring { VERIFIER, META, CLIENT_CONTRACT, ONRAMP }

    static Deployment build(DesignContext w, Wiring wiring) {
        Scenario s = w.scenario;
        Chain chain = w.chain;
        Scenario.AllocatorParams ap = s.allocators();
        Scenario.GovernanceParams gp = s.governance();
        Scenario.RootKeyParams rk = s.rootKey();
        boolean direct = wiring == Wiring.VERIFIER;

        Address gov = null;
        MetaAllocator ma = null;
        if (!direct) {
            gov = chain.newAccount();
            ma = new MetaAllocator(chain, w.events, w.variant, gov);
        }
        List<ClientContract> clientContracts = new ArrayList<>();
        List<OnRamp> onRamps = new ArrayList<>();
        long deviation = gp.maxDeviationBps();
        long window = (long) gp.onrampWindowDays() * Policy.EPOCHS_IN_DAY;
        long limit = Units.bytesLong(gp.onrampLimitTib(), Policy.TiB);
        MtfRandom allocRng = w.streams.get(Stream.ALLOCATORS);
        AbuseScenario ab = s.abuse();
        AbuseLedger ledger = new AbuseLedger(ab.shareCatches());
        DueDiligence.Stance[] stances = stances(ap.count(), ab);
        MtfRandom diligenceRng = w.streams.get(Stream.ABUSE_DILIGENCE);
        List<Allocator> allocators = new ArrayList<>();
        Map<Allocator, AllocationChannel> channelOf = new HashMap<>();
        Map<Allocator, Double> catchOf = new HashMap<>();
        for (int i = 0; i < ap.count(); i++) {
            Address a = chain.newAccount();
            GrantChannel grant;
            AllocationChannel spend;
            DueDiligence.Revoker revoker = DueDiligence.NO_REVOKE;
            switch (wiring) {
                case VERIFIER -> {
                    grant = Channels.verifier(chain);
                    spend = Channels.own(chain);
                }
                case META -> {
                    grant = Channels.metaAllocator(chain, ma);
                    spend = Channels.own(chain);
                }
                case CLIENT_CONTRACT -> {
                    ClientContract cc = new ClientContract(chain, w.events, a);
                    clientContracts.add(cc);
                    grant = Channels.clientContract(ma, cc, deviation);
                    spend = Channels.clientContract(chain, cc);
                    revoker = (allocator, client) -> {
                        long left = cc.allowance(client);
                        if (left > 0) cc.decreaseAllowance(allocator, client, left);
                        return left;
                    };
                }
                case ONRAMP -> {
                    OnRamp onRamp = new OnRamp(chain, w.events, w.variant, gov, gov, a, window, limit);
                    onRamps.add(onRamp);
                    grant = Channels.onRamp(ma, onRamp, deviation);
                    spend = Channels.clientContract(chain, onRamp.clientContract());
                    revoker = (allocator, client) -> {
                        long left = onRamp.clientContract().allowance(client);
                        if (left > 0) onRamp.decreaseAllowance(allocator, client, left);
                        return left;
                    };
                }
                default -> throw new AssertionError(wiring);
            }
            DueDiligence.Stance stance = stances[i];
            double catchP = stance == DueDiligence.Stance.DILIGENT ? ab.catchProbability() : ab.laxCatchProbability();
            DueDiligence diligence = new DueDiligence(stance, catchP, ab.falseRejectProbability(),
                    ap.dueDiligenceDays().realize(diligenceRng), diligenceRng, ledger, revoker);
            Allocator allocator = new Allocator("allocator-" + i, a, grant, ap.dueDiligenceDays().realize(allocRng),
                    Units.bytesLong(ap.firstTrancheTib(), Policy.TiB), Units.bytesLong(ap.maxTrancheTib(), Policy.TiB),
                    ap.nextTrancheBelowFraction(), diligence);
            allocators.add(allocator);
            channelOf.put(allocator, spend);
            catchOf.put(allocator, catchP);
        }
        w.allocators.addAll(allocators);
        w.allocatorRole.addAll(allocators);
        ledger.addAllocators(allocators);

        boolean abuse = ab.active();
        AbuseCompliance.Rules rules = new AbuseCompliance.Rules(ab.auditProbability(),
                ScenarioTerms.complianceAction(ab.complianceAction()), ab.complianceToleranceShare(), ab.maxStrikes(),
                ab.banOnOnramp(), ab.pauseAboveShare(), ab.pauseDays(), direct ? rk.reviewIntervalDays() : gp.reviewIntervalDays());
        List<Address> verifiers = new ArrayList<>();
        if (direct) for (Allocator a : allocators) verifiers.add(a.address());
        else verifiers.add(ma.address());
        long verifierAllowance = Units.bytesLong(direct ? rk.verifierAllowanceTib() : gp.metaAllocatorAllowanceTib(), Policy.TiB);
        if (direct && abuse) {
            // the root key's policy per verifier, so that compliance can withhold or remove one verifier
            List<RootKeyHolder> holders = new ArrayList<>();
            for (Address v : verifiers)
                holders.add(new RootKeyHolder(chain.rootKey(), List.of(v), verifierAllowance, rk.topUpBelowFraction(), rk.reviewIntervalDays()));
            w.compliance = AbuseCompliance.forRootKey(ledger, rules, w.streams.get(Stream.ABUSE_AUDIT), chain.rootKey(),
                    allocators, holders);
            w.governance.add(w.compliance);
        } else {
            w.governance.add(new RootKeyHolder(chain.rootKey(), verifiers, verifierAllowance, rk.topUpBelowFraction(), rk.reviewIntervalDays()));
        }
        if (ma != null) {
            AbuseCompliance compliance = abuse
                    ? new AbuseCompliance(ledger, gov, onRamps, rules, w.streams.get(Stream.ABUSE_AUDIT)) : null;
            GovernanceTeam team = new GovernanceTeam(gov, ma, allocators,
                    Units.bytesLong(gp.allocatorAllowanceTib(), Policy.TiB), gp.topUpBelowFraction(),
                    gp.reviewIntervalDays(), gp.idleClawbackDays(), compliance);
            w.governance.add(team);
            w.governanceTeams.add(team);
            if (compliance != null) {
                w.governance.add(compliance);
                w.compliance = compliance;
            }
        }

        createClients(w, allocators, channelOf);
        if (abuse) createAbusers(w, allocators, channelOf, ledger);
        if (abuse && s.behaviour().mode() == BehaviourScenario.Mode.ECONOMIC)
            decideByPayoff(w, ledger, new AttackChoice.Terms(ab.auditProbability(), rules.reviewDays(),
                    startPriceUsd(s.economy()), s.economy().borrowRatePerYear(),
                    s.providers().sectorDurationDays() / Books.DAYS_IN_YEAR, 0, catchOf));
        return switch (wiring) {
            case VERIFIER -> new Deployment.None();
            case META -> new Deployment.Meta(ma);
            case CLIENT_CONTRACT -> new Deployment.ClientContracts(ma, clientContracts);
            case ONRAMP -> new Deployment.OnRamps(ma, onRamps);
        };
    }

    /**
     * Allocators' stances by index: the first round(count × colluding share) collude, the next round(count × lax
     * share) are lax, the rest diligent (clients choose allocators at random, so the index carries no meaning). The
     * loader has checked that the three shares sum to 1.
     */
    static DueDiligence.Stance[] stances(int count, AbuseScenario ab) {
        if (ab.laxAllocatorShare() + ab.colludingAllocatorShare() > 1 + 1e-9)
            throw new IllegalArgumentException("abuse.laxAllocatorShare (" + ab.laxAllocatorShare() + ") + abuse.colludingAllocatorShare ("
                    + ab.colludingAllocatorShare() + ") must not exceed 1");
        int colluding = (int) Math.round(count * ab.colludingAllocatorShare());
        int lax = Math.min(count - colluding, (int) Math.round(count * ab.laxAllocatorShare()));
        DueDiligence.Stance[] out = new DueDiligence.Stance[count];
        for (int i = 0; i < count; i++)
            out[i] = i < colluding ? DueDiligence.Stance.COLLUDING : i < colluding + lax ? DueDiligence.Stance.LAX : DueDiligence.Stance.DILIGENT;
        return out;
    }

    /**
     * Behaviour mode economic: every abusive client attacks or stays out by {@link AttackChoice}, from the
     * "abuse.decisions" stream; its gain is read from the first controlled provider it lists (a self-dealing
     * client's own provider, controlled or not), on the share of its listed providers the abusers control (1 for a
     * self-dealing client, which allocates everything to its own).
     */
    private static void decideByPayoff(DesignContext w, AbuseLedger ledger, AttackChoice.Terms terms) {
        AttackChoice choice = new AttackChoice(new Logit(w.scenario.behaviour().logitLambda(), 1),
                w.streams.get(Stream.ABUSE_DECISIONS), terms, ledger);
        Map<Address, ProviderAccount> accounts = new HashMap<>();
        for (Provider p : w.providers) accounts.put(p.miner().address(), p.account());
        List<Address> controlled = ledger.controlledProviders();
        for (AbuseClient c : ledger.clients()) {
            if (c instanceof SelfDealingClient sd) {
                c.decideBy(choice, accounts.get(sd.ownProvider()), 1);
                continue;
            }
            Address basis = null;
            int mine = 0;
            for (Address p : c.providers()) {
                if (!controlled.contains(p)) continue;
                mine++;
                if (basis == null) basis = p;
            }
            if (basis == null) basis = c.providers().get(0);
            c.decideBy(choice, accounts.get(basis), mine / (double) c.providers().size());
        }
    }

    /** The FIL price before the first step is booked: the constant, the series' first step or the gbm's start. */
    private static double startPriceUsd(EconomyScenario e) {
        if (e.filPriceModel() == EconomyScenario.PriceModel.SERIES && !e.filPriceSeries().isEmpty())
            return e.filPriceSeries().get(0).usd().doubleValue();
        return e.filPriceUsd().doubleValue();
    }

    /** What every abusive population is drawn and built with. */
    private record AbusePopulation(DesignContext w, AbuseScenario ab, List<Allocator> allocators,
                                   Map<Allocator, AllocationChannel> channelOf, AbuseClient.Terms terms,
                                   int listed, int reapplies, List<Address> controlled, List<Address> honestMiners,
                                   MtfRandom pop, MtfRandom behaviour, MtfRandom reapply) {
        /** A new client account. */
        Address account() { return w.chain.newAccount(); }

        /** Bytes a client applies for: its dataset (one draw from {@code data}) in whole pieces, times the replicas. */
        long request(RealDistribution data) { return AbuseClient.requestFor(Units.datasetBytes(data.sample()), terms); }

        /** The arrivals of an abusive population of {@code size} clients ({@link ArrivalClock#forPopulation}). */
        ArrivalClock arrivals(int size) { return ArrivalClock.forPopulation(w.scenario, size); }

        Allocator anyAllocator() { return allocators.get(pop.nextInt(allocators.size())); }
    }

    /**
     * The abusive populations, all drawn from the "abuse" stream in a fixed order: self-dealing providers (sealing
     * throughput); then each kind in {@link AbuseKind} order: sybil owners (linkable) and each address (dataset,
     * arrival day, allocator, detectability, providers); self-dealing clients (dataset, arrival, allocator,
     * detectability, own provider, cover providers); colluding clients (dataset, arrival, partner, detectability,
     * providers).
     */
    static void createAbusers(DesignContext w, List<Allocator> allocators, Map<Allocator, AllocationChannel> channelOf,
                              AbuseLedger ledger) {
        Scenario s = w.scenario;
        AbuseScenario ab = s.abuse();
        Scenario.ClientParams cp = s.clients();
        MtfRandom pop = w.streams.get(Stream.ABUSE);
        MtfRandom behaviour = w.streams.get(Stream.ABUSE_BEHAVIOUR);
        MtfRandom reapply = w.streams.get(Stream.ABUSE_REAPPLY);
        List<Address> honestMiners = new ArrayList<>(w.minerAddresses);

        List<Address> controlled = new ArrayList<>();
        RealDistribution sealing = ab.selfDealingSealingTibPerDay().realize(pop);
        for (int i = 0; i < ab.selfDealingProviders(); i++) {
            Address m = w.addProvider("self-dealing-provider-" + i, sealing.sample(), ProviderAccount.Profile.SELF_DEALING)
                    .miner().address();
            controlled.add(m);
            ledger.addControlledProvider(m);
        }

        AbuseClient.Terms terms = new AbuseClient.Terms(w.sectorSize, cp.replicas(), cp.maxAllocationsPerDay(),
                cp.termMinDays() * Policy.EPOCHS_IN_DAY, cp.termMaxDays() * Policy.EPOCHS_IN_DAY,
                cp.allocationExpirationDays() * Policy.EPOCHS_IN_DAY);
        AbusePopulation p = new AbusePopulation(w, ab, allocators, channelOf, terms, cp.providersPerClient(),
                ab.reapplyAttempts(), controlled, honestMiners, pop, behaviour, reapply);
        for (AbuseKind kind : AbuseKind.values()) {
            List<? extends AbuseClient> made = switch (kind) {
                case SYBIL -> sybils(p);
                case SELF_DEALING -> selfDealing(p);
                case COLLUDING -> colluding(p);
            };
            for (AbuseClient client : made) {
                ledger.register(client);
                w.clients.add(client);
                w.dataCapClients.add(client);
            }
        }
    }

    private static List<SybilClient> sybils(AbusePopulation p) {
        AbuseScenario ab = p.ab();
        MtfRandom pop = p.pop();
        List<SybilClient> out = new ArrayList<>();
        RealDistribution data = ab.sybilDatasetTib().realize(pop);
        ArrivalClock arrivals = p.arrivals(ab.sybilOwners() * ab.sybilAddressesPerOwner());
        for (int o = 0; o < ab.sybilOwners(); o++) {
            SybilOwner owner = new SybilOwner("sybil-owner-" + o, pop.nextDouble() < ab.sybilLinkProbability());
            for (int k = 0; k < ab.sybilAddressesPerOwner(); k++) {
                long request = p.request(data);
                long arrival = arrivals.nextEpoch(pop);
                Allocator first = p.anyAllocator();
                double detectability = pop.nextDouble();
                List<Address> providers = pickProviders(p.listed(), p.controlled(), p.honestMiners(),
                        ab.sybilControlledProviderShare(), pop);
                if (arrival == ArrivalClock.NONE) continue;
                Address c = p.account();
                out.add(new SybilClient("sybil-" + o + "-" + k, c, owner, detectability, providers, arrival, request,
                        p.terms(), first, p.allocators(), p.channelOf(), p.reapplies(), p.behaviour(), p.reapply()));
            }
        }
        return out;
    }

    private static List<SelfDealingClient> selfDealing(AbusePopulation p) {
        AbuseScenario ab = p.ab();
        MtfRandom pop = p.pop();
        List<Address> controlled = p.controlled();
        List<SelfDealingClient> out = new ArrayList<>();
        RealDistribution data = ab.selfDealingDatasetTib().realize(pop);
        ArrivalClock arrivals = p.arrivals(ab.selfDealingClients());
        for (int i = 0; i < ab.selfDealingClients(); i++) {
            long request = p.request(data);
            long arrival = arrivals.nextEpoch(pop);
            Allocator first = p.anyAllocator();
            double detectability = pop.nextDouble();
            Address own = controlled.isEmpty() ? pickFrom(p.honestMiners(), pop)
                    : controlled.get(i % controlled.size());
            List<Address> others = new ArrayList<>(p.honestMiners());
            others.remove(own);
            List<Address> providers = new ArrayList<>();
            providers.add(own);
            providers.addAll(pickDistinct(others, Math.min(others.size(), p.listed() - 1), pop));
            if (arrival == ArrivalClock.NONE) continue;
            Address c = p.account();
            out.add(new SelfDealingClient("self-dealing-" + i, c, own, detectability, providers, arrival, request,
                    p.terms(), first, p.allocators(), p.channelOf(), p.reapplies(), p.behaviour(), p.reapply()));
        }
        return out;
    }

    private static List<ColludingClient> colluding(AbusePopulation p) {
        AbuseScenario ab = p.ab();
        MtfRandom pop = p.pop();
        List<ColludingClient> out = new ArrayList<>();
        List<Allocator> colluders = new ArrayList<>();
        for (Allocator a : p.allocators()) if (a.stance() == DueDiligence.Stance.COLLUDING) colluders.add(a);
        RealDistribution data = ab.colludingDatasetTib().realize(pop);
        ArrivalClock arrivals = p.arrivals(ab.colludingClients());
        for (int i = 0; i < ab.colludingClients(); i++) {
            long request = p.request(data);
            long arrival = arrivals.nextEpoch(pop);
            Allocator partner = colluders.isEmpty() ? null : colluders.get(pop.nextInt(colluders.size()));
            Allocator first = partner != null ? partner : p.anyAllocator();
            double detectability = pop.nextDouble();
            List<Address> providers = pickProviders(p.listed(), p.controlled(), p.honestMiners(),
                    ab.colludingControlledProviderShare(), pop);
            if (arrival == ArrivalClock.NONE) continue;
            Address c = p.account();
            out.add(new ColludingClient("colluding-" + i, c, partner, detectability, providers, arrival, request,
                    p.terms(), first, p.allocators(), p.channelOf(), p.reapplies(), p.behaviour(), p.reapply()));
        }
        return out;
    }

    private static <T> T pickFrom(List<T> from, MtfRandom rng) {
        if (from.isEmpty()) throw new IllegalStateException("an abusive client needs a provider: the scenario has none");
        return from.get(rng.nextInt(from.size()));
    }

    /**
     * {@code n} distinct providers; each slot is, with probability {@code controlledShare}, one the abusers control
     * (when any is left), else an honest one (when any is left).
     */
    static List<Address> pickProviders(int n, List<Address> controlled, List<Address> honest, double controlledShare, MtfRandom rng) {
        List<Address> ctrl = new ArrayList<>(controlled);
        List<Address> fair = new ArrayList<>(honest);
        List<Address> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean wantControlled = rng.nextDouble() < controlledShare;
            List<Address> pool = (wantControlled && !ctrl.isEmpty()) || fair.isEmpty() ? ctrl : fair;
            if (pool.isEmpty()) throw new IllegalStateException("an abusive client lists " + n + " providers; the scenario has "
                    + (controlled.size() + honest.size()));
            out.add(pool.remove(rng.nextInt(pool.size())));
        }
        return out;
    }

    /**
     * Honest clients: dataset, arrival day ({@link ArrivalClock}), allocator and providers drawn from the population
     * stream, in that order, for each of {@code clients.count}; a client that does not arrive within the horizon is
     * drawn but not created.
     */
    static void createClients(DesignContext w, List<Allocator> allocators, Map<Allocator, AllocationChannel> channelOf) {
        Scenario s = w.scenario;
        Scenario.ClientParams cp = s.clients();
        MtfRandom pop = w.streams.get(Stream.POPULATION);
        RealDistribution dataset = cp.datasetTib().realize(pop);
        boolean economic = s.behaviour().mode() == BehaviourScenario.Mode.ECONOMIC;
        RealDistribution retention = cp.retentionDays().realize(w.streams.get(Stream.RETENTION));
        MtfRandom offers = w.streams.get(Stream.CLIENT_OFFERS);
        Logit offerLogit = new Logit(s.behaviour().logitLambda(), 1);
        ArrivalClock arrivals = ArrivalClock.of(s);
        for (int i = 0; i < cp.count(); i++) {
            long bytes = Units.datasetBytes(dataset.sample());
            long arrival = arrivals.nextEpoch(pop);
            Allocator allocator = allocators.get(pop.nextInt(allocators.size()));
            List<Address> chosen = pickDistinct(w.minerAddresses, cp.providersPerClient(), pop);
            long keep = economic ? Math.round(retention.sample() * Policy.EPOCHS_IN_DAY) : -1;
            if (arrival == ArrivalClock.NONE) continue;
            Address c = w.chain.newAccount();
            Client client = new Client("client-" + i, c, allocator, channelOf.get(allocator), chosen,
                    arrival, bytes, w.sectorSize, cp.replicas(), cp.maxAllocationsPerDay(),
                    cp.termMinDays() * Policy.EPOCHS_IN_DAY, cp.termMaxDays() * Policy.EPOCHS_IN_DAY,
                    cp.allocationExpirationDays() * Policy.EPOCHS_IN_DAY,
                    keep, economic && cp.switchAfterDays() > 0 ? w.minerAddresses : List.of(), offers,
                    cp.switchAfterDays() * Policy.EPOCHS_IN_DAY, economic ? offerLogit : null);
            long keepDays = Math.min(Math.max(0, keep / Policy.EPOCHS_IN_DAY),
                    Policy.MAXIMUM_VERIFIED_ALLOCATION_TERM / Policy.EPOCHS_IN_DAY);
            w.payDeals(client, Math.max(cp.termMaxDays(), keepDays) + cp.allocationExpirationDays());
            w.clients.add(client);
            w.dataCapClients.add(client);
        }
    }

    /** {@code n} distinct elements drawn without replacement (partial Fisher–Yates). */
    static <T> List<T> pickDistinct(List<T> from, int n, MtfRandom rng) {
        List<T> pool = new ArrayList<>(from);
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(pool.size() - i);
            T t = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, t);
        }
        return new ArrayList<>(pool.subList(0, n));
    }
}
