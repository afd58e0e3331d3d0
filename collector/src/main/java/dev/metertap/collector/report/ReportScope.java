package dev.metertap.collector.report;

import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.reading.SummationReading;
import dev.metertap.collector.store.Store;
import dev.metertap.collector.store.StoreStats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * What a report covers: whole local days {@code [firstDay, lastDay]} in {@code zone}, optionally one
 * EMU-2 meter and one PG&E usage point (null: every one in the store), and where the baseline is measured.
 */
public record ReportScope(LocalDate firstDay, LocalDate lastDay, ZoneId zone, String meter, String usagePoint,
                          BaselineSource source) {

    private static final Set<String> ENERGY_MEASUREMENTS = Set.of(DemandReading.MEASUREMENT, SummationReading.MEASUREMENT,
            IntervalReading.MEASUREMENT);

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

    /**
     * A scope whose missing ends (null) come from the span of the store's energy readings, so a bare report covers
     * everything.
     *
     * @param lastDay the last whole day, or null
     * @throws IllegalArgumentException when an end is missing and the store holds no energy readings
     */
    public static ReportScope ofStore(Store store, LocalDate firstDay, LocalDate lastDay, ZoneId zone, String meter,
                                      String usagePoint, BaselineSource source) {
        LocalDate first = firstDay;
        LocalDate last = lastDay;
        if (first == null || last == null) {
            Instant earliest = null;
            Instant latest = null;
            for (StoreStats.MeasurementStats m : store.stats().measurements()) {
                if (ENERGY_MEASUREMENTS.contains(m.measurement())) {
                    earliest = earliest == null || m.first().isBefore(earliest) ? m.first() : earliest;
                    latest = latest == null || m.last().isAfter(latest) ? m.last() : latest;
                }
            }
            if (earliest == null) {
                throw new IllegalArgumentException("the store holds no EMU-2 or PG&E energy readings to report on");
            }
            first = first != null ? first : LocalDate.ofInstant(earliest, zone);
            // a closing reading exactly at midnight does not open a day of its own
            last = last != null ? last : LocalDate.ofInstant(latest.minusSeconds(1), zone);
        }
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("--to must be after --from");
        }
        return new ReportScope(first, last, zone, meter, usagePoint, source);
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
