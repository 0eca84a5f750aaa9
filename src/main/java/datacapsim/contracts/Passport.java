package datacapsim.contracts;

import datacapsim.chain.Address;
import java.util.List;
import java.util.Objects;

/**
 * A Gitcoin Passport as the allocator service attests it: whose it is, until when it holds (epoch; it is expired from
 * that epoch on), its score, and its stamps (identifiers of the credentials behind the score). The source's struct has
 * no stamps; the design needs them to check that a client and an SP do not share credentials.
 */
public record Passport(Address subject, long expiration, long score, List<String> stamps) {
    public Passport {
        Objects.requireNonNull(subject, "subject");
        if (score < 0) throw new IllegalArgumentException("score must be >= 0, got " + score);
        stamps = List.copyOf(stamps);
    }

    /** The typed message the attestator signs, bound to the verifying contract (as EIP-712's domain does). */
    public String message(Address verifyingContract) {
        return "SLAAllocator@" + verifyingContract + "/Passport(expiration=" + expiration + ",subject=" + subject
                + ",score=" + score + ",stamps=" + stamps + ")";
    }
}
