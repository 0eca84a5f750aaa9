package datacapsim.agents;

import datacapsim.chain.Chain;
import datacapsim.chain.Miner;
import datacapsim.chain.Policy;
import datacapsim.economy.Books;
import datacapsim.economy.CostKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Map;

/**
 * A provider's economic books (economics.md §2): its cost levels, drawn once, and every step's revenue, burns, costs
 * and financing in USD at the day's FIL price. Revenue is the block reward the miner received that step; burns are
 * the fees and penalties burned from it; costs are each per-year kind on the raw TiB in force plus sealing per TiB
 * sealed; financing is the locked pledge at the day's price times the borrowing rate. The books read the chain,
 * never write it.
 */
public final class ProviderAccount {
    /** Which costs a provider pays: honest all; a self-dealer no bizdev, no extra copy, bandwidth 0.6. */
    public enum Profile { HONEST, SELF_DEALING }

    private static final BigDecimal ATTO = new BigDecimal(BigInteger.TEN.pow(18));
    private final Map<CostKind, Double> levels;
    private final Books books = new Books();
    private BigInteger lastRewards = BigInteger.ZERO;
    private BigInteger lastBurned = BigInteger.ZERO;
    private long lastSealed;
    private double priceUsd;
    private double borrowRatePerYear;

    /** Books with the {@code drawn} levels (USD per raw TiB-year; sealing per TiB) as {@code profile} pays them. */
    public ProviderAccount(Profile profile, Map<CostKind, Double> drawn) {
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

    /** The level this provider pays of {@code kind}. */
    public double level(CostKind kind) { return levels.get(kind); }

    public Books books() { return books; }

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
        double rawTib = miner.rawPower() / (double) Policy.TiB;
        for (CostKind k : CostKind.values()) if (!k.oneOff()) books.pay(k, levels.get(k) * rawTib * years);
        double sealedTib = (sealedSectors - lastSealed) * (double) sectorSize / Policy.TiB;
        books.pay(CostKind.SEALING, levels.get(CostKind.SEALING) * sealedTib);
        books.finance(fil(miner.initialPledge()) * priceUsd * borrowRatePerYear * years);
        lastRewards = rewards;
        lastBurned = burned;
        lastSealed = sealedSectors;
        this.priceUsd = priceUsd;
        this.borrowRatePerYear = borrowRatePerYear;
    }

    /**
     * The annual net, USD per raw TiB, of keeping sectors of {@code rawBytes} raw and {@code qaBytes} QA power for
     * another year at the last booked price and rate: their share of the network's current reward (this epoch's
     * reward × epochs a year × QA / network QA), less the marginal costs of hardware already owned (power,
     * bandwidth, gas), the daily fee and the financing of the pledge they keep locked. Sunk costs (disks, staff,
     * sealing done) do not count.
     */
    public double extensionValue(Chain chain, long rawBytes, long qaBytes, BigInteger pledge, BigInteger dailyFee) {
        double rawTib = rawBytes / (double) Policy.TiB;
        double networkQa = chain.power().networkQa().doubleValue();
        double rewardFilPerYear = networkQa <= 0 ? 0
                : fil(chain.reward().thisEpochReward()) * Policy.EPOCHS_IN_YEAR * qaBytes / networkQa;
        double costs = level(CostKind.POWER) + level(CostKind.BANDWIDTH) + level(CostKind.GAS);
        double feeFilPerYear = fil(dailyFee) * Books.DAYS_IN_YEAR;
        double financing = fil(pledge) * priceUsd * borrowRatePerYear;
        return ((rewardFilPerYear - feeFilPerYear) * priceUsd - financing) / rawTib - costs;
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

    /** The FIL price of the last step booked, USD/FIL (0 before the first). */
    public double lastPriceUsd() { return priceUsd; }

    private static double fil(BigInteger atto) {
        return new BigDecimal(atto).divide(ATTO).doubleValue();
    }
}
