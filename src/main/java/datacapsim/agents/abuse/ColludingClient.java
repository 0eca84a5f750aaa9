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
 * A client colluding with an allocator: applies to its partner, which grants it at once without due diligence (and
 * keeps granting when governance identifies it, until an OnRamp ban or a sanction stops it), and spreads its
 * allocations over the providers it listed, often ones the abusers control.
 */
public final class ColludingClient extends AbuseClient {
    public ColludingClient(String label, Address address, Allocator partner, double detectability,
                           List<Address> providers, long arrivalEpoch, long requestedBytes, Terms terms,
                           Allocator first, List<Allocator> allocators, Map<Allocator, AllocationChannel> channels,
                           int reapplyAttempts, RandomGenerator rng, RandomGenerator reapplyRng) {
        super(label, address, new AbuseProfile(AbuseKind.COLLUDING, detectability, partner), providers, arrivalEpoch,
                requestedBytes, terms, first, allocators, channels, reapplyAttempts, rng, reapplyRng);
    }

    /** The allocator it colludes with (null when the scenario has no colluding allocator). */
    public Allocator partner() { return profile().partner(); }

    @Override
    protected List<Address> plan(long budget, long perStep, Map<Address, Long> room) {
        return spread(budget, perStep, room);
    }
}
