package datacapsim.chain;

/** One requested allocation, sent as operator data with a DataCap transfer to the registry. */
public record AllocationRequest(Address provider, long data, long size, long termMin, long termMax, long expiration) {}
