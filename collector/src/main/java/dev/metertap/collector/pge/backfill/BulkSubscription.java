package dev.metertap.collector.pge.backfill;

import java.util.List;
import java.util.Objects;

/** What a backfill asks for: the Bulk ID of the self-access authorization and the usage points it covers. */
public record BulkSubscription(String bulkId, List<String> usagePoints) {

    public BulkSubscription {
        Objects.requireNonNull(bulkId, "bulkId");
        usagePoints = List.copyOf(usagePoints);
        if (usagePoints.isEmpty()) {
            throw new IllegalArgumentException("a backfill needs at least one usage point");
        }
    }
}
