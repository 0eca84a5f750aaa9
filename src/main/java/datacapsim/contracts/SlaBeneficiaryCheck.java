package datacapsim.contracts;

import datacapsim.chain.Address;
import datacapsim.chain.BeneficiaryTerm;
import datacapsim.chain.Chain;
import datacapsim.chain.ExitCode;
import datacapsim.chain.Miner;
import java.math.BigInteger;

/**
 * The beneficiary checks the SLAAllocator and the SLA Client Contract share (source: MinerUtils.getBeneficiaryWithChecks,
 * address and quota parts): the provider is a miner, its active beneficiary is the BeneficiaryFactory's instance for it,
 * and the beneficiary's remaining quota (quota − used quota) is at least the "effectively unlimited" minimum. The
 * expiration rule differs by contract and variant and is left to the caller.
 */
final class SlaBeneficiaryCheck {
    private SlaBeneficiaryCheck() {}

    /** Runs the checks inside {@code contract}'s current function; returns the provider's miner. */
    static Miner check(Contract contract, Chain chain, BeneficiaryRegistry registry, Address provider, BigInteger minQuota) {
        Miner m = chain.miner(provider);
        if (m == null)
            throw contract.error("ExitCodeError", "GetBeneficiary failed: " + provider + " is not a miner",
                    ExitCode.USR_NOT_FOUND.code());
        Address beneficiary = m.beneficiary();
        Address expected = registry == null ? null : registry.instanceFor(provider);
        // the provider's own instance, as MinerUtils.getBeneficiaryWithChecks requires (instances(provider) == beneficiary):
        // another provider's instance would let one Beneficiary pay out for miners it does not score
        if (registry == null || !beneficiary.equals(expected)) {
            if (expected == null)
                throw contract.error("BeneficiaryInstanceNonexistent",
                        "the beneficiary factory has no instance for " + provider + " and its beneficiary " + beneficiary
                                + " is not an instance", provider);
            throw contract.error("InvalidBeneficiary",
                    "beneficiary " + beneficiary + " of " + provider + " is not a beneficiary factory instance", beneficiary, expected);
        }
        BeneficiaryTerm t = m.beneficiaryTerm();
        BigInteger remaining = t.quota().subtract(t.usedQuota());
        if (remaining.compareTo(minQuota) < 0)
            throw contract.error("QuotaNotUnlimited",
                    "beneficiary quota left " + remaining + " attoFIL is below the required " + minQuota, remaining, minQuota);
        return m;
    }
}
