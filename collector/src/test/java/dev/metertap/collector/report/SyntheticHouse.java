package dev.metertap.collector.report;

import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.reading.PriceReading;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.reading.SummationReading;
import dev.metertap.collector.store.Store;
import dev.metertap.simulator.device.HouseholdLoad;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * A house with known answers, written into a store: EMU-2 demand every 10 s from the simulator's
 * {@link HouseholdLoad} (plus an extra load and a drift per local day, both the test's), summation every
 * 240 s integrated exactly from that demand, and PG&E 15-minute intervals of the same energy times
 * {@code pgeFactor}. Readings whose time {@code missing} accepts are left out (a live-data gap), but
 * PG&E still has them. Keeps the true cumulative kWh at every whole hour for the test to compare.
 */
final class SyntheticHouse {

    static final String DEVICE = "0xd8d5b9000000a1b2";
    static final String METER = "0x00135001000c3f4e";
    static final String USAGE_POINT = "1234567890";
    static final int DEMAND_STEP = 10;
    static final int SUMMATION_STEP = 240;

    interface ExtraLoad {
        int watts(long epochSecond);
    }

    private final HouseholdLoad load;
    private final ExtraLoad extra;
    private final double driftWattsPerDay;
    private final double pgeFactor;
    private final LongPredicate missing;
    /** True cumulative delivered kWh at each whole hour from the start (index = hours since start). */
    final List<Double> cumulativeAtHour = new ArrayList<>();
    final List<Double> pgeAtHour = new ArrayList<>();
    /** PG&E's energy in each hour as the exact sum of the interval values written. */
    final List<BigDecimal> pgeExactAtHour = new ArrayList<>();
    private boolean writeEmu2 = true;
    private boolean writePge = true;

    SyntheticHouse(HouseholdLoad load, ExtraLoad extra, double driftWattsPerDay, double pgeFactor, LongPredicate missing) {
        this.load = load;
        this.extra = extra;
        this.driftWattsPerDay = driftWattsPerDay;
        this.pgeFactor = pgeFactor;
        this.missing = missing;
    }

    /** The house without an EMU-2: PG&E's intervals only. */
    SyntheticHouse pgeOnly() {
        writeEmu2 = false;
        return this;
    }

    /** The house without PG&E: the EMU-2's readings only. */
    SyntheticHouse emu2Only() {
        writePge = false;
        return this;
    }

    int watts(long t, long start) {
        ZoneId zone = load.settings().zone();
        long days = Instant.ofEpochSecond(t).atZone(zone).toLocalDate().toEpochDay()
                - Instant.ofEpochSecond(start).atZone(zone).toLocalDate().toEpochDay();
        return load.watts(Instant.ofEpochSecond(t)) + extra.watts(t) + (int) Math.round(driftWattsPerDay * days);
    }

    void writeTo(Store store, Instant from, Instant to, BigDecimal price) {
        long start = from.getEpochSecond();
        long end = to.getEpochSecond();
        if (writeEmu2) {
            store.append(new PriceReading(DEVICE, METER, from, "USD", price, 1));
        }
        List<Reading> batch = new ArrayList<>();
        double cumulative = 100.0;
        double intervalKwh = 0;
        double pgeHour = 0;
        BigDecimal pgeExact = BigDecimal.ZERO;
        for (long t = start; t < end; t += DEMAND_STEP) {
            if ((t - start) % 3600 == 0) {
                cumulativeAtHour.add(cumulative);
            }
            if (writeEmu2 && (t - start) % SUMMATION_STEP == 0 && !missing.test(t)) {
                batch.add(new SummationReading(DEVICE, METER, Instant.ofEpochSecond(t),
                        BigDecimal.valueOf(cumulative).setScale(6, RoundingMode.HALF_EVEN), BigDecimal.ZERO));
            }
            int watts = watts(t, start);
            if (writeEmu2 && !missing.test(t)) {
                batch.add(new DemandReading(DEVICE, METER, Instant.ofEpochSecond(t), BigDecimal.valueOf(watts, 3)));
            }
            double kwh = watts / 1000.0 * DEMAND_STEP / 3600;
            cumulative += kwh;
            intervalKwh += kwh;
            if ((t + DEMAND_STEP - start) % 900 == 0) {
                BigDecimal value = BigDecimal.valueOf(intervalKwh * pgeFactor).setScale(6, RoundingMode.HALF_EVEN);
                pgeHour += value.doubleValue();
                pgeExact = pgeExact.add(value);
                if (writePge) {
                    batch.add(new IntervalReading(USAGE_POINT, IntervalReading.Commodity.ELECTRICITY, IntervalReading.Flow.DELIVERED,
                            IntervalReading.Unit.KWH, 900, Instant.ofEpochSecond(t + DEMAND_STEP - 900), value, 17, null, null));
                }
                intervalKwh = 0;
            }
            if ((t + DEMAND_STEP - start) % 3600 == 0) {
                pgeAtHour.add(pgeHour);
                pgeExactAtHour.add(pgeExact);
                pgeHour = 0;
                pgeExact = BigDecimal.ZERO;
            }
            if (batch.size() >= 5000) {
                store.appendAll(batch);
                batch.clear();
            }
        }
        cumulativeAtHour.add(cumulative);
        if (writeEmu2) {
            batch.add(new SummationReading(DEVICE, METER, to, BigDecimal.valueOf(cumulative).setScale(6, RoundingMode.HALF_EVEN), BigDecimal.ZERO));
        }
        store.appendAll(batch);
    }
}
