package dev.metertap.collector.config;

import dev.metertap.collector.secret.Secret;
import dev.metertap.collector.sink.Backoff;
import dev.metertap.collector.sink.Batching;
import dev.metertap.collector.sink.InfluxSink;
import dev.metertap.collector.sink.Sink;

import java.io.PrintStream;
import java.util.Map;

import java.net.URI;
import java.time.Duration;

/** {@code type: influxdb-v1}. {@code password} is a {@link SecretRef}, needed only with {@code username}. */
public record InfluxV1SinkConfig(String name, URI url, String database, String retentionPolicy,
                                 String username, SecretRef password, Duration timeout,
                                 Batching batching, Backoff backoff) implements SinkConfig {

    public InfluxV1SinkConfig {
        SinkConfig.requireName(name);
        if (url == null || url.getScheme() == null || url.getHost() == null) {
            throw new IllegalArgumentException("'url' is required, like http://localhost:8086");
        }
        if (url.getUserInfo() != null || url.getQuery() != null) {
            // a URL ends up in log lines and error messages: no secret may live in it
            throw new IllegalArgumentException("'url' must not carry credentials or a query: use 'username' and 'password'");
        }
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("'database' is required");
        }
        if (password != null && username == null) {
            throw new IllegalArgumentException("'password' needs a 'username'");
        }
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }

    @Override
    public Sink open(String keyPath, Map<String, String> environment, PrintStream stdout) {
        Secret secret = password == null ? null : password.resolve(keyPath + ".password", environment);
        return InfluxSink.v1(name, url, database, retentionPolicy, username, secret, timeout);
    }
}
