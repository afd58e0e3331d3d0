package dev.metertap.pgemock.bulk;

import java.time.Instant;

/** What one notified URL delivers: one usage point's feed over the requested window. */
public record BulkDelivery(String correlationId, String usagePointId, Instant from, Instant to) {
}
