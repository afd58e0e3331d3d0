package dev.metertap.collector.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /status}: one JSON object, times as ISO-8601 instants, ages in seconds. */
final class StatusJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StatusJson() {
    }

    static String of(RunStatus status) {
        Map<String, Object> emu2 = new LinkedHashMap<>();
        emu2.put("connected", status.emu2Connected());
        emu2.put("device", status.device().orElse(null));
        emu2.put("fragmentsAccepted", status.emu2().accepted());
        emu2.put("fragmentsRejected", status.emu2().rejectedTotal());
        emu2.put("rejectedByReason", status.emu2().rejected());
        emu2.put("fragmentsClobbered", status.emu2().clobbered());
        emu2.put("fragmentsMalformed", status.emu2().malformed());
        emu2.put("fragmentsOversized", status.emu2().oversized());
        emu2.put("repeatsSuppressed", status.emu2().duplicates());
        emu2.put("reconnects", status.emu2().reconnects());

        Map<String, Object> store = new LinkedHashMap<>();
        store.put("readingsStored", status.readingsStored());
        store.put("storeFailures", status.storeFailures());
        store.put("lastReadingAt", text(status.lastReadingAt()));
        store.put("lastReadingAgeSeconds", status.lastReadingAge().map(age -> age.toMillis() / 1000.0).orElse(null));

        List<Map<String, Object>> sinks = status.sinks().stream().map(sink -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", sink.name());
            one.put("state", sink.state().name());
            one.put("pointsSent", sink.pointsSent());
            one.put("outboxLag", sink.outboxLag());
            return one;
        }).toList();

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("at", status.at().toString());
        root.put("startedAt", status.startedAt() == null ? null : status.startedAt().toString());
        root.put("emu2", emu2);
        root.put("store", store);
        root.put("sinks", sinks);
        status.pge().ifPresent(pge -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("lastSuccess", text(pge.lastSuccess()));
            one.put("refusedNotifications", pge.refusedNotifications());
            root.put("pge", one);
        });
        status.rtlamr().ifPresent(radio -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("state", radio.health().state().name());
            one.put("feed", radio.health().feed());
            one.put("restarts", radio.health().restarts());
            one.put("lastRestartReason", radio.health().lastRestartWhy().orElse(null));
            one.put("lastMessageAt", text(radio.health().lastMessageAt()));
            one.put("messages", radio.health().stats().messages());
            one.put("linesSkipped", radio.health().stats().notRtlamr());
            one.put("otherMetersMessages", radio.health().stats().othersHeard());
            one.put("repeatsSuppressed", radio.health().stats().repeats());
            one.put("backwardsRejected", radio.health().stats().backwards());
            one.put("readingsStored", radio.readingsStored());
            one.put("storeFailures", radio.storeFailures());
            root.put("rtlamr", one);
        });
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the status as JSON", e);
        }
    }

    private static String text(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }
}
