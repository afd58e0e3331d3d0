package dev.metertap.collector.sink;

import dev.metertap.collector.reading.Point;

import java.util.function.Consumer;

/** What a sink acknowledged in earlier runs: the stored points up to its cursor. */
@FunctionalInterface
public interface DeliveredPoints {

    /** Streams the delivered points of {@code measurement}, in no particular order. */
    void scan(String measurement, Consumer<Point> consumer);
}
