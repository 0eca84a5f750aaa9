package datacapsim.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.ChainConfig;
import datacapsim.chain.ChainFixture;
import datacapsim.chain.ChainSnapshot;
import datacapsim.chain.Fil;
import datacapsim.chain.Miner;
import datacapsim.chain.Policy;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.function.Executable;

/** Shared set-up, fakes and checks for the SLA Allocator system tests (oracle, registry, beneficiary, factory). */
final class SlaTestKit {
    private SlaTestKit() {}

    /** A quota far above {@link Beneficiary#MIN_BENEFICIARY_QUOTA}. */
    static final BigInteger HUGE_QUOTA = Beneficiary.MIN_BENEFICIARY_QUOTA.multiply(BigInteger.TEN);
    static final long MIN_LIFE = 518_400;

    static BigInteger big(long v) { return BigInteger.valueOf(v); }

    /**
     * Asserts the call reverts with the contract's named error and that nothing observable changed: the chain, the
     * contract reads given, and the delivered events.
     */
    static ContractError refused(Chain c, EventLog ev, Supplier<String> reads, String contract, String error, Executable call) {
        String chainBefore = ChainSnapshot.of(c);
        String readsBefore = reads.get();
        Map<String, Long> eventsBefore = new TreeMap<>(ev.counts());
        ContractError e = assertThrows(ContractError.class, call);
        assertEquals(contract, e.contract(), e::toString);
        assertEquals(error, e.error(), e::toString);
        assertEquals(chainBefore, ChainSnapshot.of(c), "chain changed by the refused call " + e);
        assertEquals(readsBefore, reads.get(), "contract state changed by the refused call " + e);
        assertEquals(eventsBefore, ev.counts(), "events delivered by the refused call " + e);
        return e;
    }

    /** The observable state of a Beneficiary, with the roles of the given accounts. */
    static String reads(Beneficiary b, Address... accounts) {
        StringBuilder s = new StringBuilder();
        s.append("received=").append(b.received()).append(" paid=").append(b.paidToSp()).append(" pending=").append(b.pending())
                .append(" burned=").append(b.burned()).append(" retained=").append(b.retained()).append(" receipts=")
                .append(b.receipts()).append(" last=").append(b.lastScore()).append(" burnAddr=").append(b.burnAddress())
                .append(" alloc=").append(b.slaAllocator().address()).append(" clients=").append(b.clientContract().address());
        for (Address a : accounts)
            for (String r : List.of(Roles.DEFAULT_ADMIN, Beneficiary.MANAGER_ROLE, Beneficiary.WITHDRAWER_ROLE))
                s.append(' ').append(a).append(':').append(r).append('=').append(b.hasRole(r, a));
        return s.toString();
    }

    /** A fake SLA Client contract: per provider, clients in insertion order with their active data size. */
    static final class FakeClients implements SlaClientView {
        private final Address address;
        private final Map<Address, LinkedHashMap<Address, Long>> data = new TreeMap<>();

        FakeClients(Chain c) { this.address = c.newAccount(); }

        FakeClients put(Address provider, Address client, long size) {
            data.computeIfAbsent(provider, k -> new LinkedHashMap<>()).put(client, size);
            return this;
        }

        @Override
        public Address address() { return address; }

        @Override
        public List<Address> clientsOf(Address provider) {
            return new ArrayList<>(data.getOrDefault(provider, new LinkedHashMap<>()).keySet());
        }

        @Override
        public long activeDataSize(Address client, Address provider) {
            return data.getOrDefault(provider, new LinkedHashMap<>()).getOrDefault(client, 0L);
        }
    }

    /** A fake SLA allocator: the registry recorded per (client, provider). */
    static final class FakeLookup implements SlaRegistryLookup {
        private final Address address;
        private final Map<List<Address>, SlaScorer> registries = new LinkedHashMap<>();

        FakeLookup(Chain c) { this.address = c.newAccount(); }

        FakeLookup set(Address client, Address provider, SlaScorer registry) {
            registries.put(List.of(client, provider), registry);
            return this;
        }

        @Override
        public Address address() { return address; }

        @Override
        public SlaScorer registryFor(Address client, Address provider) { return registries.get(List.of(client, provider)); }
    }

    /** A fake registry with fixed scores per (client, provider); an unknown pair reverts SLAUnknown. */
    static final class FixedScorer implements SlaScorer {
        private final Address address;
        private final Map<List<Address>, Long> scores = new LinkedHashMap<>();

        FixedScorer(Chain c) { this.address = c.newAccount(); }

        FixedScorer set(Address client, Address provider, long score) {
            scores.put(List.of(client, provider), score);
            return this;
        }

        @Override
        public Address address() { return address; }

        @Override
        public long score(Address client, Address provider) {
            Long s = scores.get(List.of(client, provider));
            if (s == null) throw new ContractError("FixedScorer", "SLAUnknown", "no SLA", client, provider);
            return s;
        }
    }

    /**
     * A chain with simple money (a constant reward per epoch, a per-TiB pledge) where every simulated miner counts
     * for consensus (no exogenous miner above the minimum), so one sector earns rewards.
     */
    static Chain rewardChain(BigInteger perEpoch) {
        ChainConfig d = ChainFixture.simpleMoney(perEpoch, Fil.fil(1));
        BigInteger pib = BigInteger.valueOf(Policy.PiB);
        return ChainFixture.chain(new ChainConfig(d.genesisEpoch(), pib, pib, BigInteger.ZERO, BigInteger.ZERO, 0,
                d.circulatingSupply(), d.circulatingSupplyPerDay(), d.reward(), ChainConfig.Payout.EXPECTED, d.pledge(),
                false, false));
    }

    /** A miner with an endowed owner and worker and one committed CC sector (so it earns rewards). */
    static Miner minerWithSector(Chain c) {
        Address owner = c.newAccount();
        c.fil().endow(owner, Fil.fil(1_000));
        Address worker = c.newAccount();
        Miner m = c.createMiner(owner, worker, Policy.SECTOR_SIZE_32GIB);
        BigInteger pledge = c.initialPledgeFor(Policy.SECTOR_SIZE_32GIB);
        m.proveCommitSector(owner, new Miner.SectorActivation(List.of(), c.epoch() + MIN_LIFE + 1), pledge);
        return m;
    }

    /** The owner proposes {@code b} as beneficiary with a huge quota and a far expiration; anyone accepts. */
    static void install(Chain c, Miner m, Beneficiary b) {
        m.changeBeneficiary(m.owner(), b.address(), HUGE_QUOTA, c.epoch() + Beneficiary.EXPIRATION_5_YEARS + 1);
        b.acceptBeneficiary(c.newAccount(), m.address());
        assertEquals(b.address(), m.beneficiary());
    }
}
