package dev.metertap.collector.reading;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A line-protocol point. Tags and fields keep the data model's order, so output is stable and
 * matches the README. Its identity (for de-duplication) is measurement, tags and time.
 */
public record Point(String measurement, List<Tag> tags, List<Field> fields, Instant time) {

    public Point {
        Objects.requireNonNull(measurement, "measurement");
        Objects.requireNonNull(time, "time");
        tags = List.copyOf(tags);
        fields = List.copyOf(fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a point needs at least one field: " + measurement);
        }
    }

    /** Seconds since the Unix epoch: the data model's precision. */
    public long epochSecond() {
        return time.getEpochSecond();
    }
}
