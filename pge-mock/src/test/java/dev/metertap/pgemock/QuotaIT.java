package dev.metertap.pgemock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metertap.certs.CertificateAuthority;
import dev.metertap.certs.Identity;
import dev.metertap.pgemock.fault.Quota;
import dev.metertap.pgemock.fault.RateLimit;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * PG&E's hourly and daily per-client quotas over real mutual TLS, on a manual clock that each test
 * starts at a whole UTC hour (the windows are fixed, aligned on UTC hours and days).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuotaIT {

    private final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)));
    private PgeMock pge;
    private HttpClient client;
    private String status;

    @BeforeAll
    void start() {
        // tokens outlive every window a test crosses, so only the quotas refuse
        pge = new PgeMock(PgeMockOptions.defaults().clock(clock).tokenLifetime(Duration.ofDays(30))).start();
        client = HttpClients.issuerAgnostic(pge.clientIdentity(), pge.serverCa());
        status = pge.resourceBase() + "/ReadServiceStatus";
    }

    @AfterAll
    void stop() {
        pge.close();
    }

    @BeforeEach
    void startAtAWholeHour() {
        advanceToTheNext(ChronoUnit.HOURS);
    }

    private void advanceToTheNext(ChronoUnit unit) {
        Instant now = clock.instant();
        clock.advance(Duration.between(now, now.truncatedTo(unit).plus(1, unit)));
    }

    @AfterEach
    void clearFaults() {
        pge.faults().clear();
    }

    @Test
    void hourlyQuotaRefusesWithTheConfiguredAnswerUntilTheHourHasPassed() throws Exception {
        pge.faults().quotas(new Quota(3, Duration.ofHours(1), 503, "Quota Exceeded"));
        String token = token(client); // the token request counts too

        assertThat(HttpClients.get(client, status, token).statusCode()).isEqualTo(200);
        assertThat(HttpClients.get(client, status, token).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = HttpClients.get(client, status, token);
        clock.advance(Duration.ofMinutes(59).plusSeconds(59));
        HttpResponse<String> lastSecondOfTheHour = HttpClients.get(client, status, token);
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> nextHour = HttpClients.get(client, status, token);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).isEqualTo("Quota Exceeded");
        assertThat(lastSecondOfTheHour.statusCode()).isEqualTo(503);
        assertThat(nextHour.statusCode()).isEqualTo(200);
    }

    @Test
    void dailyQuotaRefusesAcrossHoursUntilTheNextUtcDay() throws Exception {
        // at midnight UTC, so that an hour later is the same day whatever the time of day the test runs at
        advanceToTheNext(ChronoUnit.DAYS);
        pge.faults().quotas(Quota.perHour(100), Quota.perDay(2));
        String token = token(client);

        assertThat(HttpClients.get(client, status, token).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = HttpClients.get(client, status, token);
        clock.advance(Duration.ofHours(1));
        HttpResponse<String> anHourLater = HttpClients.get(client, status, token);
        advanceToTheNext(ChronoUnit.DAYS);
        HttpResponse<String> nextDay = HttpClients.get(client, status, token);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).isEqualTo("Too Many Requests");
        assertThat(anHourLater.statusCode()).isEqualTo(429);
        assertThat(nextDay.statusCode()).isEqualTo(200);
    }

    @Test
    void theOneRequestPerSecondLimitStillAppliesAndItsRefusalsDoNotCount() throws Exception {
        pge.faults().rateLimit(RateLimit.tooManyRequests()).quotas(new Quota(3, Duration.ofHours(1), 429, "Quota Exceeded"));
        String token = token(client);

        HttpResponse<String> sameSecond = HttpClients.get(client, status, token);
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> second = HttpClients.get(client, status, token);
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> third = HttpClients.get(client, status, token);
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> overQuota = HttpClients.get(client, status, token);

        assertThat(sameSecond.body()).isEqualTo("Too Many Requests");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(third.statusCode()).as("the refused request was not counted").isEqualTo(200);
        assertThat(overQuota.statusCode()).isEqualTo(429);
        assertThat(overQuota.body()).isEqualTo("Quota Exceeded");
    }

    @Test
    void eachRegisteredCertificateHasItsOwnCount() throws Exception {
        Identity second = CertificateAuthority.create("metertap second self-access root").issueClient("second self-access client");
        pge.register(second.certificate());
        HttpClient secondClient = HttpClients.issuerAgnostic(second, pge.serverCa());
        pge.faults().quotas(Quota.perHour(2));

        String token = token(client);
        assertThat(HttpClients.get(client, status, token).statusCode()).isEqualTo(200);
        assertThat(HttpClients.get(client, status, token).statusCode()).isEqualTo(429);
        String secondToken = token(secondClient);
        assertThat(HttpClients.get(secondClient, status, secondToken).statusCode()).isEqualTo(200);
        assertThat(HttpClients.get(secondClient, status, secondToken).statusCode()).isEqualTo(429);
    }

    private String token(HttpClient httpClient) throws Exception {
        return HttpClients.token(HttpClients.postToken(httpClient, pge.tokenUrl(), pge.credentials().clientId(),
                pge.credentials().clientSecret(), "grant_type=client_credentials"));
    }
}
