package dev.metertap.benchmarks;

import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.LinkReading;
import dev.metertap.collector.reading.PriceReading;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.reading.SummationReading;
import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.config.MetertapConfig;
import dev.metertap.collector.run.Collector;
import dev.metertap.collector.sink.Influxd;
import dev.metertap.collector.store.Store;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Figures for the store and the forwarding path, printed to stdout (run by hand, never in the test
 * run). Needs {@code influxd} (Debian package {@code influxdb}) on the PATH for the sink figure; it
 * starts its own on free ports in a temp dir. Run it with a small heap to show that forwarding a
 * month of backlog does not load it into memory:
 *
 * <pre>
 * mvn -B -o -q -pl benchmarks -am package -DskipTests
 * java -Xmx24m -cp benchmarks/target/benchmarks.jar dev.metertap.benchmarks.StoreAndSinkFigures
 * </pre>
 */
public final class StoreAndSinkFigures {

    private static final String DEVICE = "0xd8d5b9000000a1b2";
    private static final String METER = "0x00135001000c3f4e";
    private static final Instant MONTH_START = Instant.parse("2026-10-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("metertap-figures-");
        System.out.printf("JVM max heap %d MiB, %d cores, temp dir %s%n",
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(), dir);
        try {
            batchedInserts(dir.resolve("batched.db"));
            singleReadingCommits(dir.resolve("single.db"));
            forwardAMonthOfBacklog(dir);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Days of EMU-2 readings: demand every 8 s, summation every 4 min, link every 5 min, price hourly. */
    static List<Reading> month(int days) {
        List<Reading> readings = new ArrayList<>();
        for (int day = 0; day < days; day++) {
            readings.addAll(day(day));
        }
        return readings;
    }

    /** One day of readings, the same for the same day index. */
    static List<Reading> day(int day) {
        Random random = new Random(7 + day);
        List<Reading> readings = new ArrayList<>();
        BigDecimal total = new BigDecimal("41230.000").add(BigDecimal.valueOf(30L * day));
        for (long s = day * 86_400L; s < (day + 1) * 86_400L; s += 8) {
            Instant t = MONTH_START.plusSeconds(s);
            readings.add(new DemandReading(DEVICE, METER, t, BigDecimal.valueOf(random.nextInt(6_000) - 1_000, 3)));
            if (s % 240 == 0) {
                total = total.add(BigDecimal.valueOf(random.nextInt(100), 3));
                readings.add(new SummationReading(DEVICE, METER, t, total, BigDecimal.ZERO.setScale(3)));
            }
            if (s % 300 == 0) {
                readings.add(new LinkReading(DEVICE, METER, t, "Connected", 60 + random.nextInt(41)));
            }
            if (s % 3600 == 0) {
                readings.add(new PriceReading(DEVICE, METER, t, "USD", new BigDecimal("0.3125"), 1));
            }
        }
        return readings;
    }

    private static void batchedInserts(Path file) {
        List<Reading> readings = month(10);
        try (Store store = Store.open(file)) {
            store.appendAll(readings.subList(0, 10_000)); // warm-up: JIT and SQLite page cache
            long start = System.nanoTime();
            int batch = 1_000;
            for (int i = 10_000; i < readings.size(); i += batch) {
                store.appendAll(readings.subList(i, Math.min(readings.size(), i + batch)));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int n = readings.size() - 10_000;
            System.out.printf("store, batched inserts:   %,d readings in batches of %,d: %.2f s = %,.0f readings/s%n",
                    n, batch, seconds, n / seconds);
        }
    }

    private static void singleReadingCommits(Path file) {
        List<Reading> readings = month(1);
        int n = 3_000;
        long[] nanos = new long[n];
        try (Store store = Store.open(file)) {
            for (int i = 0; i < 500; i++) {
                store.append(readings.get(i)); // warm-up
            }
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                store.append(readings.get(500 + i));
                nanos[i] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("store, one reading → commit (WAL, synchronous=FULL, %,d samples): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                n, nanos[n / 2] / 1e6, nanos[(int) (n * 0.99)] / 1e6, nanos[n - 1] / 1e6);
    }

    private static void forwardAMonthOfBacklog(Path dir) throws Exception {
        if (Influxd.binary().isEmpty()) {
            System.out.println("sink: skipped, " + Influxd.ABSENT);
            return;
        }
        Path db = dir.resolve("month.db");
        long points = 0;
        try (Store store = Store.open(db)) {
            for (int day = 0; day < 30; day++) {
                // written a day at a time: from here on, the backlog exists only in SQLite
                points += store.appendAll(day(day));
            }
        }
        System.gc();
        HeapPeak.reset();
        try (Influxd influxd = new Influxd(dir.resolve("influxd"))) {
            influxd.start();
            URI url = influxd.url();
            influxd.createDatabase("metertap");
            // the collector as `metertap run` builds it, from the YAML a user writes, with no EMU-2: the sink's backlog
            // is all it has to do
            Path yaml = Files.writeString(dir.resolve("metertap.yaml"), """
                    store: {path: "%s"}
                    sinks:
                      - {name: influx, type: influxdb-v1, url: "%s", database: metertap, timeout: 30s,
                         batching: {max-points: 5000, max-bytes: 1000000, max-delay: 0s}}
                    """.formatted(db, url));
            MetertapConfig config = new ConfigLoader(System.getenv()).load(yaml);
            try (Collector collector = Collector.assemble(config, Collector.Seams.production(System.out))) {
                long start = System.nanoTime();
                collector.start();
                if (!collector.awaitDelivered("influx", Duration.ofMinutes(10))) {
                    throw new IllegalStateException("backlog not delivered within 10 minutes");
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("sink, a month of backlog (%,d points) replayed into local influxd 1.6: %.2f s = %,.0f points/s%n",
                        points, seconds, points / seconds);
            }
            System.out.printf("forwarding heap: peak %d MiB used (max heap %d MiB), backlog file %d MiB%n",
                    HeapPeak.bytes() >> 20, Runtime.getRuntime().maxMemory() >> 20, Files.size(db) >> 20);
            String count = influxd.query(null, "SELECT count(kw) FROM metertap..emu2_demand");
            System.out.println("influxd emu2_demand count: " + count);
        }
    }
}
