package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.reading.IntervalReading;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** What one fetched resource held, per usage point: the span its intervals cover tells which request it answered. */
final class ResourceTally implements Consumer<IntervalReading> {

    private final Consumer<IntervalReading> next;
    private final Map<String, Instant> earliest = new HashMap<>();
    private final Map<String, Instant> latestEnd = new HashMap<>();
    private long readings;

    ResourceTally(Consumer<IntervalReading> next) {
        this.next = next;
    }

    @Override
    public void accept(IntervalReading reading) {
        earliest.merge(reading.usagePoint(), reading.start(), (a, b) -> a.isBefore(b) ? a : b);
        latestEnd.merge(reading.usagePoint(), reading.start().plusSeconds(reading.intervalSeconds()), (a, b) -> a.isAfter(b) ? a : b);
        readings++;
        next.accept(reading);
    }

    long readings() {
        return readings;
    }

    Set<String> usagePoints() {
        return earliest.keySet();
    }

    Instant earliest(String usagePoint) {
        return earliest.get(usagePoint);
    }

    /** The end of the usage point's last interval. */
    Instant latestEnd(String usagePoint) {
        return latestEnd.get(usagePoint);
    }
}
