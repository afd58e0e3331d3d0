package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.PgeMockSettings;
import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.client.ShareMyDataClient;
import dev.metertap.collector.pge.client.ShareMyDataException;
import dev.metertap.collector.pge.client.ShareMyDataSettings;
import dev.metertap.collector.pge.espi.EspiParser;
import dev.metertap.collector.store.Store;
import dev.metertap.pgemock.ManualClock;
import dev.metertap.pgemock.PgeMock;
import dev.metertap.pgemock.espi.UsageModel;
import dev.metertap.pgemock.espi.UsagePointSpec;
import dev.metertap.pgemock.fault.Quota;
import dev.metertap.pgemock.journal.JournalEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * PG&E's hourly per-client quota running out in the middle of a backfill, against pge-mock over real mutual TLS. One
 * manual clock, started at a whole UTC hour, is the mock's, the client's and the backfill's; the client's pauses (pace,
 * backoff) move it, so nothing waits for wall time and the quota's hour passes at once.
 */
class QuotaIT {

    private static final String POINT = "5550000301";
    private static final UsageModel MODEL = new UsageModel(20251124L, List.of(UsagePointSpec.electric(POINT, 3600)));
    /** Two windows of 30 days: the quota runs out on the second one's bulk request. */
    private static final TimeWindow RANGE = new TimeWindow(LocalDate.of(2025, 1, 1).atStartOfDay(UsageModel.PACIFIC).toInstant(),
            LocalDate.of(2025, 3, 1).atStartOfDay(UsageModel.PACIFIC).toInstant());
    private static final BackfillSettings SETTINGS = new BackfillSettings(Duration.ofDays(30), Duration.ofSeconds(10), 3);
    private static final int CLIENT_ATTEMPTS = 4;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)));
    private MockedShareMyData smd;
    private PgeMock pge;
    private Store store;
    private ClientBulkService service;
    private BulkSubscription subscription;

    @BeforeEach
    void start() throws Exception {
        smd = new MockedShareMyData(MODEL, Duration.ZERO, clock);
        pge = smd.pge;
        store = Store.open(dir.resolve("metertap.db"));
        service = new ClientBulkService(new ShareMyDataClient(settings(pge), clock, clock::advance), new EspiParser());
        subscription = backfill().subscription(Optional.of(pge.bulkId()), List.of(POINT));
    }

    @AfterEach
    void stop() throws Exception {
        store.close();
        smd.close();
    }

    private Backfill backfill() {
        return backfill(SETTINGS);
    }

    private Backfill backfill(BackfillSettings settings) {
        return new Backfill(service, smd.inbox, store, settings, new LoggedProgress(), clock);
    }

    @Test
    void anExhaustedHourlyQuotaStopsTheBackfillWithARateLimitErrorAndTheNextHourResumesFromItsCheckpoint() throws Exception {
        // token, first bulk request, its feed: the second bulk request is the fourth request of the hour (one request
        // at a time: with requests in flight the second bulk request would come before the first feed)
        pge.faults().quotas(Quota.perHour(3));
        BackfillSettings oneAtATime = SETTINGS.withRequestsInFlight(1);

        Throwable stopped = catchThrowable(() -> backfill(oneAtATime).run(subscription, RANGE));

        assertThat(stopped).as("the backfill gives up").isInstanceOf(BackfillException.class);
        assertThat(stopped.getCause()).isInstanceOfSatisfying(ShareMyDataException.class,
                e -> assertThat(e.kind()).isEqualTo(ShareMyDataException.Kind.RATE_LIMITED));
        assertThat(stopped).hasMessageContaining("HTTP 429").hasMessageContaining("2,000/hour")
                .hasMessageContaining("a rerun resumes").hasMessageNotContaining(pge.credentials().clientSecret());
        List<JournalEntry> firstRun = pge.journal().awaitRequests(3 + CLIENT_ATTEMPTS, Duration.ofSeconds(10));
        assertThat(firstRun).as("the client's bounded attempts, then nothing more")
                .hasSize(3 + CLIENT_ATTEMPTS)
                .extracting(JournalEntry::status).containsExactly(200, 202, 200, 429, 429, 429, 429);
        String refusedWindow = firstRun.get(3).query();
        assertThat(firstRun.subList(3, firstRun.size())).extracting(JournalEntry::query).containsOnly(refusedWindow);

        Instant now = clock.instant();
        clock.advance(Duration.between(now, now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1))));
        BackfillSummary resumed = backfill(oneAtATime).run(subscription, RANGE);

        assertThat(resumed.succeeded()).as("%s", resumed).isTrue();
        assertThat(resumed.alreadyDone()).as("windows finished before the quota ran out").isEqualTo(1);
        // a new token (the old one expired with the hour), the refused window's bulk request, its feed
        List<JournalEntry> all = pge.journal().awaitRequests(firstRun.size() + 3, Duration.ofSeconds(10));
        assertThat(all.subList(firstRun.size(), all.size()))
                .filteredOn(e -> e.query() != null && e.query().contains("published-min"))
                .extracting(JournalEntry::query).containsExactly(refusedWindow);
        TruthComparison.Result truth = TruthComparison.compare(store, MODEL, POINT, RANGE);
        assertThat(truth.mismatches()).isEmpty();
        assertThat(truth.stored()).isEqualTo(truth.truth()).isPositive();
    }

    @Test
    void aQuotaRunningOutWithWindowsInFlightStopsTheBackfillAndTheNextHourAsksOnlyForWhatWasNotStored() throws Exception {
        // the token, the first bulk request, then the second one or the first feed, whichever the backfill sends first
        pge.faults().quotas(Quota.perHour(3));

        Throwable stopped = catchThrowable(() -> backfill().run(subscription, RANGE));

        assertThat(stopped).isInstanceOf(BackfillException.class).hasMessageContaining("a rerun resumes")
                .cause().isInstanceOfSatisfying(ShareMyDataException.class,
                        e -> assertThat(e.kind()).isEqualTo(ShareMyDataException.Kind.RATE_LIMITED));
        List<JournalEntry> firstRun = pge.journal().awaitRequests(3 + CLIENT_ATTEMPTS, Duration.ofSeconds(10));
        assertThat(firstRun).extracting(JournalEntry::status).containsExactly(200, 202, firstRun.get(2).status(), 429, 429, 429, 429);
        List<TimeWindow> stored;
        try (Checkpoints checkpoints = Checkpoints.of(store)) {
            stored = checkpoints.finished(subscription.bulkId());
        }

        Instant now = clock.instant();
        clock.advance(Duration.between(now, now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1))));
        // a roomier quota: the rerun also fetches what the first run's accepted requests still announce
        pge.faults().quotas(Quota.perHour(20));
        BackfillSummary resumed = backfill().run(subscription, RANGE);

        assertThat(resumed.succeeded()).as("%s", resumed).isTrue();
        assertThat(resumed.alreadyDone()).isEqualTo(stored.size());
        assertThat(resumed.requests()).as("the windows not stored before the quota ran out").isEqualTo(2 - stored.size());
        TruthComparison.Result truth = TruthComparison.compare(store, MODEL, POINT, RANGE);
        assertThat(truth.mismatches()).isEmpty();
        assertThat(truth.stored()).isEqualTo(truth.truth()).isPositive();
    }

    @Test
    void aQuotaRunningOutOnAFeedStopsTheBackfillAtOnceInsteadOfAskingAgain() throws Exception {
        pge.faults().quotas(Quota.perHour(2)); // the token and the first bulk request: its feed is refused

        Throwable stopped = catchThrowable(() -> backfill().run(subscription, RANGE));

        assertThat(stopped).isInstanceOf(BackfillException.class).hasMessageContaining("a rerun resumes")
                .cause().isInstanceOfSatisfying(ShareMyDataException.class,
                        e -> assertThat(e.kind()).isEqualTo(ShareMyDataException.Kind.RATE_LIMITED));
        // without stopping, the backfill would wait out the notification timeout and ask for the window again
        assertThat(pge.journal().awaitRequests(2 + CLIENT_ATTEMPTS, Duration.ofSeconds(10)))
                .extracting(JournalEntry::status).containsExactly(200, 202, 429, 429, 429, 429);
    }

    private static ShareMyDataSettings settings(PgeMock pge) {
        return PgeMockSettings.of(pge, Duration.ofSeconds(1), Duration.ofSeconds(30), CLIENT_ATTEMPTS);
    }
}
