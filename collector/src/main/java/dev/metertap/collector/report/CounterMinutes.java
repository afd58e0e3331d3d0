package dev.metertap.collector.report;

import java.time.Instant;

/**
 * The EMU-2's delivered counter as energy per minute: each delta between two summation readings at most
 * {@link MeterHours#MAX_BRACKET_SECONDS} apart is spread over the time between them. It measures the
 * nightly floor when demand readings are sparse (the collector polls summation every minute; the device
 * may push demand rarely). A counter that went back is a glitch, not energy, and is skipped.
 */
final class CounterMinutes extends MinuteEnergy {

    private long lastTime = Long.MIN_VALUE;
    private double lastKwh;

    CounterMinutes(Instant start, Instant end) {
        super(start, end);
    }

    /** Readings must come in time order. */
    void add(Instant time, double deliveredKwh) {
        long t = time.getEpochSecond();
        if (lastTime != Long.MIN_VALUE && t > lastTime && t - lastTime <= MeterHours.MAX_BRACKET_SECONDS
                && deliveredKwh >= lastKwh) {
            addEnergy(lastTime, t, deliveredKwh - lastKwh);
        }
        lastTime = t;
        lastKwh = deliveredKwh;
    }
}
