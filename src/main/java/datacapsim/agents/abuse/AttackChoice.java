package datacapsim.agents.abuse;

import datacapsim.agents.Allocator;
import datacapsim.agents.ProviderAccount;
import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.Policy;
import datacapsim.chain.Sector;
import datacapsim.economy.Books;
import datacapsim.economy.CostKind;
import datacapsim.economy.Logit;
import org.apache.commons.math3.random.RandomGenerator;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * An abusive client's choice in behaviour mode economic (economics.md §5): before each application or re-application
 * and at every revision, attack or stay out, by the one choice mechanism ({@link Logit}) over two values in USD per
 * raw TiB-year: staying out is worth 0; attacking is worth
 * <pre>  (1 − q) · G − q · L − b</pre>
 * where
 * <ul>
 *   <li>G, the gain: a year of one raw TiB of FIL+ data at 10× QA power on hardware the abusers own, valued by the
 *       providers' own rule ({@link ProviderAccount#valueAt}: its share of the network's current reward, less the
 *       daily fee, the pledge's financing, power, bandwidth and gas at the controlled provider's levels, so no bizdev,
 *       no extra copy, bandwidth 0.6), less the sealing cost spread over the sector's term, at the day's FIL price;
 *       times the share of the providers it lists that the abusers control (a client's gain is its providers' QA
 *       power: what goes to honest providers earns the abusers nothing);</li>
 *   <li>q, the catch probability: 1 − (1 − q<sub>d</sub>)(1 − q<sub>a</sub>), with q<sub>d</sub> the chance that the
 *       due diligence of the allocator it applies to catches it (its scenario catch probability; 0 from its colluding
 *       partner; 1 from any other once it is identified), updated from what the abusers have seen (their resolved
 *       applications: caught ones count against, granted ones for, {@link #PRIOR_WEIGHT} pseudo-observations of the
 *       prior), and q<sub>a</sub> = 1 − (1 − audit probability)<sup>reviews a year</sup> the chance that an audit
 *       finds it within the year;</li>
 *   <li>L, the loss when caught: the sealing cost of a TiB prepared for DataCap that is then refused or taken back
 *       (the rewards forgone on that DataCap are already the (1 − q) in front of G; sealed sectors keep their power,
 *       as no control in the model takes it back);</li>
 *   <li>b, the bribe or kickback per TiB the scenario sets (none yet: 0).</li>
 * </ul>
 * One uniform draw per decision, from the "abuse.decisions" stream.
 */
public final class AttackChoice {
    /** The two options, in the order of a choice's values: attack, stay out. */
    public static final List<String> OPTIONS = List.of("attack", "stay-out");
    /** Weight of the prior catch probability, in pseudo-observations, against the abusers' resolved applications. */
    public static final double PRIOR_WEIGHT = 10;
    /** How often an attacker revises its choice, days. */
    public static final int REVISION_DAYS = 30;

    /**
     * The scenario's terms as every attacker reads them.
     *
     * @param auditProbability  governance's chance per review of finding an abusive client by audit
     * @param reviewDays        days between governance reviews
     * @param startPriceUsd     the FIL price before the first step is booked
     * @param borrowRatePerYear the rate financing pledge
     * @param termYears         the sector term over which sealing is spread, years
     * @param bribeUsdPerTib    bribe or kickback per TiB-year
     * @param catchOf           each allocator's due-diligence catch probability towards abusive applications
     */
    public record Terms(double auditProbability, int reviewDays, double startPriceUsd, double borrowRatePerYear,
                        double termYears, double bribeUsdPerTib, Map<Allocator, Double> catchOf) {
        public Terms {
            catchOf = Map.copyOf(catchOf);
        }

        /** The chance that an audit finds an abusive client within a year of reviews. */
        public double auditCatchPerYear() {
            double reviews = Books.DAYS_IN_YEAR / Math.max(1, reviewDays);
            return 1 - Math.pow(1 - auditProbability, reviews);
        }
    }

    private final Logit logit;
    private final RandomGenerator rng;
    private final Terms terms;
    private final AbuseLedger ledger;

    public AttackChoice(Logit logit, RandomGenerator rng, Terms terms, AbuseLedger ledger) {
        this.logit = logit;
        this.rng = rng;
        this.terms = terms;
        this.ledger = ledger;
    }

    /** The value of attacking, USD per raw TiB-year: (1 − q) · gain − q · loss − bribe. */
    public static double attackValue(double gain, double catchProbability, double loss, double bribe) {
        return (1 - catchProbability) * gain - catchProbability * loss - bribe;
    }

    /** One decision with one draw: attack (index 0) valued {@code attackValue}, or stay out (index 1) valued 0. */
    public static Logit.Choice decide(Logit logit, double attackValue, RandomGenerator rng) {
        return logit.choose(OPTIONS, new double[] {attackValue, 0}, rng);
    }

    /**
     * {@code client}'s decision now, applying next to one of {@code candidates}, with its gain read from
     * {@code basis} (a controlled provider's books) on {@code controlledShare} of its allocations.
     */
    Decision choose(AbuseClient client, List<Allocator> candidates, ProviderAccount basis, double controlledShare,
                    Chain chain) {
        double gain = controlledShare * gainPerTib(basis, chain);
        double q = 1 - (1 - diligenceCatch(client, candidates)) * (1 - terms.auditCatchPerYear());
        double loss = basis.level(CostKind.SEALING);
        double value = attackValue(gain, q, loss, terms.bribeUsdPerTib());
        return new Decision(decide(logit, value, rng), gain, q, loss);
    }

    /** What one decision saw: the choice (values, shares, chosen) and the parts of the attack's value. */
    public record Decision(Logit.Choice choice, double gainUsd, double catchProbability, double lossUsd) {
        public boolean attacks() { return choice.chosen() == 0; }
    }

    /** G before the controlled share: a year of one raw TiB at 10× QA on owned hardware, less sealing over the term. */
    double gainPerTib(ProviderAccount basis, Chain chain) {
        double price = basis.priceUsd() > 0 ? basis.priceUsd() : terms.startPriceUsd();
        long qa = Sector.qaPower(Policy.TiB, Policy.TiB);
        BigInteger pledge = chain.initialPledgeFor(qa);
        BigInteger fee = chain.config().dailyFeeEnabled() ? chain.dailyFeeFor(qa) : BigInteger.ZERO;
        double net = basis.valueAt(chain, Policy.TiB, qa, pledge, fee, price, terms.borrowRatePerYear());
        return net - basis.level(CostKind.SEALING) / Math.max(terms.termYears(), 1e-9);
    }

    /** q_d: the candidates' mean catch probability towards {@code client}, updated from the abusers' resolved cases. */
    double diligenceCatch(AbuseClient client, List<Allocator> candidates) {
        if (candidates.isEmpty()) return 1;
        boolean identified = ledger.isIdentified(client.address());
        double prior = 0;
        for (Allocator a : candidates) {
            boolean partner = a == client.profile().partner();
            prior += partner ? 0 : identified ? 1 : terms.catchOf().getOrDefault(a, 0.0);
        }
        prior /= candidates.size();
        if (identified) return prior;
        long caught = 0;
        long resolved = 0;
        for (AbuseClient c : ledger.clients()) {
            Address who = c.address();
            for (Allocator a : c.appliedTo()) {
                if (a == c.profile().partner()) continue;
                if (a.rejected(who)) {
                    caught++;
                    resolved++;
                } else if (a.grantedTo(who) > 0) {
                    resolved++;
                }
            }
        }
        return (PRIOR_WEIGHT * prior + caught) / (PRIOR_WEIGHT + resolved);
    }
}
