package datacapsim.engine;

import datacapsim.agents.Provider;
import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.Miner;
import datacapsim.contracts.Beneficiary;
import datacapsim.contracts.ClientContract;
import datacapsim.contracts.OnRamp;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The invariants of a run, checked on demand (every step with --check-invariants, always in tests). Each violation
 * names the invariant and the numbers on both sides.
 *
 * <ul>
 *   <li>{@link #violations(Chain)}: the chain's conservation laws — DataCap minted = balances + claimed + burned on
 *       extension + destroyed + cleared at the FIP-0118 upgrade; the registry holds exactly the pending allocations;
 *       FIL deposited + rewards = miner balances + withdrawn + fees burned, and the FIL supply (every ledger account,
 *       the storage market's and the burn actor's among them, plus miner balances = endowed + rewards to the
 *       simulated miners + the FIP-0118 service and burned streams); the storage market's books ({@link #market});
 *       no negative DataCap balance, verifier allowance or miner FIL stock.</li>
 *   <li>{@link #violations(Simulation)}: those, plus the contracts the design deployed — no negative allowance, total
 *       granted or per-provider total in the MetaAllocator, Client Contracts and OnRamps; each Client Contract's books
 *       balance (granted − allowance = spent = the sum of its per-provider totals); each OnRamp rate-limit window's
 *       total within the client's limit; and the fair-distribution cap (each provider's share of a client's
 *       allocations ≤ the contract's {@code maxPerSp}) for every client whose total granted never decreased.</li>
 * </ul>
 *
 * <p>The fair-distribution cap is checked by the contract at each transfer against the cap then in force. It can
 * only be re-checked afterwards while the cap cannot have fallen since: the check assumes a client's allowed
 * providers and deviation are set before it spends (as every grant channel does) and skips clients whose total
 * granted was decreased — in an OnRamp's Client Contract, clients whose rate-limit windows add up to more than their
 * total granted; in other Client Contracts, every client once any owner has decreased an allowance (the chain's call
 * counts do not say whose).
 */
public final class Invariants {
    private Invariants() {}

    /** The chain's invariants and those of every contract the design deployed. */
    public static List<String> violations(Simulation sim) {
        List<String> out = violations(sim.chain());
        World world = sim.world();
        if (world != null) {
            contracts(sim.chain(), world.deployment(), out);
            for (Provider p : world.providers())
                if (!p.account().books().balanced())
                    out.add("the USD books of " + p.label() + " do not add up: profit " + p.account().books().profit());
        }
        return out;
    }

    static void contracts(Chain chain, Deployment k, List<String> out) {
        k.meta().ifPresent(ma -> {
            for (var e : ma.allocators().entrySet())
                if (e.getValue() < 0)
                    out.add("negative MetaAllocator allowance of allocator " + e.getKey() + ": " + e.getValue());
        });
        Map<ClientContract, OnRamp> ownerOf = new IdentityHashMap<>();
        for (OnRamp r : k.onRamps()) {
            ownerOf.put(r.clientContract(), r);
            rateLimits(r, out);
        }
        for (Beneficiary b : k.beneficiaries()) beneficiary(chain, b, out);
        boolean plainDecreased = chain.stats().succeeded(ClientContract.NAME + ".decreaseAllowance") > 0;
        for (ClientContract cc : k.clientContracts()) {
            OnRamp onRamp = ownerOf.get(cc);
            Map<Address, Long> increased = onRamp == null ? null : windowSums(onRamp);
            clientContract(cc, onRamp == null && plainDecreased, increased, out);
        }
    }

    /**
     * A Beneficiary's books: what miners withdrew to it is what it received; everything received is paid to the SP,
     * burned, retained or pending (received = paid + burned + retained + pending); no stock is negative; and it holds
     * exactly what it retained plus what is pending.
     */
    private static void beneficiary(Chain chain, Beneficiary b, List<String> out) {
        BigInteger accounted = b.paidToSp().add(b.burned()).add(b.retained()).add(b.pending());
        if (!b.received().equals(accounted))
            out.add("Beneficiary " + b.address() + " received " + b.received() + " but paid " + b.paidToSp() + " + burned " + b.burned()
                    + " + retained " + b.retained() + " + pending " + b.pending() + " = " + accounted);
        for (BigInteger v : List.of(b.paidToSp(), b.burned(), b.retained(), b.pending()))
            if (v.signum() < 0) out.add("negative stock in Beneficiary " + b.address() + ": " + v);
        // what miners withdrew to the Beneficiary is exactly what it received and split (no receipt lost or invented)
        if (!chain.minerPayoutsTo(b.address()).equals(b.received()))
            out.add("miners paid Beneficiary " + b.address() + " " + chain.minerPayoutsTo(b.address()) + " but it received "
                    + b.received());
        BigInteger holds = chain.fil().balance(b.address());
        BigInteger shouldHold = b.retained().add(b.pending());
        if (!b.burnAddress().equals(b.address()) && !holds.equals(shouldHold))
            out.add("Beneficiary " + b.address() + " holds " + holds + " FIL but retained + pending = " + shouldHold);
    }

    /** Every (client, window) total of an OnRamp within the client's limit, counted under its current parameters. */
    private static void rateLimits(OnRamp r, List<String> out) {
        for (var e : r.windowTotals().entrySet()) {
            Address c = e.getKey().client();
            long window = e.getKey().window();
            long total = e.getValue();
            if (total < 0) out.add("negative OnRamp window total for " + c + " in window " + window + ": " + total);
            OnRamp.ClientInfo info = r.clientInfo(c);
            // A client whose parameters were set after first use counts afresh from window offset + 1 on; earlier
            // windows were limited by parameters no longer recorded.
            boolean current = info.windowOffset() == 0 || window > info.windowOffset();
            if (current && total > info.limitPerWindow())
                out.add("OnRamp " + r.address() + " rate limit: client " + c + " received " + total + " bytes of allowance in window "
                        + window + ", more than its limit " + info.limitPerWindow());
        }
    }

    /** Per client, the allowance increases an OnRamp let through (the sum of its window totals). */
    private static Map<Address, Long> windowSums(OnRamp r) {
        Map<Address, Long> out = new TreeMap<>();
        for (var e : r.windowTotals().entrySet()) out.merge(e.getKey().client(), e.getValue(), Long::sum);
        return out;
    }

    /**
     * @param skipCaps  skip the fair-distribution caps of every client (a decrease may have lowered them)
     * @param increased for an OnRamp's contract, each client's increases; a client whose total granted is below them
     *                  was decreased and its cap is skipped
     */
    private static void clientContract(ClientContract cc, boolean skipCaps, Map<Address, Long> increased, List<String> out) {
        String name = "Client Contract " + cc.address();
        for (var e : cc.allowances().entrySet())
            if (e.getValue() < 0) out.add("negative allowance in " + name + " for " + e.getKey() + ": " + e.getValue());
        for (var e : cc.totalsGranted().entrySet())
            if (e.getValue() < 0) out.add("negative total granted in " + name + " for " + e.getKey() + ": " + e.getValue());
        Map<Address, Long> spent = new TreeMap<>();
        for (var e : cc.allocationsPerSP().entrySet()) {
            if (e.getValue() < 0)
                out.add("negative allocation total in " + name + " for " + e.getKey().client() + " with " + e.getKey().provider() + ": "
                        + e.getValue());
            spent.merge(e.getKey().client(), e.getValue(), Long::sum);
        }
        java.util.Set<Address> clients = new java.util.TreeSet<>(cc.totalsGranted().keySet());
        clients.addAll(cc.allowances().keySet());
        clients.addAll(spent.keySet());
        for (Address c : clients) {
            long granted = cc.totalAllocations(c);
            long allowance = cc.allowance(c);
            long s = spent.getOrDefault(c, 0L);
            if (granted - allowance != s)
                out.add(name + " books of " + c + ": granted " + granted + " - allowance " + allowance + " = " + (granted - allowance)
                        + " but its per-provider totals sum to " + s);
            boolean decreased = increased != null && increased.getOrDefault(c, 0L) != granted;
            if (skipCaps || decreased || s == 0) continue;
            long cap = cc.maxPerSp(c);
            for (var sp : cc.clientAllocationsPerSP(c).entrySet())
                if (sp.getValue() > cap)
                    out.add(name + " fair distribution: client " + c + " gave " + sp.getValue() + " bytes to " + sp.getKey()
                            + ", more than the cap " + cap + " (total granted " + granted + ", " + cc.clientSPs(c).size()
                            + " allowed providers, deviation " + cc.maxDeviation(c) + " bps)");
        }
    }

    public static List<String> violations(Chain c) {
        List<String> out = new ArrayList<>();
        var dc = c.datacap();
        var vr = c.verifreg();
        long balances = 0;
        for (long b : dc.balances().values()) {
            if (b < 0) out.add("negative DataCap balance " + b);
            balances = Math.addExact(balances, b);
        }
        long rhs = balances + vr.claimedBytes() + vr.extensionBurnedBytes() + vr.destroyedBytes() + vr.clearedBytes();
        if (dc.minted() != rhs)
            out.add("DataCap conservation: minted " + dc.minted() + " != balances " + balances + " + claimed " + vr.claimedBytes()
                    + " + extension burned " + vr.extensionBurnedBytes() + " + destroyed " + vr.destroyedBytes()
                    + " + cleared at the upgrade " + vr.clearedBytes() + " = " + rhs);
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
        // FIP-0118: the reward is split exactly into streams; the service and burned streams enter the ledger too
        // (the Orchestrator pool and the burn address), the consensus stream through the simulated miners' share
        BigInteger streams = c.rewardConsensus().add(c.rewardToService()).add(c.rewardBurned());
        if (!streams.equals(c.reward().emittedToNetwork()))
            out.add("reward streams: consensus " + c.rewardConsensus() + " + service " + c.rewardToService() + " + burned "
                    + c.rewardBurned() + " != emitted " + c.reward().emittedToNetwork());
        BigInteger expected = c.fil().endowed().add(c.rewardToSimulated()).add(c.rewardToService()).add(c.rewardBurned());
        if (!lhs.equals(expected))
            out.add("FIL supply: accounts " + ledger + " + miner balances " + minerBalances + " != endowed " + c.fil().endowed()
                    + " + rewards " + c.rewardToSimulated() + " + service stream " + c.rewardToService()
                    + " + burned stream " + c.rewardBurned());
        market(c, out);
        if (c.verifregV1() != null) v1(c, out);
        return out;
    }

    /**
     * The original registry's DataCap (v1, v1-topup), which is bytes in the registry and no token: the registry's
     * books (granted − used by UseBytes + restored by RestoreBytes − remainders UseBytes dropped = the clients'
     * remaining bytes); the market's (used − restored = verified deal bytes pending + activated; the pending counter =
     * the verified deals published and neither activated nor timed out); so AddVerifiedClient bytes = client bytes +
     * pending + activated + dropped, the DataCap identity of the columns under v1. No negative allowance or bytes.
     */
    static void v1(Chain c, List<String> out) {
        var r = c.verifregV1();
        var m = c.market();
        long clients = 0;
        for (var e : r.verifiedClients().entrySet()) {
            if (e.getValue() < 0) out.add("negative v1 client bytes " + e.getKey() + " " + e.getValue());
            clients = Math.addExact(clients, e.getValue());
        }
        for (var e : r.verifiers().entrySet())
            if (e.getValue() < 0) out.add("negative v1 verifier allowance " + e.getKey() + " " + e.getValue());
        long books = r.granted() - r.used() + r.restored() - r.dropped();
        if (books != clients)
            out.add("v1 registry: granted " + r.granted() + " - used " + r.used() + " + restored " + r.restored()
                    + " - dropped " + r.dropped() + " = " + books + " but its clients hold " + clients);
        long pending = 0;
        for (var e : m.proposals().entrySet())
            if (e.getValue().verified() && m.dealState(e.getKey()) == null) pending += e.getValue().size();
        if (pending != m.pendingVerifiedBytes())
            out.add("market: pending verified deals hold " + pending + " bytes but its counter says "
                    + m.pendingVerifiedBytes());
        if (r.used() - r.restored() != m.pendingVerifiedBytes() + m.activatedVerifiedBytes())
            out.add("v1 DataCap: used " + r.used() + " - restored " + r.restored() + " != verified deal bytes pending "
                    + m.pendingVerifiedBytes() + " + activated " + m.activatedVerifiedBytes());
    }

    /**
     * The storage market's books. Its FIL is a ledger account ({@link Chain#STORAGE_MARKET}), so the FIL supply above
     * already counts it, and what it burns (provider collateral slashed) is in the burn actor's account; here: that
     * account holds exactly the sum of the escrow balances; no escrow balance or locked amount is negative, and no
     * address has more locked than it has in escrow; and FIL deposited = escrow + withdrawn + burned (deal payments
     * move FIL between escrows and leave the sum unchanged).
     */
    static void market(Chain c, List<String> out) {
        var m = c.market();
        BigInteger escrow = BigInteger.ZERO;
        for (var e : m.escrowTable().entrySet()) {
            if (e.getValue().signum() < 0) out.add("negative market escrow of " + e.getKey() + ": " + e.getValue());
            escrow = escrow.add(e.getValue());
        }
        for (var e : m.lockedTable().entrySet()) {
            if (e.getValue().signum() < 0) out.add("negative market locked amount of " + e.getKey() + ": " + e.getValue());
            if (e.getValue().compareTo(m.balance(e.getKey())) > 0)
                out.add("market: " + e.getKey() + " has " + e.getValue() + " locked but only " + m.balance(e.getKey())
                        + " in escrow");
        }
        BigInteger held = c.fil().balance(Chain.STORAGE_MARKET);
        if (!held.equals(escrow))
            out.add("market: its account holds " + held + " FIL but the escrow balances sum to " + escrow);
        BigInteger accounted = escrow.add(m.withdrawn()).add(m.burned());
        if (!m.deposited().equals(accounted))
            out.add("market FIL: deposited " + m.deposited() + " != escrow " + escrow + " + withdrawn " + m.withdrawn()
                    + " + burned " + m.burned() + " = " + accounted);
    }
}
