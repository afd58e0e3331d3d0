package dev.metertap.collector.config;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * {@code schedule:}: when {@code metertap run} asks PG&E for the recent days' data (a local time in
 * {@code report.zone}, whatever the host's zone), and how many days back. Off when absent; needs the
 * {@code pge:} section when set.
 */
public record ScheduleConfig(String pgeDailyBulkAt, Integer pgeDays) {

    public static final int DEFAULT_PGE_DAYS = 3;

    public ScheduleConfig {
        if (pgeDailyBulkAt != null) {
            try {
                LocalTime.parse(pgeDailyBulkAt);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'pge-daily-bulk-at' is a local time like 06:30, not '" + pgeDailyBulkAt + "'");
            }
        }
        pgeDays = pgeDays == null ? DEFAULT_PGE_DAYS : pgeDays;
        if (pgeDays < 1 || pgeDays > 60) {
            throw new IllegalArgumentException("'pge-days' must be between 1 and 60");
        }
    }

    /** The daily request's local time (in {@code report.zone}), when one is configured. */
    public java.util.Optional<LocalTime> pgeDailyBulkTime() {
        return java.util.Optional.ofNullable(pgeDailyBulkAt).map(LocalTime::parse);
    }
}
