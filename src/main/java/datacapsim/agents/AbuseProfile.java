package datacapsim.agents;

/**
 * What due diligence can find out about an abusive application: its kind, how well the applicant hides
 * ({@code detectability}, uniform in [0, 1), drawn once per client when the population is built: an allocator whose
 * diligence catches abuse with probability p catches it iff detectability &lt; p, so a stricter allocator catches a
 * superset at the same seed) and the allocator it colludes with (null when none). The allocator never reads the
 * kind to decide; it is ground truth for the counters.
 */
public record AbuseProfile(AbuseKind kind, double detectability, Allocator partner) {}
