package datacapsim.engine;

import datacapsim.chain.Chain;
import datacapsim.chain.Miner;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The conservation laws of the chain, checked on demand (every step with --check-invariants, always in tests).
 * Each violation names the invariant and the numbers on both sides.
 */
public final class Invariants {
    private Invariants() {}

    public static List<String> violations(Chain c) {
        List<String> out = new ArrayList<>();
        var dc = c.datacap();
        var vr = c.verifreg();
        long balances = 0;
        for (long b : dc.balances().values()) {
            if (b < 0) out.add("negative DataCap balance " + b);
            balances = Math.addExact(balances, b);
        }
        long rhs = balances + vr.claimedBytes() + vr.extensionBurnedBytes() + vr.destroyedBytes();
        if (dc.minted() != rhs)
            out.add("DataCap conservation: minted " + dc.minted() + " != balances " + balances + " + claimed " + vr.claimedBytes()
                    + " + extension burned " + vr.extensionBurnedBytes() + " + destroyed " + vr.destroyedBytes() + " = " + rhs);
        if (dc.totalSupply() != balances)
            out.add("DataCap supply " + dc.totalSupply() + " != sum of balances " + balances);
        if (dc.balanceOf(Chain.VERIFIED_REGISTRY) != vr.heldBytes())
            out.add("registry holds " + dc.balanceOf(Chain.VERIFIED_REGISTRY) + " bytes but allocations pending total " + vr.heldBytes());
        for (var e : vr.verifiers().entrySet())
            if (e.getValue() < 0) out.add("negative verifier allowance " + e.getKey() + " " + e.getValue());
        BigInteger rewards = BigInteger.ZERO;
        BigInteger minerBalances = BigInteger.ZERO;
        for (Miner m : c.miners().values()) {
            BigInteger in = m.deposited().add(m.rewardsReceived());
            BigInteger out2 = m.balance().add(m.withdrawn()).add(m.feesBurned());
            if (!in.equals(out2))
                out.add("FIL conservation at " + m.address() + ": deposited " + m.deposited() + " + rewards " + m.rewardsReceived()
                        + " != balance " + m.balance() + " + withdrawn " + m.withdrawn() + " + fees burned " + m.feesBurned());
            for (var v : List.of(m.balance(), m.initialPledge(), m.lockedFunds(), m.feeDebt()))
                if (v.signum() < 0) out.add("negative FIL stock at " + m.address() + ": " + v);
            BigInteger vest = m.vestingTable().values().stream().reduce(BigInteger.ZERO, BigInteger::add);
            if (!vest.equals(m.lockedFunds()))
                out.add("vesting table of " + m.address() + " sums to " + vest + " but locked funds are " + m.lockedFunds());
            rewards = rewards.add(m.rewardsReceived());
            minerBalances = minerBalances.add(m.balance());
        }
        if (!rewards.equals(c.rewardToSimulated()))
            out.add("rewards received by miners " + rewards + " != rewards paid by the chain " + c.rewardToSimulated());
        BigInteger ledger = c.fil().view().values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger lhs = ledger.add(minerBalances);
        BigInteger expected = c.fil().endowed().add(c.rewardToSimulated());
        if (!lhs.equals(expected))
            out.add("FIL supply: accounts " + ledger + " + miner balances " + minerBalances + " != endowed " + c.fil().endowed()
                    + " + rewards " + c.rewardToSimulated());
        return out;
    }
}
