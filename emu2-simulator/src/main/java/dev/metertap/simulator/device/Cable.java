package dev.metertap.simulator.device;

import dev.metertap.simulator.schedule.EventQueue;
import dev.metertap.simulator.schedule.SimulatedClock;

import java.time.Duration;
import java.time.Instant;

/**
 * The triggered flaws of the cable and the port: pulled for a while (ports vanish, then come back at the same paths)
 * or the device gone silent (nothing written, commands not heard). The state is the {@link DeviceWire}'s, which
 * writes nothing meanwhile. Called under the device's lock.
 */
final class Cable {

    private final SimulatedClock clock;
    private final EventQueue queue;
    private final DeviceWire wire;

    Cable(SimulatedClock clock, EventQueue queue, DeviceWire wire) {
        this.clock = clock;
        this.queue = queue;
        this.wire = wire;
    }

    /** Pulls the cable for {@code d} of simulated time. */
    void unplug(Duration d) {
        if (!wire.plugged()) {
            return;
        }
        wire.plug(false);
        wire.event("unplug", "for " + d, new byte[0]);
        wire.output().unplug();
        queue.schedule(clock.millis() + Math.max(1, d.toMillis()), "replug", this::replug);
    }

    /** Schedules an unplug at simulated time {@code when}, for {@code d}. */
    void unplugAt(Instant when, Duration d) {
        queue.schedule(Math.max(clock.millis(), when.toEpochMilli()), "unplug", () -> unplug(d));
    }

    private void replug() {
        wire.plug(true);
        wire.event("replug", "ports back", new byte[0]);
        wire.output().replug();
    }

    /** Writes nothing and hears no command for {@code d} of simulated time (the model keeps running). */
    void silence(Duration d) {
        long until = clock.millis() + d.toMillis();
        wire.silenceUntil(until);
        wire.event("silence", "until " + Instant.ofEpochMilli(until), new byte[0]);
    }
}
