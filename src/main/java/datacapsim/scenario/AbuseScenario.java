package datacapsim.scenario;

/**
 * Abusive populations and the controls against them (sybil clients, self-dealing providers, lax or colluding
 * allocators, bans). Grown by the abuse work; every field has a default in {@link #defaults()}.
 */
public record AbuseScenario(
        @Param(doc = "chance that an allocator's due diligence catches an abusive application", min = 0, max = 1) Double catchProbability) {

    public static AbuseScenario defaults() {
        return new AbuseScenario(0.5);
    }
}
