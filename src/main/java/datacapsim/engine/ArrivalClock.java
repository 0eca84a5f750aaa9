package datacapsim.engine;

import datacapsim.chain.Policy;
import datacapsim.scenario.Scenario;
import java.util.List;

/**
 * The arrival days of one population of clients ({@code clients.arrivals}), one draw per client from the
 * population's stream at the place of its arrival draw, so each client's other draws keep their order.
 * <ul>
 *   <li>{@code window}: a day drawn uniformly from [0, max(1, ⌊arrivalWindowFraction × horizonDays⌋)) (one
 *   {@code nextLong(window)}), every client arrives.</li>
 *   <li>{@code poisson}: the points of a Poisson process of {@code arrivalsPerDay × scale} clients a day (or, when
 *   {@code arrivalsPerDaySeries} is given, its piecewise-constant rate × scale): each client's unit-rate time is the
 *   previous one's plus a standard exponential gap ({@code −ln(1 − u)}, {@code u} one {@code nextDouble}), mapped to
 *   days by the inverse of the cumulative rate (for a constant rate: time / rate); it arrives on the whole day of
 *   that time. The days do not depend on the horizon; a client arriving at or after it does not arrive
 *   ({@link #NONE}), but its draws are still made, so a shorter run draws every later client and population exactly
 *   as a longer one does.</li>
 * </ul>
 */
final class ArrivalClock {
    /** The day of a client that does not arrive within the horizon. */
    static final long NONE = -1;

    private final boolean poisson;
    private final long window;
    /** The days the rate steps start (the first 0) and the rate from each, clients a day. */
    private final double[] from;
    private final double[] rates;
    private final long horizonDays;
    /** The last client's time on the unit-rate clock. */
    private double clock;

    private ArrivalClock(Scenario s, double scale) {
        Scenario.ClientParams cp = s.clients();
        this.poisson = cp.arrivals() == Scenario.Arrivals.POISSON;
        this.window = Math.max(1, (long) Math.floor(cp.arrivalWindowFraction() * s.horizonDays()));
        List<Scenario.ArrivalStep> series = cp.arrivalsPerDaySeries();
        boolean stepped = series != null && !series.isEmpty();
        int n = stepped ? series.size() : 1;
        this.from = new double[n];
        this.rates = new double[n];
        for (int i = 0; i < n; i++) {
            from[i] = stepped ? series.get(i).day() : 0;
            rates[i] = (stepped ? series.get(i).perDay() : cp.arrivalsPerDay()) * scale;
        }
        this.horizonDays = s.horizonDays();
    }

    /** The honest (or SLA) clients' arrivals. */
    static ArrivalClock of(Scenario s) { return new ArrivalClock(s, 1); }

    /**
     * The arrivals of a population of {@code size} clients beside the honest ones (the abusive kinds): at the honest
     * clients' pace for their size, {@code arrivalsPerDay × size / clients.count} a day ({@code arrivalsPerDay} when
     * there are no honest clients).
     */
    static ArrivalClock forPopulation(Scenario s, int size) {
        int count = s.clients().count();
        return new ArrivalClock(s, count > 0 ? size / (double) count : 1);
    }

    /** The next client's arrival day, or {@link #NONE} when it arrives at or after the horizon. */
    long nextDay(MtfRandom rng) {
        if (!poisson) return rng.twister().nextLong(window);
        clock += -Math.log(1 - rng.nextDouble());
        double time = timeOf(clock);
        return time < horizonDays ? (long) Math.floor(time) : NONE;
    }

    /** The day at which the cumulative rate reaches {@code c} (infinite if it never does). */
    private double timeOf(double c) {
        double cumulative = 0;
        for (int i = 0; i < from.length; i++) {
            if (rates[i] <= 0) continue;
            double end = i + 1 < from.length ? from[i + 1] : Double.POSITIVE_INFINITY;
            double reach = cumulative + rates[i] * (end - from[i]);
            if (c < reach) return from[i] + (c - cumulative) / rates[i];
            cumulative = reach;
        }
        return Double.POSITIVE_INFINITY;
    }

    /** The next client's arrival epoch (the start of its day), or {@link #NONE}. */
    long nextEpoch(MtfRandom rng) {
        long day = nextDay(rng);
        return day == NONE ? NONE : day * Policy.EPOCHS_IN_DAY;
    }
}
