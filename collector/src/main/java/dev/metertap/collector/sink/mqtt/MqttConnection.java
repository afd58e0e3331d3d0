package dev.metertap.collector.sink.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.exceptions.ConnectionClosedException;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import dev.metertap.certs.Pkcs12;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one class that talks to the HiveMQ MQTT client: an MQTT 3.1.1 connection with a retained last will
 * ({@code offline} on the collector's status topic), reconnecting after any loss with the sink's capped backoff,
 * subscribed to Home Assistant's status. Callbacks run on the client's threads: hand them off, never block them.
 */
final class MqttConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MqttConnection.class);
    private static final java.util.concurrent.Executor NETTY_THREADS = java.util.concurrent.Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "mqtt-io");
        thread.setDaemon(true);
        return thread;
    });
    private static final char[] KEY_STORE_PASSWORD = "metertap".toCharArray();  // an in-memory store only

    private final MqttSettings settings;
    private final Mqtt3AsyncClient client;
    private final Runnable onConnected;
    private final Consumer<String> onHomeAssistantStatus;
    private volatile boolean closing;
    /** A loss is logged once, not once per attempt; set on the client's threads. */
    private volatile boolean lossLogged;
    /** The broker accepted the current connection (CONNACK): a close before that is a refusal, not a loss. */
    private volatile boolean accepted;

    MqttConnection(MqttSettings settings, Runnable onConnected, Consumer<String> onHomeAssistantStatus) {
        this.settings = settings;
        this.onConnected = onConnected;
        this.onHomeAssistantStatus = onHomeAssistantStatus;
        Mqtt3ClientBuilder builder = MqttClient.builder().useMqttVersion3()
                .identifier(settings.clientId())
                .serverHost(settings.host())
                .serverPort(settings.port())
                // daemon threads: a client closed while reconnecting may keep its event loop (hivemq-mqtt-client #756),
                // which must not keep the JVM from exiting
                .executorConfig().nettyExecutor(NETTY_THREADS).nettyThreads(1).applyExecutorConfig()
                .addConnectedListener(context -> connected())
                .addDisconnectedListener(this::disconnected);
        if (settings.tls() != null) {
            builder = builder.sslConfig(ssl(settings.tls()));
        }
        this.client = builder.buildAsync();
    }

    /** Starts connecting and returns at once: until the broker answers, {@link #connected()} is false. */
    void start() {
        client.publishes(MqttGlobalPublishFilter.SUBSCRIBED, publish -> {
            if (publish.getTopic().toString().equals(settings.topics().homeAssistantStatus())) {
                onHomeAssistantStatus.accept(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8));
            }
        });
        Mqtt3ConnectBuilder.Send<CompletableFuture<com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck>> connect =
                client.connectWith().cleanSession(true).keepAlive(30);
        if (settings.username() != null) {
            var auth = connect.simpleAuth().username(settings.username());
            if (settings.password() != null) {
                auth = auth.password(settings.password().reveal().getBytes(StandardCharsets.UTF_8));
            }
            connect = auth.applySimpleAuth();
        }
        connect.willPublish().topic(settings.topics().collectorStatus()).payload(MqttSink.OFFLINE.getBytes(StandardCharsets.UTF_8))
                .qos(qos()).retain(true).applyWillPublish()
                .send();  // failures reach disconnected(), which schedules the next attempt
    }

    boolean isConnected() {
        return client.getState().isConnected();
    }

    /** Publishes; the future completes when the broker has it (at QoS 1 and 2) or it was written (QoS 0). */
    CompletableFuture<?> publish(String topic, String payload, boolean retain) {
        return client.publishWith().topic(topic).payload(payload.getBytes(StandardCharsets.UTF_8)).qos(qos()).retain(retain).send();
    }

    private MqttQos qos() {
        return MqttQos.fromCode(settings.qos());
    }

    private void connected() {
        if (closing) {
            client.disconnect();  // an attempt scheduled before close() got through
            return;
        }
        if (lossLogged) {
            log.info("sink '{}' reconnected to the MQTT broker {}", settings.sinkName(), settings.broker());
        } else {
            log.info("sink '{}' connected to the MQTT broker {}", settings.sinkName(), settings.broker());
        }
        lossLogged = false;
        accepted = true;
        client.subscribeWith().topicFilter(settings.topics().homeAssistantStatus()).qos(MqttQos.AT_LEAST_ONCE).send();
        onConnected.run();
    }

    private void disconnected(MqttClientDisconnectedContext context) {
        if (closing || context.getSource() == MqttDisconnectSource.USER) {
            return;
        }
        String problem = describe(context.getCause());
        accepted = false;
        int attempt = Math.max(1, context.getReconnector().getAttempts());  // the client counts a failed first connect as an attempt, a lost connection as none
        long delay = settings.reconnect().delay(attempt).toMillis();
        if (!lossLogged) {
            lossLogged = true;
            log.warn("sink '{}': {}; retrying in {} ms, backing off up to {} ms", settings.sinkName(), problem,
                    delay, settings.reconnect().max().toMillis());
        } else {
            log.debug("sink '{}' reconnect attempt {} failed, next in {} ms: {}", settings.sinkName(), attempt, delay, problem);
        }
        // subscriptions are made again in connected(), so none is restored twice
        context.getReconnector().reconnect(true).resubscribeIfSessionExpired(false).delay(delay, TimeUnit.MILLISECONDS);
    }

    /** One line in the user's words; never the password. */
    private String describe(Throwable cause) {
        String broker = settings.broker();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof Mqtt3ConnAckException refused) {
                return switch (refused.getMqttMessage().getReturnCode()) {
                    case BAD_USER_NAME_OR_PASSWORD -> "the MQTT broker " + broker + " refused the username or password";
                    case NOT_AUTHORIZED -> "the MQTT broker " + broker + " refused this client: not authorized (check the username and password)";
                    case IDENTIFIER_REJECTED -> "the MQTT broker " + broker + " rejected the client id '" + settings.clientId() + "'";
                    default -> "the MQTT broker " + broker + " refused the connection (" + refused.getMqttMessage().getReturnCode() + ")";
                };
            }
            if (t instanceof SSLException tls) {
                return "the TLS handshake with " + broker + " failed: " + tlsProblem(tls);
            }
            if (t instanceof ConnectException) {
                return "cannot connect to the MQTT broker " + broker + " (connection refused)";
            }
            if (t instanceof ConnectionClosedException && !accepted) {
                // mosquitto closes a TLS connection without a client certificate it requires right after the handshake
                return "the MQTT broker " + broker + " closed the connection before accepting this client"
                        + (settings.tls() != null && settings.tls().identity() == null
                        ? " (does it require a client certificate? give 'certificate' and 'key')" : "");
            }
            if (t instanceof ConnectionClosedException) {
                return "lost the connection to the MQTT broker " + broker;
            }
        }
        return "lost the connection to the MQTT broker " + broker + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** What went wrong in TLS, without the JDK's class names. */
    private String tlsProblem(SSLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("PKIX path")) {
            return "its certificate is not issued by a CA this sink trusts ("
                    + (settings.tls().trusted() == null ? "the JDK's CAs; give 'ca-file'" : "the 'ca-file'") + ")";
        }
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return "its certificate does not name the host " + settings.host();
        }
        if (message.contains("certificate_required") || message.contains("bad_certificate") || message.contains("unknown_ca")) {
            return settings.tls().identity() == null ? "it requires a client certificate: give 'certificate' and 'key'"
                    : "it does not accept this client certificate";
        }
        return message.replaceAll("\\b[a-z]+(\\.[a-z0-9]+)+\\.[A-Z][A-Za-z]*(Exception|Error): ", "");
    }

    private static MqttClientSslConfig ssl(MqttSettings.Tls tls) {
        try {
            var ssl = MqttClientSslConfig.builder();
            if (tls.trusted() != null) {
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(Pkcs12.trustStore(tls.trusted()));
                ssl = ssl.trustManagerFactory(trust);
            }
            if (tls.identity() != null) {
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(Pkcs12.keyStore(tls.identity(), KEY_STORE_PASSWORD), KEY_STORE_PASSWORD);
                ssl = ssl.keyManagerFactory(keys);
            }
            return ssl.build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for the MQTT broker: " + e.getMessage(), e);
        }
    }

    /** Says {@code offline} on the status topic (a clean disconnect drops the will), then disconnects. */
    @Override
    public void close() {
        closing = true;
        try {
            if (isConnected()) {
                publish(settings.topics().collectorStatus(), MqttSink.OFFLINE, true).get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            log.debug("sink '{}' could not say offline before disconnecting: {}", settings.sinkName(), e.toString());
        }
        try {
            client.disconnect().get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.debug("sink '{}' disconnect: {}", settings.sinkName(), e.toString());
        }
    }
}
