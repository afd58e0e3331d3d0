package dev.metertap.collector.report;

import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.store.Store;
import dev.metertap.pgemock.espi.Flow;
import dev.metertap.pgemock.espi.TrueInterval;
import dev.metertap.pgemock.espi.UsageModel;
import dev.metertap.pgemock.espi.UsagePointSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * PG&E's daily energy and cost against pge-mock's ground truth: a solar house's 15-minute delivered
 * and received intervals over a week with the spring-forward day (a 23-hour day of 92 intervals).
 */
class PgeGroundTruthReportTest {

    static final String USAGE_POINT = "5550001111";

    @TempDir
    Path dir;

    @Test
    void dailyPgeEnergyAndCostAreTheSumsOfTheTrueIntervalsOfEachLocalDay() {
        UsageModel model = new UsageModel(2026, List.of(UsagePointSpec.solar(USAGE_POINT, 900)));
        ReportScope scope = new ReportScope(LocalDate.of(2026, 3, 5), LocalDate.of(2026, 3, 11), UsageModel.PACIFIC, null, USAGE_POINT, BaselineSource.AUTO);
        List<TrueInterval> truth = model.trueIntervals(USAGE_POINT, scope.start(), scope.end()).toList();
        Report report;
        try (Store store = Store.open(dir.resolve("pge.db"))) {
            store.appendAll(truth.stream().map(PgeGroundTruthReportTest::reading).toList());
            report = new ReportCalculator(store).calculate(scope);
        }
        assertThat(report.days()).hasSize(7);
        for (Report.DayEnergy day : report.days()) {
            List<TrueInterval> ofDay = truth.stream()
                    .filter(i -> i.start().atZone(UsageModel.PACIFIC).toLocalDate().equals(day.day())).toList();
            assertThat(day.pgeDeliveredKwh()).as("delivered %s", day.day())
                    .isCloseTo(sum(ofDay, Flow.DELIVERED), within(1e-9));
            assertThat(day.pgeReceivedKwh()).as("received %s", day.day())
                    .isCloseTo(sum(ofDay, Flow.RECEIVED), within(1e-9));
            assertThat(day.pgeCost()).as("cost %s", day.day()).isCloseTo(ofDay.stream()
                    .filter(i -> i.cost() != null).mapToDouble(i -> i.cost().doubleValue()).sum(), within(1e-9));
            assertThat(day.pgeComplete()).isTrue();
            assertThat(day.emu2DeliveredKwh()).isNaN();
        }
        assertThat(truth.stream().filter(i -> i.flow() == Flow.DELIVERED
                && i.start().atZone(UsageModel.PACIFIC).toLocalDate().equals(LocalDate.of(2026, 3, 8)))).hasSize(92);
    }

    private static double sum(List<TrueInterval> intervals, Flow flow) {
        return intervals.stream().filter(i -> i.flow() == flow).mapToDouble(i -> i.value().doubleValue()).sum();
    }

    private static IntervalReading reading(TrueInterval i) {
        return new IntervalReading(i.usagePointId(), IntervalReading.Commodity.ELECTRICITY,
                i.flow() == Flow.DELIVERED ? IntervalReading.Flow.DELIVERED : IntervalReading.Flow.RECEIVED,
                IntervalReading.Unit.KWH, i.durationSeconds(), i.start(), i.value(), i.quality(), i.cost(), i.tou());
    }
}
