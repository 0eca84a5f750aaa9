package datacapsim.agents.sla;

import datacapsim.agents.Agent;
import datacapsim.agents.StepView;
import datacapsim.chain.ActorError;
import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.Claim;
import datacapsim.chain.Miner;
import datacapsim.chain.Sector;
import datacapsim.contracts.SLAClientContract;
import datacapsim.contracts.SlaPair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The termination oracle (seed 001; the SLA Client Contract's TERMINATION_ORACLE role): reports claims of the SLA
 * Client Contract whose sector a provider terminated before the sector's committed expiration, through
 * {@link SLAClientContract#claimsTerminatedEarly}, every {@code cadenceDays}.
 *
 * <p>How it knows, as an off-chain indexer would: it watches the chain's calls for applied {@code TerminateSectors}
 * messages (to know which miners to look at), and records for every claim of the contract the expiration its sector
 * had when the claim was first seen (refreshed on later looks). A watched claim whose sector is gone while its recorded
 * expiration is still ahead was terminated early. New allocation ids of the contract are picked up incrementally;
 * those not yet claimed are checked again at the next report.
 */
public final class TerminationOracle implements Agent {
    private final String label;
    private final Address self;
    private final SLAClientContract cc;
    private final int cadenceDays;
    private final Map<Address, Address> minerOfController = new HashMap<>();
    private final TreeSet<Address> triggered = new TreeSet<>();
    /** pair → how many of its allocation ids were picked up. */
    private final Map<SlaPair, Integer> seen = new HashMap<>();
    /** provider → ids not yet claimed (allocation still pending); no walk over these reaches an output. */
    private final Map<Address, List<Long>> unclaimed = new HashMap<>();
    /** provider → claim id → the sector expiration recorded for it (a report sorts each provider's ids). */
    private final Map<Address, Map<Long, Long>> watched = new HashMap<>();
    /** Claims found terminated whose report was refused, to report again. */
    private final List<Long> unreported = new ArrayList<>();
    private long reported;
    private long reports;
    private long refusals;

    /**
     * @param controllers each miner's owner and worker addresses → the miner (whose TerminateSectors calls it watches)
     */
    public TerminationOracle(String label, Address self, Chain chain, SLAClientContract cc, Map<Address, Address> controllers,
                             int cadenceDays) {
        this.label = label;
        this.self = self;
        this.cc = cc;
        this.cadenceDays = cadenceDays;
        this.minerOfController.putAll(controllers);
        chain.addListener((epoch, method, caller, error) -> {
            if (error == null && Miner.TERMINATE.equals(method)) {
                Address m = minerOfController.get(caller);
                if (m != null) triggered.add(m);
            }
        });
    }

    @Override
    public String label() { return label; }

    public Address address() { return self; }

    /** Claim ids reported in total. */
    public long reported() { return reported; }

    /** claimsTerminatedEarly calls applied. */
    public long reports() { return reports; }

    public long refusals() { return refusals; }

    @Override
    public void act(StepView v) {
        if (!v.every(cadenceDays)) return;
        Chain chain = v.chain();
        long now = v.epoch();
        pickUpNewIds(chain);
        List<Long> report = new ArrayList<>(unreported);
        TreeSet<Address> look = new TreeSet<>(triggered);
        triggered.clear();
        List<Long> found = new ArrayList<>();
        for (Address provider : look) {
            Miner m = chain.miner(provider);
            Map<Long, Long> w = watched.get(provider);
            if (m == null || w == null) continue;
            found.clear();
            var it = w.entrySet().iterator();
            while (it.hasNext()) {
                var e = it.next();
                Claim c = chain.verifreg().claim(provider, e.getKey());
                Sector s = c == null ? null : m.sector(c.sector());
                if (c != null && s != null && s.claimIds().contains(c.id())) {
                    e.setValue(s.expiration());
                    continue;
                }
                it.remove();
                if (c != null && now < e.getValue() && now < c.end()) found.add(c.id());
            }
            Collections.sort(found); // in claim id order, as a walk of the provider's claims in id order finds them
            report.addAll(found);
        }
        if (report.isEmpty()) return;
        unreported.clear();
        try {
            cc.claimsTerminatedEarly(self, report);
            reported += report.size();
            reports++;
        } catch (ActorError e) {
            refusals++;
            unreported.addAll(report); // tried again at the next report
        }
    }

    /** Records the sector expiration of every claim of the contract not yet watched. */
    private void pickUpNewIds(Chain chain) {
        for (SlaPair pair : cc.allocationPairs()) {
            int from = seen.getOrDefault(pair, 0);
            if (from < cc.allocationIdCount(pair)) {
                List<Long> ids = cc.allocationIds(pair.provider(), pair.client());
                unclaimed.computeIfAbsent(pair.provider(), p -> new ArrayList<>()).addAll(ids.subList(from, ids.size()));
                seen.put(pair, ids.size());
            }
        }
        for (var e : unclaimed.entrySet()) {
            Address provider = e.getKey();
            Miner m = chain.miner(provider);
            List<Long> ids = e.getValue();
            int kept = 0;
            for (long id : ids) {
                // an allocation still pending has no claim (claiming removes it): one look-up per pending id
                if (chain.verifreg().allocation(cc.address(), id) != null) {
                    ids.set(kept++, id);
                    continue;
                }
                Claim c = chain.verifreg().claim(provider, id);
                if (c == null) continue; // removed unclaimed
                Sector s = m == null ? null : m.sector(c.sector());
                // a claim whose sector is already gone when first seen: the sector lived at least term_min
                long expiration = s != null ? s.expiration() : c.termStart() + c.termMin();
                watched.computeIfAbsent(provider, p -> new HashMap<>()).put(id, expiration);
            }
            ids.subList(kept, ids.size()).clear();
        }
    }
}
