package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.PgeMockSettings;
import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.client.ShareMyDataClient;
import dev.metertap.collector.pge.client.ShareMyDataSettings;
import dev.metertap.collector.pge.espi.EspiParser;
import dev.metertap.collector.store.Store;
import dev.metertap.pgemock.ManualClock;
import dev.metertap.pgemock.PgeMock;
import dev.metertap.pgemock.espi.UsageModel;
import dev.metertap.pgemock.espi.UsagePointSpec;
import dev.metertap.pgemock.fault.BulkWindowLimit;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PG&E refusing bulk windows as too large (pge-mock's largest-bulk-window fault, 413), against the real client,
 * backfill and notification receiver over mutual TLS. One manual clock is the mock's, the client's and the backfill's.
 */
class WindowSizeIT {

    private static final String POINT = "5550000401";
    private static final UsageModel MODEL = new UsageModel(20251124L, List.of(UsagePointSpec.electric(POINT, 3600)));
    private static final Duration LIMIT = Duration.ofDays(20);
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Two 60-day windows, all in Pacific daylight time, so every window and half is a whole number of days. */
    private static final TimeWindow RANGE = new TimeWindow(LocalDate.of(2025, 5, 1).atStartOfDay(UsageModel.PACIFIC).toInstant(),
            LocalDate.of(2025, 8, 29).atStartOfDay(UsageModel.PACIFIC).toInstant());
    private static final Pattern WINDOW = Pattern.compile("published-min=([^&]+)&published-max=([^&]+)");

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private MockedShareMyData smd;
    private PgeMock pge;
    private Store store;
    private ClientBulkService service;

    @BeforeEach
    void start() {
        smd = new MockedShareMyData(MODEL, Duration.ZERO, clock);
        pge = smd.pge;
        store = Store.open(dir.resolve("metertap.db"));
        service = new ClientBulkService(new ShareMyDataClient(settings(pge), clock, clock::advance), new EspiParser());
    }

    @AfterEach
    void stop() throws Exception {
        store.close();
        smd.close();
    }

    @Test
    void windowsRefusedAsTooLargeAreHalvedUntilAcceptedAndTheStoreMatchesTheTruth() throws Exception {
        pge.faults().largestBulkWindow(BulkWindowLimit.of(LIMIT));

        BackfillSummary summary = backfill(Duration.ofDays(60)).run(subscription(), RANGE);

        assertThat(summary.succeeded()).as("%s", summary).isTrue();
        // each 60-day window is split in two 30-day halves, and each of those in two 15-day ones
        assertThat(summary.splits()).isEqualTo(2 * 3);
        // the token, 2 refused and 8 accepted bulk requests, 8 feeds (the placeholder URL is not fetched)
        List<Asked> asked = bulkRequests(pge.journal().awaitRequests(1 + 2 + 8 + 8, WAIT));
        // once 60 and 30 days are refused, no window that long is asked for again: they are halved at once
        assertThat(asked).extracting(Asked::toString).containsExactlyElementsOf(Stream.concat(
                Stream.of("60d:413", "30d:413"), Stream.generate(() -> "15d:202").limit(8)).toList());
        assertThat(asked).filteredOn(a -> a.status() == 202).extracting(a -> a.window().length())
                .allSatisfy(length -> assertThat(length).isLessThanOrEqualTo(LIMIT));
        assertThat(asked).extracting(Asked::window).as("no refused window is asked for again").doesNotHaveDuplicates();
        TruthComparison.Result truth = TruthComparison.compare(store, MODEL, POINT, RANGE);
        assertThat(truth.mismatches()).isEmpty();
        assertThat(truth.stored()).isEqualTo(truth.truth()).isPositive();
    }

    @Test
    void whenEvenTheSmallestWindowIsRefusedItsWindowsAreReportedIncompleteWithoutAskingForEach() throws Exception {
        // shorter than any window the backfill asks for: every request is refused
        pge.faults().largestBulkWindow(BulkWindowLimit.of(Backfill.MIN_WINDOW.minusHours(1)));
        Duration size = Backfill.MIN_WINDOW.multipliedBy(4);
        TimeWindow range = new TimeWindow(RANGE.from(), RANGE.from().plus(size));

        BackfillSummary summary = backfill(size).run(subscription(), range);

        assertThat(summary.succeeded()).isFalse();
        assertThat(summary.refused()).as("the four smallest windows")
                .containsExactlyElementsOf(range.split(Backfill.MIN_WINDOW));
        assertThat(summary.incomplete()).isEmpty();
        // 8 days refused, then 4, then 2: no window as long as a refused one is asked for again
        assertThat(summary.requests()).isEqualTo(3);
        assertThat(summary.splits()).isEqualTo(1 + 2);
        assertThat(summary.gaps().complete()).isFalse();
        assertThat(summary.gaps().windows()).as("nothing stored: the whole range is a gap").containsExactly(range);
        List<JournalEntry> requests = pge.journal().awaitRequests(1 + 3, WAIT);
        assertThat(requests).hasSize(1 + 3);
        assertThat(bulkRequests(requests)).extracting(Asked::toString).containsExactly("8d:413", "4d:413", "2d:413");
        assertThat(pge.journal().notifications()).as("nothing accepted, nothing notified").isEmpty();
    }

    private Backfill backfill(Duration windowSize) {
        return new Backfill(service, smd.inbox, store, new BackfillSettings(windowSize, WAIT, 3), new LoggedProgress(), clock);
    }

    private BulkSubscription subscription() {
        return backfill(Backfill.MIN_WINDOW).subscription(Optional.of(pge.bulkId()), List.of(POINT));
    }

    /** A bulk request as the mock journalled it: the window asked for and the status answered. */
    private record Asked(TimeWindow window, int status) {
        @Override
        public String toString() {
            return window.length().toDays() + "d:" + status;
        }
    }

    private static List<Asked> bulkRequests(List<JournalEntry> journal) {
        return journal.stream().filter(e -> e.query() != null && e.query().contains("published-min")).map(e -> {
            Matcher window = WINDOW.matcher(e.query());
            assertThat(window.find()).as(e.query()).isTrue();
            return new Asked(new TimeWindow(Instant.parse(window.group(1)), Instant.parse(window.group(2))), e.status());
        }).toList();
    }

    private static ShareMyDataSettings settings(PgeMock pge) {
        return PgeMockSettings.of(pge, Duration.ofSeconds(1), Duration.ofSeconds(30), 4);
    }
}
