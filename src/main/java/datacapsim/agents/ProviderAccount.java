package datacapsim.agents;

import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.Fil;
import datacapsim.chain.Miner;
import datacapsim.chain.Policy;
import datacapsim.economy.Books;
import datacapsim.economy.CostKind;
import datacapsim.economy.Valuation;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Map;

/**
 * A provider's economic books (economics.md §2): its cost levels, drawn once, and every step's revenue, burns, costs
 * and financing in USD at the day's FIL price. Revenue is the block reward the miner received that step; burns are
 * the fees and penalties burned from it; costs are each per-year kind on the raw TiB in force plus sealing per TiB
 * sealed; financing is the locked pledge at the day's price times the borrowing rate. Deal payments are the FIL its
 * owner received for storage that step ({@link DealBook#receivedBy}), at the day's price. The books read the chain,
 * never write it.
 */
public final class ProviderAccount {
    /** Which costs a provider pays: honest all; a self-dealer no bizdev, no extra copy, bandwidth 0.6. */
    public enum Profile { HONEST, SELF_DEALING }

    private final Map<CostKind, Double> levels;
    private final Books books = new Books();
    private final boolean sunkCapacityCosts;
    private double tibYears;
    private BigInteger lastRewards = BigInteger.ZERO;
    private BigInteger lastBurned = BigInteger.ZERO;
    private long lastSealed;
    private double priceUsd;
    private double borrowRatePerYear;
    private DealBook payments;
    private Address payee;
    private BigInteger lastPayments = BigInteger.ZERO;
    private double dealPriceFilPerTibMonth;

    /**
     * A new sector's worth at the quoted price and rate: {@code valueUsd}, the annual net per raw TiB after every
     * cost the decision weighs and the financing of its pledge; {@code roiPerYear}, the annualised return on the
     * pledge before financing (the return the hurdle of agentFIL's rule is compared with); {@code pledge}, the
     * sector's initial pledge, attoFIL.
     */
    public record Offer(double valueUsd, double roiPerYear, BigInteger pledge) {}

    /**
     * Books with the {@code drawn} levels (USD per raw TiB-year; sealing per TiB) as {@code profile} pays them;
     * {@code sunkCapacityCosts}: decisions on hardware already owned leave power and bandwidth out (they are paid for
     * the capacity whether or not it seals), otherwise they count them as marginal.
     */
    public ProviderAccount(Profile profile, Map<CostKind, Double> drawn, boolean sunkCapacityCosts) {
        this.sunkCapacityCosts = sunkCapacityCosts;
        levels = new EnumMap<>(CostKind.class);
        for (CostKind k : CostKind.values()) {
            Double v = drawn.get(k);
            if (v == null || !(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(k + " level " + v);
            levels.put(k, v);
        }
        if (profile == Profile.SELF_DEALING) {
            levels.put(CostKind.BIZDEV, 0.0);
            levels.put(CostKind.EXTRA_COPY, 0.0);
            levels.put(CostKind.BANDWIDTH, CostKind.NO_RETRIEVAL_BANDWIDTH);
        }
    }

    /** The quoted FIL price (USD) the coming step's decisions weigh (the first day's before the first step). */
    public double priceUsd() { return priceUsd; }

    /** Raw TiB-years in force so far (Σ raw TiB × step length over the booked steps). */
    public double tibYears() { return tibYears; }

    /**
     * The running total, USD, of what the decisions weigh as realised, sealing aside (a one-off the decisions spread
     * over a sector's life): revenue less financing, burns and gas (and power and bandwidth when capacity costs are
     * not sunk); its change over an interval, divided by the change of {@link #tibYears()}, is the realised net per
     * raw TiB-year the learning layer compares with projections.
     */
    public double decisionNetUsd() {
        double net = books.revenue() - books.financing() - books.burned() - books.cost(CostKind.GAS);
        if (!sunkCapacityCosts) net -= books.cost(CostKind.POWER) + books.cost(CostKind.BANDWIDTH);
        return net;
    }

    /** {@code atto} attoFIL in USD at the quoted price. */
    public double usdAtQuote(BigInteger atto) { return fil(atto) * priceUsd; }

    /** The level this provider pays of {@code kind}. */
    public double level(CostKind kind) { return levels.get(kind); }

    public Books books() { return books; }

    /** From now on the books take as deal payments the FIL {@code payee} (the owner) receives in {@code book}. */
    public void receivePayments(DealBook book, Address payee) {
        this.payments = book;
        this.payee = payee;
    }

    /** The price clients pay for deals (FIL per TiB-month, 0 or more), which the onboarding offer of FIL+ adds. */
    public void dealPrice(double filPerTibMonth) {
        if (!(filPerTibMonth >= 0) || Double.isInfinite(filPerTibMonth))
            throw new IllegalArgumentException("deal price " + filPerTibMonth);
        this.dealPriceFilPerTibMonth = filPerTibMonth;
    }

    /** The deal price the onboarding offer weighs, FIL per TiB-month. */
    public double dealPrice() { return dealPriceFilPerTibMonth; }

    /**
     * Books one step of {@code years} (the step's length in years): what {@code miner} received and burned since the
     * last step, the costs of its raw power and of the sectors sealed since ({@code sealedSectors} is the running
     * count, {@code sectorSize} bytes each), and the financing of its pledge.
     */
    public void close(Miner miner, long sealedSectors, long sectorSize, double priceUsd, double borrowRatePerYear,
                      double years) {
        BigInteger rewards = miner.rewardsReceived();
        BigInteger burned = miner.feesBurned();
        books.earn(Books.Revenue.REWARDS, fil(rewards.subtract(lastRewards)) * priceUsd);
        books.burn(fil(burned.subtract(lastBurned)) * priceUsd);
        if (payments != null) {
            BigInteger paid = payments.receivedBy(payee);
            if (paid.compareTo(lastPayments) > 0)
                books.earn(Books.Revenue.DEAL_PAYMENTS, fil(paid.subtract(lastPayments)) * priceUsd);
            lastPayments = paid;
        }
        double rawTib = miner.rawPower() / (double) Policy.TiB;
        tibYears += rawTib * years;
        for (CostKind k : CostKind.values()) if (!k.oneOff()) books.pay(k, levels.get(k) * rawTib * years);
        double sealedTib = (sealedSectors - lastSealed) * (double) sectorSize / Policy.TiB;
        books.pay(CostKind.SEALING, levels.get(CostKind.SEALING) * sealedTib);
        books.finance(fil(miner.initialPledge()) * priceUsd * borrowRatePerYear * years);
        lastRewards = rewards;
        lastBurned = burned;
        lastSealed = sealedSectors;
    }

    /** The FIL price and borrowing rate the provider's decisions of the coming step weigh. */
    public void quote(double priceUsd, double borrowRatePerYear) {
        this.priceUsd = priceUsd;
        this.borrowRatePerYear = borrowRatePerYear;
    }

    /**
     * The annual net, USD per raw TiB, of keeping sectors of {@code rawBytes} raw and {@code qaBytes} QA power for
     * another year at the quoted price and rate: their share of the network's current reward (this epoch's reward ×
     * epochs a year × QA / network QA) and the deal payments for their verified bytes (the deal price × 12 a year),
     * less the running costs a decision weighs ({@link #runningCosts}), the daily fee and the financing of the pledge
     * they keep locked. Sunk costs (disks, staff, sealing done) do not count.
     */
    public double extensionValue(Chain chain, long rawBytes, long qaBytes, BigInteger pledge, BigInteger dailyFee) {
        double verifiedShare = (qaBytes - rawBytes) / (double) (Policy.VERIFIED_QUALITY_MULTIPLIER - 1) / rawBytes;
        return valueAt(chain, rawBytes, qaBytes, pledge, dailyFee, priceUsd, borrowRatePerYear)
                + dealPriceFilPerTibMonth * 12 * verifiedShare * priceUsd;
    }

    /** {@link #extensionValue} at a given FIL price (USD) and borrowing rate (per year) instead of the last booked. */
    public double valueAt(Chain chain, long rawBytes, long qaBytes, BigInteger pledge, BigInteger dailyFee,
                          double priceUsd, double borrowRatePerYear) {
        double rawTib = rawBytes / (double) Policy.TiB;
        double rewardFilPerYear = rewardFilPerYear(chain, qaBytes, chain.power().networkQa().doubleValue());
        double feeFilPerYear = fil(dailyFee) * Books.DAYS_IN_YEAR;
        double financing = fil(pledge) * priceUsd * borrowRatePerYear;
        return ((rewardFilPerYear - feeFilPerYear) * priceUsd - financing) / rawTib - runningCosts(qaBytes > rawBytes);
    }

    /**
     * What a new sector of {@code sectorSize} bytes would earn over {@code lifetimeYears} if sealed now, fully
     * verified ({@code verified}, 10× QA power) or committed capacity: its share of the current network reward
     * (counting its own QA power in the network's) and, when verified, the clients' deal payments (the deal price ×
     * 12 FIL per raw TiB-year), less the daily fee, the running costs a decision weighs and the sealing cost spread
     * over its life, at the quoted price; the value also subtracts the financing of its initial
     * pledge at the quoted rate; the ROI is Valuation's annualised ROI of the net before financing on the pledge.
     */
    public Offer onboardingOffer(Chain chain, boolean verified, long sectorSize, double lifetimeYears) {
        // the chain's rule for a sector committed now (FIP-0118: 10x after the upgrade, whatever it holds)
        long qa = chain.qaPowerForNewSector(sectorSize, verified ? sectorSize : 0);
        double rawTib = sectorSize / (double) Policy.TiB;
        double rewardFilPerYear = rewardFilPerYear(chain, qa, chain.power().networkQa().doubleValue() + qa);
        double feeFilPerYear = chain.config().dailyFeeEnabled() ? fil(chain.dailyFeeFor(qa)) * Books.DAYS_IN_YEAR : 0;
        BigInteger pledge = chain.initialPledgeFor(qa);
        double pledgeUsdPerTib = fil(pledge) * priceUsd / rawTib;
        double dealFilPerTibYear = verified ? dealPriceFilPerTibMonth * 12 : 0;
        double operating = (rewardFilPerYear - feeFilPerYear) * priceUsd / rawTib + dealFilPerTibYear * priceUsd
                - runningCosts(verified) - level(CostKind.SEALING) / lifetimeYears;
        double value = operating - pledgeUsdPerTib * borrowRatePerYear;
        double roi = pledgeUsdPerTib > 0
                ? Valuation.annualisedRoi(operating * lifetimeYears, pledgeUsdPerTib, lifetimeYears)
                : (operating > 0 ? Double.MAX_VALUE : -1);
        return new Offer(value, roi, pledge);
    }

    /**
     * The FIL a year that {@code qaBytes} of QA power earns at this epoch's network reward in a network of
     * {@code networkQa} bytes (0 in an empty network): the share every decision values rewards by.
     */
    public static double rewardFilPerYear(Chain chain, double qaBytes, double networkQa) {
        return networkQa <= 0 ? 0 : fil(chain.reward().thisEpochReward()) * Policy.EPOCHS_IN_YEAR * qaBytes / networkQa;
    }

    /**
     * The running costs, USD per raw TiB-year, that a decision on hardware already owned weighs for a sector with
     * deals ({@code deals}) or committed capacity: gas (deal sectors at the provider's level, committed capacity
     * {@link CostKind#CC_GAS}), and unless capacity costs are sunk, power and bandwidth (committed capacity serves
     * no retrievals: {@link CostKind#NO_RETRIEVAL_BANDWIDTH}).
     */
    public double runningCosts(boolean deals) {
        double gas = deals ? level(CostKind.GAS) : Math.min(level(CostKind.GAS), CostKind.CC_GAS);
        if (sunkCapacityCosts) return gas;
        double bandwidth = deals ? level(CostKind.BANDWIDTH)
                : Math.min(level(CostKind.BANDWIDTH), CostKind.NO_RETRIEVAL_BANDWIDTH);
        return gas + level(CostKind.POWER) + bandwidth;
    }

    /**
     * Sets the levels this provider pays from now on of the two service costs, the extra unsealed copy and bandwidth
     * (USD per raw TiB-year; an SLA provider's service level: 0 for no extra copy,
     * {@link CostKind#NO_RETRIEVAL_BANDWIDTH} for minimal bandwidth). Costs already booked are unchanged.
     */
    public void payServiceCosts(double extraCopyUsd, double bandwidthUsd) {
        if (!(extraCopyUsd >= 0) || Double.isInfinite(extraCopyUsd))
            throw new IllegalArgumentException("extra copy level " + extraCopyUsd);
        if (!(bandwidthUsd >= 0) || Double.isInfinite(bandwidthUsd))
            throw new IllegalArgumentException("bandwidth level " + bandwidthUsd);
        levels.put(CostKind.EXTRA_COPY, extraCopyUsd);
        levels.put(CostKind.BANDWIDTH, bandwidthUsd);
    }

    /** attoFIL as FIL, correctly rounded (Fil.toFilDouble: bit for bit the decimal atto × 10⁻¹⁸'s doubleValue). */
    private static double fil(BigInteger atto) {
        return Fil.toFilDouble(atto);
    }
}
