package dev.metertap.collector.report;

import java.time.Instant;

/**
 * EMU-2 demand bucketed by minute as it streams past: per minute, the time-weighted kW·s and the
 * seconds covered. Each reading holds until the next one, but never longer than {@link #HOLD_SECONDS}:
 * beyond that the device was silent and the time counts as uncovered rather than guessed.
 * Memory is 6 bytes per minute of the period (3 MB a year), whatever the reading rate.
 */
final class DemandMinutes {

    static final int HOLD_SECONDS = 60;

    private final long startSecond;
    private final float[] kwSeconds;
    private final short[] covered;
    private long lastTime = Long.MIN_VALUE;
    private double lastKw;

    DemandMinutes(Instant start, Instant end) {
        this.startSecond = start.getEpochSecond();
        int minutes = (int) ((end.getEpochSecond() - startSecond) / 60);
        this.kwSeconds = new float[minutes];
        this.covered = new short[minutes];
    }

    /** Readings must come in time order (the store's scan order). */
    void add(Instant time, double kw) {
        long t = time.getEpochSecond();
        if (lastTime != Long.MIN_VALUE && t > lastTime) {
            spread(lastTime, Math.min(t, lastTime + HOLD_SECONDS), lastKw);
        }
        lastTime = t;
        lastKw = kw;
    }

    /** Holds the last reading up to the limit (the stream ended, not the device). */
    void finish() {
        if (lastTime != Long.MIN_VALUE) {
            spread(lastTime, lastTime + HOLD_SECONDS, lastKw);
            lastTime = Long.MIN_VALUE;
        }
    }

    private void spread(long from, long to, double kw) {
        long t = Math.max(from, startSecond);
        long end = Math.min(to, startSecond + 60L * covered.length);
        while (t < end) {
            int minute = (int) ((t - startSecond) / 60);
            long minuteEnd = startSecond + 60L * (minute + 1);
            long seconds = Math.min(end, minuteEnd) - t;
            kwSeconds[minute] += (float) (kw * seconds);
            covered[minute] += (short) seconds;
            t += seconds;
        }
    }

    int size() {
        return covered.length;
    }

    long startSecond() {
        return startSecond;
    }

    double kwSeconds(int minute) {
        return kwSeconds[minute];
    }

    int coveredSeconds(int minute) {
        return covered[minute];
    }
}
