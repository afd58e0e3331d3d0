package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GapFinderTest {

    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

    @TempDir
    Path dir;

    /** PG&E gas: one reading per local day from midnight plus one second, 23 or 25 hours long around DST. */
    private static IntervalReading gasDay(LocalDate day) {
        Instant start = day.atStartOfDay(PACIFIC).toInstant().plusSeconds(1);
        long seconds = day.plusDays(1).atStartOfDay(PACIFIC).toInstant().plusSeconds(1).getEpochSecond() - start.getEpochSecond();
        return new IntervalReading("5550000102", IntervalReading.Commodity.GAS, IntervalReading.Flow.DELIVERED,
                IntervalReading.Unit.THERM, (int) seconds, start, new BigDecimal("1.23456789"), 17, null, null);
    }

    @Test
    void gasDaysAcrossBothDstChangesLeaveNoGap() {
        TimeWindow range = new TimeWindow(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"));
        try (Store store = Store.open(dir.resolve("gas.db"))) {
            List<IntervalReading> days = new ArrayList<>();
            LocalDate.of(2024, 12, 31).datesUntil(LocalDate.of(2026, 1, 1)).map(GapFinderTest::gasDay)
                    .filter(r -> range.contains(r.start())).forEach(days::add);
            store.appendAll(days);

            GapReport report = new GapFinder(store).find(List.of("5550000102"), range);

            assertThat(report.complete()).as("%s", report).isTrue();
            assertThat(report.series()).singleElement().extracting(SeriesGaps::stored).isEqualTo(365L);
        }
    }

    @Test
    void reportsMissingDaysPerSeriesAndUsagePointsWithNothingStored() {
        TimeWindow range = new TimeWindow(Instant.parse("2025-03-01T08:00:00Z"), Instant.parse("2025-04-01T07:00:00Z"));
        try (Store store = Store.open(dir.resolve("gas.db"))) {
            List<IntervalReading> days = new ArrayList<>();
            LocalDate.of(2025, 3, 1).datesUntil(LocalDate.of(2025, 4, 1))
                    .filter(d -> d.getDayOfMonth() != 9 && d.getDayOfMonth() != 10)
                    .map(GapFinderTest::gasDay).forEach(days::add);
            store.appendAll(days);

            GapReport report = new GapFinder(store).find(List.of("5550000102", "5550000199"), range);

            SeriesGaps gas = report.series().get(0);
            assertThat(gas.missingIntervals()).isEqualTo(2);
            assertThat(gas.gaps()).containsExactly(new TimeWindow(gasDay(LocalDate.of(2025, 3, 9)).start(),
                    gasDay(LocalDate.of(2025, 3, 11)).start()));
            assertThat(gas.missingDays()).isCloseTo(47.0 / 24, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(report.series().get(1)).isEqualTo(new SeriesGaps("5550000199", "none", "none", 0, 0, List.of(range)));
        }
    }
}
