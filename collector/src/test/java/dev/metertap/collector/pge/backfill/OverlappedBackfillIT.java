package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.store.Store;
import dev.metertap.pgemock.espi.UsageModel;
import dev.metertap.pgemock.espi.UsagePointSpec;
import dev.metertap.pgemock.fault.RateLimit;
import dev.metertap.pgemock.journal.JournalEntry;
import dev.metertap.pgemock.journal.NotificationRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bulk requests in flight together against pge-mock over real mutual TLS, with its limit of one request per second on
 * and a notification delay long enough that one request at a time would show in the journal: each notification
 * after its request and before the next request.
 */
class OverlappedBackfillIT {

    private static final List<String> POINTS = List.of("5550000501", "5550000502", "5550000503");
    private static final UsageModel MODEL = new UsageModel(20261203L, List.of(UsagePointSpec.electric(POINTS.get(0), 3600),
            UsagePointSpec.solar(POINTS.get(1), 900), UsagePointSpec.gas(POINTS.get(2))));
    /** Three windows of 40 days. */
    private static final TimeWindow RANGE = new TimeWindow(LocalDate.of(2025, 1, 1).atStartOfDay(UsageModel.PACIFIC).toInstant(),
            LocalDate.of(2025, 5, 1).atStartOfDay(UsageModel.PACIFIC).toInstant());
    private static final Duration NOTIFICATION_DELAY = Duration.ofSeconds(10);
    private static final BackfillSettings SETTINGS = new BackfillSettings(Duration.ofDays(40), Duration.ofSeconds(90), 3);

    @TempDir
    Path dir;
    private MockedShareMyData smd;

    @BeforeEach
    void start() {
        smd = new MockedShareMyData(MODEL, NOTIFICATION_DELAY, Clock.systemUTC());
        smd.pge.faults().rateLimit(RateLimit.tooManyRequests());
    }

    @AfterEach
    void stop() {
        smd.close();
    }

    private Backfill backfill(Store store, BackfillProgress progress) {
        return new Backfill(smd.service, smd.inbox, store, SETTINGS, progress, Clock.systemUTC());
    }

    private List<JournalEntry> acceptedBulkRequests() {
        return smd.pge.journal().requests().stream()
                .filter(e -> e.query() != null && e.query().contains("published-min") && e.status() == 202).toList();
    }

    private static void assertMatchesGroundTruth(Store store) {
        for (String usagePoint : POINTS) {
            TruthComparison.Result result = TruthComparison.compare(store, MODEL, usagePoint, RANGE);
            assertThat(result.mismatches()).as(usagePoint).isEmpty();
            assertThat(result.stored()).as(usagePoint).isEqualTo(result.truth()).isPositive();
        }
    }

    @Test
    void theNextWindowsAreAskedForBeforeTheFirstNotificationIsSentAndEachIsAnsweredOnce() throws Exception {
        try (Store store = Store.open(dir.resolve("metertap.db"))) {
            Backfill backfill = backfill(store, new LoggedProgress());

            BackfillSummary summary = backfill.run(backfill.subscription(Optional.empty(), List.of()), RANGE);

            List<JournalEntry> accepted = acceptedBulkRequests();
            List<NotificationRecord> notifications = smd.pge.journal().notifications();
            assertThat(accepted).hasSize(3);
            assertThat(notifications).hasSize(3);
            Instant firstNotification = notifications.get(0).at();
            assertThat(accepted).extracting(JournalEntry::at).as("every bulk request, against the first notification at %s",
                    firstNotification).allSatisfy(at -> assertThat(at).isBefore(firstNotification));
            assertThat(summary.succeeded()).as("%s", summary).isTrue();
            assertThat(summary.reRequests()).isZero();
            assertThat(summary.resourcesFetched()).isEqualTo(3 * 3);
            assertThat(summary.gaps().complete()).as("%s", summary.gaps()).isTrue();
            assertMatchesGroundTruth(store);
        }
    }

    @Test
    void aCrashWithWindowsInFlightResumesWithOnlyTheUnfinishedOnesWithoutLossOrDuplicates() throws Exception {
        Path file = dir.resolve("metertap.db");
        List<TimeWindow> finished;
        try (Store store = Store.open(file)) {
            Backfill interrupted = backfill(store, new StopAfterWindows(1));
            BulkSubscription subscription = interrupted.subscription(Optional.empty(), List.of());
            assertThatThrownBy(() -> interrupted.run(subscription, RANGE)).hasMessageContaining("power cut");
            try (Checkpoints checkpoints = Checkpoints.of(store)) {
                finished = checkpoints.finished(subscription.bulkId());
            }
        }
        List<String> firstRun = acceptedBulkRequests().stream().map(JournalEntry::query).toList();
        assertThat(firstRun).as("all three in flight when the first was answered").hasSize(3);
        assertThat(finished).as("checkpointed: the window answered, stored, then the crash").hasSize(1);
        String finishedWindow = "published-min=" + finished.get(0).from();

        try (Store store = Store.open(file)) {
            Backfill rerun = backfill(store, new LoggedProgress());
            BackfillSummary summary = rerun.run(rerun.subscription(Optional.empty(), List.of()), RANGE);

            List<String> all = acceptedBulkRequests().stream().map(JournalEntry::query).toList();
            List<String> secondRun = all.subList(firstRun.size(), all.size());
            assertThat(secondRun).hasSize(2).noneMatch(query -> query.startsWith(finishedWindow))
                    .allMatch(firstRun::contains);
            assertThat(summary.alreadyDone()).isEqualTo(1);
            assertThat(summary.succeeded()).as("%s", summary).isTrue();
            assertMatchesGroundTruth(store);
        }
    }
}
