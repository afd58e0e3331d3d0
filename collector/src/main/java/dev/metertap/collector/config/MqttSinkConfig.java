package dev.metertap.collector.config;

import dev.metertap.certs.CertificateException;
import dev.metertap.certs.Identity;
import dev.metertap.certs.Pem;
import dev.metertap.collector.secret.Secret;
import dev.metertap.collector.sink.Backoff;
import dev.metertap.collector.sink.Batching;
import dev.metertap.collector.sink.Sink;
import dev.metertap.collector.sink.mqtt.MqttSettings;
import dev.metertap.collector.sink.mqtt.MqttSink;
import dev.metertap.collector.sink.mqtt.MqttTopics;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code type: mqtt}: the meter's latest state for Home Assistant on an MQTT broker, {@code mqtt://} or
 * {@code mqtts://}. {@code password} is a {@link SecretRef}, needed only with {@code username}; {@code ca-file}
 * replaces the JDK's trusted CAs, {@code certificate} and {@code key} (PEM) are an optional client certificate.
 */
public record MqttSinkConfig(String name, URI url, String clientId, String username, SecretRef password,
                             Path caFile, Path certificate, Path key, Integer qos, String topicPrefix,
                             String discoveryPrefix, Duration offlineAfter, Duration timeout,
                             Batching batching, Backoff backoff) implements SinkConfig {

    public MqttSinkConfig {
        SinkConfig.requireName(name);
        if (url == null || url.getHost() == null || !("mqtt".equals(url.getScheme()) || "mqtts".equals(url.getScheme()))) {
            throw new IllegalArgumentException("'url' is required, like mqtt://127.0.0.1:1883 or mqtts://broker.lan:8883");
        }
        if (url.getUserInfo() != null || url.getQuery() != null || !(url.getPath() == null || url.getPath().isEmpty() || url.getPath().equals("/"))) {
            // a URL ends up in log lines and error messages: no secret may live in it
            throw new IllegalArgumentException("'url' is a broker's address only, without credentials, path or query: use 'username' and 'password'");
        }
        boolean tls = "mqtts".equals(url.getScheme());
        if (!tls && (caFile != null || certificate != null || key != null)) {
            throw new IllegalArgumentException("'ca-file', 'certificate' and 'key' need an mqtts:// url");
        }
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException("'certificate' and 'key' go together: the client certificate and its private key");
        }
        if (password != null && username == null) {
            throw new IllegalArgumentException("'password' needs a 'username'");
        }
        clientId = clientId == null ? "metertap-" + name : clientId;
        if (clientId.isBlank() || clientId.length() > 64) {
            throw new IllegalArgumentException("'client-id' must be 1 to 64 characters");
        }
        qos = qos == null ? 1 : qos;
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("'qos' is 0, 1 or 2");
        }
        topicPrefix = topicPrefix == null ? "metertap" : MqttTopics.checkPrefix(topicPrefix, "topic-prefix");
        discoveryPrefix = discoveryPrefix == null ? "homeassistant" : MqttTopics.checkPrefix(discoveryPrefix, "discovery-prefix");
        offlineAfter = offlineAfter == null ? Duration.ofMinutes(5) : offlineAfter;
        if (offlineAfter.isZero()) {
            throw new IllegalArgumentException("'offline-after' must be longer than 0s");
        }
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        if (timeout.isZero()) {
            throw new IllegalArgumentException("'timeout' must be longer than 0s");
        }
    }

    /** This entry with the reconnect backoff it gets when it names none: the top-level one. */
    MqttSinkConfig withBackoff(Backoff fallback) {
        return backoff != null ? this : new MqttSinkConfig(name, url, clientId, username, password, caFile, certificate, key,
                qos, topicPrefix, discoveryPrefix, offlineAfter, timeout, batching, fallback);
    }

    @Override
    public Sink open(String keyPath, Map<String, String> environment, PrintStream stdout) {
        Secret secret = password == null ? null : password.resolve(keyPath + ".password", environment);
        boolean tls = "mqtts".equals(url.getScheme());
        int port = url.getPort() >= 0 ? url.getPort() : tls ? 8883 : 1883;
        MqttSettings.Tls tlsSettings = tls ? new MqttSettings.Tls(trusted(keyPath), identity(keyPath)) : null;
        MqttSettings settings = new MqttSettings(name, url.getHost(), port, tlsSettings, clientId, username, secret, qos,
                new MqttTopics(topicPrefix, discoveryPrefix), offlineAfter, timeout, backoff == null ? Backoff.DEFAULT : backoff);
        return new MqttSink(settings, Clock.systemUTC());
    }

    /** Null: the JDK's own trusted CAs. */
    private List<X509Certificate> trusted(String keyPath) {
        if (caFile == null) {
            return null;
        }
        try {
            List<X509Certificate> certificates = Pem.readCertificates(caFile);
            if (certificates.isEmpty()) {
                throw new ConfigException(keyPath + ".ca-file: no certificate in " + caFile);
            }
            return certificates;
        } catch (CertificateException e) {
            throw new ConfigException(keyPath + ".ca-file: " + e.getMessage(), e);
        }
    }

    private Identity identity(String keyPath) {
        if (certificate == null) {
            return null;
        }
        try {
            return Pem.readIdentity(certificate, key);
        } catch (CertificateException e) {
            throw new ConfigException(keyPath + ".certificate/" + keyPath + ".key: " + e.getMessage(), e);
        }
    }
}
