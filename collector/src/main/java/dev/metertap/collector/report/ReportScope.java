package dev.metertap.collector.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What a report covers: whole local days {@code [firstDay, lastDay]} in {@code zone}, optionally one
 * EMU-2 meter and one PG&E usage point (null: every one in the store), and where the baseline is measured.
 */
public record ReportScope(LocalDate firstDay, LocalDate lastDay, ZoneId zone, String meter, String usagePoint,
                          BaselineSource source) {

    public ReportScope {
        Objects.requireNonNull(firstDay, "firstDay");
        Objects.requireNonNull(lastDay, "lastDay");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(source, "source");
        if (lastDay.isBefore(firstDay)) {
            throw new IllegalArgumentException("the report's last day " + lastDay + " is before its first " + firstDay);
        }
    }

    /** Every meter and usage point, the baseline from whichever source covers more nights. */
    public ReportScope(LocalDate firstDay, LocalDate lastDay, ZoneId zone) {
        this(firstDay, lastDay, zone, null, null, BaselineSource.AUTO);
    }

    public Instant start() {
        return firstDay.atStartOfDay(zone).toInstant();
    }

    public Instant end() {
        return lastDay.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** Hours in the period (a DST change makes a day 23 or 25 hours long). */
    public int hours() {
        return (int) ((end().getEpochSecond() - start().getEpochSecond()) / 3600);
    }
}
