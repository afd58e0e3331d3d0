package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.notify.RefusedNotification;
import dev.metertap.collector.store.Store;
import dev.metertap.pgemock.espi.UsageModel;
import dev.metertap.pgemock.espi.UsagePointSpec;
import dev.metertap.pgemock.fault.NotificationFault;
import dev.metertap.pgemock.fault.RateLimit;
import dev.metertap.pgemock.journal.JournalEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Backfills against pge-mock over real mutual TLS, with its rate limit of one request per second on, and compares the
 * store with the mock's ground truth: every interval once, with its exact value.
 */
class BackfillIT {

    private static final String ELECTRIC = "5550000201";
    private static final String SOLAR = "5550000101";
    private static final String GAS = "5550000102";
    private static final List<String> POINTS = List.of(ELECTRIC, SOLAR, GAS);
    private static final Instant FROM = LocalDate.of(2025, 1, 1).atStartOfDay(UsageModel.PACIFIC).toInstant();
    private static final BackfillSettings SETTINGS = new BackfillSettings(Duration.ofDays(120), Duration.ofSeconds(2), 3);
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    private static final ShiftedClock mockClock = new ShiftedClock();
    private static final UsageModel MODEL = new UsageModel(20251123L, List.of(
            UsagePointSpec.electric(ELECTRIC, 3600), UsagePointSpec.solar(SOLAR, 900), UsagePointSpec.gas(GAS)));
    private static MockedShareMyData smd;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        smd = new MockedShareMyData(MODEL, Duration.ZERO, mockClock);
    }

    @AfterAll
    static void stop() {
        smd.close();
    }

    @AfterEach
    void clearFaults() {
        smd.pge.faults().clear();
    }

    private static TimeWindow months(int count) {
        return new TimeWindow(FROM, LocalDate.of(2025, 1, 1).plusMonths(count).atStartOfDay(UsageModel.PACIFIC).toInstant());
    }

    private Backfill backfill(Store store, BackfillProgress progress) {
        return backfill(store, progress, SETTINGS);
    }

    private Backfill backfill(Store store, BackfillProgress progress, BackfillSettings settings) {
        return new Backfill(smd.service, smd.inbox, store, settings, progress, Clock.systemUTC());
    }

    private static List<JournalEntry> acceptedBulkRequests() {
        return smd.pge.journal().requests().stream()
                .filter(e -> e.path().contains("/Batch/Bulk/") && e.query() != null && e.query().contains("published-min")
                        && e.status() == 202)
                .toList();
    }

    private static void assertMatchesGroundTruth(Store store, TimeWindow range) {
        for (String usagePoint : POINTS) {
            TruthComparison.Result result = TruthComparison.compare(store, MODEL, usagePoint, range);
            assertThat(result.mismatches()).as(usagePoint).isEmpty();
            assertThat(result.stored()).as(usagePoint).isEqualTo(result.truth()).isPositive();
        }
    }

    @Test
    void thirteenMonthsThroughEveryFaultStoreEveryIntervalOnceWithItsExactValue() throws Exception {
        TimeWindow range = months(13);
        smd.pge.faults().rateLimit(RateLimit.tooManyRequests());
        smd.pge.faults().notification(NotificationFault.NEVER);
        try (ForbiddenHost forgedHost = new ForbiddenHost(); Store store = Store.open(dir.resolve("metertap.db"))) {
            smd.pge.faults().forgedOrigin(forgedHost.origin());
            int acceptedBefore = acceptedBulkRequests().size();
            Backfill backfill = backfill(store, new LoggedProgress());
            BulkSubscription subscription = backfill.subscription(Optional.empty(), List.of());
            CompletableFuture<BackfillSummary> run = CompletableFuture.supplyAsync(() -> backfill.run(subscription, range));

            // one fault per accepted bulk request, scripted as the journal shows each one
            awaitAcceptedBulkRequests(acceptedBefore + 1);
            smd.pge.faults().notification(NotificationFault.TWICE);
            awaitAcceptedBulkRequests(acceptedBefore + 2);
            smd.pge.faults().notification(NotificationFault.FORGED);
            awaitAcceptedBulkRequests(acceptedBefore + 3);
            smd.pge.faults().notification(NotificationFault.NONE);
            mockClock.jump(Duration.ofHours(2)); // every token the client holds has expired for the mock
            smd.pge.faults().failNext(2, 503);
            BackfillSummary summary = run.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

            assertThat(subscription.usagePoints()).containsExactlyInAnyOrderElementsOf(POINTS);
            assertThat(summary.succeeded()).as("%s", summary).isTrue();
            assertThat(summary.reRequests()).isGreaterThanOrEqualTo(2);
            assertMatchesGroundTruth(store, range);
            assertThat(summary.gaps().complete()).as("%s", summary.gaps()).isTrue();
            List<JournalEntry> requests = smd.pge.journal().requests();
            assertThat(requests).extracting(JournalEntry::status).contains(401, 503);
            // the duplicated notification was sent twice, yet each notified resource was fetched once
            List<List<String>> notified = smd.pge.journal().notifications().stream().map(n -> n.resources()).toList();
            assertThat(notified).hasSizeGreaterThan(Set.copyOf(notified).size());
            List<String> fetched = requests.stream()
                    .filter(e -> e.query() != null && e.query().startsWith("correlationID=") && e.status() == 200)
                    .map(JournalEntry::query).toList();
            assertThat(fetched).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(3 * 4);
            assertThat(smd.receiver.refused()).extracting(RefusedNotification::reason).contains(RefusedNotification.FOREIGN_URL);
            assertThat(forgedHost.connections()).as("connections to the forged host").isZero();
        }
    }

    @Test
    void aRerunAfterAnInterruptedBackfillRequestsOnlyTheWindowsNotFinished() throws Exception {
        TimeWindow range = months(6);
        Path file = dir.resolve("metertap.db");
        int acceptedBefore = acceptedBulkRequests().size();
        // one request at a time, so the first run asks for exactly one window (OverlappedBackfillIT: with several in flight)
        BackfillSettings oneAtATime = SETTINGS.withRequestsInFlight(1);
        try (Store store = Store.open(file)) {
            Backfill interrupted = backfill(store, new StopAfterWindows(1), oneAtATime);
            BulkSubscription subscription = interrupted.subscription(Optional.empty(), List.of());
            assertThatThrownBy(() -> interrupted.run(subscription, range)).hasMessageContaining("power cut");
        }
        List<JournalEntry> firstRun = acceptedBulkRequests().subList(acceptedBefore, acceptedBulkRequests().size());
        assertThat(firstRun).hasSize(1);

        try (Store store = Store.open(file)) {
            Backfill rerun = backfill(store, new LoggedProgress(), oneAtATime);
            BackfillSummary summary = rerun.run(rerun.subscription(Optional.empty(), List.of()), range);

            List<JournalEntry> all = acceptedBulkRequests();
            List<JournalEntry> secondRun = all.subList(acceptedBefore + 1, all.size());
            assertThat(secondRun).hasSize(1).extracting(JournalEntry::query).doesNotContain(firstRun.get(0).query());
            assertThat(summary.alreadyDone()).isEqualTo(1);
            assertMatchesGroundTruth(store, range);
        }
    }

    @Test
    void anAuditRequestsOnlyTheWindowsAroundTheMissingDays() throws Exception {
        TimeWindow range = months(3);
        Instant lostElectricDay = LocalDate.of(2025, 1, 20).atStartOfDay(UsageModel.PACIFIC).toInstant();
        Instant lostGasDay = LocalDate.of(2025, 3, 5).atStartOfDay(UsageModel.PACIFIC).toInstant();
        try (Store store = Store.open(dir.resolve("metertap.db"))) {
            Backfill backfill = backfill(store, new LoggedProgress());
            BulkSubscription subscription = backfill.subscription(Optional.empty(), List.of());
            backfill.run(subscription, range);
            delete(store, ELECTRIC, lostElectricDay, lostElectricDay.plus(Duration.ofDays(1)));
            delete(store, GAS, lostGasDay, lostGasDay.plus(Duration.ofDays(1)));
            assertThat(new GapFinder(store).find(POINTS, range).missingIntervals()).isEqualTo(24 + 1);
            int acceptedBefore = acceptedBulkRequests().size();

            BackfillSummary audit = backfill.audit(subscription, range);

            List<JournalEntry> all = acceptedBulkRequests();
            List<String> windows = all.subList(acceptedBefore, all.size()).stream().map(JournalEntry::query).toList();
            assertThat(windows).hasSize(2);
            assertThat(windows.get(0)).contains("published-min=2025-01-19").contains("published-max=2025-01-21");
            assertThat(windows.get(1)).contains("published-min=2025-03-04").contains("published-max=2025-03-06");
            assertThat(audit.gaps().complete()).isTrue();
            assertMatchesGroundTruth(store, range);
        }
    }

    private static void awaitAcceptedBulkRequests(int count) throws InterruptedException {
        Optional<JournalEntry> reached = smd.pge.journal().awaitRequest(entry -> acceptedBulkRequests().size() >= count, DEADLINE);
        assertThat(reached).as("accepted bulk request #%d", count).isPresent();
    }

    private static void delete(Store store, String usagePoint, Instant from, Instant to) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + store.path().toAbsolutePath());
             PreparedStatement delete = connection.prepareStatement(
                     // points is a read-only view of series and point_values (schema 4)
                     "DELETE FROM point_values WHERE series IN (SELECT id FROM series WHERE json_extract(tags, '$.usage_point') = ?)"
                             + " AND time >= ? AND time < ?")) {
            delete.setString(1, usagePoint);
            delete.setLong(2, from.getEpochSecond());
            delete.setLong(3, to.getEpochSecond());
            assertThat(delete.executeUpdate()).isPositive();
        }
    }
}
