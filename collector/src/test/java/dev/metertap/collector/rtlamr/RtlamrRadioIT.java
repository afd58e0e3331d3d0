package dev.metertap.collector.rtlamr;

import dev.metertap.collector.cli.MetertapCommand;
import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.config.MetertapConfig;
import dev.metertap.collector.reading.AmrConsumptionReading;
import dev.metertap.collector.reading.AmrIntervalReading;
import dev.metertap.collector.reading.LineProtocol;
import dev.metertap.collector.run.Collector;
import dev.metertap.collector.run.RunStatus;
import dev.metertap.collector.store.PointQuery;
import dev.metertap.simulator.rtlamr.RadioFault;
import dev.metertap.simulator.rtlamr.RtlamrJournal;
import dev.metertap.simulator.rtlamr.RtlamrSimulatorCommand;
import dev.metertap.simulator.rtlamr.VirtualRtlamr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The virtual rtlamr as a real child process of {@code metertap run}'s assembly, and piped into {@code metertap rtlamr
 * listen}'s standard input: what is stored (or printed) is scored against its journal.
 */
class RtlamrRadioIT {

    private static final Set<Long> OWN = Set.of(48151623L, 55123456L);
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final int LOG_LINES_PER_START = 5;

    @TempDir
    Path dir;

    @Test
    void storesEveryMessageOfOnesOwnMetersOnceAndRestartsAfterExitAndSilence() throws Exception {
        Path journal = dir.resolve("radio.jsonl");
        String command = String.join(" ", java(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                RtlamrSimulatorCommand.class.getName(), "--seed", "11", "--start", "2026-03-01T18:00:00Z", "--speed", "0",
                "--messages", "1200", "--fault", "exit@200", "--fault", "stall@500", "--fault", "cut@800", "--log-to-stdout",
                "--journal", journal.toString());
        MetertapConfig config = new ConfigLoader(Map.of()).parse("""
                store: {path: %s}
                status: {port: 0}
                rtlamr:
                  command: '%s'
                  meters: [48151623, 55123456]
                  silence: 3s
                  restart-backoff: 50ms
                  restart-backoff-max: 200ms
                """.formatted(dir.resolve("metertap.db"), command), "metertap.yml");
        try (Collector collector = Collector.assemble(config, Collector.Seams.production(System.out))) {
            collector.start();
            RtlamrSource radio = collector.rtlamr().orElseThrow();
            // the run that reached the message limit exits 0: by then every line it wrote was read and stored
            assertThat(radio.awaitRestart(why -> why.equals("exited with status 0"), DEADLINE))
                    .as("restarts so far: %s", radio.restartReasons()).isTrue();
            RtlamrJournal.Truth truth = RtlamrJournal.read(journal);
            assertThat(truth.faults()).containsExactly("exit", "stall", "cut");
            // exit and cut end with status 1, the stall is found silent (a child slow to start on a loaded machine may add one)
            assertThat(radio.restartReasons()).containsSubsequence("exited with status 1", "wrote no message for 3 s",
                    "exited with status 1", "exited with status 0");

            List<String> expected = RadioTruth.expectedLines(truth, OWN);
            List<String> stored = Stream.concat(
                    collector.store().query(new PointQuery(AmrConsumptionReading.MEASUREMENT, Map.of(), Instant.EPOCH, Instant.MAX)).stream(),
                    collector.store().query(new PointQuery(AmrIntervalReading.MEASUREMENT, Map.of(), Instant.EPOCH, Instant.MAX)).stream())
                    .map(LineProtocol::encode).toList();
            assertThat(expected).hasSizeGreaterThan(60);
            assertThat(stored).containsExactlyInAnyOrderElementsOf(expected);
            RunStatus.RtlamrStatus status = collector.status().rtlamr().orElseThrow();
            assertThat(status.readingsStored()).as("each reading handed to the store once").isEqualTo(expected.size());
            assertThat(status.health().stats().othersHeard()).isEqualTo(RadioTruth.othersDelivered(truth, OWN));
            assertThat(status.health().stats().notRtlamr()).as("rtlamr's log lines on stdout, per start")
                    .isGreaterThanOrEqualTo(LOG_LINES_PER_START * 4L);
            assertThat(status.health().restarts()).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void aRestartedCollectorTakesUpWhereItsStoreEndsWithoutStoringAnythingTwice() throws Exception {
        Path journal = dir.resolve("radio.jsonl");
        long first = collectUntilTheRadioStops(journal, 300);
        long second = collectUntilTheRadioStops(journal, 600);
        List<String> expected = RadioTruth.expectedLines(RtlamrJournal.read(journal), OWN);
        try (var store = dev.metertap.collector.store.Store.openReadOnly(dir.resolve("metertap.db"))) {
            List<String> stored = Stream.concat(
                    store.query(new PointQuery(AmrConsumptionReading.MEASUREMENT, Map.of(), Instant.EPOCH, Instant.MAX)).stream(),
                    store.query(new PointQuery(AmrIntervalReading.MEASUREMENT, Map.of(), Instant.EPOCH, Instant.MAX)).stream())
                    .map(LineProtocol::encode).toList();
            assertThat(stored).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(first).isPositive();
        assertThat(first + second).as("readings handed to the store by both runs").isEqualTo(expected.size());
    }

    /** Runs the collector until the virtual rtlamr has written {@code messages} in all; the readings it stored. */
    private long collectUntilTheRadioStops(Path journal, int messages) throws Exception {
        String command = String.join(" ", java(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                RtlamrSimulatorCommand.class.getName(), "--seed", "17", "--start", "2026-03-01T18:00:00Z", "--speed", "0",
                "--messages", Integer.toString(messages), "--journal", journal.toString());
        MetertapConfig config = new ConfigLoader(Map.of()).parse("""
                store: {path: %s}
                status: {port: 0}
                rtlamr: {command: '%s', meters: [48151623, 55123456], restart-backoff: 50ms, restart-backoff-max: 200ms}
                """.formatted(dir.resolve("metertap.db"), command), "metertap.yml");
        try (Collector collector = Collector.assemble(config, Collector.Seams.production(System.out))) {
            collector.start();
            RtlamrSource radio = collector.rtlamr().orElseThrow();
            assertThat(radio.awaitRestart(why -> why.equals("exited with status 0"), DEADLINE)).isTrue();
            return collector.status().rtlamr().orElseThrow().readingsStored();
        }
    }

    @Test
    void readsStandardInputLikeAPipeFromRtlamr() throws Exception {
        Path journal = dir.resolve("piped.jsonl");
        Path output = dir.resolve("rtlamr.out");
        try (OutputStream out = new FileOutputStream(output.toFile())) {
            VirtualRtlamr radio = new VirtualRtlamr(new VirtualRtlamr.Settings(23, Instant.parse("2026-06-01T16:00:00Z"), 0,
                    VirtualRtlamr.NEIGHBOURHOOD, ZoneId.of("America/Los_Angeles"), 400, Map.<RadioFault, Long>of(), true, journal));
            assertThat(radio.run(out)).isEqualTo(VirtualRtlamr.Ending.LIMIT);
        }
        Process child = new ProcessBuilder(java(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                MetertapCommand.class.getName(), "rtlamr", "listen", "--meter", "48151623", "--meter", "55123456")
                .redirectInput(output.toFile()).redirectOutput(dir.resolve("printed").toFile())
                .redirectError(dir.resolve("stderr").toFile()).start();
        assertThat(child.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("listen ends with its input").isTrue();
        String err = Files.readString(dir.resolve("stderr"));
        assertThat(child.exitValue()).as(err).isZero();
        List<String> printed = new ArrayList<>(Files.readAllLines(dir.resolve("printed"), StandardCharsets.UTF_8));
        List<String> expected = RadioTruth.expectedLines(RtlamrJournal.read(journal), OWN);
        assertThat(printed).containsExactlyElementsOf(expected);
        assertThat(err).contains("lines skipped " + LOG_LINES_PER_START + ",").contains("  48151623: ").contains("  31415926: ");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
