package dev.metertap.collector.rtlamr;

import dev.metertap.collector.reading.LineProtocol;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.sink.Backoff;
import dev.metertap.simulator.rtlamr.RadioFault;
import dev.metertap.simulator.rtlamr.RtlamrJournal;
import dev.metertap.simulator.rtlamr.VirtualRtlamr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** rtlamr's lines from a real TCP server on a free loopback port, which closes the stream half-way: reconnected, nothing lost or doubled. */
class TcpFeedIT {

    private static final Set<Long> OWN = Set.of(48151623L, 55123456L);

    @TempDir
    Path dir;

    @Test
    void reconnectsWhenTheStreamClosesAndReadsOnWhereTheNextOneStarts() throws Exception {
        Path journal = dir.resolve("radio.jsonl");
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        new VirtualRtlamr(new VirtualRtlamr.Settings(5, Instant.parse("2026-03-01T18:00:00Z"), 0, VirtualRtlamr.NEIGHBOURHOOD,
                ZoneId.of("UTC"), 600, Map.<RadioFault, Long>of(), false, journal)).run(written);
        String[] lines = written.toString(StandardCharsets.UTF_8).split("(?<=\n)");
        int half = lines.length / 2;
        CountDownLatch thirdConnection = new CountDownLatch(1);
        List<Reading> readings = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> {
                try {
                    for (int connection = 0; connection < 3; connection++) {
                        try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                            if (connection == 2) {
                                thirdConnection.countDown();
                                return;
                            }
                            for (int i = connection * half; i < (connection == 0 ? half : lines.length); i++) {
                                out.write(lines[i].getBytes(StandardCharsets.UTF_8));
                            }
                        }
                    }
                } catch (java.io.IOException e) {
                    // the test ended
                }
            }, "rtlamr-tcp-server");
            serving.setDaemon(true);
            serving.start();
            RtlamrSource source = new RtlamrSource(new TcpFeed("127.0.0.1:" + server.getLocalPort()),
                    new RtlamrSource.Settings(new MeterChoice(OWN, false), Duration.ofSeconds(30),
                            new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)), 8192), readings::add, Clock.systemUTC());
            try (source) {
                source.start();
                assertThat(thirdConnection.await(30, TimeUnit.SECONDS)).as("reconnected after each close").isTrue();
                assertThat(source.restartReasons()).startsWith("the connection closed", "the connection closed");
            }
        }
        List<String> expected = RadioTruth.expectedLines(RtlamrJournal.read(journal), OWN);
        assertThat(readings.stream().map(r -> LineProtocol.encode(r.toPoint())).toList()).containsExactlyElementsOf(expected);
    }
}
