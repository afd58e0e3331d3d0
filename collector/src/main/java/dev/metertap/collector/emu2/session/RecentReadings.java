package dev.metertap.collector.emu2.session;

import dev.metertap.collector.reading.Point;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The device repeats cached readings: a reading whose (series, meter, device time) was delivered
 * recently is a repeat. Bounded: the oldest keys are forgotten (the store's idempotent upsert
 * catches anything older).
 */
final class RecentReadings {

    private final Map<String, Boolean> seen;

    RecentReadings(int capacity) {
        this.seen = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time a point's identity is seen. */
    boolean firstTime(Point point) {
        String key = point.measurement() + point.tags() + point.epochSecond();
        return seen.put(key, Boolean.TRUE) == null;
    }
}
