package datacapsim.engine;

import datacapsim.agents.Agent;
import datacapsim.agents.DataCapClient;
import datacapsim.agents.Allocator;
import datacapsim.agents.GovernanceTeam;
import datacapsim.agents.Provider;
import datacapsim.agents.abuse.AbuseCompliance;
import datacapsim.agents.sla.SlaClient;
import datacapsim.chain.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The built world, fixed once built: the allocation design, what it deployed, and the agents by phase (the order
 * the schedule steps them in) and by role (typed registries filled by the builders as they create each agent, so no
 * reader scans agents by type).
 *
 * @param design         the allocation design
 * @param deployment     the contracts it deployed
 * @param sectorSize     the providers' sector size, bytes
 * @param providers      the plain providers, in creation order (honest first, then self-dealing ones)
 * @param minerAddresses their miners' addresses, in the same order
 * @param phases         the agents of each phase, in creation order
 * @param roles          the agents of each role metrics read
 */
public record World(AllocationDesign design, Deployment deployment, long sectorSize, List<Provider> providers,
        List<Address> minerAddresses, Phases phases, Roles roles) {

    public World {
        providers = List.copyOf(providers);
        minerAddresses = List.copyOf(minerAddresses);
    }

    /** The agents of each phase of a step. */
    public record Phases(List<Agent> governance, List<Agent> oracles, List<Agent> allocators, List<Agent> clients,
            List<Agent> providers) {
        public Phases {
            governance = List.copyOf(governance);
            oracles = List.copyOf(oracles);
            allocators = List.copyOf(allocators);
            clients = List.copyOf(clients);
            providers = List.copyOf(providers);
        }

        /** Every agent, phase by phase in step order, each phase in creation order. */
        public List<Agent> all() {
            List<Agent> out = new ArrayList<>();
            for (List<Agent> p : List.of(governance, oracles, allocators, clients, providers)) out.addAll(p);
            return out;
        }
    }

    /**
     * The agents metrics read by role.
     *
     * @param allocators      the allocators of the allocator-based designs (none in the SLA design)
     * @param governanceTeams the MetaAllocator's governance team, where the design has one
     * @param compliance      governance's abuse desk, where the scenario has abusive populations
     * @param slaClients      the clients of the SLA design
     */
    public record Roles(List<Allocator> allocators, List<GovernanceTeam> governanceTeams,
            Optional<AbuseCompliance> compliance, List<SlaClient> slaClients, List<DataCapClient> dataCapClients) {
        public Roles {
            dataCapClients = List.copyOf(dataCapClients);
            allocators = List.copyOf(allocators);
            governanceTeams = List.copyOf(governanceTeams);
            slaClients = List.copyOf(slaClients);
        }
    }

    /** Every agent, phase by phase in step order. */
    public List<Agent> agents() { return phases.all(); }
}
