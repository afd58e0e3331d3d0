package dev.metertap.collector.report;

import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.reading.SummationReading;
import dev.metertap.collector.store.Store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.function.LongToIntFunction;

/**
 * A house whose net draw is the test's own closed-form function of time (watts, negative when exporting), written
 * into a store as any mix of the sources a house can have: EMU-2 demand, the EMU-2's counter, PG&E intervals
 * (delivered and received integrated second by second, rounded to PG&E's Wh). Readings at times {@code missing}
 * accepts are left out of every source.
 */
final class KnownHouse {

    static final String DEVICE = "0xd8d5b9000000a1b2";
    static final String METER = "0x00135001000c3f4e";
    static final String USAGE_POINT = "1234567890";

    private final LongToIntFunction watts;
    private LongPredicate missing = t -> false;

    KnownHouse(LongToIntFunction watts) {
        this.watts = watts;
    }

    KnownHouse missing(LongPredicate when) {
        this.missing = when;
        return this;
    }

    KnownHouse demand(Store store, Instant from, Instant to, int stepSeconds) {
        List<Reading> batch = new ArrayList<>();
        for (long t = from.getEpochSecond(); t < to.getEpochSecond(); t += stepSeconds) {
            if (!missing.test(t)) {
                batch.add(new DemandReading(DEVICE, METER, Instant.ofEpochSecond(t), BigDecimal.valueOf(watts.applyAsInt(t), 3)));
            }
            flushIfFull(store, batch);
        }
        store.appendAll(batch);
        return this;
    }

    /** The meter's delivered and received counters, read every {@code stepSeconds}, to the EMU-2's 1 Wh. */
    KnownHouse counter(Store store, Instant from, Instant to, int stepSeconds) {
        List<Reading> batch = new ArrayList<>();
        double deliveredWs = 0;
        double receivedWs = 0;
        for (long t = from.getEpochSecond(); t <= to.getEpochSecond(); t++) {
            if ((t - from.getEpochSecond()) % stepSeconds == 0 && !missing.test(t)) {
                batch.add(new SummationReading(DEVICE, METER, Instant.ofEpochSecond(t), kwh(deliveredWs, 3), kwh(receivedWs, 3)));
                flushIfFull(store, batch);
            }
            int w = watts.applyAsInt(t);
            deliveredWs += Math.max(w, 0);
            receivedWs += Math.max(-w, 0);
        }
        store.appendAll(batch);
        return this;
    }

    /** PG&E's intervals of {@code seconds}, delivered and (when the house exported) received. */
    KnownHouse pge(Store store, Instant from, Instant to, int seconds) {
        List<Reading> batch = new ArrayList<>();
        for (long start = from.getEpochSecond(); start < to.getEpochSecond(); start += seconds) {
            if (missing.test(start)) {
                continue;
            }
            double deliveredWs = 0;
            double receivedWs = 0;
            for (long t = start; t < start + seconds; t++) {
                int w = watts.applyAsInt(t);
                deliveredWs += Math.max(w, 0);
                receivedWs += Math.max(-w, 0);
            }
            batch.add(interval(IntervalReading.Flow.DELIVERED, start, seconds, deliveredWs));
            if (receivedWs > 0) {
                batch.add(interval(IntervalReading.Flow.RECEIVED, start, seconds, receivedWs));
            }
            flushIfFull(store, batch);
        }
        store.appendAll(batch);
        return this;
    }

    private static IntervalReading interval(IntervalReading.Flow flow, long start, int seconds, double ws) {
        return new IntervalReading(USAGE_POINT, IntervalReading.Commodity.ELECTRICITY, flow, IntervalReading.Unit.KWH,
                seconds, Instant.ofEpochSecond(start), kwh(ws, 3), 19, null, null);
    }

    private static BigDecimal kwh(double wattSeconds, int decimals) {
        return BigDecimal.valueOf(wattSeconds / 3_600_000).setScale(decimals, RoundingMode.HALF_EVEN);
    }

    private static void flushIfFull(Store store, List<Reading> batch) {
        if (batch.size() >= 5000) {
            store.appendAll(batch);
            batch.clear();
        }
    }
}
