package dev.metertap.pgemock.bulk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Accepted bulk requests, by the correlationID of each notified URL. */
public final class BulkDeliveries {

    /** PG&E adds a URL with this correlationID since 2026; clients must skip it. */
    public static final String PLACEHOLDER_CORRELATION_ID = "000000000-b";

    private final Map<String, BulkDelivery> byCorrelationId = new ConcurrentHashMap<>();

    /** One delivery per usage point, each with its own correlationID. */
    public List<BulkDelivery> accept(List<String> usagePointIds, Instant from, Instant to) {
        List<BulkDelivery> deliveries = new ArrayList<>();
        for (String usagePointId : usagePointIds) {
            BulkDelivery delivery = new BulkDelivery(UUID.randomUUID().toString(), usagePointId, from, to);
            byCorrelationId.put(delivery.correlationId(), delivery);
            deliveries.add(delivery);
        }
        return deliveries;
    }

    public Optional<BulkDelivery> find(String correlationId) {
        return Optional.ofNullable(byCorrelationId.get(correlationId));
    }
}
