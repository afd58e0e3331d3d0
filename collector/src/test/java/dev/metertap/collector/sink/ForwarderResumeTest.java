package dev.metertap.collector.sink;

import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.Point;
import dev.metertap.collector.store.Batch;
import dev.metertap.collector.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a forwarder tells its sink, before the first batch, about the points the sink acknowledged in earlier runs. */
class ForwarderResumeTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Batching ONE_AT_A_TIME = new Batching(1, 1_000_000, Duration.ZERO);
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(10), Duration.ofMillis(100));

    @TempDir
    Path dir;

    /** Records what it was told on resume and the batches it took; optionally fails on resume. */
    private static final class RecordingSink implements Sink {
        final List<BigDecimal> resumedWith = new ArrayList<>();
        final boolean failOnResume;
        volatile int batches;

        RecordingSink(boolean failOnResume) {
            this.failOnResume = failOnResume;
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void resume(DeliveredPoints delivered) {
            if (failOnResume) {
                throw new IllegalArgumentException("a stored line that cannot be read");
            }
            delivered.scan(DemandReading.MEASUREMENT, (Point point) -> resumedWith.add((BigDecimal) point.fields().get(0).value()));
        }

        @Override
        public void send(Batch batch) {
            batches++;
        }
    }

    private static DemandReading demand(int second, String kw) {
        return new DemandReading("0xd8d5b9000000a1b2", "0x00135001000c3f4e", T0.plusSeconds(second), new BigDecimal(kw));
    }

    @Test
    void aRestartedSinkIsGivenWhatItAcknowledgedBeforeAndNotWhatIsPending() throws Exception {
        try (Store store = Store.open(dir.resolve("m.db"))) {
            store.append(demand(0, "1.000"));
            store.append(demand(1, "2.000"));
            try (Forwarder first = new Forwarder(store, new RecordingSink(false), ONE_AT_A_TIME, QUICK)) {
                first.start();
                assertThat(first.awaitDelivered(store.lastSeq(), WAIT)).isTrue();
            }
            store.append(demand(2, "3.000"));  // pending when the sink comes back
            RecordingSink sink = new RecordingSink(false);
            try (Forwarder second = new Forwarder(store, sink, ONE_AT_A_TIME, QUICK)) {
                second.start();
                assertThat(second.awaitDelivered(store.lastSeq(), WAIT)).isTrue();
            }
            assertThat(sink.resumedWith).containsExactlyInAnyOrder(new BigDecimal("1.000"), new BigDecimal("2.000"));
            assertThat(sink.batches).isEqualTo(1);
        }
    }

    @Test
    void aSinkThatCannotLearnItsPastStillGetsEveryPendingPoint() throws Exception {
        try (Store store = Store.open(dir.resolve("m.db"))) {
            store.append(demand(0, "1.000"));
            RecordingSink sink = new RecordingSink(true);
            try (Forwarder forwarder = new Forwarder(store, sink, ONE_AT_A_TIME, QUICK)) {
                forwarder.start();
                assertThat(forwarder.awaitDelivered(store.lastSeq(), WAIT)).isTrue();
                assertThat(forwarder.state()).isEqualTo(Forwarder.State.RUNNING);
            }
            assertThat(sink.batches).isEqualTo(1);
        }
    }
}
