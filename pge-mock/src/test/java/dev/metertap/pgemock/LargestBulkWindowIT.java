package dev.metertap.pgemock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metertap.pgemock.fault.BulkWindowLimit;
import dev.metertap.pgemock.journal.JournalEntry;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The largest-bulk-window fault over real mutual TLS: a window over the limit is refused and nothing is delivered. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargestBulkWindowIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration LIMIT = Duration.ofDays(20);
    private final NotificationReceiver receiver = new NotificationReceiver();
    private PgeMock pge;
    private HttpClient client;
    private String token;
    private Instant from;

    @BeforeAll
    void start() throws Exception {
        receiver.start();
        pge = new PgeMock(PgeMockOptions.defaults().notifyUri(receiver.uri()).notifyTrust(List.of(receiver.ca()))
                .notificationDelay(Duration.ZERO)).start();
        client = HttpClients.issuerAgnostic(pge.clientIdentity(), pge.serverCa());
        token = HttpClients.token(HttpClients.postToken(client, pge.tokenUrl(), pge.credentials().clientId(),
                pge.credentials().clientSecret(), "grant_type=client_credentials"));
        from = LocalDate.now(pge.model().zone()).minusMonths(6).atStartOfDay(pge.model().zone()).toInstant();
    }

    @AfterAll
    void stop() {
        pge.close();
        receiver.close();
    }

    @AfterEach
    void clearFaults() {
        pge.faults().clear();
    }

    @Test
    void aWindowOverTheLimitGetsTheConfiguredAnswerAndNoNotification() throws Exception {
        pge.faults().largestBulkWindow(new BulkWindowLimit(LIMIT, 400, "Requested range exceeds 20 days"));
        String overLimit = window(Duration.ofDays(50)); // asked by no other test: the journal entry is this one

        HttpResponse<String> refused = bulk(overLimit);
        // then a window at the limit: the notifier keeps order, so a notification for the refused request would come first
        HttpResponse<String> accepted = bulk(window(LIMIT));
        List<String> firstNotified = receiver.next(WAIT);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).isEqualTo("Requested range exceeds 20 days");
        assertThat(accepted.statusCode()).isEqualTo(202);
        String usagePoint = pge.model().usagePoints().get(0).id();
        HttpResponse<String> feed = HttpClients.get(client, firstNotified.get(0), token);
        assertThat(AsyncBulkIT.intervalReadings(feed.body())).as("the first notification answers the accepted window")
                .isEqualTo(pge.model().publishedIntervals(usagePoint, from, from.plus(LIMIT)).count());
        assertThat(pge.journal().awaitRequest(e -> overLimit.equals(e.query()), WAIT))
                .as("the journal records the refusal").map(JournalEntry::status).contains(400);
    }

    @Test
    void theDefaultAnswerIs413WithAShortPlainBody() throws Exception {
        pge.faults().largestBulkWindow(BulkWindowLimit.of(LIMIT));

        HttpResponse<String> refused = bulk(window(Duration.ofDays(60)));

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).isEqualTo("Date range too large");
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    }

    @Test
    void aWindowAsLongAsTheLimitIsAccepted() throws Exception {
        pge.faults().largestBulkWindow(BulkWindowLimit.of(LIMIT));

        HttpResponse<String> accepted = bulk(window(LIMIT));

        assertThat(accepted.statusCode()).isEqualTo(202);
        receiver.next(WAIT);
    }

    @Test
    void clearRemovesTheLimit() throws Exception {
        pge.faults().largestBulkWindow(BulkWindowLimit.of(LIMIT));
        assertThat(bulk(window(Duration.ofDays(60))).statusCode()).isEqualTo(413);
        pge.faults().clear();

        HttpResponse<String> accepted = bulk(window(Duration.ofDays(60)));

        assertThat(accepted.statusCode()).isEqualTo(202);
        receiver.next(WAIT);
    }

    private String window(Duration length) {
        return "published-min=" + from + "&published-max=" + from.plus(length);
    }

    private HttpResponse<String> bulk(String query) throws Exception {
        return HttpClients.get(client, pge.bulkUrl() + "?" + query, token);
    }
}
