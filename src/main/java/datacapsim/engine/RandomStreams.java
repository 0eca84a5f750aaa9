package datacapsim.engine;

import ec.util.MersenneTwisterFast;
import java.util.Map;
import java.util.TreeMap;

/**
 * Named random streams, all derived from the run's seed: the same name and seed always give the same stream, so
 * an exogenous series or a population draw stays fixed when another part of the model changes (common random
 * numbers across designs). No stream is ever seeded from the clock.
 */
public final class RandomStreams {
    public static final String ORDER = "order";
    public static final String REWARDS = "rewards";
    public static final String POPULATION = "population";
    public static final String BEHAVIOUR = "behaviour";

    private final long seed;
    private final Map<String, MtfRandom> streams = new TreeMap<>();

    public RandomStreams(long seed) { this.seed = seed; }

    public long seed() { return seed; }

    public MtfRandom get(String name) {
        return streams.computeIfAbsent(name, n -> new MtfRandom(new MersenneTwisterFast(seedFor(seed, n))));
    }

    /** The seed vector of a named stream: the run seed's two halves and a stable hash of the name. */
    static int[] seedFor(long seed, String name) {
        int h = 0x811c9dc5;
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x01000193;
        }
        return new int[] {(int) seed, (int) (seed >>> 32), h, 0x5eed};
    }
}
