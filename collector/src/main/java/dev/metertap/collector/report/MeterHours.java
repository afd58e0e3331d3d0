package dev.metertap.collector.report;

import java.time.Instant;
import java.util.Arrays;

/**
 * The EMU-2's running totals (delivered and received kWh) at every hour boundary of the period,
 * interpolated between the two summation readings around it: the energy between them is shared out
 * as the demand readings say it was drawn (an EV that stopped a minute after the hour), or in
 * proportion to time where demand does not cover the bracket. A boundary whose surrounding readings
 * are more than {@link #MAX_BRACKET_SECONDS} apart (or missing) is unknown: the live data had a gap
 * there. Energy over any span is then a difference of two totals, exact to the register's resolution
 * wherever the meter's counter was read near both ends.
 */
final class MeterHours {

    static final int MAX_BRACKET_SECONDS = 600;

    private final long startSecond;
    private final MinuteEnergy demand;
    private final double[] delivered;
    private final double[] received;
    private long lastTime = Long.MIN_VALUE;
    private double lastDelivered;
    private double lastReceived;

    /** @param demand the period's demand readings, to share each bracket's energy by */
    MeterHours(Instant start, int hours, MinuteEnergy demand) {
        this.startSecond = start.getEpochSecond();
        this.demand = demand;
        this.delivered = new double[hours + 1];
        this.received = new double[hours + 1];
        Arrays.fill(delivered, Double.NaN);
        Arrays.fill(received, Double.NaN);
    }

    /** Readings must come in time order. */
    void add(Instant time, double deliveredKwh, double receivedKwh) {
        long t = time.getEpochSecond();
        long sinceStart = t - startSecond;
        if (sinceStart >= 0 && sinceStart % 3600 == 0 && sinceStart / 3600 < delivered.length) {
            delivered[(int) (sinceStart / 3600)] = deliveredKwh;
            received[(int) (sinceStart / 3600)] = receivedKwh;
        }
        if (lastTime != Long.MIN_VALUE && t > lastTime && t - lastTime <= MAX_BRACKET_SECONDS) {
            long firstBoundary = Math.floorDiv(lastTime - startSecond + 3599, 3600);
            for (long b = Math.max(0, firstBoundary); b < delivered.length; b++) {
                long boundary = startSecond + 3600 * b;
                if (boundary > t) {
                    break;
                }
                delivered[(int) b] = lastDelivered + share(lastTime, boundary, t, true) * (deliveredKwh - lastDelivered);
                received[(int) b] = lastReceived + share(lastTime, boundary, t, false) * (receivedKwh - lastReceived);
            }
        }
        lastTime = t;
        lastDelivered = deliveredKwh;
        lastReceived = receivedKwh;
    }

    /** The part of the energy drawn (or sent back) in [from, to) that came before {@code boundary}. */
    private double share(long from, long boundary, long to, boolean drawn) {
        double whole = demand.kwSecondsBetween(from, to, drawn);
        if (whole > 0) {
            return demand.kwSecondsBetween(from, boundary, drawn) / whole;
        }
        return (double) (boundary - from) / (to - from);
    }

    /** Delivered kWh between boundaries {@code fromHour} and {@code toHour}, NaN when either is unknown or the counter went back. */
    double deliveredKwh(int fromHour, int toHour) {
        return delta(delivered, fromHour, toHour);
    }

    double receivedKwh(int fromHour, int toHour) {
        return delta(received, fromHour, toHour);
    }

    private static double delta(double[] totals, int from, int to) {
        double d = totals[to] - totals[from];
        return d >= 0 ? d : Double.NaN;
    }
}
