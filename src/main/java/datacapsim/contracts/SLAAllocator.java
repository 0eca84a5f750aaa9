package datacapsim.contracts;

import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.JLong;
import datacapsim.chain.JMap;
import datacapsim.chain.Miner;
import datacapsim.chain.Signature;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The SLAAllocator (seed 001; kacperzuk-neti/sla-allocator-contracts src/SLAAllocator.sol, src/RateLimited.sol): a
 * verifier in the registry. The manager mints DataCap to the SLA Client Contract; clients then request allowances there,
 * per provider, through one of the request paths. Every path first checks that the client has an SLA with the
 * provider in the SLA registry it names (the registry's {@code score} must not revert) and that the provider's
 * beneficiary is a BeneficiaryFactory instance with effectively unlimited quota (expiration is not checked), then
 * records that registry for the pair ({@link #registryFor}) and raises the client's allowance with the provider.
 *
 * <ul>
 *   <li>{@link #requestDataCapWithPassport}: amount ≤ 1 PiB; the client's passport (signed by an attestator, the
 *       client's own, unexpired) scores above 20; one passport request per client per week; a valid payment.
 *   <li>{@link #requestDataCapWithPassports}: as above for the client and also the SP's owner; the two passports share
 *       no stamps; any amount.
 *   <li>{@link #requestDataCapWithPayment} (no passport): amount ≤ 100 TiB; at most 5 such requests per day across
 *       all clients; a valid payment.
 *   <li>{@link #requestDataCapWithAttestation}: a manual attestation signed by an attestator, each id used once; the
 *       attestation names client, provider and amount, so anyone may submit it.
 *   <li>{@link #requestDataCap(Address, List, long)}: deployed only — see below.
 * </ul>
 * A valid payment: signed by an attestator, its id not used before, payer ≠ the SP's owner and (designed) paid to the
 * SP's owner with an amount covering the request at the scenario's price.
 *
 * <p>Rate limits (RateLimited.sol): the per-client window, in both variants, starts at the client's first passport
 * request after its previous window ended and ends only when MORE than {@code clientWindow} epochs have passed. The
 * global limit — designed: a sliding window (a request at epoch t counts the accepted no-passport requests at epochs
 * &gt; t − window); deployed: RateLimited's fixed window, which starts at construction, then restarts at the first
 * request made once more than one window has passed since the last restart.
 *
 * <p>Deployed differences (the public source): {@code requestDataCap(slas, amount)} with caller-chosen registries and no
 * cap, rate limit, attestation or DataCap check, where a provider is bound to its first client (every path binds it,
 * this path refuses other clients with {@code ProviderBoundToDifferentClient}); the payment is not matched to amount
 * or recipient; the no-passport payment path exists only when {@link SlaConfig#deployedPaymentPath()}; the global
 * window is fixed as above; grants are not limited by the client contract's available DataCap.
 */
public final class SLAAllocator extends AccessControlled implements SlaRegistryLookup {
    public static final String NAME = "SLAAllocator";
    public static final String ADMIN = Roles.DEFAULT_ADMIN;
    public static final String MANAGER = "MANAGER_ROLE";
    public static final String ATTESTATOR = "ATTESTATOR_ROLE";

    /** One entry of the deployed SLA-list request: the registry the caller names and the provider. */
    public record SlaRequest(SlaScorer registry, Address provider) {}

    /** A rate-limit window: when it started and how many requests it holds. */
    public record SlaWindow(long start, int count) {}

    public record DatacapAllocated(Address allocator, Address client, long amount) implements ContractEvent {}

    public record DataCapGranted(Address client, Address provider, long amount) implements ContractEvent {}

    public record SLARegistered(Address client, Address provider) implements ContractEvent {}

    public record BeneficiaryFactorySet(Address factory) implements ContractEvent {}

    public record ClientSmartContractSet(Address clientSmartContract) implements ContractEvent {}

    private final Variant variant;
    private final SlaConfig config;
    private BeneficiaryRegistry beneficiaryRegistry;
    private SLAClientContract clientContract;
    private final JMap<SlaPair, SlaScorer> slaContracts;
    /** Deployed: each provider's first client. */
    private final JMap<Address, Address> providerClients;
    private final JMap<String, Boolean> usedManualAttestations;
    private final JMap<String, Boolean> usedTransactions;
    private final JMap<Address, SlaWindow> clientWindows;
    /** Deployed global window. */
    private final JLong globalStart;
    private final JLong globalCount;
    /** Designed global window: sequence number → epoch of each accepted no-passport request still in the window. */
    private final JMap<Long, Long> globalRequests;
    private final JLong globalSeq;

    public SLAAllocator(Chain chain, EventLog events, Variant variant, SlaConfig config, Address admin, Address manager,
                        Address attestator, BeneficiaryRegistry registry, SLAClientContract clientContract) {
        super(chain, NAME, events);
        this.variant = variant;
        this.config = config;
        this.beneficiaryRegistry = registry;
        this.clientContract = clientContract;
        this.slaContracts = JMap.indexed(chain.journal());
        this.providerClients = new JMap<>(chain.journal());
        this.usedManualAttestations = new JMap<>(chain.journal());
        this.usedTransactions = new JMap<>(chain.journal());
        this.clientWindows = new JMap<>(chain.journal());
        this.globalStart = new JLong(chain.journal());
        this.globalCount = new JLong(chain.journal());
        this.globalRequests = new JMap<>(chain.journal());
        this.globalSeq = new JLong(chain.journal());
        globalStart.set(chain.epoch()); // RateLimited._initRateLimit: lastUpdate = block.timestamp at initialisation
        roles.grantUnchecked(ADMIN, admin);
        if (manager != null) roles.grantUnchecked(MANAGER, manager);
        if (attestator != null) roles.grantUnchecked(ATTESTATOR, attestator);
    }

    // ------------------------------------------------------------------ reads
    public Variant variant() { return variant; }

    public SlaConfig config() { return config; }

    public BeneficiaryRegistry beneficiaryRegistry() { return beneficiaryRegistry; }

    public SLAClientContract clientContract() { return clientContract; }

    /** slaContracts(client, provider): the registry recorded for the pair, or null. */
    @Override
    public SlaScorer registryFor(Address client, Address provider) { return slaContracts.get(new SlaPair(client, provider)); }

    public Map<SlaPair, SlaScorer> slaContracts() { return slaContracts.view(); }

    /** Deployed: providerClients(provider), the provider's first client, or null. */
    public Address providerClient(Address provider) { return providerClients.get(provider); }

    public Map<Address, Address> providerClients() { return providerClients.view(); }

    public boolean isAttestationUsed(String id) { return usedManualAttestations.containsKey(id); }

    public boolean isTransactionUsed(String id) { return usedTransactions.containsKey(id); }

    public java.util.Set<String> usedAttestations() { return usedManualAttestations.keySet(); }

    public java.util.Set<String> usedTransactions() { return usedTransactions.keySet(); }

    /** The client's current per-client window, or null before its first passport request. */
    public SlaWindow clientWindow(Address client) { return clientWindows.get(client); }

    public Map<Address, SlaWindow> clientWindows() { return clientWindows.view(); }

    /** Deployed global window (start, count); designed: (earliest epoch in the window or -1, requests in the window). */
    public SlaWindow globalWindow() {
        if (variant == Variant.DEPLOYED) return new SlaWindow(globalStart.get(), (int) globalCount.get());
        return new SlaWindow(globalRequests.isEmpty() ? -1 : globalRequests.view().firstEntry().getValue(), globalRequests.size());
    }

    /** The payment a request of {@code bytes} needs at the scenario's price (attoFIL). */
    public BigInteger priceOf(long bytes) { return config.priceOf(bytes); }

    // ------------------------------------------------------------------ manager
    /**
     * mintDataCap(amount), manager: amount > 0; the registry mints the amount to the SLA Client Contract from this
     * verifier's allowance. A refusal by the registry reverts as {@code ExitCodeError(exit code)}.
     */
    public void mintDataCap(Address caller, long amount) {
        run("mintDataCap", caller, () -> {
            roles.require(MANAGER, caller);
            if (amount <= 0) throw error("AmountEqualZero", "amount must be > 0, got " + amount);
            if (clientContract == null) throw error("ClientSmartContractNotSet", "no client smart contract to mint to");
            emit(new DatacapAllocated(caller, clientContract.address(), amount));
            try {
                chain.verifreg().addVerifiedClient(address, clientContract.address(), amount);
            } catch (ActorError e) {
                throw error("ExitCodeError", e.rule() + ": " + e.getMessage(), e.exitCode().code());
            }
        });
    }

    // ------------------------------------------------------------------ request paths
    /** Passport path, amount ≤ passport cap: see the class comment. */
    public void requestDataCapWithPassport(Address caller, Address provider, SlaScorer registry, long amount,
                                           PassportSigned clientPassport, PaymentTransactionSigned payment) {
        run("requestDataCapWithPassport", caller, () -> {
            Address client = caller;
            Miner m = commonChecks(client, provider, registry, amount);
            if (amount > config.passportCap())
                throw error("AmountExceedsPassportLimit", amount + " bytes is above the single-passport cap " + config.passportCap(),
                        amount, config.passportCap());
            checkPassport(clientPassport, client, "client");
            checkClientRate(client);
            checkPayment(payment, m, amount);
            grant(client, provider, registry, amount);
        });
    }

    /** Passport path with the client's and the SP's passports (for requests above the single-passport cap). */
    public void requestDataCapWithPassports(Address caller, Address provider, SlaScorer registry, long amount,
                                            PassportSigned clientPassport, PassportSigned spPassport,
                                            PaymentTransactionSigned payment) {
        run("requestDataCapWithPassports", caller, () -> {
            Address client = caller;
            Miner m = commonChecks(client, provider, registry, amount);
            checkPassport(clientPassport, client, "client");
            checkPassport(spPassport, m.owner(), "provider");
            TreeSet<String> shared = new TreeSet<>(clientPassport.passport().stamps());
            shared.retainAll(spPassport.passport().stamps());
            if (!shared.isEmpty())
                throw error("PassportStampsShared", "the client's and the SP's passports share stamps " + shared, List.copyOf(shared));
            checkClientRate(client);
            checkPayment(payment, m, amount);
            grant(client, provider, registry, amount);
        });
    }

    /** No-passport path: amount ≤ 100 TiB, global rate limit, a valid payment. */
    public void requestDataCapWithPayment(Address caller, Address provider, SlaScorer registry, long amount,
                                          PaymentTransactionSigned payment) {
        run("requestDataCapWithPayment", caller, () -> {
            if (variant == Variant.DEPLOYED && !config.deployedPaymentPath())
                throw error("PathDisabled", "the no-passport payment path is not deployed", "requestDataCapWithPayment");
            Address client = caller;
            Miner m = commonChecks(client, provider, registry, amount);
            if (amount > config.noPassportCap())
                throw error("AmountExceedsNonPassportLimit", amount + " bytes is above the no-passport cap " + config.noPassportCap(),
                        amount, config.noPassportCap());
            checkGlobalRate();
            checkPayment(payment, m, amount);
            grant(client, provider, registry, amount);
        });
    }

    /** Manual attestation path: anyone submits an attestation signed by an attestator; each id is used once. */
    public void requestDataCapWithAttestation(Address caller, SlaScorer registry, ManualAttestationSigned signed) {
        run("requestDataCapWithAttestation", caller, () -> {
            ManualAttestation a = signed.attestation();
            commonChecks(a.client(), a.provider(), registry, a.amount());
            if (usedManualAttestations.containsKey(a.attestationId()))
                throw error("AttestationAlreadyUsed", "manual attestation " + a.attestationId() + " was used before", a.attestationId());
            if (!signedByAttestator(signed.signature(), a.message(address)))
                throw error("AttestationNotVerified", "manual attestation " + a.attestationId() + " is not signed by an attestator");
            usedManualAttestations.put(a.attestationId(), Boolean.TRUE);
            grant(a.client(), a.provider(), registry, a.amount());
        });
    }

    /**
     * requestDataCap(slas, amount), deployed only (SLAAllocator.sol): for each (registry, provider) the caller names,
     * the registry's score must not revert and the beneficiary checks pass; the registry is recorded for the pair
     * (overwriting); the provider is bound to its first client and refuses others; the caller's allowance with the
     * provider rises by {@code amount} (so the call grants amount × providers). No cap, rate limit, attestation or
     * DataCap check. Designed: refused with {@code PathDisabled}.
     */
    public void requestDataCap(Address caller, List<SlaRequest> slas, long amount) {
        run("requestDataCap", caller, () -> {
            if (variant == Variant.DESIGNED)
                throw error("PathDisabled", "the design has no request path without attestation", "requestDataCap");
            Address client = caller;
            for (SlaRequest s : slas) {
                requireRegistry(s.registry());
                s.registry().score(client, s.provider());
                SlaBeneficiaryCheck.check(this, chain, beneficiaryRegistry, s.provider(), config.minBeneficiaryQuota());
                SlaPair k = new SlaPair(client, s.provider());
                slaContracts.put(k, s.registry());
                Address bound = providerClients.get(s.provider());
                if (bound == null) {
                    providerClients.put(s.provider(), client);
                    emit(new SLARegistered(client, s.provider()));
                } else if (!bound.equals(client)) {
                    throw error("ProviderBoundToDifferentClient", s.provider() + " is bound to " + bound + ", not " + client,
                            s.provider(), bound, client);
                }
                clientContract.increaseAllowance(address, client, s.provider(), amount);
            }
        });
    }

    // ------------------------------------------------------------------ admin
    /** setBeneficiaryFactory(registry), admin. */
    public void setBeneficiaryRegistry(Address caller, BeneficiaryRegistry registry) {
        run("setBeneficiaryRegistry", caller, () -> {
            roles.require(ADMIN, caller);
            assign(v -> beneficiaryRegistry = v, beneficiaryRegistry, registry);
            emit(new BeneficiaryFactorySet(registry == null ? null : registry.address()));
        });
    }

    /** setClientSmartContract(contract), admin. */
    public void setClientSmartContract(Address caller, SLAClientContract contract) {
        run("setClientSmartContract", caller, () -> {
            roles.require(ADMIN, caller);
            assign(v -> clientContract = v, clientContract, contract);
            emit(new ClientSmartContractSet(contract == null ? null : contract.address()));
        });
    }

    // ------------------------------------------------------------------ internals
    /** amount > 0; the SLA exists in the named registry (its score does not revert); the beneficiary checks. */
    private Miner commonChecks(Address client, Address provider, SlaScorer registry, long amount) {
        if (amount <= 0) throw error("AmountEqualZero", "amount must be > 0, got " + amount);
        requireRegistry(registry);
        registry.score(client, provider);
        return SlaBeneficiaryCheck.check(this, chain, beneficiaryRegistry, provider, config.minBeneficiaryQuota());
    }

    private void requireRegistry(SlaScorer registry) {
        if (registry == null) throw error("SLANotRegistered", "no SLA registry named");
    }

    private boolean signedByAttestator(Signature sig, String message) {
        return sig != null && roles.has(ATTESTATOR, sig.signer()) && sig.verifies(sig.signer(), message);
    }

    private void checkPassport(PassportSigned signed, Address expectedSubject, String whose) {
        Passport p = signed.passport();
        if (!signedByAttestator(signed.signature(), p.message(address)))
            throw error("PassportNotVerified", "the " + whose + " passport is not signed by an attestator", whose);
        if (!p.subject().equals(expectedSubject))
            throw error("PassportSubjectMismatch", "the " + whose + " passport belongs to " + p.subject() + ", not " + expectedSubject,
                    p.subject(), expectedSubject);
        long now = chain.epoch();
        if (now >= p.expiration())
            throw error("PassportExpired", "the " + whose + " passport expired at epoch " + p.expiration() + ", now " + now,
                    p.expiration(), now);
        if (p.score() <= config.passportScoreThreshold())
            throw error("PassportScoreTooLow", "the " + whose + " passport scores " + p.score() + ", not above "
                    + config.passportScoreThreshold(), p.score(), config.passportScoreThreshold());
    }

    /** A valid payment: unused id, attestator's signature, payer ≠ SP owner; designed also recipient and amount. */
    private void checkPayment(PaymentTransactionSigned signed, Miner provider, long amount) {
        PaymentTransaction t = signed.txn();
        if (usedTransactions.containsKey(t.id()))
            throw error("PaymentTxnAlreadyUsed", "payment transaction " + t.id() + " was used before", t.id());
        if (!signedByAttestator(signed.signature(), t.message(address)))
            throw error("PaymentTxnNotVerified", "payment transaction " + t.id() + " is not signed by an attestator");
        if (t.from().equals(provider.owner()))
            throw error("TxPayerSameAsSPOwner", "payer " + t.from() + " owns the provider " + provider.address(), t.from());
        if (variant == Variant.DESIGNED) {
            if (!t.to().equals(provider.owner()))
                throw error("PaymentRecipientMismatch", "payment went to " + t.to() + ", not to the SP owner " + provider.owner(),
                        t.to(), provider.owner());
            BigInteger required = config.priceOf(amount);
            if (t.amount().compareTo(required) < 0)
                throw error("PaymentAmountMismatch", "payment of " + t.amount() + " attoFIL does not cover " + amount
                        + " bytes at the price (" + required + " attoFIL)", t.amount(), required);
        }
        usedTransactions.put(t.id(), Boolean.TRUE);
    }

    /** RateLimited._checkRateLimit for the client's window (both variants). */
    private void checkClientRate(Address client) {
        long now = chain.epoch();
        SlaWindow w = clientWindows.get(client);
        if (w == null || now - w.start() > config.clientWindow()) w = new SlaWindow(now, 0);
        if (w.count() >= config.clientLimit())
            throw error("ClientRateLimitExceeded", client + " made " + w.count() + " passport request(s) in the window from "
                    + w.start(), client, w.start() + config.clientWindow());
        clientWindows.put(client, new SlaWindow(w.start(), w.count() + 1));
    }

    private void checkGlobalRate() {
        long now = chain.epoch();
        if (variant == Variant.DEPLOYED) {
            if (now - globalStart.get() > config.globalWindow()) {
                globalStart.set(now);
                globalCount.set(0);
            }
            if (globalCount.get() >= config.globalLimit())
                throw error("GlobalRateLimitExceeded", globalCount.get() + " no-passport requests in the window from "
                        + globalStart.get(), globalStart.get() + config.globalWindow());
            globalCount.add(1);
            return;
        }
        for (Map.Entry<Long, Long> e : new ArrayList<>(globalRequests.entrySet()))
            if (e.getValue() <= now - config.globalWindow()) globalRequests.remove(e.getKey());
        if (globalRequests.size() >= config.globalLimit()) {
            long oldest = globalRequests.view().firstEntry().getValue();
            throw error("GlobalRateLimitExceeded", globalRequests.size() + " no-passport requests in the last "
                    + config.globalWindow() + " epochs", oldest + config.globalWindow());
        }
        long seq = globalSeq.get();
        globalSeq.set(seq + 1);
        globalRequests.put(seq, now);
    }

    /** Records the registry for the pair, binds the provider (deployed), checks DataCap (designed), raises the allowance. */
    private void grant(Address client, Address provider, SlaScorer registry, long amount) {
        if (clientContract == null) throw error("ClientSmartContractNotSet", "no client smart contract to grant on");
        if (variant == Variant.DESIGNED) {
            long available = clientContract.availableDataCap();
            if (available < amount)
                throw error("InsufficientDataCap", "the client contract has " + available + " bytes of DataCap not yet granted, asked "
                        + amount, available, amount);
        }
        SlaPair k = new SlaPair(client, provider);
        boolean isNew = !slaContracts.containsKey(k);
        slaContracts.put(k, registry);
        if (variant == Variant.DEPLOYED) {
            if (!providerClients.containsKey(provider)) {
                providerClients.put(provider, client);
                emit(new SLARegistered(client, provider));
            }
        } else if (isNew) {
            emit(new SLARegistered(client, provider));
        }
        clientContract.increaseAllowance(address, client, provider, amount);
        emit(new DataCapGranted(client, provider, amount));
    }
}
