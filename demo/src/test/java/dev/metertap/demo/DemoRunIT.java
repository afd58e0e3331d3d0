package dev.metertap.demo;

import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.store.PointQuery;
import dev.metertap.collector.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two simulated hours of the demo: live readings and PG&E's history both end up in the store the summary names. */
class DemoRunIT {

    @TempDir
    Path dir;

    @Test
    void storesLiveReadingsAndBackfilledHistoryAndSaysWhere() throws Exception {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        DemoRun.Summary summary = new DemoRun(new DemoRun.Settings(dir, Duration.ofHours(2), 3600, 7, 2, DemoRun.Progress.LOG),
                new PrintStream(shown, true, StandardCharsets.UTF_8)).run();

        assertThat(summary.backfill().succeeded()).as("%s", summary.backfill()).isTrue();
        assertThat(summary.clobbered()).as("the device cut writes short").isPositive();
        assertThat(summary.store()).isEqualTo(dir.resolve("metertap.db"));
        assertThat(summary.kit().resolve("client.crt")).exists();
        try (Store store = Store.open(summary.store())) {
            Instant end = Instant.parse("2100-01-01T00:00:00Z");
            long demands = store.query(new PointQuery(DemandReading.MEASUREMENT, Map.of(), Instant.EPOCH, end)).size();
            long intervals = store.query(new PointQuery(IntervalReading.MEASUREMENT, Map.of(), Instant.EPOCH, end)).size();
            assertThat(demands).as("demand readings stored").isPositive();
            assertThat(intervals).as("PG&E intervals stored").isEqualTo(summary.backfill().readings()).isPositive();
        }
        String log = shown.toString(StandardCharsets.UTF_8);
        assertThat(log).as("status lines for a log, not rewritten in place").doesNotContain("\r");
        assertThat(log.lines()).hasSizeGreaterThanOrEqualTo(2).allMatch(line -> line.contains("demand"))
                .last().asString().contains("PG&E done");
    }
}
