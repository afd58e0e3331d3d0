package dev.metertap.collector.store;

import java.time.Instant;
import java.util.List;

/** What the store holds: points per measurement, each sink's backlog, the file's size. */
public record StoreStats(long points, long fileBytes, int schemaVersion,
                         List<MeasurementStats> measurements, List<SinkBacklog> sinks) {

    public record MeasurementStats(String measurement, long points, Instant first, Instant last) {
    }

    /** A sink's durable cursor and how many stored points it has not yet acknowledged. */
    public record SinkBacklog(String sink, long cursor, long pending) {
    }
}
