package datacapsim.engine;

import datacapsim.chain.Policy;
import datacapsim.scenario.Scenario;

/**
 * The arrival days of one population of clients ({@code clients.arrivals}), one draw per client from the
 * population's stream at the place of its arrival draw, so each client's other draws keep their order.
 * <ul>
 *   <li>{@code window}: a day drawn uniformly from [0, max(1, ⌊arrivalWindowFraction × horizonDays⌋)) (one
 *   {@code nextLong(window)}), every client arrives.</li>
 *   <li>{@code poisson}: the points of a Poisson process of {@code arrivalsPerDay × scale} clients a day: each client
 *   arrives an exponential gap after the previous one ({@code −ln(1 − u) / rate} days, {@code u} one
 *   {@code nextDouble}), on the whole day of that time. The days do not depend on the horizon; a client arriving at
 *   or after it does not arrive ({@link #NONE}), but its draws are still made, so a shorter run draws every later
 *   client and population exactly as a longer one does.</li>
 * </ul>
 */
final class ArrivalClock {
    /** The day of a client that does not arrive within the horizon. */
    static final long NONE = -1;

    private final boolean poisson;
    private final long window;
    private final double rate;
    private final long horizonDays;
    private double time;

    private ArrivalClock(Scenario s, double scale) {
        Scenario.ClientParams cp = s.clients();
        this.poisson = cp.arrivals() == Scenario.Arrivals.POISSON;
        this.window = Math.max(1, (long) Math.floor(cp.arrivalWindowFraction() * s.horizonDays()));
        this.rate = cp.arrivalsPerDay() * scale;
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
        double gap = -Math.log(1 - rng.nextDouble());
        time = rate > 0 ? time + gap / rate : Double.POSITIVE_INFINITY;
        return time < horizonDays ? (long) Math.floor(time) : NONE;
    }

    /** The next client's arrival epoch (the start of its day), or {@link #NONE}. */
    long nextEpoch(MtfRandom rng) {
        long day = nextDay(rng);
        return day == NONE ? NONE : day * Policy.EPOCHS_IN_DAY;
    }
}
