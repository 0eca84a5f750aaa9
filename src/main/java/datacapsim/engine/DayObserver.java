package datacapsim.engine;

/** Called after the chain's cron at every day boundary (and once for day 0 before the first step). */
public interface DayObserver {
    void onDay(long day, Simulation sim);
}
