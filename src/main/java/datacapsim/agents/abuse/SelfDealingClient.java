package datacapsim.agents.abuse;

import datacapsim.agents.AbuseKind;
import datacapsim.agents.AbuseProfile;
import datacapsim.agents.AllocationChannel;
import datacapsim.agents.Allocator;
import datacapsim.chain.Address;
import org.apache.commons.math3.random.RandomGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A client owned by or paid by a provider: it lists the number of providers an application needs (its own first, the
 * others as cover) but allocates everything to its own provider, one copy of each piece, as far as the channel lets it
 * (under a Client Contract's fair-distribution cap, its provider gets at most its fair share; the rest stays unspent).
 * The provider seals the allocations like any other and earns the QA power.
 */
public final class SelfDealingClient extends AbuseClient {
    private final Address own;

    public SelfDealingClient(String label, Address address, Address ownProvider, double detectability,
                             List<Address> providers, long arrivalEpoch, long requestedBytes, Terms terms,
                             Allocator first, List<Allocator> allocators, Map<Allocator, AllocationChannel> channels,
                             int reapplyAttempts, RandomGenerator rng, RandomGenerator reapplyRng) {
        super(label, address, new AbuseProfile(AbuseKind.SELF_DEALING, detectability, null), providers, arrivalEpoch,
                requestedBytes, terms, first, allocators, channels, reapplyAttempts, rng, reapplyRng);
        if (!providers.contains(ownProvider)) throw new IllegalArgumentException(label + " must list its own provider");
        this.own = ownProvider;
    }

    /** The provider that owns or pays this client. */
    public Address ownProvider() { return own; }

    @Override
    protected int piecesPerData() { return 1; }

    @Override
    protected List<Address> plan(long budget, long perStep, Map<Address, Long> room) {
        long piece = terms.pieceSize();
        long n = Math.min(Math.min(budget / piece, perStep), Math.max(0, room.getOrDefault(own, 0L)) / piece);
        List<Address> out = new ArrayList<>();
        for (long i = 0; i < n; i++) out.add(own);
        return out;
    }
}
