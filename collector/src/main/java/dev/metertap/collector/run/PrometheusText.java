package dev.metertap.collector.run;

import java.util.Map;

/**
 * {@code /metrics} in Prometheus' text format 0.0.4: counters end in {@code _total}, times are Unix
 * seconds, an age that does not exist yet (no reading so far) is left out rather than reported as 0.
 */
final class PrometheusText {

    private PrometheusText() {
    }

    static String of(RunStatus status) {
        StringBuilder out = new StringBuilder(2048);
        counter(out, "metertap_emu2_fragments_accepted_total", "EMU-2 fragments decoded into messages", status.emu2().accepted());
        help(out, "metertap_emu2_fragments_rejected_total", "counter", "EMU-2 fragments well-formed but rejected, by reason");
        if (status.emu2().rejected().isEmpty()) {
            out.append("metertap_emu2_fragments_rejected_total 0\n");
        }
        for (Map.Entry<String, Long> reason : status.emu2().rejected().entrySet()) {
            out.append("metertap_emu2_fragments_rejected_total{reason=\"").append(label(reason.getKey())).append("\"} ")
                    .append(reason.getValue()).append('\n');
        }
        counter(out, "metertap_emu2_fragments_clobbered_total", "EMU-2 fragments cut short by the device", status.emu2().clobbered());
        counter(out, "metertap_emu2_fragments_malformed_total", "EMU-2 fragments with a mismatched or invalid tag", status.emu2().malformed());
        counter(out, "metertap_emu2_fragments_oversized_total", "EMU-2 fragments dropped for size", status.emu2().oversized());
        counter(out, "metertap_emu2_reconnects_total", "EMU-2 connections after the first", status.emu2().reconnects());
        gauge(out, "metertap_emu2_connected", "1 while the EMU-2 is connected", status.emu2Connected() ? 1 : 0);
        counter(out, "metertap_readings_stored_total", "EMU-2 readings committed to the store", status.readingsStored());
        counter(out, "metertap_store_failures_total", "EMU-2 readings the store could not take", status.storeFailures());
        if (status.lastReadingAge().isPresent()) {
            help(out, "metertap_last_reading_age_seconds", "gauge", "seconds since the last EMU-2 reading was stored");
            out.append("metertap_last_reading_age_seconds ").append(status.lastReadingAge().get().toMillis() / 1000.0).append('\n');
        }
        help(out, "metertap_sink_outbox_lag_points", "gauge", "stored points a sink has not acknowledged yet");
        status.sinks().forEach(sink -> out.append("metertap_sink_outbox_lag_points{sink=\"").append(label(sink.name())).append("\"} ")
                .append(sink.outboxLag()).append('\n'));
        help(out, "metertap_sink_points_sent_total", "counter", "points a sink acknowledged since start");
        status.sinks().forEach(sink -> out.append("metertap_sink_points_sent_total{sink=\"").append(label(sink.name())).append("\"} ")
                .append(sink.pointsSent()).append('\n'));
        help(out, "metertap_sink_up", "gauge", "1 while a sink forwards normally, 0 while retrying or paused");
        status.sinks().forEach(sink -> out.append("metertap_sink_up{sink=\"").append(label(sink.name())).append("\"} ")
                .append(sink.state().name().equals("RUNNING") ? 1 : 0).append('\n'));
        status.pge().ifPresent(pge -> {
            if (pge.lastSuccess().isPresent()) {
                help(out, "metertap_pge_last_success_timestamp_seconds", "gauge", "when PG&E's daily request last completed");
                out.append("metertap_pge_last_success_timestamp_seconds ").append(pge.lastSuccess().get().getEpochSecond()).append('\n');
            }
            counter(out, "metertap_pge_notifications_refused_total", "notifications refused (forged, foreign URLs, oversized…)",
                    pge.refusedNotifications());
        });
        status.rtlamr().ifPresent(radio -> {
            gauge(out, "metertap_rtlamr_up", "1 while rtlamr runs and is read, 0 while it is restarted",
                    radio.health().state().name().equals("READING") ? 1 : 0);
            counter(out, "metertap_rtlamr_restarts_total", "rtlamr restarts after it exited or went silent", radio.health().restarts());
            counter(out, "metertap_rtlamr_messages_total", "rtlamr messages read, every meter", radio.health().stats().messages());
            counter(out, "metertap_rtlamr_lines_skipped_total", "lines that were not rtlamr's JSON", radio.health().stats().notRtlamr());
            counter(out, "metertap_rtlamr_other_meters_messages_total", "messages from meters not configured: counted, not stored",
                    radio.health().stats().othersHeard());
            counter(out, "metertap_rtlamr_readings_stored_total", "radio readings committed to the store", radio.readingsStored());
            if (radio.health().lastMessageAt().isPresent()) {
                help(out, "metertap_rtlamr_last_message_age_seconds", "gauge", "seconds since rtlamr's last message");
                out.append("metertap_rtlamr_last_message_age_seconds ")
                        .append(java.time.Duration.between(radio.health().lastMessageAt().get(), status.at()).toMillis() / 1000.0).append('\n');
            }
        });
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        help(out, name, "counter", help);
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        help(out, name, "gauge", help);
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void help(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String label(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
