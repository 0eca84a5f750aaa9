package datacapsim.chain;

import java.util.List;

/** Operator data of a DataCap transfer to the registry: new allocations and claim extensions. */
public record AllocationRequests(List<AllocationRequest> allocations, List<ClaimExtensionRequest> extensions) {
    public AllocationRequests {
        allocations = allocations == null ? List.of() : List.copyOf(allocations);
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
    }

    public static AllocationRequests of(AllocationRequest... allocations) {
        return new AllocationRequests(List.of(allocations), List.of());
    }

    public static AllocationRequests extensions(ClaimExtensionRequest... extensions) {
        return new AllocationRequests(List.of(), List.of(extensions));
    }

    /** Sum of the sizes of the allocation requests (extensions are priced by their claims' sizes). */
    public long allocationBytes() {
        long s = 0;
        for (AllocationRequest r : allocations) s = Math.addExact(s, r.size());
        return s;
    }
}
