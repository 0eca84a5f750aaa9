package datacapsim.chain;

/** The FVM exit codes an actor call can fail with (fvm_shared::error::ExitCode). */
public enum ExitCode {
    USR_ILLEGAL_ARGUMENT(16),
    USR_NOT_FOUND(17),
    USR_FORBIDDEN(18),
    USR_INSUFFICIENT_FUNDS(19),
    USR_ILLEGAL_STATE(20),
    USR_UNHANDLED_MESSAGE(22),
    USR_ASSERTION_FAILED(24),
    /** An FEVM contract reverted (the EVM actor's exit code for a revert). */
    EVM_CONTRACT_REVERTED(33);

    private final int code;

    ExitCode(int code) { this.code = code; }

    public int code() { return code; }
}
