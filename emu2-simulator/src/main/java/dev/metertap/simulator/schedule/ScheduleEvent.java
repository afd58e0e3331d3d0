package dev.metertap.simulator.schedule;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The periodic notifications, with the simulator's default periods. The device's real defaults are
 * not published except demand (8 to 11 s seen in captures) and price (the unit asks every 2 minutes);
 * the others are assumptions, documented in the README.
 */
public enum ScheduleEvent {
    TIME("time", Duration.ofMinutes(15)),
    PRICE("price", Duration.ofMinutes(2)),
    DEMAND("demand", Duration.ofSeconds(10)),
    SUMMATION("summation", Duration.ofMinutes(4)),
    MESSAGE("message", Duration.ofHours(1));

    private final String wireName;
    private final Duration defaultPeriod;

    ScheduleEvent(String wireName, Duration defaultPeriod) {
        this.wireName = wireName;
        this.defaultPeriod = defaultPeriod;
    }

    /** As written in ScheduleInfo's Event and read from set_schedule. */
    public String wireName() {
        return wireName;
    }

    public Duration defaultPeriod() {
        return defaultPeriod;
    }

    public static Optional<ScheduleEvent> parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (ScheduleEvent event : values()) {
            if (event.wireName.equals(wanted)) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }
}
