package dev.metertap.collector.sink.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Home Assistant's side, as far as the broker can tell: a client of the same library subscribed to everything,
 * recording each message it receives (retained ones included) so a test can wait for what it expects.
 */
public final class MqttObserver implements AutoCloseable {

    public record Message(String topic, String payload, boolean retained) {
    }

    private final Mqtt3AsyncClient client;
    private final List<Message> received = new ArrayList<>();

    private MqttObserver(Mqtt3AsyncClient client) {
        this.client = client;
    }

    public static MqttObserver connect(int port, MqttClientSslConfig tls, String username, String password) throws Exception {
        return connect(port, tls, username, password, "#");
    }

    /** Subscribed at QoS 1 to {@code filter} only (an ACL may refuse {@code #}). */
    public static MqttObserver connect(int port, MqttClientSslConfig tls, String username, String password, String filter) throws Exception {
        Mqtt3ClientBuilder builder = MqttClient.builder().useMqttVersion3().identifier("observer-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port);
        if (tls != null) {
            builder = builder.sslConfig(tls);
        }
        MqttObserver observer = new MqttObserver(builder.buildAsync());
        observer.client.publishes(MqttGlobalPublishFilter.ALL, publish -> observer.record(new Message(publish.getTopic().toString(),
                new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8), publish.isRetain())));
        var connect = observer.client.connectWith().cleanSession(true);
        if (username != null) {
            connect.simpleAuth().username(username).password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send().get(30, TimeUnit.SECONDS);
        } else {
            connect.send().get(30, TimeUnit.SECONDS);
        }
        var subAck = observer.client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send().get(30, TimeUnit.SECONDS);
        if (subAck.getReturnCodes().stream().anyMatch(code -> code.isError())) {
            throw new IllegalStateException("the broker refused the subscription to " + filter + ": " + subAck.getReturnCodes());
        }
        return observer;
    }

    public static MqttObserver connect(int port) throws Exception {
        return connect(port, null, null, null);
    }

    private synchronized void record(Message message) {
        received.add(message);
        notifyAll();
    }

    /** The first message on {@code topic} that {@code matching} accepts, received so far or within {@code timeout}. */
    public synchronized Message await(String topic, Predicate<String> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (true) {
            for (; seen < received.size(); seen++) {
                Message message = received.get(seen);
                if (message.topic().equals(topic) && matching.test(message.payload())) {
                    return message;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching message on " + topic + " within " + timeout.toSeconds() + " s; received there: " + payloads(topic));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    public synchronized Message await(String topic, Duration timeout) throws InterruptedException {
        return await(topic, payload -> true, timeout);
    }

    /** Every payload received on {@code topic}, in order. */
    public synchronized List<String> payloads(String topic) {
        return received.stream().filter(m -> m.topic().equals(topic)).map(Message::payload).toList();
    }

    /** Every topic a message was received on, in the order first seen. */
    public synchronized List<String> topics() {
        return received.stream().map(Message::topic).distinct().toList();
    }

    /** Forgets what was received: the next {@link #await} sees only newer messages. */
    public synchronized void clear() {
        received.clear();
    }

    public void publish(String topic, String payload, boolean retain) throws Exception {
        client.publishWith().topic(topic).payload(payload.getBytes(StandardCharsets.UTF_8)).qos(MqttQos.AT_LEAST_ONCE).retain(retain)
                .send().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (client.getState().isConnected()) {
            client.disconnect().get(30, TimeUnit.SECONDS);
        }
    }
}
