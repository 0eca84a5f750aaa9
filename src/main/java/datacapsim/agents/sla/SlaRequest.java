package datacapsim.agents.sla;

import datacapsim.agents.StepView;
import datacapsim.chain.ActorError;
import datacapsim.contracts.ContractError;
import datacapsim.contracts.PaymentTransactionSigned;
import datacapsim.contracts.SLAAllocator;
import datacapsim.contracts.SlaError;
import java.util.List;

/**
 * An {@link SlaClient}'s DataCap request in flight, one kind per path: {@link Paid} (passport or no-passport: the
 * provider's owner is paid first), {@link Manual} (an attestation the allocator service reviews) and
 * {@link CallerRegistry} (the attack path naming a registry that scores anything). Each step {@link #advance}s it:
 * it waits for the allocator service, asks the SLAAllocator, and on a refusal counts it and decides what the client
 * does next (wait, retry, pay again, register the SLA again, change path or move to another provider).
 */
sealed interface SlaRequest permits SlaRequest.Paid, SlaRequest.Manual, SlaRequest.CallerRegistry {
    SlaEngagement engagement();

    SlaClient.Path path();

    /** Bytes of DataCap asked for. */
    long amount();

    /** One step of the request; it ends through {@link SlaRequests#granted} or {@link SlaRequests#done}. */
    void advance(SlaRequests desk, StepView v);

    /** A paid request (passport or no-passport path): the payment is made, its attestation asked for. */
    final class Paid implements SlaRequest {
        private final SlaEngagement engagement;
        private SlaClient.Path path;
        private long amount;
        private AllocatorService.Ticket payment;

        Paid(SlaEngagement engagement, SlaClient.Path path, long amount, AllocatorService.Ticket payment) {
            this.engagement = engagement;
            this.path = path;
            this.amount = amount;
            this.payment = payment;
        }

        @Override public SlaEngagement engagement() { return engagement; }

        @Override public SlaClient.Path path() { return path; }

        @Override public long amount() { return amount; }

        @Override
        public void advance(SlaRequests d, StepView v) {
            if (payment.pending()) return;
            if (payment.status() == AllocatorService.Status.REFUSED) {
                // the service did not attest the payment: ask again (the payment was made)
                payment = d.market.service().submitPayment(payment.transaction(), v.epoch());
                return;
            }
            if (path == SlaClient.Path.PASSPORT && !(d.passport.signed(v.epoch()) && d.windowFree(v.epoch()))) {
                if (!d.terms.openPathWhenRateLimited() && d.passport.signed(v.epoch())) return; // wait for the window
                switchToOpenPath(d);
            }
            PaymentTransactionSigned txn = payment.payment();
            SLAAllocator alloc = d.market.alloc();
            try {
                if (path == SlaClient.Path.PASSPORT)
                    alloc.requestDataCapWithPassport(d.address, engagement.provider, d.market.registry(), amount,
                            d.passport.passport(), txn);
                else
                    alloc.requestDataCapWithPayment(d.address, engagement.provider, d.market.registry(), amount, txn);
                d.granted(v, this);
            } catch (ContractError err) {
                d.counters.outcome(path, err.error());
                d.counters.refused(err);
                SlaError error = SlaError.of(err);
                switch (error) {
                    case GlobalRateLimitExceeded, InsufficientDataCap -> { } // queue: try again next step
                    case ClientRateLimitExceeded -> {
                        if (d.terms.openPathWhenRateLimited()) switchToOpenPath(d);
                    }
                    case PassportExpired, PassportScoreTooLow, PassportNotVerified, PassportSubjectMismatch -> {
                        d.passport.drop();
                        switchToOpenPath(d);
                    }
                    case PathDisabled -> {
                        d.openPathMissing = true;
                        d.done();
                    }
                    case SLAUnknown -> engagement.slaRegistered = false;
                    default -> {
                        if (error.beneficiaryProblem()) d.client.moveAway(v, engagement);
                        d.done(); // the payment is spent or unusable: the next request pays again
                    }
                }
            } catch (ActorError err) {
                d.counters.outcome(path, err.rule());
                d.counters.refused(err);
                d.done();
            }
        }

        /** From the passport path to the no-passport path, within its cap (the payment covers the larger amount). */
        private void switchToOpenPath(SlaRequests d) {
            path = SlaClient.Path.PAYMENT;
            long cap = d.market.alloc().config().noPassportCap();
            amount = Math.min(amount, cap) / d.terms.pieceSize() * d.terms.pieceSize();
        }
    }

    /** A request with a manual attestation the allocator service reviews. */
    record Manual(SlaEngagement engagement, long amount, AllocatorService.Ticket attestation) implements SlaRequest {
        @Override public SlaClient.Path path() { return SlaClient.Path.MANUAL; }

        @Override
        public void advance(SlaRequests d, StepView v) {
            if (attestation.pending()) return;
            if (attestation.status() == AllocatorService.Status.REFUSED) {
                d.counters.outcome(SlaClient.Path.MANUAL, "ReviewRejected");
                d.manual = false; // rejected: it pays like everyone else from now on
                d.done();
                return;
            }
            try {
                d.market.alloc().requestDataCapWithAttestation(d.address, d.market.registry(), attestation.manual());
                d.granted(v, this);
            } catch (ContractError err) {
                d.counters.outcome(SlaClient.Path.MANUAL, err.error());
                d.counters.refused(err);
                SlaError error = SlaError.of(err);
                switch (error) {
                    case InsufficientDataCap -> { }
                    case SLAUnknown -> engagement.slaRegistered = false;
                    default -> {
                        if (error.beneficiaryProblem()) d.client.moveAway(v, engagement);
                        d.done();
                    }
                }
            } catch (ActorError err) {
                d.counters.outcome(SlaClient.Path.MANUAL, err.rule());
                d.counters.refused(err);
                d.done();
            }
        }
    }

    /** The attack path: everything at once, naming a registry that always scores 100. */
    record CallerRegistry(SlaEngagement engagement, long amount) implements SlaRequest {
        @Override public SlaClient.Path path() { return SlaClient.Path.CALLER_REGISTRY; }

        @Override
        public void advance(SlaRequests d, StepView v) {
            try {
                d.market.alloc().requestDataCap(d.address,
                        List.of(new SLAAllocator.SlaRequest(d.market.riggedRegistry(), engagement.provider)), amount);
                d.granted(v, this);
            } catch (ContractError err) {
                d.counters.outcome(SlaClient.Path.CALLER_REGISTRY, err.error());
                d.counters.refused(err);
                d.done();
                SlaError error = SlaError.of(err);
                switch (error) {
                    // the design has no such path: the attacker behaves as an honest client from now on
                    case PathDisabled -> d.client.turnHonest();
                    case ProviderBoundToDifferentClient -> d.client.moveAway(v, engagement);
                    default -> {
                        if (error.beneficiaryProblem()) d.client.moveAway(v, engagement);
                    }
                }
            } catch (ActorError err) {
                d.counters.outcome(SlaClient.Path.CALLER_REGISTRY, err.rule());
                d.counters.refused(err);
                d.done();
            }
        }
    }
}
