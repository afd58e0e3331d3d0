package dev.metertap.collector.pge.notify;

import java.net.URI;
import java.time.Instant;

/** A resource URL from a notification that passed every check: under the PG&E base, seen for the first time. */
public record NotifiedResource(URI url, String correlationId, Instant receivedAt) {
}
