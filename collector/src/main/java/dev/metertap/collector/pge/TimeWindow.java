package dev.metertap.collector.pge;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A half-open span of time {@code [from, to)}: a bulk request's window, a clip, a gap. */
public record TimeWindow(Instant from, Instant to) {

    public TimeWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a window must end after it starts: " + from + " .. " + to);
        }
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && instant.isBefore(to);
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** Consecutive windows of at most {@code size} covering this one. */
    public List<TimeWindow> split(Duration size) {
        List<TimeWindow> parts = new ArrayList<>();
        for (Instant start = from; start.isBefore(to); start = start.plus(size)) {
            Instant end = start.plus(size);
            parts.add(new TimeWindow(start, end.isAfter(to) ? to : end));
        }
        return parts;
    }

    @Override
    public String toString() {
        return from + ".." + to;
    }
}
