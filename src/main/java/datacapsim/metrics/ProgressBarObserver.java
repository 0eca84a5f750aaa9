package datacapsim.metrics;

import datacapsim.engine.DayObserver;
import datacapsim.engine.Simulation;
import java.io.Closeable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr, days done of the horizon, for runs that last more than a second — shown only when stderr
 * is a terminal ({@link #wanted()}); quiet otherwise, so logs and CI stay clean.
 */
public final class ProgressBarObserver implements DayObserver, Closeable {
    private final long start = System.nanoTime();
    private final long total;
    private ProgressBar bar;

    public ProgressBarObserver(long horizonDays) { this.total = horizonDays; }

    /** Whether a bar makes sense here: an interactive terminal. */
    public static boolean wanted() { return System.console() != null && System.getenv("CI") == null; }

    @Override
    public void onDay(long day, Simulation sim) {
        if (bar == null) {
            if (System.nanoTime() - start < 1_000_000_000L) return; // short runs stay quiet
            bar = new ProgressBarBuilder().setTaskName(sim.scenario().name()).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" days", 1).continuousUpdate().build();
        }
        bar.stepTo(day);
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
