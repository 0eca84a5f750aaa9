package datacapsim.sweep;

/**
 * Seeds of a sweep's runs, derived from the base seed, the point and the replication alone (SplitMix64 mixing), so any
 * run can be rerun by itself; with {@code commonRandomNumbers} the seed ignores the point, so every point (e.g. every
 * design compared) sees the same random numbers in replication r.
 */
public final class Seeds {
    private Seeds() {}

    public static long forRun(long baseSeed, int point, int replication, boolean commonRandomNumbers) {
        long z = mix(baseSeed ^ 0x9E3779B97F4A7C15L);
        if (!commonRandomNumbers) z = mix(z ^ (point * 0xBF58476D1CE4E5B9L));
        z = mix(z ^ (replication * 0x94D049BB133111EBL + 1));
        return z & Long.MAX_VALUE; // seeds are non-negative in scenario files
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
