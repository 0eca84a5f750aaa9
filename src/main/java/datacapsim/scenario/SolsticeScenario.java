package datacapsim.scenario;

import java.util.List;

/**
 * The FIP-0118 ("Solstice") upgrade of regime solstice: the day the chain upgrades (DataCap off, every new sector
 * 10 × QA power, the block reward split into consensus, service and burned streams) and the Filecoin Pay volume that
 * gates the service stream's step-ups. Read only under regime solstice; set under another regime it is an error. At
 * its defaults the block is left out of the resolved scenario record, so scenarios of other regimes are unchanged.
 */
public record SolsticeScenario(
        @Param(doc = "regime solstice: the day of the FIP-0118 upgrade (the chain is the ddo chain before it)",
                unit = "days", min = 0, max = 36_500) Integer upgradeDay,
        @Param(doc = "regime solstice: the aggregated Filecoin Pay volume of each FIP-0118 quarter (quarters of 91.3"
                + " days from the upgrade), steps of (quarter, usd) from quarter 1, the value holding until the next"
                + " step (empty: 0 every quarter). From quarter 2 on, a quarter whose volume reaches the gate's target"
                + " (3,500 USD x 2.7 per gate already passed) raises the service weight w2 by 5 points, 17 days after"
                + " the quarter ends; quarter 1 gates nothing") List<VolumeStep> filecoinPaySeries) {

    /** One step of the Filecoin Pay volume series: the volume of each quarter from {@code quarter} to the next step. */
    public record VolumeStep(
            @Param(doc = "first FIP-0118 quarter this volume applies to (1 = the quarter starting at the upgrade)",
                    min = 1, max = 1_000) Long quarter,
            @Param(doc = "aggregated Filecoin Pay volume settled in that quarter", unit = "USD/quarter", min = 0,
                    max = 1e12) Long usd) {}

    public static SolsticeScenario defaults() {
        return new SolsticeScenario(180, List.of());
    }

    /** The volume of each quarter 1 … {@code quarters}, whole USD. */
    public List<Long> volumesPerQuarter(int quarters) {
        Long[] out = new Long[quarters];
        for (int q = 1; q <= quarters; q++) {
            long v = 0;
            for (VolumeStep s : filecoinPaySeries) if (s.quarter() <= q) v = s.usd();
            out[q - 1] = v;
        }
        return List.of(out);
    }

    /** Jackson's filter that leaves the block out of a resolved scenario while it is at its defaults. */
    public static final class AtDefaults {
        @Override
        public boolean equals(Object o) { return o == null || defaults().equals(o); }

        @Override
        public int hashCode() { return 0; }
    }
}
