package datacapsim.agents.abuse;

import datacapsim.agents.AbuseKind;
import datacapsim.agents.AbuseProfile;
import datacapsim.agents.AllocationChannel;
import datacapsim.agents.Allocator;
import datacapsim.chain.Address;
import org.apache.commons.math3.random.RandomGenerator;
import java.util.List;
import java.util.Map;

/**
 * One address of a sybil owner: applies separately for DataCap for junk data and spreads its allocations over the
 * providers the owner picked for it (often ones the abusers control), as an honest client would, so that nothing in its
 * allocations gives it away. Identifying one address identifies all of its owner's addresses when the owner is
 * linkable ({@link SybilOwner#linkable()}).
 */
public final class SybilClient extends AbuseClient {
    private final SybilOwner owner;

    public SybilClient(String label, Address address, SybilOwner owner, double detectability, List<Address> providers,
                       long arrivalEpoch, long requestedBytes, Terms terms, Allocator first, List<Allocator> allocators,
                       Map<Allocator, AllocationChannel> channels, int reapplyAttempts, RandomGenerator rng,
                       RandomGenerator reapplyRng) {
        super(label, address, new AbuseProfile(AbuseKind.SYBIL, detectability, null), providers, arrivalEpoch,
                requestedBytes, terms, first, allocators, channels, reapplyAttempts, rng, reapplyRng);
        this.owner = owner;
        owner.add(this);
    }

    public SybilOwner owner() { return owner; }

    @Override
    protected List<Address> plan(long budget, long perStep, Map<Address, Long> room) {
        return spread(budget, perStep, room);
    }
}
