package dev.metertap.collector.sink;

import dev.metertap.collector.store.Batch;

/** Somewhere points go: InfluxDB, stdout… A sink is used by one forwarder thread at a time. */
public interface Sink extends AutoCloseable {

    /** The name in the configuration; also the name of its cursor in the store. */
    String name();

    /**
     * Delivers {@code batch} and returns only once the destination has acknowledged it. Sending the
     * same batch again must be harmless (InfluxDB overwrites a point with the same series and time).
     *
     * @throws SinkException when it was not delivered; {@link SinkException#retryable()} says whether trying later may help
     */
    void send(Batch batch) throws SinkException;

    /**
     * Called once on the forwarder's thread before {@link #start()}, with what this sink acknowledged in earlier runs:
     * for a sink whose next message must not contradict one it already published (the MQTT sink's counters).
     */
    default void resume(DeliveredPoints delivered) {
    }

    /** Called once on the forwarder's thread before the first batch: a sink that keeps a connection opens it here. */
    default void start() {
    }

    @Override
    default void close() {
    }
}
