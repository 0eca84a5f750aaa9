package datacapsim.agents.sla;

import datacapsim.chain.Address;
import datacapsim.chain.Policy;
import datacapsim.contracts.PassportSigned;
import java.util.List;

/**
 * An {@link SlaClient}'s passport: whether it holds one at all and its score, and the signed passport it keeps. It
 * asks the allocator service for a signature at the start and on expiry; after a refusal it retries a week later, and
 * after two refusals in a row it gives up.
 */
final class SlaPassport {
    private final Address holder;
    private final boolean held;
    private final long score;
    private final List<String> stamps;
    private PassportSigned signed;
    private long expiry = -1;
    private AllocatorService.Ticket ticket;
    private int refusals;
    private long retryEpoch;
    private boolean givenUp;

    SlaPassport(Address holder, boolean held, long score) {
        this.holder = holder;
        this.held = held;
        this.score = score;
        this.stamps = List.of("stamp:" + holder + ":github", "stamp:" + holder + ":ens", "stamp:" + holder + ":gov");
    }

    boolean held() { return held; }

    long score() { return score; }

    /** Whether it holds a signed, unexpired passport at {@code now}. */
    boolean signed(long now) { return signed != null && now < expiry; }

    /** The signed passport (null when none, or dropped after a refusal). */
    PassportSigned passport() { return signed; }

    /** Forgets the signed passport (the SLAAllocator refused it); it asks again once the retry epoch has come. */
    void drop() { signed = null; }

    /** Whether it is still waiting for the answer to its first passport request. */
    boolean awaitingFirst() { return held && ticket != null && refusals == 0 && expiry < 0; }

    /** The step's upkeep: takes the service's answer, or asks for a signature valid {@code validity} epochs. */
    void keep(AllocatorService service, long validity, long now) {
        if (!held || givenUp) return;
        if (ticket != null) {
            if (ticket.pending()) return;
            if (ticket.status() == AllocatorService.Status.SIGNED) {
                signed = ticket.passport();
                expiry = signed.passport().expiration();
                refusals = 0;
            } else {
                refusals++;
                if (refusals >= 2) givenUp = true;
                retryEpoch = now + 7 * Policy.EPOCHS_IN_DAY;
            }
            ticket = null;
            return;
        }
        if (signed(now) || now < retryEpoch) return;
        signed = null;
        ticket = service.submitPassport(holder, score, stamps, now + validity, now);
    }
}
