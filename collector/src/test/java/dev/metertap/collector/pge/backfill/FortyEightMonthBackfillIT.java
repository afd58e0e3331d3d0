package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.store.Store;
import dev.metertap.pgemock.espi.UsageModel;
import dev.metertap.pgemock.espi.UsagePointSpec;
import dev.metertap.pgemock.fault.RateLimit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figure: 48 months of three usage points from pge-mock with its limit of one request per second and
 * a 1 s notification delay, with the default settings (target: 60 s). The time is printed, never asserted; the
 * data is checked against the ground truth.
 */
class FortyEightMonthBackfillIT {

    @TempDir
    Path dir;

    @Test
    void backfillsFortyEightMonthsOfThreeUsagePointsWithDefaultSettings() {
        LocalDate today = LocalDate.now(UsageModel.PACIFIC);
        TimeWindow range = new TimeWindow(today.minus(Period.ofMonths(48)).atStartOfDay(UsageModel.PACIFIC).toInstant(),
                today.atStartOfDay(UsageModel.PACIFIC).toInstant());
        UsageModel model = new UsageModel(48L, List.of(UsagePointSpec.electric("5550000301", 900),
                UsagePointSpec.solar("5550000302", 900), UsagePointSpec.gas("5550000303")))
                .withAvailableData(range.from(), range.to());
        try (MockedShareMyData smd = new MockedShareMyData(model, Duration.ofSeconds(1), Clock.systemUTC());
             Store store = Store.open(dir.resolve("metertap.db"))) {
            smd.pge.faults().rateLimit(RateLimit.tooManyRequests());
            Backfill backfill = new Backfill(smd.service, smd.inbox, store, BackfillSettings.DEFAULTS, new LoggedProgress(),
                    Clock.systemUTC());

            long started = System.nanoTime();
            BackfillSummary summary = backfill.run(backfill.subscription(Optional.empty(), List.of()), range);
            Duration wall = Duration.ofNanos(System.nanoTime() - started);

            System.out.printf("48-month backfill: 3 usage points, %,d readings, %,d intervals stored, %d bulk requests,"
                            + " %d resources, %.1f s wall (target 60 s; pge-mock 1 request/s, 1 s notification delay)%n",
                    summary.readings(), summary.intervalsChanged(), summary.requests(), summary.resourcesFetched(),
                    wall.toMillis() / 1000.0);
            assertThat(summary.succeeded()).isTrue();
            for (var usagePoint : model.usagePoints()) {
                TruthComparison.Result result = TruthComparison.compare(store, model, usagePoint.id(), range);
                assertThat(result.mismatches()).isEmpty();
                assertThat(result.stored()).isEqualTo(result.truth());
            }
        }
    }
}
