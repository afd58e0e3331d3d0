package dev.metertap.collector.pge.download;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a CSV row's local DATE, START TIME and END TIME into the interval Share My Data would send for it.
 *
 * <p>A fall-back day lists its repeated hour twice: the first time is daylight time, the second standard time, in
 * the order the rows come. A spring-forward day has no rows for the skipped hour; one that names a time that does not
 * exist is refused. A row from 00:00 to 23:59 is the whole local day (23, 24 or 25 hours); any other row lasts from
 * its start to the minute after its end, on the wall clock.
 */
final class LocalIntervals {

    /** An interval in UTC: start and length in seconds; whole day when the row spans 00:00 to 23:59. */
    record Interval(Instant start, int seconds, boolean wholeDay) {
    }

    private static final LocalTime LAST_MINUTE = LocalTime.of(23, 59);

    private final ZoneId zone;
    private final Map<LocalDateTime, Integer> repeatedTimesSeen = new HashMap<>(); // a few per fall-back day

    LocalIntervals(ZoneId zone) {
        this.zone = zone;
    }

    ZoneId zone() {
        return zone;
    }

    Interval of(LocalDate date, LocalTime start, LocalTime end, long line) throws CsvException {
        if (start.equals(LocalTime.MIDNIGHT) && end.equals(LAST_MINUTE)) {
            Instant dayStart = date.atStartOfDay(zone).toInstant();
            long seconds = date.plusDays(1).atStartOfDay(zone).toInstant().getEpochSecond() - dayStart.getEpochSecond();
            return new Interval(dayStart, (int) seconds, true);
        }
        long minutes = (end.toSecondOfDay() - start.toSecondOfDay()) / 60 + 1;
        if (minutes <= 0) {
            throw new CsvException(String.format("line %,d: END TIME %s is before START TIME %s", line, end, start));
        }
        return new Interval(startOf(date.atTime(start), line), (int) minutes * 60, false);
    }

    private Instant startOf(LocalDateTime local, long line) throws CsvException {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            throw new CsvException(String.format("line %,d: %s on %s does not exist in %s (the clocks skip it "
                    + "that night)", line, local.toLocalTime(), local.toLocalDate(), zone));
        }
        ZonedDateTime zoned = ZonedDateTime.ofLocal(local, zone, null);
        if (offsets.size() == 1) {
            return zoned.toInstant();
        }
        int seen = repeatedTimesSeen.merge(local, 1, Integer::sum);
        if (seen > 2) {
            throw new CsvException(String.format("line %,d: %s on %s appears a third time (the fall-back night "
                    + "has it twice: daylight time, then standard time)", line, local.toLocalTime(), local.toLocalDate()));
        }
        return (seen == 1 ? zoned.withEarlierOffsetAtOverlap() : zoned.withLaterOffsetAtOverlap()).toInstant();
    }
}
