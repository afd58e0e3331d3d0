package dev.metertap.simulator.device;

import dev.metertap.simulator.schedule.EventQueue;
import dev.metertap.simulator.schedule.ScheduleEvent;
import dev.metertap.simulator.schedule.SimulatedClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.SplittableRandom;

/**
 * When each meter's notifications fall due: their periods, the demand jitter, fast poll, and the queue of everything
 * timed (the device's other tasks go into it too). Called under the device's lock.
 */
final class DeviceSchedule {

    /** How one periodic notification is scheduled for one meter. */
    record Setting(Duration period, boolean enabled, boolean jittered) {
    }

    /** What happens when a notification falls due. */
    interface Firing {
        void fire(int meter, ScheduleEvent event);
    }

    private final DeviceConfig config;
    private final SimulatedClock clock;
    private final SplittableRandom jitter;
    private final Firing firing;
    private final EventQueue queue = new EventQueue();
    private final List<EnumMap<ScheduleEvent, Setting>> settings = new ArrayList<>();
    private long fastPollUntil = Long.MIN_VALUE;
    private long fastPollMillis;

    DeviceSchedule(DeviceConfig config, SimulatedClock clock, SplittableRandom jitter, Firing firing) {
        this.config = config;
        this.clock = clock;
        this.jitter = jitter;
        this.firing = firing;
        config.meters().forEach(meter -> settings.add(defaults()));
    }

    EventQueue queue() {
        return queue;
    }

    /** After the start-up sequence: each meter half a second after the last, each kind a second after the one before. */
    void startAt(long first) {
        forEachEnabled((meter, e) -> at(first + meter * 500L + e.ordinal() * 1000L, meter, e));
    }

    /** A device that has been running: each notification somewhere in its period from now. */
    void startRunning() {
        forEachEnabled((meter, e) -> at(clock.millis() + 1 + jitter.nextLong(periodMillis(meter, e)), meter, e));
    }

    /** The next one after the one that just fired. */
    void next(int meter, ScheduleEvent e) {
        if (setting(meter, e).enabled()) {
            at(clock.millis() + periodMillis(meter, e), meter, e);
        }
    }

    void reschedule(int meter, ScheduleEvent e, Setting setting) {
        settings.get(meter).put(e, setting);
        queue.removeIf(t -> t.event() == e && t.meter() == meter);
        next(meter, e);
    }

    void reset(int meter, ScheduleEvent only) {
        EnumMap<ScheduleEvent, Setting> defaults = defaults();
        for (ScheduleEvent e : ScheduleEvent.values()) {
            if (only == null || only == e) {
                reschedule(meter, e, defaults.get(e));
            }
        }
    }

    Setting setting(int meter, ScheduleEvent e) {
        return settings.get(meter).get(e);
    }

    void fastPoll(int meter, long frequencySeconds, long durationSeconds) {
        fastPollMillis = frequencySeconds * 1000;
        fastPollUntil = durationSeconds == 0 ? Long.MIN_VALUE : clock.millis() + durationSeconds * 1000;
        queue.removeIf(t -> t.event() == ScheduleEvent.DEMAND && t.meter() == meter);
        next(meter, ScheduleEvent.DEMAND);
    }

    long fastPollSeconds() {
        return clock.millis() < fastPollUntil ? fastPollMillis / 1000 : 0;
    }

    Instant fastPollEnd() {
        return clock.millis() < fastPollUntil ? Instant.ofEpochMilli(fastPollUntil) : null;
    }

    private long periodMillis(int meter, ScheduleEvent e) {
        Setting s = setting(meter, e);
        if (e == ScheduleEvent.DEMAND && clock.millis() < fastPollUntil) {
            return fastPollMillis;
        }
        if (s.jittered()) {
            long min = config.demandJitterMin().toMillis();
            long max = config.demandJitterMax().toMillis();
            return min + jitter.nextLong(max - min + 1);
        }
        return Math.max(1000, s.period().toMillis());
    }

    private void at(long millis, int meter, ScheduleEvent e) {
        queue.schedule(millis, e, meter, () -> firing.fire(meter, e));
    }

    private void forEachEnabled(Firing action) {
        for (int meter = 0; meter < settings.size(); meter++) {
            for (ScheduleEvent e : ScheduleEvent.values()) {
                if (setting(meter, e).enabled()) {
                    action.fire(meter, e);
                }
            }
        }
    }

    private EnumMap<ScheduleEvent, Setting> defaults() {
        EnumMap<ScheduleEvent, Setting> s = new EnumMap<>(ScheduleEvent.class);
        for (ScheduleEvent e : ScheduleEvent.values()) {
            s.put(e, new Setting(config.periods().get(e), true, e == ScheduleEvent.DEMAND));
        }
        return s;
    }
}
