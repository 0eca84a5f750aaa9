package datacapsim.contracts;

import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.JMap;
import java.util.Map;

/**
 * The SLI oracle (seed 001 "FIDLOracle"; kacperzuk-neti/sla-allocator-contracts src/SLIOracle.sol): stores the latest
 * SLI attestation of each provider, written by the off-chain oracle service through the ORACLE role. A write
 * overwrites the provider's previous attestation. No variant differences (the deployed service reporting stability 0
 * is the service agent's behaviour, not this contract's).
 *
 * <p>Roles: DEFAULT_ADMIN_ROLE (the admin; grants and revokes ORACLE_ROLE), ORACLE_ROLE ({@link #setSLI}).
 */
public final class SLIOracle extends AccessControlled {
    public static final String NAME = "SLIOracle";
    public static final String ORACLE_ROLE = "ORACLE_ROLE";

    public record SLIAttestationUpdate(Address provider, SliAttestation slis) implements ContractEvent {}

    private final JMap<Address, SliAttestation> attestations;

    /** initialize(admin, oracle). */
    public SLIOracle(Chain chain, EventLog events, Address admin, Address oracle) {
        super(chain, NAME, events);
        this.attestations = new JMap<>(chain.journal());
        roles.grantUnchecked(Roles.DEFAULT_ADMIN, admin);
        roles.grantUnchecked(ORACLE_ROLE, oracle);
    }

    /** attestations(provider): the latest attestation, or {@link SliAttestation#NONE} (all zero) if none. */
    public SliAttestation attestation(Address provider) { return attestations.getOrDefault(provider, SliAttestation.NONE); }

    /** Every attested provider and its latest attestation. */
    public Map<Address, SliAttestation> attestations() { return attestations.view(); }

    /** setSLI(provider, slis), ORACLE_ROLE: overwrites the provider's attestation. */
    public void setSLI(Address caller, Address provider, SliAttestation slis) {
        run("setSLI", caller, () -> {
            roles.require(ORACLE_ROLE, caller);
            attestations.put(provider, slis);
            emit(new SLIAttestationUpdate(provider, slis));
        });
    }
}
