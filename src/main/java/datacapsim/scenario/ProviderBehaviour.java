package datacapsim.scenario;

/**
 * Providers' latent service quality and strategies (diligent, cost-cutting, failing, cheating), which drive the SLIs
 * the oracle measures. Grown by the SLA design's work; every field has a default in {@link #defaults()}.
 */
public record ProviderBehaviour(
        @Param(doc = "share of providers that are diligent (the rest per the other shares)", min = 0, max = 1) Double diligentShare) {

    public static ProviderBehaviour defaults() {
        return new ProviderBehaviour(1.0);
    }
}
