package datacapsim.chain;

/**
 * A piece placed in a sector. A verified piece names the allocation it claims ({@code allocationId} > 0) and its
 * client; an unverified piece has allocation id 0 and no client.
 */
public record Piece(long data, long size, Address client, long allocationId) {
    public Piece {
        if (size <= 0) throw new IllegalArgumentException("piece size must be positive, got " + size);
        if (allocationId < 0) throw new IllegalArgumentException("allocation id must be >= 0, got " + allocationId);
        if (allocationId > 0 && client == null) throw new IllegalArgumentException("a verified piece needs its client");
    }

    public static Piece verified(Allocation a) { return new Piece(a.data(), a.size(), a.client(), a.id()); }

    public static Piece unverified(long data, long size) { return new Piece(data, size, null, 0); }

    public boolean isVerified() { return allocationId > 0; }
}
