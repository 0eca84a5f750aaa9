package datacapsim.chain;

import java.math.BigInteger;

/** The beneficiary's term (FIP-0029): quota, used quota, expiration. Available is zero once expired or used up. */
public record BeneficiaryTerm(BigInteger quota, BigInteger usedQuota, long expiration) {
    public static final BeneficiaryTerm OWNER = new BeneficiaryTerm(BigInteger.ZERO, BigInteger.ZERO, 0);

    public BigInteger available(long now) {
        if (expiration <= now) return BigInteger.ZERO;
        BigInteger left = quota.subtract(usedQuota);
        return left.signum() > 0 ? left : BigInteger.ZERO;
    }
}
