package datacapsim.chain;

import java.math.BigInteger;
import java.util.Map;

/**
 * FIL balances of the accounts and contracts that are not miners (miners keep their own balance). Every change is
 * journaled. FIL enters only through {@link #endow} (funds given at genesis, counted) and leaves to the burn actor.
 */
public final class FilLedger {
    private final JMap<Address, BigInteger> balances;
    private BigInteger endowed = BigInteger.ZERO;

    FilLedger(Journal journal) { this.balances = JMap.indexed(journal); }

    public BigInteger balance(Address a) { return balances.getOrDefault(a, BigInteger.ZERO); }

    /** Gives an account FIL at set-up (outside any transaction); counted in {@link #endowed()}. */
    public void endow(Address to, BigInteger amount) {
        if (amount.signum() < 0) throw new IllegalArgumentException("endowment must be >= 0: " + amount);
        balances.put(to, balance(to).add(amount));
        endowed = endowed.add(amount);
    }

    public BigInteger endowed() { return endowed; }

    void credit(Address to, BigInteger amount) {
        if (amount.signum() < 0) throw new IllegalArgumentException("negative credit " + amount);
        if (amount.signum() == 0) return;
        balances.put(to, balance(to).add(amount));
    }

    void debit(Address from, BigInteger amount, String rule) {
        if (amount.signum() < 0) throw new IllegalArgumentException("negative debit " + amount);
        BigInteger b = balance(from);
        if (b.compareTo(amount) < 0)
            throw ActorError.insufficientFunds(rule, from + " has " + Fil.toFilString(b) + " FIL, needs "
                    + Fil.toFilString(amount));
        if (amount.signum() == 0) return;
        balances.put(from, b.subtract(amount));
    }

    /** Moves FIL between two ledger accounts; refused when the sender lacks it. */
    public void transfer(Address from, Address to, BigInteger amount) {
        debit(from, amount, "fil.insufficient_balance");
        credit(to, amount);
    }

    public Map<Address, BigInteger> view() { return balances.view(); }
}
