package datacapsim.agents;

import datacapsim.chain.Address;
import datacapsim.chain.AllocationRequests;
import datacapsim.chain.Chain;
import datacapsim.contracts.ClientContract;
import datacapsim.contracts.MetaAllocator;
import datacapsim.contracts.OnRamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The grant and allocation channels of the direct, meta-allocator, client-contract and onramp designs. The direct
 * design's channels read and grant through the chain's {@link VerifiedPath}; the contract designs' channels use the
 * FIP-0045 registry and DataCap token directly, since they run only where those exist (ddo, fip45-market, solstice).
 */
public final class Channels {
    private Channels() {}

    /** direct: the allocator is a verifier; the client holds DataCap itself (on the chain's {@link VerifiedPath}). */
    public static GrantChannel verifier(Chain chain) {
        return new GrantChannel() {
            public long remaining(Address allocator) { return VerifiedPath.of(chain).verifierAllowance(allocator); }
            public long unspent(Address client) { return VerifiedPath.of(chain).dataCap(client); }
            @Override public boolean accepts(Address client) { return VerifiedPath.of(chain).acceptsGrant(client); }
            public void grant(Address allocator, Address client, long amount, List<Address> providers) {
                VerifiedPath.of(chain).addVerifiedClient(allocator, client, amount);
            }
        };
    }

    /** meta-allocator: the allocator grants through the MetaAllocator; the client holds DataCap itself. */
    public static GrantChannel metaAllocator(Chain chain, MetaAllocator ma) {
        return new GrantChannel() {
            public long remaining(Address allocator) { return ma.allowance(allocator); }
            public long unspent(Address client) { return chain.datacap().balanceOf(client); }
            public void grant(Address allocator, Address client, long amount, List<Address> providers) {
                ma.addVerifiedClient(allocator, client, amount);
            }
        };
    }

    /**
     * client-contract: the allocator mints through the MetaAllocator into the Client Contract it owns, then gives the
     * client an allowance there and allows the client's providers. Two transactions: if the second is refused, the
     * minted DataCap stays in the contract credited to nobody.
     */
    public static GrantChannel clientContract(MetaAllocator ma, ClientContract cc, long deviationBps) {
        return new GrantChannel() {
            public long remaining(Address allocator) { return ma.allowance(allocator); }
            public long unspent(Address client) { return cc.allowance(client); }
            public void grant(Address allocator, Address client, long amount, List<Address> providers) {
                ma.addVerifiedClient(allocator, cc.address(), amount);
                List<Address> missing = missingSps(cc, client, providers);
                if (!missing.isEmpty()) cc.addAllowedSPsForClient(allocator, client, missing);
                if (cc.maxDeviation(client) != deviationBps) cc.setClientMaxDeviationFromFairDistribution(allocator, client, deviationBps);
                cc.increaseAllowance(allocator, client, amount);
            }
        };
    }

    private static List<Address> missingSps(ClientContract cc, Address client, List<Address> providers) {
        List<Address> missing = new ArrayList<>();
        for (Address p : providers) if (!cc.isAllowedSP(client, p)) missing.add(p);
        return missing;
    }

    /** onramp: as client-contract, with the OnRamp (rate limits, bans, pause) as the Client Contract's owner. */
    public static GrantChannel onRamp(MetaAllocator ma, OnRamp onRamp, long deviationBps) {
        ClientContract cc = onRamp.clientContract();
        return new GrantChannel() {
            public long remaining(Address allocator) { return ma.allowance(allocator); }
            public long unspent(Address client) { return cc.allowance(client); }
            public void grant(Address allocator, Address client, long amount, List<Address> providers) {
                List<Address> missing = missingSps(cc, client, providers);
                if (!missing.isEmpty()) onRamp.addAllowedSPsForClient(allocator, client, missing);
                if (cc.maxDeviation(client) != deviationBps) onRamp.setClientMaxDeviationFromFairDistribution(allocator, client, deviationBps);
                // the allowance first: a refusal (paused, banned, over the rate limit) then mints nothing
                onRamp.increaseAllowance(allocator, client, amount);
                ma.addVerifiedClient(allocator, cc.address(), amount);
            }
        };
    }

    /** The client's own DataCap, transferred to the registry by the client. */
    public static AllocationChannel own(Chain chain) {
        return new AllocationChannel() {
            public Address registryClient(Address client) { return client; }
            public long spendable(Address client) { return VerifiedPath.of(chain).dataCap(client); }
            public List<Long> allocate(Address client, long amount, AllocationRequests requests) {
                return chain.datacap().transfer(client, Chain.VERIFIED_REGISTRY, amount, requests).allocationIds();
            }
            public long recoverExpired(Address client, List<Long> ids) {
                return chain.verifreg().removeExpiredAllocations(client, client, ids).recovered();
            }
        };
    }

    /** A Client Contract spending on the client's behalf; returned DataCap stays in the contract. */
    public static AllocationChannel clientContract(Chain chain, ClientContract cc) {
        return new AllocationChannel() {
            public Address registryClient(Address client) { return cc.address(); }
            public long spendable(Address client) { return Math.min(cc.allowance(client), chain.datacap().balanceOf(cc.address())); }
            public long headroom(Address client, Address provider) {
                if (!cc.isAllowedSP(client, provider)) return 0;
                return Math.max(0, cc.maxPerSp(client) - cc.allocatedTo(client, provider));
            }
            public List<Long> allocate(Address client, long amount, AllocationRequests requests) {
                return cc.transfer(client, amount, requests).allocationIds();
            }
            public long recoverExpired(Address client, List<Long> ids) {
                chain.verifreg().removeExpiredAllocations(client, cc.address(), ids);
                return 0;
            }
        };
    }
}
