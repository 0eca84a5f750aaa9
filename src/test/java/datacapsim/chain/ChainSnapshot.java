package datacapsim.chain;

import java.util.ArrayList;
import java.util.List;

/**
 * A textual fingerprint of every piece of chain state a caller can observe: balances, allowances, registry maps,
 * counters, miners (sectors, vesting, beneficiary, pending change, money). Two equal snapshots mean nothing changed.
 */
public final class ChainSnapshot {
    private ChainSnapshot() {}

    public static String of(Chain c) {
        List<String> out = new ArrayList<>();
        out.add("epoch=" + c.epoch());
        out.add("fil=" + c.fil().view() + " endowed=" + c.fil().endowed());
        DataCapToken t = c.datacap();
        out.add("dc.balances=" + t.balances() + " supply=" + t.totalSupply() + " minted=" + t.minted() + " burned=" + t.burned()
                + " mintedAddresses=" + t.mintedAddresses());
        out.add("dc.allowances=" + t.allowances());
        VerifiedRegistry r = c.verifreg();
        out.add("vr.verifiers=" + r.verifiers() + " next=" + r.nextAllocationId() + " held=" + r.heldBytes()
                + " claimed=" + r.claimedBytes() + " ext=" + r.extensionBurnedBytes() + " returned=" + r.expiredReturnedBytes()
                + " destroyed=" + r.destroyedBytes() + " cleared=" + r.clearedBytes() + " root=" + r.rootKey()
                + " removalIds=" + r.removalProposalIds());
        out.add("reward sim=" + c.rewardToSimulated() + " service=" + c.rewardToService() + " burned=" + c.rewardBurned()
                + " upgraded=" + c.upgraded());
        for (var client : r.clientsWithAllocations().keySet()) out.add("vr.alloc " + client + "=" + r.allocationsOf(client));
        for (var p : r.providersWithClaims()) out.add("vr.claims " + p + "=" + r.claimsOf(p));
        out.add("power raw=" + c.power().simulatedRaw() + " qa=" + c.power().simulatedQa() + " above=" + c.power().minersAboveMinimum());
        for (Miner m : c.miners().values()) {
            out.add("miner " + m.address() + " bal=" + m.balance() + " pledge=" + m.initialPledge() + " locked=" + m.lockedFunds()
                    + " debt=" + m.feeDebt() + " raw=" + m.rawPower() + " qa=" + m.qaPower() + " ver=" + m.verifiedBytes()
                    + " fee=" + m.dailyFee() + " dep=" + m.deposited() + " rew=" + m.rewardsReceived() + " wd=" + m.withdrawn()
                    + " burned=" + m.feesBurned() + " next=" + m.nextSectorNumber() + " ben=" + m.beneficiary()
                    + " term=" + m.beneficiaryTerm() + " pending=" + m.pendingBeneficiaryChange());
            out.add("  sectors=" + m.sectors());
            out.add("  vesting=" + m.vestingTable());
        }
        return String.join("\n", out);
    }
}
