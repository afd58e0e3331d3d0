package dev.metertap.simulator.device;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One meter as the device knows it: the last demand it heard, and the summations, which are the meter's
 * registers: they count the household's energy second by second (a whole raw unit once its share of
 * watt-seconds has accumulated), as a real meter counts what flows rather than what the display sampled.
 * Guarded by the device.
 */
final class MeterState {

    /** One hour of profile history: summation raw values at the end of the hour. */
    record HourMark(Instant end, long deliveredRaw, long receivedRaw) {
    }

    private static final long MILLIS_PER_HOUR = 3_600_000L;
    private static final long WATT_SECONDS_PER_KWH = 3_600_000L;
    private static final int HISTORY_HOURS = 24 * 14;

    private final HouseholdLoad load;
    private MeterSpec spec;
    private int demandRaw;
    private Instant demandAt;
    private long deliveredBase;
    private long receivedBase;
    private long deliveredWattSeconds;
    private long receivedWattSeconds;
    /** Epoch second up to which the registers have counted. */
    private long integratedTo;
    private long nextHourMark;
    private Instant summationAt;
    /** The registers as last taken: a summation asked without Refresh repeats them, TimeStamp and values alike. */
    private long summationDelivered;
    private long summationReceived;
    private final Deque<HourMark> history = new ArrayDeque<>();
    private Instant periodStart;
    private long periodStartDelivered;
    private Instant lastPeriodStart;
    private Instant lastPeriodEnd;
    private long lastPeriodUsage;

    MeterState(MeterSpec spec, HouseholdLoad load, Instant start, long deliveredBase, long receivedBase) {
        this.spec = spec;
        this.load = load;
        this.deliveredBase = deliveredBase;
        this.receivedBase = receivedBase;
        this.integratedTo = start.getEpochSecond();
        this.nextHourMark = (start.toEpochMilli() / MILLIS_PER_HOUR + 1) * MILLIS_PER_HOUR;
        this.demandAt = start;
        this.summationAt = start;
        this.summationDelivered = deliveredBase;
        this.summationReceived = receivedBase;
        this.periodStart = start;
        this.periodStartDelivered = deliveredRaw();
    }

    MeterSpec spec() {
        return spec;
    }

    void rename(MeterSpec newSpec) {
        this.spec = newSpec;
    }

    /** Hears a new demand from the meter at {@code t}. */
    void read(Instant t, int watts) {
        demandRaw = rawFromWatts(watts);
        demandAt = t;
    }

    int rawFromWatts(int watts) {
        // kW = raw × multiplier ÷ divisor
        return (int) Math.round(watts / 1000.0 * spec.divisor() / spec.multiplier());
    }

    void integrateTo(Instant t) {
        long to = t.toEpochMilli();
        while (nextHourMark <= to) {
            accumulate(nextHourMark);
            history.addLast(new HourMark(Instant.ofEpochMilli(nextHourMark), deliveredRaw(), receivedRaw()));
            if (history.size() > HISTORY_HOURS) {
                history.removeFirst();
            }
            nextHourMark += MILLIS_PER_HOUR;
        }
        accumulate(to);
    }

    /** Counts the whole seconds before {@code toMillis}. */
    private void accumulate(long toMillis) {
        long to = Math.floorDiv(toMillis, 1000);
        if (to <= integratedTo) {
            return;
        }
        HouseholdLoad.Energy energy = load.energy(Instant.ofEpochSecond(integratedTo), Instant.ofEpochSecond(to));
        deliveredWattSeconds += energy.deliveredWattSeconds();
        receivedWattSeconds += energy.receivedWattSeconds();
        integratedTo = to;
    }

    /** Refreshes the summation the device reports to {@code t}. */
    void takeSummation(Instant t) {
        integrateTo(t);
        summationAt = t;
        summationDelivered = deliveredRaw();
        summationReceived = receivedRaw();
    }

    int demandRaw() {
        return demandRaw;
    }

    Instant demandAt() {
        return demandAt;
    }

    Instant summationAt() {
        return summationAt;
    }

    long summationDelivered() {
        return summationDelivered;
    }

    long summationReceived() {
        return summationReceived;
    }

    long deliveredRaw() {
        return deliveredBase + raw(deliveredWattSeconds);
    }

    long receivedRaw() {
        return receivedBase + raw(receivedWattSeconds);
    }

    /** kWh = raw × multiplier ÷ divisor, in whole raw units counted so far. */
    private long raw(long wattSeconds) {
        return wattSeconds * spec.divisor() / (WATT_SECONDS_PER_KWH * spec.multiplier());
    }

    BigDecimal scaled(long raw) {
        return BigDecimal.valueOf(raw).multiply(BigDecimal.valueOf(spec.multiplier()))
                .divide(BigDecimal.valueOf(spec.divisor()), MathContext.DECIMAL128);
    }

    Instant periodStart() {
        return periodStart;
    }

    long currentPeriodUsage() {
        return deliveredRaw() - periodStartDelivered;
    }

    void closePeriod(Instant t) {
        integrateTo(t);
        lastPeriodStart = periodStart;
        lastPeriodEnd = t;
        lastPeriodUsage = currentPeriodUsage();
        periodStart = t;
        periodStartDelivered = deliveredRaw();
    }

    Instant lastPeriodStart() {
        return lastPeriodStart;
    }

    Instant lastPeriodEnd() {
        return lastPeriodEnd;
    }

    long lastPeriodUsage() {
        return lastPeriodUsage;
    }

    /** Hourly marks ending at or before {@code end}, newest first, at most {@code count}. */
    List<HourMark> hoursUpTo(Instant end, int count) {
        List<HourMark> marks = new ArrayList<>();
        var it = history.descendingIterator();
        while (it.hasNext() && marks.size() < count + 1) {
            HourMark mark = it.next();
            if (!mark.end().isAfter(end)) {
                marks.add(mark);
            }
        }
        return marks;
    }
}
