package dev.metertap.collector.sink;

import dev.metertap.collector.secret.Secret;
import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InfluxV2SinkIT {

    private static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOKEN = "tok-3f9a-very-secret";

    @TempDir
    Path dir;

    private RecordingInfluxServer server;
    private PrintStream originalErr;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        server = new RecordingInfluxServer();
        // slf4j-simple writes each line to whatever System.err is at that moment
        originalErr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        System.setErr(originalErr);
        server.close();
    }

    private Forwarder forwarder(Store store, Backoff backoff) {
        InfluxSink sink = InfluxSink.v2("cloud", server.url(), "my org", "meter/raw", Secret.of(TOKEN, "test"),
                Duration.ofSeconds(5));
        return new Forwarder(store, sink, new Batching(100, 64 * 1024, Duration.ZERO), backoff);
    }

    private static DemandReading demand(int second, String kw) {
        return new DemandReading("0xd8d5b9000000a1b2", "0x00135001000c3f4e", T0.plusSeconds(second), new BigDecimal(kw));
    }

    @Test
    void writesGzippedLineProtocolWithTokenOrgBucketAndSecondsPrecision() throws Exception {
        try (Store store = Store.open(dir.resolve("m.db")); Forwarder forwarder = forwarder(store, Backoff.DEFAULT)) {
            store.appendAll(List.of(demand(0, "1.250"), demand(8, "-0.500")));
            forwarder.start();
            RecordingInfluxServer.Received request = server.awaitRequest();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/api/v2/write");
            assertThat(request.query()).isEqualTo("org=my+org&bucket=meter%2Fraw&precision=s");
            assertThat(request.headers()).containsEntry("Authorization", "Token " + TOKEN)
                    .containsEntry("Content-Encoding", "gzip")
                    .containsEntry("Content-Type", "text/plain; charset=utf-8");
            assertThat(request.body()).isEqualTo("""
                    emu2_demand,device=0xd8d5b9000000a1b2,meter=0x00135001000c3f4e kw=1.250 1795132800
                    emu2_demand,device=0xd8d5b9000000a1b2,meter=0x00135001000c3f4e kw=-0.500 1795132808
                    """);
            assertThat(forwarder.awaitDelivered(2, WAIT)).isTrue();
        }
    }

    @Test
    void serverErrorsAreRetriedWithBackoffUntilAccepted() throws Exception {
        server.answer(503, 500, 502);
        Backoff backoff = new Backoff(Duration.ofMillis(20), Duration.ofMillis(50));
        try (Store store = Store.open(dir.resolve("m.db")); Forwarder forwarder = forwarder(store, backoff)) {
            store.append(demand(0, "1.250"));
            forwarder.start();
            long previous = System.nanoTime();
            String firstBody = server.awaitRequest().body();
            for (int attempt = 1; attempt <= 3; attempt++) {
                RecordingInfluxServer.Received retry = server.awaitRequest();
                long now = System.nanoTime();
                // each retry comes no sooner than its backoff (20, 40, then capped at 50 ms)
                assertThat(Duration.ofNanos(now - previous)).isGreaterThanOrEqualTo(backoff.delay(attempt));
                previous = now;
                assertThat(retry.body()).isEqualTo(firstBody);
            }
            assertThat(forwarder.awaitDelivered(1, WAIT)).isTrue();
        }
        assertThat(log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("WARN")).count()).isEqualTo(1);
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(TOKEN);
    }

    @Test
    void aRefusedTokenPausesTheSinkWithOneErrorLineAndNoHotLoop() throws Exception {
        server.answer(401);
        try (Store store = Store.open(dir.resolve("m.db")); Forwarder forwarder = forwarder(store, Backoff.DEFAULT)) {
            store.append(demand(0, "1.250"));
            forwarder.start();
            assertThat(forwarder.awaitState(Forwarder.State.PAUSED, WAIT)).isTrue();
            store.append(demand(8, "2.000"));
            store.append(demand(16, "3.000"));
            server.awaitRequest();
            assertThat(forwarder.state()).isEqualTo(Forwarder.State.PAUSED);

            forwarder.resume();
            assertThat(forwarder.awaitDelivered(3, WAIT)).isTrue();
            assertThat(server.awaitRequest().body().lines()).hasSize(3);
            assertThat(server.unclaimed()).isZero();
        }
        String output = log.toString(StandardCharsets.UTF_8);
        assertThat(output.lines().filter(l -> l.contains("ERROR")).toList()).singleElement().asString()
                .contains("sink 'cloud' refused a batch and is paused").contains("HTTP 401");
        assertThat(output).doesNotContain(TOKEN);
    }
}
