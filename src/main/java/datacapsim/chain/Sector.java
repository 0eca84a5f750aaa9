package datacapsim.chain;

import java.math.BigInteger;
import java.util.List;

/**
 * An active sector: raw size, verified bytes still counted, QA power (raw + 9 × verified, fixed except when claims
 * are dropped), activation and expiration epochs, the initial pledge it locked, its FIP-0100 daily fee and the ids
 * of the claims it holds. {@code fullQa} is FIP-0118's FULL_QA_POWER flag: the sector has 10 × raw QA power whatever
 * it holds (every sector committed after the upgrade, and a sector moved by ExtendSectorExpiration3); its verified
 * bytes are then 0, as builtin-actors records no verified space for such sectors.
 */
public record Sector(long number, long size, long verifiedBytes, long activation, long expiration,
                     BigInteger initialPledge, BigInteger dailyFee, List<Long> claimIds, boolean fullQa) {
    public Sector {
        claimIds = List.copyOf(claimIds);
    }

    /** A sector without the FULL_QA_POWER flag. */
    public Sector(long number, long size, long verifiedBytes, long activation, long expiration,
                  BigInteger initialPledge, BigInteger dailyFee, List<Long> claimIds) {
        this(number, size, verifiedBytes, activation, expiration, initialPledge, dailyFee, claimIds, false);
    }

    public long qaPower() {
        return fullQa ? Math.multiplyExact(Policy.VERIFIED_QUALITY_MULTIPLIER, size) : qaPower(size, verifiedBytes);
    }

    public static long qaPower(long size, long verifiedBytes) {
        return Math.addExact(size, Math.multiplyExact(Policy.VERIFIED_QUALITY_MULTIPLIER - 1, verifiedBytes));
    }

    Sector withExpiration(long newExpiration, long newVerified, List<Long> keptClaims) {
        return new Sector(number, size, newVerified, activation, newExpiration, initialPledge, dailyFee, keptClaims,
                fullQa);
    }
}
