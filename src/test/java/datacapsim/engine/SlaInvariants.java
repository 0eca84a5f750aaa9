package datacapsim.engine;

import datacapsim.agents.sla.SlaProvider;
import datacapsim.contracts.Beneficiary;
import datacapsim.contracts.SLAAllocator;
import datacapsim.contracts.SLAClientContract;
import datacapsim.contracts.SlaPair;
import datacapsim.contracts.Variant;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The invariants of the SLA contracts a run must keep, checked by {@link SlaRuns#run} after every day (the engine's
 * {@link Invariants} cover the chain): every Beneficiary's FIL books (received = paid to the SP + pending + burned +
 * retained; its balance = pending + retained); the SLA Client Contract's allowance total and, designed, never more
 * allowance than DataCap; active data never above what was spent and
 * its running total equal to the walk over the pair's allocation ids; the claims-made counts consistent with the
 * registry; the rate-limit windows within their limits.
 */
final class SlaInvariants {
    private SlaInvariants() {}

    static List<String> violations(Simulation s) {
        List<String> out = new ArrayList<>();
        SLAClientContract cc = SlaRuns.cc(s);
        SLAAllocator alloc = SlaRuns.alloc(s);
        for (Beneficiary b : SlaRuns.factory(s).instances().values()) {
            BigInteger books = b.paidToSp().add(b.pending()).add(b.burned()).add(b.retained());
            if (!b.received().equals(books))
                out.add("Beneficiary " + b.address() + ": received " + b.received() + " != paid + pending + burned + retained " + books);
            BigInteger balance = s.chain().fil().balance(b.address());
            if (!balance.equals(b.pending().add(b.retained())))
                out.add("Beneficiary " + b.address() + ": balance " + balance + " != pending + retained");
        }
        for (SlaProvider p : s.agents(SlaProvider.class))
            if (p.beneficiary() != null && p.beneficiary().paidToSp().compareTo(p.withdrawnFromBeneficiary()) != 0)
                out.add(p.label() + " withdrew " + p.withdrawnFromBeneficiary() + " but its Beneficiary paid " + p.beneficiary().paidToSp());
        long allowances = 0;
        for (long a : cc.allowances().values()) {
            if (a < 0) out.add("negative SLA allowance " + a);
            allowances += a;
        }
        if (allowances != cc.totalAllowance()) out.add("SLA allowances sum to " + allowances + ", total says " + cc.totalAllowance());
        if (cc.variant() == Variant.DESIGNED && cc.availableDataCap() < 0)
            out.add("designed SLA Client Contract promised " + cc.totalAllowance() + " bytes but holds " + cc.dataCapBalance());
        for (SlaPair pair : cc.spends().keySet())
            if (cc.activeDataSize(pair.client(), pair.provider()) > cc.spent(pair.client(), pair.provider()))
                out.add("active data above spend for " + pair);
        for (SlaPair pair : cc.allAllocationIds().keySet()) {
            long kept = cc.activeDataSize(pair.client(), pair.provider());
            long walked = cc.activeDataSizeByWalk(pair.client(), pair.provider());
            if (kept != walked) out.add("active data of " + pair + ": running total " + kept + " != walk " + walked);
        }
        // the counts a client's prune polls: every id is pending, was claimed, or went unclaimed
        for (var e : cc.allAllocationIds().entrySet()) {
            SlaPair pair = e.getKey();
            long pending = 0;
            long claimedNow = 0;
            for (long id : e.getValue()) {
                if (s.chain().verifreg().allocation(cc.address(), id) != null) pending++;
                if (s.chain().verifreg().claim(pair.provider(), id) != null) claimedNow++;
            }
            long made = cc.claimsMade(pair.client(), pair.provider());
            if (claimedNow > made || pending + made > e.getValue().size())
                out.add("claims made for " + pair + ": " + made + " (pending " + pending + ", claims now " + claimedNow
                        + ", ids " + e.getValue().size() + ")");
        }
        if (cc.allocationsGoneUnclaimed() < 0) out.add("allocations gone unclaimed " + cc.allocationsGoneUnclaimed());
        var cfg = alloc.config();
        if (alloc.globalWindow().count() > cfg.globalLimit()) out.add("global window holds " + alloc.globalWindow().count());
        for (var w : alloc.clientWindows().entrySet())
            if (w.getValue().count() > cfg.clientLimit()) out.add("client window of " + w.getKey() + " holds " + w.getValue().count());
        return out;
    }
}
