package datacapsim.contracts;

import datacapsim.chain.Address;
import java.util.Objects;

/** A (client, provider) pair: the key of allowances, spends and SLA registries in the SLA contracts. */
public record SlaPair(Address client, Address provider) implements Comparable<SlaPair> {
    public SlaPair {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(provider, "provider");
    }

    @Override
    public int compareTo(SlaPair o) {
        int c = client.compareTo(o.client);
        return c != 0 ? c : provider.compareTo(o.provider);
    }
}
