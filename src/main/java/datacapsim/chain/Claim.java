package datacapsim.chain;

/** A claimed allocation. It keeps its allocation's id and ends at term_start + term_max. */
public record Claim(long id, Address provider, Address client, long data, long size,
                    long termMin, long termMax, long termStart, long sector) {
    public long end() { return termStart + termMax; }

    public Claim withTermMax(long newTermMax) {
        return new Claim(id, provider, client, data, size, termMin, newTermMax, termStart, sector);
    }
}
