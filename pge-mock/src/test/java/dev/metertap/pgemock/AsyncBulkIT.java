package dev.metertap.pgemock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metertap.pgemock.bulk.BulkDeliveries;
import dev.metertap.pgemock.espi.UsagePointSpec;
import dev.metertap.pgemock.fault.BulkWindowLimit;
import dev.metertap.pgemock.fault.NotificationFault;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** 202 → notification over HTTPS → fetch by correlationID, and the ways that goes wrong (a window refused as too large among them). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsyncBulkIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration LIMIT = Duration.ofDays(20);
    private final NotificationReceiver receiver = new NotificationReceiver();
    private PgeMock pge;
    private HttpClient client;
    private String token;
    private Instant dayStart;
    private Instant monthsAgo;

    @BeforeAll
    void start() throws Exception {
        receiver.start();
        pge = new PgeMock(PgeMockOptions.defaults().notifyUri(receiver.uri()).notifyTrust(List.of(receiver.ca()))
                .notificationDelay(Duration.ZERO)).start();
        client = HttpClients.issuerAgnostic(pge.clientIdentity(), pge.serverCa());
        token = HttpClients.token(HttpClients.postToken(client, pge.tokenUrl(), pge.credentials().clientId(),
                pge.credentials().clientSecret(), "grant_type=client_credentials"));
        dayStart = LocalDate.now(pge.model().zone()).minusDays(10).atStartOfDay(pge.model().zone()).toInstant();
        monthsAgo = LocalDate.now(pge.model().zone()).minusMonths(6).atStartOfDay(pge.model().zone()).toInstant();
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
    void fullRoundTripDeliversOneFeedPerUsagePointPlusPlaceholder() throws Exception {
        Instant to = dayStart.plus(Duration.ofDays(1));
        HttpResponse<String> accepted = bulk("published-min=" + dayStart + "&published-max=" + to);
        assertThat(accepted.statusCode()).isEqualTo(202);

        List<String> urls = receiver.next(WAIT);
        List<UsagePointSpec> points = pge.model().usagePoints();
        assertThat(urls).hasSize(points.size() + 1)
                .allMatch(url -> url.startsWith(pge.bulkUrl() + "?correlationID="))
                .filteredOn(url -> url.endsWith("correlationID=" + BulkDeliveries.PLACEHOLDER_CORRELATION_ID)).hasSize(1);

        List<String> real = urls.stream().filter(url -> !url.endsWith(BulkDeliveries.PLACEHOLDER_CORRELATION_ID)).toList();
        for (int i = 0; i < real.size(); i++) {
            HttpResponse<String> feed = HttpClients.get(client, real.get(i), token);
            assertThat(feed.statusCode()).isEqualTo(200);
            String usagePointId = points.get(i).id();
            long expected = pge.model().publishedIntervals(usagePointId, dayStart, to).count();
            assertThat(expected).isPositive();
            assertThat(intervalReadings(feed.body())).isEqualTo(expected);
            assertThat(feed.body()).contains("/UsagePoint/" + usagePointId);
        }
        assertThat(pge.journal().awaitNotification(n -> n.resources().equals(urls), WAIT))
                .hasValueSatisfying(n -> assertThat(n.status()).isEqualTo(200));
    }

    @Test
    void epochSecondsWindowIsAccepted() throws Exception {
        HttpResponse<String> accepted = bulk("published-min=" + dayStart.getEpochSecond()
                + "&published-max=" + dayStart.plus(Duration.ofDays(1)).getEpochSecond());
        assertThat(accepted.statusCode()).isEqualTo(202);
        receiver.next(WAIT);
    }

    @Test
    void windowWithoutDataIs204() throws Exception {
        assertThat(bulk("published-min=2001-01-01T08:00:00Z&published-max=2001-01-02T08:00:00Z").statusCode()).isEqualTo(204);
    }

    @Test
    void malformedWindowIs400() throws Exception {
        HttpResponse<String> response = bulk("published-min=yesterday&published-max=2001-01-02T08:00:00Z");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Invalid published-min: expected Zulu ISO-8601 or epoch seconds");
        assertThat(bulk("published-max=2001-01-02T08:00:00Z").body()).isEqualTo("Missing published-min");
    }

    @Test
    void unknownCorrelationIdAndBulkIdAre404() throws Exception {
        HttpResponse<String> response = HttpClients.get(client, pge.bulkUrl() + "?correlationID=nope", token);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("No listener for endpoint: /GreenButtonConnect/espi/1_1/resource/Batch/Bulk/" + pge.bulkId());
        assertThat(HttpClients.get(client, pge.resourceBase() + "/Batch/Bulk/99999?correlationID=nope", token).statusCode())
                .isEqualTo(404);
    }

    @Test
    void placeholderUrlGivesAnEmptyFeed() throws Exception {
        HttpResponse<String> response = HttpClients.get(client,
                pge.bulkUrl() + "?correlationID=" + BulkDeliveries.PLACEHOLDER_CORRELATION_ID, token);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(intervalReadings(response.body())).isZero();
    }

    @Test
    void notificationSentTwiceRepeatsTheSameUrls() throws Exception {
        pge.faults().notification(NotificationFault.TWICE);
        bulk("published-min=" + dayStart + "&published-max=" + dayStart.plus(Duration.ofDays(1)));
        assertThat(receiver.next(WAIT)).isEqualTo(receiver.next(WAIT));
    }

    @Test
    void notificationNeverSentLeavesOnlyTheNextRequestsNotification() throws Exception {
        pge.faults().notification(NotificationFault.NEVER);
        assertThat(bulk("published-min=" + dayStart + "&published-max=" + dayStart.plus(Duration.ofDays(1))).statusCode())
                .isEqualTo(202);
        pge.faults().clear();
        bulk("published-min=" + dayStart + "&published-max=" + dayStart.plus(Duration.ofDays(2)));
        List<String> first = receiver.next(WAIT);
        HttpResponse<String> feed = HttpClients.get(client, first.get(0), token);
        long twoDays = pge.model().publishedIntervals(pge.model().usagePoints().get(0).id(), dayStart,
                dayStart.plus(Duration.ofDays(2))).count();
        assertThat(intervalReadings(feed.body())).isEqualTo(twoDays);
    }

    @Test
    void forgedNotificationPointsAtAnotherHost() throws Exception {
        pge.faults().notification(NotificationFault.FORGED).forgedOrigin("https://pge.example.invalid");
        bulk("published-min=" + dayStart + "&published-max=" + dayStart.plus(Duration.ofDays(1)));
        assertThat(receiver.next(WAIT)).allMatch(url -> url.startsWith(
                "https://pge.example.invalid/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/" + pge.bulkId() + "?correlationID="));
    }

    @Test
    void emptyFeedFaultServesAFeedWithoutReadings() throws Exception {
        bulk("published-min=" + dayStart + "&published-max=" + dayStart.plus(Duration.ofDays(1)));
        List<String> urls = receiver.next(WAIT);
        pge.faults().emptyFeeds(true);
        HttpResponse<String> feed = HttpClients.get(client, urls.get(0), token);
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(intervalReadings(feed.body())).isZero();
    }

    @Test
    void authorizationNamesTheBulkResource() throws Exception {
        HttpResponse<String> response = HttpClients.get(client, pge.resourceBase() + "/Authorization", token);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(pge.bulkUrl());
        assertThat(HttpClients.get(client, pge.resourceBase() + "/DownloadSampleData", token).statusCode()).isEqualTo(200);
    }

    @Test
    void correctedReadingIsRepublishedAndMatchesGroundTruth() throws Exception {
        UsagePointSpec gas = pge.model().usagePoints().stream()
                .filter(point -> point.commodity() == dev.metertap.pgemock.espi.Commodity.GAS).findFirst().orElseThrow();
        Instant to = dayStart.plus(Duration.ofDays(1));
        bulk("published-min=" + dayStart + "&published-max=" + to);
        String url = receiver.next(WAIT).stream().filter(u -> !u.endsWith(BulkDeliveries.PLACEHOLDER_CORRELATION_ID))
                .toList().get(pge.model().usagePoints().indexOf(gas));
        var reading = pge.model().trueIntervals(gas.id(), dayStart, to).findFirst().orElseThrow();
        var readingType = pge.model().readingType(gas.id(), dev.metertap.pgemock.espi.Flow.DELIVERED);

        long before = rawValueAt(HttpClients.get(client, url, token).body(), reading.start());
        pge.correct(gas.id(), reading.start());
        long after = rawValueAt(HttpClients.get(client, url, token).body(), reading.start());
        var truth = pge.model().trueIntervals(gas.id(), dayStart, to).findFirst().orElseThrow();

        assertThat(readingType.toUnit(before)).isEqualByComparingTo(reading.value());
        assertThat(after).isNotEqualTo(before);
        assertThat(readingType.toUnit(after)).isEqualByComparingTo(truth.value());
    }

    // the largest-bulk-window fault: a window over the limit is refused and nothing is delivered

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
        assertThat(intervalReadings(feed.body())).as("the first notification answers the accepted window")
                .isEqualTo(pge.model().publishedIntervals(usagePoint, monthsAgo, monthsAgo.plus(LIMIT)).count());
        assertThat(pge.wireMock().getAllServeEvents()).as("WireMock's journal records the refusal")
                .filteredOn(event -> event.getRequest().getUrl().endsWith("?" + overLimit))
                .extracting(event -> event.getResponse().getStatus()).containsExactly(400);
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

    /** A bulk query for a window of {@code length} six months back, where no other test asks. */
    private String window(Duration length) {
        return "published-min=" + monthsAgo + "&published-max=" + monthsAgo.plus(length);
    }

    /** The raw {@code value} of the IntervalReading whose timePeriod starts at {@code start}. */
    private static long rawValueAt(String feed, Instant start) throws Exception {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(feed.getBytes(StandardCharsets.UTF_8)));
        boolean inReading = false;
        boolean inPeriod = false;
        Long readingStart = null;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "IntervalReading" -> {
                        inReading = true;
                        readingStart = null;
                    }
                    case "timePeriod" -> inPeriod = inReading;
                    case "start" -> {
                        if (inPeriod) {
                            readingStart = Long.parseLong(xml.getElementText().trim());
                        }
                    }
                    case "value" -> {
                        if (inReading && readingStart != null && readingStart == start.getEpochSecond()) {
                            return Long.parseLong(xml.getElementText().trim());
                        }
                    }
                    default -> { }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if ("IntervalReading".equals(xml.getLocalName())) {
                    inReading = false;
                } else if ("timePeriod".equals(xml.getLocalName())) {
                    inPeriod = false;
                }
            }
        }
        throw new AssertionError("no IntervalReading starting at " + start);
    }

    private HttpResponse<String> bulk(String query) throws Exception {
        return HttpClients.get(client, pge.bulkUrl() + "?" + query, token);
    }

    static long intervalReadings(String feed) throws Exception {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(feed.getBytes(StandardCharsets.UTF_8)));
        long count = 0;
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT && "http://naesb.org/espi".equals(xml.getNamespaceURI())
                    && "IntervalReading".equals(xml.getLocalName())) {
                count++;
            }
        }
        return count;
    }
}
