package datacapsim.agents.sla;

import datacapsim.agents.Agent;
import datacapsim.agents.StepView;
import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.contracts.BeneficiaryFactory;
import datacapsim.contracts.SLAAllocator;
import datacapsim.contracts.SLAClientContract;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The governance team of the sla-allocator design: admin of the SLA contracts and the SLAAllocator's manager. On its
 * first steps it creates each provider's Beneficiary instance in the factory (designed: only governance may; the
 * instance's admin is governance, its withdrawer the provider's owner); on every step, when the SLA Client Contract's
 * DataCap not yet granted to anyone falls below a threshold, it mints more into it (mintDataCap), at most what the
 * SLAAllocator's verifier allowance still covers.
 */
public final class SlaGovernance implements Agent {
    /** A provider governance creates a Beneficiary for: its miner and its owner (the withdrawer). */
    public record Instance(Address miner, Address owner) {}

    private final Address self;
    private final SLAAllocator alloc;
    private final SLAClientContract cc;
    private final BeneficiaryFactory factory;
    private final List<Instance> toCreate;
    private final long mintSize;
    private final long mintBelow;
    private final Map<String, Long> refusals = new TreeMap<>();
    private long minted;
    private long mints;
    private long created;

    /**
     * @param toCreate providers whose instances governance creates (empty where providers create their own)
     */
    public SlaGovernance(Address self, SLAAllocator alloc, SLAClientContract cc, BeneficiaryFactory factory,
                         List<Instance> toCreate, long mintSize, long mintBelow) {
        this.self = self;
        this.alloc = alloc;
        this.cc = cc;
        this.factory = factory;
        this.toCreate = List.copyOf(toCreate);
        this.mintSize = mintSize;
        this.mintBelow = mintBelow;
    }

    @Override
    public String label() { return "sla-governance"; }

    public Address address() { return self; }

    /** DataCap minted into the SLA Client Contract (bytes). */
    public long minted() { return minted; }

    /** mintDataCap calls applied. */
    public long mints() { return mints; }

    /** Beneficiary instances governance created. */
    public long created() { return created; }

    /** Refused calls by rule. */
    public Map<String, Long> refusals() { return java.util.Collections.unmodifiableMap(refusals); }

    @Override
    public void act(StepView v) {
        for (Instance i : toCreate) {
            if (factory.instanceFor(i.miner()) != null) continue;
            try {
                factory.create(self, self, i.owner(), i.miner(), cc);
                created++;
            } catch (ActorError e) {
                refusals.merge(e.rule(), 1L, Long::sum);
            }
        }
        long available = cc.availableDataCap();
        if (available >= mintBelow) return;
        long amount = Math.min(mintSize, v.chain().verifreg().verifierAllowance(alloc.address()));
        if (amount <= 0) return; // the root key has not (re-)granted the allowance yet
        try {
            alloc.mintDataCap(self, amount);
            minted += amount;
            mints++;
        } catch (ActorError e) {
            refusals.merge(e.rule(), 1L, Long::sum);
        }
    }
}
