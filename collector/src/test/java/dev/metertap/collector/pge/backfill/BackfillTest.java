package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.store.PointQuery;
import dev.metertap.collector.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class BackfillTest {

    private static final List<String> POINTS = List.of("5550000101", "5550000102");
    private static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
    private static final TimeWindow RANGE = new TimeWindow(FROM, FROM.plus(Duration.ofDays(30)));
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);
    private static final BackfillSettings SETTINGS = new BackfillSettings(Duration.ofDays(10), Duration.ofMillis(300), 3);
    /** One request at a time, as before requests overlapped: for the tests whose script assumes that order. */
    private static final BackfillSettings ONE_AT_A_TIME = SETTINGS.withRequestsInFlight(1);

    @TempDir
    Path dir;
    private Store store;
    private ResourceInbox inbox;
    private ScriptedBulkService pge;

    @BeforeEach
    void open() {
        store = Store.open(dir.resolve("metertap.db"));
        inbox = new ResourceInbox();
        pge = new ScriptedBulkService(POINTS, inbox);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Backfill backfill() {
        return backfill(SETTINGS);
    }

    private Backfill backfill(BackfillSettings settings) {
        return new Backfill(pge, inbox, store, settings, new LoggedProgress(), NOW);
    }

    private BulkSubscription subscription() {
        return backfill().subscription(Optional.empty(), List.of());
    }

    private long stored(String usagePoint) {
        return store.query(new PointQuery(IntervalReading.MEASUREMENT, Map.of("usage_point", usagePoint), RANGE.from(), RANGE.to())).size();
    }

    @Test
    void discoversTheBulkIdAndUsagePointsFromTheAuthorization() {
        assertThat(subscription()).isEqualTo(new BulkSubscription(ScriptedBulkService.BULK_ID, POINTS));
    }

    @Test
    void storesEveryHourOfTheRangeOnceAndReportsNoGaps() {
        BackfillSummary summary = backfill().run(subscription(), RANGE);

        assertThat(pge.requested).containsExactly(
                new TimeWindow(FROM, FROM.plus(Duration.ofDays(10))),
                new TimeWindow(FROM.plus(Duration.ofDays(10)), FROM.plus(Duration.ofDays(20))),
                new TimeWindow(FROM.plus(Duration.ofDays(20)), RANGE.to()));
        assertThat(stored("5550000101")).isEqualTo(30 * 24);
        assertThat(stored("5550000102")).isEqualTo(30 * 24);
        assertThat(summary.succeeded()).isTrue();
        assertThat(summary.intervalsChanged()).isEqualTo(2 * 30 * 24);
        assertThat(summary.gaps().complete()).isTrue();
        assertThat(summary.gaps().series()).extracting(SeriesGaps::stored).containsOnly(720L);
    }

    @Test
    void asksAgainWhenTheNotificationIsLost() {
        pge.notificationsToLose = 1;

        BackfillSummary summary = backfill(ONE_AT_A_TIME).run(subscription(), RANGE);

        assertThat(summary.reRequests()).isEqualTo(1);
        assertThat(summary.requests()).isEqualTo(4);
        assertThat(pge.requested.get(0)).isEqualTo(pge.requested.get(1));
        assertThat(summary.gaps().complete()).isTrue();
    }

    @Test
    void givesUpOnAWindowAfterItsAttemptsAndLeavesItForTheNextRun() {
        pge.notificationsToLose = 3;

        BackfillSummary summary = backfill(ONE_AT_A_TIME).run(subscription(), RANGE);

        assertThat(summary.incomplete()).containsExactly(new TimeWindow(FROM, FROM.plus(Duration.ofDays(10))));
        assertThat(summary.succeeded()).isFalse();
        assertThat(summary.gaps().complete()).isFalse();

        pge.requested.clear();
        BackfillSummary rerun = backfill(ONE_AT_A_TIME).run(subscription(), RANGE);
        assertThat(pge.requested).containsExactly(new TimeWindow(FROM, FROM.plus(Duration.ofDays(10))));
        assertThat(rerun.gaps().complete()).isTrue();
    }

    @Test
    void aLateAnswerToAnEarlierWindowIsStoredButDoesNotAnswerTheNextOne() {
        pge.answersToHoldBack = 1;
        Backfill backfill = new Backfill(pge, inbox, store, ONE_AT_A_TIME, new BackfillProgress() {
            @Override
            public void planned(int windows) {
            }

            @Override
            public void requesting(TimeWindow window, int attempt) {
                if (window.from().equals(FROM.plus(Duration.ofDays(10)))) {
                    pge.deliverHeldBack(); // the first window's first answer arrives while the second is awaited
                }
            }

            @Override
            public void ended(TimeWindow window, WindowOutcome outcome, long readingsSoFar) {
            }

            @Override
            public void done() {
            }
        }, NOW);

        BackfillSummary summary = backfill.run(subscription(), RANGE);

        assertThat(summary.reRequests()).isEqualTo(1);
        // both answers to the second window are fetched too: it was not taken as answered by the late first one
        assertThat(pge.fetchedResources).hasSize(2 * 4);
        assertThat(summary.gaps().complete()).isTrue();
    }

    @Test
    void halvesAWindowRefusedAsTooLarge() {
        pge.largestAccepted = Duration.ofDays(5);

        BackfillSummary summary = backfill().run(subscription(), RANGE);

        assertThat(summary.splits()).isEqualTo(3);
        // the first 10-day window is refused; the other two are halved without asking
        assertThat(pge.requested).hasSize(1 + 6);
        assertThat(summary.gaps().complete()).isTrue();
    }

    @Test
    void windowsWithoutDataCountAsDone() {
        pge.dataFrom = FROM.plus(Duration.ofDays(20));

        BackfillSummary summary = backfill().run(subscription(), RANGE);

        assertThat(summary.noData()).isEqualTo(2);
        assertThat(summary.succeeded()).isTrue();
        pge.requested.clear();
        backfill().run(subscription(), RANGE);
        assertThat(pge.requested).isEmpty();
    }

    @Test
    void aRerunAsksOnlyForWhatEarlierRunsDidNotFinish() {
        backfill().run(subscription(), new TimeWindow(FROM, FROM.plus(Duration.ofDays(10))));
        pge.requested.clear();

        BackfillSummary summary = backfill().run(subscription(), RANGE);

        assertThat(summary.alreadyDone()).isEqualTo(1);
        assertThat(pge.requested).containsExactly(
                new TimeWindow(FROM.plus(Duration.ofDays(10)), FROM.plus(Duration.ofDays(20))),
                new TimeWindow(FROM.plus(Duration.ofDays(20)), RANGE.to()));
    }

    @Test
    void recentDaysAreNotCheckpointedSoALaterRunAsksAgain() {
        Instant today = NOW.instant();
        TimeWindow recent = new TimeWindow(today.minus(Duration.ofDays(8)), today);
        backfill().run(subscription(), recent);
        pge.requested.clear();

        backfill().run(subscription(), recent);

        assertThat(pge.requested).containsExactly(new TimeWindow(today.minus(Duration.ofDays(3)), today));
    }

    @Test
    void auditAsksAgainOnlyForTheMissingSpans() {
        List<IntervalReading> readings = new ArrayList<>();
        for (String usagePoint : POINTS) {
            for (Instant start = RANGE.from(); start.isBefore(RANGE.to()); start = start.plus(Duration.ofHours(1))) {
                boolean lostDay = start.isAfter(FROM.plus(Duration.ofDays(4))) && start.isBefore(FROM.plus(Duration.ofDays(5)));
                boolean lostHour = usagePoint.equals("5550000102") && start.equals(FROM.plus(Duration.ofDays(25)));
                if (!lostDay && !lostHour) {
                    readings.add(ScriptedBulkService.reading(usagePoint, start));
                }
            }
        }
        store.appendAll(readings);

        BackfillSummary summary = backfill().audit(subscription(), RANGE);

        assertThat(pge.requested).hasSize(2);
        assertThat(pge.requested.get(0).contains(FROM.plus(Duration.ofDays(4)).plusSeconds(3600))).isTrue();
        assertThat(pge.requested.get(0).length()).isEqualTo(Backfill.MIN_WINDOW);
        assertThat(pge.requested.get(1).contains(FROM.plus(Duration.ofDays(25)))).isTrue();
        assertThat(summary.audit()).isTrue();
        assertThat(summary.gaps().complete()).isTrue();
    }

    private static final TimeWindow FIRST = new TimeWindow(FROM, FROM.plus(Duration.ofDays(10)));
    private static final TimeWindow SECOND = new TimeWindow(FROM.plus(Duration.ofDays(10)), FROM.plus(Duration.ofDays(20)));
    private static final TimeWindow THIRD = new TimeWindow(FROM.plus(Duration.ofDays(20)), RANGE.to());

    @Test
    void asksForEveryWindowBeforeAnyIsAnsweredAndCreditsEachAnswerToItsOwnWindow() {
        pge.answersHeldUntilRequests = 3; // answered together, the last window's first

        BackfillSummary summary = backfill().run(subscription(), RANGE);

        assertThat(pge.requested).containsExactly(FIRST, SECOND, THIRD);
        assertThat(summary.requests()).isEqualTo(3);
        assertThat(summary.reRequests()).isZero();
        assertThat(summary.resourcesFetched()).isEqualTo(2 * 3);
        assertThat(summary.succeeded()).isTrue();
        assertThat(summary.gaps().complete()).isTrue();
        pge.requested.clear();
        backfill().run(subscription(), RANGE);
        assertThat(pge.requested).as("every window checkpointed").isEmpty();
    }

    @Test
    void whileOthersAreAnsweredTheWindowWhoseNotificationIsLostIsAskedForAgain() {
        pge.notificationsToLose = 1;

        BackfillSummary summary = backfill().run(subscription(), RANGE);

        assertThat(pge.requested).containsExactly(FIRST, SECOND, THIRD, FIRST);
        assertThat(summary.reRequests()).isEqualTo(1);
        assertThat(summary.gaps().complete()).isTrue();
        assertThat(stored("5550000101")).isEqualTo(30 * 24);
    }

    @Test
    void aWindowNeverAnsweredIsLeftForTheNextRunWhileTheOthersAreCheckpointed() {
        pge.alwaysLost.add(SECOND);

        BackfillSummary summary = backfill().run(subscription(), RANGE);

        assertThat(summary.incomplete()).containsExactly(SECOND);
        assertThat(summary.requests()).isEqualTo(3 + 2);
        assertThat(summary.gaps().windows()).as("the over-inclusive first answer covers a day of it")
                .containsExactly(new TimeWindow(SECOND.from().plus(Duration.ofDays(1)), SECOND.to()));
        pge.alwaysLost.clear();
        pge.requested.clear();
        BackfillSummary rerun = backfill().run(subscription(), RANGE);
        assertThat(pge.requested).containsExactly(SECOND);
        assertThat(rerun.alreadyDone()).isEqualTo(2);
        assertThat(rerun.gaps().complete()).isTrue();
    }

    @Test
    void aCrashWithWindowsInFlightResumesWithTheUnfinishedOnesAndStoresEachIntervalOnce() {
        pge.answersHeldUntilRequests = 3; // the last window is answered first: it ends first, then the power is cut
        Backfill crashing = new Backfill(pge, inbox, store, SETTINGS, new StopAfterWindows(1), NOW);

        Throwable crash = catchThrowable(() -> crashing.run(subscription(), RANGE));

        assertThat(crash).hasMessageContaining("power cut after " + THIRD);
        pge.requested.clear();
        BackfillSummary rerun = backfill().run(subscription(), RANGE);
        assertThat(pge.requested).as("the windows in flight at the crash, not the one stored").containsExactly(FIRST, SECOND);
        assertThat(rerun.alreadyDone()).isEqualTo(1);
        assertThat(rerun.gaps().complete()).isTrue();
        assertThat(stored("5550000101")).isEqualTo(30 * 24);
        assertThat(stored("5550000102")).isEqualTo(30 * 24);
    }
}
