package datacapsim.agents;

import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.AllocationRequest;
import datacapsim.chain.AllocationRequests;
import datacapsim.chain.Chain;
import datacapsim.chain.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * An honest client: arrives at a set epoch with a dataset, applies to its allocator for DataCap for every replica,
 * then turns the DataCap it holds into allocations, one piece per sector, each replica with a different provider
 * drawn at random; it tells each provider off-chain and, weekly, recovers DataCap from allocations that expired
 * unclaimed, to place them again.
 */
public final class Client implements Agent {
    private final String label;
    private final Address address;
    private final Allocator allocator;
    private final List<Address> providers;
    private final long arrivalEpoch;
    private final long pieceSize;
    private final int replicas;
    private final int maxPerDay;
    private final long termMin;
    private final long termMax;
    private final long expirationEpochs;
    private long bytesToAllocate;
    private long nextData;
    private boolean applied;
    private long allocated;
    private long recovered;
    private long refusals;

    public Client(String label, Address address, Allocator allocator, List<Address> providers, long arrivalEpoch,
                  long datasetBytes, long pieceSize, int replicas, int maxPerDay, long termMin, long termMax, long expirationEpochs) {
        this.label = label;
        this.address = address;
        this.allocator = allocator;
        this.providers = List.copyOf(providers);
        this.arrivalEpoch = arrivalEpoch;
        this.pieceSize = pieceSize;
        this.replicas = replicas;
        this.maxPerDay = maxPerDay;
        this.termMin = termMin;
        this.termMax = termMax;
        this.expirationEpochs = expirationEpochs;
        long pieces = Math.max(1, (datasetBytes + pieceSize - 1) / pieceSize);
        this.bytesToAllocate = Math.multiplyExact(Math.multiplyExact(pieces, pieceSize), replicas);
        this.nextData = address.id() * 1_000_000_000L;
    }

    @Override
    public String label() { return label; }

    public Address address() { return address; }

    public long allocated() { return allocated; }

    public long recovered() { return recovered; }

    public long refusals() { return refusals; }

    public long bytesToAllocate() { return bytesToAllocate; }

    @Override
    public void act(StepView v) {
        if (v.epoch() < arrivalEpoch) return;
        Chain chain = v.chain();
        if (!applied) {
            allocator.apply(address, bytesToAllocate, v.epoch());
            applied = true;
        }
        if (v.every(7) && !chain.verifreg().allocationsOf(address).isEmpty()) {
            try {
                long back = chain.verifreg().removeExpiredAllocations(address, address, List.of()).recovered();
                recovered += back;
                bytesToAllocate += back;
            } catch (ActorError e) {
                refusals++;
            }
        }
        long balance = chain.datacap().balanceOf(address);
        long groupBytes = pieceSize * replicas;
        long perStep = Math.max(1, maxPerDay * v.stepEpochs() / Policy.EPOCHS_IN_DAY);
        long groups = Math.min(Math.min(balance, bytesToAllocate) / groupBytes, Math.max(1, perStep / replicas));
        if (groups <= 0) return;
        List<AllocationRequest> requests = new ArrayList<>();
        List<Address> targets = new ArrayList<>();
        for (long g = 0; g < groups; g++) {
            long data = nextData++;
            for (Address p : pickDistinct(v, replicas)) {
                requests.add(new AllocationRequest(p, data, pieceSize, termMin, termMax, v.epoch() + expirationEpochs));
                targets.add(p);
            }
        }
        long sum = groups * groupBytes;
        try {
            var result = chain.datacap().transfer(address, Chain.VERIFIED_REGISTRY, sum, new AllocationRequests(requests, List.of()));
            for (int i = 0; i < requests.size(); i++) {
                AllocationRequest r = requests.get(i);
                v.deals().post(targets.get(i), new DealBook.Deal(address, result.allocationIds().get(i), r.data(), r.size()));
            }
            bytesToAllocate -= sum;
            allocated += sum;
        } catch (ActorError e) {
            refusals++;
        }
    }

    private List<Address> pickDistinct(StepView v, int n) {
        List<Address> out = new ArrayList<>(n);
        while (out.size() < n) {
            Address p = providers.get(v.random().nextInt(providers.size()));
            if (!out.contains(p)) out.add(p);
        }
        return out;
    }
}
