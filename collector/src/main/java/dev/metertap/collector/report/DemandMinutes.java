package dev.metertap.collector.report;

import java.time.Instant;

/**
 * EMU-2 demand bucketed by minute as it streams past. Each reading holds until the next one, but never
 * longer than {@link #HOLD_SECONDS}: beyond that the device was silent and the time counts as uncovered
 * rather than guessed.
 */
final class DemandMinutes extends MinuteEnergy {

    static final int HOLD_SECONDS = 60;

    private long lastTime = Long.MIN_VALUE;
    private double lastKw;

    DemandMinutes(Instant start, Instant end) {
        super(start, end);
    }

    /** Readings must come in time order (the store's scan order). */
    void add(Instant time, double kw) {
        long t = time.getEpochSecond();
        if (lastTime != Long.MIN_VALUE && t > lastTime) {
            addPower(lastTime, Math.min(t, lastTime + HOLD_SECONDS), lastKw);
        }
        lastTime = t;
        lastKw = kw;
    }

    /** Holds the last reading up to the limit (the stream ended, not the device). */
    void finish() {
        if (lastTime != Long.MIN_VALUE) {
            addPower(lastTime, lastTime + HOLD_SECONDS, lastKw);
            lastTime = Long.MIN_VALUE;
        }
    }
}
