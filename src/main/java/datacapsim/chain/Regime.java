package datacapsim.chain;

/**
 * The verified registry regime the chain runs (spec: actors.md, "VerifiedRegistry, other regimes"; the scenario's
 * {@code regime}). It decides which registry and storage market wiring the chain installs at construction.
 */
public enum Regime {
    /** The FIP-0045 registry with direct data onboarding; the storage market stays idle (the default). */
    DDO("ddo"),
    /** The original registry: verified clients with bytes, no top-up; verified deals through the market. */
    V1("v1"),
    /** As {@link #V1}, with FIP-0012 top-up of an existing client. */
    V1_TOPUP("v1-topup"),
    /** The FIP-0045 registry used through the storage market as the client's DataCap operator. */
    FIP45_MARKET("fip45-market"),
    /** FIP-0118: the ddo registry until the scenario's upgrade (the chain treats it as {@link #DDO} here). */
    SOLSTICE("solstice");

    private final String scenarioName;

    Regime(String scenarioName) { this.scenarioName = scenarioName; }

    /** The scenario's {@code regime} value. */
    public String scenarioName() { return scenarioName; }

    /** True for the regimes whose verified deals go through the storage market (v1, v1-topup, fip45-market). */
    public boolean usesMarket() { return this == V1 || this == V1_TOPUP || this == FIP45_MARKET; }

    /** True for the two original-registry regimes. */
    public boolean isV1() { return this == V1 || this == V1_TOPUP; }
}
