package datacapsim.cli;

import datacapsim.chain.Address;
import datacapsim.chain.Miner;

import datacapsim.engine.Simulation;
import datacapsim.scenario.Scenario;
import datacapsim.scenario.ScenarioLoader;
import datacapsim.sweep.SweepPlan;
import datacapsim.sweep.SweepRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

    @Option(names = "--warmup", defaultValue = "0", description = "untimed runs first (with --sweep: untimed sweeps) "
            + "(default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--sweep", description = "time the file's whole sweep (into a temporary folder, deleted after): runs per minute, peak heap, largest heap after a GC")
    boolean sweep;

    @Option(names = "--threads", defaultValue = "0", description = "with --sweep: runs at a time (default: all cores)")
    int threads;

    @Option(names = "--ladder", description = "time the scenario at --ladder-scales times its agent populations "
            + "(ratios kept) and, at the first scale, at twice its horizon; print a table and the fitted cost exponents")
    boolean ladder;

    @Option(names = "--ladder-scales", defaultValue = Ladder.DEFAULT_SCALES, paramLabel = "S1,S2,...",
            description = "with --ladder: population scales, ascending (default: ${DEFAULT-VALUE})")
    String ladderScales;

    @Option(names = "--ladder-max-seconds", paramLabel = "S",
            description = "with --ladder: once a rung's median exceeds S seconds, skip the rest of the ladder")
    Double ladderMaxSeconds;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "with --ladder: also write the table as CSV")
    Path csv;

    @Override
    public Integer call() {
        if (repeat < 1) throw new ParameterException(spec.commandLine(), "--repeat must be at least 1, got " + repeat);
        if (ladder && sweep) throw new ParameterException(spec.commandLine(), "--ladder and --sweep do not combine");
        if (!ladder && csv != null) throw new ParameterException(spec.commandLine(), "--out needs --ladder");
        if (ladder) return benchLadder();
        if (sweep) return benchSweep();
        Scenario s = scenario.load().scenario();
        var out = spec.commandLine().getOut();
        for (int i = 0; i < warmup; i++) new Simulation(s, false).run();
        double[] secs = new double[repeat];
        long peak = 0;
        long live = 0;
        List<String> sectors = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            System.gc();
            resetPeaks();
            long t0 = System.nanoTime();
            Simulation sim = new Simulation(s, false);
            sim.run();
            secs[i] = (System.nanoTime() - t0) / 1e9;
            peak = Math.max(peak, peakHeap());
            long active = sim.chain().miners().values().stream().mapToLong(Miner::sectorCount).sum();
            long batches = sim.chain().miners().values().stream().mapToLong(Miner::sectorBatchCount).sum();
            var registry = sim.chain().verifreg();
            long claims = 0, claimBatches = 0;
            for (Address p : registry.providersWithClaims()) {
                claims += registry.claimsOf(p).size();
                claimBatches += registry.claimBatchCount(p);
            }
            sectors.add(String.valueOf(active));
            System.gc(); // what the run's state holds at its end (sim is still referenced)
            Runtime rt = Runtime.getRuntime();
            long held = rt.totalMemory() - rt.freeMemory();
            live = Math.max(live, held);
            out.printf("run %d: %.2f s (%d chain calls, %d active sectors in %d batches, %d claims in %d batches at the"
                    + " end; %.0f MiB held after a full GC)%n", i + 1, secs[i],
                    sim.chain().stats().all().values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum(),
                    active, batches, claims, claimBatches, held / 1048576.0);
            Reference.reachabilityFence(sim); // the state stays reachable through the measurement
        }
        double median = new Median().evaluate(secs), min = StatUtils.min(secs), max = StatUtils.max(secs);
        out.printf("%s, %d days, step %d epochs: median %.2f s of %d runs (min %.2f, max %.2f); peak heap in use %.0f MiB;"
                + " largest state held at a run's end %.0f MiB%n",
                s.name(), s.horizonDays(), s.stepEpochs(), median, repeat, min, max, peak / 1048576.0, live / 1048576.0);
        return 0;
    }

    /**
     * The ladder ({@link Ladder}): each rung run {@code repeat} times (nothing written), its median, min and max wall
     * time and peak heap (the heap pools' peak usage, reset after a GC before each run, summed over the pools, as a
     * plain bench measures it), then the cost exponents. Rungs run in the order of {@link Ladder#rungs}; once a rung's
     * median exceeds {@code --ladder-max-seconds}, or a rung runs out of heap, the rest are printed as skipped.
     */
    private int benchLadder() {
        List<java.math.BigDecimal> scales;
        try {
            scales = Ladder.parseScales(ladderScales);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (ladderMaxSeconds != null && !(ladderMaxSeconds > 0))
            throw new ParameterException(spec.commandLine(), "--ladder-max-seconds must be positive, got "
                    + ladderMaxSeconds);
        ScenarioLoader.Loaded base = scenario.load();
        List<Ladder.Rung> rungs = Ladder.rungs(base, scales);
        var out = spec.commandLine().getOut();
        Scenario s0 = base.scenario();
        out.printf(Locale.ROOT, "ladder of %s (seed %d, step %d epochs): %d run%s a rung, median; peak heap = the heap "
                        + "pools' peak usage after a GC and reset before each run (max heap %.1f GiB)%n",
                s0.name(), s0.seed(), s0.stepEpochs(), repeat, repeat == 1 ? "" : "s",
                Runtime.getRuntime().maxMemory() / GIB);
        String head = String.format(Locale.ROOT, "%-14s %9s %9s %10s %9s %6s %10s %17s %14s", "rung", "providers",
                "clients", "allocators", "agents", "days", "median s", "min-max s", "peak heap GiB");
        out.println(head);
        out.flush();
        for (int i = 0; i < warmup; i++) new Simulation(rungs.get(0).scenario(), false).run();
        List<String[]> rows = new ArrayList<>();
        double[] median = new double[rungs.size()];
        java.util.Arrays.fill(median, Double.NaN);
        String stop = null;
        for (int r = 0; r < rungs.size(); r++) {
            Ladder.Rung rung = rungs.get(r);
            String status = stop;
            double[] secs = new double[repeat];
            long peak = 0;
            if (status == null) {
                try {
                    for (int i = 0; i < repeat; i++) {
                        System.gc();
                        resetPeaks();
                        long t0 = System.nanoTime();
                        new Simulation(rung.scenario(), false).run();
                        secs[i] = (System.nanoTime() - t0) / 1e9;
                        peak = Math.max(peak, peakHeap());
                    }
                    median[r] = new Median().evaluate(secs);
                    status = "ok";
                    if (ladderMaxSeconds != null && median[r] > ladderMaxSeconds)
                        stop = String.format(Locale.ROOT, "skipped (%s took %.0f s > %.0f s)", rung.label(), median[r],
                                ladderMaxSeconds);
                } catch (OutOfMemoryError e) {
                    status = "out of heap";
                    stop = "skipped (" + rung.label() + " ran out of heap)";
                }
            }
            boolean ok = "ok".equals(status);
            String[] row = {rung.label(), rung.scale().toPlainString(), String.valueOf(rung.horizonFactor()),
                    String.valueOf(rung.providers()), String.valueOf(rung.clients()), String.valueOf(rung.allocators()),
                    String.valueOf(rung.agents()), String.valueOf(rung.scenario().horizonDays()),
                    ok ? String.valueOf(repeat) : "0", ok ? f3(median[r]) : "", ok ? f3(StatUtils.min(secs)) : "",
                    ok ? f3(StatUtils.max(secs)) : "", ok ? String.format(Locale.ROOT, "%.3f", peak / GIB) : "",
                    status, ""};
            rows.add(row);
            out.println(String.format(Locale.ROOT, "%-14s %9d %9d %10d %9d %6d ", rung.label(), rung.providers(),
                    rung.clients(), rung.allocators(), rung.agents(), rung.scenario().horizonDays())
                    + (ok ? String.format(Locale.ROOT, "%10.2f %17s %14.2f", median[r],
                            String.format(Locale.ROOT, "%.2f-%.2f", StatUtils.min(secs), StatUtils.max(secs)),
                            peak / GIB) : status));
            out.flush();
        }
        // the population rungs (horizon factor 1) that ran, for the fit in agents
        List<Long> agents = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        for (int r = 0; r < rungs.size(); r++)
            if (rungs.get(r).horizonFactor() == 1 && !Double.isNaN(median[r])) {
                agents.add(rungs.get(r).agents());
                times.add(median[r]);
            }
        double inAgents = Ladder.slope(agents, times);
        double inDays = Double.isNaN(median[0]) || Double.isNaN(median[1]) ? Double.NaN
                : Ladder.dayExponent(median[0], median[1], rungs.get(1).horizonFactor());
        String over = scales.get(0).toPlainString() + "x.." + scales.get(scales.size() - 1).toPlainString() + "x";
        out.printf(Locale.ROOT, "cost exponent in agents: %s (least squares of ln seconds on ln agents, %d of the %d "
                + "rungs %s)%n", exp(inAgents), agents.size(), scales.size(), over);
        out.printf(Locale.ROOT, "cost exponent in days: %s (ln(seconds at 2x days / seconds at 1x days) / ln 2, at %sx "
                + "populations)%n", exp(inDays), scales.get(0).toPlainString());
        if (csv != null) writeCsv(rows, inAgents, inDays);
        return 0;
    }

    private static final double GIB = 1024.0 * 1024 * 1024;

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String exp(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The ladder as CSV: one row per rung, then one row per exponent (rung exponent_agents / exponent_days). */
    private void writeCsv(List<String[]> rows, double inAgents, double inDays) {
        StringBuilder b = new StringBuilder("rung,scale,horizon_factor,providers,clients,allocators,agents,days,runs,"
                + "median_s,min_s,max_s,peak_heap_gib,status,exponent\n");
        for (String[] r : rows) {
            r[0] = "\"" + r[0] + "\"";
            b.append(String.join(",", r)).append('\n');
        }
        b.append("exponent_agents").append(",".repeat(14)).append(Double.isNaN(inAgents) ? "" : f3(inAgents))
                .append('\n');
        b.append("exponent_days").append(",".repeat(14)).append(Double.isNaN(inDays) ? "" : f3(inDays)).append('\n');
        try {
            Path parent = csv.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(csv, b.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        spec.commandLine().getOut().println("wrote " + csv);
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
        for (int i = 0; i < warmup; i++) { // untimed: the JIT compiler's work on a 2-core machine is not the sweep's
            try {
                Path dir = Files.createTempDirectory("datacap-sim-bench-");
                SweepRunner.run(plan, dir.resolve(plan.name()), SweepRunner.Options.of(n));
                datacapsim.run.RunDirectory.delete(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
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
