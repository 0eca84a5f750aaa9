package datacapsim.agents;

import datacapsim.chain.Address;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.distribution.RealDistribution;

/**
 * One allocator's due diligence towards applications: its stance (diligent, lax or colluding), the probability that
 * it catches an abusive application, the chance that it wrongly rejects an honest one, the delay of its diligence on
 * abusive applications (the same distribution as for honest ones, drawn from the "abuse.diligence" stream so that
 * honest applications keep their draws), governance's list of identified abusers it checks, and how it takes back an
 * allowance from a client it drops (a Client Contract's decreaseAllowance; nothing where the client holds DataCap
 * itself).
 *
 * <p>A catch: an application with detectability d is caught iff d &lt; the allocator's catch probability (see
 * {@link AbuseProfile}). A colluding allocator grants its own colluding clients at once, without diligence, and
 * ignores governance's flags on them; towards everyone else it is as lax as a lax allocator.
 */
public final class DueDiligence {
    /** How an allocator treats applications. */
    public enum Stance { DILIGENT, LAX, COLLUDING }

    /** How an allocator takes back the unspent allowance of a client it drops; returns the bytes taken. */
    @FunctionalInterface
    public interface Revoker {
        long revoke(Address allocator, Address client);
    }

    /** Nothing to take back: the client already holds its DataCap (direct, meta-allocator). */
    public static final Revoker NO_REVOKE = (a, c) -> 0L;

    private final Stance stance;
    private final double catchProbability;
    private final double falseRejectProbability;
    private final RealDistribution abusiveDelayDays;
    private final RandomGenerator honestRng;
    private final AbuseWatchlist ledger;
    private final Revoker revoker;

    /**
     * @param catchProbability       this allocator's chance of catching an abusive application
     * @param falseRejectProbability chance of rejecting an honest application (drawn from {@code honestRng} only when &gt; 0)
     * @param abusiveDelayDays       diligence delay for abusive applications, days
     */
    public DueDiligence(Stance stance, double catchProbability, double falseRejectProbability, RealDistribution abusiveDelayDays,
                        RandomGenerator honestRng, AbuseWatchlist ledger, Revoker revoker) {
        this.stance = stance;
        this.catchProbability = catchProbability;
        this.falseRejectProbability = falseRejectProbability;
        this.abusiveDelayDays = abusiveDelayDays;
        this.honestRng = honestRng;
        this.ledger = ledger;
        this.revoker = revoker;
    }

    public Stance stance() { return stance; }

    public double catchProbability() { return catchProbability; }

    /** Governance's list of identified abusers it checks. */
    public AbuseWatchlist ledger() { return ledger; }

    /** True when {@code self} colludes with this applicant: no diligence, governance's flags ignored. */
    public boolean trusts(Allocator self, AbuseProfile p) {
        return stance == Stance.COLLUDING && p != null && p.partner() == self;
    }

    /** Whether diligence catches the abusive application. */
    public boolean catches(AbuseProfile p) { return p.detectability() < catchProbability; }

    /** True when an honest application is wrongly rejected (one draw, only when the probability is positive). */
    boolean rejectsHonest() {
        return falseRejectProbability > 0 && honestRng.nextDouble() < falseRejectProbability;
    }

    /** True when honest applications need a decision at all. */
    boolean mayRejectHonest() { return falseRejectProbability > 0; }

    /** Days of diligence on an abusive application (whole days, at least 0). */
    long abusiveDelayDays() { return Math.max(0, Math.round(abusiveDelayDays.sample())); }

    long revoke(Address allocator, Address client) { return revoker.revoke(allocator, client); }
}
