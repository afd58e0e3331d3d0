package dev.metertap.collector.pge.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metertap.pgemock.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void spacesRequestsByTheIntervalOnItsClock() throws InterruptedException {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-23T08:00:00Z"));
        List<Duration> pauses = new ArrayList<>();
        RateLimiter limiter = new RateLimiter(Duration.ofSeconds(1), clock, d -> {
            pauses.add(d);
            clock.advance(d);
        });
        List<Instant> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            limiter.acquire();
            sent.add(clock.instant());
            clock.advance(Duration.ofMillis(300)); // the request itself takes a while
        }
        assertThat(sent).containsExactly(Instant.parse("2026-11-23T08:00:00Z"), Instant.parse("2026-11-23T08:00:01Z"),
                Instant.parse("2026-11-23T08:00:02Z"), Instant.parse("2026-11-23T08:00:03Z"));
        assertThat(pauses).containsOnly(Duration.ofMillis(700));
    }

    @Test
    void doesNotWaitWhenTheIntervalHasAlreadyPassed() throws InterruptedException {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-23T08:00:00Z"));
        RateLimiter limiter = new RateLimiter(Duration.ofSeconds(1), clock, d -> {
            throw new AssertionError("paused " + d);
        });
        limiter.acquire();
        clock.advance(Duration.ofSeconds(5));
        limiter.acquire();
    }

    @Test
    void countsTheIntervalFromTheAnswerSoASlowRequestCannotBringTheNextCloser() throws InterruptedException {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-23T08:00:00Z"));
        RateLimiter limiter = new RateLimiter(Duration.ofSeconds(1), clock, clock::advance);
        List<Instant> sent = new ArrayList<>();
        for (Duration onTheWay : List.of(Duration.ofMillis(400), Duration.ofMillis(50), Duration.ofMillis(900))) {
            limiter.acquire();
            sent.add(clock.instant());
            clock.advance(onTheWay);
            limiter.answered();
        }
        limiter.acquire();
        sent.add(clock.instant());
        assertThat(sent).containsExactly(Instant.parse("2026-11-23T08:00:00Z"), Instant.parse("2026-11-23T08:00:01.400Z"),
                Instant.parse("2026-11-23T08:00:02.450Z"), Instant.parse("2026-11-23T08:00:04.350Z"));
    }
}
