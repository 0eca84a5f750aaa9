package datacapsim.metrics;

import datacapsim.agents.AbuseKind;
import datacapsim.agents.Agent;
import datacapsim.agents.Allocator;
import datacapsim.agents.Client;
import datacapsim.agents.DataCapClient;
import datacapsim.agents.GovernanceTeam;
import datacapsim.agents.Provider;
import datacapsim.agents.abuse.AbuseClient;
import datacapsim.agents.abuse.AbuseCompliance;
import datacapsim.agents.abuse.AbuseLedger;
import datacapsim.agents.sla.ServiceLevel;
import datacapsim.agents.sla.SlaClient;
import datacapsim.agents.sla.SlaProvider;
import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.CallStats;
import datacapsim.chain.Chain;
import datacapsim.chain.Miner;
import datacapsim.chain.Policy;
import datacapsim.contracts.Beneficiary;
import datacapsim.contracts.ClientContract;
import datacapsim.contracts.SLAClientContract;
import datacapsim.economy.Books;
import datacapsim.economy.CostKind;
import datacapsim.engine.Deployment;
import datacapsim.engine.Simulation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/** The columns of timeseries.csv, declared once. Flows are running totals from day 0. */
public final class Probes {
    private Probes() {}

    private static final List<Column> CHAIN_AND_AGENTS = List.of(
            c("day", "day of the run", "days", Column.Kind.INDEX, s -> s.chain().epoch() / Policy.EPOCHS_IN_DAY),
            c("epoch", "chain epoch of the row", "epochs", Column.Kind.INDEX, s -> s.chain().epoch()),
            c("datacap_root_allowance_bytes", "allowance verifiers hold in the registry, unspent", "bytes", Column.Kind.STOCK,
                    s -> (v1(s) ? s.chain().verifregV1().verifiers() : s.chain().verifreg().verifiers()).values().stream()
                            .mapToLong(Long::longValue).sum()),
            c("datacap_allocator_allowance_bytes", "allowance allocators hold in the MetaAllocator, unspent (none in the direct design)",
                    "bytes", Column.Kind.STOCK, s -> s.world().deployment().meta().map(m -> m.totalAllowance()).orElse(0L)),
            c("datacap_client_allowance_bytes", "allowance clients hold in Client Contracts and the SLA Client Contract, unspent",
                    "bytes", Column.Kind.STOCK, Probes::clientAllowances),
            c("datacap_minted_bytes", "DataCap minted to clients and contracts", "bytes", Column.Kind.FLOW,
                    s -> v1(s) ? s.chain().verifregV1().granted() : s.chain().datacap().minted()),
            c("datacap_client_balance_bytes", "DataCap held by clients (accounts)", "bytes", Column.Kind.STOCK,
                    s -> v1(s) ? v1ClientBytes(s) : balances(s, false)),
            c("datacap_contract_balance_bytes", "DataCap held by contracts (Client Contracts, the SLA Client Contract)", "bytes",
                    Column.Kind.STOCK, s -> balances(s, true)),
            c("datacap_allocation_pending_bytes", "DataCap held by the registry in unclaimed allocations", "bytes", Column.Kind.STOCK,
                    s -> v1(s) ? s.chain().market().pendingVerifiedBytes() : s.chain().verifreg().heldBytes()),
            c("datacap_claimed_bytes", "DataCap burned when allocations were claimed", "bytes", Column.Kind.FLOW,
                    s -> v1(s) ? s.chain().market().activatedVerifiedBytes() : s.chain().verifreg().claimedBytes()),
            c("datacap_extension_burned_bytes", "DataCap burned to extend claims", "bytes", Column.Kind.FLOW,
                    s -> s.chain().verifreg().extensionBurnedBytes()),
            c("datacap_expired_returned_bytes", "DataCap returned to clients from expired allocations", "bytes", Column.Kind.FLOW,
                    s -> v1(s) ? s.chain().verifregV1().restored() : s.chain().verifreg().expiredReturnedBytes()),
            c("datacap_destroyed_bytes", "DataCap destroyed by RemoveVerifiedClientDataCap", "bytes", Column.Kind.FLOW,
                    s -> v1(s) ? s.chain().verifregV1().dropped() : s.chain().verifreg().destroyedBytes()),
            c("qa_power_bytes", "QA power of the simulated providers", "bytes", Column.Kind.STOCK, s -> s.chain().power().simulatedQa()),
            c("raw_power_bytes", "raw power of the simulated providers", "bytes", Column.Kind.STOCK, s -> s.chain().power().simulatedRaw()),
            c("verified_bytes", "verified bytes in active sectors", "bytes", Column.Kind.STOCK,
                    s -> sumLong(s, Miner::verifiedBytes)),
            c("sectors_active", "active sectors of the simulated providers", "sectors", Column.Kind.STOCK,
                    s -> sumLong(s, Miner::sectorCount)),
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
            c("payout_to_sp_attofil", "withdrawn rewards that reached providers: straight to the owner, or paid out by a Beneficiary",
                    "attoFIL", Column.Kind.FLOW, s -> payouts(s).toSp()),
            c("payout_burned_attofil", "withdrawn rewards a Beneficiary redirected to the burn address (SLA payouts, designed)",
                    "attoFIL", Column.Kind.FLOW, s -> payouts(s).burned()),
            c("payout_retained_attofil", "withdrawn rewards a Beneficiary redirected and kept (SLA payouts, deployed)", "attoFIL",
                    Column.Kind.FLOW, s -> payouts(s).retained()),
            c("beneficiary_pending_attofil", "providers' shares waiting in their Beneficiaries to be withdrawn", "attoFIL",
                    Column.Kind.STOCK, s -> payouts(s).pending()),
            c("sla_client_payments_attofil", "FIL clients of the SLA design paid providers for storage (the payments the SLA Allocator "
                    + "checks)", "attoFIL", Column.Kind.FLOW,
                    s -> s.world().roles().slaClients().stream().map(SlaClient::paid)
                            .reduce(BigInteger.ZERO, BigInteger::add)),
            c("requests_submitted", "DataCap requests made (grants by allocators, or SLAAllocator requests by clients)", "requests",
                    Column.Kind.COUNTER, s -> requests(s, true) + requests(s, false)),
            c("requests_granted", "DataCap requests that were granted", "requests", Column.Kind.COUNTER, s -> requests(s, true)),
            c("requests_refused", "DataCap requests that were refused (by reason in the refused_* columns)", "requests",
                    Column.Kind.COUNTER, s -> requests(s, false)),
            c("sla_score_providers", "providers scored: their Beneficiary is installed as the miner's beneficiary and they hold "
                    + "active SLA data", "providers", Column.Kind.DISTRIBUTION, s -> slaScores(s).count()),
            c("sla_score_mean", "mean of the scored providers' current SLA scores (their Beneficiaries' data-weighted scores); "
                    + "empty when no provider is scored", "score", Column.Kind.DISTRIBUTION, s -> slaScores(s).mean()),
            c("sla_score_p10", "10th percentile of the scored providers' SLA scores (nearest rank)", "score", Column.Kind.DISTRIBUTION, s -> slaScores(s).p10()),
            c("sla_score_p90", "90th percentile of the scored providers' SLA scores (nearest rank)", "score", Column.Kind.DISTRIBUTION, s -> slaScores(s).p90()),
            c("datacap_hhi_by_provider", "Herfindahl–Hirschman index of verified bytes in active sectors across providers (0–1)",
                    "index", Column.Kind.DISTRIBUTION, s -> concentration(s).hhi()),
            c("datacap_gini_by_provider", "Gini coefficient of verified bytes in active sectors across providers (0–1)", "index",
                    Column.Kind.DISTRIBUTION, s -> concentration(s).gini()),
            c("datacap_top10_share_by_provider", "share of verified bytes in active sectors held by the ten largest providers",
                    "share", Column.Kind.DISTRIBUTION, s -> concentration(s).top10()),
            c("calls_ok", "chain calls applied", "calls", Column.Kind.COUNTER, s -> calls(s.chain(), true)),
            c("calls_refused", "chain calls refused (reverted)", "calls", Column.Kind.COUNTER, s -> calls(s.chain(), false)),
            c("abuse_granted_bytes", "DataCap allocators granted to abusive clients (sybil, self-dealing, colluding): registry grants "
                    + "in direct and meta-allocator, Client Contract allowances in client-contract and onramp (0 without abusive clients)",
                    "bytes", Column.Kind.FLOW, s -> abuseLong(s, l -> l.grantedToAbusive(null))),
            c("abuse_claimed_bytes", "DataCap burned when providers claimed allocations that abusive clients made", "bytes", Column.Kind.FLOW,
                    s -> abuseLong(s, l -> l.claimedByAbusive(null))),
            c("abuse_datacap_share", "abusive clients' share of claimed DataCap: abuse_claimed_bytes / datacap_claimed_bytes, both running "
                    + "totals from day 0 (0 before the first claim); 9 decimals", "share", Column.Kind.STOCK,
                    s -> share(abuseLong(s, l -> l.claimedByAbusive(null)), s.chain().verifreg().claimedBytes())),
            c("abuse_granted_share", "abusive clients' share of the DataCap allocators granted: abuse_granted_bytes / all DataCap "
                    + "allocators granted, running totals from day 0 (0 before the first grant); 9 decimals", "share", Column.Kind.STOCK,
                    s -> share(abuseLong(s, l -> l.grantedToAbusive(null)), abuseLong(s, AbuseLedger::grantedByAllocators))),
            c("abuse_sybil_claimed_bytes", "DataCap claimed on allocations of sybil addresses", "bytes", Column.Kind.FLOW,
                    s -> abuseLong(s, l -> l.claimedByAbusive(AbuseKind.SYBIL))),
            c("abuse_self_dealing_claimed_bytes", "DataCap claimed on allocations of self-dealing clients", "bytes", Column.Kind.FLOW,
                    s -> abuseLong(s, l -> l.claimedByAbusive(AbuseKind.SELF_DEALING))),
            c("abuse_colluding_claimed_bytes", "DataCap claimed on allocations of clients colluding with an allocator", "bytes",
                    Column.Kind.FLOW, s -> abuseLong(s, l -> l.claimedByAbusive(AbuseKind.COLLUDING))),
            c("abuse_controlled_qa_power_bytes", "QA power of the self-dealing providers (the abusers' own miners)", "bytes",
                    Column.Kind.STOCK, Probes::controlledQa),
            c("abuse_caught_applications", "abusive applications rejected because an allocator's due diligence caught them", "applications",
                    Column.Kind.COUNTER, s -> allocatorSum(s, Allocator::caught)),
            c("abuse_identified_clients", "abusive clients on governance's list: caught (when catches are shared), found by audit, "
                    + "or linked to an identified sybil address", "clients", Column.Kind.COUNTER,
                    s -> abuseLong(s, l -> (long) l.identified().size())),
            c("abuse_banned_clients", "clients governance banned on the OnRamps (OnRamp.lock)", "clients", Column.Kind.COUNTER,
                    s -> compliance(s) == null ? 0L : compliance(s).bans()),
            c("abuse_allowance_taken_back_bytes", "allowance taken back from identified clients in Client Contracts: allocators' "
                    + "decreases plus the amounts of governance's OnRamp locks", "bytes", Column.Kind.FLOW,
                    s -> allocatorSum(s, Allocator::revoked) + (compliance(s) == null ? 0L : compliance(s).banTakenBack())),
            c("abuse_allocator_sanctions", "compliance verdicts against allocators at reviews (withhold, clawback or cut-off) for "
                    + "granting to clients identified as abusive", "verdicts", Column.Kind.COUNTER,
                    s -> compliance(s) == null ? 0L : compliance(s).sanctions()),
            c("abuse_allocator_sanctioned_back_bytes", "allowance taken back from sanctioned allocators: MetaAllocator decreases, or "
                    + "(direct) the allowance of removed verifiers", "bytes", Column.Kind.FLOW, Probes::sanctionedBack),
            c("honest_rejected_applications", "honest applications that due diligence wrongly rejected", "applications",
                    Column.Kind.COUNTER, s -> allocatorSum(s, Allocator::rejectedHonest)));

    /** The simulated providers' economic books (economics.md §2, §6): running totals in USD from day 0. */
    private static List<Column> economy() {
        List<Column> out = new ArrayList<>(List.of(
                c("datacap_hhi_by_client", "Herfindahl–Hirschman index of the DataCap clients turned into allocations, "
                        + "across every client (honest, abusive, SLA) (0–1)", "index", Column.Kind.DISTRIBUTION,
                        s -> clientConcentration(s).hhi()),
                c("datacap_gini_by_client", "Gini coefficient of the DataCap clients turned into allocations (0–1)",
                        "index", Column.Kind.DISTRIBUTION, s -> clientConcentration(s).gini()),
                c("datacap_top10_share_by_client", "share of the DataCap clients turned into allocations that the ten "
                        + "largest clients allocated", "share", Column.Kind.DISTRIBUTION, s -> clientConcentration(s).top10()),
                c("honest_wait_days_mean", "honest clients' wait from applying for DataCap to their first claimed byte, "
                        + "over those whose wait has ended (empty before the first)", "days", Column.Kind.DISTRIBUTION,
                        s -> honestWaits(s).mean()),
                c("honest_wait_days_p90", "90th percentile (nearest rank) of those waits", "days",
                        Column.Kind.DISTRIBUTION, s -> honestWaits(s).p90()),
                c("providers_active", "simulated providers with raw power (active sectors)", "providers", Column.Kind.STOCK,
                        s -> s.world().providers().stream().filter(p -> p.miner().rawPower() > 0).count()),
                c("providers_onboarding", "simulated providers that sealed a sector within the row's last day", "providers",
                        Column.Kind.STOCK, s -> s.world().providers().stream()
                                .filter(p -> p.lastSealEpoch() >= 0
                                        && p.lastSealEpoch() >= s.chain().epoch() - Policy.EPOCHS_IN_DAY).count()),
                c("raw_onboarded_bytes", "raw bytes the simulated providers sealed (sectors × sector size)", "bytes",
                        Column.Kind.FLOW, s -> sumProviders(s, p -> p.sealed()) * s.world().sectorSize()),
                c("claims_extended", "extensions of claims' terms (ExtendClaimTerms, or paid with DataCap)", "claims",
                        Column.Kind.COUNTER, s -> s.chain().verifreg().claimsExtended()),
                c("fil_price_usd", "FIL price of the day the row's last step booked", "USD/FIL", Column.Kind.STOCK,
                        s -> round(s.simulation().filPriceUsd())),
                c("sp_revenue_usd", "providers' revenue: block rewards and deal payments received, each at its day's "
                        + "FIL price", "USD",
                        Column.Kind.FLOW, s -> round(books(s, Books::revenue))),
                c("sp_cost_usd", "providers' costs: every cost kind, pledge financing and FIL burned from them (fees, "
                        + "penalties) at its day's price", "USD", Column.Kind.FLOW,
                        s -> round(books(s, b -> b.revenue() - b.profit()))),
                c("sp_profit_usd", "providers' profit: sp_revenue_usd − sp_cost_usd", "USD", Column.Kind.FLOW,
                        s -> round(books(s, Books::profit))),
                c("sp_financing_usd", "cost of financing the locked pledge: pledge at the day's price × borrowRatePerYear",
                        "USD", Column.Kind.FLOW, s -> round(books(s, Books::financing))),
                c("sp_burned_usd", "FIL burned from providers (fees, penalties) at its day's price", "USD",
                        Column.Kind.FLOW, s -> round(books(s, Books::burned)))));
        for (CostKind k : CostKind.values())
            out.add(c(k.column(), "providers' cost of " + k.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (k.oneOff() ? " (once per TiB sealed)" : " (per raw TiB-year of power in force)"), "USD",
                    Column.Kind.FLOW, s -> round(books(s, b -> b.cost(k)))));
        out.add(c("raw_onboarded_cc_bytes", "of raw_onboarded_bytes, the committed-capacity sectors (no deals)", "bytes",
                Column.Kind.FLOW, s -> sumProviders(s, Provider::ccSealed) * s.world().sectorSize()));
        for (Provider.Kind k : Provider.Kind.values()) {
            String word = k.name().toLowerCase(Locale.ROOT);
            out.add(c("providers_strategy_" + word, "simulated providers whose current onboarding choice is "
                    + word.replace('_', ' ') + " (behaviour.mode scripted: every provider seals deals)", "providers",
                    Column.Kind.STOCK, s -> s.world().providers().stream().filter(p -> p.kind() == k).count()));
        }
        out.add(c("attackers_active", "abusive clients that have arrived, chose to attack at their last choice (always, "
                + "in behaviour mode scripted) and are not identified by governance", "clients", Column.Kind.STOCK,
                s -> abuseLong(s, Probes::attackersActive)));
        out.add(c("attacker_profit_usd", "the abusers' profit: the books' profit of the self-dealing providers they "
                + "control (bribes: none in the model yet)", "USD", Column.Kind.FLOW, s -> round(attackerProfit(s))));
        for (ServiceLevel l : ServiceLevel.values())
            out.add(c("service_level_" + l.label(), "SLA providers at the " + l.label() + " service level (behaviour "
                    + "mode economic; 0 outside the sla-allocator design or in scripted mode)", "providers",
                    Column.Kind.STOCK, s -> serviceLevels(s, l)));
        out.add(c("service_level_premium_share", "share of the SLA providers choosing a service level that are at "
                + "premium (0 when none chooses)", "share", Column.Kind.STOCK, Probes::premiumShare));
        out.add(c("sp_deal_revenue_usd", "of sp_revenue_usd, deal payments: FIL the providers' owners received from "
                + "clients for storage (economy.dealPriceFilPerTibMonth; the SLA design's payments), each at its day's "
                + "FIL price", "USD", Column.Kind.FLOW,
                s -> round(books(s, b -> b.revenue(Books.Revenue.DEAL_PAYMENTS)))));
        out.add(c("deal_payments_attofil", "FIL honest clients paid providers at economy.dealPriceFilPerTibMonth",
                "attoFIL", Column.Kind.FLOW, Probes::dealPayments));
        out.add(c("providers_cheating", "SLA providers faking retrievability towards the oracle now (behaviour mode "
                + "economic: by their choice; scripted: the cheating strategy; 0 outside the sla-allocator design)",
                "providers", Column.Kind.STOCK, Probes::providersCheating));
        out.add(c("verified_client_addresses", "distinct addresses that ever held minted DataCap: every address the "
                + "DataCap token ever credited by a mint (clients, and the Client Contracts holding their clients' "
                + "DataCap), counted once; under v1 / v1-topup every address ever made a verified client", "addresses",
                Column.Kind.COUNTER, s -> v1(s) ? s.chain().verifregV1().everVerifiedClients()
                        : s.chain().datacap().mintedAddresses()));
        out.add(c("deals_published", "storage market deals published (PublishStorageDeals; 0 under regime ddo)", "deals",
                Column.Kind.COUNTER, s -> s.chain().market().publishedDeals()));
        out.add(c("deals_activated", "storage market deals activated at a sector commit (0 under regime ddo)", "deals",
                Column.Kind.COUNTER, s -> s.chain().market().activatedDeals()));
        out.add(c("deals_timed_out", "storage market deals not activated by their start epoch (0 under regime ddo)",
                "deals", Column.Kind.COUNTER, s -> s.chain().market().timedOutDeals()));
        out.add(c("market_escrow_attofil", "FIL in the storage market's escrow, clients' and providers' (0 under regime "
                + "ddo)", "attoFIL", Column.Kind.STOCK, s -> s.chain().market().totalEscrow()));
        out.add(c("deal_collateral_slashed_attofil", "provider collateral the storage market burned for deals that timed "
                + "out or whose sector was terminated (0 under regime ddo)", "attoFIL", Column.Kind.FLOW,
                s -> s.chain().market().providerCollateralSlashed()));
        out.add(c("reward_burned_attofil", "FIP-0118 (regime solstice): the whole network's burned reward stream, w0 ="
                + " 1 - w1 - w2 of each epoch's reward, sent to the burn address (0 before the upgrade and under other"
                + " regimes)", "attoFIL", Column.Kind.FLOW, s -> s.chain().rewardBurned()));
        out.add(c("regime_upgraded", "1 once the FIP-0118 upgrade has applied (regime solstice, from solstice.upgradeDay),"
                + " else 0", "0/1", Column.Kind.STOCK, s -> s.chain().upgraded() ? 1L : 0L));
        return out;
    }


    /** FIL the honest clients paid their providers for deals (attoFIL). */
    static BigInteger dealPayments(Sample s) {
        BigInteger sum = BigInteger.ZERO;
        for (DataCapClient c : s.world().roles().dataCapClients())
            if (c instanceof Client h) sum = sum.add(h.dealPaid());
        return sum;
    }

    static long serviceLevels(Sample s, ServiceLevel level) {
        long n = 0;
        for (Agent a : s.world().agents())
            if (a instanceof SlaProvider p && p.serviceLevel() == level) n++;
        return n;
    }

    static long providersCheating(Sample s) {
        long n = 0;
        for (Agent a : s.world().agents())
            if (a instanceof SlaProvider p && p.cheating()) n++;
        return n;
    }

    static String premiumShare(Sample s) {
        long choosing = 0;
        for (ServiceLevel l : ServiceLevel.values()) choosing += serviceLevels(s, l);
        return round(choosing == 0 ? 0 : serviceLevels(s, ServiceLevel.PREMIUM) / (double) choosing);
    }

    static long attackersActive(AbuseLedger l) {
        long n = 0;
        for (AbuseClient c : l.clients()) if (c.attacking() && !l.isIdentified(c.address())) n++;
        return n;
    }

    /** The controlled providers' profit, USD (0 without abusive populations). */
    static double attackerProfit(Sample s) {
        AbuseCompliance c = compliance(s);
        if (c == null) return 0;
        Set<Address> controlled = Set.copyOf(c.ledger().controlledProviders());
        double sum = 0;
        for (Provider p : s.world().providers())
            if (controlled.contains(p.miner().address())) sum += p.account().books().profit();
        return sum;
    }

    /** Every column of timeseries.csv: the chain's and agents', then the economy's. */
    public static final List<Column> TIMESERIES = concat(CHAIN_AND_AGENTS, economy());

    private static List<Column> concat(List<Column> a, List<Column> b) {
        List<Column> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    static long sumProviders(Sample s, ToLongFunction<Provider> f) {
        long sum = 0;
        for (Provider p : s.world().providers()) sum += f.applyAsLong(p);
        return sum;
    }

    /** A reading summed over every simulated provider's books. */
    static double books(Sample s, ToDoubleFunction<Books> f) {
        double sum = 0;
        for (Provider p : s.world().providers()) sum += f.applyAsDouble(p.account().books());
        return sum;
    }

    // ------------------------------------------------------------------ payouts, requests, scores, concentration
    /** Totals of withdrawn rewards by destination (attoFIL). */
    record Payouts(BigInteger toSp, BigInteger burned, BigInteger retained, BigInteger pending) {}

    static Payouts payouts(Sample s) { return s.memo("payouts", () -> computePayouts(s)); }

    private static Payouts computePayouts(Sample s) {
        BigInteger received = BigInteger.ZERO, paid = BigInteger.ZERO, burned = BigInteger.ZERO, retained = BigInteger.ZERO,
                pending = BigInteger.ZERO;
        for (Beneficiary b : beneficiaries(s)) {
            received = received.add(b.received());
            paid = paid.add(b.paidToSp());
            burned = burned.add(b.burned());
            retained = retained.add(b.retained());
            pending = pending.add(b.pending());
        }
        BigInteger direct = sumBig(s, Miner::withdrawn).subtract(received); // withdrawals that went straight to owners
        return new Payouts(direct.add(paid), burned, retained, pending);
    }

    static List<Beneficiary> beneficiaries(Sample s) { return s.world().deployment().beneficiaries(); }

    static long requests(Sample s, boolean granted) {
        long n = 0;
        for (String method : s.chain().stats().all().keySet())
            if (s.world().design().isRequest(method))
                n += granted ? s.chain().stats().succeeded(method) : s.chain().stats().failed(method);
        return n;
    }

    /** Refused DataCap requests by reason, as refused_<rule> column → count (the columns of the file grow as reasons appear). */
    public static SortedMap<String, Object> refusalsByReason(Simulation s) {
        TreeMap<String, Object> out = new TreeMap<>();
        var stats = s.chain().stats().all();
        for (var e : stats.entrySet()) {
            if (!s.world().design().isRequest(e.getKey())) continue;
            for (var o : e.getValue().entrySet())
                if (!o.getKey().equals(CallStats.OK))
                    out.merge("refused_" + snake(o.getKey()), o.getValue(), (a, b) -> (Long) a + (Long) b);
        }
        return out;
    }

    /**
     * "OnRamp.ClientLocked" → "onramp_client_locked"; "SLAAllocator.GlobalRateLimitExceeded" →
     * "sla_allocator_global_rate_limit_exceeded"; "verifreg.caller_not_verifier" → "verifreg_caller_not_verifier".
     */
    static String snake(String rule) {
        String t = rule.replace("OnRamp", "Onramp").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
                .replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return t.replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    record Scores(long count, Object mean, Object p10, Object p90) {}

    static Scores slaScores(Sample s) { return s.memo("slaScores", () -> computeScores(s)); }

    /**
     * Scores of the providers whose Beneficiary is installed on their miner and who hold active SLA data (a provider
     * without active data would score 100 by the contract's rule, which says nothing about its service).
     */
    private static Scores computeScores(Sample s) {
        List<Long> scores = new ArrayList<>();
        for (Beneficiary b : beneficiaries(s)) {
            Miner m = s.chain().miner(b.provider());
            if (m == null || !m.beneficiary().equals(b.address())) continue; // not installed (e.g. a squatter's instance)
            try {
                Beneficiary.Reading r = b.currentReading();
                if (r.activeBytes() > 0) scores.add(r.score());
            } catch (ActorError e) {
                // a provider whose score cannot be computed (e.g. an unknown SLA) has no score today
            }
        }
        if (scores.isEmpty()) return new Scores(0, "", "", "");
        Collections.sort(scores);
        double mean = scores.stream().mapToLong(Long::longValue).average().orElse(0);
        return new Scores(scores.size(), round(mean), quantile(scores, 0.1), quantile(scores, 0.9));
    }

    /** Nearest-rank quantile. */
    static long quantile(List<Long> sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    record Concentration(String hhi, String gini, String top10) {}

    record Waits(String mean, String p90) {}

    /** Honest clients' completed waits, application to first claimed byte, in days. */
    static Waits honestWaits(Sample s) {
        return s.memo("honestWaits", () -> {
            List<Double> w = new ArrayList<>();
            for (DataCapClient c : s.world().roles().dataCapClients())
                if (c.honest() && c.applicationEpoch() >= 0 && c.firstClaimEpoch() >= 0)
                    w.add((c.firstClaimEpoch() - c.applicationEpoch()) / (double) Policy.EPOCHS_IN_DAY);
            if (w.isEmpty()) return new Waits("", "");
            Collections.sort(w);
            double mean = w.stream().mapToDouble(Double::doubleValue).sum() / w.size();
            double p90 = w.get((int) Math.ceil(0.9 * w.size()) - 1);
            return new Waits(round(mean), round(p90));
        });
    }

    static Concentration clientConcentration(Sample s) {
        return s.memo("clientConcentration", () -> {
            List<Long> v = new ArrayList<>();
            for (DataCapClient c : s.world().roles().dataCapClients()) v.add(c.allocatedBytes());
            return concentrationOf(v);
        });
    }

    static Concentration concentration(Sample s) {
        return s.memo("concentration", () -> {
            List<Long> v = new ArrayList<>();
            for (Miner m : s.chain().miners().values()) v.add(m.verifiedBytes());
            return concentrationOf(v);
        });
    }

    /** HHI, Gini and top-10 share of a list of holdings (pure; tested by hand-computed cases). */
    static Concentration concentrationOf(List<Long> holdings) {
        List<Long> v = new ArrayList<>(holdings);
        long total = 0;
        for (long x : v) total += x;
        if (total == 0) return new Concentration("0", "0", "0");
        Collections.sort(v);
        double hhi = 0;
        for (long x : v) hhi += Math.pow((double) x / total, 2);
        int n = v.size();
        double weighted = 0; // Gini = Σ (2i − n − 1) x_i / (n Σ x), i = 1..n over ascending x
        for (int i = 0; i < n; i++) weighted += (2.0 * (i + 1) - n - 1) * v.get(i);
        double gini = weighted / (n * (double) total);
        long top = 0;
        for (int i = n - 1; i >= Math.max(0, n - 10); i--) top += v.get(i);
        return new Concentration(round(hhi), round(gini), round((double) top / total));
    }

    /** Six decimals, fixed notation (a stable text for the CSV). */
    static String round(double x) { return new BigDecimal(x).setScale(6, RoundingMode.HALF_EVEN).toPlainString(); }

    /** The governance team's abuse desk, or null when the scenario has no abusive population. */
    static AbuseCompliance compliance(Sample s) {
        return s.world().roles().compliance().orElse(null);
    }

    static long abuseLong(Sample s, ToLongFunction<AbuseLedger> f) {
        AbuseCompliance c = compliance(s);
        return c == null ? 0L : f.applyAsLong(c.ledger());
    }

    static long allocatorSum(Sample s, ToLongFunction<Allocator> f) {
        long t = 0;
        for (Allocator al : s.world().roles().allocators()) t += f.applyAsLong(al);
        return t;
    }

    /** part / whole to 9 decimals, half-even; 0 when the whole is 0. */
    static String share(long part, long whole) {
        if (whole == 0) return "0.000000000";
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 9, RoundingMode.HALF_EVEN)
                .toPlainString();
    }

    static long controlledQa(Sample s) {
        AbuseCompliance c = compliance(s);
        if (c == null) return 0L;
        long t = 0;
        for (Address m : c.ledger().controlledProviders()) t += s.chain().miner(m).qaPower();
        return t;
    }

    static long sanctionedBack(Sample s) {
        long t = 0;
        for (GovernanceTeam g : s.world().roles().governanceTeams()) t += g.sanctionedBack();
        AbuseCompliance c = compliance(s);
        return t + (c == null ? 0L : c.verifierRemovedBack());
    }

    private static Column c(String name, String doc, String unit, Column.Kind kind, Function<Sample, Object> probe) {
        return new Column(name, doc, unit, kind, probe);
    }

    /**
     * Under v1 / v1-topup the DataCap columns read the original registry and the market (there is no token):
     * minted = AddVerifiedClient bytes, client balance = clients' remaining bytes, pending = verified deals published
     * and not activated, claimed = verified deals activated, expired returned = RestoreBytes of timed-out deals,
     * destroyed = the remainders below 1 MiB UseBytes removed; root allowance = the verifiers' remaining.
     */
    static boolean v1(Sample s) { return s.chain().verifregV1() != null; }

    static long v1ClientBytes(Sample s) {
        long t = 0;
        for (long b : s.chain().verifregV1().verifiedClients().values()) t = Math.addExact(t, b);
        return t;
    }

    static long clientAllowances(Sample s) {
        Deployment d = s.world().deployment();
        long t = d.clientContracts().stream().mapToLong(ClientContract::totalAllowance).sum();
        return t + d.slaClientContract().map(SLAClientContract::totalAllowance).orElse(0L);
    }

    /** DataCap held by contracts ({@code contracts} true) or by everyone else but the registry. */
    static long balances(Sample s, boolean contracts) {
        Set<Address> contractAddresses = s.world().deployment().contractAddresses();
        long total = 0;
        for (var e : s.chain().datacap().balances().entrySet()) {
            Address a = e.getKey();
            if (a.equals(Chain.VERIFIED_REGISTRY)) continue;
            if (contractAddresses.contains(a) == contracts) total += e.getValue();
        }
        return total;
    }

    static long sumLong(Sample s, Function<Miner, Long> f) {
        long t = 0;
        for (Miner m : s.chain().miners().values()) t += f.apply(m);
        return t;
    }

    static BigInteger sumBig(Sample s, Function<Miner, BigInteger> f) {
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
