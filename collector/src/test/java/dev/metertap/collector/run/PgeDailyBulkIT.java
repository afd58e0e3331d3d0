package dev.metertap.collector.run;

import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.config.MetertapConfig;
import dev.metertap.collector.pge.MockedUtility;
import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.backfill.TruthComparison;
import dev.metertap.collector.store.Store;
import dev.metertap.pgemock.PgeMock;
import dev.metertap.pgemock.espi.UsagePointSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import dev.metertap.collector.emu2.session.Emu2Listener;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The collector's daily PG&E request against pge-mock: the recent days arrive through a notification into the store. */
class PgeDailyBulkIT {

    private static final Instant NOW = Instant.parse("2025-03-04T14:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theDailyRequestStoresTheRecentDaysAndRecordsTheSuccess() {
        try (MockedUtility utility = new MockedUtility(dir)) {
            PgeMock pge = utility.started();
            ConfigLoader loader = new ConfigLoader(Map.of());
            MetertapConfig config = loader.parse(utility.pgeSection() + "schedule: {pge-daily-bulk-at: \"06:30\", pge-days: 3}\n",
                    "metertap.yml");
            // a running clock set back to NOW: the backfill's waits for notifications need time to pass
            Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), NOW));
            try (Store store = Store.open(dir.resolve("metertap.db"));
                 PgeConnection connection = PgeConnection.open(config, loader, store, clock).start();
                 PgeDailyBulk daily = new PgeDailyBulk(connection, LocalTime.of(6, 30), config.report().zoneId(),
                         config.schedule().pgeDays(), clock)) {
                assertThat(daily.lastSuccess()).isEmpty();

                daily.requestRecentDays();

                TimeWindow recentDays = new TimeWindow(Instant.parse("2025-03-01T00:00:00Z"), Instant.parse("2025-03-04T00:00:00Z"));
                for (UsagePointSpec point : pge.model().usagePoints()) {
                    assertThat(TruthComparison.compare(store, pge.model(), point.id(), recentDays).mismatches()).as(point.id()).isEmpty();
                }
                assertThat(daily.lastSuccess()).hasValueSatisfying(at -> assertThat(at).isAfter(NOW));
                assertThat(connection.refusedCount()).isZero();
            }
        }
    }

    /**
     * {@code pge-daily-bulk-at} is a local time in {@code report.zone}: with a zone unlike the host's, the collector
     * assembled from the configuration is next due at 06:30 there (expected instants worked out by hand).
     */
    @Test
    void theDailyRequestIsDueAtTheConfiguredTimeInTheReportZoneNotTheHosts() {
        // 14:00 UTC is 23:00 in Tokyo (06:30 next is 21:30 UTC) and 04:00 in Honolulu (06:30 next is 16:30 UTC)
        Map<String, Instant> due = Map.of("Asia/Tokyo", Instant.parse("2025-03-04T21:30:00Z"),
                "Pacific/Honolulu", Instant.parse("2025-03-04T16:30:00Z"));
        String zone = due.keySet().stream().sorted()
                .filter(z -> !ZoneId.of(z).getRules().getOffset(NOW).equals(ZoneId.systemDefault().getRules().getOffset(NOW)))
                .findFirst().orElseThrow();
        try (MockedUtility utility = new MockedUtility(dir)) {
            MetertapConfig config = new ConfigLoader(Map.of()).parse(utility.pgeSection() + """
                    store: {path: %s}
                    report: {zone: %s}
                    schedule: {pge-daily-bulk-at: "06:30", pge-days: 3}
                    """.formatted(dir.resolve("metertap.db"), zone), "metertap.yml");
            Collector.Seams seams = new Collector.Seams(Map.of(), Clock.fixed(NOW, ZoneOffset.UTC), System.out, Optional.empty(),
                    new Emu2Listener() {
                    });
            try (Collector collector = Collector.assemble(config, seams)) {
                assertThat(collector.nextPgeDailyRequest()).as("host zone %s, report zone %s", ZoneId.systemDefault(), zone)
                        .hasValueSatisfying(next -> {
                            assertThat(next.toInstant()).isEqualTo(due.get(zone));
                            assertThat(next.toLocalTime()).isEqualTo(LocalTime.of(6, 30));
                        });
            }
        }
    }
}
