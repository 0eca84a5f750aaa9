package datacapsim.agents;

/** The kinds of abusive client the allocator-based designs face. */
public enum AbuseKind {
    /** One owner controlling many addresses, each applying separately; junk data to providers the owner picks. */
    SYBIL,
    /** Owned by or paid by a provider: allocates everything to that provider. */
    SELF_DEALING,
    /** Works with a colluding allocator, which grants it without due diligence. */
    COLLUDING
}
