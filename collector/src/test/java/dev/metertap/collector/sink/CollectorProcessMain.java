package dev.metertap.collector.sink;

import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.store.Store;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A stand-in collector for {@link CrashRecoveryIT}, run in a child JVM: stores demand readings
 * {@code from..to-1} one commit each, printing {@code STORED i} once reading {@code i} is
 * committed, while forwarding to InfluxDB; then prints {@code DELIVERED} once InfluxDB has all.
 */
public final class CollectorProcessMain {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    static DemandReading reading(int i) {
        // a deterministic, varied value per index: what was stored can be recomputed by the test
        return new DemandReading("0xd8d5b9000000a1b2", "0x00135001000c3f4e", T0.plusSeconds(4L * i),
                BigDecimal.valueOf((i * 7919L) % 12_000 - 3_000, 3));
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        URI influx = URI.create(args[1]);
        String database = args[2];
        int from = Integer.parseInt(args[3]);
        int to = Integer.parseInt(args[4]);
        try (Store store = Store.open(db);
             Forwarder forwarder = new Forwarder(store,
                     InfluxSink.v1("influx", influx, database, null, null, null, Duration.ofSeconds(5)),
                     new Batching(200, 1 << 20, Duration.ofMillis(10)), new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)))) {
            forwarder.start();
            for (int i = from; i < to; i++) {
                store.append(reading(i));
                System.out.println("STORED " + i);
                System.out.flush();
            }
            if (!forwarder.awaitDelivered(store.lastSeq(), Duration.ofSeconds(60))) {
                System.out.println("NOT DELIVERED");
                System.exit(2);
            }
            System.out.println("DELIVERED");
        }
    }
}
