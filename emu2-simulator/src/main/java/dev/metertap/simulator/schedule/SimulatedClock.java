package dev.metertap.simulator.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The device's own time: moves only when the simulation runs events (manually, or driven by a
 * {@link TimeDriver} at some speed). Never goes backwards.
 */
public final class SimulatedClock extends Clock {

    private volatile long millis;

    public SimulatedClock(Instant start) {
        this.millis = start.toEpochMilli();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public long millis() {
        return millis;
    }

    /** Moves the clock forward to {@code epochMillis}; earlier values are ignored. */
    public synchronized void moveTo(long epochMillis) {
        if (epochMillis > millis) {
            millis = epochMillis;
            notifyAll();
        }
    }

    /**
     * Waits (wall time, at most {@code timeout}) until simulated time reaches {@code instant}.
     *
     * @return whether it did
     */
    public synchronized boolean awaitReaching(Instant instant, java.time.Duration timeout) throws InterruptedException {
        long target = instant.toEpochMilli();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (millis < target) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulated clock is UTC only");
    }

    @Override
    public String toString() {
        return "SimulatedClock[" + instant() + "]";
    }
}
