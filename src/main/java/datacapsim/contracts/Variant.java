package datacapsim.contracts;

/** Which behaviour the contracts follow: what the design documents describe, or what the public source does. */
public enum Variant { DESIGNED, DEPLOYED }
