package dev.metertap.simulator.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Runs a simulation in real or accelerated time on its own thread: {@code speed} simulated seconds
 * per wall-clock second. Accelerated (speed above 1), when the output is backed up (a reader slower
 * than the simulation) the simulated clock waits instead of running ahead, so a fast run through a
 * pty loses nothing. In real time the clock never waits.
 */
public final class TimeDriver implements AutoCloseable {

    /** What the driver moves forward. */
    public interface Simulation {
        /** Runs every event due up to {@code epochMillis} and sets the clock there. */
        void runUntil(long epochMillis);

        /** Simulated epoch millis of the next event, or {@link Long#MAX_VALUE}. */
        long nextEventMillis();

        /** Bytes waiting to be written; above the high-water mark the driver waits. */
        long pendingBytes();
    }

    private static final Logger LOG = LoggerFactory.getLogger(TimeDriver.class);
    private static final long MAX_PARK_NANOS = 20_000_000L;
    private static final long MAX_STEP_MILLIS = 60_000L;
    /** Above this many unwritten bytes the simulated clock waits for the reader. */
    public static final long HIGH_WATER_BYTES = 64 * 1024;

    private final Simulation simulation;
    private final SimulatedClock clock;
    private final double speed;
    private final LongSupplier nanoTime;
    private final long stopAtMillis;
    private volatile boolean running;
    private Thread thread;

    public TimeDriver(Simulation simulation, SimulatedClock clock, double speed) {
        this(simulation, clock, speed, Long.MAX_VALUE, System::nanoTime);
    }

    /** @param stopAtMillis simulated epoch millis at which the clock stops for good ({@link Long#MAX_VALUE}: never) */
    public TimeDriver(Simulation simulation, SimulatedClock clock, double speed, long stopAtMillis) {
        this(simulation, clock, speed, stopAtMillis, System::nanoTime);
    }

    TimeDriver(Simulation simulation, SimulatedClock clock, double speed, long stopAtMillis, LongSupplier nanoTime) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive, not " + speed);
        }
        this.simulation = simulation;
        this.clock = clock;
        this.speed = speed;
        this.nanoTime = nanoTime;
        this.stopAtMillis = stopAtMillis;
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "emu2-time");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        double target = clock.millis();
        long lastWall = nanoTime.getAsLong();
        boolean backpressured = false;
        while (running) {
            long wall = nanoTime.getAsLong();
            long elapsed = wall - lastWall;
            lastWall = wall;
            // in real time the device never waits for a reader (as the real one does not); faster, it does
            boolean full = speed > 1 && simulation.pendingBytes() > HIGH_WATER_BYTES;
            if (full != backpressured) {
                LOG.debug("output {}", full ? "backed up: the simulated clock waits" : "drained: the simulated clock runs");
                backpressured = full;
            }
            long parkNanos;
            if (full) {
                parkNanos = 1_000_000L;
            } else {
                target = Math.min(target + elapsed / 1e6 * speed, stopAtMillis);
                // small steps, so the output is checked often at high speed
                long step = (long) Math.min(target, clock.millis() + MAX_STEP_MILLIS);
                try {
                    simulation.runUntil(step);
                } catch (RuntimeException e) {
                    LOG.error("simulation step failed; the device carries on", e);
                }
                long nextEvent = simulation.nextEventMillis();
                if (clock.millis() >= stopAtMillis) {
                    parkNanos = MAX_PARK_NANOS;
                } else if (step < (long) target) {
                    parkNanos = 0;
                } else if (nextEvent == Long.MAX_VALUE) {
                    parkNanos = MAX_PARK_NANOS;
                } else {
                    parkNanos = (long) Math.min(MAX_PARK_NANOS, Math.max(0, (nextEvent - target) / speed * 1e6));
                }
            }
            if (parkNanos > 0) {
                LockSupport.parkNanos(this, parkNanos);
            }
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
