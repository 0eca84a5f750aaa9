package datacapsim.engine;

import datacapsim.chain.VerifiedRegistry;
import datacapsim.chain.VerifiedRegistryV1;
import datacapsim.contracts.ClientContract;
import datacapsim.contracts.MetaAllocator;
import datacapsim.contracts.OnRamp;
import datacapsim.contracts.SLAAllocator;
import datacapsim.scenario.Scenario;

/**
 * An allocation design: how DataCap travels from the root key to clients. One record per design, each owning its
 * builder (what it deploys and which agents it creates, {@link #build}) and what the metrics need to know of it
 * ({@link #isRequest}). Code branches on a design by calling its methods, never by comparing its name.
 */
public sealed interface AllocationDesign permits AllocationDesign.Direct, AllocationDesign.MetaAllocatorDesign,
        AllocationDesign.ClientContractDesign, AllocationDesign.OnRampDesign, AllocationDesign.SlaAllocatorDesign {

    /** The scenario's name of the design ({@code design: onramp}). */
    Scenario.Design name();

    /** The design a scenario names. */
    static AllocationDesign of(Scenario.Design name) {
        return switch (name) {
            case DIRECT -> new Direct();
            case META_ALLOCATOR -> new MetaAllocatorDesign();
            case CLIENT_CONTRACT -> new ClientContractDesign();
            case ONRAMP -> new OnRampDesign();
            case SLA_ALLOCATOR -> new SlaAllocatorDesign();
        };
    }

    /** Deploys the design's contracts and creates its agents in {@code w}; returns what it deployed. */
    Deployment build(DesignContext w);

    /** Whether a call to the chain method {@code method} requests or grants DataCap in this design. */
    boolean isRequest(String method);

    /**
     * Allocators are verifiers of the registry (FIP-0045 direct onboarding, no contract; under v1 and v1-topup the
     * original registry, whose AddVerifiedClient is the request).
     */
    record Direct() implements AllocationDesign {
        @Override public Scenario.Design name() { return Scenario.Design.DIRECT; }
        @Override public Deployment build(DesignContext w) { return AllocatorDesigns.build(w, AllocatorDesigns.Wiring.VERIFIER); }
        @Override public boolean isRequest(String method) {
            return method.equals(VerifiedRegistry.ADD_VERIFIED_CLIENT) || method.equals(VerifiedRegistryV1.ADD_VERIFIED_CLIENT);
        }
    }

    /** Allocators grant through the MetaAllocator, a verifier governed by the governance team. */
    record MetaAllocatorDesign() implements AllocationDesign {
        @Override public Scenario.Design name() { return Scenario.Design.META_ALLOCATOR; }
        @Override public Deployment build(DesignContext w) { return AllocatorDesigns.build(w, AllocatorDesigns.Wiring.META); }
        @Override public boolean isRequest(String method) { return method.equals(MetaAllocator.NAME + ".addVerifiedClient"); }
    }

    /** Each allocator owns a Client Contract holding the DataCap and spending it for its clients. */
    record ClientContractDesign() implements AllocationDesign {
        @Override public Scenario.Design name() { return Scenario.Design.CLIENT_CONTRACT; }
        @Override public Deployment build(DesignContext w) {
            return AllocatorDesigns.build(w, AllocatorDesigns.Wiring.CLIENT_CONTRACT);
        }
        @Override public boolean isRequest(String method) { return method.equals(ClientContract.NAME + ".increaseAllowance"); }
    }

    /** Each allocator's Client Contract is owned by an OnRamp (rate limits, bans, pause) managed by governance. */
    record OnRampDesign() implements AllocationDesign {
        @Override public Scenario.Design name() { return Scenario.Design.ONRAMP; }
        @Override public Deployment build(DesignContext w) { return AllocatorDesigns.build(w, AllocatorDesigns.Wiring.ONRAMP); }
        @Override public boolean isRequest(String method) { return method.equals(OnRamp.NAME + ".increaseAllowance"); }
    }

    /** The SLA Allocator system: clients request DataCap; providers' rewards are split by their SLA score. */
    record SlaAllocatorDesign() implements AllocationDesign {
        @Override public Scenario.Design name() { return Scenario.Design.SLA_ALLOCATOR; }
        @Override public Deployment build(DesignContext w) { return SlaDesign.build(w); }
        @Override public boolean isRequest(String method) { return method.startsWith(SLAAllocator.NAME + ".requestDataCap"); }
    }
}
