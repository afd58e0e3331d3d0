package dev.metertap.simulator.device;

import dev.metertap.simulator.schedule.ScheduleEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that fixes a simulated device's output, apart from the faults and the commands it gets.
 *
 * @param seed           the one source of randomness
 * @param identity       what DeviceInfo says
 * @param meters         the meters joined (at least one)
 * @param load           the household
 * @param start          simulated time at power-on
 * @param demandJitterMin shortest gap between demand notifications by default
 * @param demandJitterMax longest gap between demand notifications by default
 * @param periods        default periods of the other notifications
 */
public record DeviceConfig(long seed, DeviceIdentity identity, List<MeterSpec> meters, LoadSettings load,
                           Instant start, Duration demandJitterMin, Duration demandJitterMax,
                           Map<ScheduleEvent, Duration> periods) {

    public DeviceConfig {
        meters = List.copyOf(meters);
        if (meters.isEmpty()) {
            throw new IllegalArgumentException("a device needs at least one meter");
        }
        if (demandJitterMax.compareTo(demandJitterMin) < 0 || demandJitterMin.isNegative() || demandJitterMin.isZero()) {
            throw new IllegalArgumentException("demand gap must be positive, min ≤ max");
        }
        EnumMap<ScheduleEvent, Duration> all = new EnumMap<>(ScheduleEvent.class);
        for (ScheduleEvent event : ScheduleEvent.values()) {
            all.put(event, event.defaultPeriod());
        }
        all.putAll(periods);
        periods = Map.copyOf(all);
    }

    /** Defaults: an EMU-2 with one meter, 8 to 11 s demand, starting 2024-06-01T12:00:00Z. */
    public static DeviceConfig defaults(long seed) {
        return new DeviceConfig(seed, DeviceIdentity.fromSeed(seed), List.of(MeterSpec.of(0x00135003004f5a6bL)),
                LoadSettings.defaults(), Instant.parse("2024-06-01T12:00:00Z"),
                Duration.ofSeconds(8), Duration.ofSeconds(11), Map.of());
    }
}
