package datacapsim.contracts;

/**
 * One provider's service-level indicators as the SLI oracle stores them (SLIOracle.sol {@code SLIAttestation}).
 * Field widths follow the deployed struct: latency uint32, retention / bandwidth / stability uint16, availability /
 * indexing uint8; a value outside its width could not be encoded on chain and is refused here.
 *
 * @param lastUpdate   when the oracle service last measured (an epoch); 0 means "no attestation yet"
 * @param latency      time to first byte, milliseconds
 * @param retention    retention indicator (unit undocumented in the source)
 * @param bandwidth    Mbps
 * @param stability    stability indicator (unit undocumented in the source)
 * @param availability percent, 0–100 by convention (uint8)
 * @param indexing     percent, 0–100 by convention (uint8)
 */
public record SliAttestation(long lastUpdate, long latency, int retention, int bandwidth, int stability, int availability,
                             int indexing) {
    /** What the oracle returns for a provider it never attested: all zero. */
    public static final SliAttestation NONE = new SliAttestation(0, 0, 0, 0, 0, 0, 0);

    static final long UINT32_MAX = 0xFFFF_FFFFL;
    static final int UINT16_MAX = 0xFFFF;
    static final int UINT8_MAX = 0xFF;

    public SliAttestation {
        if (lastUpdate < 0) throw new IllegalArgumentException("lastUpdate must be >= 0, got " + lastUpdate);
        checkWidth("latency", latency, UINT32_MAX);
        checkWidth("retention", retention, UINT16_MAX);
        checkWidth("bandwidth", bandwidth, UINT16_MAX);
        checkWidth("stability", stability, UINT16_MAX);
        checkWidth("availability", availability, UINT8_MAX);
        checkWidth("indexing", indexing, UINT8_MAX);
    }

    /** Whether this is a real attestation (the registry scores 0 while lastUpdate is 0). */
    public boolean present() { return lastUpdate != 0; }

    static void checkWidth(String field, long value, long max) {
        if (value < 0 || value > max)
            throw new IllegalArgumentException(field + " must be in 0.." + max + ", got " + value);
    }
}
