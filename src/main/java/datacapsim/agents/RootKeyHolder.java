package datacapsim.agents;

import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import java.util.List;

/**
 * The root key holders: set each verifier's allowance at the start and re-set it to the full amount whenever its
 * remaining share falls below a fraction at a review (AddVerifier sets, it does not add).
 */
public final class RootKeyHolder implements Agent {
    private final Address root;
    private final List<Address> verifiers;
    private final long allowance;
    private final double topUpBelow;
    private final int reviewDays;
    private long granted;
    private long refusals;
    /** FIP-0118: AddVerifier was refused because DataCap is deprecated. */
    private boolean datacapDeprecated;

    public RootKeyHolder(Address root, List<Address> verifiers, long allowance, double topUpBelow, int reviewDays) {
        this.root = root;
        this.verifiers = List.copyOf(verifiers);
        this.allowance = allowance;
        this.topUpBelow = topUpBelow;
        this.reviewDays = reviewDays;
    }

    @Override
    public String label() { return "root-key"; }

    /** Allowance set for verifiers since the start, bytes (the full amount at each grant or top-up, less what was left). */
    public long granted() { return granted; }

    public long refusals() { return refusals; }

    @Override
    public void act(StepView v) {
        boolean first = v.epoch() == 0;
        if (datacapDeprecated || !first && !v.every(reviewDays)) return;
        VerifiedPath path = VerifiedPath.of(v.chain());
        for (Address verifier : verifiers) {
            long left = path.verifierAllowance(verifier);
            boolean isVerifier = path.isVerifier(verifier);
            if (isVerifier && left >= topUpBelow * allowance) continue;
            try {
                path.addVerifier(root, verifier, allowance);
                granted += allowance - left;
            } catch (ActorError e) {
                refusals++;
                if (Attempt.datacapDeprecated(e)) { // FIP-0118: no verifiers any more; it stops its reviews
                    datacapDeprecated = true;
                    return;
                }
            }
        }
    }
}
