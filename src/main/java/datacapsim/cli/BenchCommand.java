package datacapsim.cli;

import datacapsim.engine.Simulation;
import datacapsim.scenario.Scenario;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Times a scenario: runs it N times in this JVM (nothing written) and prints each wall time, the median, and the
 * peak heap in use. Figures for notes, never for assertions: the machine is shared and noisy.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a scenario N times without writing outputs; print wall times (median) and peak heap use.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--repeat", defaultValue = "3", description = "number of timed runs (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--warmup", defaultValue = "0", description = "untimed runs first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Override
    public Integer call() {
        Scenario s = scenario.load().scenario();
        var out = spec.commandLine().getOut();
        for (int i = 0; i < warmup; i++) new Simulation(s, false).run();
        double[] secs = new double[repeat];
        long peak = 0;
        List<String> sectors = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            System.gc();
            resetPeaks();
            long t0 = System.nanoTime();
            Simulation sim = new Simulation(s, false);
            sim.run();
            secs[i] = (System.nanoTime() - t0) / 1e9;
            peak = Math.max(peak, peakHeap());
            long active = sim.chain().miners().values().stream().mapToLong(m -> m.sectors().size()).sum();
            sectors.add(String.valueOf(active));
            out.printf("run %d: %.2f s (%d chain calls, %s active sectors at the end)%n", i + 1, secs[i],
                    sim.chain().stats().all().values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum(),
                    active);
        }
        double[] sorted = secs.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        out.printf("%s, %d days, step %d epochs: median %.2f s of %d runs (min %.2f, max %.2f); peak heap in use %.0f MiB%n",
                s.name(), s.horizonDays(), s.stepEpochs(), median, repeat, sorted[0], sorted[sorted.length - 1], peak / 1048576.0);
        return 0;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
    }

    /** Sum of the heap pools' peak usage since the last reset (an upper bound of the live set plus garbage). */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) sum += p.getPeakUsage().getUsed();
        return sum;
    }
}
