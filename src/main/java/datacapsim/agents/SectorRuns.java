package datacapsim.agents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sector numbers in the order they were added, held as runs of consecutive numbers: a number one past the last run's
 * end extends that run, any other starts a new one (so the numbers read back in exactly the order added, repeats
 * included). Memory goes by run, not by sector: a provider's sectors sealed or extended together are consecutive and
 * share a decision epoch. Not journaled: agents' bookkeeping, never chain state.
 */
final class SectorRuns {
    private long[] firsts = new long[1];
    private int[] counts = new int[1];
    private int runs;
    private long size;

    /** Appends sector number {@code n}. */
    void add(long n) {
        int last = runs - 1;
        if (last >= 0 && counts[last] < Integer.MAX_VALUE && n == firsts[last] + counts[last]) {
            counts[last]++;
        } else {
            if (runs == firsts.length) {
                firsts = Arrays.copyOf(firsts, runs * 2);
                counts = Arrays.copyOf(counts, runs * 2);
            }
            firsts[runs] = n;
            counts[runs] = 1;
            runs++;
        }
        size++;
    }

    /** The number of runs. */
    int runs() { return runs; }

    /** The first sector number of run {@code r}. */
    long first(int r) { return firsts[r]; }

    /** How many consecutive numbers run {@code r} holds (at least 1). */
    int count(int r) { return counts[r]; }

    /** The number of sector numbers held. */
    long size() { return size; }

    /** Every number, in the order added (for tests and reading; allocates one box per sector). */
    List<Long> numbers() {
        List<Long> out = new ArrayList<>();
        for (int r = 0; r < runs; r++) for (int j = 0; j < counts[r]; j++) out.add(firsts[r] + j);
        return out;
    }
}
