package dev.metertap.pgemock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metertap.pgemock.espi.ParsedFeed;
import dev.metertap.pgemock.espi.ParsedFeed.Entry;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every resource a Self-Access client can name, fetched on its own at the URL a feed's links give, and parsed as an
 * Atom entry or feed holding the right ESPI resource. The mock serves the subscription resources to its token here
 * ({@code subscriptionResources(true)}); by default it refuses them as PG&E does (OAuthAndErrorsIT).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryResourceOnItsOwnIT {

    private PgeMock pge;
    private HttpClient client;
    private String token;

    @BeforeAll
    void start() throws Exception {
        pge = new PgeMock(PgeMockOptions.defaults().subscriptionResources(true)).start();
        client = HttpClients.issuerAgnostic(pge.clientIdentity(), pge.serverCa());
        token = HttpClients.token(HttpClients.postToken(client, pge.tokenUrl(), pge.credentials().clientId(),
                pge.credentials().clientSecret(), "grant_type=client_credentials"));
    }

    @AfterAll
    void stop() {
        pge.close();
    }

    @Test
    void eachEntryOfTheBatchFeedIsServedOnItsOwnAtItsSelfLink() throws Exception {
        ParsedFeed batch = fetch(pge.resourceBase() + "/Batch/Subscription/4829153");
        assertThat(batch.rootName()).isEqualTo("feed");
        assertThat(batch.entries()).extracting(Entry::resource)
                .contains("LocalTimeParameters", "ReadingType", "UsagePoint", "MeterReading", "IntervalBlock");

        for (Entry inFeed : distinctBySelf(batch.entries())) {
            ParsedFeed alone = fetch(inFeed.self());
            assertThat(alone.rootName()).as(inFeed.self()).isEqualTo("entry");
            assertThat(alone.entries()).as(inFeed.self()).singleElement().satisfies(entry -> {
                assertThat(entry.resource()).isEqualTo(inFeed.resource());
                assertThat(entry.self()).isEqualTo(inFeed.self());
                assertThat(entry.fields()).isEqualTo(inFeed.fields());
                assertThat(entry.readings()).isEqualTo(inFeed.readings());
            });
        }
    }

    @Test
    void theFeedsOwnSelfLinkForOneUsagePointIsAFeedOfThatPoint() throws Exception {
        String id = pge.model().usagePoints().get(0).id();
        ParsedFeed feed = fetch(pge.resourceBase() + "/Batch/Subscription/4829153/UsagePoint/" + id);

        assertThat(feed.rootName()).isEqualTo("feed");
        assertThat(feed.entries()).filteredOn(entry -> entry.resource().equals("UsagePoint"))
                .singleElement().satisfies(entry -> assertThat(entry.self()).endsWith("/UsagePoint/" + id));
    }

    @Test
    void theCollectionsAUsagePointAndAMeterReadingLinkToAreFeedsOfTheirResource() throws Exception {
        String id = pge.model().usagePoints().get(0).id();
        ParsedFeed usagePoints = fetch(pge.resourceBase() + "/Subscription/4829153/UsagePoint");
        Entry usagePoint = usagePoints.entries().stream().filter(entry -> entry.self().endsWith("/" + id)).findFirst().orElseThrow();
        assertThat(usagePoints.entries()).extracting(Entry::resource).containsOnly("UsagePoint").hasSize(pge.model().usagePoints().size());

        String meterReadings = related(usagePoint, "/MeterReading");
        ParsedFeed readings = fetch(meterReadings);
        assertThat(readings.entries()).extracting(Entry::resource).containsOnly("MeterReading").hasSize(2); // solar: both flows
        assertThat(readings.entries()).allSatisfy(entry -> assertThat(entry.self().substring(meterReadings.length() + 1))
                .as("PG&E's base64-like MeterReading id").matches("[A-Za-z0-9_-]{32}"));

        Entry delivered = readings.entries().get(0);
        ParsedFeed blocks = fetch(related(delivered, "/IntervalBlock"));
        assertThat(blocks.entries()).extracting(Entry::resource).containsOnly("IntervalBlock").hasSize(1);
        Entry block = blocks.entries().get(0);
        LocalDate yesterday = LocalDate.now(pge.model().zone()).minusDays(1);
        assertThat(Instant.ofEpochSecond(block.blockStart())).as("the last day with data by default")
                .isEqualTo(yesterday.atStartOfDay(pge.model().zone()).toInstant());
        assertThat(block.self()).endsWith("/IntervalBlock/" + block.blockStart());

        ParsedFeed summaries = fetch(related(usagePoint, "/UsageSummary"));
        assertThat(summaries.entries()).singleElement().satisfies(summary -> {
            assertThat(summary.resource()).isEqualTo("UsageSummary");
            assertThat(summary.fields()).containsKeys("billLastPeriod", "currency", "statusTimeStamp", "commodity");
        });
        assertThat(fetch(summaries.entries().get(0).self()).entries()).singleElement()
                .extracting(Entry::resource).isEqualTo("UsageSummary");
    }

    @Test
    void theAuthorizationAndTheApplicationInformationAreEntriesOnTheirOwn() throws Exception {
        ParsedFeed authorizations = fetch(pge.resourceBase() + "/Authorization");
        Entry authorization = authorizations.entries().get(0);

        ParsedFeed alone = fetch(authorization.self());
        ParsedFeed application = fetch(pge.resourceBase() + "/ApplicationInformation/1");

        assertThat(authorization.self()).endsWith("/Authorization/" + pge.bulkId());
        assertThat(alone.rootName()).isEqualTo("entry");
        assertThat(alone.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.resource()).isEqualTo("Authorization");
            assertThat(entry.fields()).containsEntry("resourceURI", pge.bulkUrl());
        });
        assertThat(application.rootName()).isEqualTo("entry");
        assertThat(application.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.resource()).isEqualTo("ApplicationInformation");
            assertThat(entry.fields()).containsEntry("client_id", pge.credentials().clientId())
                    .containsEntry("dataCustodianBulkRequestURI", pge.bulkUrl())
                    .doesNotContainValue(pge.credentials().clientSecret());
        });
    }

    @Test
    void theBulkResourceAnswersItsPlaceholderWithPgesBareFeed() throws Exception {
        ParsedFeed placeholder = fetch(pge.bulkUrl() + "?correlationID=000000000-b");
        assertThat(placeholder.rootName()).isEqualTo("feed");
        assertThat(placeholder.entries()).isEmpty();
    }

    @Test
    void anIdTheModelDoesNotHaveIsNoListener() throws Exception {
        HttpResponse<String> response = HttpClients.get(client, pge.resourceBase() + "/Subscription/4829153/UsagePoint/5550009999", token);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).startsWith("No listener for endpoint: ");
    }

    private ParsedFeed fetch(String url) throws Exception {
        HttpResponse<String> response = HttpClients.get(client, url, token);
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).as(url).contains("application/atom+xml");
        return ParsedFeed.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

    private static String related(Entry entry, String suffix) {
        return entry.related().stream().filter(href -> href.endsWith(suffix)).findFirst()
                .orElseThrow(() -> new AssertionError(entry.self() + " has no related link ending " + suffix));
    }

    private static List<Entry> distinctBySelf(List<Entry> entries) {
        Set<String> seen = new java.util.HashSet<>();
        return entries.stream().filter(entry -> seen.add(entry.self())).collect(Collectors.toList());
    }
}
