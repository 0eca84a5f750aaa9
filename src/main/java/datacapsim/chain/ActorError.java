package datacapsim.chain;

/**
 * A refused call. {@link #rule()} is a stable, machine-readable name of the rule that refused it (used to count
 * reverts by reason); {@link #exitCode()} is the on-chain exit code; the message says what was wrong.
 */
public class ActorError extends RuntimeException {
    private final ExitCode exitCode;
    private final String rule;

    public ActorError(ExitCode exitCode, String rule, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.rule = rule;
    }

    public ExitCode exitCode() { return exitCode; }

    public String rule() { return rule; }

    @Override
    public String toString() {
        return rule + " (exit " + exitCode.code() + " " + exitCode + "): " + getMessage();
    }

    public static ActorError illegalArgument(String rule, String message) {
        return new ActorError(ExitCode.USR_ILLEGAL_ARGUMENT, rule, message);
    }

    public static ActorError notFound(String rule, String message) {
        return new ActorError(ExitCode.USR_NOT_FOUND, rule, message);
    }

    public static ActorError forbidden(String rule, String message) {
        return new ActorError(ExitCode.USR_FORBIDDEN, rule, message);
    }

    public static ActorError insufficientFunds(String rule, String message) {
        return new ActorError(ExitCode.USR_INSUFFICIENT_FUNDS, rule, message);
    }

    public static ActorError illegalState(String rule, String message) {
        return new ActorError(ExitCode.USR_ILLEGAL_STATE, rule, message);
    }
}
