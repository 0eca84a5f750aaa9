package datacapsim.cli;

import datacapsim.metrics.ProgressBarObserver;
import datacapsim.sweep.SweepRunner;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One progress bar for a sweep on a terminal: runs done of the shard's runs, failed so far, time left. Off a terminal
 * it prints a line at every tenth of the runs, and every failure with its error.
 */
final class SweepProgress implements SweepRunner.Progress, AutoCloseable {
    private final PrintWriter err;
    private final String name;
    private final boolean terminal = ProgressBarObserver.wanted();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final long start = System.nanoTime();
    private long total;
    private long reused;
    private ProgressBar bar;

    SweepProgress(PrintWriter err, String name) {
        this.err = err;
        this.name = name;
    }

    @Override
    public synchronized void started(long runsInShard, long alreadyDone) {
        total = runsInShard;
        reused = alreadyDone;
        done.set(alreadyDone);
        if (alreadyDone > 0) err.printf("resuming: %d of %d runs already complete%n", alreadyDone, runsInShard);
        if (terminal && total > 0)
            bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" runs", 1).startsFrom(alreadyDone, java.time.Duration.ZERO).continuousUpdate().build();
    }

    @Override
    public synchronized void ended(String runId, boolean didFail, String error) {
        long d = done.incrementAndGet();
        if (didFail) {
            failed.incrementAndGet();
            if (bar == null) err.printf("run %s failed: %s%n", runId, error);
        }
        if (bar != null) {
            bar.stepTo(d);
            bar.setExtraMessage(failed.get() > 0 ? " " + failed.get() + " failed" : "");
        } else if (total > 0 && (d * 10 / total != (d - 1) * 10 / total || d == total)) {
            double secs = (System.nanoTime() - start) / 1e9;
            long ranNow = d - reused;
            double left = ranNow == 0 ? 0 : secs / ranNow * (total - d);
            err.printf(java.util.Locale.ROOT, "sweep: %d/%d runs, %d failed, %.0f s elapsed, about %.0f s left%n", d, total, failed.get(),
                    secs, left);
        }
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
        err.flush();
    }
}
