package datacapsim.contracts;

import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.JMap;
import datacapsim.chain.Miner;

/**
 * The reference SLA registry (seed 001 "FIDLSLARegistry"; kacperzuk-neti/sla-allocator-contracts src/SLARegistry.sol):
 * one immutable SLA per (client, provider) pair, scored against the provider's latest attestation in an
 * {@link SLIOracle}.
 *
 * <p>score(client, provider): an unknown pair reverts {@code SLAUnknown}; no attestation yet (lastUpdate 0) scores 0;
 * otherwise floor(100 × met / defined). An SLA with every threshold 0 defines nothing: once the provider has an
 * attestation its score divides by zero and reverts ({@code Panic(0x12)}, as Solidity 0.8 does).
 *
 * <p>Variants: registerSLA designed = by the client or the provider's (miner's) owner; deployed = by the client only
 * ({@code UnauthorizedCaller}).
 */
public final class SLARegistry extends Contract implements SlaScorer {
    public static final String NAME = "SLARegistry";
    /** Solidity's panic code for a division by zero. */
    public static final int PANIC_DIVISION_BY_ZERO = 0x12;

    public record SLARegistered(Address client, Address provider, SlaParams params) implements ContractEvent {}

    record Pair(Address client, Address provider) implements Comparable<Pair> {
        @Override
        public int compareTo(Pair o) {
            int c = client.compareTo(o.client);
            return c != 0 ? c : provider.compareTo(o.provider);
        }
    }

    private final Variant variant;
    private final Address admin;
    private final SLIOracle oracle;
    private final JMap<Pair, SlaParams> slas;

    /** initialize(admin, oracle). The admin role only authorises upgrades, which are not modelled. */
    public SLARegistry(Chain chain, EventLog events, Variant variant, Address admin, SLIOracle oracle) {
        super(chain, NAME, events);
        this.variant = variant;
        this.admin = admin;
        this.oracle = oracle;
        this.slas = JMap.indexed(chain.journal());
    }

    public Variant variant() { return variant; }

    public Address admin() { return admin; }

    public SLIOracle oracle() { return oracle; }

    /** slas(client, provider): the registered SLA, or null. */
    public SlaParams sla(Address client, Address provider) { return slas.get(new Pair(client, provider)); }

    public boolean isRegistered(Address client, Address provider) { return slas.containsKey(new Pair(client, provider)); }

    /** How many SLAs are registered. */
    public int registeredCount() { return slas.size(); }

    /**
     * registerSLA(client, provider, params): by the client (designed: or the provider's owner); once per pair; the
     * SLA is immutable afterwards.
     */
    public void registerSLA(Address caller, Address client, Address provider, SlaParams params) {
        run("registerSLA", caller, () -> {
            if (!caller.equals(client) && !(variant == Variant.DESIGNED && isOwnerOf(caller, provider)))
                throw error("UnauthorizedCaller", caller + " is not the client " + client
                        + (variant == Variant.DESIGNED ? " nor the owner of " + provider : ""));
            if (isRegistered(client, provider))
                throw error("SLAAlreadyRegistered", "an SLA between " + client + " and " + provider + " exists", client, provider);
            slas.put(new Pair(client, provider), params);
            emit(new SLARegistered(client, provider, params));
        });
    }

    /** score(client, provider): 0–100; reverts for an unknown pair (see the class comment). A read. */
    @Override
    public long score(Address client, Address provider) {
        SlaParams sla = sla(client, provider);
        if (sla == null) throw error("SLAUnknown", "no SLA between " + client + " and " + provider, client, provider);
        SliAttestation m = oracle.attestation(provider);
        if (!m.present()) return 0;
        int defined = sla.defined();
        if (defined == 0)
            throw error("Panic", "division by zero: the SLA between " + client + " and " + provider + " defines no SLI",
                    PANIC_DIVISION_BY_ZERO);
        return 100L * sla.met(m) / defined;
    }

    private boolean isOwnerOf(Address caller, Address provider) {
        Miner m = chain.miner(provider);
        return m != null && m.owner().equals(caller);
    }
}
