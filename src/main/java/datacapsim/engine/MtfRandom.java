package datacapsim.engine;

import ec.util.MersenneTwisterFast;
import org.apache.commons.math3.random.RandomGenerator;

/** Lets commons-math distributions draw from a MASON {@link MersenneTwisterFast} stream. */
public final class MtfRandom implements RandomGenerator {
    private final MersenneTwisterFast mt;

    public MtfRandom(MersenneTwisterFast mt) { this.mt = mt; }

    public MersenneTwisterFast twister() { return mt; }

    @Override public void setSeed(int seed) { mt.setSeed(seed); }
    @Override public void setSeed(int[] seed) { mt.setSeed(seed); }
    @Override public void setSeed(long seed) { mt.setSeed(seed); }
    @Override public void nextBytes(byte[] bytes) { mt.nextBytes(bytes); }
    @Override public int nextInt() { return mt.nextInt(); }
    @Override public int nextInt(int n) { return mt.nextInt(n); }
    @Override public long nextLong() { return mt.nextLong(); }
    @Override public boolean nextBoolean() { return mt.nextBoolean(); }
    @Override public float nextFloat() { return mt.nextFloat(); }
    @Override public double nextDouble() { return mt.nextDouble(); }
    @Override public double nextGaussian() { return mt.nextGaussian(); }
}
