package dev.metertap.collector.reading;

import java.time.Instant;
import java.util.List;

/**
 * One accepted measurement, in domain units, timed by its source's own clock (the EMU-2's
 * TimeStamp, the interval start PG&E sent, rtlamr's message time; a night's always-on load by the night's local
 * midnight), never the host's.
 *
 * <p>Every reading is one line-protocol point; its natural key is the point's measurement, tag
 * set and time, so storing the same reading twice is a no-op.
 */
public sealed interface Reading
        permits DemandReading, SummationReading, PriceReading, LinkReading, IntervalReading, BaselineReading,
        AmrConsumptionReading, AmrIntervalReading {

    /** The data model's measurements, one per kind of reading, in the README's order. */
    List<String> MEASUREMENTS = List.of(DemandReading.MEASUREMENT, SummationReading.MEASUREMENT, PriceReading.MEASUREMENT,
            LinkReading.MEASUREMENT, IntervalReading.MEASUREMENT, BaselineReading.MEASUREMENT,
            AmrConsumptionReading.MEASUREMENT, AmrIntervalReading.MEASUREMENT);

    Instant time();

    /** This reading as a line-protocol point (the data model in the README). */
    Point toPoint();
}
