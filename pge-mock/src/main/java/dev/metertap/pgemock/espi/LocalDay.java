package dev.metertap.pgemock.espi;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The IntervalBlock of one usage point for one local day: PG&amp;E sends one per day, so a fall-back day holds 25
 * hourly readings (90000 s) and a spring-forward day 23 (82800 s). Gas days start at local midnight + 1 s.
 */
record LocalDay(LocalDate date, long blockStart, int blockDuration, int intervalSeconds) {

    static LocalDay of(UsagePointSpec point, LocalDate date, ZoneId zone) {
        long midnight = date.atStartOfDay(zone).toEpochSecond();
        int length = Math.toIntExact(date.plusDays(1).atStartOfDay(zone).toEpochSecond() - midnight);
        return switch (point.commodity()) {
            // one reading per day; its length follows the local day, so consecutive gas days stay contiguous (inferred)
            case GAS -> new LocalDay(date, midnight + 1, length, length);
            case ELECTRICITY -> new LocalDay(date, midnight, length, point.intervalSeconds());
        };
    }

    int readingCount() {
        return blockDuration / intervalSeconds;
    }

    long readingStart(int index) {
        return blockStart + (long) index * intervalSeconds;
    }
}
