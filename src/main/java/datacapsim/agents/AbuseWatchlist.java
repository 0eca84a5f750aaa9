package datacapsim.agents;

import datacapsim.chain.Address;
import java.util.List;

/**
 * Governance's list of identified abusers as an allocator's {@link DueDiligence} sees it: who is identified and in
 * what order, the profile of an abusive applicant, and where an allocator reports a catch. Kept by the abuse desk's
 * ledger (in the abuse sub-package).
 */
public interface AbuseWatchlist {
    boolean isIdentified(Address client);

    /** Identified clients in the order they were identified (grows only). */
    List<Address> identifiedOrder();

    /** The profile of the abusive client at an address, or null (ground truth). */
    AbuseProfile profileOf(Address client);

    /** An allocator caught an application (its client is identified for everyone when catches are shared). */
    void caught(Address client, Allocator by, long epoch);
}
