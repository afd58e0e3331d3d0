package dev.metertap.benchmarks;

import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.report.Report;
import dev.metertap.collector.report.ReportCalculator;
import dev.metertap.collector.report.ReportScope;
import dev.metertap.collector.report.TextReport;
import dev.metertap.collector.store.Store;
import dev.metertap.pgemock.espi.Flow;
import dev.metertap.pgemock.espi.TrueInterval;
import dev.metertap.pgemock.espi.UsageModel;
import dev.metertap.pgemock.espi.UsagePointSpec;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * How long {@code metertap report} takes on a year of PG&amp;E 15-minute history (a solar house: two flows, 70,080
 * intervals, as pge-mock generates them) and the heap it needs. Run it with a small heap to show it fits:
 * {@code java -Xmx32m -cp benchmarks/target/benchmarks.jar dev.metertap.benchmarks.ReportFigures}.
 */
public final class ReportFigures {

    private static final String USAGE_POINT = "5550000921";
    private static final LocalDate FIRST = LocalDate.of(2025, 12, 1);
    private static final int RUNS = 5;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("metertap-report-figures");
        Path db = dir.resolve("year.db");
        UsageModel model = new UsageModel(20261202L, List.of(UsagePointSpec.solar(USAGE_POINT, 900)));
        ReportScope scope = new ReportScope(FIRST, FIRST.plusYears(1).minusDays(1), UsageModel.PACIFIC);
        System.out.printf("JVM max heap %d MiB, %d cores; a year of 15-minute PG&E intervals, %s to %s%n",
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(), scope.firstDay(), scope.lastDay());
        try (Store store = Store.open(db)) {
            // a day at a time: the setup must not need more heap than the report
            long stored = 0;
            for (LocalDate day = scope.firstDay(); !day.isAfter(scope.lastDay()); day = day.plusDays(1)) {
                stored += store.appendAll(model.trueIntervals(USAGE_POINT, day.atStartOfDay(UsageModel.PACIFIC).toInstant(),
                        day.plusDays(1).atStartOfDay(UsageModel.PACIFIC).toInstant()).map(ReportFigures::reading).toList());
            }
            System.out.printf("stored %,d intervals (%d MiB store)%n", stored, Files.size(db) >> 20);
        }
        try (Store store = Store.openReadOnly(db)) {
            for (int run = 1; run <= RUNS; run++) {
                System.gc();
                HeapPeak.reset();
                long start = System.nanoTime();
                Report report = new ReportCalculator(store).calculate(scope);
                TextReport.write(report, new PrintWriter(Writer.nullWriter()));
                System.out.printf("run %d: report in %.2f s, peak heap %d MiB; %d nights, always-on %.0f W (%s)%n", run,
                        (System.nanoTime() - start) / 1e9, HeapPeak.bytes() >> 20, report.baseline().nights(),
                        report.baseline().medianWatts(), report.baseline().source().id());
            }
        }
    }

    private static IntervalReading reading(TrueInterval i) {
        return new IntervalReading(i.usagePointId(), IntervalReading.Commodity.ELECTRICITY,
                i.flow() == Flow.DELIVERED ? IntervalReading.Flow.DELIVERED : IntervalReading.Flow.RECEIVED,
                IntervalReading.Unit.KWH, i.durationSeconds(), i.start(), i.value(), i.quality(), i.cost(), i.tou());
    }
}
