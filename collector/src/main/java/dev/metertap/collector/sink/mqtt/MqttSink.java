package dev.metertap.collector.sink.mqtt;

import dev.metertap.collector.reading.LineProtocol;
import dev.metertap.collector.reading.Point;
import dev.metertap.collector.reading.SummationReading;
import dev.metertap.collector.sink.DeliveredPoints;
import dev.metertap.collector.sink.Sink;
import dev.metertap.collector.sink.SinkException;
import dev.metertap.collector.store.Batch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Home Assistant over MQTT: each meter's latest state, retained, with its device discovery and availability.
 * Unlike the InfluxDB sinks it carries no history: a batch from the outbox updates the meters' state and the
 * changed state is published; a batch counts as delivered once the broker acknowledged every message of it.
 *
 * <p>All state lives on one worker thread, which also publishes, so that an older state can never overtake a
 * newer one: a batch, a (re)connection (which publishes everything again), Home Assistant's {@code online} (which
 * republishes discovery) and the {@code offline-after} check are tasks on it.
 */
public final class MqttSink implements Sink {

    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";

    private static final Logger log = LoggerFactory.getLogger(MqttSink.class);

    private final MqttSettings settings;
    private final MeterStates meters;
    /** Topic → the payload the broker last acknowledged there, to publish only changes; worker thread only. */
    private final Map<String, String> published = new HashMap<>();
    /** Open until the first connection: the first batch waits for it (up to {@code timeout}) instead of failing at once. */
    private final CountDownLatch firstConnection = new CountDownLatch(1);
    private ScheduledExecutorService worker;
    private MqttConnection connection;

    public MqttSink(MqttSettings settings, Clock clock) {
        this.settings = settings;
        this.meters = new MeterStates(clock, settings.offlineAfter());
    }

    @Override
    public String name() {
        return settings.sinkName();
    }

    /**
     * Learns the counters published in earlier runs, so that after a restart a summation below them (or 0) is still
     * not published. From the collector's store rather than the broker's retained state: the broker may have lost
     * its retained messages (no persistence, a new broker) while Home Assistant still counts from the last value, an
     * ACL may forbid reading them back, and MQTT has no marker for "all retained messages sent", so a publish could
     * race them; the store holds exactly what this sink acknowledged, up to its cursor.
     */
    @Override
    public synchronized void resume(DeliveredPoints delivered) {
        if (worker != null) {
            return;  // already publishing: too late to learn a floor
        }
        delivered.scan(SummationReading.MEASUREMENT, meters::restorePublished);
        if (meters.metersRestored() > 0) {
            log.info("sink '{}' will not publish a counter below the ones it published before, for {} meter(s)",
                    settings.sinkName(), meters.metersRestored());
        }
    }

    /** Connects (in the background, retrying with backoff) and starts the worker; idempotent. */
    @Override
    public synchronized void start() {
        if (worker != null) {
            return;
        }
        worker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mqtt-" + settings.sinkName());
            thread.setDaemon(true);
            return thread;
        });
        connection = new MqttConnection(settings, () -> {
            firstConnection.countDown();
            worker.execute(this::publishEverything);
        }, status -> {
            if (ONLINE.equals(status.strip())) {
                // Home Assistant (re)started: it forgot what was discovered unless the broker kept it
                worker.execute(this::publishEverything);
            }
        });
        connection.start();
        long period = Math.max(100, Math.min(settings.offlineAfter().toMillis() / 4, 10_000));
        worker.scheduleWithFixedDelay(this::publishAvailability, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void send(Batch batch) throws SinkException {
        start();
        awaitFirstConnection();
        List<Point> points = decode(batch);
        Future<Void> done = worker.submit(() -> {
            Set<String> changed = new LinkedHashSet<>();
            for (Point point : points) {
                changed.addAll(meters.apply(point));
            }
            if (!connection.isConnected()) {
                throw new SinkException("not connected to the MQTT broker " + settings.broker(), true);
            }
            List<Publication> publications = new ArrayList<>();
            for (String meter : changed) {
                publications.addAll(meterMessages(meters.meter(meter)));
            }
            awaitAll(publishChanges(publications));
            return null;
        });
        try {
            done.get(settings.timeout().multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SinkException sink) {
                throw sink;
            }
            throw new SinkException("publishing to " + settings.broker() + " failed: " + e.getCause().getMessage(), true, e.getCause());
        } catch (TimeoutException e) {
            throw new SinkException("the MQTT broker " + settings.broker() + " did not acknowledge within " + settings.timeout().toMillis() + " ms", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted while publishing to " + settings.broker(), true, e);
        }
    }

    private void awaitFirstConnection() throws SinkException {
        try {
            firstConnection.await(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted while connecting to " + settings.broker(), true, e);
        }
    }

    private List<Point> decode(Batch batch) {
        List<Point> points = new ArrayList<>(batch.size());
        for (String line : batch.body().split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            try {
                points.add(LineProtocol.decode(line));
            } catch (IllegalArgumentException e) {
                log.warn("sink '{}' skipped a stored point it cannot read: {}", settings.sinkName(), e.getMessage());
            }
        }
        return points;
    }

    /** A meter's discovery, state and availability: discovery first, so Home Assistant knows the state topic. */
    private List<Publication> meterMessages(MeterState meter) {
        return List.of(
                new Publication(settings.topics().discovery(meter.meter), HomeAssistantDiscovery.discovery(meter, meters, settings.topics(), settings.qos())),
                new Publication(settings.topics().state(meter.meter), HomeAssistantDiscovery.state(meter, meters)),
                new Publication(settings.topics().availability(meter.meter), meters.online(meter) ? ONLINE : OFFLINE));
    }

    /** After a (re)connection or Home Assistant's birth: the broker may have lost its retained messages, so all of them again. */
    private void publishEverything() {
        if (!connection.isConnected()) {
            return;  // the next connection does it
        }
        published.clear();
        List<Publication> publications = new ArrayList<>();
        publications.add(new Publication(settings.topics().collectorStatus(), ONLINE));
        for (MeterState meter : meters.meters()) {
            publications.addAll(meterMessages(meter));
        }
        try {
            awaitAll(publishChanges(publications));
        } catch (SinkException e) {
            log.warn("sink '{}' could not publish the current state: {}", settings.sinkName(), e.getMessage());
        }
    }

    /** A meter not heard from for {@code offline-after} becomes {@code offline} without any new batch. */
    private void publishAvailability() {
        if (!connection.isConnected()) {
            return;
        }
        List<Publication> publications = new ArrayList<>();
        for (MeterState meter : meters.meters()) {
            publications.add(new Publication(settings.topics().availability(meter.meter), meters.online(meter) ? ONLINE : OFFLINE));
        }
        try {
            awaitAll(publishChanges(publications));
        } catch (SinkException e) {
            log.debug("sink '{}' could not publish availability: {}", settings.sinkName(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("sink '{}' availability check failed: {}", settings.sinkName(), e.toString());  // keep the schedule alive
        }
    }

    private Map<Publication, CompletableFuture<?>> publishChanges(List<Publication> publications) {
        Map<Publication, CompletableFuture<?>> pending = new java.util.LinkedHashMap<>();
        for (Publication publication : publications) {
            if (!publication.payload().equals(published.get(publication.topic()))) {
                pending.put(publication, connection.publish(publication.topic(), publication.payload(), true));
            }
        }
        return pending;
    }

    private void awaitAll(Map<Publication, CompletableFuture<?>> pending) throws SinkException {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        for (Map.Entry<Publication, CompletableFuture<?>> entry : pending.entrySet()) {
            try {
                entry.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                published.put(entry.getKey().topic(), entry.getKey().payload());
            } catch (ExecutionException e) {
                published.remove(entry.getKey().topic());
                throw new SinkException("the MQTT broker " + settings.broker() + " did not take a message on "
                        + entry.getKey().topic() + ": " + e.getCause().getMessage(), true, e.getCause());
            } catch (TimeoutException e) {
                published.remove(entry.getKey().topic());
                throw new SinkException("the MQTT broker " + settings.broker() + " did not acknowledge within "
                        + settings.timeout().toMillis() + " ms", true, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SinkException("interrupted while publishing to " + settings.broker(), true, e);
            }
        }
    }

    /** Says {@code offline} for the collector and disconnects; the broker keeps the last state (retained). */
    @Override
    public synchronized void close() {
        if (worker == null) {
            return;
        }
        worker.shutdown();
        try {
            worker.awaitTermination(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }

    @Override
    public String toString() {
        return "MqttSink[" + settings.sinkName() + " → " + settings.broker() + "]";
    }

    private record Publication(String topic, String payload) {
    }
}
