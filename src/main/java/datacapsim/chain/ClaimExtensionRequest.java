package datacapsim.chain;

/** A paid extension of an existing claim's term_max, sent with a DataCap transfer (the claim's size is burned). */
public record ClaimExtensionRequest(Address provider, long claimId, long termMax) {}
