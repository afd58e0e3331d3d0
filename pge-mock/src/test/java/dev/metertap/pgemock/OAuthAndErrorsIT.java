package dev.metertap.pgemock;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.metertap.pgemock.journal.JournalEntry;
import dev.metertap.pgemock.tls.ConnectionFacts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every row of the reference's error table, and the token's shape and lifetime, over real mutual TLS. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuthAndErrorsIT {

    private final ManualClock clock = new ManualClock(Instant.now());
    private PgeMock pge;
    private HttpClient client;

    @BeforeAll
    void start() {
        pge = new PgeMock(PgeMockOptions.defaults().clock(clock)).start();
        client = HttpClients.issuerAgnostic(pge.clientIdentity(), pge.serverCa());
    }

    @AfterAll
    void stop() {
        pge.close();
    }

    @AfterEach
    void clearFaults() {
        pge.faults().clear();
    }

    @Test
    void tokenWithGrantTypeInBodyHasPgeShape() throws Exception {
        HttpResponse<String> response = token(pge.tokenUrl(), "grant_type=client_credentials");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).matches("\\{\"client_access_token\":\"[0-9a-f-]{36}\",\"token_type\":\"Bearer\","
                + "\"expires_in\":3600,\"scope\":\"[^\"]+\"}")
                .doesNotContain("\"access_token\"", "refresh_token");
    }

    @Test
    void tokenWithGrantTypeInQueryAndFromTheTestUrl() throws Exception {
        assertThat(token(pge.tokenUrl() + "?grant_type=client_credentials", "").statusCode()).isEqualTo(200);
        assertThat(token(pge.testTokenUrl(), "grant_type=client_credentials").statusCode()).isEqualTo(200);
    }

    @Test
    void getOnTheTokenUrlIs405() throws Exception {
        HttpResponse<String> response = HttpClients.get(client, pge.tokenUrl() + "?grant_type=client_credentials", null);
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).isEqualTo("{\"error\":\"invalid_request\",\"error_description\":\"GET not permitted\"}");
    }

    @Test
    void tokenWithoutGrantTypeIs400MissingGrantType() throws Exception {
        HttpResponse<String> response = token(pge.tokenUrl(), "");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"invalid_request\",\"error_description\":\"Missing grant_type\"}");
    }

    @Test
    void wrongSecretWrongIdAndNoBasicAuthAre400() throws Exception {
        String grant = "grant_type=client_credentials";
        HttpResponse<String> wrongSecret = HttpClients.postToken(client, pge.tokenUrl(), pge.credentials().clientId(), "nope", grant);
        HttpResponse<String> wrongId = HttpClients.postToken(client, pge.tokenUrl(), "0123456789abcdef0123456789abcdef",
                pge.credentials().clientSecret(), grant);
        HttpResponse<String> none = HttpClients.postToken(client, pge.tokenUrl(), null, null, grant);

        for (HttpResponse<String> response : java.util.List.of(wrongSecret, wrongId, none)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("{\"error\":\"invalid_client\",\"error_description\":\"Bad client credentials\"}")
                    .doesNotContain(pge.credentials().clientSecret());
        }
    }

    @Test
    void validTokenReadsServiceStatus() throws Exception {
        HttpResponse<String> response = HttpClients.get(client, pge.resourceBase() + "/ReadServiceStatus", validToken());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<ServiceStatus xmlns=\"http://naesb.org/espi\"><currentStatus>1</currentStatus></ServiceStatus>");
    }

    @Test
    void expiredTokenIs401() throws Exception {
        String token = validToken();
        clock.advance(Duration.ofSeconds(3600));
        HttpResponse<String> response = HttpClients.get(client, pge.resourceBase() + "/ReadServiceStatus", token);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("expired");
    }

    @Test
    void unknownOrMissingTokenIs401() throws Exception {
        assertThat(HttpClients.get(client, pge.resourceBase() + "/ReadServiceStatus", "a6db9ef7-0000-0000-0000-000000000000")
                .statusCode()).isEqualTo(401);
        assertThat(HttpClients.get(client, pge.resourceBase() + "/ReadServiceStatus", null).statusCode()).isEqualTo(401);
    }

    @Test
    void badTokenAnswerCanBe403() throws Exception {
        try (PgeMock forbidding = new PgeMock(PgeMockOptions.defaults().badTokenStatus(403)
                .clientIdentity(pge.clientIdentity())).start()) {
            HttpClient other = HttpClients.issuerAgnostic(forbidding.clientIdentity(), forbidding.serverCa());
            assertThat(HttpClients.get(other, forbidding.resourceBase() + "/ReadServiceStatus", "unknown").statusCode())
                    .isEqualTo(403);
        }
    }

    @Test
    void expiresInCanBeAStringLikePgeSometimesSends() throws Exception {
        try (PgeMock stringy = new PgeMock(PgeMockOptions.defaults().expiresInAsString(true).tokenLifetime(Duration.ofSeconds(600))
                .clientIdentity(pge.clientIdentity())).start()) {
            HttpClient other = HttpClients.issuerAgnostic(stringy.clientIdentity(), stringy.serverCa());
            HttpResponse<String> response = HttpClients.postToken(other, stringy.tokenUrl(), stringy.credentials().clientId(),
                    stringy.credentials().clientSecret(), "grant_type=client_credentials");
            assertThat(response.body()).contains("\"expires_in\":\"600\"");
        }
    }

    @Test
    void unknownPathIs404NoListener() throws Exception {
        HttpResponse<String> response = HttpClients.get(client, pge.baseUrl() + "/GreenButtonConnect/espi/1_1/resource/Nothing", validToken());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("No listener for endpoint: /GreenButtonConnect/espi/1_1/resource/Nothing");
        assertThat(HttpClients.get(client, pge.baseUrl() + "/foo", null).body()).isEqualTo("No listener for endpoint: /foo");
    }

    @Test
    void outageAnswersServiceStatusZero() throws Exception {
        pge.faults().serviceStatus(0);
        assertThat(HttpClients.get(client, pge.resourceBase() + "/ReadServiceStatus", validToken()).body())
                .contains("<currentStatus>0</currentStatus>");
    }

    @Test
    void rateLimitAnswersTheConfiguredStatusWithinOneSecond() throws Exception {
        String token = validToken();
        pge.faults().rateLimit(new dev.metertap.pgemock.fault.RateLimit(429, "Too Many Requests"));
        String url = pge.resourceBase() + "/ReadServiceStatus";

        assertThat(HttpClients.get(client, url, token).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = HttpClients.get(client, url, token);
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> later = HttpClients.get(client, url, token);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).isEqualTo("Too Many Requests");
        assertThat(later.statusCode()).isEqualTo(200);
    }

    @Test
    void serverErrorBurstsThenRecovery() throws Exception {
        String token = validToken();
        String url = pge.resourceBase() + "/ReadServiceStatus";
        pge.faults().failNext(2, 503);
        assertThat(HttpClients.get(client, url, token).statusCode()).isEqualTo(503);
        assertThat(HttpClients.get(client, url, token).statusCode()).isEqualTo(503);
        assertThat(HttpClients.get(client, url, token).statusCode()).isEqualTo(200);
    }

    @Test
    void slowResponsesTakeAtLeastTheConfiguredDelay() throws Exception {
        String token = validToken();
        pge.faults().slowResponses(Duration.ofMillis(400));
        long started = System.nanoTime();
        assertThat(HttpClients.get(client, pge.resourceBase() + "/ReadServiceStatus", token).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void subscriptionResourcesAreRefusedToTheClientCredentialsTokenAsPgeKeepsThemForACustomerToken() throws Exception {
        String token = validToken();
        String usagePoint = pge.model().usagePoints().get(0).id();

        HttpResponse<String> synchronous = HttpClients.get(client,
                pge.resourceBase() + "/Batch/Subscription/4829153/UsagePoint/" + usagePoint, token);
        HttpResponse<String> authorization = HttpClients.get(client, pge.resourceBase() + "/Authorization/" + pge.bulkId(), token);

        assertThat(synchronous.statusCode()).isEqualTo(403);
        assertThat(synchronous.body()).contains("\"error\":\"insufficient_scope\"");
        assertThat(authorization.statusCode()).as("what a client-credentials token may read").isEqualTo(200);
    }

    @Test
    void wireMocksJournalRecordsPathCertificateAndToken() throws Exception {
        String token = validToken();
        String path = "/GreenButtonConnect/espi/1_1/resource/ReadServiceStatus";
        assertThat(HttpClients.get(client, pge.resourceBase() + "/ReadServiceStatus", token).statusCode()).isEqualTo(200);

        pge.wireMock().verify(1, getRequestedFor(urlPathEqualTo(path))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withHeader(ConnectionFacts.CLIENT_CERTIFICATE, equalTo(pge.clientIdentity().fingerprint().hex())));
        // the typed view the collector's tests read is the same journal
        JournalEntry entry = pge.journal().requests().stream()
                .filter(request -> request.bearerToken().filter(token::equals).isPresent()).findFirst().orElseThrow();
        assertThat(entry.path()).isEqualTo(path);
        assertThat(entry.certificate()).contains(pge.clientIdentity().fingerprint());
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.toString()).doesNotContain(token);
    }

    @Test
    void aClientCannotForgeTheCertificateFactItself() throws Exception {
        HttpClient anonymous = HttpClients.withoutCertificate(pge.serverCa());
        HttpRequest forged = HttpRequest.newBuilder(URI.create(pge.resourceBase() + "/ReadServiceStatus"))
                .header(ConnectionFacts.CLIENT_CERTIFICATE, pge.clientIdentity().fingerprint().hex()).build();

        HttpResponse<String> response = anonymous.send(forged, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Invalid Certificate");
    }

    private String validToken() throws Exception {
        return HttpClients.token(token(pge.tokenUrl(), "grant_type=client_credentials"));
    }

    private HttpResponse<String> token(String url, String body) throws Exception {
        return HttpClients.postToken(client, url, pge.credentials().clientId(), pge.credentials().clientSecret(), body);
    }
}
