package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.*;

import datacapsim.run.RunResult;
import datacapsim.run.Runner;
import datacapsim.scenario.Overrides;
import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The column set of timeseries.csv and the README's identities between its columns, on every row of every bundled scenario. */
class TimeseriesIdentitiesTest {
    static final List<String> REQUIRED = List.of("day", "epoch", "datacap_root_allowance_bytes", "datacap_allocator_allowance_bytes",
            "datacap_minted_bytes", "datacap_client_balance_bytes", "datacap_contract_balance_bytes", "datacap_client_allowance_bytes",
            "datacap_allocation_pending_bytes", "datacap_claimed_bytes", "datacap_extension_burned_bytes",
            "datacap_expired_returned_bytes", "datacap_destroyed_bytes", "qa_power_bytes", "raw_power_bytes",
            "reward_emitted_attofil", "sp_deposited_attofil", "pledge_locked_attofil", "reward_vesting_attofil",
            "miner_available_attofil", "reward_withdrawn_attofil", "fees_burned_attofil", "payout_to_sp_attofil",
            "payout_burned_attofil", "payout_retained_attofil", "beneficiary_pending_attofil", "requests_submitted",
            "requests_granted", "requests_refused", "sla_score_mean", "datacap_hhi_by_provider", "datacap_gini_by_provider",
            "datacap_top10_share_by_provider", "abuse_datacap_share", "verified_client_addresses", "deals_published",
            "deals_activated", "deals_timed_out", "market_escrow_attofil", "deal_collateral_slashed_attofil");

    static Stream<Path> bundled() throws IOException {
        // all but the scale benchmarks (mainnet-scale), too large to run in a test: ScenarioLibraryTest.BENCHMARKS
        return Files.list(Path.of("scenarios")).filter(p -> p.toString().endsWith(".yaml"))
                .filter(p -> !ScenarioLibraryTest.BENCHMARKS.contains(p.getFileName().toString())).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundled")
    void columnsAndIdentitiesHoldOnEveryRow(Path file, @TempDir Path tmp) throws IOException {
        var loaded = ScenarioLoader.load(file);
        // long enough for claims, rewards, withdrawals (every 30 days) and SLA payouts; small populations for speed
        Scenario s = Overrides.override(loaded, Overrides.partial("horizonDays: 75", "test"), Map.of()).scenario();
        RunResult r = Runner.run(s, tmp, true);
        List<String> lines = Files.readAllLines(r.dir().resolve("timeseries.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        for (String c : REQUIRED) assertTrue(header.contains(c), file + " lacks column " + c);
        boolean withdrew = false;
        for (int i = 1; i < lines.size(); i++) {
            String[] row = lines.get(i).split(",", -1);
            BigInteger minted = v(header, row, "datacap_minted_bytes");
            BigInteger parts = sum(header, row, "datacap_client_balance_bytes", "datacap_contract_balance_bytes",
                    "datacap_allocation_pending_bytes", "datacap_claimed_bytes", "datacap_extension_burned_bytes",
                    "datacap_destroyed_bytes");
            assertEquals(minted, parts, file + " day " + (i - 1) + ": DataCap identity");
            BigInteger in = sum(header, row, "sp_deposited_attofil", "reward_emitted_attofil");
            BigInteger out = sum(header, row, "pledge_locked_attofil", "reward_vesting_attofil", "miner_available_attofil",
                    "reward_withdrawn_attofil", "fees_burned_attofil");
            assertEquals(in, out, file + " day " + (i - 1) + ": FIL identity");
            BigInteger withdrawn = v(header, row, "reward_withdrawn_attofil");
            BigInteger payouts = sum(header, row, "payout_to_sp_attofil", "payout_burned_attofil", "payout_retained_attofil",
                    "beneficiary_pending_attofil");
            assertEquals(withdrawn, payouts, file + " day " + (i - 1) + ": payout identity");
            BigInteger refused = BigInteger.ZERO;
            for (int c = 0; c < header.size(); c++) if (header.get(c).startsWith("refused_")) refused = refused.add(new BigInteger(row[c]));
            assertEquals(v(header, row, "requests_refused"), refused, file + " day " + (i - 1) + ": refusals by reason add up");
            assertTrue(v(header, row, "raw_onboarded_bytes").compareTo(v(header, row, "raw_power_bytes")) >= 0,
                    file + " day " + (i - 1) + ": raw power never exceeds what the providers sealed");
            double cost = d(header, row, "sp_cost_usd");
            assertEquals(d(header, row, "sp_revenue_usd") - cost, d(header, row, "sp_profit_usd"), 2e-6,
                    file + " day " + (i - 1) + ": USD profit = revenue - cost");
            double parts2 = d(header, row, "sp_financing_usd") + d(header, row, "sp_burned_usd");
            for (int c = 0; c < header.size(); c++)
                if (header.get(c).startsWith("sp_cost_") && !header.get(c).equals("sp_cost_usd")) parts2 += Double.parseDouble(row[c]);
            assertEquals(cost, parts2, 1e-5, file + " day " + (i - 1) + ": USD costs add up by kind");
            withdrew |= withdrawn.signum() > 0;
            // the market's deals: every published deal is pending, activated or timed out; addresses that ever held
            // minted DataCap exist once any was minted and never decrease
            assertTrue(v(header, row, "deals_published").compareTo(sum(header, row, "deals_activated", "deals_timed_out")) >= 0,
                    file + " day " + (i - 1) + ": deals activated + timed out <= published");
            assertEquals(minted.signum() > 0, v(header, row, "verified_client_addresses").signum() > 0,
                    file + " day " + (i - 1) + ": an address holds minted DataCap once any is minted");
            if (i > 1)
                assertTrue(v(header, row, "verified_client_addresses").compareTo(
                        v(header, lines.get(i - 1).split(",", -1), "verified_client_addresses")) >= 0,
                        file + " day " + (i - 1) + ": verified_client_addresses never decreases");
            if (loaded.scenario().regime() == Scenario.Regime.DDO)
                for (String c : List.of("deals_published", "deals_activated", "deals_timed_out", "market_escrow_attofil",
                        "deal_collateral_slashed_attofil"))
                    assertEquals(BigInteger.ZERO, v(header, row, c), file + " day " + (i - 1) + ": no market under ddo: " + c);
        }
        assertTrue(withdrew, file + ": rewards were withdrawn, so the payout identity was exercised");
        // every allocation is made by a DataCap client: what they allocated is pending, claimed or returned unclaimed
        List<String> agents = Files.readAllLines(r.dir().resolve("agents.csv"));
        List<String> agentHeader = Arrays.asList(agents.get(0).split(",", -1));
        int col = agentHeader.indexOf("allocatedBytes");
        BigInteger allocated = BigInteger.ZERO;
        for (int i = 1; i < agents.size(); i++) {
            String cell = agents.get(i).split(",", -1)[col];
            if (!cell.isEmpty()) allocated = allocated.add(new BigInteger(cell));
        }
        String[] last = lines.get(lines.size() - 1).split(",", -1);
        assertEquals(sum(header, last, "datacap_allocation_pending_bytes", "datacap_claimed_bytes",
                "datacap_expired_returned_bytes"), allocated, file + ": clients' allocations are the registry's");
    }

    static double d(List<String> header, String[] row, String column) {
        return Double.parseDouble(row[header.indexOf(column)]);
    }

    static BigInteger v(List<String> header, String[] row, String column) {
        return new BigInteger(row[header.indexOf(column)]);
    }

    static BigInteger sum(List<String> header, String[] row, String... columns) {
        BigInteger t = BigInteger.ZERO;
        for (String c : columns) t = t.add(v(header, row, c));
        return t;
    }
}
