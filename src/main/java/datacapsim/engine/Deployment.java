package datacapsim.engine;

import datacapsim.agents.sla.SlaRiggedRegistry;
import datacapsim.chain.Address;
import datacapsim.contracts.Beneficiary;
import datacapsim.contracts.BeneficiaryFactory;
import datacapsim.contracts.ClientContract;
import datacapsim.contracts.MetaAllocator;
import datacapsim.contracts.OnRamp;
import datacapsim.contracts.SLAAllocator;
import datacapsim.contracts.SLAClientContract;
import datacapsim.contracts.SLARegistry;
import datacapsim.contracts.SLIOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The contracts an allocation design deployed, as typed fields: one record per shape of deployment. The questions
 * metrics and invariants ask of every deployment (its MetaAllocator, Client Contracts, OnRamps, Beneficiaries, the
 * addresses whose DataCap is contract balance) are methods each record answers for itself.
 */
public sealed interface Deployment permits Deployment.None, Deployment.Meta, Deployment.ClientContracts,
        Deployment.OnRamps, Deployment.Sla {

    /** The MetaAllocator, where the design has one. */
    default Optional<MetaAllocator> meta() { return Optional.empty(); }

    /** Every Client Contract (an OnRamp's included), in deployment order. */
    default List<ClientContract> clientContracts() { return List.of(); }

    /** Every OnRamp, in deployment order. */
    default List<OnRamp> onRamps() { return List.of(); }

    /** The SLA Client Contract, where the design has one. */
    default Optional<SLAClientContract> slaClientContract() { return Optional.empty(); }

    /** The Beneficiary factory, where the design has one. */
    default Optional<BeneficiaryFactory> beneficiaryFactory() { return Optional.empty(); }

    /** Every Beneficiary instance the factory created, in creation order (none without a factory). */
    default List<Beneficiary> beneficiaries() {
        return beneficiaryFactory().map(f -> List.copyOf(f.instances().values())).orElse(List.of());
    }

    /** Addresses of every deployed contract (DataCap they hold is contract balance, not client balance). */
    default Set<Address> contractAddresses() {
        Set<Address> out = new TreeSet<>();
        meta().ifPresent(m -> out.add(m.address()));
        for (ClientContract c : clientContracts()) out.add(c.address());
        for (OnRamp r : onRamps()) out.add(r.address());
        return out;
    }

    /** The direct design deploys nothing: allocators are verifiers. */
    record None() implements Deployment {}

    /** The MetaAllocator alone. */
    record Meta(MetaAllocator metaAllocator) implements Deployment {
        @Override public Optional<MetaAllocator> meta() { return Optional.of(metaAllocator); }
    }

    /** The MetaAllocator and each allocator's Client Contract. */
    record ClientContracts(MetaAllocator metaAllocator, List<ClientContract> clientContracts) implements Deployment {
        public ClientContracts { clientContracts = List.copyOf(clientContracts); }
        @Override public Optional<MetaAllocator> meta() { return Optional.of(metaAllocator); }
    }

    /** The MetaAllocator and each allocator's OnRamp with the Client Contract it owns. */
    record OnRamps(MetaAllocator metaAllocator, List<OnRamp> onRamps) implements Deployment {
        public OnRamps { onRamps = List.copyOf(onRamps); }
        @Override public Optional<MetaAllocator> meta() { return Optional.of(metaAllocator); }
        @Override public List<ClientContract> clientContracts() {
            List<ClientContract> out = new ArrayList<>();
            for (OnRamp r : onRamps) out.add(r.clientContract());
            return out;
        }
    }

    /**
     * The SLA system: SLAAllocator, SLA Client Contract, Beneficiary factory, SLI oracle, reference SLARegistry and,
     * in the caller-chosen-registry attack, the attackers' rigged registry ({@code rigged}, else null).
     */
    record Sla(SLAAllocator allocator, SLAClientContract clientContract, BeneficiaryFactory factory, SLIOracle oracle,
            SLARegistry registry, SlaRiggedRegistry rigged) implements Deployment {
        @Override public Optional<SLAClientContract> slaClientContract() { return Optional.of(clientContract); }
        @Override public Optional<BeneficiaryFactory> beneficiaryFactory() { return Optional.of(factory); }
        @Override public Set<Address> contractAddresses() {
            Set<Address> out = new TreeSet<>(List.of(allocator.address(), clientContract.address(), factory.address(),
                    oracle.address(), registry.address()));
            if (rigged != null) out.add(rigged.address());
            return out;
        }
    }
}
