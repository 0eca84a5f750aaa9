package datacapsim.chain;

import java.math.BigInteger;
import java.util.List;

/**
 * An active sector: raw size, verified bytes still counted, QA power (raw + 9 × verified, fixed except when claims
 * are dropped), activation and expiration epochs, the initial pledge it locked, its FIP-0100 daily fee and the ids
 * of the claims it holds.
 */
public record Sector(long number, long size, long verifiedBytes, long activation, long expiration,
                     BigInteger initialPledge, BigInteger dailyFee, List<Long> claimIds) {
    public Sector {
        claimIds = List.copyOf(claimIds);
    }

    public long qaPower() { return qaPower(size, verifiedBytes); }

    public static long qaPower(long size, long verifiedBytes) {
        return Math.addExact(size, Math.multiplyExact(Policy.VERIFIED_QUALITY_MULTIPLIER - 1, verifiedBytes));
    }

    Sector withExpiration(long newExpiration, long newVerified, List<Long> keptClaims) {
        return new Sector(number, size, newVerified, activation, newExpiration, initialPledge, dailyFee, keptClaims);
    }
}
