package datacapsim.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.ChainFixture;
import datacapsim.chain.ChainSnapshot;
import datacapsim.chain.Fil;
import datacapsim.chain.Miner;
import datacapsim.chain.Policy;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.function.Executable;

/**
 * A small SLA Allocator world for the SLA contract tests: a chain, an SLAAllocator that is a verifier, the SLA Client
 * Contract, a fake BeneficiaryFactory registry and a fake SLA registry, and helpers to make providers, clients and
 * signed attestations. {@link #refused} asserts that a refused call changed nothing: chain state, both contracts'
 * readable storage, their roles and the delivered events.
 */
final class SlaAllocFixture {
    static final long DAY = Policy.EPOCHS_IN_DAY;
    static final long TIB = Policy.TiB;
    static final long PIB = Policy.PiB;
    static final BigInteger PRICE_PER_TIB = Fil.fil(2);
    static final BigInteger HUGE_QUOTA = BigInteger.TEN.pow(30);
    /** A beneficiary term long enough for every rule: ten years. */
    static final long LONG_EXPIRATION = 10 * Policy.EPOCHS_IN_YEAR;

    /** A fake BeneficiaryFactory registry: instances are plain accounts handed out per provider. */
    static final class SlaAllocFakeFactory implements BeneficiaryRegistry {
        private final Address address;
        private final Map<Address, Address> byProvider = new TreeMap<>();
        private final Chain c;

        SlaAllocFakeFactory(Chain c) {
            this.c = c;
            this.address = c.newAccount();
        }

        Address create(Address provider) {
            Address a = c.newAccount();
            byProvider.put(provider, a);
            return a;
        }

        @Override public Address address() { return address; }

        @Override public boolean isInstance(Address beneficiary) { return byProvider.containsValue(beneficiary); }

        @Override public Address instanceFor(Address provider) { return byProvider.get(provider); }
    }

    /** A fake SLA registry: registered pairs answer their score; unknown pairs revert SLANotFound. */
    static final class SlaAllocFakeScorer implements SlaScorer {
        private final Address address;
        private final Map<SlaPair, Long> scores = new TreeMap<>();
        private final boolean always100;

        SlaAllocFakeScorer(Chain c, boolean always100) {
            this.address = c.newAccount();
            this.always100 = always100;
        }

        void register(Address client, Address provider, long score) { scores.put(new SlaPair(client, provider), score); }

        @Override public Address address() { return address; }

        @Override
        public long score(Address client, Address provider) {
            if (always100) return 100;
            Long s = scores.get(new SlaPair(client, provider));
            if (s == null) throw new ContractError("FakeSLARegistry", "SLANotFound", "no SLA", client, provider);
            return s;
        }
    }

    /** A storage provider: its owner, its miner, its beneficiary instance (or null). */
    record Sp(Address owner, Miner miner, Address beneficiary) {
        Address address() { return miner.address(); }
    }

    final Chain c;
    final EventLog ev;
    final Variant variant;
    final SlaConfig cfg;
    final Address admin;
    final Address manager;
    final Address attestator;
    final Address oracle;
    final Address allocOps;
    final Address stranger;
    final SlaAllocFakeFactory factory;
    final SlaAllocFakeScorer scorer;
    final SLAClientContract cc;
    final SLAAllocator alloc;
    private final List<Address> known = new ArrayList<>();
    private final List<Address> providers = new ArrayList<>();
    private int nextId = 1;

    SlaAllocFixture(Variant variant) { this(variant, SlaConfig.defaults(PRICE_PER_TIB)); }

    SlaAllocFixture(Variant variant, SlaConfig cfg) {
        this.variant = variant;
        this.cfg = cfg;
        c = ChainFixture.chain();
        ev = new EventLog(c, 1000);
        admin = account();
        manager = account();
        attestator = account();
        oracle = account();
        allocOps = account();
        stranger = account();
        factory = new SlaAllocFakeFactory(c);
        scorer = new SlaAllocFakeScorer(c, false);
        cc = new SLAClientContract(c, ev, variant, cfg, admin, allocOps, factory, oracle);
        alloc = new SLAAllocator(c, ev, variant, cfg, admin, manager, attestator, factory, cc);
        cc.grantRole(admin, SLAClientContract.ALLOCATOR, alloc.address());
        c.verifreg().addVerifier(c.rootKey(), alloc.address(), 1000 * PIB);
    }

    Address account() {
        Address a = c.newAccount();
        known.add(a);
        return a;
    }

    Address newClient() { return account(); }

    /** A miner whose beneficiary is its factory instance with a huge quota for ten years. */
    Sp newProvider() { return newProvider(HUGE_QUOTA, c.epoch() + LONG_EXPIRATION); }

    Sp newProvider(BigInteger quota, long expiration) {
        Address owner = account();
        c.fil().endow(owner, Fil.fil(1000));
        Miner m = c.createMiner(owner, owner, Policy.SECTOR_SIZE_32GIB);
        providers.add(m.address());
        Address ben = factory.create(m.address());
        known.add(ben);
        setBeneficiary(m, ben, quota, expiration);
        return new Sp(owner, m, ben);
    }

    /** A miner without a beneficiary set (its owner is the beneficiary) and without a factory instance. */
    Sp bareProvider() {
        Address owner = account();
        c.fil().endow(owner, Fil.fil(1000));
        Miner m = c.createMiner(owner, owner, Policy.SECTOR_SIZE_32GIB);
        providers.add(m.address());
        return new Sp(owner, m, null);
    }

    static void setBeneficiary(Miner m, Address ben, BigInteger quota, long expiration) {
        m.changeBeneficiary(m.owner(), ben, quota, expiration);
        m.changeBeneficiary(ben, ben, quota, expiration);
    }

    void mint(long bytes) { alloc.mintDataCap(manager, bytes); }

    // ------------------------------------------------------------------ attestations
    PassportSigned passport(Address subject, long score, String... stamps) {
        return passport(subject, score, c.epoch() + 30 * DAY, stamps);
    }

    PassportSigned passport(Address subject, long score, long expiration, String... stamps) {
        return PassportSigned.sign(attestator, alloc.address(), new Passport(subject, expiration, score, List.of(stamps)));
    }

    PaymentTransactionSigned payment(Address from, Address to, BigInteger amount) {
        return PaymentTransactionSigned.sign(attestator, alloc.address(),
                new PaymentTransaction("tx-" + nextId++, from, to, amount));
    }

    /** A correct payment from the client to the SP's owner for {@code bytes} at the price. */
    PaymentTransactionSigned paymentFor(Address client, Sp sp, long bytes) {
        return payment(client, sp.owner(), cfg.priceOf(bytes));
    }

    ManualAttestationSigned attestation(Address client, Sp sp, long amount) {
        return ManualAttestationSigned.sign(attestator, alloc.address(),
                new ManualAttestation("att-" + nextId++, client, sp.address(), amount, "ticket"));
    }

    /** A single-passport request with a fresh passport and payment. */
    void requestWithPassport(Address client, Sp sp, long amount) {
        alloc.requestDataCapWithPassport(client, sp.address(), scorer, amount, passport(client, 50), paymentFor(client, sp, amount));
    }

    void requestWithPayment(Address client, Sp sp, long amount) {
        alloc.requestDataCapWithPayment(client, sp.address(), scorer, amount, paymentFor(client, sp, amount));
    }

    // ------------------------------------------------------------------ state and refusals
    /** Everything observable: chain state, both contracts' storage, roles of every known account, events delivered. */
    String state() {
        StringBuilder b = new StringBuilder(ChainSnapshot.of(c)).append('\n');
        b.append("alloc.sla=");
        for (var e : alloc.slaContracts().entrySet()) b.append(e.getKey()).append("->").append(e.getValue().address()).append(';');
        b.append("\nalloc.bound=").append(alloc.providerClients())
                .append("\nalloc.usedAtt=").append(alloc.usedAttestations())
                .append("\nalloc.usedTx=").append(alloc.usedTransactions())
                .append("\nalloc.windows=").append(alloc.clientWindows())
                .append("\nalloc.global=").append(alloc.globalWindow())
                .append("\nalloc.registry=").append(alloc.beneficiaryRegistry() == null ? null : alloc.beneficiaryRegistry().address())
                .append("\nalloc.cc=").append(alloc.clientContract() == null ? null : alloc.clientContract().address())
                .append("\ncc.allowances=").append(cc.allowances()).append(" total=").append(cc.totalAllowance())
                .append("\ncc.spends=").append(cc.spends())
                .append("\ncc.ids=").append(cc.allAllocationIds())
                .append("\ncc.terminated=").append(cc.terminatedIds())
                .append("\ncc.registry=").append(cc.beneficiaryRegistry() == null ? null : cc.beneficiaryRegistry().address());
        for (Address p : providers) b.append("\ncc.clients ").append(p).append('=').append(cc.clientsOf(p));
        for (Address a : known) {
            for (String r : List.of(SLAAllocator.ADMIN, SLAAllocator.MANAGER, SLAAllocator.ATTESTATOR))
                if (alloc.hasRole(r, a)) b.append("\nalloc.role ").append(r).append(' ').append(a);
            for (String r : List.of(SLAClientContract.ADMIN, SLAClientContract.ALLOCATOR, SLAClientContract.TERMINATION_ORACLE))
                if (cc.hasRole(r, a)) b.append("\ncc.role ").append(r).append(' ').append(a);
        }
        for (String r : List.of(SLAClientContract.ALLOCATOR))
            if (cc.hasRole(r, alloc.address())) b.append("\ncc.role ").append(r).append(" allocator");
        b.append("\nevents=").append(ev.counts());
        return b.toString();
    }

    /** Asserts the call reverts with contract.error and that nothing observable changed. */
    ContractError refused(String contract, String error, Executable call) {
        String before = state();
        ContractError e = assertThrows(ContractError.class, call);
        assertEquals(contract + "." + error, e.rule(), e::toString);
        assertEquals(before, state(), "state changed by the refused call " + e);
        return e;
    }

    ContractError refusedAlloc(String error, Executable call) { return refused(SLAAllocator.NAME, error, call); }

    ContractError refusedClient(String error, Executable call) { return refused(SLAClientContract.NAME, error, call); }

    /** Moves the clock to {@code epoch} (cron runs). */
    void advanceTo(long epoch) { c.advanceTo(epoch); }
}
