package datacapsim.contracts;

import datacapsim.chain.ActorError;
import datacapsim.chain.ExitCode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A contract revert with a named (Solidity custom) error and its arguments, e.g.
 * {@code UnfairDistribution(max, value)}. Its rule is "Contract.ErrorName", so refusals are counted by contract,
 * function (the call's method) and error.
 */
public final class ContractError extends ActorError {
    private final String contract;
    private final String error;
    private final List<Object> args;

    public ContractError(String contract, String error, String message, Object... args) {
        super(ExitCode.EVM_CONTRACT_REVERTED, contract + "." + error,
                error + "(" + List.of(args).stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")"
                        + (message == null || message.isEmpty() ? "" : ": " + message));
        this.contract = contract;
        this.error = error;
        this.args = List.of(args);
    }

    public String contract() { return contract; }

    /** The error's name, e.g. "InsufficientAllowance". */
    public String error() { return error; }

    public List<Object> args() { return args; }
}
