package dev.metertap.collector.config;

import dev.metertap.collector.sink.Backoff;
import dev.metertap.collector.sink.Batching;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The whole configuration file. Every section is optional; an empty file means the defaults and no sinks. */
public record MetertapConfig(StoreConfig store, Batching batching, Backoff backoff, List<SinkConfig> sinks, PgeConfig pge,
                             Emu2Config emu2, StatusConfig status, ScheduleConfig schedule, ReportConfig report,
                             RtlamrConfig rtlamr) {

    public static final MetertapConfig DEFAULTS = new MetertapConfig(null, null, null, null, null, null, null, null, null, null);

    public MetertapConfig {
        store = store == null ? new StoreConfig(null) : store;
        batching = batching == null ? Batching.DEFAULT : batching;
        backoff = backoff == null ? Backoff.DEFAULT : backoff;
        sinks = sinks == null ? List.of() : List.copyOf(sinks);
        emu2 = emu2 == null ? Emu2Config.DEFAULTS : emu2;
        status = status == null ? StatusConfig.DEFAULTS : status;
        schedule = schedule == null ? new ScheduleConfig(null, null) : schedule;
        report = report == null ? ReportConfig.DEFAULTS : report;
        Set<String> names = new HashSet<>();
        for (SinkConfig sink : sinks) {
            if (!names.add(sink.name())) {
                throw new IllegalArgumentException("two sinks are named '" + sink.name() + "'");
            }
        }
    }

    public Batching batchingOf(SinkConfig sink) {
        return sink.batching() != null ? sink.batching() : batching;
    }

    public Backoff backoffOf(SinkConfig sink) {
        return sink.backoff() != null ? sink.backoff() : backoff;
    }

    /** The {@code pge:} section, or a {@link ConfigException} saying it is missing. */
    public PgeConfig requirePge() {
        if (pge == null) {
            throw new ConfigException("no 'pge:' section in the configuration: PG&E Share My Data needs client-id, client-secret"
                    + " and the client certificate (see 'metertap pge --help')");
        }
        return pge;
    }

    /** The sink named {@code name}, or a {@link ConfigException} listing the configured ones. */
    public SinkConfig sink(String name) {
        return sinks.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new ConfigException(
                "no sink named '" + name + "' in the configuration; configured: "
                        + (sinks.isEmpty() ? "none" : String.join(", ", sinks.stream().map(SinkConfig::name).toList()))));
    }
}
