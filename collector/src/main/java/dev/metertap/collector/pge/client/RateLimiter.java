package dev.metertap.collector.pge.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Spaces requests at least {@code interval} apart on the injected clock (PG&E: 1 request/s per vendor). */
final class RateLimiter {

    private final Duration interval;
    private final Clock clock;
    private final Pause pause;
    private Instant next;

    RateLimiter(Duration interval, Clock clock, Pause pause) {
        this.interval = interval;
        this.clock = clock;
        this.pause = pause;
    }

    /** Returns when the next request may go. */
    synchronized void acquire() throws InterruptedException {
        Instant now = clock.instant();
        while (next != null && now.isBefore(next)) {
            pause.pause(Duration.between(now, next));
            now = clock.instant();
        }
        next = now.plus(interval);
    }
}
