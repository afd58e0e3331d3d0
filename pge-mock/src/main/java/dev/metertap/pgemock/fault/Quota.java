package dev.metertap.pgemock.fault;

import java.time.Duration;

/**
 * A per-client quota, PG&E's 2,000 requests an hour and 20,000 a day, and the answer over it (PG&E
 * documents no Retry-After). Counted in fixed windows aligned on the epoch, so whole UTC hours and
 * days: PG&E documents neither fixed nor sliding windows, and fixed ones are the simpler.
 */
public record Quota(int requests, Duration window, int status, String body) {

    public Quota {
        if (requests < 1) {
            throw new IllegalArgumentException("a quota allows at least 1 request");
        }
        if (window.toSeconds() < 1) {
            throw new IllegalArgumentException("a quota's window is at least one second");
        }
    }

    public static Quota perHour(int requests) {
        return new Quota(requests, Duration.ofHours(1), 429, "Too Many Requests");
    }

    public static Quota perDay(int requests) {
        return new Quota(requests, Duration.ofDays(1), 429, "Too Many Requests");
    }
}
