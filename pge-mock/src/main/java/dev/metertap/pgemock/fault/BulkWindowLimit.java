package dev.metertap.pgemock.fault;

import java.time.Duration;

/**
 * The longest window a bulk request may ask for, and the answer to one longer. PG&E documents no limit; clients
 * that ask for large windows halve them when refused, so the mock can refuse. The default answer (413, a short
 * plain body) is inferred, not documented.
 */
public record BulkWindowLimit(Duration longest, int status, String body) {

    public BulkWindowLimit {
        if (longest.isNegative() || longest.isZero()) {
            throw new IllegalArgumentException("the longest bulk window must be positive");
        }
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a refused bulk window is answered 4xx or 5xx, not " + status);
        }
    }

    /** Windows longer than {@code longest} are answered 413 {@code Date range too large}. */
    public static BulkWindowLimit of(Duration longest) {
        return new BulkWindowLimit(longest, 413, "Date range too large");
    }

    public boolean refuses(Duration window) {
        return window.compareTo(longest) > 0;
    }
}
