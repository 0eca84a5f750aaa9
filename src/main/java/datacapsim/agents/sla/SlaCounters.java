package datacapsim.agents.sla;

import datacapsim.chain.ActorError;
import java.math.BigInteger;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an {@link SlaClient} counts about itself, for metrics and tests: DataCap requests by path and outcome, refused
 * calls by rule, the bytes granted, allocated, claimed, expired and left unplaced, the FIL it paid, and the epochs of
 * its first grant, allocation and claim and of being done. Only written by the client's own steps.
 */
final class SlaCounters {
    private final Map<String, Long> requests = new TreeMap<>();
    private final Map<String, Long> refusals = new TreeMap<>();
    private long grantedBytes;
    private long allocatedBytes;
    private long claimedBytes;
    private long expiredBytes;
    private long unplacedBytes;
    private BigInteger paid = BigInteger.ZERO;
    private long firstGrantEpoch = -1;
    private long firstAllocationEpoch = -1;
    private long firstClaimEpoch = -1;
    private long doneEpoch = -1;

    /** A DataCap request on {@code path} ended with {@code outcome} ("ok" or the error's name). */
    void outcome(SlaClient.Path path, String outcome) { requests.merge(path.label() + ":" + outcome, 1L, Long::sum); }

    void refused(ActorError e) { refusals.merge(e.rule(), 1L, Long::sum); }

    void granted(long bytes, long epoch) {
        grantedBytes += bytes;
        if (firstGrantEpoch < 0) firstGrantEpoch = epoch;
    }

    void allocated(long bytes, long epoch) {
        allocatedBytes += bytes;
        if (firstAllocationEpoch < 0) firstAllocationEpoch = epoch;
    }

    void claimed(long bytes, long epoch) {
        claimedBytes += bytes;
        if (firstClaimEpoch < 0) firstClaimEpoch = epoch;
    }

    void expired(long bytes) { expiredBytes += bytes; }

    void unplaced(long bytes) { unplacedBytes += bytes; }

    void paid(BigInteger amount) { paid = paid.add(amount); }

    /** Marks the client done at {@code epoch}, unless it already was. */
    void done(long epoch) {
        if (doneEpoch < 0) doneEpoch = epoch;
    }

    Map<String, Long> requests() { return Collections.unmodifiableMap(requests); }

    Map<String, Long> refusals() { return Collections.unmodifiableMap(refusals); }

    long grantedBytes() { return grantedBytes; }

    long allocatedBytes() { return allocatedBytes; }

    long claimedBytes() { return claimedBytes; }

    long expiredBytes() { return expiredBytes; }

    long unplacedBytes() { return unplacedBytes; }

    BigInteger paid() { return paid; }

    long firstGrantEpoch() { return firstGrantEpoch; }

    long firstAllocationEpoch() { return firstAllocationEpoch; }

    long firstClaimEpoch() { return firstClaimEpoch; }

    long doneEpoch() { return doneEpoch; }
}
