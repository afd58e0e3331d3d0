package dev.metertap.collector.pge.notify;

import java.time.Instant;

/**
 * A notification, or one URL in it, that the receiver did not follow.
 *
 * @param reason a short stable word: {@code oversized}, {@code malformed}, {@code foreign-url}, {@code not-post}
 * @param detail plain words for a person
 */
public record RefusedNotification(Instant at, String reason, String detail) {

    public static final String OVERSIZED = "oversized";
    public static final String MALFORMED = "malformed";
    public static final String FOREIGN_URL = "foreign-url";
    public static final String NOT_POST = "not-post";
}
