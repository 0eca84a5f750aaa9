package datacapsim.contracts;

import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.JMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Beneficiary factory (seed 001; kacperzuk-neti/sla-allocator-contracts src/BeneficiaryFactory.sol): deploys one
 * {@link Beneficiary} per provider and keeps the registry of instances the SLA contracts check a miner's beneficiary
 * against. Every instance gets the factory's SLA allocator, burn address and payout rules.
 *
 * <p>Variants: {@code create} designed = only holders of GOVERNANCE_ROLE; deployed = anyone, for any provider, first
 * come first served (a squatter may take a provider's only instance, with itself as admin and withdrawer).
 *
 * <p>Roles: DEFAULT_ADMIN_ROLE (the admin; grants and revokes GOVERNANCE_ROLE), GOVERNANCE_ROLE (create, designed).
 */
public final class BeneficiaryFactory extends AccessControlled implements BeneficiaryRegistry {
    public static final String NAME = "BeneficiaryFactory";
    public static final String GOVERNANCE_ROLE = "GOVERNANCE_ROLE";

    /** A new instance: its address, the provider, and who created it with which admin and withdrawer. */
    public record ProxyCreated(Address proxy, Address provider, Address creator, Address admin, Address withdrawer)
            implements ContractEvent {}

    private final Variant variant;
    private final SlaRegistryLookup slaAllocator;
    private final Address burnAddress;
    private final BeneficiaryPayoutRules rules;
    private final JMap<Address, Beneficiary> byProvider;
    private final JMap<Address, Address> providerOf;

    /**
     * initialize(admin, implementation, slaAllocator, burnAddress), with the payout rules every instance gets. The
     * admin also holds GOVERNANCE_ROLE.
     */
    public BeneficiaryFactory(Chain chain, EventLog events, Variant variant, Address admin, SlaRegistryLookup slaAllocator,
                              Address burnAddress, BeneficiaryPayoutRules rules) {
        super(chain, NAME, events);
        this.variant = variant;
        this.slaAllocator = Objects.requireNonNull(slaAllocator, "slaAllocator");
        this.burnAddress = Objects.requireNonNull(burnAddress, "burnAddress");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.byProvider = JMap.indexed(chain.journal());
        this.providerOf = JMap.indexed(chain.journal());
        roles.grantUnchecked(Roles.DEFAULT_ADMIN, admin);
        roles.grantUnchecked(GOVERNANCE_ROLE, admin);
    }

    /** With the variant's default payout rules and the chain's burn address. */
    public BeneficiaryFactory(Chain chain, EventLog events, Variant variant, Address admin, SlaRegistryLookup slaAllocator) {
        this(chain, events, variant, admin, slaAllocator, Chain.BURN, BeneficiaryPayoutRules.defaults(variant));
    }

    public Variant variant() { return variant; }
    public SlaRegistryLookup slaAllocator() { return slaAllocator; }
    public Address burnAddress() { return burnAddress; }
    public BeneficiaryPayoutRules rules() { return rules; }

    /** The instance created for a provider, or null. */
    public Beneficiary instance(Address provider) { return byProvider.get(provider); }

    /** instances(provider): the instance's address, or null. */
    @Override
    public Address instanceFor(Address provider) {
        Beneficiary b = byProvider.get(provider);
        return b == null ? null : b.address();
    }

    @Override
    public boolean isInstance(Address beneficiary) { return providerOf.containsKey(beneficiary); }

    /** Every instance by provider. */
    public Map<Address, Beneficiary> instances() { return byProvider.view(); }

    /**
     * create(admin, withdrawer, provider, clientContract): designed, GOVERNANCE_ROLE; deployed, anyone. One instance
     * per provider ({@code InstanceAlreadyExists}). {@code withdrawer} becomes the instance's manager and a withdrawer.
     */
    public Beneficiary create(Address caller, Address admin, Address withdrawer, Address provider, SlaClientView clientContract) {
        Objects.requireNonNull(clientContract, "clientContract");
        return call("create", caller, () -> {
            if (variant == Variant.DESIGNED) roles.require(GOVERNANCE_ROLE, caller);
            if (byProvider.containsKey(provider))
                throw error("InstanceAlreadyExists", "provider " + provider + " already has " + instanceFor(provider));
            Beneficiary b = new Beneficiary(chain, events, admin, withdrawer, provider, slaAllocator, burnAddress,
                    clientContract, rules);
            byProvider.put(provider, b);
            providerOf.put(b.address(), provider);
            emit(new ProxyCreated(b.address(), provider, caller, admin, withdrawer));
            return b;
        });
    }
}
