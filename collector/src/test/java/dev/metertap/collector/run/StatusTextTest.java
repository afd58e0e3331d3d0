package dev.metertap.collector.run;

import dev.metertap.collector.emu2.session.Emu2Stats;
import dev.metertap.collector.sink.Forwarder;
import dev.metertap.collector.rtlamr.RtlamrHealth;
import dev.metertap.collector.rtlamr.RtlamrSource;
import dev.metertap.collector.rtlamr.RtlamrStats;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** /metrics and /status render what the collector counted, and leave out what does not exist yet. */
class StatusTextTest {

    private static final Instant START = Instant.parse("2026-11-23T20:00:00Z");

    private static RunStatus status(Optional<Instant> lastReading, Optional<RunStatus.PgeStatus> pge) {
        Emu2Stats emu2 = new Emu2Stats(120, Map.of("InstantaneousDemand: missing Demand", 2L), 7, 1, 0, 33, 110, 4, 3);
        return new RunStatus(START.plusSeconds(600), START, true, Optional.of("0xd8d5b90000001234"), emu2, 110, 0, lastReading,
                List.of(new RunStatus.SinkStatus("in\"flux", Forwarder.State.RETRYING, 90, 20)), pge, Optional.empty());
    }

    @Test
    void metricsCarryEveryCounterWithSinkLabelsEscaped() {
        String text = PrometheusText.of(status(Optional.of(START.plusSeconds(590)),
                Optional.of(new RunStatus.PgeStatus(Optional.of(Instant.ofEpochSecond(1_795_400_000L)), 2))));
        assertThat(text.lines()).contains(
                "metertap_emu2_fragments_accepted_total 120",
                "metertap_emu2_fragments_rejected_total{reason=\"InstantaneousDemand: missing Demand\"} 2",
                "metertap_emu2_fragments_clobbered_total 7",
                "metertap_emu2_reconnects_total 3",
                "metertap_readings_stored_total 110",
                "metertap_last_reading_age_seconds 10.0",
                "metertap_sink_outbox_lag_points{sink=\"in\\\"flux\"} 20",
                "metertap_sink_points_sent_total{sink=\"in\\\"flux\"} 90",
                "metertap_sink_up{sink=\"in\\\"flux\"} 0",
                "metertap_pge_last_success_timestamp_seconds 1795400000",
                "metertap_pge_notifications_refused_total 2",
                "# TYPE metertap_emu2_reconnects_total counter");
    }

    @Test
    void beforeTheFirstReadingThereIsNoAgeAndWithoutPgeNoPgeMetrics() {
        String text = PrometheusText.of(status(Optional.empty(), Optional.empty()));
        assertThat(text).doesNotContain("metertap_last_reading_age_seconds").doesNotContain("metertap_pge_");
        assertThat(StatusJson.of(status(Optional.empty(), Optional.empty())))
                .contains("\"lastReadingAgeSeconds\":null").doesNotContain("\"pge\"");
    }

    @Test
    void statusJsonNamesTheDeviceTheCountersAndEachSink() {
        String json = StatusJson.of(status(Optional.of(START.plusSeconds(590)), Optional.empty()));
        assertThat(json).contains("\"device\":\"0xd8d5b90000001234\"", "\"fragmentsAccepted\":120", "\"fragmentsRejected\":2",
                "\"reconnects\":3", "\"readingsStored\":110", "\"lastReadingAgeSeconds\":10.0",
                "{\"name\":\"in\\\"flux\",\"state\":\"RETRYING\",\"pointsSent\":90,\"outboxLag\":20}");
    }

    @Test
    void theRadioShowsItsHealthInBoth() {
        RtlamrHealth health = new RtlamrHealth(RtlamrSource.State.WAITING, "rtlamr -format=json", 3,
                Optional.of("wrote no message for 5 min"), Optional.of(START.plusSeconds(540)),
                new RtlamrStats(500, 5, 320, 90, 1, 84, Map.of(48151623L, 60L)));
        RunStatus base = status(Optional.empty(), Optional.empty());
        RunStatus status = new RunStatus(base.at(), base.startedAt(), base.emu2Connected(), base.device(), base.emu2(),
                base.readingsStored(), base.storeFailures(), base.lastReadingAt(), base.sinks(), base.pge(),
                Optional.of(new RunStatus.RtlamrStatus(health, 84, 0)));
        assertThat(PrometheusText.of(status).lines()).contains("metertap_rtlamr_up 0", "metertap_rtlamr_restarts_total 3",
                "metertap_rtlamr_messages_total 500", "metertap_rtlamr_lines_skipped_total 5",
                "metertap_rtlamr_other_meters_messages_total 320", "metertap_rtlamr_readings_stored_total 84",
                "metertap_rtlamr_last_message_age_seconds 60.0");
        assertThat(StatusJson.of(status)).contains("\"rtlamr\":{\"state\":\"WAITING\"", "\"restarts\":3",
                "\"lastRestartReason\":\"wrote no message for 5 min\"", "\"otherMetersMessages\":320", "\"readingsStored\":84");
        assertThat(StatusJson.of(base)).doesNotContain("rtlamr");
        assertThat(PrometheusText.of(base)).doesNotContain("rtlamr");
    }
}
