package dev.metertap.collector.config;

import dev.metertap.collector.sink.Backoff;
import dev.metertap.collector.sink.Batching;
import dev.metertap.collector.sink.InfluxSink;
import dev.metertap.collector.sink.Sink;

import java.io.PrintStream;
import java.util.Map;

import java.net.URI;
import java.time.Duration;

/** {@code type: influxdb-v2}: an organisation, a bucket and a token ({@link SecretRef}). */
public record InfluxV2SinkConfig(String name, URI url, String org, String bucket, SecretRef token, Duration timeout,
                                 Batching batching, Backoff backoff) implements SinkConfig {

    public InfluxV2SinkConfig {
        SinkConfig.requireName(name);
        if (url == null || url.getScheme() == null || url.getHost() == null) {
            throw new IllegalArgumentException("'url' is required, like http://localhost:8086");
        }
        if (url.getUserInfo() != null || url.getQuery() != null) {
            // a URL ends up in log lines and error messages: no secret may live in it
            throw new IllegalArgumentException("'url' must not carry credentials or a query: use 'token'");
        }
        if (org == null || org.isBlank()) {
            throw new IllegalArgumentException("'org' is required");
        }
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("'bucket' is required");
        }
        if (token == null) {
            throw new IllegalArgumentException("'token' is required: {env: NAME} or {file: PATH}");
        }
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }

    @Override
    public Sink open(String keyPath, Map<String, String> environment, PrintStream stdout) {
        return InfluxSink.v2(name, url, org, bucket, token.resolve(keyPath + ".token", environment), timeout);
    }
}
