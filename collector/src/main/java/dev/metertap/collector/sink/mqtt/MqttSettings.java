package dev.metertap.collector.sink.mqtt;

import dev.metertap.certs.Identity;
import dev.metertap.collector.secret.Secret;
import dev.metertap.collector.sink.Backoff;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An {@code mqtt} sink as configured, secrets resolved.
 *
 * @param tls          null for plain MQTT
 * @param username     null for an anonymous connection
 * @param password     null without one
 * @param offlineAfter a meter with no reading for this long is {@code offline}
 * @param timeout      how long a publish may wait for the broker's acknowledgement
 * @param reconnect    the delays between attempts to reach the broker
 */
public record MqttSettings(String sinkName, String host, int port, Tls tls, String clientId, String username, Secret password,
                           int qos, MqttTopics topics, Duration offlineAfter, Duration timeout, Backoff reconnect) {

    public MqttSettings {
        Objects.requireNonNull(sinkName, "sinkName");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(offlineAfter, "offlineAfter");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(reconnect, "reconnect");
    }

    /** The broker as log lines name it (no credentials). */
    public String broker() {
        return (tls == null ? "mqtt://" : "mqtts://") + host + ":" + port;
    }

    /**
     * @param trusted  the CAs to trust instead of the JDK's; null for the JDK's
     * @param identity the client certificate to offer; null for none
     */
    public record Tls(List<X509Certificate> trusted, Identity identity) {
        public Tls {
            trusted = trusted == null ? null : List.copyOf(trusted);
        }
    }
}
