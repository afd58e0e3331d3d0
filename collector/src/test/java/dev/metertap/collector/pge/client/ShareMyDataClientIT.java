package dev.metertap.collector.pge.client;

import dev.metertap.collector.pge.PgeMockSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metertap.certs.CertificateAuthority;
import dev.metertap.certs.ClientTls;
import dev.metertap.certs.Identity;
import dev.metertap.collector.secret.Secret;
import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.client.ShareMyDataException.Kind;
import dev.metertap.pgemock.ManualClock;
import dev.metertap.pgemock.PgeMock;
import dev.metertap.pgemock.PgeMockOptions;
import dev.metertap.pgemock.fault.RateLimit;
import dev.metertap.pgemock.journal.JournalEntry;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against pge-mock over real mutual TLS. The mock and the client each have a manual
 * clock; the client's pauses (rate limit, backoff) move both, so nothing waits for wall time and the
 * mock's journal shows the spacing the client kept.
 */
class ShareMyDataClientIT {

    private static final String TOKEN_PATH = "/datacustodian/oauth/v2/token";

    private static ManualClock mockClock;
    private static PgeMock pge;
    private ManualClock clientClock;
    private Pause pause;

    @BeforeAll
    static void startMock() {
        mockClock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        pge = new PgeMock(PgeMockOptions.defaults().clock(mockClock)).start();
    }

    @AfterAll
    static void stopMock() {
        pge.close();
    }

    @BeforeEach
    void clocks() {
        clientClock = new ManualClock(mockClock.instant());
        pause = duration -> {
            clientClock.advance(duration);
            mockClock.advance(duration);
        };
    }

    @AfterEach
    void clearFaults() {
        pge.faults().clear();
    }

    private ShareMyDataSettings settings() {
        return PgeMockSettings.of(pge, Duration.ofSeconds(1), Duration.ofSeconds(20), 4);
    }

    private ShareMyDataClient client() {
        return new ShareMyDataClient(settings(), clientClock, pause);
    }

    private List<JournalEntry> requestsSince(int index) {
        List<JournalEntry> all = pge.journal().requests();
        return all.subList(index, all.size());
    }

    private static long sampleBytes(ShareMyDataClient client) throws ShareMyDataException {
        return client.sampleData(ShareMyDataClientIT::count);
    }

    /**
     * Waits until the mock has journaled this test's requests (it records each just after answering, and a
     * slow answer later still), so the next test counts from a settled journal.
     */
    private static void awaitRecorded(int start, int count) throws InterruptedException {
        assertThat(pge.journal().awaitRequests(start + count, Duration.ofSeconds(10))).hasSizeGreaterThanOrEqualTo(start + count);
    }

    private static long count(InputStream body) throws java.io.IOException {
        return body.readAllBytes().length;
    }

    @Test
    void obtainsATokenOnceAndReusesIt() throws Exception {
        int before = pge.journal().requests().size();
        try (ShareMyDataClient client = client()) {
            assertThat(sampleBytes(client)).isPositive();
            assertThat(sampleBytes(client)).isPositive();
            TokenInfo token = client.token();
            assertThat(token.expiresAt()).isEqualTo(token.obtainedAt().plusSeconds(3600));
            assertThat(token.toString()).doesNotContain(token.token().reveal());
        }
        List<JournalEntry> requests = pge.journal().awaitRequests(before + 3, Duration.ofSeconds(10)).subList(before, before + 3);
        assertThat(requests).extracting(JournalEntry::path).filteredOn(TOKEN_PATH::equals).hasSize(1);
        assertThat(requests).extracting(JournalEntry::status).containsExactly(200, 200, 200);
    }

    @Test
    void refreshesAnExpiredTokenOnceAndRetriesTheRequest() throws Exception {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream err = System.err;
        String firstToken;
        String secondToken;
        int before;
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try (ShareMyDataClient client = client()) {
            int start = pge.journal().requests().size();
            firstToken = client.token().token().reveal();
            sampleBytes(client);
            before = pge.journal().awaitRequests(start + 2, Duration.ofSeconds(10)).size();
            mockClock.advance(Duration.ofHours(2)); // the mock says it expired; the client still believes it valid
            assertThat(sampleBytes(client)).isPositive();
            secondToken = client.token().token().reveal();
        } finally {
            System.setErr(err);
        }
        List<JournalEntry> after = pge.journal().awaitRequests(before + 3, Duration.ofSeconds(10)).subList(before, before + 3);
        assertThat(after).extracting(JournalEntry::status).containsExactly(401, 200, 200);
        assertThat(after.get(1).path()).isEqualTo(TOKEN_PATH);
        assertThat(after.get(0).bearerToken()).contains(firstToken);
        assertThat(after.get(2).bearerToken()).contains(secondToken);
        assertThat(secondToken).isNotEqualTo(firstToken);
        assertThat(logs.toString(StandardCharsets.UTF_8))
                .doesNotContain(firstToken, secondToken, pge.credentials().clientSecret());
    }

    @Test
    void acceptsExpiresInAsAStringAndRefreshesOn403() throws Exception {
        ManualClock otherClock = new ManualClock(mockClock.instant());
        try (PgeMock odd = new PgeMock(PgeMockOptions.defaults().clock(otherClock).expiresInAsString(true).badTokenStatus(403)).start()) {
            ShareMyDataSettings s = new ShareMyDataSettings(URI.create(odd.resourceBase()), URI.create(odd.tokenUrl()), null,
                    odd.credentials().clientId(), Secret.of(odd.credentials().clientSecret(), "test"), odd.clientIdentity(),
                    List.of(odd.serverCa()), Duration.ofSeconds(1), Duration.ofSeconds(20), 4);
            try (ShareMyDataClient client = new ShareMyDataClient(s, clientClock, pause)) {
                TokenInfo first = client.token();
                assertThat(Duration.between(first.obtainedAt(), first.expiresAt())).isEqualTo(Duration.ofHours(1));
                otherClock.advance(Duration.ofHours(2));
                assertThat(sampleBytes(client)).isPositive();
                assertThat(client.token().token().reveal()).isNotEqualTo(first.token().reveal());
            }
            assertThat(odd.journal().awaitRequests(4, Duration.ofSeconds(10))).extracting(JournalEntry::status)
                    .containsExactly(200, 403, 200, 200);
        }
    }

    @Test
    void aFreshTokenRefusedTooIsReportedAfterOneRefresh() throws Exception {
        // tokens that are born expired: every resource request is refused
        try (PgeMock stale = new PgeMock(PgeMockOptions.defaults().clock(mockClock).tokenLifetime(Duration.ZERO)).start()) {
            ShareMyDataSettings s = new ShareMyDataSettings(URI.create(stale.resourceBase()), URI.create(stale.tokenUrl()), null,
                    stale.credentials().clientId(), Secret.of(stale.credentials().clientSecret(), "test"), stale.clientIdentity(),
                    List.of(stale.serverCa()), Duration.ofSeconds(1), Duration.ofSeconds(20), 4);
            try (ShareMyDataClient client = new ShareMyDataClient(s, clientClock, pause)) {
                assertThatThrownBy(() -> sampleBytes(client))
                        .isInstanceOfSatisfying(ShareMyDataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOKEN_REJECTED))
                        .hasMessageContaining("freshly obtained token");
            }
            assertThat(stale.journal().awaitRequests(4, Duration.ofSeconds(10))).extracting(JournalEntry::status)
                    .containsExactly(200, 401, 200, 401);
        }
    }

    @Test
    void reportsAnswersThatNeverComeAfterItsAttempts() throws Exception {
        int start = pge.journal().requests().size();
        ShareMyDataSettings s = settings();
        ShareMyDataSettings impatient = new ShareMyDataSettings(s.resourceBase(), s.tokenUrl(), s.testTokenUrl(), s.clientId(),
                s.clientSecret(), s.identity(), s.extraTrust(), s.minRequestInterval(), Duration.ofMillis(300), 2);
        try (ShareMyDataClient client = new ShareMyDataClient(impatient, clientClock, pause)) {
            client.token();
            pge.faults().slowResponses(Duration.ofMillis(800));
            assertThatThrownBy(() -> sampleBytes(client))
                    .isInstanceOfSatisfying(ShareMyDataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE))
                    .hasMessageContaining("2 attempt(s)").hasMessageContaining("no answer within the request timeout");
        }
        awaitRecorded(start, 3);
    }

    @Test
    void wrongSecretIsNamedWithoutRevealingIt() throws Exception {
        int start = pge.journal().requests().size();
        String wrong = "0123456789abcdef0123456789abcdef";
        try (ShareMyDataClient client = new ShareMyDataClient(settings().withClientSecret(Secret.of(wrong, "test")), clientClock, pause)) {
            assertThatThrownBy(client::token)
                    .isInstanceOfSatisfying(ShareMyDataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_CREDENTIALS))
                    .hasMessageContaining("client id " + pge.credentials().clientId())
                    .hasMessageNotContaining(wrong)
                    .hasMessageNotContaining(pge.credentials().clientSecret());
        }
        awaitRecorded(start, 1);
    }

    @Test
    void sendsItsCertificateWhereTheJdkDefaultKeyManagerSendsNone() throws Exception {
        char[] password = "test".toCharArray();
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(pge.clientIdentity().toKeyStore(password), password);
        int start = pge.journal().requests().size();
        HttpClient jdkDefault = HttpClient.newBuilder().sslContext(ClientTls.context(keys.getKeyManagers(), List.of(pge.serverCa()))).build();
        String basic = Base64.getEncoder().encodeToString((pge.credentials().clientId() + ":" + pge.credentials().clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> refused = jdkDefault.send(HttpRequest.newBuilder(URI.create(pge.tokenUrl()))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Invalid Certificate");

        assertThat(pge.journal().awaitRequests(start + 1, Duration.ofSeconds(10)).get(start).certificate()).isEmpty();
        int before = start + 1; // the journal records just after answering: counted, not read at once
        try (ShareMyDataClient client = client()) {
            assertThat(client.token().expiresAt()).isAfter(clientClock.instant());
        }
        JournalEntry token = pge.journal().awaitRequests(before + 1, Duration.ofSeconds(10)).get(before);
        assertThat(token.certificate()).contains(pge.clientIdentity().fingerprint());
        assertThat(token.status()).isEqualTo(200);
    }

    @Test
    void unregisteredCertificateIsExplained() throws Exception {
        int start = pge.journal().requests().size();
        Identity stranger = CertificateAuthority.create("someone else's root").issueClient("stranger");
        ShareMyDataSettings s = settings();
        ShareMyDataSettings strangers = new ShareMyDataSettings(s.resourceBase(), s.tokenUrl(), s.testTokenUrl(), s.clientId(),
                s.clientSecret(), stranger, s.extraTrust(), s.minRequestInterval(), s.requestTimeout(), s.attempts());
        try (ShareMyDataClient client = new ShareMyDataClient(strangers, clientClock, pause)) {
            assertThatThrownBy(client::token)
                    .isInstanceOfSatisfying(ShareMyDataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CERTIFICATE_REFUSED))
                    .hasMessageContaining("registered");
        }
        awaitRecorded(start, 1);
    }

    @Test
    void retriesABurstOfServerErrors() throws Exception {
        try (ShareMyDataClient client = client()) {
            int start = pge.journal().requests().size();
            client.token();
            int before = pge.journal().awaitRequests(start + 1, Duration.ofSeconds(10)).size();
            pge.faults().failNext(2, 503);
            assertThat(sampleBytes(client)).isPositive();
            assertThat(pge.journal().awaitRequests(before + 3, Duration.ofSeconds(10)).subList(before, before + 3))
                    .extracting(JournalEntry::status).containsExactly(503, 503, 200);
        }
    }

    @Test
    void givesUpAfterItsAttemptsWithTheCause() throws Exception {
        int start = pge.journal().requests().size();
        try (ShareMyDataClient client = client()) {
            client.token();
            pge.faults().failNext(50, 503);
            assertThatThrownBy(() -> sampleBytes(client))
                    .isInstanceOfSatisfying(ShareMyDataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR))
                    .hasMessageContaining("4 attempt(s)").hasMessageContaining("503");
        }
        awaitRecorded(start, 5);
    }

    /**
     * The mock's own 1 request/s limit judges each request on arrival (its clock, moved only by the
     * client's pauses): not one 429. Its journal stamps entries after answering, so their spacing is not
     * the measure; the control below shows the limit bites when the client does not pace.
     */
    @Test
    void keepsToOneRequestPerSecond() throws Exception {
        pge.faults().rateLimit(RateLimit.tooManyRequests());
        int before = pge.journal().requests().size();
        try (ShareMyDataClient client = client()) {
            for (int i = 0; i < 5; i++) {
                sampleBytes(client);
            }
        }
        List<JournalEntry> requests = pge.journal().awaitRequests(before + 6, Duration.ofSeconds(10)).subList(before, before + 6);
        assertThat(requests).extracting(JournalEntry::status).containsOnly(200);
        assertThat(Duration.between(requests.get(0).at(), requests.get(5).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void withoutPacingTheSameLimitAnswers429() throws Exception {
        int start = pge.journal().requests().size();
        pge.faults().rateLimit(RateLimit.tooManyRequests());
        ShareMyDataSettings s = settings();
        ShareMyDataSettings unpaced = new ShareMyDataSettings(s.resourceBase(), s.tokenUrl(), s.testTokenUrl(), s.clientId(),
                s.clientSecret(), s.identity(), s.extraTrust(), Duration.ZERO, s.requestTimeout(), 1);
        try (ShareMyDataClient client = new ShareMyDataClient(unpaced, clientClock, pause)) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 3; i++) {
                    sampleBytes(client);
                }
            }).isInstanceOfSatisfying(ShareMyDataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED))
                    .hasMessageContaining("1 request/s");
        }
        awaitRecorded(start, 2);
    }

    @Test
    void bulkRequestIsAcceptedForHistoryAndNoDataForTheFuture() throws Exception {
        int start = pge.journal().requests().size();
        Instant today = clientClock.instant().truncatedTo(ChronoUnit.DAYS);
        try (ShareMyDataClient client = client()) {
            assertThat(client.requestBulk(pge.bulkId(), new TimeWindow(today.minus(Duration.ofDays(3)), today.minus(Duration.ofDays(2)))))
                    .isEqualTo(BulkAnswer.ACCEPTED);
            assertThat(client.requestBulk(pge.bulkId(), new TimeWindow(today.plus(Duration.ofDays(400)), today.plus(Duration.ofDays(401)))))
                    .isEqualTo(BulkAnswer.NO_DATA);
        }
        JournalEntry accepted = pge.journal().awaitRequest(e -> e.status() == 202, Duration.ofSeconds(10)).orElseThrow();
        assertThat(accepted.query()).matches("published-min=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ&published-max=.*Z");
        awaitRecorded(start, 3);
    }

    @Test
    void readsServiceStatusAndDiscoversTheBulkId() throws Exception {
        int start = pge.journal().requests().size();
        try (ShareMyDataClient client = client()) {
            assertThat(client.serviceStatus()).isEqualTo(1);
            pge.faults().serviceStatus(0);
            assertThat(client.serviceStatus()).isZero();
            assertThat(client.authorizations()).extracting(a -> a.bulkId()).containsOnly(pge.bulkId());
        }
        awaitRecorded(start, 4);
    }

    @Test
    void unknownBulkIdIsNotFound() throws Exception {
        int start = pge.journal().requests().size();
        Instant today = clientClock.instant().truncatedTo(ChronoUnit.DAYS);
        try (ShareMyDataClient client = client()) {
            assertThatThrownBy(() -> client.requestBulk("99999", new TimeWindow(today.minus(Duration.ofDays(2)), today)))
                    .isInstanceOfSatisfying(ShareMyDataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
        }
        awaitRecorded(start, 2);
    }

    @Test
    void fetchRefusesEveryUrlOutsideTheResourceBase() throws Exception {
        URI base = URI.create(pge.resourceBase());
        List<URI> foreign = List.of(
                URI.create("https://api.pge.com.example.net" + base.getPath() + "/Batch/Bulk/50098?correlationID=1"),
                URI.create("https://" + base.getHost() + ":1" + base.getPath() + "/Batch/Bulk/50098?correlationID=1"),
                URI.create("http://" + base.getAuthority() + base.getPath() + "/Batch/Bulk/50098"),
                URI.create("https://" + base.getAuthority() + "/datacustodian/oauth/v2/token"),
                URI.create("https://" + base.getAuthority() + base.getPath() + "/../../../admin"),
                URI.create("https://user@" + base.getAuthority() + base.getPath() + "/Batch/Bulk/50098"));
        int before = pge.journal().requests().size();
        try (ShareMyDataClient client = client()) {
            for (URI url : foreign) {
                assertThatThrownBy(() -> client.fetch(url, ShareMyDataClientIT::count))
                        .as(url.toString())
                        .isInstanceOfSatisfying(ShareMyDataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REFUSED_URL));
            }
            assertThat(client.fetch(URI.create(pge.resourceBase() + "/DownloadSampleData"), ShareMyDataClientIT::count)).isPositive();
        }
        // only the token request and the one good fetch reached the mock
        assertThat(pge.journal().awaitRequests(before + 2, Duration.ofSeconds(10)).subList(before, before + 2))
                .extracting(JournalEntry::path).containsExactly(TOKEN_PATH, base.getPath() + "/DownloadSampleData");
    }
}
