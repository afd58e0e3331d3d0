package dev.metertap.simulator.fault;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The faults in force and their values; thread-safe, changed at any time (by tests, the CLI, the
 * control API). Triggered flaws (unplug, silence, rejoin now) are actions on the simulator instead.
 */
public final class Faults {

    private final EnumMap<FaultName, Double> values = new EnumMap<>(FaultName.class);

    /** Throws unless {@code value} suits the fault: a rate from 0 to 1, or an amount of 0 or more. */
    public static void check(FaultName name, double value) {
        if (Double.isNaN(value) || value < 0 || Double.isInfinite(value) || (name.isRate() && value > 1)) {
            throw new IllegalArgumentException(name.id() + " must be " + (name.isRate() ? "between 0 and 1" : "0 or more") + ", not " + value);
        }
    }

    /** Sets a fault; 0 turns it off. Rates must be between 0 and 1. */
    public synchronized Faults set(FaultName name, double value) {
        check(name, value);
        if (value == 0) {
            values.remove(name);
        } else {
            values.put(name, value);
        }
        return this;
    }

    public Faults clobber(double rate) {
        return set(FaultName.CLOBBER, rate);
    }

    public Faults staleTail(double rate) {
        return set(FaultName.STALE_TAIL, rate);
    }

    public Faults dropReplies(double rate) {
        return set(FaultName.DROP_REPLIES, rate);
    }

    public Faults commandGap(Duration gap) {
        return set(FaultName.COMMAND_GAP, gap.toNanos() / 1e9);
    }

    public Faults nulBytes(double rate) {
        return set(FaultName.NUL_BYTES, rate);
    }

    public Faults dateCodeFf(boolean on) {
        return set(FaultName.DATE_CODE_FF, on ? 1 : 0);
    }

    public Faults sentinels(double rate) {
        return set(FaultName.SENTINELS, rate);
    }

    public Faults zeroSummations(double rate) {
        return set(FaultName.ZERO_SUMMATION, rate);
    }

    public Faults rejoins(double rate) {
        return set(FaultName.REJOIN, rate);
    }

    public Faults trickle(int bytesPerSecond) {
        return set(FaultName.TRICKLE, bytesPerSecond);
    }

    public synchronized double value(FaultName name) {
        return values.getOrDefault(name, 0.0);
    }

    public boolean isOn(FaultName name) {
        return value(name) > 0;
    }

    public synchronized void clear(FaultName name) {
        values.remove(name);
    }

    public synchronized void clear() {
        values.clear();
    }

    /** The faults in force, by name. */
    public synchronized Map<FaultName, Double> active() {
        return Map.copyOf(values);
    }

    @Override
    public synchronized String toString() {
        return "Faults" + values;
    }
}
