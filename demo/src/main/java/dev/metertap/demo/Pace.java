package dev.metertap.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * How fast the virtual EMU-2's clock really runs. It waits for the collector when the collector reads more slowly
 * than the device writes (nothing is lost), so a speed asked for may not be reached: the demo says so.
 */
final class Pace {

    /** Slower than this share of the speed asked for is worth saying. */
    private static final double SHORTFALL = 0.8;
    /** Over a shorter time the measure is mostly start-up noise. */
    private static final Duration SETTLING = Duration.ofSeconds(3);

    private final double asked;
    private volatile long wallStart;
    private volatile Instant simulatedStart;
    private volatile long wallStop;

    Pace(double asked) {
        this.asked = asked;
    }

    double asked() {
        return asked;
    }

    /** The device's clock starts running now, at {@code simulatedNow}. */
    void started(Instant simulatedNow) {
        wallStart = System.nanoTime();
        simulatedStart = simulatedNow;
    }

    /** The device's clock has reached its end: the time after this does not count. */
    void stopped() {
        wallStop = System.nanoTime();
    }

    /** The speed reached up to {@code simulatedNow}, when it falls markedly short of the one asked for. */
    OptionalDouble shortfall(Instant simulatedNow) {
        Instant from = simulatedStart;
        if (from == null) {
            return OptionalDouble.empty();
        }
        long wallNanos = (wallStop != 0 ? wallStop : System.nanoTime()) - wallStart;
        if (wallNanos < SETTLING.toNanos()) {
            return OptionalDouble.empty();
        }
        double reached = Duration.between(from, simulatedNow).toNanos() / (double) wallNanos;
        return reached < asked * SHORTFALL ? OptionalDouble.of(reached) : OptionalDouble.empty();
    }
}
