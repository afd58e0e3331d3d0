package dev.metertap.collector.pge.backfill;

import java.time.Duration;

/**
 * How a backfill paces itself.
 *
 * @param windowSize          the largest window requested at once (PG&E refusals split it further)
 * @param notificationTimeout how long to wait for a request's notifications before asking again
 * @param attempts            requests per window, the first one included
 * @param requestsInFlight    bulk requests awaiting their notifications at once (1: one after another)
 */
public record BackfillSettings(Duration windowSize, Duration notificationTimeout, int attempts, int requestsInFlight) {

    /**
     * Enough for 48 months at the default window size (5 windows) and a few halves to wait together: PG&E takes
     * minutes to notify, and the waits, not the requests, are what a backfill spends its time on.
     */
    public static final int DEFAULT_REQUESTS_IN_FLIGHT = 8;

    /** Large windows keep a 48-month backfill to a few requests; PG&E notifies within about 2 minutes. */
    public static final BackfillSettings DEFAULTS = new BackfillSettings(Duration.ofDays(365), Duration.ofMinutes(3), 3);

    public BackfillSettings {
        if (windowSize.compareTo(Backfill.MIN_WINDOW) < 0) {
            throw new IllegalArgumentException("the window size must be at least " + Backfill.MIN_WINDOW.toDays() + " days");
        }
        if (notificationTimeout.isNegative() || notificationTimeout.isZero()) {
            throw new IllegalArgumentException("the notification timeout must be positive");
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        if (requestsInFlight < 1) {
            throw new IllegalArgumentException("requests in flight must be at least 1");
        }
    }

    /** With {@link #DEFAULT_REQUESTS_IN_FLIGHT} requests in flight. */
    public BackfillSettings(Duration windowSize, Duration notificationTimeout, int attempts) {
        this(windowSize, notificationTimeout, attempts, DEFAULT_REQUESTS_IN_FLIGHT);
    }

    public BackfillSettings withNotificationTimeout(Duration timeout) {
        return new BackfillSettings(windowSize, timeout, attempts, requestsInFlight);
    }

    public BackfillSettings withWindowSize(Duration size) {
        return new BackfillSettings(size, notificationTimeout, attempts, requestsInFlight);
    }

    public BackfillSettings withRequestsInFlight(int requests) {
        return new BackfillSettings(windowSize, notificationTimeout, attempts, requests);
    }
}
