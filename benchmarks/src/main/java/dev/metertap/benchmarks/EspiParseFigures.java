package dev.metertap.benchmarks;

import dev.metertap.collector.pge.espi.EspiParser;
import dev.metertap.collector.pge.espi.EspiSummary;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.pgemock.espi.EspiLinks;
import dev.metertap.pgemock.espi.FeedWriter;
import dev.metertap.pgemock.espi.UsageModel;
import dev.metertap.pgemock.espi.UsagePointSpec;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The ESPI parser's figures on PG&amp;E-shaped feeds written by pge-mock's {@code FeedWriter}:
 * <ul>
 *   <li>{@code speed}: interval readings per second on one thread over a large feed (a 15-minute solar point, an
 *       hourly point and a gas point over two years), best and median of several timed passes after warm-up passes;</li>
 *   <li>{@code memory}: a 4-year 15-minute feed with electric, solar export and gas (about 282,000 readings) parsed
 *       in this JVM; run it with {@code -Xmx64m} (the default {@code all} mode starts that JVM itself).</li>
 * </ul>
 * The parse is timed from the file through a 64 KiB buffer to a sink that builds every {@link IntervalReading}
 * (the parser's real output) and folds its value into a checksum.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.metertap.benchmarks.EspiParseFigures [all|speed|memory] [DIR]</pre>
 */
public final class EspiParseFigures {

    private static final Clock PUBLISHED = Clock.fixed(Instant.parse("2026-11-20T07:24:36Z"), ZoneOffset.UTC);
    private static final Instant END = Instant.parse("2026-11-01T07:00:00Z");

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "all";
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("espi-figures");
        switch (mode) {
            case "speed" -> speed(dir);
            case "memory" -> memory(dir);
            case "all" -> {
                speed(dir);
                memoryInSmallHeap(dir);
            }
            default -> throw new IllegalArgumentException("mode is all, speed or memory: " + mode);
        }
    }

    private static void speed(Path dir) throws IOException {
        UsageModel model = new UsageModel(20261123L, List.of(UsagePointSpec.solar("5550000901", 900),
                UsagePointSpec.electric("5550000902", 3600), UsagePointSpec.gas("5550000903")));
        Path feed = write(dir.resolve("two-years.xml"), model, List.of("5550000901", "5550000902", "5550000903"),
                END.minusSeconds(730L * 86400), END);
        EspiParser parser = new EspiParser();
        for (int i = 0; i < 3; i++) {
            parse(parser, feed); // warm-up: JIT
        }
        List<Double> rates = new ArrayList<>();
        long readings = 0;
        for (int i = 0; i < 7; i++) {
            long start = System.nanoTime();
            readings = parse(parser, feed).readings();
            rates.add(readings / ((System.nanoTime() - start) / 1e9));
        }
        rates.sort(null);
        System.out.printf("speed: %,d readings, %,d bytes; one thread: best %,.0f readings/s, median %,.0f readings/s "
                        + "(%.0f MB/s of XML at the median)%n", readings, Files.size(feed), rates.get(rates.size() - 1),
                rates.get(rates.size() / 2), rates.get(rates.size() / 2) * Files.size(feed) / readings / 1e6);
    }

    private static void memory(Path dir) throws IOException {
        UsageModel model = new UsageModel(20261124L, List.of(UsagePointSpec.solar("5550000911", 900),
                UsagePointSpec.gas("5550000912")));
        Path feed = write(dir.resolve("four-years.xml"), model, List.of("5550000911", "5550000912"),
                END.minusSeconds(4 * 365L * 86400), END);
        long start = System.nanoTime();
        EspiSummary summary = parse(new EspiParser(), feed);
        double seconds = (System.nanoTime() - start) / 1e9;
        // what survives young collections: the parser's per-feed state (link graph, de-duplication fingerprints)
        String oldGenPeaks = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .filter(pool -> pool.getName().contains("Old") || pool.getName().contains("Tenured"))
                .map(pool -> String.format("%s peak %.1f MiB", pool.getName(), pool.getPeakUsage().getUsed() / 1048576.0))
                .reduce((a, b) -> a + ", " + b).orElse("no old generation pool");
        System.out.printf("memory: %,d readings (%s .. %s) from %,d bytes in %.2f s, max heap %d MiB; %s%n",
                summary.readings(), summary.earliest().orElseThrow(), summary.latest().orElseThrow(), Files.size(feed),
                seconds, Runtime.getRuntime().maxMemory() / (1024 * 1024), oldGenPeaks);
    }

    /** The memory figure in a JVM of its own with {@code -Xmx64m}, as the target asks. */
    private static void memoryInSmallHeap(Path dir) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                EspiParseFigures.class.getName(), "memory", dir.toString()).inheritIO().start();
        int exit = child.waitFor();
        if (exit != 0) {
            System.out.println("memory: the -Xmx64m run failed with exit " + exit);
        }
    }

    private static Path write(Path file, UsageModel model, List<String> ids, Instant from, Instant to)
            throws IOException {
        if (!Files.exists(file)) {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                new FeedWriter(EspiLinks.pge(), PUBLISHED).writeFeed(model, ids, from, to, out);
            }
        }
        return file;
    }

    private static EspiSummary parse(EspiParser parser, Path feed) throws IOException {
        Checksum checksum = new Checksum();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(feed), 1 << 16)) {
            EspiSummary summary = parser.parse(in, Optional.empty(), checksum);
            if (checksum.count != summary.readings()) {
                throw new IllegalStateException("sink saw " + checksum.count + ", summary says " + summary.readings());
            }
            return summary;
        }
    }

    /** Touches every reading so the JIT cannot drop the work. */
    private static final class Checksum implements Consumer<IntervalReading> {
        long count;
        long sum;

        @Override
        public void accept(IntervalReading reading) {
            count++;
            sum += reading.value().hashCode() ^ reading.start().getEpochSecond();
        }
    }
}
