package datacapsim.contracts;

/**
 * The SLA a client registers for a provider (SLARegistry.sol {@code SLAParams}): one threshold per SLI, 0 meaning
 * "not part of the SLA". Latency is met when the measured value is at most the threshold; every other SLI when the
 * measured value is at least the threshold. Widths as in {@link SliAttestation}.
 */
public record SlaParams(long latency, int retention, int bandwidth, int stability, int availability, int indexing) {
    public SlaParams {
        SliAttestation.checkWidth("latency", latency, SliAttestation.UINT32_MAX);
        SliAttestation.checkWidth("retention", retention, SliAttestation.UINT16_MAX);
        SliAttestation.checkWidth("bandwidth", bandwidth, SliAttestation.UINT16_MAX);
        SliAttestation.checkWidth("stability", stability, SliAttestation.UINT16_MAX);
        SliAttestation.checkWidth("availability", availability, SliAttestation.UINT8_MAX);
        SliAttestation.checkWidth("indexing", indexing, SliAttestation.UINT8_MAX);
    }

    /** How many SLIs are part of the SLA (non-zero thresholds). */
    public int defined() {
        int n = 0;
        if (latency != 0) n++;
        if (retention != 0) n++;
        if (bandwidth != 0) n++;
        if (stability != 0) n++;
        if (availability != 0) n++;
        if (indexing != 0) n++;
        return n;
    }

    /** How many of the defined SLIs the measurement meets. */
    public int met(SliAttestation m) {
        int n = 0;
        if (latency != 0 && m.latency() <= latency) n++;
        if (retention != 0 && m.retention() >= retention) n++;
        if (bandwidth != 0 && m.bandwidth() >= bandwidth) n++;
        if (stability != 0 && m.stability() >= stability) n++;
        if (availability != 0 && m.availability() >= availability) n++;
        if (indexing != 0 && m.indexing() >= indexing) n++;
        return n;
    }
}
