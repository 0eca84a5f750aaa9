package datacapsim.contracts;

import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.Journal;
import java.util.function.Supplier;

/**
 * Base of every contract model: its own address on the chain, its name, the shared event log, and {@link #call},
 * which runs a function as a chain transaction counted as "Name.function" — a revert anywhere inside, including in
 * actors or other contracts it called, undoes everything. Contract storage uses the chain's journaled cells
 * ({@link datacapsim.chain.JMap}, {@link datacapsim.chain.JLong}, {@link datacapsim.chain.JBig}).
 */
public abstract class Contract {
    protected final Chain chain;
    protected final Address address;
    protected final String name;
    protected final EventLog events;

    protected Contract(Chain chain, String name, EventLog events) {
        this.chain = chain;
        this.name = name;
        this.events = events;
        this.address = chain.newAccount();
    }

    public Address address() { return address; }

    public String name() { return name; }

    protected Journal journal() { return chain.journal(); }

    /** Runs one contract function as a transaction named "Name.function". */
    protected <T> T call(String function, Address caller, Supplier<T> body) {
        return chain.transact(name + "." + function, caller, body);
    }

    /** Same as {@link #call} for functions without a result. */
    protected void run(String function, Address caller, Runnable body) {
        chain.transact(name + "." + function, caller, () -> {
            body.run();
            return null;
        });
    }

    protected void emit(ContractEvent e) { events.emit(address, e); }

    /**
     * Assigns a storage field so that a revert restores it: {@code assign(v -> owner = v, owner, newOwner)}.
     * (Maps and counters use the journaled {@link datacapsim.chain.JMap} and {@link datacapsim.chain.JLong} instead.)
     */
    protected <T> void assign(java.util.function.Consumer<T> setter, T current, T value) {
        journal().record(() -> setter.accept(current));
        setter.accept(value);
    }

    protected ContractError error(String error, String message, Object... args) {
        return new ContractError(name, error, message, args);
    }
}
