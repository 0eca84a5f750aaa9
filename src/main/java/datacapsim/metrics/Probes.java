package datacapsim.metrics;

import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.Miner;
import datacapsim.chain.Policy;
import datacapsim.engine.Simulation;
import java.math.BigInteger;
import java.util.List;
import java.util.function.Function;

/** The columns of timeseries.csv, declared once. Flows are running totals from day 0. */
public final class Probes {
    private Probes() {}

    public static final List<Column> TIMESERIES = List.of(
            c("day", "day of the run", "days", Column.Kind.INDEX, s -> s.chain().epoch() / Policy.EPOCHS_IN_DAY),
            c("epoch", "chain epoch of the row", "epochs", Column.Kind.INDEX, s -> s.chain().epoch()),
            c("datacap_root_allowance_bytes", "allowance verifiers hold in the registry, unspent", "bytes", Column.Kind.STOCK,
                    s -> s.chain().verifreg().verifiers().values().stream().mapToLong(Long::longValue).sum()),
            c("datacap_allocator_allowance_bytes", "allowance allocators hold in the MetaAllocator, unspent (none in the direct design)",
                    "bytes", Column.Kind.STOCK, s -> s.world().contracts.metaAllocator == null ? 0L : s.world().contracts.metaAllocator.totalAllowance()),
            c("datacap_client_allowance_bytes", "allowance clients hold in Client Contracts, unspent", "bytes", Column.Kind.STOCK,
                    s -> s.world().contracts.clientContracts.stream().mapToLong(cc -> cc.totalAllowance()).sum()),
            c("datacap_minted_bytes", "DataCap minted to clients and contracts", "bytes", Column.Kind.FLOW, s -> s.chain().datacap().minted()),
            c("datacap_client_balance_bytes", "DataCap held by clients (accounts)", "bytes", Column.Kind.STOCK, s -> balances(s, false)),
            c("datacap_contract_balance_bytes", "DataCap held by contracts (Client Contracts, the SLA Client Contract)", "bytes",
                    Column.Kind.STOCK, s -> balances(s, true)),
            c("datacap_allocation_pending_bytes", "DataCap held by the registry in unclaimed allocations", "bytes", Column.Kind.STOCK,
                    s -> s.chain().verifreg().heldBytes()),
            c("datacap_claimed_bytes", "DataCap burned when allocations were claimed", "bytes", Column.Kind.FLOW,
                    s -> s.chain().verifreg().claimedBytes()),
            c("datacap_extension_burned_bytes", "DataCap burned to extend claims", "bytes", Column.Kind.FLOW,
                    s -> s.chain().verifreg().extensionBurnedBytes()),
            c("datacap_expired_returned_bytes", "DataCap returned to clients from expired allocations", "bytes", Column.Kind.FLOW,
                    s -> s.chain().verifreg().expiredReturnedBytes()),
            c("datacap_destroyed_bytes", "DataCap destroyed by RemoveVerifiedClientDataCap", "bytes", Column.Kind.FLOW,
                    s -> s.chain().verifreg().destroyedBytes()),
            c("qa_power_bytes", "QA power of the simulated providers", "bytes", Column.Kind.STOCK, s -> s.chain().power().simulatedQa()),
            c("raw_power_bytes", "raw power of the simulated providers", "bytes", Column.Kind.STOCK, s -> s.chain().power().simulatedRaw()),
            c("verified_bytes", "verified bytes in active sectors", "bytes", Column.Kind.STOCK,
                    s -> sumLong(s, Miner::verifiedBytes)),
            c("sectors_active", "active sectors of the simulated providers", "sectors", Column.Kind.STOCK,
                    s -> sumLong(s, m -> (long) m.sectors().size())),
            c("network_qa_power_bytes", "QA power of the whole network (simulated + exogenous)", "bytes", Column.Kind.STOCK,
                    s -> s.chain().power().networkQa()),
            c("network_reward_attofil", "block reward minted to the whole network", "attoFIL", Column.Kind.FLOW,
                    s -> s.chain().reward().emittedToNetwork()),
            c("reward_emitted_attofil", "block reward paid to the simulated providers", "attoFIL", Column.Kind.FLOW,
                    s -> s.chain().rewardToSimulated()),
            c("sp_deposited_attofil", "FIL providers deposited into their miners (pledge)", "attoFIL", Column.Kind.FLOW,
                    s -> sumBig(s, Miner::deposited)),
            c("pledge_locked_attofil", "initial pledge locked", "attoFIL", Column.Kind.STOCK, s -> sumBig(s, Miner::initialPledge)),
            c("reward_vesting_attofil", "rewards still vesting", "attoFIL", Column.Kind.STOCK, s -> sumBig(s, Miner::lockedFunds)),
            c("miner_available_attofil", "unlocked FIL in miners (balance − pledge − vesting)", "attoFIL", Column.Kind.STOCK,
                    s -> sumBig(s, Miner::unlockedBalance)),
            c("reward_withdrawn_attofil", "FIL withdrawn from miners to their beneficiaries", "attoFIL", Column.Kind.FLOW,
                    s -> sumBig(s, Miner::withdrawn)),
            c("fees_burned_attofil", "FIL burned from miners as fees and penalties", "attoFIL", Column.Kind.FLOW,
                    s -> sumBig(s, Miner::feesBurned)),
            c("fee_debt_attofil", "unpaid fee debt of miners", "attoFIL", Column.Kind.STOCK, s -> sumBig(s, Miner::feeDebt)),
            c("calls_ok", "chain calls applied", "calls", Column.Kind.COUNTER, s -> calls(s.chain(), true)),
            c("calls_refused", "chain calls refused (reverted)", "calls", Column.Kind.COUNTER, s -> calls(s.chain(), false)));

    private static Column c(String name, String doc, String unit, Column.Kind kind, Function<Simulation, Object> probe) {
        return new Column(name, doc, unit, kind, probe);
    }

    /** DataCap held by contracts ({@code contracts} true) or by everyone else but the registry. */
    static long balances(Simulation s, boolean contracts) {
        java.util.Set<Address> contractAddresses = s.world().contracts.addresses();
        long total = 0;
        for (var e : s.chain().datacap().balances().entrySet()) {
            Address a = e.getKey();
            if (a.equals(Chain.VERIFIED_REGISTRY)) continue;
            if (contractAddresses.contains(a) == contracts) total += e.getValue();
        }
        return total;
    }

    static long sumLong(Simulation s, Function<Miner, Long> f) {
        long t = 0;
        for (Miner m : s.chain().miners().values()) t += f.apply(m);
        return t;
    }

    static BigInteger sumBig(Simulation s, Function<Miner, BigInteger> f) {
        BigInteger t = BigInteger.ZERO;
        for (Miner m : s.chain().miners().values()) t = t.add(f.apply(m));
        return t;
    }

    static long calls(Chain c, boolean ok) {
        long n = 0;
        for (String method : c.stats().all().keySet()) n += ok ? c.stats().succeeded(method) : c.stats().failed(method);
        return n;
    }
}
