package dev.metertap.simulator.device;

import dev.metertap.simulator.schedule.EventQueue;
import dev.metertap.simulator.schedule.SimulatedClock;

import java.time.Duration;
import java.util.List;

/**
 * The device's link to the meter: the ConnectionStatus it reports and when it changes: the start-up sequence (at
 * power-on, restart, factory reset), rejoin episodes (Rejoining, LinkStrength 0x00) and their end. Called under the
 * device's lock.
 */
final class DeviceLink {

    private static final List<String> STARTUP = List.of("Initializing...", "Network Discovery", "Joining", "Join: Success", "Connected");
    private static final int CONNECTED_STRENGTH = 0x64;
    private static final int CHANNEL = 25;

    private final SimulatedClock clock;
    private final EventQueue queue;
    private final DeviceSchedule schedule;
    private final DeviceWire wire;
    private final Notifications notes;
    private final MeterState reporter;
    private final long extPanId;
    private final int shortAddr;
    private String status = "Initializing...";
    private int strength;
    private boolean rejoining;
    private int rejoinEpisode;

    /** @param reporter the meter whose MeterMacId the ConnectionStatus notifications carry */
    DeviceLink(SimulatedClock clock, DeviceSchedule schedule, DeviceWire wire, Notifications notes, MeterState reporter,
               long extPanId, int shortAddr) {
        this.clock = clock;
        this.queue = schedule.queue();
        this.schedule = schedule;
        this.wire = wire;
        this.notes = notes;
        this.reporter = reporter;
        this.extPanId = extPanId;
        this.shortAddr = shortAddr;
    }

    Notifications.Link now() {
        return new Notifications.Link(status, strength, extPanId, CHANNEL, shortAddr);
    }

    /** During a rejoin episode the device reports ConnectionStatus instead of demand, and summations go stale. */
    boolean rejoining() {
        return rejoining;
    }

    /** Found running for a while: connected, no start-up sequence. */
    void connectedAlready() {
        set("Connected", CONNECTED_STRENGTH);
    }

    /** The start-up ConnectionStatus sequence from {@code at}, one a second, then the schedule. */
    void startup(long at) {
        // a restart forgets the schedule, not the world: unplug, replug and rejoin endings stay
        queue.removeIf(t -> t.event() != null || t.purpose().equals("startup"));
        rejoining = false;
        for (int i = 0; i < STARTUP.size(); i++) {
            String step = STARTUP.get(i);
            queue.schedule(at + i * 1000L, "startup", () -> {
                set(step, step.equals("Connected") ? CONNECTED_STRENGTH : 0);
                report("startup");
            });
        }
        schedule.startAt(at + STARTUP.size() * 1000L);
    }

    /** The device restarts (as for the {@code restart} command). */
    void restart() {
        set("Initializing...", 0);
        startup(clock.millis());
    }

    /** Factory reset: Disconnected, then a restart. */
    void decommission() {
        wire.event("factory-reset", "decommissioned", new byte[0]);
        set("Disconnected", 0);
        report("factory_reset");
        restart();
    }

    /** Starts a rejoin episode of {@code d} unless one is going on. */
    void startRejoin(Duration d, String why) {
        if (rejoining) {
            return;
        }
        rejoining = true;
        int episode = ++rejoinEpisode;
        wire.event("rejoin", why + ", for " + d, new byte[0]);
        set("Rejoining", 0);
        report("rejoin");
        queue.schedule(clock.millis() + d.toMillis(), "rejoin-end", () -> {
            if (!rejoining || episode != rejoinEpisode) {
                return; // a restart ended this episode already
            }
            rejoining = false;
            set("Connected", CONNECTED_STRENGTH);
            report("rejoin");
        });
    }

    private void report(String trigger) {
        wire.emit(notes.connection(reporter, now()), trigger);
    }

    private void set(String newStatus, int newStrength) {
        status = newStatus;
        strength = newStrength;
    }
}
