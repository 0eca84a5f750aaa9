package datacapsim.chain;

import java.math.BigInteger;
import java.util.List;

/**
 * An active sector: raw size, verified bytes still counted, activation and expiration epochs, the initial pledge it
 * locked, its FIP-0100 daily fee, the ids of the claims it holds, the ids of the storage market deals it holds
 * (regimes v1, v1-topup, fip45-market), their deal weights (space-time, unverified and verified; kept for the v1
 * regimes' QA power), its QA power and FIP-0118's FULL_QA_POWER flag.
 *
 * <p>QA power: raw + 9 × verified bytes (ddo, fip45-market; fixed except when claims are dropped), or under v1 /
 * v1-topup quality_for_weight of the deal weights over the sector's life (expiration − activation), so a deal
 * shorter than its sector, or an extension, dilutes it. {@link #verifiedBytes()} counts verified piece and deal bytes.
 * {@code fullQa}: the sector has 10 × raw QA power whatever it holds (every sector committed after the Solstice
 * upgrade, and a sector moved by ExtendSectorExpiration3); its verified bytes are then 0, as builtin-actors records
 * no verified space for such sectors.
 */
public record Sector(long number, long size, long verifiedBytes, long activation, long expiration,
                     BigInteger initialPledge, BigInteger dailyFee, List<Long> claimIds, List<Long> dealIds,
                     BigInteger dealWeight, BigInteger verifiedDealWeight, long qaPower, boolean fullQa) {
    public Sector {
        claimIds = List.copyOf(claimIds);
        dealIds = List.copyOf(dealIds);
        if (dealWeight == null) dealWeight = BigInteger.ZERO;
        if (verifiedDealWeight == null) verifiedDealWeight = BigInteger.ZERO;
    }

    /** A sector without market deals: QA power raw + 9 × verified bytes. */
    public Sector(long number, long size, long verifiedBytes, long activation, long expiration,
                  BigInteger initialPledge, BigInteger dailyFee, List<Long> claimIds) {
        this(number, size, verifiedBytes, activation, expiration, initialPledge, dailyFee, claimIds, List.of(),
                BigInteger.ZERO, BigInteger.ZERO, qaPower(size, verifiedBytes), false);
    }

    /** A FULL_QA_POWER sector (FIP-0118): 10 × raw QA power, no verified bytes, no deals. */
    public static Sector fullQa(long number, long size, long activation, long expiration, BigInteger initialPledge,
                                BigInteger dailyFee, List<Long> claimIds) {
        return new Sector(number, size, 0, activation, expiration, initialPledge, dailyFee, claimIds, List.of(),
                BigInteger.ZERO, BigInteger.ZERO, Math.multiplyExact(Policy.VERIFIED_QUALITY_MULTIPLIER, size), true);
    }

    public static long qaPower(long size, long verifiedBytes) {
        return Math.addExact(size, Math.multiplyExact(Policy.VERIFIED_QUALITY_MULTIPLIER - 1, verifiedBytes));
    }

    /** True when the sector's QA power comes from its deal weights (a v1 / v1-topup sector with deals). */
    public boolean weighted() { return dealWeight.signum() > 0 || verifiedDealWeight.signum() > 0; }

    /**
     * The sector with a new expiration. A weighted sector keeps its verified bytes and deal weights and its QA
     * power is quality_for_weight over the new life (expiration − activation; builtin-actors v8/v9
     * qa_power_for_sector); otherwise it keeps {@code newVerified} bytes and the kept claims, QA raw + 9 × verified.
     */
    Sector withExpiration(long newExpiration, long newVerified, List<Long> keptClaims) {
        if (fullQa)
            return new Sector(number, size, newVerified, activation, newExpiration, initialPledge, dailyFee,
                    keptClaims, dealIds, dealWeight, verifiedDealWeight, qaPower, true);
        if (weighted())
            return new Sector(number, size, verifiedBytes, activation, newExpiration, initialPledge, dailyFee,
                    keptClaims, dealIds, dealWeight, verifiedDealWeight, StorageMarket.qaPowerForWeight(size,
                            newExpiration - activation, dealWeight, verifiedDealWeight), false);
        return new Sector(number, size, newVerified, activation, newExpiration, initialPledge, dailyFee, keptClaims,
                dealIds, dealWeight, verifiedDealWeight, qaPower(size, newVerified), false);
    }

    /**
     * The QA power this sector would have if extended to {@code newExpiration} keeping {@code keptVerified} verified
     * bytes: the rule of {@link #withExpiration} (10 × raw for a FULL_QA_POWER sector; quality_for_weight over the new
     * life for a weighted v1 sector, which an extension dilutes; raw + 9 × kept verified bytes otherwise).
     */
    public long qaPowerIfExtended(long newExpiration, long keptVerified) {
        if (fullQa) return qaPower;
        if (weighted())
            return StorageMarket.qaPowerForWeight(size, newExpiration - activation, dealWeight, verifiedDealWeight);
        return qaPower(size, keptVerified);
    }

    Sector withDailyFee(BigInteger fee) {
        return new Sector(number, size, verifiedBytes, activation, expiration, initialPledge, fee, claimIds, dealIds,
                dealWeight, verifiedDealWeight, qaPower, fullQa);
    }
}
