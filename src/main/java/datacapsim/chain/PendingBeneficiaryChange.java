package datacapsim.chain;

import java.math.BigInteger;

/** A proposed beneficiary change waiting for the nominee's and the current beneficiary's approval. */
public record PendingBeneficiaryChange(Address newBeneficiary, BigInteger newQuota, long newExpiration,
                                       boolean approvedByBeneficiary, boolean approvedByNominee) {
    PendingBeneficiaryChange approve(boolean byBeneficiary, boolean byNominee) {
        return new PendingBeneficiaryChange(newBeneficiary, newQuota, newExpiration,
                approvedByBeneficiary || byBeneficiary, approvedByNominee || byNominee);
    }
}
