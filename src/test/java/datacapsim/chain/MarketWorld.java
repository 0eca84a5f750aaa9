package datacapsim.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/**
 * A chain of a storage market regime with one 32 GiB miner, funded accounts and a verified client of the regime's
 * registry (v1 / v1-topup: {@link VerifiedRegistryV1}; fip45-market: the FIP-0045 registry and DataCap token), with
 * helpers to publish deals and commit sectors holding them. Constant reward series and a per-TiB pledge.
 */
final class MarketWorld {
    static final long DAY = Policy.EPOCHS_IN_DAY;
    static final long GIB = Policy.GiB;
    static final long S32 = Policy.SECTOR_SIZE_32GIB;
    static final BigInteger PRICE = BigInteger.valueOf(1_000_000_000L);
    static final BigInteger PC = Fil.fil(1);
    static final BigInteger CC = Fil.parseFil("0.5");

    final Chain c;
    final StorageMarket mk;
    final Address owner;
    final Address worker;
    final Miner m;
    final Address verifier;
    final Address client;
    private long nextData = 1;

    /** A world of {@code regime} whose client holds {@code clientBytes} of verified bytes / DataCap. */
    MarketWorld(Regime regime, long clientBytes) {
        c = ChainFixture.chain(ChainFixture.simpleMoney(Fil.fil(20), Fil.fil(3)).withRegime(regime));
        mk = c.market();
        owner = c.newAccount();
        worker = c.newAccount();
        c.fil().endow(owner, Fil.fil(100_000));
        c.fil().endow(worker, Fil.fil(100_000));
        m = c.createMiner(owner, worker, S32);
        verifier = c.newAccount();
        client = newClient(clientBytes);
    }

    /** A new funded account made a verified client of the regime's registry with {@code bytes} (none when 0). */
    Address newClient(long bytes) {
        Address a = c.newAccount();
        c.fil().endow(a, Fil.fil(10_000));
        if (bytes > 0) grant(a, bytes);
        return a;
    }

    /** AddVerifiedClient(a, bytes) by the world's verifier (made a verifier first if need be). */
    void grant(Address a, long bytes) {
        if (c.regime().isV1()) {
            VerifiedRegistryV1 r = c.verifregV1();
            if (!r.isVerifier(verifier)) r.addVerifier(c.rootKey(), verifier, 1_000 * Policy.PiB);
            r.addVerifiedClient(verifier, a, bytes);
        } else {
            VerifiedRegistry r = c.verifreg();
            if (!r.isVerifier(verifier)) r.addVerifier(c.rootKey(), verifier, 1_000 * Policy.PiB);
            r.addVerifiedClient(verifier, a, bytes);
        }
    }

    DealProposal deal(Address cl, long size, long start, long end, boolean verified) {
        return new DealProposal(cl, m.address(), nextData++, size, start, end, PRICE, PC, CC, verified);
    }

    /** Funds both escrows with exactly what the deals lock (each client its own). */
    void fund(List<DealProposal> deals) {
        BigInteger provider = BigInteger.ZERO;
        for (DealProposal d : deals) {
            mk.addBalance(d.client(), d.client(), d.clientBalanceRequirement());
            provider = provider.add(d.providerCollateral());
        }
        if (provider.signum() > 0) mk.addBalance(owner, m.address(), provider);
    }

    /** Funds and publishes the deals in one batch, all of which must be accepted; returns their ids. */
    List<Long> publish(DealProposal... deals) {
        fund(List.of(deals));
        StorageMarket.PublishResult r = mk.publishStorageDeals(worker, List.of(deals));
        assertTrue(r.deals().allOk(), () -> r.deals().errors().toString());
        return r.dealIds();
    }

    /** Commits a sector expiring at {@code exp} holding the deals; the worker sends enough for the pledge. */
    long commit(long exp, List<Long> dealIds) {
        return m.proveCommitSector(worker, new Miner.SectorActivation(List.of(), exp, dealIds), Fil.fil(100));
    }

    /** Everything observable: the chain, the market and the v1 registry. */
    String snapshot() {
        List<String> out = new ArrayList<>();
        out.add(ChainSnapshot.of(c));
        out.add(StorageMarketTest.marketSnapshot(mk) + " pendingAlloc=" + pendingAllocations()
                + " activated=" + mk.activatedDeals() + " pending=" + mk.pendingDeals());
        if (c.verifregV1() != null)
            out.add("v1 verifiers=" + c.verifregV1().verifiers() + " clients=" + c.verifregV1().verifiedClients()
                    + " ever=" + c.verifregV1().everVerifiedClientSet());
        return String.join("\n", out);
    }

    private String pendingAllocations() {
        StringBuilder b = new StringBuilder();
        for (long id : mk.proposals().keySet()) b.append(id).append(':').append(mk.pendingAllocation(id)).append(' ');
        return b.toString();
    }

    /** Asserts the call is refused with the exit code and rule and that nothing observable changed. */
    ActorError refused(ExitCode code, String rule, Executable call) {
        String before = snapshot();
        ActorError e = assertThrows(ActorError.class, call);
        assertEquals(code, e.exitCode(), e::toString);
        assertEquals(rule, e.rule(), e::toString);
        assertEquals(before, snapshot(), "state changed by the refused call " + e);
        return e;
    }
}
