package datacapsim.engine;

import datacapsim.agents.AllocationChannel;
import datacapsim.agents.Allocator;
import datacapsim.agents.Channels;
import datacapsim.agents.Client;
import datacapsim.agents.GovernanceTeam;
import datacapsim.agents.GrantChannel;
import datacapsim.agents.RootKeyHolder;
import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.Policy;
import datacapsim.contracts.ClientContract;
import datacapsim.contracts.MetaAllocator;
import datacapsim.contracts.OnRamp;
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
 */
final class AllocatorDesigns {
    private AllocatorDesigns() {}

    static void build(DesignContext w) {
        Scenario s = w.scenario;
        Chain chain = w.chain;
        String design = s.design();
        Scenario.AllocatorParams ap = s.allocators();
        Scenario.GovernanceParams gp = s.governance();
        Scenario.RootKeyParams rk = s.rootKey();
        boolean direct = design.equals("direct");

        Address gov = null;
        MetaAllocator ma = null;
        if (!direct) {
            gov = chain.newAccount();
            ma = new MetaAllocator(chain, w.events, w.variant, gov);
            w.contracts.metaAllocator = ma;
        }
        long deviation = gp.maxDeviationBps();
        long window = (long) gp.onrampWindowDays() * Policy.EPOCHS_IN_DAY;
        long limit = Units.bytesLong(gp.onrampLimitTib(), Policy.TiB);
        MtfRandom allocRng = w.streams.get("allocators");
        List<Allocator> allocators = new ArrayList<>();
        Map<Allocator, AllocationChannel> channelOf = new HashMap<>();
        for (int i = 0; i < ap.count(); i++) {
            Address a = chain.newAccount();
            GrantChannel grant;
            AllocationChannel spend;
            switch (design) {
                case "direct" -> {
                    grant = Channels.verifier(chain);
                    spend = Channels.own(chain);
                }
                case "meta-allocator" -> {
                    grant = Channels.metaAllocator(chain, ma);
                    spend = Channels.own(chain);
                }
                case "client-contract" -> {
                    ClientContract cc = new ClientContract(chain, w.events, a);
                    w.contracts.clientContracts.add(cc);
                    grant = Channels.clientContract(ma, cc, deviation);
                    spend = Channels.clientContract(chain, cc);
                }
                case "onramp" -> {
                    OnRamp onRamp = new OnRamp(chain, w.events, w.variant, gov, gov, a, window, limit);
                    w.contracts.onRamps.add(onRamp);
                    w.contracts.clientContracts.add(onRamp.clientContract());
                    grant = Channels.onRamp(ma, onRamp, deviation);
                    spend = Channels.clientContract(chain, onRamp.clientContract());
                }
                default -> throw new IllegalStateException(design);
            }
            Allocator allocator = new Allocator("allocator-" + i, a, grant, ap.dueDiligenceDays().realize(allocRng),
                    Units.bytesLong(ap.firstTrancheTib(), Policy.TiB), Units.bytesLong(ap.maxTrancheTib(), Policy.TiB),
                    ap.nextTrancheBelowFraction());
            allocators.add(allocator);
            channelOf.put(allocator, spend);
        }
        w.allocators.addAll(allocators);

        List<Address> verifiers = new ArrayList<>();
        if (direct) for (Allocator a : allocators) verifiers.add(a.address());
        else verifiers.add(ma.address());
        long verifierAllowance = Units.bytesLong(direct ? rk.verifierAllowanceTib() : gp.metaAllocatorAllowanceTib(), Policy.TiB);
        w.governance.add(new RootKeyHolder(chain.rootKey(), verifiers, verifierAllowance, rk.topUpBelowFraction(), rk.reviewIntervalDays()));
        if (ma != null)
            w.governance.add(new GovernanceTeam(gov, ma, allocators, Units.bytesLong(gp.allocatorAllowanceTib(), Policy.TiB),
                    gp.topUpBelowFraction(), gp.reviewIntervalDays(), gp.idleClawbackDays()));

        createClients(w, allocators, channelOf);
    }

    /** Honest clients: dataset, arrival day, allocator and providers drawn from the population stream, in that order. */
    static void createClients(DesignContext w, List<Allocator> allocators, Map<Allocator, AllocationChannel> channelOf) {
        Scenario s = w.scenario;
        Scenario.ClientParams cp = s.clients();
        MtfRandom pop = w.streams.get(RandomStreams.POPULATION);
        RealDistribution dataset = cp.datasetTib().realize(pop);
        long window = Math.max(1, (long) Math.floor(cp.arrivalWindowFraction() * s.horizonDays()));
        for (int i = 0; i < cp.count(); i++) {
            Address c = w.chain.newAccount();
            double tib = Math.max(0, dataset.sample());
            long bytes = (long) Math.min(Long.MAX_VALUE / 1024.0, Math.ceil(tib * Policy.TiB));
            long arrivalDay = pop.twister().nextLong(window);
            Allocator allocator = allocators.get(pop.nextInt(allocators.size()));
            List<Address> chosen = pickDistinct(w.minerAddresses, cp.providersPerClient(), pop);
            w.clients.add(new Client("client-" + i, c, allocator, channelOf.get(allocator), chosen, arrivalDay * Policy.EPOCHS_IN_DAY,
                    bytes, w.sectorSize, cp.replicas(), cp.maxAllocationsPerDay(), cp.termMinDays() * Policy.EPOCHS_IN_DAY,
                    cp.termMaxDays() * Policy.EPOCHS_IN_DAY, cp.allocationExpirationDays() * Policy.EPOCHS_IN_DAY));
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
