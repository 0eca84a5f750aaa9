package datacapsim.cli;

import datacapsim.engine.Simulation;
import datacapsim.scenario.Scenario;
import datacapsim.sweep.SweepPlan;
import datacapsim.sweep.SweepRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.rank.Median;
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
        description = "Run a scenario N times without writing outputs; print wall times (median) and peak heap use. "
                + "With --sweep, time the file's whole sweep: runs per minute, peak heap and largest heap after a GC.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--repeat", defaultValue = "3", description = "number of timed runs (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--warmup", defaultValue = "0", description = "untimed runs first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--sweep", description = "time the file's whole sweep (into a temporary folder, deleted after): runs per minute, peak heap, largest heap after a GC")
    boolean sweep;

    @Option(names = "--threads", defaultValue = "0", description = "with --sweep: runs at a time (default: all cores)")
    int threads;

    @Override
    public Integer call() {
        if (sweep) return benchSweep();
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
        double median = new Median().evaluate(secs), min = StatUtils.min(secs), max = StatUtils.max(secs);
        out.printf("%s, %d days, step %d epochs: median %.2f s of %d runs (min %.2f, max %.2f); peak heap in use %.0f MiB%n",
                s.name(), s.horizonDays(), s.stepEpochs(), median, repeat, min, max, peak / 1048576.0);
        return 0;
    }

    /**
     * Times the sweep {@code repeat} times: wall time, runs per minute, the heap pools' peak use (live data plus garbage
     * not yet collected) and the largest heap in use right after a garbage collection (sampled every 50 ms: the live
     * set, the figure that shows whether memory grows with the number of runs).
     */
    private int benchSweep() {
        var out = spec.commandLine().getOut();
        SweepPlan plan = SweepPlan.of(scenario.load());
        int n = threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads;
        double[] secs = new double[repeat];
        long peak = 0, live = 0;
        for (int i = 0; i < repeat; i++) {
            Path dir;
            try {
                dir = Files.createTempDirectory("datacap-sim-bench-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.gc();
            resetPeaks();
            AtomicLong maxAfterGc = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    maxAfterGc.accumulateAndGet(afterGc(), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
            long t0 = System.nanoTime();
            SweepRunner.Result r = SweepRunner.run(plan, dir.resolve(plan.name()), SweepRunner.Options.of(n));
            secs[i] = (System.nanoTime() - t0) / 1e9;
            sampler.interrupt();
            maxAfterGc.accumulateAndGet(afterGc(), Math::max);
            peak = Math.max(peak, peakHeap());
            live = Math.max(live, maxAfterGc.get());
            out.printf(java.util.Locale.ROOT, "sweep %d: %.2f s, %d runs (%d failed), %.1f runs/min%n", i + 1, secs[i], r.runs(), r.failed(),
                    r.runs() / secs[i] * 60);
            try {
                datacapsim.run.RunDirectory.delete(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        double median = new Median().evaluate(secs), min = StatUtils.min(secs), max = StatUtils.max(secs);
        out.printf(java.util.Locale.ROOT, "%s: %d runs on %d threads: median %.2f s of %d sweeps (min %.2f, max %.2f), %.1f runs/min; "
                        + "peak heap in use %.0f MiB, largest heap after a GC %.0f MiB (max heap %.0f MiB)%n",
                plan.name(), plan.runCount(), n, median, repeat, min, max, plan.runCount() / median * 60,
                peak / 1048576.0, live / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
        return 0;
    }

    /** Heap in use after the most recent collection of each heap pool (0 for a pool not yet collected). */
    private static long afterGc() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
            if (p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null) sum += p.getCollectionUsage().getUsed();
        return sum;
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
