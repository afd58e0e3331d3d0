package dev.metertap.collector.pge.espi;

import java.util.List;
import java.util.Objects;

/**
 * One {@code espi:Authorization}: where to ask for bulk data.
 *
 * @param resourceUri   {@code …/Batch/Bulk/{BulkID}} as sent
 * @param bulkId        the BulkID, the last path segment of {@code resourceUri}
 * @param usagePointIds the usage points its entry relates to; empty when the entry names none
 */
public record Authorization(String resourceUri, String bulkId, List<String> usagePointIds) {
    public Authorization {
        Objects.requireNonNull(resourceUri, "resourceUri");
        Objects.requireNonNull(bulkId, "bulkId");
        usagePointIds = List.copyOf(usagePointIds);
    }
}
