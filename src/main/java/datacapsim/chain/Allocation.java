package datacapsim.chain;

/**
 * A DataCap allocation held by the registry until claimed: client, provider (miner), data (piece id), size (bytes),
 * term_min and term_max (durations in epochs, counted from the claim) and expiration (the last epoch at which it may
 * be claimed).
 */
public record Allocation(long id, Address client, Address provider, long data, long size,
                         long termMin, long termMax, long expiration) {}
