package datacapsim.contracts;

import java.math.BigInteger;

/**
 * How a Beneficiary splits received rewards by the provider's SLA score (scenario parameters). A score below
 * {@code midFrom} is in the low band, below {@code highFrom} in the middle band, otherwise in the high band; each band
 * gives the SP a share in basis points of 10,000. As Beneficiary.sol {@code _slashByScore} rounds, the redirected part
 * is floor(amount × (10,000 − share) / 10,000) and the SP gets the rest (rounding favours the SP).
 *
 * @param midFrom      lowest score of the middle band (default 50)
 * @param highFrom     lowest score of the high band (default 80)
 * @param lowShareBps  SP share in the low band (default 1,000 = 10 %)
 * @param midShareBps  SP share in the middle band (default 5,000 = 50 %)
 * @param highShareBps SP share in the high band (default 10,000 = 100 %)
 * @param redirect     what happens to the redirected part
 */
public record BeneficiaryPayoutRules(long midFrom, long highFrom, long lowShareBps, long midShareBps, long highShareBps,
                                     Redirect redirect) {
    public static final long BPS = 10_000;

    /** Where the part not paid to the SP goes. */
    public enum Redirect {
        /** Sent at once from the Beneficiary to its burn address (designed). */
        SEND_TO_BURN_ADDRESS,
        /** Kept in the Beneficiary contract; nothing ever sends it anywhere (deployed). */
        RETAIN_IN_CONTRACT
    }

    public BeneficiaryPayoutRules {
        if (midFrom < 0 || highFrom < midFrom)
            throw new IllegalArgumentException("bands need 0 <= midFrom <= highFrom, got midFrom=" + midFrom + " highFrom=" + highFrom);
        checkShare("lowShareBps", lowShareBps);
        checkShare("midShareBps", midShareBps);
        checkShare("highShareBps", highShareBps);
        if (redirect == null) throw new IllegalArgumentException("redirect must be given");
    }

    /** The defaults of the source: 50 / 80, 10 % / 50 % / 100 %; the redirect as the variant does it. */
    public static BeneficiaryPayoutRules defaults(Variant variant) {
        return new BeneficiaryPayoutRules(50, 80, 1_000, 5_000, 10_000,
                variant == Variant.DEPLOYED ? Redirect.RETAIN_IN_CONTRACT : Redirect.SEND_TO_BURN_ADDRESS);
    }

    /** The SP's share (basis points) at this score. */
    public long shareBps(long score) {
        if (score < midFrom) return lowShareBps;
        if (score < highFrom) return midShareBps;
        return highShareBps;
    }

    /** The part of {@code amount} not paid to the SP at this score: floor(amount × (10,000 − share) / 10,000). */
    public BigInteger redirected(BigInteger amount, long score) {
        return amount.multiply(BigInteger.valueOf(BPS - shareBps(score))).divide(BigInteger.valueOf(BPS));
    }

    private static void checkShare(String name, long bps) {
        if (bps < 0 || bps > BPS) throw new IllegalArgumentException(name + " must be in 0.." + BPS + ", got " + bps);
    }
}
