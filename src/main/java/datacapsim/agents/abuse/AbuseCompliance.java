package datacapsim.agents.abuse;

import datacapsim.agents.Agent;
import datacapsim.agents.Allocator;
import datacapsim.agents.Attempt;
import datacapsim.agents.GovernanceTeam;
import datacapsim.agents.RootKeyHolder;
import datacapsim.agents.StepView;
import datacapsim.chain.Address;
import datacapsim.contracts.OnRamp;
import org.apache.commons.math3.random.RandomGenerator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The governance team's abuse desk (and, in the direct design, the root key holders' compliance), acting in the
 * governance phase:
 * <ul>
 *   <li>at each review, audits every abusive client that has received DataCap and is not identified yet: identified
 *       with the audit probability (one draw per abusive client per review, in creation order, whether used or not, so
 *       the stream stays aligned across scenarios that differ only in diligence);</li>
 *   <li>turns the evidence of the review (allocators that granted DataCap to clients identified since the last review,
 *       other than by their own catch, and whose share of granted DataCap that went to identified clients exceeds the
 *       tolerance) into strikes and verdicts: none, withhold the top-up, claw back the remaining
 *       allowance, or, after {@code maxStrikes} strikes, cut the allocator off for good. The {@link GovernanceTeam}
 *       applies them in the MetaAllocator; in the direct design this agent holds the root key's per-verifier policy
 *       and applies them itself (no re-set of the verifier's allowance; RemoveVerifier for clawback);</li>
 *   <li>onramp: bans every identified client on every OnRamp ({@code OnRamp.lock} as manager, taking back its
 *       allowance there), and pauses every OnRamp for a while when the share of granted DataCap that went to identified
 *       abusers passes a threshold.</li>
 * </ul>
 * Every action is a contract or actor call; a refusal is counted and the desk carries on.
 */
public final class AbuseCompliance implements Agent, GovernanceTeam.Compliance {
    /** What governance does to an allocator with evidence against it at a review. */
    public enum Action { NONE, WITHHOLD, CLAWBACK }

    /** Parameters of the desk. */
    public record Rules(double auditProbability, Action action, double toleranceShare, int maxStrikes, boolean ban,
                         double pauseAboveShare, int pauseDays, int reviewDays) {}

    private final AbuseLedger ledger;
    private final Address manager;
    private final List<OnRamp> onRamps;
    private final Rules policy;
    private final RandomGenerator auditRng;
    private final Address root;
    private final List<Allocator> verifierAllocators;
    private final List<RootKeyHolder> rootKeyHolders;
    private final Map<Allocator, GovernanceTeam.Verdict> verdicts = new LinkedHashMap<>();
    private final Map<Allocator, Integer> strikes = new HashMap<>();
    private final Set<Allocator> cutOff = new HashSet<>();
    private final Map<Address, Long> bannedAt = new LinkedHashMap<>();
    private long lastReview = -1;
    private long pausedUntil = -1;
    private long sanctions;
    private long pauses;
    private long banTakenBack;
    private long verifierRemovedBack;
    private long refusals;

    /**
     * A desk for the MetaAllocator-based designs: {@code manager} is the governance team (the OnRamps' manager);
     * {@code onRamps} empty outside the onramp design.
     */
    public AbuseCompliance(AbuseLedger ledger, Address manager, List<OnRamp> onRamps, Rules policy, RandomGenerator auditRng) {
        this(ledger, manager, onRamps, policy, auditRng, null, List.of(), List.of());
    }

    /**
     * A desk for the direct design: it holds the root key's policy, one {@link RootKeyHolder} per verifier
     * (allocator), and withholds or removes a sanctioned verifier instead of re-setting its allowance.
     */
    public static AbuseCompliance forRootKey(AbuseLedger ledger, Rules policy, RandomGenerator auditRng, Address root,
                                             List<Allocator> verifiers, List<RootKeyHolder> holders) {
        if (verifiers.size() != holders.size()) throw new IllegalArgumentException("one root key policy per verifier");
        return new AbuseCompliance(ledger, null, List.of(), policy, auditRng, root, verifiers, holders);
    }

    private AbuseCompliance(AbuseLedger ledger, Address manager, List<OnRamp> onRamps, Rules policy, RandomGenerator auditRng,
                            Address root, List<Allocator> verifierAllocators, List<RootKeyHolder> holders) {
        this.ledger = ledger;
        this.manager = manager;
        this.onRamps = List.copyOf(onRamps);
        this.policy = policy;
        this.auditRng = auditRng;
        this.root = root;
        this.verifierAllocators = List.copyOf(verifierAllocators);
        this.rootKeyHolders = List.copyOf(holders);
    }

    @Override
    public String label() { return "abuse-compliance"; }

    public AbuseLedger ledger() { return ledger; }

    /** Verdicts other than none handed out at reviews (withhold, clawback, cut-off), running total. */
    public long sanctions() { return sanctions; }

    /** Strikes of an allocator so far. */
    public int strikes(Allocator a) { return strikes.getOrDefault(a, 0); }

    public boolean isCutOff(Allocator a) { return cutOff.contains(a); }

    /** Clients banned on the OnRamps and the epoch of the ban, in order. */
    public Map<Address, Long> bannedAt() { return java.util.Collections.unmodifiableMap(bannedAt); }

    /** Clients banned, running total. */
    public long bans() { return bannedAt.size(); }

    /** Times every OnRamp was paused. */
    public long pauses() { return pauses; }

    public boolean paused() { return pausedUntil >= 0; }

    /** Allowance taken back from banned clients by the locks, bytes. */
    public long banTakenBack() { return banTakenBack; }

    /** direct: allowance of sanctioned verifiers removed with them, bytes. */
    public long verifierRemovedBack() { return verifierRemovedBack; }

    public long refusals() { return refusals; }

    @Override
    public void act(StepView v) {
        reviewIfDue(v);
        ban(v);
        if (pausedUntil >= 0 && v.epoch() >= pausedUntil) {
            for (OnRamp r : onRamps) if (r.paused()) call(() -> r.unpause(manager));
            pausedUntil = -1;
        }
        if (!rootKeyHolders.isEmpty()) rootKey(v);
    }

    @Override
    public GovernanceTeam.Verdict verdict(Allocator allocator, StepView v) {
        reviewIfDue(v);
        if (cutOff.contains(allocator)) return GovernanceTeam.Verdict.CUT_OFF;
        if (lastReview != v.epoch()) return GovernanceTeam.Verdict.NONE;
        return verdicts.getOrDefault(allocator, GovernanceTeam.Verdict.NONE);
    }

    /** The review: audit, evidence → strikes and verdicts, pause. Once per review epoch, whoever asks first. */
    private void reviewIfDue(StepView v) {
        if (!v.every(policy.reviewDays()) || lastReview == v.epoch()) return;
        lastReview = v.epoch();
        for (AbuseClient c : ledger.clients()) {
            double u = auditRng.nextDouble();
            if (u < policy.auditProbability() && !ledger.isIdentified(c.address()) && c.granted() > 0)
                ledger.identify(c.address(), AbuseLedger.Reason.AUDIT, null, v.epoch());
        }
        verdicts.clear();
        for (var e : ledger.drainEvidence().entrySet()) {
            Allocator a = e.getKey();
            if (policy.action() == Action.NONE || cutOff.contains(a)) continue;
            if (a.granted() == 0 || (double) ledger.grantedToIdentified(a) / a.granted() <= policy.toleranceShare()) continue;
            int n = strikes.merge(a, 1, Integer::sum);
            sanctions++;
            if (policy.maxStrikes() > 0 && n >= policy.maxStrikes()) cutOff.add(a);
            else verdicts.put(a, policy.action() == Action.WITHHOLD ? GovernanceTeam.Verdict.WITHHOLD : GovernanceTeam.Verdict.CLAWBACK);
        }
        if (!onRamps.isEmpty() && policy.pauseAboveShare() < 1 && pausedUntil < 0) {
            long all = ledger.grantedByAllocators();
            if (all > 0 && (double) ledger.grantedToIdentified() / all > policy.pauseAboveShare()) {
                for (OnRamp r : onRamps) if (!r.paused()) call(() -> r.pause(manager));
                pausedUntil = v.epoch() + (long) policy.pauseDays() * datacapsim.chain.Policy.EPOCHS_IN_DAY;
                pauses++;
            }
        }
    }

    /** onramp: locks every client identified since the last step on every OnRamp, taking back its allowance there. */
    private void ban(StepView v) {
        List<Address> toBan = ledger.drainBans();
        if (!policy.ban() || onRamps.isEmpty()) return;
        for (Address c : toBan) {
            boolean any = false;
            for (OnRamp r : onRamps) {
                if (r.isLocked(c)) continue;
                long amount = r.clientContract().allowance(c);
                if (call(() -> r.lock(manager, c, amount))) {
                    any = true;
                    banTakenBack += amount;
                }
            }
            if (any) bannedAt.put(c, v.epoch());
        }
    }

    /** direct: the root key's per-verifier policy, with the verdicts applied. */
    private void rootKey(StepView v) {
        for (int i = 0; i < verifierAllocators.size(); i++) {
            Allocator a = verifierAllocators.get(i);
            GovernanceTeam.Verdict verdict = verdict(a, v);
            switch (verdict) {
                case NONE -> rootKeyHolders.get(i).act(v);
                case WITHHOLD -> { }
                case CLAWBACK, CUT_OFF -> {
                    long left = v.chain().verifreg().verifierAllowance(a.address());
                    if (v.chain().verifreg().isVerifier(a.address())
                            && call(() -> v.chain().verifreg().removeVerifier(root, a.address())))
                        verifierRemovedBack += left;
                }
            }
        }
    }

    private boolean call(Runnable r) { return Attempt.run(r, () -> refusals++); }
}
