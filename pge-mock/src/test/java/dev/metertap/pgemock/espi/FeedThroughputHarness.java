package dev.metertap.pgemock.espi;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * Measures the feed writer; not a test (no timed assertions anywhere). Run after {@code mvn test-compile}:
 * <pre>
 * java -Xmx256m -cp pge-mock/target/classes:pge-mock/target/test-classes \
 *     dev.metertap.pgemock.espi.FeedThroughputHarness
 * </pre>
 * Prints, for a 12-month 15-minute electric feed and a 48-month feed of three usage points: readings, bytes, wall
 * time (the first call, then best and median of five more), and the live heap after a full GC sampled every 256 KB of
 * output,
 * which stays flat when the writer streams.
 */
public final class FeedThroughputHarness {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Instant YEAR_START = LocalDate.of(2024, 1, 1).atStartOfDay(UsageModel.PACIFIC).toInstant();
    private static final Instant YEAR_END = LocalDate.of(2024, 12, 31).atStartOfDay(UsageModel.PACIFIC).toInstant();

    private FeedThroughputHarness() {
    }

    public static void main(String[] args) throws IOException {
        UsageModel oneMeter = new UsageModel(1L, List.of(UsagePointSpec.electric("4000000001", 900)));
        UsageModel threeMeters = new UsageModel(1L, List.of(UsagePointSpec.solar("4000000001", 900),
                UsagePointSpec.electric("4000000002", 3600), UsagePointSpec.gas("4000000003")));
        List<String> all = threeMeters.usagePoints().stream().map(UsagePointSpec::id).toList();
        Instant fortyEightMonthsBack = LocalDate.of(2021, 1, 1).atStartOfDay(UsageModel.PACIFIC).toInstant();

        System.out.printf("max heap %d MB, %d processors%n", Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        measure("12 months, one 15-min electric point", oneMeter, List.of("4000000001"), YEAR_START, YEAR_END);
        measure("1 month, one 15-min electric point", oneMeter, List.of("4000000001"), YEAR_START,
                YEAR_START.plusSeconds(30L * 86400));
        measure("48 months, solar 15-min + hourly + gas", threeMeters, all, fortyEightMonthsBack, YEAR_END);
    }

    private static void measure(String name, UsageModel model, List<String> ids, Instant from, Instant to)
            throws IOException {
        FeedWriter writer = new FeedWriter(EspiLinks.pge(), FIXED);
        long readings = ids.stream().mapToLong(id -> model.publishedIntervals(id, from, to).count()).sum();
        long coldStart = System.nanoTime();
        writer.writeFeed(model, ids, from, to, new Counting(0)); // the first call also warms the JIT up
        long coldMillis = (System.nanoTime() - coldStart) / 1_000_000;
        long[] millis = new long[5];
        long bytes = 0;
        for (int i = 0; i < millis.length; i++) {
            Counting out = new Counting(0);
            long started = System.nanoTime();
            writer.writeFeed(model, ids, from, to, out);
            millis[i] = (System.nanoTime() - started) / 1_000_000;
            bytes = out.count;
        }
        Arrays.sort(millis);
        Counting sampled = new Counting(256 << 10);
        writer.writeFeed(model, ids, from, to, sampled);
        System.out.printf("%-42s %,9d readings %,12d bytes  first %,5d ms  best %,5d ms  median %,5d ms"
                        + "  live heap after GC max %,6d KB over %d samples%n", name, readings, bytes, coldMillis,
                millis[0], millis[2],
                sampled.maxLiveHeap >> 10, sampled.samples);
    }

    /** Discards the bytes, counts them, and optionally samples the live heap (after a full GC) as output grows. */
    private static final class Counting extends OutputStream {
        private final long sampleEvery;
        private long count;
        private long nextSample;
        private long maxLiveHeap;
        private int samples;

        Counting(long sampleEvery) {
            this.sampleEvery = sampleEvery;
            this.nextSample = sampleEvery;
        }

        @Override
        public void write(int b) {
            count++;
            sample();
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
            sample();
        }

        private void sample() {
            if (sampleEvery > 0 && count >= nextSample) {
                nextSample += sampleEvery;
                System.gc();
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                maxLiveHeap = Math.max(maxLiveHeap, used);
                samples++;
            }
        }
    }
}
