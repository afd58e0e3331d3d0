package dev.metertap.collector.report;

import java.time.Instant;

/**
 * Energy bucketed by minute of the period: per minute, the kW·s drawn and the seconds the data covers.
 * Whatever the source (demand held between readings, a counter's deltas, a utility's 15-minute or hourly
 * intervals), the nightly floor is then found the same way. Memory is 6 bytes per minute (3 MB a year).
 */
class MinuteEnergy {

    private final long startSecond;
    private final float[] kwSeconds;
    private final byte[] covered;

    MinuteEnergy(Instant start, Instant end) {
        this.startSecond = start.getEpochSecond();
        int minutes = (int) ((end.getEpochSecond() - startSecond) / 60);
        this.kwSeconds = new float[minutes];
        this.covered = new byte[minutes];
    }

    /** Energy used evenly over [from, to) epoch seconds: an interval's or a counter delta's. */
    final void addEnergy(long from, long to, double kwh) {
        if (to > from) {
            addPower(from, to, kwh * 3600 / (to - from));
        }
    }

    /**
     * A steady {@code kw} over [from, to). Where sources overlap (two usage points of one house) their energy adds
     * and a minute counts as covered once.
     */
    final void addPower(long from, long to, double kw) {
        long t = Math.max(from, startSecond);
        long end = Math.min(to, startSecond + 60L * covered.length);
        while (t < end) {
            int minute = (int) ((t - startSecond) / 60);
            long minuteEnd = startSecond + 60L * (minute + 1);
            long seconds = Math.min(end, minuteEnd) - t;
            kwSeconds[minute] += (float) (kw * seconds);
            covered[minute] = (byte) Math.min(60, covered[minute] + seconds);
            t += seconds;
        }
    }

    /**
     * The kW·s drawn ({@code drawn}) or sent back over [from, to) epoch seconds, a partial minute in proportion to
     * its seconds; NaN unless the data covers every second of it.
     */
    final double kwSecondsBetween(long from, long to, boolean drawn) {
        if (from < startSecond || to > startSecond + 60L * covered.length) {
            return Double.NaN;
        }
        double sum = 0;
        for (long t = from; t < to; ) {
            int minute = (int) ((t - startSecond) / 60);
            long minuteEnd = startSecond + 60L * (minute + 1);
            long seconds = Math.min(to, minuteEnd) - t;
            if (covered[minute] < 60) {
                return Double.NaN;
            }
            double energy = drawn ? kwSeconds[minute] : -kwSeconds[minute];
            sum += Math.max(0, energy) * seconds / 60;
            t += seconds;
        }
        return sum;
    }

    final int size() {
        return covered.length;
    }

    final long startSecond() {
        return startSecond;
    }

    final double kwSeconds(int minute) {
        return kwSeconds[minute];
    }

    final int coveredSeconds(int minute) {
        return covered[minute];
    }
}
