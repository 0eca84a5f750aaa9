package datacapsim.report;

import static datacapsim.report.ChartSpec.s;

import java.util.ArrayList;
import java.util.List;

/** The report's charts, declared once; {@link #forTable} keeps those whose columns the file has. */
public final class Charts {
    private Charts() {}

    static final List<ChartSpec> ALL = List.of(
            new ChartSpec("datacap-levels", "Where the minted DataCap is", "DataCap (PiB)", DisplayUnits.PIB, ChartSpec.Kind.STACKED,
                    List.of(s("datacap_claimed_bytes", "claimed (burned into QA power)"),
                            s("datacap_extension_burned_bytes", "burned for claim extensions"),
                            s("datacap_allocation_pending_bytes", "in unclaimed allocations"),
                            s("datacap_contract_balance_bytes", "held by contracts"),
                            s("datacap_client_balance_bytes", "held by clients"),
                            s("datacap_destroyed_bytes", "destroyed (removed from clients)")),
                    Charts::readLevels),
            new ChartSpec("allowances", "Unspent allowance by level", "allowance (PiB)", DisplayUnits.PIB, ChartSpec.Kind.LINES,
                    List.of(s("datacap_root_allowance_bytes", "verifiers in the registry"),
                            s("datacap_allocator_allowance_bytes", "allocators in the MetaAllocator"),
                            s("datacap_client_allowance_bytes", "clients in Client Contracts")),
                    t -> "At the end " + pib(t, "datacap_root_allowance_bytes") + " PiB of verifier allowance and "
                            + pib(t, "datacap_allocator_allowance_bytes") + " PiB of allocator allowance are unspent."),
            new ChartSpec("power", "Power of the simulated providers", "power (PiB)", DisplayUnits.PIB, ChartSpec.Kind.LINES,
                    List.of(s("qa_power_bytes", "quality-adjusted power"), s("raw_power_bytes", "raw power")),
                    Charts::readPower),
            new ChartSpec("rewards", "Block rewards and where they went (running totals)", "FIL", DisplayUnits.FIL, ChartSpec.Kind.LINES,
                    List.of(s("reward_emitted_attofil", "paid to the simulated providers' miners"),
                            s("reward_withdrawn_attofil", "withdrawn to beneficiaries"),
                            s("fees_burned_attofil", "burned as fees and penalties")),
                    t -> "The simulated providers earned " + fil(t, "reward_emitted_attofil") + " FIL; "
                            + fil(t, "reward_withdrawn_attofil") + " FIL was withdrawn and " + fil(t, "fees_burned_attofil")
                            + " FIL burned as fees."),
            new ChartSpec("payouts", "Withdrawn rewards: paid to providers, burned or retained (running totals)", "FIL", DisplayUnits.FIL,
                    ChartSpec.Kind.STACKED,
                    List.of(s("payout_to_sp_attofil", "paid to providers"), s("payout_burned_attofil", "burned"),
                            s("payout_retained_attofil", "retained in contracts"), s("beneficiary_pending_attofil", "pending in Beneficiaries")),
                    t -> "Of " + fil(t, "reward_withdrawn_attofil", "0") + " FIL withdrawn, " + fil(t, "payout_to_sp_attofil")
                            + " FIL reached providers, " + fil(t, "payout_burned_attofil") + " FIL was burned and "
                            + fil(t, "payout_retained_attofil") + " FIL retained."),
            new ChartSpec("miner-balances", "FIL held in the miners", "FIL", DisplayUnits.FIL, ChartSpec.Kind.STACKED,
                    List.of(s("pledge_locked_attofil", "initial pledge"), s("reward_vesting_attofil", "rewards vesting"),
                            s("miner_available_attofil", "unlocked")),
                    t -> "At the end the miners lock " + fil(t, "pledge_locked_attofil") + " FIL of pledge and "
                            + fil(t, "reward_vesting_attofil") + " FIL of vesting rewards."),
            new ChartSpec("requests", "DataCap requests per day by outcome", "requests per day", DisplayUnits.ONE, ChartSpec.Kind.DAILY,
                    List.of(s("requests_granted", "granted"), s("requests_refused", "refused")),
                    t -> t.last("requests_submitted") + " requests were submitted; " + t.last("requests_granted") + " granted, "
                            + t.last("requests_refused") + " refused."),
            new ChartSpec("calls", "Chain and contract calls per day", "calls per day", DisplayUnits.ONE, ChartSpec.Kind.DAILY,
                    List.of(s("calls_ok", "applied"), s("calls_refused", "refused (reverted)")),
                    Charts::readCalls),
            new ChartSpec("sla-score", "Distribution of the providers' SLA scores", "score (0–100)", DisplayUnits.ONE, ChartSpec.Kind.LINES,
                    List.of(s("sla_score_p90", "90th percentile"), s("sla_score_mean", "mean"), s("sla_score_p10", "10th percentile")),
                    t -> "The providers' mean SLA score ends at " + DisplayUnits.fmt(DisplayUnits.scaled(t.last("sla_score_mean"), DisplayUnits.ONE)) + "."),
            new ChartSpec("concentration", "Concentration of verified bytes in active sectors by provider", "index / share", DisplayUnits.ONE,
                    ChartSpec.Kind.LINES,
                    List.of(s("datacap_hhi_by_provider", "HHI"), s("datacap_gini_by_provider", "Gini"),
                            s("datacap_top10_share_by_provider", "top-10 share")),
                    t -> "At the end the ten largest providers hold " + pct(DisplayUnits.scaled(t.last("datacap_top10_share_by_provider"), DisplayUnits.ONE))
                            + " of the verified bytes in active sectors (HHI " + DisplayUnits.fmt(DisplayUnits.scaled(t.last("datacap_hhi_by_provider"), DisplayUnits.ONE)) + ")."),
            new ChartSpec("abuse", "Abusive clients' share of claimed DataCap (running totals)", "share", DisplayUnits.ONE, ChartSpec.Kind.LINES,
                    List.of(s("abuse_datacap_share", "abusive share")),
                    t -> "Allocations of abusive clients account for " + pct(DisplayUnits.scaled(t.last("abuse_datacap_share"), DisplayUnits.ONE))
                            + " of all DataCap claimed since day 0."));

    /**
     * The charts this table can draw (the economy's from {@link EconomyCharts} too), plus one of refusal reasons when
     * the file has refused_* columns.
     */
    public static List<ChartSpec> forTable(TimeseriesTable t) {
        List<ChartSpec> out = new ArrayList<>();
        for (List<ChartSpec> group : List.of(ALL, EconomyCharts.ALL))
            for (ChartSpec c : group) if (c.drawable(t)) out.add(c);
        List<String> reasons = t.columnsStartingWith("refused_");
        if (!reasons.isEmpty()) {
            List<ChartSpec.Series> series = new ArrayList<>();
            for (String r : reasons) series.add(s(r, r.substring("refused_".length()).replace('_', ' ')));
            ChartSpec c = new ChartSpec("refusals", "Refusals per day by reason", "refusals per day", DisplayUnits.ONE, ChartSpec.Kind.DAILY,
                    series, Charts::readReasons);
            if (c.drawable(t)) out.add(c);
        }
        return out;
    }

    static String readLevels(TimeseriesTable t) {
        double minted = DisplayUnits.scaled(t.last("datacap_minted_bytes"), DisplayUnits.PIB);
        if (minted <= 0) return "No DataCap was minted.";
        double claimed = DisplayUnits.scaled(t.last("datacap_claimed_bytes"), DisplayUnits.PIB);
        double pending = DisplayUnits.scaled(t.last("datacap_allocation_pending_bytes"), DisplayUnits.PIB);
        double idle = DisplayUnits.scaled(t.last("datacap_client_balance_bytes"), DisplayUnits.PIB)
                + DisplayUnits.scaled(t.last("datacap_contract_balance_bytes"), DisplayUnits.PIB);
        return "Of " + DisplayUnits.fmt(minted) + " PiB minted by day " + t.last("day") + ", " + pct(claimed / minted) + " was claimed, "
                + pct(pending / minted) + " waits in unclaimed allocations and " + pct(idle / minted) + " idles with clients and contracts.";
    }

    static String readPower(TimeseriesTable t) {
        double[] qa = t.column("qa_power_bytes", DisplayUnits.PIB);
        int peak = 0;
        for (int i = 1; i < qa.length; i++) if (qa[i] > qa[peak]) peak = i;
        return "QA power peaks at " + DisplayUnits.fmt(qa[peak]) + " PiB on day " + t.cell(peak, "day") + " and ends at "
                + DisplayUnits.fmt(qa[qa.length - 1]) + " PiB.";
    }

    static String readCalls(TimeseriesTable t) {
        double ok = DisplayUnits.scaled(t.last("calls_ok"), DisplayUnits.ONE);
        double refused = DisplayUnits.scaled(t.last("calls_refused"), DisplayUnits.ONE);
        double total = ok + refused;
        return total == 0 ? "No calls were made." : String.format(java.util.Locale.ROOT, "%,.0f calls in all; %s were refused.", total, pct(refused / total));
    }

    static String readReasons(TimeseriesTable t) {
        String best = null;
        double max = 0;
        for (String r : t.columnsStartingWith("refused_")) {
            double v = DisplayUnits.scaled(t.last(r), DisplayUnits.ONE);
            if (v > max) {
                max = v;
                best = r.substring("refused_".length());
            }
        }
        return best == null ? "No request was refused." : String.format(java.util.Locale.ROOT, "The most common refusal is %s (%,.0f in all).", best, max);
    }

    static String pct(double share) {
        if (Double.isNaN(share)) return "–";
        return String.format(java.util.Locale.ROOT, "%.1f %%", 100 * share);
    }

    static String pib(TimeseriesTable t, String column) { return t.has(column) ? DisplayUnits.fmt(DisplayUnits.scaled(t.last(column), DisplayUnits.PIB)) : "–"; }

    static String fil(TimeseriesTable t, String column) { return fil(t, column, "–"); }

    static String fil(TimeseriesTable t, String column, String missing) {
        return t.has(column) ? DisplayUnits.fmt(DisplayUnits.scaled(t.last(column), DisplayUnits.FIL)) : missing;
    }
}
