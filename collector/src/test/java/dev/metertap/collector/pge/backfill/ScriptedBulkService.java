package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.client.BulkAnswer;
import dev.metertap.collector.pge.espi.Authorization;
import dev.metertap.collector.reading.IntervalReading;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A Share My Data stand-in for orchestration tests: hourly electric readings for each usage point, over-inclusive
 * by whole UTC days like PG&E, one notified resource per usage point, with scripted refusals and lost answers.
 */
final class ScriptedBulkService implements BulkService {

    static final String BULK_ID = "50098";

    private final List<String> usagePoints;
    private final ResourceInbox inbox;
    private final Map<URI, TimeWindow> windows = new ConcurrentHashMap<>();
    private final Map<URI, String> owners = new ConcurrentHashMap<>();
    final List<TimeWindow> requested = Collections.synchronizedList(new ArrayList<>());
    final List<URI> fetchedResources = Collections.synchronizedList(new ArrayList<>());
    Duration largestAccepted = Duration.ofDays(10_000);
    Instant dataFrom = Instant.EPOCH;
    int notificationsToLose;
    final List<URI> heldBack = new ArrayList<>();
    int answersToHoldBack;
    /** Windows whose every notification is lost. */
    final Set<TimeWindow> alwaysLost = ConcurrentHashMap.newKeySet();
    /** Every answer is held back until this many requests were made, then all are delivered, the latest first. */
    int answersHeldUntilRequests;

    ScriptedBulkService(List<String> usagePoints, ResourceInbox inbox) {
        this.usagePoints = usagePoints;
        this.inbox = inbox;
    }

    @Override
    public List<Authorization> authorizations() {
        return List.of(new Authorization("https://api.example/Batch/Bulk/" + BULK_ID, BULK_ID, usagePoints));
    }

    @Override
    public BulkAnswer requestBulk(String bulkId, TimeWindow window) {
        requested.add(window);
        if (window.length().compareTo(largestAccepted) > 0) {
            return BulkAnswer.TOO_LARGE;
        }
        if (!window.to().isAfter(dataFrom)) {
            return BulkAnswer.NO_DATA;
        }
        List<URI> resources = new ArrayList<>();
        for (String usagePoint : usagePoints) {
            URI resource = URI.create("fake://bulk/" + BULK_ID + "?correlationID=" + windows.size() + "-" + usagePoint);
            windows.put(resource, window);
            owners.put(resource, usagePoint);
            resources.add(resource);
        }
        if (alwaysLost.contains(window)) {
            return BulkAnswer.ACCEPTED;
        }
        if (answersHeldUntilRequests > 0) {
            heldBack.addAll(0, resources);
            if (requested.size() >= answersHeldUntilRequests) {
                answersHeldUntilRequests = 0;
                deliverHeldBack();
            }
            return BulkAnswer.ACCEPTED;
        }
        if (notificationsToLose > 0) {
            notificationsToLose--;
        } else if (answersToHoldBack > 0) {
            answersToHoldBack--;
            heldBack.addAll(resources);
        } else {
            resources.forEach(inbox::offer);
        }
        return BulkAnswer.ACCEPTED;
    }

    /** Delivers the answers held back so far, as a late notification would. */
    void deliverHeldBack() {
        heldBack.forEach(inbox::offer);
        heldBack.clear();
    }

    @Override
    public void fetch(URI resource, TimeWindow clip, Consumer<IntervalReading> sink) {
        fetchedResources.add(resource);
        TimeWindow window = windows.get(resource);
        Instant from = window.from().truncatedTo(ChronoUnit.DAYS);
        Instant to = window.to().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        for (Instant start = from; start.isBefore(to); start = start.plus(Duration.ofHours(1))) {
            if (clip.contains(start) && !start.isBefore(dataFrom)) {
                sink.accept(reading(owners.get(resource), start));
            }
        }
    }

    static IntervalReading reading(String usagePoint, Instant start) {
        BigDecimal value = BigDecimal.valueOf(start.getEpochSecond() % 9973, 3);
        return new IntervalReading(usagePoint, IntervalReading.Commodity.ELECTRICITY, IntervalReading.Flow.DELIVERED,
                IntervalReading.Unit.KWH, 3600, start, value, 17, null, 1);
    }
}
