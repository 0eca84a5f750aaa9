package datacapsim.chain;

import java.math.BigInteger;

/** A hook a contract registers to react when a miner pays FIL to it (e.g. a Beneficiary contract). */
@FunctionalInterface
public interface FilReceiver {
    void onFilReceived(Address from, BigInteger amount);
}
