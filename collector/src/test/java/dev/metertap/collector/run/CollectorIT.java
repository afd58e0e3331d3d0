package dev.metertap.collector.run;

import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.config.MetertapConfig;
import dev.metertap.collector.emu2.session.Emu2Listener;
import dev.metertap.collector.reading.LineProtocol;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.store.PointQuery;
import dev.metertap.collector.store.Store;
import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.journal.FragmentEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The one assembly against the virtual EMU-2 on a pty: what it stores, and what its sinks have when it closes. */
class CollectorIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /**
     * A sink whose batches wait an hour for company would get nothing if shutdown gave it a few seconds; closing
     * the collector sends it everything stored, at once.
     */
    @Test
    void closingDeliversEveryStoredReadingToAReachableSinkWithoutWaitingForAFullerBatch() throws Exception {
        Path link = dir.resolve("ttyEMU2");
        Path storeFile = dir.resolve("metertap.db");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Stored stored = new Stored();
        try (Emu2Simulator emu = Emu2Simulator.builder().seed(7).manualTime().pty(link).build().start()) {
            MetertapConfig config = new ConfigLoader(Map.of()).parse("""
                    store: {path: %s}
                    emu2: {port: %s}
                    sinks:
                      - {name: telegraf, type: stdout, batching: {max-points: 5000, max-bytes: 1000000, max-delay: 1h}}
                    """.formatted(storeFile, link), "metertap.yaml");
            try (Collector collector = Collector.assemble(config, Collector.Seams.production(new PrintStream(printed, true, StandardCharsets.UTF_8))
                    .withObserver(stored))) {
                collector.start();
                collector.emu2Settled().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                long connectedAt = emu.journal().size();
                emu.advance(Duration.ofMinutes(10));
                Instant lastDemand = emu.journal().fragments("InstantaneousDemand").stream()
                        .filter(entry -> entry.sequence() > connectedAt && entry.isIntact() && entry.deviceTime() != null)
                        .map(FragmentEntry::deviceTime).reduce((first, second) -> second).orElseThrow();
                stored.awaitReadingAt(lastDemand);
                assertThat(printed.size()).as("nothing forwarded yet: the batch waits for company").isZero();
            }
        }
        List<String> forwarded = printed.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> inStore;
        try (Store store = Store.open(storeFile)) {
            inStore = store.query(PointQuery.everything()).stream().map(LineProtocol::encode).toList();
        }
        assertThat(inStore).as("readings stored").anyMatch(line -> line.startsWith("emu2_demand,"));
        assertThat(forwarded).as("what the sink got at shutdown").containsExactlyInAnyOrderElementsOf(inStore);
    }

    /** Readings as the observer hears of them: only once they are stored. */
    private static final class Stored implements Emu2Listener {
        private final BlockingQueue<Reading> readings = new LinkedBlockingQueue<>();

        @Override
        public void onReading(Reading reading) {
            readings.add(reading);
        }

        void awaitReadingAt(Instant time) throws InterruptedException {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (true) {
                Reading next = readings.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertThat(next).as("a reading at %s within %s", time, DEADLINE).isNotNull();
                if (!next.time().isBefore(time)) {
                    return;
                }
            }
        }
    }
}
