package datacapsim.chain;

/** An ID address (f0…). Addresses are handed out by the {@link Chain} in creation order. */
public record Address(long id) implements Comparable<Address> {
    public Address {
        if (id < 0) throw new IllegalArgumentException("address id must be >= 0, got " + id);
    }

    public static Address of(long id) { return new Address(id); }

    @Override
    public int compareTo(Address o) { return Long.compare(id, o.id); }

    @Override
    public String toString() { return "f0" + id; }
}
