package datacapsim.agents;

import datacapsim.chain.Address;
import datacapsim.contracts.MetaAllocator;
import java.util.List;

/**
 * The governance team, owner of the MetaAllocator: gives each allocator its allowance at the start, and at each
 * review tops an allocator up to the full amount when its remaining share is low, or takes back the allowance of an
 * allocator idle for too long (0 = never). With a {@link Compliance} policy, top-ups also depend on compliance: an
 * allocator under a sanction at a review gets no top-up (withhold) or loses its remaining allowance (clawback, or
 * cut off for good).
 */
public final class GovernanceTeam implements Agent {
    /** What compliance decides for an allocator at a review. */
    public enum Verdict { NONE, WITHHOLD, CLAWBACK, CUT_OFF }

    /** The compliance side of a review: consulted once per allocator at each review, in allocator order. */
    public interface Compliance {
        Verdict verdict(Allocator allocator, StepView v);
    }

    private final Address self;
    private final MetaAllocator ma;
    private final List<Allocator> allocators;
    private final long fullAllowance;
    private final double topUpBelow;
    private final int reviewDays;
    private final int idleDays;
    private final Compliance compliance;
    private boolean started;
    private long toppedUp;
    private long clawedBack;
    private long sanctionedBack;
    private long refusals;

    public GovernanceTeam(Address self, MetaAllocator ma, List<Allocator> allocators, long fullAllowance, double topUpBelow,
                          int reviewDays, int idleDays) {
        this(self, ma, allocators, fullAllowance, topUpBelow, reviewDays, idleDays, null);
    }

    /** A governance team whose top-ups also depend on {@code compliance} (null: on usage only). */
    public GovernanceTeam(Address self, MetaAllocator ma, List<Allocator> allocators, long fullAllowance, double topUpBelow,
                          int reviewDays, int idleDays, Compliance compliance) {
        this.compliance = compliance;
        this.self = self;
        this.ma = ma;
        this.allocators = List.copyOf(allocators);
        this.fullAllowance = fullAllowance;
        this.topUpBelow = topUpBelow;
        this.reviewDays = reviewDays;
        this.idleDays = idleDays;
    }

    @Override
    public String label() { return "governance"; }

    public Address address() { return self; }

    /** Allowance added at reviews (beyond the first grant), bytes. */
    public long toppedUp() { return toppedUp; }

    /** Allowance taken back from idle allocators, bytes. */
    public long clawedBack() { return clawedBack; }

    /** Allowance taken back from sanctioned allocators, bytes. */
    public long sanctionedBack() { return sanctionedBack; }

    public long refusals() { return refusals; }

    @Override
    public void act(StepView v) {
        if (!started) {
            for (Allocator a : allocators) call(() -> ma.addAllowance(self, a.address(), fullAllowance));
            started = true;
            return;
        }
        if (!v.every(reviewDays)) return;
        long idleEpochs = (long) idleDays * datacapsim.chain.Policy.EPOCHS_IN_DAY;
        for (Allocator a : allocators) {
            long current = ma.allowance(a.address());
            long since = a.lastGrantEpoch() < 0 ? v.epoch() : v.epoch() - a.lastGrantEpoch();
            Verdict verdict = compliance == null ? Verdict.NONE : compliance.verdict(a, v);
            if (verdict == Verdict.CLAWBACK || verdict == Verdict.CUT_OFF) {
                if (current > 0 && call(() -> ma.decreaseAllowance(self, a.address(), current))) sanctionedBack += current;
                continue;
            }
            if (verdict == Verdict.WITHHOLD) continue;
            if (idleDays > 0 && current > 0 && since >= idleEpochs) {
                if (call(() -> ma.decreaseAllowance(self, a.address(), current))) clawedBack += current;
            } else if (current < topUpBelow * fullAllowance) {
                long add = fullAllowance - current;
                if (call(() -> ma.addAllowance(self, a.address(), add))) toppedUp += add;
            }
        }
    }

    private boolean call(Runnable r) { return Attempt.run(r, () -> refusals++); }
}
