package datacapsim.chain;

/**
 * A receiver hook for DataCap (the FRC-0046 token receiver). A contract that holds DataCap registers one; when it
 * throws, the whole minting or transfer call reverts. Plain accounts accept without a hook.
 */
@FunctionalInterface
public interface DataCapReceiver {
    void onDataCapReceived(Address from, Address operator, long amount);
}
