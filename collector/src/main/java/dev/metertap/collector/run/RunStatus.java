package dev.metertap.collector.run;

import dev.metertap.collector.emu2.session.Emu2Stats;
import dev.metertap.collector.rtlamr.RtlamrHealth;
import dev.metertap.collector.sink.Forwarder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the collector has done, at one instant: served as {@code /status} JSON and {@code /metrics} text.
 *
 * @param lastReadingAt host time of the last reading stored from the EMU-2
 * @param pge           present when the PG&E daily request is configured
 * @param rtlamr        present when meters are read by radio ({@code rtlamr:})
 */
public record RunStatus(Instant at, Instant startedAt, boolean emu2Connected, Optional<String> device, Emu2Stats emu2,
                        long readingsStored, long storeFailures, Optional<Instant> lastReadingAt, List<SinkStatus> sinks,
                        Optional<PgeStatus> pge, Optional<RtlamrStatus> rtlamr) {

    /** @param outboxLag stored points this sink has not acknowledged yet */
    public record SinkStatus(String name, Forwarder.State state, long pointsSent, long outboxLag) {
    }

    /** @param readingsStored readings from the radio committed to the store */
    public record RtlamrStatus(RtlamrHealth health, long readingsStored, long storeFailures) {
    }

    public record PgeStatus(Optional<Instant> lastSuccess, long refusedNotifications) {
    }

    public Optional<Duration> lastReadingAge() {
        return lastReadingAt.map(last -> Duration.between(last, at));
    }
}
