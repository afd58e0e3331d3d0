package dev.metertap.collector.pge.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Spaces requests at least {@code interval} apart on the injected clock (PG&E: 1 request/s per vendor), counted from
 * the answer to the one before: the server counts arrivals, and a request's time on the way varies (a new TLS
 * connection takes longer than a reused one), so requests sent exactly 1 s apart can arrive closer and be refused.
 */
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

    /** The request let go last was answered (or failed): the next one waits {@code interval} from now. */
    synchronized void answered() {
        Instant now = clock.instant().plus(interval);
        if (next == null || now.isAfter(next)) {
            next = now;
        }
    }
}
