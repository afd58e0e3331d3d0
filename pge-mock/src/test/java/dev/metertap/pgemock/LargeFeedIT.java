package dev.metertap.pgemock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metertap.pgemock.bulk.BulkDeliveries;
import dev.metertap.pgemock.espi.Commodity;
import dev.metertap.pgemock.espi.UsageModel;
import dev.metertap.pgemock.espi.UsagePointSpec;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;

/**
 * A 12-month 15-minute electric feed (about 35,000 readings) served whole over mutual TLS. Its
 * time is printed as a figure (the target is 2 s), never asserted: speed is judged by
 * measurement, not by a test on a shared machine.
 */
class LargeFeedIT {

    @Test
    void servesTwelveMonthsOfFifteenMinuteReadingsWhole() throws Exception {
        try (NotificationReceiver receiver = new NotificationReceiver().start();
                PgeMock pge = new PgeMock(PgeMockOptions.defaults().notifyUri(receiver.uri())
                        .notifyTrust(List.of(receiver.ca())).notificationDelay(Duration.ZERO)
                        .model(new UsageModel(7L, List.of(UsagePointSpec.electric("5550000201", 900)), UsageModel.PACIFIC)))
                        .start()) {
            HttpClient client = HttpClients.issuerAgnostic(pge.clientIdentity(), pge.serverCa());
            String token = HttpClients.token(HttpClients.postToken(client, pge.tokenUrl(), pge.credentials().clientId(),
                    pge.credentials().clientSecret(), "grant_type=client_credentials"));
            LocalDate today = LocalDate.now(pge.model().zone());
            Instant to = today.minusDays(1).atStartOfDay(pge.model().zone()).toInstant();
            Instant from = today.minusDays(1).minusYears(1).atStartOfDay(pge.model().zone()).toInstant();
            assertThat(HttpClients.get(client, pge.bulkUrl() + "?published-min=" + from + "&published-max=" + to, token)
                    .statusCode()).isEqualTo(202);
            UsagePointSpec electric = pge.model().usagePoints().stream()
                    .filter(point -> point.commodity() == Commodity.ELECTRICITY && point.intervalSeconds() == 900)
                    .findFirst().orElseThrow();
            String url = receiver.next(Duration.ofSeconds(20)).stream()
                    .filter(u -> !u.endsWith(BulkDeliveries.PLACEHOLDER_CORRELATION_ID)).findFirst().orElseThrow();

            long started = System.nanoTime();
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
            long readings;
            try (InputStream body = response.body()) {
                readings = countIntervalReadings(body);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            System.out.printf("large feed: %d readings of %s over %s..%s served in %d ms (target 2000 ms)%n",
                    readings, electric.id(), from, to, elapsed.toMillis());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(readings).isEqualTo(pge.model().publishedIntervals(electric.id(), from, to).count())
                    .isBetween(34_000L, 36_000L);
        }
    }

    private static long countIntervalReadings(InputStream feed) throws Exception {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XMLStreamReader xml = factory.createXMLStreamReader(feed);
        long count = 0;
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT && "IntervalReading".equals(xml.getLocalName())) {
                count++;
            }
        }
        return count;
    }
}
