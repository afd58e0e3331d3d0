package dev.metertap.pgemock.journal;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * One notification POST the mock made.
 *
 * @param status the receiver's HTTP status, or -1 when the POST failed
 * @param error  why it failed, empty otherwise
 */
public record NotificationRecord(Instant at, URI target, List<String> resources, int status, String error) {
}
