package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.store.Store;
import dev.metertap.pgemock.espi.UsageModel;
import dev.metertap.pgemock.espi.UsagePointSpec;
import dev.metertap.pgemock.fault.RateLimit;
import dev.metertap.pgemock.journal.JournalEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bulk requests in flight together against pge-mock over real mutual TLS, with its limit of one request per second on.
 * The mock holds its notifications until every window has been asked for: a backfill that waited for one window's
 * notification before asking for the next would never get there.
 */
class OverlappedBackfillIT {

    private static final List<String> POINTS = List.of("5550000501", "5550000502", "5550000503");
    private static final UsageModel MODEL = new UsageModel(20261203L, List.of(UsagePointSpec.electric(POINTS.get(0), 3600),
            UsagePointSpec.solar(POINTS.get(1), 900), UsagePointSpec.gas(POINTS.get(2))));
    private static final int RANGE_WINDOWS = 3;
    /** Three windows of 40 days. */
    private static final TimeWindow RANGE = new TimeWindow(LocalDate.of(2025, 1, 1).atStartOfDay(UsageModel.PACIFIC).toInstant(),
            LocalDate.of(2025, 5, 1).atStartOfDay(UsageModel.PACIFIC).toInstant());
    /** For the held requests: generous, a loaded machine paces the client's three requests slowly. */
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final BackfillSettings SETTINGS = new BackfillSettings(Duration.ofDays(40), Duration.ofSeconds(90), 3);

    @TempDir
    Path dir;
    private MockedShareMyData smd;
    private final ExecutorService runner = Executors.newSingleThreadExecutor();

    @BeforeEach
    void start() {
        smd = new MockedShareMyData(MODEL, Duration.ZERO, Clock.systemUTC());
        smd.pge.faults().rateLimit(RateLimit.tooManyRequests());
    }

    @AfterEach
    void stop() {
        smd.close();
        runner.shutdownNow();
    }

    private Backfill backfill(Store store, BackfillProgress progress) {
        return new Backfill(smd.service, smd.inbox, store, SETTINGS, progress, Clock.systemUTC());
    }

    private List<JournalEntry> acceptedBulkRequests() {
        return smd.pge.journal().requests().stream()
                .filter(e -> e.query() != null && e.query().contains("published-min") && e.status() == 202).toList();
    }

    /** Runs {@code backfill} with the mock's notifications held until all three windows were asked for, then sent. */
    private <T> T withNotificationsHeldUntilAllAsked(Callable<T> backfill) throws Exception {
        smd.pge.holdNotifications();
        Future<T> running = runner.submit(backfill);
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (acceptedBulkRequests().size() < RANGE_WINDOWS && System.nanoTime() < deadline && !running.isDone()) {
            smd.pge.journal().awaitRequests(smd.pge.journal().requests().size() + 1, Duration.ofNanos(deadline - System.nanoTime()));
        }
        assertThat(acceptedBulkRequests()).as("windows asked for while no notification had come").hasSize(RANGE_WINDOWS);
        smd.pge.releaseNotifications();
        try {
            return running.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
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

            BackfillSummary summary = withNotificationsHeldUntilAllAsked(
                    () -> backfill.run(backfill.subscription(Optional.empty(), List.of()), RANGE));

            assertThat(acceptedBulkRequests()).hasSize(3);
            assertThat(smd.pge.journal().notifications()).hasSize(3);
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
            assertThatThrownBy(() -> withNotificationsHeldUntilAllAsked(() -> interrupted.run(subscription, RANGE)))
                    .hasMessageContaining("power cut");
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
