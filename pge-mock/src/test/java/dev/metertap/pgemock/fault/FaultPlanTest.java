package dev.metertap.pgemock.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metertap.certs.Fingerprint;
import dev.metertap.pgemock.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    private static final Fingerprint CLIENT = new Fingerprint("a1".repeat(32));
    private static final Fingerprint OTHER_CLIENT = new Fingerprint("b2".repeat(32));

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-05T12:00:00Z"));
    private final FaultPlan faults = new FaultPlan(clock);

    @Test
    void admitsEverythingWithoutFaults() {
        for (int i = 0; i < 10; i++) {
            assertThat(faults.admit(CLIENT)).isEmpty();
        }
    }

    @Test
    void rateLimitAllowsOneRequestPerSecond() {
        faults.rateLimit(new RateLimit(503, "slow down"));
        assertThat(faults.admit(CLIENT)).isEmpty();
        assertThat(faults.admit(CLIENT)).contains(new FaultPlan.ForcedAnswer(503, "slow down"));
        clock.advance(Duration.ofMillis(999));
        assertThat(faults.admit(CLIENT)).isPresent();
        clock.advance(Duration.ofMillis(1));
        assertThat(faults.admit(CLIENT)).isEmpty();
    }

    @Test
    void hourlyQuotaRefusesUntilTheNextWholeUtcHour() {
        faults.quotas(new Quota(2, Duration.ofHours(1), 503, "quota"));
        clock.advance(Duration.ofMinutes(30));
        assertThat(faults.admit(CLIENT)).isEmpty();
        assertThat(faults.admit(CLIENT)).isEmpty();
        assertThat(faults.admit(CLIENT)).contains(new FaultPlan.ForcedAnswer(503, "quota"));
        clock.advance(Duration.ofMinutes(29).plusSeconds(59));
        assertThat(faults.admit(CLIENT)).as("12:59:59, same fixed window").isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(faults.admit(CLIENT)).as("13:00:00, a new window").isEmpty();
    }

    @Test
    void quotasCountEachClientApart() {
        faults.quotas(Quota.perHour(1));
        assertThat(faults.admit(CLIENT)).isEmpty();
        assertThat(faults.admit(CLIENT)).isPresent();
        assertThat(faults.admit(OTHER_CLIENT)).isEmpty();
    }

    @Test
    void aRequestRefusedByTheRateLimitDoesNotCountAgainstTheQuota() {
        faults.rateLimit(RateLimit.tooManyRequests()).quotas(new Quota(2, Duration.ofHours(1), 429, "quota"));
        assertThat(faults.admit(CLIENT)).isEmpty();
        assertThat(faults.admit(CLIENT)).contains(new FaultPlan.ForcedAnswer(429, "Too Many Requests"));
        clock.advance(Duration.ofSeconds(1));
        assertThat(faults.admit(CLIENT)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(faults.admit(CLIENT)).contains(new FaultPlan.ForcedAnswer(429, "quota"));
    }

    @Test
    void errorBurstFailsTheFirstRequestsOfEachCycle() {
        faults.errorBurst(new ErrorBurst(4, 2, 502));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(faults.admit(CLIENT).map(FaultPlan.ForcedAnswer::status).orElse(200));
        }
        assertThat(statuses).containsExactly(502, 502, 200, 200, 502, 502, 200, 200);
    }

    @Test
    void failNextCountsDown() {
        faults.failNext(2, 500);
        assertThat(faults.admit(CLIENT)).map(FaultPlan.ForcedAnswer::status).contains(500);
        assertThat(faults.admit(CLIENT)).map(FaultPlan.ForcedAnswer::status).contains(500);
        assertThat(faults.admit(CLIENT)).isEqualTo(Optional.empty());
    }

    @Test
    void errorBurstRejectsNonsense() {
        assertThatThrownBy(() -> new ErrorBurst(2, 3, 503)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ErrorBurst(5, 1, 404)).hasMessageContaining("5xx");
    }

    @Test
    void largestBulkWindowRefusesOnlyLongerWindows() {
        assertThat(faults.refuseBulkWindow(Duration.ofDays(3650))).as("off by default").isEmpty();
        faults.largestBulkWindow(BulkWindowLimit.of(Duration.ofDays(20)));
        assertThat(faults.refuseBulkWindow(Duration.ofDays(20))).isEmpty();
        assertThat(faults.refuseBulkWindow(Duration.ofDays(20).plusSeconds(1)))
                .contains(new FaultPlan.ForcedAnswer(413, "Date range too large"));
        assertThatThrownBy(() -> new BulkWindowLimit(Duration.ZERO, 413, "x")).hasMessageContaining("positive");
        assertThatThrownBy(() -> new BulkWindowLimit(Duration.ofDays(1), 202, "x")).hasMessageContaining("4xx or 5xx");
    }

    @Test
    void clearRemovesEveryFault() {
        faults.rateLimit(RateLimit.tooManyRequests()).quotas(Quota.perHour(1), Quota.perDay(1)).failNext(3, 503).serviceStatus(0).emptyFeeds(true)
                .notification(NotificationFault.NEVER).slowResponses(Duration.ofSeconds(1))
                .largestBulkWindow(BulkWindowLimit.of(Duration.ofDays(1)));
        faults.clear();
        assertThat(faults.refuseBulkWindow(Duration.ofDays(365))).isEmpty();
        assertThat(faults.admit(CLIENT)).isEmpty();
        assertThat(faults.admit(CLIENT)).isEmpty();
        assertThat(faults.serviceStatus()).isEqualTo(1);
        assertThat(faults.emptyFeeds()).isFalse();
        assertThat(faults.notification()).isEqualTo(NotificationFault.NONE);
        assertThat(faults.slowResponses()).isZero();
    }
}
