package dev.metertap.benchmarks;

import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.LinkReading;
import dev.metertap.collector.reading.PriceReading;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.reading.SummationReading;
import dev.metertap.collector.store.Outbox;
import dev.metertap.collector.store.Store;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store's footprint on disk and its fsync rate, for issue 19 (run by hand, never in the test run):
 *
 * <pre>
 * mvn -B -o -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.metertap.benchmarks.StoreFootprintFigures [days, default 90]
 * </pre>
 *
 * <p>Readings as {@code metertap run} stores them with its defaults: demand every 10 s (the device pushes it),
 * summation every 60 s ({@code summation-poll}), price every 5 min ({@code price-poll}), one link status a day.
 * Values as a real EMU-2 gives them: demand and summation with 3 decimals, price with 4, a running total that
 * grows with demand.
 *
 * <p><b>Bytes per reading</b>: the store's file plus its {@code -wal}, after closing (SQLite checkpoints then),
 * divided by the readings stored. The store is filled an hour per transaction: a B-tree's layout depends on the
 * order of its inserts, not on where commits fall, so this is the file one append per reading would make, in a
 * fraction of the time.
 *
 * <p><b>fsyncs per hour</b>: one simulated hour appended one reading at a time through {@link Store#append}, as
 * the collector's {@code ReadingRecorder} does, in a child JVM, alone and with a sink that acknowledges each reading;
 * "commits" counts the appends and cursor moves (each commits before it returns). When {@code strace} is on the PATH the child runs under {@code strace -f -c} and the figure is the
 * fsync and fdatasync calls it made, minus those of the same child appending nothing (JVM start, store open and
 * close).
 */
public final class StoreFootprintFigures {

    private static final String DEVICE = "0xd8d5b9000000a1b2";
    private static final String METER = "0x00135001000c3f4e";
    private static final Instant START = Instant.parse("2026-09-01T07:00:00Z");
    private static final long SEED = 19L;

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].startsWith("--append-")) {
            appendAnHourOneByOne(Path.of(args[1]), args[0].equals("--append-nothing") ? 0 : 1,
                    args[0].equals("--append-hour-and-forward"));
            return;
        }
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 90;
        Path dir = Files.createTempDirectory("metertap-footprint-");
        System.out.printf("%d cores, seed %d, temp dir %s%n", Runtime.getRuntime().availableProcessors(), SEED, dir);
        try {
            footprint(dir.resolve("store.db"), days);
            fsyncsPerHour(dir);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One hour of readings ({@code hour} counts from {@link #START}), the same for the same hour. */
    static List<Reading> hour(long hour, BigDecimal[] total) {
        Random random = new Random(SEED * 1_000_003L + hour);
        List<Reading> readings = new ArrayList<>(440);
        long base = hour * 3_600;
        int watts = 300 + random.nextInt(2_500);
        for (long s = base; s < base + 3_600; s += 10) {
            Instant t = START.plusSeconds(s);
            watts = Math.max(150, Math.min(9_000, watts + random.nextInt(201) - 100));
            readings.add(new DemandReading(DEVICE, METER, t, BigDecimal.valueOf(watts, 3)));
            total[0] = total[0].add(BigDecimal.valueOf(watts * 10L / 3_600, 3));
            if (s % 60 == 0) {
                readings.add(new SummationReading(DEVICE, METER, t, total[0], new BigDecimal("1520.406")));
            }
            if (s % 300 == 0) {
                int peak = (int) ((s / 3_600 + 17) % 24) >= 16 && (int) ((s / 3_600 + 17) % 24) < 21 ? 1 : 0;
                readings.add(new PriceReading(DEVICE, METER, t, "USD", new BigDecimal(peak == 1 ? "0.5120" : "0.3125"), peak + 1));
            }
            if (s % 86_400 == 0) {
                readings.add(new LinkReading(DEVICE, METER, t, "Connected", 60 + random.nextInt(41)));
            }
        }
        return readings;
    }

    private static void footprint(Path db, int days) throws Exception {
        long stored = 0;
        long start = System.nanoTime();
        BigDecimal[] total = {new BigDecimal("41230.000")};
        int schema;
        try (Store store = Store.open(db)) {
            schema = store.schemaVersion();
            for (long hour = 0; hour < days * 24L; hour++) {
                stored += store.appendAll(hour(hour, total));
            }
            System.out.printf("while open: file + wal %,d bytes (the wal stays at its largest size between checkpoints)%n",
                    store.stats().fileBytes());
        }
        long file = Files.size(db);
        Path wal = Path.of(db + "-wal");
        long walBytes = Files.exists(wal) ? Files.size(wal) : 0;
        System.out.printf("%d days, schema %d: %,d readings stored in %.1f s (an hour per transaction)%n",
                days, schema, stored, (System.nanoTime() - start) / 1e9);
        System.out.printf("on disk after close: file %,d + wal %,d bytes = %.1f MB, %.1f bytes per reading%n",
                file, walBytes, (file + walBytes) / 1e6, (file + walBytes) / (double) stored);
        perTable(db, stored);
    }

    /** What each table and index takes (SQLite's dbstat), when the driver has it. */
    private static void perTable(Path db, long stored) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath().toUri() + "?mode=ro");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT name, sum(pgsize), sum(unused) FROM dbstat GROUP BY name ORDER BY 2 DESC")) {
            while (rows.next()) {
                System.out.printf("  %-42s %,12d bytes (%5.1f per reading, %4.1f %% unused)%n", rows.getString(1),
                        rows.getLong(2), rows.getLong(2) / (double) stored, 100.0 * rows.getLong(3) / rows.getLong(2));
            }
        } catch (SQLException e) {
            System.out.println("  (no per-table figures: " + e.getMessage() + ")");
        }
    }

    /**
     * With {@code forward}, a sink takes each reading as it is stored and acknowledges it (as a forwarder does with
     * the default {@code max-delay: 1s} when readings come seconds apart): one cursor move per reading.
     */
    private static void appendAnHourOneByOne(Path db, int hours, boolean forward) {
        BigDecimal[] total = {new BigDecimal("41230.000")};
        long commits = 0;
        try (Store store = Store.open(db); Outbox outbox = store.outbox("influx")) {
            store.appendAll(hour(0, total)); // an hour already stored, so the hour measured is not the first
            outbox.acknowledge(outbox.next(10_000, Integer.MAX_VALUE));
            for (long hour = 1; hour <= hours; hour++) {
                for (Reading reading : hour(hour, total)) {
                    store.append(reading);
                    commits++;
                    if (forward) {
                        outbox.acknowledge(outbox.next(1_000, 1_000_000));
                        commits++;
                    }
                }
            }
        }
        System.out.println("commits " + commits);
    }

    private static void fsyncsPerHour(Path dir) throws Exception {
        boolean strace = Files.isExecutable(Path.of("/usr/bin/strace"));
        long[] nothing = strace ? child(dir.resolve("nothing.db"), "--append-nothing", true) : new long[2];
        for (String mode : List.of("--append-hour", "--append-hour-and-forward")) {
            long[] hour = child(dir.resolve(mode.substring(2) + ".db"), mode, strace);
            String what = mode.equals("--append-hour") ? "an hour of readings, one append each"
                    : "the same, a sink acknowledging each reading";
            if (!strace) {
                System.out.printf("%s: %,d commits/hour (strace absent: fsyncs not counted)%n", what, hour[0]);
            } else {
                System.out.printf("%s: %,d commits/hour, %,d fsync+fdatasync/hour (strace -f -c: %,d, minus %,d for"
                        + " the same run appending nothing)%n", what, hour[0], hour[1] - nothing[1], hour[1], nothing[1]);
            }
        }
    }

    /** Runs this class in a child JVM; returns {commits, fsync and fdatasync calls}. */
    private static long[] child(Path db, String mode, boolean strace) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        Path straceOut = db.resolveSibling(db.getFileName() + ".strace");
        if (strace) {
            command.addAll(List.of("strace", "-f", "-qq", "-c", "-e", "trace=fsync,fdatasync", "-o", straceOut.toString()));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoreFootprintFigures.class.getName(), mode, db.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("child failed: " + output);
        }
        Matcher commits = Pattern.compile("commits (\\d+)").matcher(output);
        if (!commits.find()) {
            throw new IllegalStateException("child printed no commit count: " + output);
        }
        long syncs = 0;
        if (strace) {
            Matcher calls = Pattern.compile("^\\s*[\\d.]+\\s+[\\d.]+\\s+\\d+\\s+(\\d+)(?:\\s+\\d+)?\\s+f(?:data)?sync$",
                    Pattern.MULTILINE).matcher(Files.readString(straceOut));
            while (calls.find()) {
                syncs += Long.parseLong(calls.group(1));
            }
        }
        return new long[] {Long.parseLong(commits.group(1)), syncs};
    }
}
