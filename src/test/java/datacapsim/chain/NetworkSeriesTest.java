package datacapsim.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outside network as day series (actors.md: a decline given as a series that does not pass zero). */
class NetworkSeriesTest {
    private static final long DAY = Policy.EPOCHS_IN_DAY;

    private static NetworkSeries.Point p(long day, long value) {
        return new NetworkSeries.Point(day, BigInteger.valueOf(value));
    }

    @Test
    void linearBetweenPointsAndFlatAfterTheLast() {
        List<NetworkSeries.Point> qa = List.of(p(0, 1_000), p(10, 800), p(30, 800), p(40, 0));
        assertEquals(BigInteger.valueOf(1_000), NetworkSeries.at(qa, 0));
        assertEquals(BigInteger.valueOf(900), NetworkSeries.at(qa, 5 * DAY));
        assertEquals(BigInteger.valueOf(1_000), NetworkSeries.at(qa, 100), "the change (−200 × 100 / 28,800) toward 0");
        assertEquals(BigInteger.valueOf(999), NetworkSeries.at(qa, 144), "−200 × 144 / 28,800 = −1");
        assertEquals(BigInteger.valueOf(800), NetworkSeries.at(qa, 20 * DAY));
        assertEquals(BigInteger.valueOf(400), NetworkSeries.at(qa, 35 * DAY));
        assertEquals(BigInteger.ZERO, NetworkSeries.at(qa, 40 * DAY));
        assertEquals(BigInteger.ZERO, NetworkSeries.at(qa, 4_000 * DAY), "never below zero, held after the last point");
    }

    @Test
    void theChainReadsTheSeriesInPlaceOfTheStartValueAndChange() {
        ChainConfig d = ChainConfig.mainnetDefaults();
        NetworkSeries series = new NetworkSeries(List.of(), List.of(p(0, 5_000), p(2, 3_000)),
                List.of(p(0, 7), p(1, 9)));
        ChainConfig c = new ChainConfig(d.genesisEpoch(), d.exogenousRawPower(), d.exogenousQaPower(),
                d.exogenousRawPowerPerDay(), d.exogenousQaPowerPerDay(), d.exogenousMinersAboveMinimum(),
                d.circulatingSupply(), d.circulatingSupplyPerDay(), d.reward(), d.payout(), d.pledge(),
                d.dailyFeeEnabled(), d.terminationFeeEnabled(), series);
        assertEquals(BigInteger.valueOf(4_000), c.exogenousQa(DAY));
        assertEquals(d.exogenousRawPower(), c.exogenousRaw(DAY), "no raw series: the start value and change");
        assertEquals(BigInteger.valueOf(8), c.circulatingSupplyAt(DAY / 2));
        assertEquals(NetworkSeries.NONE, d.series());
    }

    @Test
    void aSeriesStartsAtDayZeroWithIncreasingDaysAndNoNegativeValue() {
        assertThrows(IllegalArgumentException.class, () -> new NetworkSeries(List.of(p(1, 5)), List.of(), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new NetworkSeries(List.of(p(0, 5), p(0, 6)), List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> p(0, -1));
    }
}
