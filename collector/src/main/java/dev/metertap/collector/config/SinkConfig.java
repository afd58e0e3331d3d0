package dev.metertap.collector.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.metertap.collector.sink.Backoff;
import dev.metertap.collector.sink.Batching;
import dev.metertap.collector.sink.Sink;

import java.io.PrintStream;
import java.util.Map;

/** One entry of {@code sinks:}; {@code type} picks the kind. Batching and backoff default to the top-level ones. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = InfluxV1SinkConfig.class, name = "influxdb-v1"),
        @JsonSubTypes.Type(value = InfluxV2SinkConfig.class, name = "influxdb-v2"),
        @JsonSubTypes.Type(value = StdoutSinkConfig.class, name = "stdout"),
        @JsonSubTypes.Type(value = MqttSinkConfig.class, name = "mqtt")})
public sealed interface SinkConfig permits InfluxV1SinkConfig, InfluxV2SinkConfig, StdoutSinkConfig, MqttSinkConfig {

    String name();

    /**
     * Builds the sink, reading its secrets now.
     *
     * @param keyPath where this entry is in the file ({@code sinks[1]}), for error messages
     */
    Sink open(String keyPath, Map<String, String> environment, PrintStream stdout);

    /** Null to use the top-level {@code batching}. */
    Batching batching();

    /** Null to use the top-level {@code backoff}. */
    Backoff backoff();

    static String requireName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("'name' is required: letters, digits, '_', '.', '-'");
        }
        return name;
    }
}
