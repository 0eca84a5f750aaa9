package datacapsim.contracts;

import datacapsim.chain.Policy;
import java.math.BigInteger;

/**
 * Parameters of the SLA Allocator system (seed 001; kacperzuk-neti/sla-allocator-contracts). Epoch counts are chain
 * epochs (30 s); amounts of DataCap are bytes; FIL amounts are attoFIL.
 *
 * @param passportScoreThreshold       a passport passes when its score is strictly above this (design: "score above 20")
 * @param passportCap                  largest request on the single-passport path (bytes; design: 1 PiB)
 * @param noPassportCap                largest request on the no-passport path (bytes; design and source: 100 TiB)
 * @param clientWindow                 per-client rate-limit window (epochs; source: 1 week)
 * @param clientLimit                  passport requests a client may make per window (source: 1)
 * @param globalWindow                 global rate-limit window of the no-passport path (epochs; source: 1 day)
 * @param globalLimit                  no-passport requests per global window, all clients together (source: 5)
 * @param pricePerTib                  the scenario's storage price: attoFIL a payment must cover per TiB requested
 * @param minBeneficiaryQuota          remaining beneficiary quota that counts as "effectively unlimited" (attoFIL;
 *                                     source MinerUtils.MIN_BENEFICIARY_QUOTA)
 * @param beneficiaryExpirationMargin  designed client transfer: the beneficiary must outlast the longest deal by this
 *                                     (epochs; design: 180 days)
 * @param deployedBeneficiaryExpiration deployed client transfer: the beneficiary must expire at least this many epochs
 *                                     from now (source MinerUtils.EXPIRATION_5_YEARS = 5,256,000)
 * @param deployedPaymentPath          deployed variant only: whether the no-passport payment path exists (it lives on the
 *                                     source's FIL-1225 branch, not on main); the designed variant always has it
 */
public record SlaConfig(long passportScoreThreshold, long passportCap, long noPassportCap,
                        long clientWindow, int clientLimit, long globalWindow, int globalLimit,
                        BigInteger pricePerTib, BigInteger minBeneficiaryQuota,
                        long beneficiaryExpirationMargin, long deployedBeneficiaryExpiration,
                        boolean deployedPaymentPath) {
    /** MinerUtils.MIN_BENEFICIARY_QUOTA: 195,884,047,900 FIL in attoFIL. */
    public static final BigInteger SOURCE_MIN_BENEFICIARY_QUOTA = new BigInteger("195884047900000000000000000000");
    /** MinerUtils.EXPIRATION_5_YEARS: 5 × 365 days of 30 s epochs. */
    public static final long SOURCE_EXPIRATION_5_YEARS = 5_256_000L;

    public SlaConfig {
        if (passportScoreThreshold < 0) throw new IllegalArgumentException("passportScoreThreshold must be >= 0, got " + passportScoreThreshold);
        if (passportCap <= 0) throw new IllegalArgumentException("passportCap must be > 0, got " + passportCap);
        if (noPassportCap <= 0) throw new IllegalArgumentException("noPassportCap must be > 0, got " + noPassportCap);
        if (clientWindow <= 0) throw new IllegalArgumentException("clientWindow must be > 0 epochs, got " + clientWindow);
        if (clientLimit <= 0) throw new IllegalArgumentException("clientLimit must be > 0, got " + clientLimit);
        if (globalWindow <= 0) throw new IllegalArgumentException("globalWindow must be > 0 epochs, got " + globalWindow);
        if (globalLimit <= 0) throw new IllegalArgumentException("globalLimit must be > 0, got " + globalLimit);
        if (pricePerTib == null || pricePerTib.signum() < 0) throw new IllegalArgumentException("pricePerTib must be >= 0, got " + pricePerTib);
        if (minBeneficiaryQuota == null || minBeneficiaryQuota.signum() < 0)
            throw new IllegalArgumentException("minBeneficiaryQuota must be >= 0, got " + minBeneficiaryQuota);
        if (beneficiaryExpirationMargin < 0)
            throw new IllegalArgumentException("beneficiaryExpirationMargin must be >= 0 epochs, got " + beneficiaryExpirationMargin);
        if (deployedBeneficiaryExpiration < 0)
            throw new IllegalArgumentException("deployedBeneficiaryExpiration must be >= 0 epochs, got " + deployedBeneficiaryExpiration);
    }

    /** The design's and the source's values, with the scenario's price (attoFIL per TiB). */
    public static SlaConfig defaults(BigInteger pricePerTib) {
        return new SlaConfig(20, Policy.PiB, 100 * Policy.TiB, 7 * Policy.EPOCHS_IN_DAY, 1, Policy.EPOCHS_IN_DAY, 5,
                pricePerTib, SOURCE_MIN_BENEFICIARY_QUOTA, 180 * Policy.EPOCHS_IN_DAY, SOURCE_EXPIRATION_5_YEARS, true);
    }

    public SlaConfig withDeployedPaymentPath(boolean enabled) {
        return new SlaConfig(passportScoreThreshold, passportCap, noPassportCap, clientWindow, clientLimit, globalWindow,
                globalLimit, pricePerTib, minBeneficiaryQuota, beneficiaryExpirationMargin, deployedBeneficiaryExpiration, enabled);
    }

    /** The payment a request of {@code bytes} needs: ceil(bytes × pricePerTib / TiB) attoFIL. */
    public BigInteger priceOf(long bytes) {
        BigInteger[] qr = BigInteger.valueOf(bytes).multiply(pricePerTib).divideAndRemainder(BigInteger.valueOf(Policy.TiB));
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }
}
