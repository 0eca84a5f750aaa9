package datacapsim.contracts;

import java.util.HashMap;
import java.util.Map;

/**
 * The named (Solidity custom) errors the contracts of the sla-allocator design revert with — {@link SLAAllocator},
 * {@link SLARegistry}, {@link SLAClientContract} and the beneficiary checks ({@link SlaBeneficiaryCheck}) — spelled
 * as the contracts spell them, so that a caller can tell a {@link ContractError} apart by type instead of by string.
 * Any other error name reads as {@link #OTHER}.
 */
public enum SlaError {
    // SLAAllocator
    AmountEqualZero, AmountExceedsNonPassportLimit, AmountExceedsPassportLimit, AttestationAlreadyUsed,
    AttestationNotVerified, ClientRateLimitExceeded, ClientSmartContractNotSet, ExitCodeError, GlobalRateLimitExceeded,
    InsufficientDataCap, PassportExpired, PassportNotVerified, PassportScoreTooLow, PassportStampsShared,
    PassportSubjectMismatch, PathDisabled, PaymentAmountMismatch, PaymentRecipientMismatch, PaymentTxnAlreadyUsed,
    PaymentTxnNotVerified, ProviderBoundToDifferentClient, SLANotRegistered, TxPayerSameAsSPOwner,
    // SLARegistry
    Panic, SLAAlreadyRegistered, SLAUnknown, UnauthorizedCaller,
    // SLAClientContract
    AlreadyZero, AmountEqualsZero, ExpirationBelowFiveYears, GetClaimsCallFailed, InsufficientAllowance,
    InsufficientBeneficiaryExpiration, TransferFailed,
    // beneficiary checks
    BeneficiaryInstanceNonexistent, InvalidBeneficiary, QuotaNotUnlimited,
    /** An error name none of the above. */
    OTHER;

    private static final Map<String, SlaError> BY_NAME = new HashMap<>();

    static {
        for (SlaError e : values()) if (e != OTHER) BY_NAME.put(e.name(), e);
    }

    /** The error a revert names ({@link #OTHER} for a name outside this set). */
    public static SlaError of(ContractError err) { return BY_NAME.getOrDefault(err.error(), OTHER); }

    /** Whether the error refuses the provider's beneficiary or its terms (quota, expiration). */
    public boolean beneficiaryProblem() {
        return switch (this) {
            case InvalidBeneficiary, BeneficiaryInstanceNonexistent, QuotaNotUnlimited,
                    InsufficientBeneficiaryExpiration, ExpirationBelowFiveYears -> true;
            default -> false;
        };
    }
}
