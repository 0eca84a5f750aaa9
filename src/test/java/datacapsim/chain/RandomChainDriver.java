package datacapsim.chain;

import static datacapsim.chain.Policy.*;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Drives a chain with random sequences of calls (valid and invalid) and checks the conservation invariants after
 * every call, and that a refused call changes nothing. Every random choice of one step comes from a
 * {@link SplittableRandom} seeded by that step's seed, so a sequence of (kind, seed) steps is fully deterministic and
 * can be shrunk by dropping steps.
 *
 * <p>Only {@link ActorError} is caught: any other exception escapes and fails the test.
 */
final class RandomChainDriver {
    static final long DAY = EPOCHS_IN_DAY;
    static final BigInteger FIL = Fil.ATTO_PER_FIL;

    /** The kinds of step, with their relative weights. */
    enum Kind {
        ADD_VERIFIER(4), REMOVE_VERIFIER(2), ADD_CLIENT(8), ALLOCATE(14), ALLOCATE_FROM(3), ALLOWANCE(2),
        PROVE_COMMIT(14), CLAIM_DIRECT(2), EXTEND_SECTOR(5), TERMINATE(3), WITHDRAW(5), CHANGE_BENEFICIARY(6),
        REMOVE_EXPIRED_ALLOCATIONS(4), REMOVE_EXPIRED_CLAIMS(3), EXTEND_CLAIM_TERMS(3), EXTEND_CLAIM_PAID(3),
        REMOVE_DATACAP(4), ADVANCE(7), DRAIN_DAYS(1), DEPOSIT(2), SEND(1), EXTEND3(3),
        // storage market calls: drawn only in the market regimes' sequences (weight 0 elsewhere)
        MARKET_ADD_BALANCE(0, 6), MARKET_WITHDRAW(0, 3), MARKET_PUBLISH(0, 14), MARKET_COMMIT(0, 14),
        // a run of identical sectors in one epoch: drawn only by the batched-vs-single sequences (SectorBatchPropertyTest)
        COMMIT_RUN(0, 0);

        final int weight;
        /** The weight in the sequences of the market regimes (v1, v1-topup, fip45-market). */
        final int marketWeight;

        Kind(int weight) { this(weight, weight); }

        Kind(int weight, int marketWeight) {
            this.weight = weight;
            this.marketWeight = marketWeight;
        }

        int weight(boolean market) { return market ? marketWeight : weight; }

        static Kind draw(SplittableRandom r) { return draw(r, false); }

        static Kind draw(SplittableRandom r, boolean market) {
            int total = 0;
            for (Kind k : values()) total += k.weight(market);
            int x = r.nextInt(total);
            for (Kind k : values()) {
                if (x < k.weight(market)) return k;
                x -= k.weight(market);
            }
            throw new AssertionError();
        }
    }

    /** One step: what to do, and the seed of all its random choices. */
    record Step(Kind kind, long seed) {
        @Override
        public String toString() { return kind + "#" + seed; }
    }

    /** Set-up: how many of each role, whether miner 0 is onboarded past the 10 TiB consensus minimum. */
    record Setup(int verifiers, int clients, int miners, boolean bigMiner) {}

    final Chain c;
    final Address root;
    final List<Address> verifierPool = new ArrayList<>();
    final List<Address> clients = new ArrayList<>();
    final List<Miner> miners = new ArrayList<>();
    final List<Address> extras = new ArrayList<>(); // beneficiaries and strangers
    final List<Address> everyone = new ArrayList<>();
    /** Addresses with receiver hooks that move funds on receipt: exact balance-effect checks skip them. */
    final Set<Address> hooked = new HashSet<>();
    private final List<String> trace = new ArrayList<>();
    private long dataCounter = 1;

    /** Notable states reached (for the coverage summary). */
    final java.util.TreeMap<String, Long> events = new java.util.TreeMap<>();
    long calls;
    long refused;
    long cronSteps;

    RandomChainDriver(Chain chain, Setup setup) {
        this.c = chain;
        this.root = c.rootKey();
        everyone.add(root);
        for (int i = 0; i < setup.verifiers(); i++) verifierPool.add(c.newAccount());
        for (int i = 0; i < setup.clients(); i++) clients.add(c.newAccount());
        for (int i = 0; i < 3; i++) extras.add(c.newAccount());
        everyone.addAll(verifierPool);
        everyone.addAll(clients);
        everyone.addAll(extras);
        for (Address a : clients) c.fil().endow(a, Fil.fil(50));
        installHooks();
        for (Address a : extras) c.fil().endow(a, Fil.fil(10));
        checkInvariants("endowments");
        for (int i = 0; i < setup.miners(); i++) {
            Address owner = c.newAccount();
            Address worker = c.newAccount();
            c.fil().endow(owner, Fil.fil(5_000));
            c.fil().endow(worker, Fil.fil(200));
            long size = (i == 0 && setup.bigMiner()) || i == 2 ? SECTOR_SIZE_64GIB : SECTOR_SIZE_32GIB;
            Miner m = call("createMiner(" + owner + ", " + worker + ", " + size + ")", () -> c.createMiner(owner, worker, size));
            if (m == null) throw new AssertionError("createMiner refused");
            miners.add(m);
            everyone.add(owner);
            everyone.add(worker);
            everyone.add(m.address());
        }
        for (Miner m : miners) {
            call("deposit(" + m.address() + ", 300 FIL)", () -> { m.deposit(m.owner(), Fil.fil(300)); return null; });
        }
        // an invalid miner (bad sector size) is refused
        Address o = extras.get(0);
        call("createMiner(bad size)", () -> c.createMiner(o, o, 16 * GiB));
        // bootstrap: verifiers get allowance, clients get DataCap
        for (Address v : verifierPool) {
            call("addVerifier(" + v + ")", () -> { c.verifreg().addVerifier(root, v, 500 * TiB); return null; });
        }
        for (int i = 0; i < clients.size(); i++) {
            Address v = verifierPool.get(i % verifierPool.size());
            Address cl = clients.get(i);
            call("addVerifiedClient(" + v + " -> " + cl + ")", () -> { c.verifreg().addVerifiedClient(v, cl, 2 * TiB); return null; });
        }
        if (c.regime().isV1()) { // the original registry: the market's verified deals use its clients' bytes
            VerifiedRegistryV1 v1 = c.verifregV1();
            for (Address v : verifierPool)
                call("v1.addVerifier(" + v + ")", () -> { v1.addVerifier(root, v, 500 * TiB); return null; });
            for (int i = 0; i < clients.size(); i++) {
                Address v = verifierPool.get(i % verifierPool.size());
                Address cl = clients.get(i);
                long bytes = i == 0 ? 2 * MiB : 64 * GiB; // client 0 runs out at once: removed, restored at timeouts
                call("v1.addVerifiedClient(" + v + " -> " + cl + ")", () -> { v1.addVerifiedClient(v, cl, bytes); return null; });
            }
        }
        if (setup.bigMiner()) {
            Miner big = miners.get(0);
            // 160 x 64 GiB = 10 TiB raw: the miner meets the minimum consensus power and earns block rewards
            for (int i = 0; i < 160; i++) {
                long exp = c.epoch() + 200 * DAY + (i * 7L % 1000) * DAY;
                call("bigMiner.proveCommit CC #" + i, () -> big.proveCommitSector(big.owner(),
                        new Miner.SectorActivation(List.of(), exp), BigInteger.ZERO));
            }
            if (big.sectors().size() != 160) throw new AssertionError("big miner onboarding refused: " + big.sectors().size());
        }
    }

    /**
     * Contract-like receivers, to exercise nested transactions and reverts from inside a call:
     * client 0 refuses DataCap amounts that are multiples of 3 MiB; client 1, on receiving DataCap, first makes a
     * refused nested transfer (which it catches), then (odd MiB counts) a valid nested 1 MiB allocation, and then
     * refuses the receipt when the amount is a multiple of 5 MiB (so its nested allocation must be undone too);
     * extra 0 refuses FIL amounts divisible by 7; extra 1 forwards a third of what it receives to extra 2 with a
     * nested send and refuses amounts divisible by 11.
     */
    private void installHooks() {
        Address c0 = clients.get(0), c1 = clients.get(1);
        hooked.add(c1);
        c.registerDataCapReceiver(c0, (from, operator, amount) -> {
            if (amount % (3 * MiB) == 0) throw ActorError.forbidden("test.hook_refused_datacap", c0 + " refuses " + amount);
        });
        c.registerDataCapReceiver(c1, (from, operator, amount) -> {
            try {
                c.datacap().transfer(c1, Chain.VERIFIED_REGISTRY, MiB + 1, AllocationRequests.of(hookRequest()));
                throw new AssertionError("a transfer with a wrong sum applied inside the hook");
            } catch (ActorError expected) {
                // a contract may catch a failed call and go on
            }
            if ((amount / MiB) % 2 == 1 && c.datacap().balanceOf(c1) >= MiB)
                c.datacap().transfer(c1, Chain.VERIFIED_REGISTRY, MiB, AllocationRequests.of(hookRequest()));
            if (amount % (5 * MiB) == 0) throw ActorError.forbidden("test.hook_refused_datacap", c1 + " refuses " + amount);
        });
        Address x0 = extras.get(0), x1 = extras.get(1), x2 = extras.get(2);
        hooked.add(x1);
        c.registerFilReceiver(x0, (from, amount) -> {
            if (amount.mod(BigInteger.valueOf(7)).signum() == 0) throw ActorError.forbidden("test.hook_refused_fil", x0 + " refuses " + amount);
        });
        c.registerFilReceiver(x1, (from, amount) -> {
            BigInteger third = amount.divide(BigInteger.valueOf(3));
            if (third.signum() > 0) c.send(x1, x2, third);
            if (amount.mod(BigInteger.valueOf(11)).signum() == 0) throw ActorError.forbidden("test.hook_refused_fil", x1 + " refuses " + amount);
        });
    }

    private AllocationRequest hookRequest() {
        return new AllocationRequest(miners.isEmpty() ? Chain.VERIFIED_REGISTRY : miners.get(0).address(), dataCounter++,
                MiB, MINIMUM_VERIFIED_ALLOCATION_TERM, MAXIMUM_VERIFIED_ALLOCATION_TERM, c.epoch() + 30 * DAY);
    }

    // ================================================================== call wrapper
    /**
     * Runs one chain call. Refused (ActorError): the chain snapshot must not have changed. Either way every invariant
     * must hold afterwards. Returns the result, or null when refused.
     */
    <T> T call(String desc, Supplier<T> body) {
        String before = snapshot();
        calls++;
        T result;
        try {
            result = body.get();
        } catch (ActorError e) {
            refused++;
            trace.add("[" + c.epoch() + "] REFUSED " + desc + " -> " + e.rule());
            String after = snapshot();
            if (!before.equals(after))
                fail("refused call changed the chain state: " + desc + " (" + e + ")\n" + firstDifference(before, after));
            checkInvariants(desc);
            return null;
        }
        trace.add("[" + c.epoch() + "] ok " + desc + (result == null ? "" : " => " + abbreviate(String.valueOf(result))));
        checkInvariants(desc);
        return result;
    }

    /** Like {@link #call} for a call that must be refused (no role / invalid); fails if it applies. */
    void mustRefuse(String desc, Supplier<?> body) {
        long r0 = refused;
        call(desc, body);
        if (refused == r0) fail("call should have been refused but applied: " + desc);
    }

    private void advance(long target) {
        long before = c.epoch();
        trace.add("[" + before + "] advanceTo(" + target + ") (+" + (target - before) + " epochs)");
        c.advanceTo(target);
        cronSteps++;
        if (c.epoch() != target) fail("advanceTo(" + target + ") left the clock at " + c.epoch());
        checkInvariants("advanceTo(" + target + ")");
    }

    /**
     * {@link ChainSnapshot} plus the state it does not print: DataCap operator allowances and FIP-0028 removal proposal
     * ids, over every pair of addresses the driver uses.
     */
    String snapshot() {
        StringBuilder sb = new StringBuilder(ChainSnapshot.of(c));
        StorageMarket mk = c.market();
        sb.append('\n').append(StorageMarketTest.marketSnapshot(mk)).append(" activated=").append(mk.activatedDeals())
                .append(" pending=").append(mk.pendingDeals()).append(" allocs=");
        for (long id : mk.proposals().keySet()) sb.append(id).append(':').append(mk.pendingAllocation(id)).append(' ');
        if (c.verifregV1() != null)
            sb.append("\nv1 verifiers=").append(c.verifregV1().verifiers()).append(" clients=")
                    .append(c.verifregV1().verifiedClients()).append(" ever=").append(c.verifregV1().everVerifiedClientSet());
        sb.append("\nallowances:");
        for (Address o : everyone)
            for (Address op : everyone) {
                long a = c.datacap().allowance(o, op);
                if (a != 0) sb.append(' ').append(o).append('>').append(op).append('=').append(a);
            }
        sb.append("\nproposal ids:");
        for (Address v : everyone)
            for (Address cl : everyone) {
                long id = c.verifreg().removalProposalId(v, cl);
                if (id != 0) sb.append(' ').append(v).append('/').append(cl).append('=').append(id);
            }
        return sb.toString();
    }

    // ================================================================== steps
    void run(Step step) {
        SplittableRandom r = new SplittableRandom(step.seed());
        switch (step.kind()) {
            case ADD_VERIFIER -> addVerifier(r);
            case REMOVE_VERIFIER -> removeVerifier(r);
            case ADD_CLIENT -> addClient(r);
            case ALLOCATE -> allocate(r, false);
            case ALLOCATE_FROM -> allocate(r, true);
            case ALLOWANCE -> allowance(r);
            case PROVE_COMMIT -> proveCommit(r);
            case CLAIM_DIRECT -> claimDirect(r);
            case EXTEND_SECTOR -> extendSector(r);
            case TERMINATE -> terminate(r);
            case WITHDRAW -> withdraw(r);
            case CHANGE_BENEFICIARY -> changeBeneficiary(r);
            case REMOVE_EXPIRED_ALLOCATIONS -> removeExpiredAllocations(r);
            case REMOVE_EXPIRED_CLAIMS -> removeExpiredClaims(r);
            case EXTEND_CLAIM_TERMS -> extendClaimTerms(r);
            case EXTEND_CLAIM_PAID -> extendClaimPaid(r);
            case REMOVE_DATACAP -> removeDataCap(r);
            case ADVANCE -> advance(r);
            case DRAIN_DAYS -> drainDays(r);
            case DEPOSIT -> deposit(r);
            case SEND -> send(r);
            case MARKET_ADD_BALANCE -> marketAddBalance(r);
            case MARKET_WITHDRAW -> marketWithdraw(r);
            case MARKET_PUBLISH -> marketPublish(r);
            case MARKET_COMMIT -> marketCommit(r);
            case EXTEND3 -> extend3(r);
            case COMMIT_RUN -> commitRun(r);
        }
    }

    private void addVerifier(SplittableRandom r) {
        Address caller = r.nextInt(100) < 85 ? root : pick(r, everyone);
        Address v = r.nextInt(100) < 80 ? pick(r, verifierPool) : pick(r, everyone);
        long allowance = switch (r.nextInt(10)) {
            case 0 -> r.nextLong(-5, MINIMUM_VERIFIED_ALLOCATION_SIZE);
            case 1 -> MINIMUM_VERIFIED_ALLOCATION_SIZE;
            default -> r.nextLong(MINIMUM_VERIFIED_ALLOCATION_SIZE, 1_000 * TiB);
        };
        call("addVerifier(caller " + caller + ", " + v + ", " + allowance + ")", () -> {
            c.verifreg().addVerifier(caller, v, allowance);
            expect(caller.equals(root), "addVerifier applied for non-root caller " + caller);
            expect(c.verifreg().verifierAllowance(v) == allowance, "addVerifier must SET the allowance");
            return null;
        });
    }

    private void removeVerifier(SplittableRandom r) {
        Address caller = r.nextInt(100) < 85 ? root : pick(r, everyone);
        Address v = r.nextInt(100) < 85 ? pick(r, verifierPool) : pick(r, everyone);
        call("removeVerifier(caller " + caller + ", " + v + ")", () -> {
            c.verifreg().removeVerifier(caller, v);
            expect(caller.equals(root), "removeVerifier applied for non-root caller");
            expect(!c.verifreg().isVerifier(v), "verifier still present after removal");
            return null;
        });
    }

    private void addClient(SplittableRandom r) {
        List<Address> current = new ArrayList<>(c.verifreg().verifiers().keySet());
        Address caller = !current.isEmpty() && r.nextInt(100) < 85 ? pick(r, current) : pick(r, everyone);
        Address client = r.nextInt(100) < 85 ? pick(r, clients) : pick(r, everyone);
        long cap = c.verifreg().verifierAllowance(caller);
        long amount = switch (r.nextInt(12)) {
            case 0 -> r.nextLong(-3, MINIMUM_VERIFIED_ALLOCATION_SIZE);
            case 1 -> cap + 1;
            case 2 -> cap;
            case 3 -> MINIMUM_VERIFIED_ALLOCATION_SIZE;
            default -> r.nextLong(1, 2_048) * GiB + r.nextLong(0, 4) * MiB;
        };
        boolean wasVerifier = c.verifreg().isVerifier(caller);
        long bal0 = c.datacap().balanceOf(client);
        long minted0 = c.datacap().minted();
        call("addVerifiedClient(" + caller + " -> " + client + ", " + amount + ")", () -> {
            c.verifreg().addVerifiedClient(caller, client, amount);
            expect(wasVerifier, "addVerifiedClient applied for a non-verifier caller");
            expect(c.verifreg().verifierAllowance(caller) == cap - amount, "verifier allowance not reduced by " + amount);
            expect(hooked.contains(client) || c.datacap().balanceOf(client) == bal0 + amount, "client balance not topped up by " + amount);
            expect(c.datacap().minted() == minted0 + amount, "minted not increased by " + amount);
            return null;
        });
    }

    /** A random allocation request, valid unless {@code mutate}, sized to fit {@code budget} where possible. */
    private AllocationRequest allocationRequest(SplittableRandom r, long budget, boolean mutate, StringBuilder note) {
        long now = c.epoch();
        Address provider = pick(r, miners).address();
        long size = pieceSize(r, budget);
        long termMin = switch (r.nextInt(6)) {
            case 0 -> MINIMUM_VERIFIED_ALLOCATION_TERM;
            default -> MINIMUM_VERIFIED_ALLOCATION_TERM + r.nextLong(0, 300 * DAY);
        };
        long termMax = switch (r.nextInt(6)) {
            case 0 -> MAXIMUM_VERIFIED_ALLOCATION_TERM;
            case 1 -> termMin;
            default -> termMin + r.nextLong(0, MAXIMUM_VERIFIED_ALLOCATION_TERM - termMin + 1);
        };
        long expiration = switch (r.nextInt(6)) {
            case 0 -> now;
            case 1 -> now + MAXIMUM_VERIFIED_ALLOCATION_EXPIRATION;
            default -> now + r.nextLong(0, MAXIMUM_VERIFIED_ALLOCATION_EXPIRATION + 1);
        };
        if (mutate) {
            int m = r.nextInt(8);
            note.append(" mutation=").append(m);
            switch (m) {
                case 0 -> size = r.nextLong(1, MINIMUM_VERIFIED_ALLOCATION_SIZE);
                case 1 -> termMin = MINIMUM_VERIFIED_ALLOCATION_TERM - 1 - r.nextLong(0, 100 * DAY);
                case 2 -> termMax = MAXIMUM_VERIFIED_ALLOCATION_TERM + 1 + r.nextLong(0, 10 * DAY);
                case 3 -> { termMax = termMin - 1; }
                case 4 -> expiration = now - 1 - r.nextLong(0, 10 * DAY);
                case 5 -> expiration = now + MAXIMUM_VERIFIED_ALLOCATION_EXPIRATION + 1 + r.nextLong(0, 10 * DAY);
                case 6 -> provider = pick(r, nonMiners());
                default -> provider = Chain.VERIFIED_REGISTRY;
            }
        }
        return new AllocationRequest(provider, dataCounter++, size, termMin, termMax, expiration);
    }

    private long pieceSize(SplittableRandom r, long budget) {
        long[] sizes = {MINIMUM_VERIFIED_ALLOCATION_SIZE, 2 * MiB, 64 * MiB, 512 * MiB, GiB, 4 * GiB, 8 * GiB, 16 * GiB, 32 * GiB};
        List<Long> fit = new ArrayList<>();
        for (long s : sizes) if (s <= budget) fit.add(s);
        if (fit.isEmpty() || r.nextInt(20) == 0) return sizes[r.nextInt(sizes.length)];
        return fit.get(r.nextInt(fit.size()));
    }

    private void allocate(SplittableRandom r, boolean viaOperator) {
        Address owner = r.nextInt(100) < 90 ? pick(r, clients) : pick(r, everyone);
        long balance = c.datacap().balanceOf(owner);
        int n = 1 + r.nextInt(3);
        boolean mutate = r.nextInt(100) < 20;
        int mutated = mutate ? r.nextInt(n) : -1;
        StringBuilder note = new StringBuilder();
        List<AllocationRequest> reqs = new ArrayList<>();
        long budget = Math.max(balance, 0);
        for (int i = 0; i < n; i++) {
            AllocationRequest a = allocationRequest(r, Math.max(budget / (n - i), 0), i == mutated, note);
            budget -= Math.max(0, a.size());
            reqs.add(a);
        }
        List<ClaimExtensionRequest> exts = new ArrayList<>();
        List<Claim> claims = allClaims();
        if (!claims.isEmpty() && r.nextInt(100) < 15) {
            Claim cl = pick(r, claims);
            exts.add(new ClaimExtensionRequest(cl.provider(), cl.id(), validExtensionTermMax(r, cl)));
        }
        long sum = 0;
        for (AllocationRequest a : reqs) sum += a.size();
        for (ClaimExtensionRequest x : exts) {
            Claim cl = c.verifreg().claim(x.provider(), x.claimId());
            sum += cl.size();
        }
        long amount = switch (r.nextInt(25)) {
            case 0 -> sum + 1;
            case 1 -> sum - 1;
            case 2 -> sum + MINIMUM_VERIFIED_ALLOCATION_SIZE;
            case 3 -> 0;
            default -> sum;
        };
        AllocationRequests requests = r.nextInt(40) == 0 ? null : new AllocationRequests(reqs, exts);
        Address to = r.nextInt(40) == 0 ? pick(r, everyone) : Chain.VERIFIED_REGISTRY;
        long held0 = c.verifreg().heldBytes();
        long next0 = c.verifreg().nextAllocationId();
        long bal0 = c.datacap().balanceOf(owner);
        String what = "allocations " + reqs + " extensions " + exts + " amount " + amount + " to " + to + note;
        if (!viaOperator) {
            VerifiedRegistry.TransferResult res = call("transfer(" + owner + ", " + what + ")",
                    () -> c.datacap().transfer(owner, to, amount, requests));
            if (res != null) checkAllocationsCreated(owner, reqs, exts, res, held0, next0, bal0, amount);
        } else {
            Address operator = pick(r, everyone);
            if (r.nextInt(100) < 80) {
                long allow = r.nextInt(10) == 0 ? Math.max(1, amount - 1) : Math.max(1, amount);
                call("increaseAllowance(" + owner + " -> operator " + operator + ", " + allow + ")",
                        () -> { c.datacap().increaseAllowance(owner, operator, allow); return null; });
            }
            long allowed0 = c.datacap().allowance(owner, operator);
            long opBal0 = c.datacap().balanceOf(operator);
            VerifiedRegistry.TransferResult res = call("transferFrom(operator " + operator + ", from " + owner + ", " + what + ")",
                    () -> c.datacap().transferFrom(operator, owner, to, amount, requests));
            if (res != null) {
                checkAllocationsCreated(owner, reqs, exts, res, held0, next0, bal0, amount);
                expect(c.datacap().allowance(owner, operator) == allowed0 - amount, "operator allowance not reduced");
                if (!operator.equals(owner)) expect(c.datacap().balanceOf(operator) == opBal0, "operator's own balance changed");
            }
        }
    }

    private void checkAllocationsCreated(Address owner, List<AllocationRequest> reqs, List<ClaimExtensionRequest> exts,
                                         VerifiedRegistry.TransferResult res, long held0, long next0, long bal0, long amount) {
        expect(res.allocationIds().size() == reqs.size(), "wrong number of allocation ids: " + res);
        expect(res.extended() == exts.size(), "wrong number of extended claims: " + res);
        long allocBytes = 0;
        for (int i = 0; i < reqs.size(); i++) {
            AllocationRequest q = reqs.get(i);
            long id = res.allocationIds().get(i);
            expect(id == next0 + i, "allocation ids not consecutive from " + next0 + ": " + res.allocationIds());
            Allocation a = c.verifreg().allocation(owner, id);
            expect(a != null, "allocation " + id + " missing");
            expect(a.client().equals(owner) && a.provider().equals(q.provider()) && a.size() == q.size()
                    && a.termMin() == q.termMin() && a.termMax() == q.termMax() && a.expiration() == q.expiration()
                    && a.data() == q.data(), "allocation " + a + " does not match request " + q);
            allocBytes += q.size();
        }
        for (ClaimExtensionRequest x : exts) {
            Claim cl = c.verifreg().claim(x.provider(), x.claimId());
            expect(cl.termMax() == x.termMax(), "claim " + cl + " not extended to " + x.termMax());
        }
        expect(c.verifreg().heldBytes() == held0 + allocBytes, "held bytes did not grow by " + allocBytes);
        expect(c.datacap().balanceOf(owner) == bal0 - amount, "owner not debited " + amount);
    }

    private long validExtensionTermMax(SplittableRandom r, Claim cl) {
        long now = c.epoch();
        long limit = now + MAXIMUM_VERIFIED_ALLOCATION_TERM - cl.termStart();
        return switch (r.nextInt(8)) {
            case 0 -> cl.termMax();               // not longer: refused
            case 1 -> limit + 1;                  // too long: refused
            case 2 -> limit;
            default -> limit > cl.termMax() ? cl.termMax() + 1 + r.nextLong(0, limit - cl.termMax()) : cl.termMax() + 1;
        };
    }

    private void allowance(SplittableRandom r) {
        Address owner = pick(r, everyone);
        Address operator = pick(r, everyone);
        long amount = r.nextInt(5) == 0 ? r.nextLong(-2, 1) : r.nextLong(1, 100 * GiB);
        switch (r.nextInt(3)) {
            case 0 -> call("increaseAllowance(" + owner + ", " + operator + ", " + amount + ")",
                    () -> { c.datacap().increaseAllowance(owner, operator, amount); return null; });
            case 1 -> call("decreaseAllowance(" + owner + ", " + operator + ", " + amount + ")",
                    () -> { c.datacap().decreaseAllowance(owner, operator, amount); return null; });
            default -> call("revokeAllowance(" + owner + ", " + operator + ")",
                    () -> { c.datacap().revokeAllowance(owner, operator); return null; });
        }
    }

    private void proveCommit(SplittableRandom r) {
        Miner m = pick(r, miners);
        long now = c.epoch();
        Address caller = switch (r.nextInt(20)) {
            case 0 -> pick(r, everyone);
            case 1, 2, 3, 4, 5, 6, 7, 8 -> m.worker();
            default -> m.owner();
        };
        List<Allocation> mine = new ArrayList<>();
        boolean onlyLive = r.nextInt(100) < 85; // mostly claim allocations that have not expired
        for (Allocation a : allAllocations())
            if (a.provider().equals(m.address()) && (!onlyLive || now <= a.expiration())) mine.add(a);
        List<Piece> pieces = new ArrayList<>();
        long used = 0;
        long lo = MIN_SECTOR_EXPIRATION, hi = Math.min(MAX_SECTOR_EXPIRATION_EXTENSION, SECTOR_MAXIMUM_LIFETIME);
        int k = mine.isEmpty() ? 0 : r.nextInt(Math.min(4, mine.size()) + 1);
        if (k == 0 && !mine.isEmpty() && r.nextInt(3) > 0) k = 1;
        List<Allocation> shuffled = new ArrayList<>(mine);
        shuffle(r, shuffled);
        for (Allocation a : shuffled) {
            if (pieces.size() >= k) break;
            if (used + a.size() > m.sectorSize()) continue;
            pieces.add(Piece.verified(a));
            used += a.size();
            lo = Math.max(lo, a.termMin());
            hi = Math.min(hi, a.termMax());
        }
        String mutation = "";
        if (r.nextInt(100) < 15) {
            int x = r.nextInt(6);
            mutation = " mutation=" + x;
            List<Allocation> all = allAllocations();
            switch (x) {
                case 0 -> { if (!pieces.isEmpty()) { Piece p = pieces.remove(0); pieces.add(new Piece(p.data(), p.size() + MiB, p.client(), p.allocationId())); } }
                case 1 -> { if (!pieces.isEmpty()) { Piece p = pieces.remove(0); pieces.add(new Piece(p.data() + 1, p.size(), p.client(), p.allocationId())); } }
                case 2 -> { if (!all.isEmpty()) pieces.add(Piece.verified(pick(r, all))); }            // maybe another provider's
                case 3 -> pieces.add(new Piece(1, MiB, pick(r, clients), c.verifreg().nextAllocationId() + 5)); // no such allocation
                case 4 -> { if (!pieces.isEmpty()) pieces.add(pieces.get(0)); }                           // claimed twice
                default -> pieces.add(Piece.unverified(dataCounter++, m.sectorSize()));                   // overfull
            }
        }
        if (r.nextBoolean() && used < m.sectorSize()) {
            long free = m.sectorSize() - used;
            pieces.add(Piece.unverified(dataCounter++, 1 + r.nextLong(0, free)));
        }
        long term;
        int pickTerm = r.nextInt(12);
        if (pickTerm == 0) term = MIN_SECTOR_EXPIRATION - 1;
        else if (pickTerm == 1) term = MAX_SECTOR_EXPIRATION_EXTENSION + 1;
        else if (lo <= hi) term = pickTerm == 2 ? lo : pickTerm == 3 ? hi : lo + r.nextLong(0, hi - lo + 1);
        else term = MIN_SECTOR_EXPIRATION + r.nextLong(0, MAX_SECTOR_EXPIRATION_EXTENSION - MIN_SECTOR_EXPIRATION + 1);
        long exp = now + term;
        BigInteger value = switch (r.nextInt(10)) {
            case 0, 1, 2, 3 -> BigInteger.ZERO;
            case 4 -> BigInteger.valueOf(-1);
            case 5 -> c.fil().balance(caller).add(BigInteger.ONE);
            default -> Fil.mulDiv(FIL, r.nextLong(0, 20_000), 1_000);
        };
        long next = m.nextSectorNumber();
        long qaBefore = m.qaPower();
        boolean up = c.upgraded();
        List<Piece> ps = List.copyOf(pieces);
        Long number = call("proveCommitSector(" + m.address() + " by " + caller + ", pieces " + ps + ", exp " + exp
                        + ", value " + value + ")" + mutation,
                () -> m.proveCommitSector(caller, new Miner.SectorActivation(ps, exp), value));
        if (number != null) {
            expect(caller.equals(m.owner()) || caller.equals(m.worker()), "proveCommit applied for a non-control caller");
            expect(number == next, "sector number " + number + " != next " + next);
            Sector s = m.sector(number);
            if (up) { // FIP-0118: no claim, 10x QA power whatever the pieces
                expect(s.fullQa() && s.verifiedBytes() == 0 && s.claimIds().isEmpty() && s.expiration() == exp,
                        "post-upgrade sector " + s + " wrong");
                expect(m.qaPower() == qaBefore + 10 * m.sectorSize(), "post-upgrade sector without 10x QA power");
                event("sector committed after the upgrade");
                return;
            }
            long verified = 0;
            for (Piece p : ps) {
                if (!p.isVerified()) continue;
                verified += p.size();
                Claim cl = c.verifreg().claim(m.address(), p.allocationId());
                expect(cl != null && cl.termStart() == now && cl.sector() == number && cl.size() == p.size()
                        && cl.client().equals(p.client()), "claim for piece " + p + " wrong: " + cl);
                expect(c.verifreg().allocation(p.client(), p.allocationId()) == null, "claimed allocation still present");
            }
            expect(s.verifiedBytes() == verified && s.expiration() == exp, "sector " + s + " wrong");
            if (verified > 0) event("sector committed with verified pieces");
            expect(m.qaPower() == qaBefore + Sector.qaPower(m.sectorSize(), verified), "QA power not increased");
        }
    }

    private void claimDirect(SplittableRandom r) {
        // ClaimAllocations called directly: by a non-miner (refused), or by the miner itself, best-effort batch
        Miner m = pick(r, miners);
        Address caller = r.nextBoolean() ? m.address() : pick(r, everyone);
        List<VerifiedRegistry.SectorClaims> sectors = new ArrayList<>();
        List<Allocation> all = allAllocations();
        int ns = 1 + r.nextInt(3);
        for (int i = 0; i < ns; i++) {
            List<VerifiedRegistry.SectorAllocationClaim> cs = new ArrayList<>();
            long exp = c.epoch() + MIN_SECTOR_EXPIRATION + r.nextLong(0, 800 * DAY);
            int nc = r.nextInt(3);
            for (int j = 0; j < nc && !all.isEmpty(); j++) {
                Allocation a = pick(r, all);
                cs.add(new VerifiedRegistry.SectorAllocationClaim(a.client(), a.id(), a.data(), a.size()));
            }
            sectors.add(new VerifiedRegistry.SectorClaims(1_000_000 + r.nextInt(1000), exp, cs));
        }
        boolean allOrNothing = r.nextBoolean();
        call("claimAllocations(caller " + caller + ", " + sectors + ", allOrNothing " + allOrNothing + ")",
                () -> c.verifreg().claimAllocations(caller, sectors, allOrNothing));
    }

    /**
     * A run of 2 to 8 sectors committed one after another in one epoch with one expiration: committed capacity, or
     * each holding one verified piece of a fresh request of equal allocations from one client to this miner (its
     * allocations claimed in id order), so a batching sector store forms batches that the other steps then split
     * (extensions, terminations, claim drops, 10x moves, expirations). Now and then a member's value or funds fail.
     */
    private void commitRun(SplittableRandom r) {
        Miner m = pick(r, miners);
        long now = c.epoch();
        int k = 2 + r.nextInt(7);
        long lo = MIN_SECTOR_EXPIRATION + r.nextLong(0, 30 * DAY);
        long hi = Math.min(MAX_SECTOR_EXPIRATION_EXTENSION, SECTOR_MAXIMUM_LIFETIME);
        List<Allocation> run = new ArrayList<>();
        if (r.nextInt(3) > 0 && !c.upgraded()) {
            long size = (r.nextBoolean() ? 1 : 1 + r.nextLong(0, 31)) * GiB;
            Address client = null;
            for (Address cl : clients) if (c.datacap().balanceOf(cl) >= k * size && !hooked.contains(cl)) client = cl;
            if (client != null) {
                long next = c.verifreg().nextAllocationId();
                List<AllocationRequest> reqs = new ArrayList<>();
                for (int i = 0; i < k; i++)
                    reqs.add(new AllocationRequest(m.address(), dataCounter++, size, lo, hi, now + 30 * DAY));
                Address from = client;
                long total = k * size;
                call("transfer(run of " + k + " allocations of " + size + " from " + from + " to " + m.address() + ")",
                        () -> c.datacap().transfer(from, Chain.VERIFIED_REGISTRY, total,
                                AllocationRequests.of(reqs.toArray(AllocationRequest[]::new))));
                for (long id = next; id < c.verifreg().nextAllocationId(); id++) {
                    Allocation a = c.verifreg().allocation(from, id);
                    if (a != null && a.provider().equals(m.address())) run.add(a);
                }
            }
        }
        long exp = now + lo + r.nextLong(0, hi - lo + 1);
        int n = run.isEmpty() ? k : run.size();
        for (int i = 0; i < n; i++) {
            List<Piece> ps = run.isEmpty() ? List.of() : List.of(Piece.verified(run.get(i)));
            BigInteger value = r.nextInt(12) == 0 ? BigInteger.valueOf(-1) : Fil.fil(r.nextInt(4));
            call("proveCommitSector(" + m.address() + ", run member " + i + " of " + n + ", pieces " + ps + ", exp "
                    + exp + ", value " + value + ")",
                    () -> m.proveCommitSector(m.owner(), new Miner.SectorActivation(ps, exp), value));
        }
        event(run.isEmpty() ? "cc sector run" : "verified sector run");
    }

    private void extendSector(SplittableRandom r) {
        Miner m = pick(r, miners);
        Address caller = r.nextInt(10) == 0 ? pick(r, everyone) : r.nextBoolean() ? m.owner() : m.worker();
        if (m.sectors().isEmpty()) {
            call("extendSectorExpiration(" + m.address() + ", no sector)", () -> { m.extendSectorExpiration(caller, 0, c.epoch() + 400 * DAY, List.of()); return null; });
            return;
        }
        Sector s = pick(r, new ArrayList<>(m.sectors().values()));
        List<Sector> withClaims = new ArrayList<>();
        for (Sector x : m.sectors().values()) if (!x.claimIds().isEmpty()) withClaims.add(x);
        if (!withClaims.isEmpty() && r.nextInt(100) < 40) {
            s = pick(r, withClaims);
            // sometimes move the clock into the sector's last 30 days, where claims may be dropped
            long target = s.expiration() - 1 - r.nextLong(0, END_OF_LIFE_CLAIM_DROP_PERIOD);
            if (r.nextInt(100) < 60 && target > c.epoch()) advance(target);
        }
        final Sector sector = s;
        BigInteger pledge0 = m.initialPledge();
        long now = c.epoch();
        boolean up = c.upgraded();
        List<Long> drop = new ArrayList<>();
        boolean inDropWindow = sector.expiration() - now <= END_OF_LIFE_CLAIM_DROP_PERIOD;
        if (!sector.claimIds().isEmpty() && r.nextInt(100) < (inDropWindow ? 70 : 15)) {
            for (long id : sector.claimIds()) if (r.nextBoolean()) drop.add(id);
        }
        if (r.nextInt(20) == 0) drop.add(999_999L);
        long bound = Math.min(now + MAX_SECTOR_EXPIRATION_EXTENSION, sector.activation() + SECTOR_MAXIMUM_LIFETIME);
        for (long id : sector.claimIds()) {
            if (drop.contains(id) || up) continue; // after the upgrade no claim bounds an extension
            Claim cl = c.verifreg().claim(m.address(), id);
            if (cl != null) bound = Math.min(bound, cl.end());
        }
        long newExp;
        int x = r.nextInt(10);
        if (x < 6 && bound > sector.expiration()) newExp = x == 0 ? bound : sector.expiration() + 1 + r.nextLong(0, bound - sector.expiration());
        else if (x == 6) newExp = bound + 1;
        else newExp = sector.expiration() + r.nextLong(-10 * DAY, 400 * DAY);
        long ne = newExp;
        call("extendSectorExpiration(" + m.address() + " by " + caller + ", sector " + sector.number() + " exp " + sector.expiration()
                        + " -> " + ne + ", drop " + drop + ")",
                () -> {
                    m.extendSectorExpiration(caller, sector.number(), ne, drop);
                    Sector u = m.sector(sector.number());
                    expect(u.expiration() == ne, "expiration not updated");
                    for (long id : drop) expect(up || !u.claimIds().contains(id), "dropped claim still in sector");
                    expect(!up || u.qaPower() == sector.qaPower(), "post-upgrade extension changed QA power");
                    expect(m.initialPledge().equals(pledge0), "extension changed the pledge");
                    if (!drop.isEmpty()) event("sector extended dropping claims");
                    if (!u.claimIds().isEmpty()) event("sector with claims extended");
                    expect(sector.expiration() - now <= END_OF_LIFE_CLAIM_DROP_PERIOD || u.verifiedBytes() == sector.verifiedBytes(),
                            "verified bytes changed outside the drop period");
                    return null;
                });
    }

    private void terminate(SplittableRandom r) {
        Miner m = pick(r, miners);
        Address caller = r.nextInt(10) == 0 ? pick(r, everyone) : r.nextBoolean() ? m.owner() : m.worker();
        List<Long> numbers = new ArrayList<>();
        List<Long> have = new ArrayList<>(m.sectors().keySet());
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            if (have.isEmpty() || r.nextInt(15) == 0) numbers.add(m.nextSectorNumber() + 3);
            else numbers.add(pick(r, have));
        }
        BigInteger pledge0 = m.initialPledge(), burned0 = m.feesBurned(), debt0 = m.feeDebt();
        BigInteger fee = call("terminateSectors(" + m.address() + " by " + caller + ", " + numbers + ")",
                () -> m.terminateSectors(caller, numbers));
        if (fee != null) {
            expect(new HashSet<>(numbers).size() == numbers.size(), "terminated a sector twice in one call");
            for (long num : numbers) expect(m.sector(num) == null, "sector " + num + " still active");
            expect(fee.signum() >= 0, "negative termination fee");
            expect(m.feesBurned().subtract(burned0).add(m.feeDebt().subtract(debt0)).equals(fee),
                    "termination fee " + fee + " != burned " + m.feesBurned().subtract(burned0) + " + new debt " + m.feeDebt().subtract(debt0));
            expect(m.initialPledge().compareTo(pledge0) <= 0, "pledge grew on termination");
        }
    }

    private void withdraw(SplittableRandom r) {
        Miner m = pick(r, miners);
        Address caller = switch (r.nextInt(10)) {
            case 0, 1 -> pick(r, everyone);
            case 2, 3, 4 -> m.beneficiary();
            default -> m.owner();
        };
        BigInteger amount = switch (r.nextInt(10)) {
            case 0 -> BigInteger.ZERO;
            case 1 -> BigInteger.valueOf(-1 - r.nextInt(5));
            case 2, 3, 4 -> Fil.fil(1_000_000);
            case 5 -> m.availableBalance();
            default -> Fil.mulDiv(m.availableBalance(), r.nextLong(0, 1001), 1000);
        };
        Address ben = m.beneficiary();
        BeneficiaryTerm term = m.beneficiaryTerm();
        BigInteger benFil0 = c.fil().balance(ben);
        BigInteger wd0 = m.withdrawn();
        BigInteger pay = call("withdrawBalance(" + m.address() + " by " + caller + ", " + amount + ") [beneficiary " + ben
                + " term " + term + "]", () -> m.withdrawBalance(caller, amount));
        if (pay != null) {
            expect(caller.equals(m.owner()) || caller.equals(ben), "withdraw applied for a caller that is neither owner nor beneficiary");
            expect(pay.signum() >= 0 && pay.compareTo(amount) <= 0, "paid " + pay + " for a request of " + amount);
            expect(m.withdrawn().subtract(wd0).equals(pay), "withdrawn did not grow by the payment");
            expect(hooked.contains(ben) || c.fil().balance(ben).subtract(benFil0).equals(pay), "beneficiary " + ben + " not credited " + pay);
            if (!ben.equals(m.owner())) {
                if (pay.signum() > 0) event("paid to non-owner beneficiary");
                expect(pay.compareTo(term.available(c.epoch())) <= 0, "paid beyond the beneficiary's remaining quota");
                expect(m.beneficiaryTerm().usedQuota().equals(term.usedQuota().add(pay)), "used quota not increased by the payment");
            }
        }
    }

    private void changeBeneficiary(SplittableRandom r) {
        Miner m = pick(r, miners);
        long now = c.epoch();
        PendingBeneficiaryChange p = m.pendingBeneficiaryChange();
        if (p != null && r.nextInt(100) < 60) {
            Address caller = switch (r.nextInt(6)) {
                case 0 -> pick(r, everyone);
                case 1, 2 -> m.beneficiary();
                default -> p.newBeneficiary();
            };
            BigInteger quota = p.newQuota();
            long exp = p.newExpiration();
            Address nominee = p.newBeneficiary();
            if (r.nextInt(10) == 0) quota = quota.add(BigInteger.ONE);
            if (r.nextInt(10) == 0) exp = exp + 1;
            if (r.nextInt(15) == 0) nominee = pick(r, everyone);
            Address ben0 = m.beneficiary();
            BeneficiaryTerm t0 = m.beneficiaryTerm();
            BigInteger q = quota;
            long e = exp;
            Address nm = nominee;
            call("changeBeneficiary(" + m.address() + " approve by " + caller + ", " + nm + ", " + q + ", " + e + ") pending " + p,
                    () -> {
                        m.changeBeneficiary(caller, nm, q, e);
                        if (m.pendingBeneficiaryChange() == null) {
                            event("beneficiary change applied on approval");
                            expect(m.beneficiary().equals(nm), "beneficiary not changed to " + nm);
                            BigInteger used = nm.equals(ben0) ? t0.usedQuota() : BigInteger.ZERO;
                            expect(m.beneficiaryTerm().equals(new BeneficiaryTerm(q, used, e)), "wrong new term " + m.beneficiaryTerm());
                        }
                        return null;
                    });
            return;
        }
        Address caller = r.nextInt(10) == 0 ? pick(r, everyone) : m.owner();
        Address nominee;
        BigInteger quota;
        long exp;
        if (r.nextInt(4) == 0) {
            nominee = m.owner();
            quota = r.nextInt(8) == 0 ? BigInteger.ONE : BigInteger.ZERO;
            exp = r.nextInt(8) == 0 ? now + DAY : 0;
        } else {
            nominee = r.nextInt(5) == 0 ? pick(r, everyone) : pick(r, extras);
            quota = r.nextInt(10) == 0 ? BigInteger.valueOf(-r.nextInt(2)) : Fil.mulDiv(FIL, r.nextLong(1, 50_000), 1000);
            exp = now + r.nextLong(-10 * DAY, 400 * DAY);
        }
        BigInteger q = quota;
        long e = exp;
        call("changeBeneficiary(" + m.address() + " propose by " + caller + ", " + nominee + ", " + q + ", " + e + ")",
                () -> {
                    m.changeBeneficiary(caller, nominee, q, e);
                    return null;
                });
    }

    private void removeExpiredAllocations(SplittableRandom r) {
        Address caller = pick(r, everyone);
        Address client = r.nextInt(10) == 0 ? pick(r, everyone) : pick(r, clients);
        List<Long> ids = new ArrayList<>();
        if (r.nextBoolean()) {
            for (long id : c.verifreg().allocationsOf(client).keySet()) if (r.nextBoolean()) ids.add(id);
            if (r.nextInt(5) == 0) ids.add(c.verifreg().nextAllocationId() + 1);
        }
        long bal0 = c.datacap().balanceOf(client);
        long now = c.epoch();
        Map<Long, Allocation> before = Map.copyOf(c.verifreg().allocationsOf(client));
        VerifiedRegistry.RemoveExpiredResult res = call("removeExpiredAllocations(by " + caller + ", client " + client + ", " + ids + ")",
                () -> c.verifreg().removeExpiredAllocations(caller, client, ids));
        if (res != null) {
            long sum = 0;
            for (long id : res.considered()) {
                Allocation a = before.get(id);
                expect(a != null && now >= a.expiration(), "removed an unexpired or unknown allocation " + id);
                sum += a.size();
            }
            if (sum > 0) event("expired allocations returned");
            expect(res.recovered() == sum, "recovered " + res.recovered() + " != " + sum);
            expect(hooked.contains(client) || c.datacap().balanceOf(client) == bal0 + sum, "client not credited the returned DataCap");
            if (ids.isEmpty())
                for (Allocation a : c.verifreg().allocationsOf(client).values())
                    expect(now < a.expiration(), "an expired allocation was left behind: " + a);
        }
    }

    private void removeExpiredClaims(SplittableRandom r) {
        Address caller = pick(r, everyone);
        Address provider = r.nextInt(10) == 0 ? pick(r, everyone) : pick(r, miners).address();
        List<Long> ids = new ArrayList<>();
        if (r.nextBoolean()) {
            for (long id : c.verifreg().claimsOf(provider).keySet()) if (r.nextBoolean()) ids.add(id);
            if (r.nextInt(5) == 0) ids.add(c.verifreg().nextAllocationId() + 1);
        }
        long now = c.epoch();
        Map<Long, Claim> before = Map.copyOf(c.verifreg().claimsOf(provider));
        VerifiedRegistry.RemoveExpiredResult res = call("removeExpiredClaims(by " + caller + ", provider " + provider + ", " + ids + ")",
                () -> c.verifreg().removeExpiredClaims(caller, provider, ids));
        if (res != null) {
            for (long id : res.considered()) {
                Claim cl = before.get(id);
                expect(cl != null && now >= cl.end(), "removed an unended claim " + id);
                event("expired claim removed");
            }
        }
    }

    private void extendClaimTerms(SplittableRandom r) {
        List<Claim> claims = allClaims();
        Address caller = claims.isEmpty() || r.nextInt(8) == 0 ? pick(r, everyone) : pick(r, claims).client();
        List<VerifiedRegistry.ClaimTerm> terms = new ArrayList<>();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            if (claims.isEmpty() || r.nextInt(12) == 0) {
                terms.add(new VerifiedRegistry.ClaimTerm(pick(r, miners).address(), c.verifreg().nextAllocationId() + 7, MAXIMUM_VERIFIED_ALLOCATION_TERM));
                continue;
            }
            Claim cl = pick(r, claims);
            long tm = switch (r.nextInt(8)) {
                case 0 -> cl.termMax() - 1;
                case 1 -> MAXIMUM_VERIFIED_ALLOCATION_TERM + 1;
                case 2 -> MAXIMUM_VERIFIED_ALLOCATION_TERM;
                case 3 -> cl.termMax();
                default -> cl.termMax() + r.nextLong(0, Math.max(1, MAXIMUM_VERIFIED_ALLOCATION_TERM - cl.termMax() + 1));
            };
            terms.add(new VerifiedRegistry.ClaimTerm(cl.provider(), cl.id(), tm));
        }
        BatchResult res = call("extendClaimTerms(by " + caller + ", " + terms + ")", () -> c.verifreg().extendClaimTerms(caller, terms));
        if (res != null) {
            for (int i = 0; i < terms.size(); i++) {
                if (!res.ok(i)) continue;
                Claim cl = c.verifreg().claim(terms.get(i).provider(), terms.get(i).claimId());
                expect(cl.client().equals(caller), "extended a claim whose client is not the caller");
                expect(cl.termMax() <= MAXIMUM_VERIFIED_ALLOCATION_TERM, "term_max beyond 5 years");
            }
        }
    }

    private void extendClaimPaid(SplittableRandom r) {
        List<Claim> claims = allClaims();
        Address payer = pick(r, clients);
        if (claims.isEmpty()) {
            call("transfer(" + payer + ", extension of a missing claim)", () -> c.datacap().transfer(payer, Chain.VERIFIED_REGISTRY,
                    MiB, AllocationRequests.extensions(new ClaimExtensionRequest(pick(r, miners).address(), 12345, 100))));
            return;
        }
        List<ClaimExtensionRequest> exts = new ArrayList<>();
        long sum = 0;
        int n = 1 + r.nextInt(2);
        for (int i = 0; i < n; i++) {
            Claim cl = pick(r, claims);
            exts.add(new ClaimExtensionRequest(cl.provider(), cl.id(), validExtensionTermMax(r, cl)));
            sum += cl.size();
        }
        long amount = r.nextInt(12) == 0 ? sum + (r.nextBoolean() ? 1 : -1) : sum;
        List<Address> clientsBefore = new ArrayList<>();
        for (ClaimExtensionRequest x : exts) clientsBefore.add(c.verifreg().claim(x.provider(), x.claimId()).client());
        long ext0 = c.verifreg().extensionBurnedBytes();
        VerifiedRegistry.TransferResult res = call("transfer(" + payer + ", extensions " + exts + ", amount " + amount + ")",
                () -> c.datacap().transfer(payer, Chain.VERIFIED_REGISTRY, amount, new AllocationRequests(List.of(), exts)));
        if (res != null) {
            expect(c.verifreg().extensionBurnedBytes() == ext0 + amount, "extension burn not equal to the tokens sent");
            for (int i = 0; i < exts.size(); i++) {
                Claim cl = c.verifreg().claim(exts.get(i).provider(), exts.get(i).claimId());
                expect(cl.client().equals(clientsBefore.get(i)), "the claim's client changed when another holder paid");
            }
        }
    }

    private void removeDataCap(SplittableRandom r) {
        Address caller = r.nextInt(10) == 0 ? pick(r, everyone) : root;
        Address client = r.nextInt(10) == 0 ? pick(r, everyone) : pick(r, clients);
        List<Address> vs = new ArrayList<>(c.verifreg().verifiers().keySet());
        Address v1 = !vs.isEmpty() && r.nextInt(10) > 0 ? pick(r, vs) : pick(r, everyone);
        Address v2 = !vs.isEmpty() && r.nextInt(10) > 0 ? pick(r, vs) : pick(r, everyone);
        long bal = c.datacap().balanceOf(client);
        long amount = switch (r.nextInt(8)) {
            case 0 -> r.nextLong(-2, 1);
            case 1 -> bal + 1 + r.nextLong(0, GiB);
            case 2 -> bal;
            default -> 1 + r.nextLong(0, Math.max(1, bal));
        };
        long id1 = c.verifreg().removalProposalId(v1, client);
        long id2 = c.verifreg().removalProposalId(v2, client);
        Signature s1 = Signature.sign(v1, VerifiedRegistry.removalMessage(client, amount, id1));
        Signature s2 = Signature.sign(v2, VerifiedRegistry.removalMessage(client, amount, id2));
        String mutation = "";
        switch (r.nextInt(14)) {
            case 0 -> { s1 = Signature.sign(v1, VerifiedRegistry.removalMessage(client, amount + 1, id1)); mutation = " (sig1 wrong amount)"; }
            case 1 -> { s2 = Signature.sign(v2, VerifiedRegistry.removalMessage(client, amount, id2 + 1)); mutation = " (sig2 wrong id)"; }
            case 2 -> { s1 = Signature.sign(v2, VerifiedRegistry.removalMessage(client, amount, id1)); mutation = " (sig1 by v2)"; }
            case 3 -> { s2 = new Signature(v2, s1.digest()); mutation = " (sig2 forged from sig1)"; }
            default -> { }
        }
        var p1 = new VerifiedRegistry.RemoveDataCapProposal(v1, s1);
        var p2 = new VerifiedRegistry.RemoveDataCapProposal(v2, s2);
        long bal0 = c.datacap().balanceOf(client);
        long destroyed0 = c.verifreg().destroyedBytes();
        String desc = "removeVerifiedClientDataCap(by " + caller + ", client " + client + ", " + amount + ", verifiers "
                + v1 + "/" + v2 + ", ids " + id1 + "/" + id2 + ")" + mutation;
        Long destroyed = call(desc, () -> c.verifreg().removeVerifiedClientDataCap(caller, client, amount, p1, p2));
        if (destroyed != null) {
            expect(caller.equals(root), "removal applied for a non-root caller");
            expect(!v1.equals(v2), "removal applied with the same verifier twice");
            expect(destroyed == Math.min(bal0, amount), "destroyed " + destroyed + " != min(balance, amount)");
            expect(c.datacap().balanceOf(client) == bal0 - destroyed, "client balance not reduced");
            expect(c.verifreg().destroyedBytes() == destroyed0 + destroyed, "destroyed counter wrong");
            expect(c.verifreg().removalProposalId(v1, client) == id1 + 1 && c.verifreg().removalProposalId(v2, client) == id2 + 1,
                    "proposal ids not incremented");
            if (r.nextInt(3) == 0) mustRefuse("REPLAY " + desc, () -> c.verifreg().removeVerifiedClientDataCap(caller, client, amount, p1, p2));
        }
    }

    private void advance(SplittableRandom r) {
        if (r.nextInt(100) < 25) {
            // drain a miner's free balance first, so the coming fees must come from vesting funds or become debt
            Miner m = pick(r, miners);
            call("withdrawBalance(" + m.address() + " by owner, everything) before the clock moves",
                    () -> m.withdrawBalance(m.owner(), Fil.fil(1_000_000_000)));
        }
        int x = r.nextInt(100);
        long delta;
        if (x < 10) delta = r.nextLong(0, 100);
        else if (x < 80) delta = r.nextLong(1, 21) * DAY + (r.nextInt(4) == 0 ? r.nextLong(1, DAY) : 0);
        else if (x < 97) delta = r.nextLong(20, 121) * DAY;
        else delta = r.nextLong(200, 701) * DAY;
        advance(c.epoch() + delta);
    }

    /**
     * Day by day: one miner's owner withdraws everything just before each day boundary, so the day's fee must be
     * paid from vesting funds alone, and whatever vesting cannot cover becomes debt.
     */
    private void drainDays(SplittableRandom r) {
        // mostly the miner with the most vesting: its fees eat the vesting funds until they run short
        Miner m = pick(r, miners);
        if (r.nextInt(4) > 0)
            for (Miner x : miners) if (x.lockedFunds().compareTo(m.lockedFunds()) > 0) m = x;
        Miner drained = m;
        int days = 1 + r.nextInt(45);
        for (int i = 0; i < days; i++) {
            long boundary = (c.epoch() / DAY + 1) * DAY;
            if (boundary - 1 > c.epoch()) advance(boundary - 1);
            call("withdrawBalance(" + drained.address() + " by owner, everything) before the day boundary",
                    () -> drained.withdrawBalance(drained.owner(), Fil.fil(1_000_000_000)));
            advance(boundary);
        }
    }

    private void deposit(SplittableRandom r) {
        Miner m = pick(r, miners);
        Address caller = r.nextInt(4) == 0 ? pick(r, everyone) : m.owner();
        BigInteger amount = switch (r.nextInt(6)) {
            case 0 -> BigInteger.valueOf(-1);
            case 1 -> c.fil().balance(caller).add(BigInteger.ONE);
            default -> Fil.mulDiv(FIL, r.nextLong(0, 100_000), 1000);
        };
        call("deposit(" + m.address() + " from " + caller + ", " + amount + ")", () -> { m.deposit(caller, amount); return null; });
    }

    /** ExtendSectorExpiration3 (FIP-0118): refused before the upgrade; after it moves a sector to 10x. */
    private void extend3(SplittableRandom r) {
        Miner m = pick(r, miners);
        Address caller = r.nextInt(10) == 0 ? pick(r, everyone) : r.nextBoolean() ? m.owner() : m.worker();
        List<Sector> all = new ArrayList<>(m.sectors().values());
        Sector s = all.isEmpty() ? null : pick(r, all);
        long number = s == null ? 0 : s.number();
        long now = c.epoch();
        long exp = s == null ? now + 400 * DAY : switch (r.nextInt(5)) {
            case 0 -> s.expiration();
            case 1 -> s.expiration() - 1;
            case 2 -> now + MAX_SECTOR_EXPIRATION_EXTENSION + 1;
            default -> Math.min(now + MAX_SECTOR_EXPIRATION_EXTENSION, s.activation() + SECTOR_MAXIMUM_LIFETIME);
        };
        BigInteger value = r.nextBoolean() ? BigInteger.ZERO : Fil.mulDiv(FIL, r.nextLong(0, 20_000), 1_000);
        boolean up = c.upgraded();
        long qa0 = m.qaPower();
        BigInteger pledge0 = m.initialPledge();
        BigInteger delta = call("extendSectorExpiration3(" + m.address() + " by " + caller + ", sector " + number + " -> " + exp
                + ", value " + value + ")", () -> m.extendSectorExpiration3(caller, number, exp, value));
        if (delta != null) {
            expect(up, "ExtendSectorExpiration3 applied before the upgrade");
            Sector u = m.sector(number);
            expect(u.fullQa() && u.qaPower() == 10 * u.size() && u.expiration() == exp, "extend3 result " + u);
            expect(m.qaPower() == qa0 + u.qaPower() - s.qaPower(), "extend3 power delta");
            expect(m.initialPledge().equals(pledge0.add(delta)) && delta.signum() >= 0, "extend3 pledge delta");
            event("sector moved to 10x by ExtendSectorExpiration3");
        }
    }

    private void send(SplittableRandom r) {
        Address from = pick(r, everyone);
        Address to = pick(r, everyone);
        BigInteger amount = switch (r.nextInt(5)) {
            case 0 -> BigInteger.valueOf(-1);
            case 1 -> c.fil().balance(from).add(BigInteger.ONE);
            default -> Fil.mulDiv(c.fil().balance(from), r.nextLong(0, 1001), 1000);
        };
        call("send(" + from + " -> " + to + ", " + amount + ")", () -> { c.send(from, to, amount); return null; });
    }

    // ================================================================== storage market steps
    private void marketAddBalance(SplittableRandom r) {
        Miner m = pick(r, miners);
        Address caller = r.nextInt(4) == 0 ? m.owner() : pick(r, clients);
        Address to = caller.equals(m.owner()) || r.nextInt(6) == 0 ? m.address() : caller;
        BigInteger amount = switch (r.nextInt(8)) {
            case 0 -> BigInteger.ZERO;
            case 1 -> c.fil().balance(caller).add(BigInteger.ONE);
            default -> Fil.mulDiv(FIL, r.nextLong(1, 5_000), 1_000);
        };
        call("market.addBalance(" + caller + " -> " + to + ", " + amount + ")",
                () -> { c.market().addBalance(caller, to, amount); return null; });
    }

    private void marketWithdraw(SplittableRandom r) {
        Miner m = pick(r, miners);
        Address address = r.nextBoolean() ? m.address() : pick(r, clients);
        Address caller = r.nextInt(6) == 0 ? pick(r, everyone) : address.equals(m.address()) ? m.owner() : address;
        BigInteger amount = r.nextInt(5) == 0 ? BigInteger.valueOf(-1) : Fil.mulDiv(FIL, r.nextLong(0, 3_000), 1_000);
        BigInteger before = c.fil().balance(address.equals(m.address()) ? m.owner() : address);
        BigInteger out = call("market.withdrawBalance(" + caller + ", " + address + ", " + amount + ")",
                () -> c.market().withdrawBalance(caller, address, amount));
        if (out != null && !address.equals(m.address()) && !hooked.contains(address))
            expect(c.fil().balance(address).equals(before.add(out)), "withdrawal not paid to the address");
    }

    private void marketPublish(SplittableRandom r) {
        Miner m = pick(r, miners);
        long now = c.epoch();
        Address caller = r.nextInt(12) == 0 ? pick(r, everyone) : m.worker();
        int n = 1 + r.nextInt(4);
        List<DealProposal> deals = new ArrayList<>();
        long maxDuration = c.market().maxDealDuration();
        for (int i = 0; i < n; i++) {
            Address cl = pick(r, clients);
            long size = switch (r.nextInt(8)) {
                case 0 -> 64;                           // below the minimum piece
                case 1 -> 3 * MiB;                      // not a power of two
                case 2 -> 512 * KiB;                    // a valid piece below the allocation minimum
                default -> MiB << r.nextInt(12);        // 1 MiB .. 2 GiB
            };
            long start = now + switch (r.nextInt(6)) {
                case 0 -> 0;
                case 1 -> -1;                           // already passed
                case 2 -> MAXIMUM_VERIFIED_ALLOCATION_EXPIRATION + r.nextLong(0, 10 * DAY);
                default -> r.nextLong(0, 20 * DAY);
            };
            long duration = switch (r.nextInt(8)) {
                case 0 -> StorageMarket.MIN_DEAL_DURATION;
                case 1 -> maxDuration;
                case 2 -> maxDuration + 1;
                case 3 -> StorageMarket.MIN_DEAL_DURATION - 1;
                default -> StorageMarket.MIN_DEAL_DURATION + r.nextLong(0, maxDuration - StorageMarket.MIN_DEAL_DURATION);
            };
            BigInteger minPc = c.market().minProviderCollateral(size);
            BigInteger pc = r.nextInt(10) == 0 ? minPc.subtract(BigInteger.ONE) : minPc.add(Fil.mulDiv(FIL, r.nextLong(0, 50), 1_000));
            BigInteger price = BigInteger.valueOf(r.nextLong(0, 1_000_000));
            BigInteger cc = Fil.mulDiv(FIL, r.nextLong(0, 20), 1_000);
            Address provider = r.nextInt(15) == 0 ? pick(r, miners).address() : m.address();
            DealProposal d = new DealProposal(cl, provider, dataCounter++, size, start, start + duration, price,
                    pc.max(BigInteger.ZERO), cc, r.nextInt(3) > 0);
            deals.add(d);
            if (r.nextInt(4) > 0 && d.clientBalanceRequirement().compareTo(c.fil().balance(cl)) < 0)
                call("market.addBalance(" + cl + ", " + d.clientBalanceRequirement() + ")",
                        () -> { c.market().addBalance(cl, cl, d.clientBalanceRequirement()); return null; });
            if (r.nextInt(4) > 0)
                call("market.addBalance(" + m.owner() + " -> " + m.address() + ", " + d.providerCollateral() + ")",
                        () -> { c.market().addBalance(m.owner(), m.address(), d.providerCollateral().max(BigInteger.ONE)); return null; });
        }
        if (r.nextInt(10) == 0 && !c.market().proposals().isEmpty()) // a duplicate of a pending deal
            deals.add(pick(r, new ArrayList<>(c.market().proposals().values())));
        long next = c.market().nextDealId();
        StorageMarket.PublishResult res = call("market.publishStorageDeals(" + caller + ", " + deals + ")",
                () -> c.market().publishStorageDeals(caller, deals));
        if (res != null) {
            expect(c.market().nextDealId() == next + res.dealIds().size(), "deal ids not consecutive");
            for (long id : res.dealIds()) {
                DealProposal d = c.market().proposal(id);
                expect(d != null && c.market().dealState(id) == null, "published deal " + id + " not pending");
                if (d.verified() && c.regime() == Regime.FIP45_MARKET) {
                    Allocation a = c.verifreg().allocation(d.client(), c.market().pendingAllocation(id));
                    expect(a != null && a.termMin() == d.duration()
                            && a.termMax() == Math.min(d.duration() + MARKET_DEFAULT_ALLOCATION_TERM_BUFFER, MAXIMUM_VERIFIED_ALLOCATION_TERM)
                            && a.expiration() == Math.min(d.startEpoch(), now + MAXIMUM_VERIFIED_ALLOCATION_EXPIRATION),
                            "allocation of deal " + id + " does not follow the deal: " + a);
                }
            }
            event("market deals published");
        }
    }

    private void marketCommit(SplittableRandom r) {
        Miner m = pick(r, miners);
        long now = c.epoch();
        List<Long> mine = new ArrayList<>();
        for (var e : c.market().proposals().entrySet())
            if (e.getValue().provider().equals(m.address()) && c.market().dealState(e.getKey()) == null
                    && e.getValue().startEpoch() >= now)
                mine.add(e.getKey());
        shuffle(r, mine);
        List<Long> ids = new ArrayList<>();
        long used = 0;
        long maxEnd = now;
        long minTermMax = Long.MAX_VALUE;
        int k = mine.isEmpty() ? 0 : 1 + r.nextInt(Math.min(4, mine.size()));
        for (long id : mine) {
            if (ids.size() >= k) break;
            DealProposal d = c.market().proposal(id);
            if (used + d.size() > m.sectorSize()) continue;
            ids.add(id);
            used += d.size();
            maxEnd = Math.max(maxEnd, d.endEpoch());
            if (d.verified()) minTermMax = Math.min(minTermMax, d.duration() + MARKET_DEFAULT_ALLOCATION_TERM_BUFFER);
        }
        String mutation = "";
        if (r.nextInt(100) < 12) {
            int x = r.nextInt(4);
            mutation = " mutation=" + x;
            switch (x) {
                case 0 -> ids.add(c.market().nextDealId() + 7);                                   // no such deal
                case 1 -> { if (!ids.isEmpty()) ids.add(ids.get(0)); }                             // twice
                case 2 -> { if (!c.market().dealStates().isEmpty()) ids.add(pick(r, new ArrayList<>(c.market().dealStates().keySet()))); }
                default -> maxEnd += 1 + r.nextLong(0, 10 * DAY);                                 // exp before a deal's end
            }
        }
        long lo = Math.max(maxEnd - now, MIN_SECTOR_EXPIRATION);
        long hi = Math.min(MAX_SECTOR_EXPIRATION_EXTENSION, minTermMax == Long.MAX_VALUE ? Long.MAX_VALUE : minTermMax);
        long term = lo <= hi ? lo + r.nextLong(0, Math.min(hi - lo, 60 * DAY) + 1) : lo;
        if (mutation.endsWith("=3")) term = maxEnd - now - 1 - r.nextLong(0, DAY);
        long exp = now + term;
        BigInteger value = Fil.mulDiv(FIL, r.nextLong(0, 20_000), 1_000);
        Address caller = r.nextInt(15) == 0 ? pick(r, everyone) : m.worker();
        long qa0 = m.qaPower();
        List<Long> dealIds = List.copyOf(ids);
        Long number = call("proveCommitSector(" + m.address() + " by " + caller + ", deals " + dealIds + ", exp " + exp
                        + ", value " + value + ")" + mutation,
                () -> m.proveCommitSector(caller, new Miner.SectorActivation(List.of(), exp, dealIds), value));
        if (number != null) {
            Sector s = m.sector(number);
            expect(s.dealIds().equals(dealIds), "sector deal ids " + s.dealIds() + " != " + dealIds);
            long verified = 0;
            BigInteger w = BigInteger.ZERO, vw = BigInteger.ZERO;
            List<DealProposal> props = new ArrayList<>();
            for (long id : dealIds) {
                DealProposal d = c.market().proposal(id);
                props.add(d);
                StorageMarket.DealState st = c.market().dealState(id);
                expect(st != null && st.sector() == number, "deal " + id + " not active in sector " + number);
                if (d.verified()) verified += d.size();
            }
            expect(s.verifiedBytes() == verified, "sector verified bytes " + s.verifiedBytes() + " != " + verified);
            long qa = c.regime().isV1() ? StorageMarket.qaPowerForDeals(m.sectorSize(), now, exp, props)
                    : Sector.qaPower(m.sectorSize(), verified);
            expect(s.qaPower() == qa, "sector QA " + s.qaPower() + " != " + qa);
            expect(m.qaPower() == qa0 + qa, "miner QA not increased by the sector's");
            if (!dealIds.isEmpty()) event("sector committed with market deals");
        }
    }

    // ================================================================== invariants
    void checkInvariants(String after) {
        if (c.journal().inTransaction()) fail("journal still inside a transaction after " + after);
        // ---- DataCap
        DataCapToken t = c.datacap();
        VerifiedRegistry vr = c.verifreg();
        long sumBalances = 0;
        for (var e : t.balances().entrySet()) {
            if (e.getValue() < 0) fail("negative DataCap balance " + e);
            sumBalances = Math.addExact(sumBalances, e.getValue());
        }
        if (t.totalSupply() != sumBalances) fail("totalSupply " + t.totalSupply() + " != sum of balances " + sumBalances);
        long gone = Math.addExact(Math.addExact(Math.addExact(vr.claimedBytes(), vr.extensionBurnedBytes()), vr.destroyedBytes()),
                vr.clearedBytes());
        if (t.minted() != Math.addExact(sumBalances, gone))
            fail("DataCap not conserved: minted " + t.minted() + " != balances " + sumBalances + " + claimed " + vr.claimedBytes()
                    + " + extension-burned " + vr.extensionBurnedBytes() + " + destroyed " + vr.destroyedBytes()
                    + " + cleared " + vr.clearedBytes());
        if (t.burned() != gone) fail("burned " + t.burned() + " != claimed + extension-burned + destroyed + cleared " + gone);
        if (c.upgraded() && (vr.heldBytes() != 0 || !vr.verifiers().isEmpty()))
            fail("after the upgrade the registry holds " + vr.heldBytes() + " bytes for allocations, verifiers " + vr.verifiers());
        if (!c.upgraded() && vr.clearedBytes() != 0) fail("DataCap cleared before the upgrade");
        long allocSum = 0;
        Set<Long> ids = new HashSet<>();
        for (Address client : vr.clientsWithAllocations().keySet()) {
            for (var e : vr.allocationsOf(client).entrySet()) {
                Allocation a = e.getValue();
                if (a.id() != e.getKey() || !a.client().equals(client)) fail("allocation filed under the wrong key: " + a);
                if (a.size() < MINIMUM_VERIFIED_ALLOCATION_SIZE) fail("allocation below minimum size " + a);
                if (!c.isMiner(a.provider())) fail("allocation for a non-miner provider " + a);
                if (a.id() <= 0 || a.id() >= vr.nextAllocationId()) fail("allocation id out of range " + a);
                if (!ids.add(a.id())) fail("duplicate allocation id " + a.id());
                allocSum = Math.addExact(allocSum, a.size());
            }
        }
        if (t.balanceOf(Chain.VERIFIED_REGISTRY) != vr.heldBytes() || vr.heldBytes() != allocSum)
            fail("registry holding " + t.balanceOf(Chain.VERIFIED_REGISTRY) + " / heldBytes " + vr.heldBytes()
                    + " / sum of allocations " + allocSum + " differ");
        for (Address p : vr.providersWithClaims()) {
            for (var e : vr.claimsOf(p).entrySet()) {
                Claim cl = e.getValue();
                if (cl.id() != e.getKey() || !cl.provider().equals(p)) fail("claim filed under the wrong key: " + cl);
                if (!ids.add(cl.id())) fail("claim id " + cl.id() + " also used by an allocation or another claim");
                if (cl.id() <= 0 || cl.id() >= vr.nextAllocationId()) fail("claim id out of range " + cl);
                // a paid extension may take term_max past 5 years (the limit is 5 years from now), never past that
                if (cl.termMax() < cl.termMin()) fail("claim term_max below term_min " + cl);
            }
        }
        for (var e : vr.verifiers().entrySet()) if (e.getValue() < 0) fail("negative verifier allowance " + e);
        // ---- FIL
        BigInteger sumRewards = BigInteger.ZERO, sumMinerBalances = BigInteger.ZERO, sumFeesBurned = BigInteger.ZERO;
        BigInteger simRaw = BigInteger.ZERO, simQa = BigInteger.ZERO;
        long now = c.epoch();
        for (Miner m : c.miners().values()) {
            String id = "miner " + m.address() + ": ";
            if (!m.deposited().add(m.rewardsReceived()).equals(m.balance().add(m.withdrawn()).add(m.feesBurned())))
                fail(id + "deposited " + m.deposited() + " + rewards " + m.rewardsReceived() + " != balance " + m.balance()
                        + " + withdrawn " + m.withdrawn() + " + fees burned " + m.feesBurned());
            if (!m.balance().equals(m.initialPledge().add(m.lockedFunds()).add(m.unlockedBalance())))
                fail(id + "balance != pledge + locked + unlocked");
            for (var v : new BigInteger[] {m.balance(), m.initialPledge(), m.lockedFunds(), m.feeDebt(), m.unlockedBalance(),
                    m.deposited(), m.rewardsReceived(), m.withdrawn(), m.feesBurned(), m.dailyFee()})
                if (v.signum() < 0) fail(id + "negative amount: " + ChainSnapshot.of(c));
            BigInteger vest = BigInteger.ZERO;
            for (var e : m.vestingTable().entrySet()) {
                if (e.getValue().signum() <= 0) fail(id + "non-positive vesting entry " + e);
                if (e.getKey() <= now) fail(id + "vesting entry " + e + " due but not unlocked at " + now);
                vest = vest.add(e.getValue());
            }
            if (!vest.equals(m.lockedFunds())) fail(id + "locked " + m.lockedFunds() + " != sum of vesting table " + vest);
            BigInteger pledge = BigInteger.ZERO, fee = BigInteger.ZERO;
            long raw = 0, qa = 0, ver = 0;
            for (var e : m.sectors().entrySet()) {
                Sector s = e.getValue();
                if (s.number() != e.getKey()) fail(id + "sector filed under the wrong number " + s);
                if (s.expiration() <= now) fail(id + "sector " + s.number() + " past its expiration " + s.expiration() + " still active at " + now);
                if (s.activation() > now) fail(id + "sector activated in the future " + s);
                if (s.expiration() - s.activation() > SECTOR_MAXIMUM_LIFETIME) fail(id + "sector lifetime beyond 5 years " + s);
                if (s.fullQa() && (s.verifiedBytes() != 0 || !c.upgraded()))
                    fail(id + "10x sector " + s + " with verified bytes, or before the upgrade");
                if (c.upgraded()) { // claims are historical records: a legacy sector may outlive (or lose) its claims
                    pledge = pledge.add(s.initialPledge());
                    fee = fee.add(s.dailyFee());
                    raw += s.size();
                    qa += s.qaPower();
                    ver += s.verifiedBytes();
                    continue;
                }
                long claimBytes = 0;
                for (long cid : s.claimIds()) {
                    Claim cl = vr.claim(m.address(), cid);
                    if (cl == null) fail(id + "sector " + s.number() + " holds claim " + cid + " missing from the registry");
                    if (cl.sector() != s.number()) fail(id + "claim " + cl + " names another sector than " + s.number());
                    if (cl.end() < s.expiration()) fail(id + "sector " + s.number() + " outlives its claim " + cl);
                    claimBytes += cl.size();
                }
                if (!s.weighted() && claimBytes != s.verifiedBytes()) fail(id + "sector " + s.number() + " verified bytes " + s.verifiedBytes() + " != its claims " + claimBytes);
                pledge = pledge.add(s.initialPledge());
                fee = fee.add(s.dailyFee());
                raw += s.size();
                qa += s.qaPower();
                ver += s.verifiedBytes();
            }
            if (!pledge.equals(m.initialPledge())) fail(id + "pledge " + m.initialPledge() + " != sum of sector pledges " + pledge);
            if (!fee.equals(m.dailyFee())) fail(id + "daily fee " + m.dailyFee() + " != sum of sector fees " + fee);
            if (raw != m.rawPower() || qa != m.qaPower() || ver != m.verifiedBytes())
                fail(id + "power raw/qa/verified " + m.rawPower() + "/" + m.qaPower() + "/" + m.verifiedBytes()
                        + " != sums over sectors " + raw + "/" + qa + "/" + ver);
            BeneficiaryTerm bt = m.beneficiaryTerm();
            if (m.beneficiary().equals(m.owner())) {
                if (!bt.equals(BeneficiaryTerm.OWNER)) fail(id + "owner as beneficiary with a term " + bt);
            } else {
                if (bt.quota().signum() <= 0) fail(id + "non-owner beneficiary " + m.beneficiary() + " with quota " + bt.quota());
                // the used quota may exceed a lowered quota (a same-address change keeps it); then nothing is available
                if (bt.usedQuota().signum() < 0) fail(id + "negative used quota: " + bt);
            }
            PendingBeneficiaryChange pc = m.pendingBeneficiaryChange();
            if (pc != null && !pc.newBeneficiary().equals(m.owner()) && pc.newQuota().signum() <= 0)
                fail(id + "pending change to a non-owner with quota " + pc.newQuota());
            // penalties are paid from vesting funds first: a miner in debt has nothing vesting
            if (m.feeDebt().signum() > 0 && m.lockedFunds().signum() > 0)
                fail(id + "fee debt " + m.feeDebt() + " outstanding while " + m.lockedFunds() + " is still vesting");
            if (!c.config().dailyFeeEnabled() && !c.config().terminationFeeEnabled() && m.feesBurned().signum() != 0)
                fail(id + "fees burned with fees switched off");
            sumRewards = sumRewards.add(m.rewardsReceived());
            sumMinerBalances = sumMinerBalances.add(m.balance());
            sumFeesBurned = sumFeesBurned.add(m.feesBurned());
            simRaw = simRaw.add(BigInteger.valueOf(m.rawPower()));
            simQa = simQa.add(BigInteger.valueOf(m.qaPower()));
        }
        if (!simRaw.equals(c.power().simulatedRaw()) || !simQa.equals(c.power().simulatedQa()))
            fail("power actor totals " + c.power().simulatedRaw() + "/" + c.power().simulatedQa() + " != miners' " + simRaw + "/" + simQa);
        long above = 0;
        for (Miner m : c.miners().values()) if (m.rawPower() >= MINIMUM_CONSENSUS_POWER) above++;
        if (c.power().minersAboveMinimum() != above + c.config().exogenousMinersAboveMinimum())
            fail("miners above the consensus minimum " + c.power().minersAboveMinimum() + " != " + above + " + exogenous");
        if (!sumRewards.equals(c.rewardToSimulated()))
            fail("sum of miners' rewards " + sumRewards + " != chain.rewardToSimulated " + c.rewardToSimulated());
        BigInteger ledger = BigInteger.ZERO;
        for (var e : c.fil().view().entrySet()) {
            if (e.getValue().signum() < 0) fail("negative FIL balance " + e);
            ledger = ledger.add(e.getValue());
        }
        BigInteger streams = c.rewardToService().add(c.rewardBurned());
        if (!ledger.add(sumMinerBalances).equals(c.fil().endowed().add(c.rewardToSimulated()).add(streams)))
            fail("FIL not conserved: ledger " + ledger + " + miner balances " + sumMinerBalances + " != endowed "
                    + c.fil().endowed() + " + rewards " + c.rewardToSimulated() + " + service " + c.rewardToService()
                    + " + burned stream " + c.rewardBurned());
        if (!c.reward().emittedToNetwork().equals(c.rewardConsensus().add(streams)))
            fail("emitted " + c.reward().emittedToNetwork() + " != consensus " + c.rewardConsensus() + " + service + burned " + streams);
        if (!c.fil().balance(Chain.SERVICE_ORCHESTRATORS).equals(c.rewardToService()))
            fail("service pool " + c.fil().balance(Chain.SERVICE_ORCHESTRATORS) + " != service stream " + c.rewardToService());
        if (c.rewardBurned().signum() > 0) event("reward stream burned");
        for (Miner m : c.miners().values()) {
            if (m.feeDebt().signum() > 0) event("miner with fee debt");
            if (m.rewardsReceived().signum() > 0) event("miner with rewards");
            if (!m.beneficiary().equals(m.owner())) event("non-owner beneficiary");
            if (m.pendingBeneficiaryChange() != null) event("pending beneficiary change");
        }
        // ---- storage market: its account holds exactly the escrow; collateral burned goes to the burn address
        StorageMarket mk = c.market();
        BigInteger escrow = BigInteger.ZERO;
        for (var e : mk.escrowTable().entrySet()) {
            if (e.getValue().signum() < 0) fail("negative escrow " + e);
            if (mk.locked(e.getKey()).compareTo(e.getValue()) > 0) fail("locked above escrow for " + e.getKey());
            escrow = escrow.add(e.getValue());
        }
        for (var e : mk.lockedTable().entrySet()) if (e.getValue().signum() <= 0) fail("non-positive lock " + e);
        if (!escrow.equals(c.fil().balance(Chain.STORAGE_MARKET)) || !escrow.equals(mk.totalEscrow()))
            fail("market account " + c.fil().balance(Chain.STORAGE_MARKET) + " != sum of escrow " + escrow);
        if (!mk.deposited().subtract(mk.withdrawn()).subtract(mk.burned()).equals(escrow))
            fail("escrow " + escrow + " != deposited " + mk.deposited() + " - withdrawn " + mk.withdrawn() + " - burned "
                    + mk.burned());
        BigInteger expectLocked = BigInteger.ZERO;
        for (var e : mk.proposals().entrySet()) {
            DealProposal d = e.getValue();
            StorageMarket.DealState st = mk.dealState(e.getKey());
            if (st == null) {
                expectLocked = expectLocked.add(d.clientBalanceRequirement()).add(d.providerCollateral());
                if (d.verified() && c.regime() == Regime.FIP45_MARKET) {
                    // its allocation may be gone already: RemoveExpiredAllocations once it expired (≤ the start)
                    Allocation a = c.verifreg().allocation(d.client(), mk.pendingAllocation(e.getKey()));
                    if (mk.pendingAllocation(e.getKey()) == VerifiedDealHook.NO_ALLOCATION
                            || a != null && (a.size() != d.size() || a.data() != d.data() || now > a.expiration()
                            && now > d.startEpoch()))
                        fail("pending verified deal " + e.getKey() + " and its allocation disagree: " + a);
                }
            } else {
                long paidUpTo = st.lastUpdatedEpoch() == StorageMarket.EPOCH_UNDEFINED ? d.startEpoch()
                        : Math.max(d.startEpoch(), st.lastUpdatedEpoch());
                BigInteger rest = d.pricePerEpoch().multiply(BigInteger.valueOf(d.endEpoch() - paidUpTo));
                expectLocked = expectLocked.add(rest).add(d.clientCollateral()).add(d.providerCollateral());
                Miner pm = c.miner(d.provider());
                Sector sec = pm.sector(st.sector());
                if (st.slashEpoch() == StorageMarket.EPOCH_UNDEFINED && d.endEpoch() > now
                        && (sec == null || !sec.dealIds().contains(e.getKey())))
                    fail("active deal " + e.getKey() + " not in a live sector " + st.sector());
            }
        }
        BigInteger sumLocked = BigInteger.ZERO;
        for (BigInteger v : mk.lockedTable().values()) sumLocked = sumLocked.add(v);
        if (!sumLocked.equals(expectLocked)) fail("market locked " + sumLocked + " != what its deals lock " + expectLocked);
        if (c.verifregV1() != null) {
            for (var e : c.verifregV1().verifiedClients().entrySet())
                if (e.getValue() < MINIMUM_VERIFIED_ALLOCATION_SIZE) fail("v1 client below 1 MiB kept: " + e);
            for (var e : c.verifregV1().verifiers().entrySet()) if (e.getValue() < 0) fail("negative v1 allowance " + e);
        }
        if (mk.timedOutDeals() > 0) event("market deal timed out");
        if (mk.slashedDeals() > 0) event("market deal slashed");
        if (mk.activatedDeals() > 0) event("market deal activated");
        if (!c.fil().balance(Chain.BURN).equals(sumFeesBurned.add(mk.burned()).add(c.rewardBurned())))
            fail("burn address holds " + c.fil().balance(Chain.BURN) + " but miners burned " + sumFeesBurned
                    + ", the market " + mk.burned() + " and the burned stream " + c.rewardBurned());
    }

    // ================================================================== helpers
    void event(String name) { events.merge(name, 1L, Long::sum); }

    /** The calls made so far, each with its outcome (applied or the rule that refused it). */
    List<String> trace() { return trace; }

    List<Allocation> allAllocations() {
        List<Allocation> out = new ArrayList<>();
        for (Address client : c.verifreg().clientsWithAllocations().keySet()) out.addAll(c.verifreg().allocationsOf(client).values());
        return out;
    }

    List<Claim> allClaims() {
        List<Claim> out = new ArrayList<>();
        for (Address p : c.verifreg().providersWithClaims()) out.addAll(c.verifreg().claimsOf(p).values());
        return out;
    }

    private List<Address> nonMiners() {
        List<Address> out = new ArrayList<>();
        for (Address a : everyone) if (!c.isMiner(a)) out.add(a);
        return out;
    }

    static <T> T pick(SplittableRandom r, List<T> list) { return list.get(r.nextInt(list.size())); }

    static <T> void shuffle(SplittableRandom r, List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    private void expect(boolean ok, String message) {
        if (!ok) fail(message);
    }

    void fail(String message) {
        throw new AssertionError(message + "\n--- trace (" + trace.size() + " entries, last 80) ---\n" + traceTail(80));
    }

    String traceTail(int n) {
        return String.join("\n", trace.subList(Math.max(0, trace.size() - n), trace.size()));
    }

    private static String abbreviate(String s) { return s.length() > 200 ? s.substring(0, 200) + "…" : s; }

    private static String firstDifference(String before, String after) {
        String[] a = before.split("\n"), b = after.split("\n");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "<none>", y = i < b.length ? b[i] : "<none>";
            if (!x.equals(y)) return "before: " + abbreviate(x) + "\nafter:  " + abbreviate(y);
        }
        return "(no line differs)";
    }
}
