package dev.metertap.collector.store;

import dev.metertap.collector.reading.LineProtocol;
import dev.metertap.collector.reading.Point;
import dev.metertap.collector.reading.Tag;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which points to read: a measurement (or all), tags that must match (meter, usage point…), and a
 * time range {@code [from, to)}.
 */
public record PointQuery(String measurement, Map<String, String> tags, Instant from, Instant to) {

    public PointQuery {
        tags = Map.copyOf(tags);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("'from' (" + from + ") must be before 'to' (" + to + ")");
        }
    }

    public static PointQuery everything() {
        return new PointQuery(null, Map.of(), Instant.EPOCH, Instant.parse("9999-12-31T23:59:59Z"));
    }

    /**
     * A series key as in line protocol, {@code emu2_demand} or {@code emu2_demand,meter=0x00135001},
     * over {@code [from, to)}.
     */
    public static PointQuery series(String seriesKey, Instant from, Instant to) {
        Point parsed;
        try {
            parsed = LineProtocol.decode(seriesKey + " x=0i 0");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad series '" + seriesKey + "': expected measurement[,tag=value…]");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag tag : parsed.tags()) {
            tags.put(tag.key(), tag.value());
        }
        return new PointQuery(parsed.measurement(), tags, from, to);
    }
}
