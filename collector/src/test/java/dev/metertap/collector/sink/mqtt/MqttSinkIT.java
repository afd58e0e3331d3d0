package dev.metertap.collector.sink.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import dev.metertap.certs.CertificateAuthority;
import dev.metertap.certs.Identity;
import dev.metertap.certs.Pem;
import dev.metertap.certs.Pkcs12;
import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.config.MetertapConfig;
import dev.metertap.collector.reading.BaselineReading;
import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.LinkReading;
import dev.metertap.collector.reading.PriceReading;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.reading.SummationReading;
import dev.metertap.collector.sink.Forwarder;
import dev.metertap.collector.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The mqtt sink against Debian's real mosquitto, fed through the store's outbox by a forwarder built from a
 * metertap.yaml: what Home Assistant would see (observed by a client of the same library), over plain MQTT, with a
 * password and over TLS, across broker restarts and cut connections.
 */
class MqttSinkIT {

    private static final Duration WAIT = Duration.ofSeconds(60);  // generous: a loaded 2-core machine
    private static final String DEVICE = "0xd8d5b9000000a1b2";
    private static final String METER = "0x00135001000c3f4e";
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MqttTopics TOPICS = new MqttTopics("metertap", "homeassistant");

    @TempDir
    Path dir;
    private Store store;
    private final List<Forwarder> forwarders = new ArrayList<>();
    private final List<AutoCloseable> closeLast = new ArrayList<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void open() {
        assumeTrue(Mosquitto.binary().isPresent() || "true".equals(System.getenv("CI")), Mosquitto.ABSENT);
        store = Store.open(dir.resolve("metertap.db"));
        // slf4j-simple writes each line to whatever System.err is at that moment
        originalErr = System.err;
        System.setErr(new PrintStream(new TeeStream(log, originalErr), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void close() throws Exception {
        forwarders.forEach(Forwarder::close);
        if (store != null) {
            store.close();
        }
        for (AutoCloseable closeable : closeLast) {
            closeable.close();
        }
        if (originalErr != null) {
            System.setErr(originalErr);
        }
    }

    private Mosquitto started(Mosquitto mosquitto) throws Exception {
        closeLast.add(mosquitto);
        return mosquitto.start();
    }

    private MqttObserver observer(MqttObserver observer) {
        closeLast.add(0, observer);
        return observer;
    }

    private Forwarder sink(String entry, Map<String, String> environment) {
        String yaml = """
                sinks:
                  - name: ha
                    type: mqtt
                    batching: {max-delay: 0ms}
                    backoff: {initial: 50ms, max: 500ms}
                """ + entry.indent(4);
        ConfigLoader loader = new ConfigLoader(environment);
        MetertapConfig config = loader.parse(yaml, "metertap.yaml");
        Forwarder forwarder = loader.forwarders(config, store, System.out).get(0);
        forwarders.add(forwarder);
        forwarder.start();
        return forwarder;
    }

    private void store(Reading... readings) {
        for (Reading reading : readings) {
            store.append(reading);
        }
    }

    private void awaitDelivered(Forwarder forwarder) throws InterruptedException {
        assertThat(forwarder.awaitDelivered(store.lastSeq(), WAIT)).as("the broker acknowledged everything stored").isTrue();
    }

    /** Waits until a log line holds {@code text}: the connection logs on the client's own threads. */
    private void awaitLog(String text) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (log) {
            while (!log.toString(StandardCharsets.UTF_8).contains(text)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no log line with '" + text + "' within " + WAIT.toSeconds() + " s:\n" + log.toString(StandardCharsets.UTF_8));
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(log, left);
            }
        }
    }

    private static DemandReading demand(int second, String kw) {
        return new DemandReading(DEVICE, METER, T0.plusSeconds(second), new BigDecimal(kw));
    }

    private static SummationReading summation(int second, String delivered, String received) {
        return new SummationReading(DEVICE, METER, T0.plusSeconds(second), new BigDecimal(delivered), new BigDecimal(received));
    }

    private static LinkReading link(int second, String status, int strength) {
        return new LinkReading(DEVICE, METER, T0.plusSeconds(second), status, strength);
    }

    private static JsonNode json(MqttObserver.Message message) throws Exception {
        return JSON.readTree(message.payload());
    }

    @Test
    void publishesRetainedDiscoveryStateAndAvailabilityForHomeAssistant() throws Exception {
        Mosquitto broker = started(Mosquitto.plain(dir.resolve("broker")));
        Forwarder forwarder = sink("url: mqtt://127.0.0.1:" + broker.port(), Map.of());
        store(demand(0, "1.250"), summation(1, "12345.678", "9.012"),
                new PriceReading(DEVICE, METER, T0.plusSeconds(2), "USD", new BigDecimal("0.3125"), 2),
                link(3, "Connected", 82),
                BaselineReading.of(Instant.parse("2026-11-23T08:00:00Z"), 184.26, "emu2"));
        awaitDelivered(forwarder);

        // Home Assistant subscribing later still finds everything: all of it is retained
        MqttObserver ha = observer(MqttObserver.connect(broker.port()));
        MqttObserver.Message discovery = ha.await(TOPICS.discovery(METER), WAIT);
        assertThat(discovery.topic()).isEqualTo("homeassistant/device/metertap_00135001000c3f4e/config");
        assertThat(discovery.retained()).isTrue();
        JsonNode config = json(discovery);
        assertThat(config.at("/device/identifiers/0").asText()).isEqualTo("metertap_00135001000c3f4e");
        assertThat(config.at("/origin/name").asText()).isEqualTo("metertap");
        assertThat(config.path("state_topic").asText()).isEqualTo("metertap/00135001000c3f4e/state");
        assertThat(config.path("availability_mode").asText()).isEqualTo("all");
        assertThat(config.path("availability").findValuesAsText("topic"))
                .containsExactly("metertap/status", "metertap/00135001000c3f4e/availability");
        JsonNode components = config.path("components");
        assertThat(components.fieldNames()).toIterable()
                .containsExactly("power", "energy_imported", "energy_exported", "price", "link_strength", "always_on");
        assertSensor(components.path("power"), "W", "power", "measurement");
        assertSensor(components.path("energy_imported"), "kWh", "energy", "total_increasing");
        assertSensor(components.path("energy_exported"), "kWh", "energy", "total_increasing");
        assertSensor(components.path("price"), "USD/kWh", null, "measurement");
        assertSensor(components.path("link_strength"), "%", null, "measurement");
        assertThat(components.at("/link_strength/entity_category").asText()).isEqualTo("diagnostic");
        assertSensor(components.path("always_on"), "W", "power", "measurement");
        assertThat(components.at("/energy_imported/value_template").asText()).isEqualTo("{{ value_json.energy_imported }}");
        assertThat(components.at("/energy_imported/unique_id").asText()).isEqualTo("metertap_00135001000c3f4e_energy_imported");

        MqttObserver.Message state = ha.await(TOPICS.state(METER), WAIT);
        assertThat(state.retained()).isTrue();
        JsonNode values = json(state);
        // the oracle: the readings stored above, in the sensors' units
        assertThat(values.path("power").decimalValue()).isEqualByComparingTo("1250");
        assertThat(values.path("energy_imported").decimalValue()).isEqualByComparingTo("12345.678");
        assertThat(values.path("energy_exported").decimalValue()).isEqualByComparingTo("9.012");
        assertThat(values.path("price").decimalValue()).isEqualByComparingTo("0.3125");
        assertThat(values.path("currency").asText()).isEqualTo("USD");
        assertThat(values.path("link_strength").asInt()).isEqualTo(82);
        assertThat(values.path("always_on").decimalValue()).isEqualByComparingTo("184.3");
        assertThat(ha.await(TOPICS.availability(METER), WAIT).payload()).isEqualTo("online");
        assertThat(ha.await("metertap/status", WAIT).payload()).isEqualTo("online");
    }

    private static void assertSensor(JsonNode component, String unit, String deviceClass, String stateClass) {
        assertThat(component.path("platform").asText()).isEqualTo("sensor");
        assertThat(component.path("unit_of_measurement").asText()).isEqualTo(unit);
        assertThat(component.path("device_class").isMissingNode() ? null : component.path("device_class").asText()).isEqualTo(deviceClass);
        assertThat(component.path("state_class").asText()).isEqualTo(stateClass);
    }

    @Test
    void aSummationBelowTheOnePublishedNeverReachesTheStateTopicAndIsLoggedOnce() throws Exception {
        Mosquitto broker = started(Mosquitto.plain(dir.resolve("broker")));
        MqttObserver ha = observer(MqttObserver.connect(broker.port()));
        Forwarder forwarder = sink("url: mqtt://127.0.0.1:" + broker.port(), Map.of());
        store(summation(0, "500.100", "1.000"));
        awaitDelivered(forwarder);
        ha.await(TOPICS.state(METER), p -> p.contains("500.1"), WAIT);
        // a device glitch: 0, then a value below the last, then the meter carries on
        store(summation(10, "0", "0"), demand(11, "0.400"), summation(20, "499.000", "1.000"), summation(30, "500.200", "1.001"));
        awaitDelivered(forwarder);
        ha.await(TOPICS.state(METER), p -> p.contains("500.2"), WAIT);

        List<BigDecimal> imported = new ArrayList<>();
        List<BigDecimal> exported = new ArrayList<>();
        for (String payload : ha.payloads(TOPICS.state(METER))) {
            JsonNode state = JSON.readTree(payload);
            imported.add(state.path("energy_imported").decimalValue());
            exported.add(state.path("energy_exported").decimalValue());
        }
        assertThat(imported).as("energy imported as published").isSortedAccordingTo(BigDecimal::compareTo)
                .allSatisfy(kwh -> assertThat(kwh).isGreaterThanOrEqualTo(new BigDecimal("500.100")));
        assertThat(exported).as("energy exported as published").isSortedAccordingTo(BigDecimal::compareTo)
                .allSatisfy(kwh -> assertThat(kwh).isGreaterThanOrEqualTo(new BigDecimal("1.000")));
        assertThat(imported.get(imported.size() - 1)).isEqualByComparingTo("500.200");
        // the demand stored between the glitches still got through
        assertThat(ha.payloads(TOPICS.state(METER))).anySatisfy(p -> assertThat(JSON.readTree(p).path("power").decimalValue()).isEqualByComparingTo("400"));
        String warnings = log.toString(StandardCharsets.UTF_8);
        assertThat(warnings.lines().filter(line -> line.contains("a summation read 0 kWh delivered"))).as(warnings).hasSize(1);
        assertThat(warnings.lines().filter(line -> line.contains("the delivered counter read 499.000 kWh"))).as(warnings).hasSize(1);
    }

    @Test
    void afterACollectorRestartASummationBelowTheLastPublishedOrZeroIsStillNotPublished() throws Exception {
        Mosquitto broker = started(Mosquitto.plain(dir.resolve("broker")));
        String url = "url: mqtt://127.0.0.1:" + broker.port();
        Forwarder before = sink(url, Map.of());
        store(summation(0, "500.100", "1.000"), demand(1, "1.000"));
        awaitDelivered(before);
        forwarders.remove(before);
        before.close();
        store.close();
        // the broker restarts too and forgets its retained state (persistence false): only the store remembers
        broker.stop();
        broker.start();
        MqttObserver ha = observer(MqttObserver.connect(broker.port()));
        store = Store.open(dir.resolve("metertap.db"));
        // the display restarted with the collector: a 0, then a low total, then the meter's true total again
        store(summation(10, "0", "0"), demand(11, "0.400"), summation(20, "3.000", "0.500"), demand(21, "0.600"));
        Forwarder after = sink(url, Map.of());
        awaitDelivered(after);
        ha.await(TOPICS.state(METER), p -> p.contains("\"power\":600"), WAIT);
        store(summation(30, "500.200", "1.001"));
        awaitDelivered(after);
        ha.await(TOPICS.state(METER), p -> p.contains("500.2"), WAIT);

        List<String> states = ha.payloads(TOPICS.state(METER));
        assertThat(states).as("published after the restart").isNotEmpty();
        for (String payload : states) {
            // the oracle: the totals published before the restart, as stored above
            assertThat(JSON.readTree(payload).path("energy_imported").decimalValue()).as(payload).isGreaterThanOrEqualTo(new BigDecimal("500.100"));
            assertThat(JSON.readTree(payload).path("energy_exported").decimalValue()).as(payload).isGreaterThanOrEqualTo(new BigDecimal("1.000"));
        }
        String warnings = log.toString(StandardCharsets.UTF_8);
        assertThat(warnings.lines().filter(line -> line.contains("the delivered counter read 3.000 kWh, below the 500.1"))).as(warnings).hasSize(1);
    }

    @Test
    void afterABrokerRestartTheCurrentStateIsPublishedAgain() throws Exception {
        Mosquitto broker = started(Mosquitto.plain(dir.resolve("broker")));
        Forwarder forwarder = sink("url: mqtt://127.0.0.1:" + broker.port(), Map.of());
        store(demand(0, "2.000"), summation(1, "100.000", "0"));
        awaitDelivered(forwarder);

        broker.stop();  // persistence false: the retained messages are gone with it
        store(demand(5, "3.500"));  // stored during the outage: waits in the outbox
        assertThat(forwarder.awaitState(Forwarder.State.RETRYING, WAIT)).isTrue();
        broker.start();
        awaitDelivered(forwarder);  // reconnected: everything was published again

        MqttObserver ha = observer(MqttObserver.connect(broker.port()));
        assertThat(ha.await(TOPICS.discovery(METER), WAIT).retained()).isTrue();
        ha.await(TOPICS.state(METER), p -> p.contains("\"power\":3500"), WAIT);
        assertThat(ha.await("metertap/status", WAIT).payload()).isEqualTo("online");
    }

    @Test
    void republishesDiscoveryWhenHomeAssistantSaysItIsOnline() throws Exception {
        Mosquitto broker = started(Mosquitto.plain(dir.resolve("broker")));
        MqttObserver ha = observer(MqttObserver.connect(broker.port()));
        Forwarder forwarder = sink("url: mqtt://127.0.0.1:" + broker.port(), Map.of());
        store(demand(0, "0.750"));
        awaitDelivered(forwarder);
        ha.await(TOPICS.discovery(METER), WAIT);
        ha.clear();

        ha.publish("homeassistant/status", "online", false);  // Home Assistant's birth message
        assertThat(ha.await(TOPICS.discovery(METER), WAIT).payload()).contains("\"power\"");
    }

    @Test
    void theMeterIsOfflineWhileRejoiningWithNoStrengthOrSilent() throws Exception {
        Mosquitto broker = started(Mosquitto.plain(dir.resolve("broker")));
        MqttObserver ha = observer(MqttObserver.connect(broker.port()));
        Forwarder forwarder = sink("url: mqtt://127.0.0.1:" + broker.port() + "\noffline-after: 2s", Map.of());
        String availability = TOPICS.availability(METER);

        // each step waits for its own message: one batch holding two steps publishes only where it ends
        store(demand(0, "1.000"), link(1, "Connected", 90));
        awaitDelivered(forwarder);
        ha.await(availability, "online"::equals, WAIT);
        ha.clear();
        store(link(2, "Rejoining", 40));
        ha.await(availability, "offline"::equals, WAIT);
        ha.clear();
        store(link(3, "Connected", 70));
        ha.await(availability, "online"::equals, WAIT);
        ha.clear();
        store(link(4, "Connected", 0));
        ha.await(availability, "offline"::equals, WAIT);
        ha.clear();
        store(link(5, "Connected", 60));
        ha.await(availability, "online"::equals, WAIT);
        ha.clear();
        // then nothing for longer than offline-after
        ha.await(availability, "offline"::equals, WAIT);
        assertThat(ha.payloads("metertap/status")).doesNotContain("offline");
    }

    @Test
    void theLastWillSaysOfflineWhenTheConnectionDiesAndTheSinkComesBack() throws Exception {
        Mosquitto broker = started(Mosquitto.plain(dir.resolve("broker")));
        CuttableRelay relay = new CuttableRelay(broker.port());
        closeLast.add(0, relay);
        MqttObserver ha = observer(MqttObserver.connect(broker.port()));
        Forwarder forwarder = sink("url: mqtt://127.0.0.1:" + relay.port(), Map.of());
        store(demand(0, "1.000"));
        awaitDelivered(forwarder);
        ha.await("metertap/status", "online"::equals, WAIT);
        ha.clear();

        relay.cut();  // the broker loses the client without a DISCONNECT
        MqttObserver.Message will = ha.await("metertap/status", "offline"::equals, WAIT);
        assertThat(will.payload()).isEqualTo("offline");
        ha.await("metertap/status", "online"::equals, WAIT);  // reconnected through the relay
        store(demand(10, "1.500"));
        ha.await(TOPICS.state(METER), p -> p.contains("\"power\":1500"), WAIT);
    }

    @Test
    void withAPasswordTheRightOneIsServedAndAWrongOneIsOneLineWithoutThePassword() throws Exception {
        Mosquitto broker = started(Mosquitto.withPassword(dir.resolve("broker"), "metertap", "correct horse"));
        MqttObserver ha = observer(MqttObserver.connect(broker.port(), null, "metertap", "correct horse"));
        Forwarder good = sink("""
                url: mqtt://127.0.0.1:%d
                username: metertap
                password: {env: MQTT_PASSWORD}
                """.formatted(broker.port()), Map.of("MQTT_PASSWORD", "correct horse"));
        store(demand(0, "0.500"));
        awaitDelivered(good);
        ha.await(TOPICS.state(METER), p -> p.contains("\"power\":500"), WAIT);
        good.close();
        forwarders.remove(good);
        assertThat(ha.await("metertap/status", "offline"::equals, WAIT).payload())
                .as("a clean stop says offline itself").isEqualTo("offline");

        Forwarder wrong = sink("""
                url: mqtt://127.0.0.1:%d
                timeout: 2s
                username: metertap
                password: {env: MQTT_PASSWORD}
                """.formatted(broker.port()), Map.of("MQTT_PASSWORD", "battery staple"));
        store(demand(1, "0.600"));
        assertThat(wrong.awaitState(Forwarder.State.RETRYING, WAIT)).isTrue();
        awaitLog("sink 'ha': the MQTT broker mqtt://127.0.0.1:" + broker.port() + " refused this client: not authorized");
        String lines = log.toString(StandardCharsets.UTF_8);
        assertThat(lines).doesNotContain("battery staple").doesNotContain("correct horse");
        assertThat(ha.payloads(TOPICS.state(METER))).noneMatch(p -> p.contains("\"power\":600"));
    }

    @Test
    void overTlsTheBrokerIsTrustedByItsCaAndAClientCertificateIsOfferedWhenRequired() throws Exception {
        CertificateAuthority serverCa = CertificateAuthority.create("broker CA");
        CertificateAuthority clientCa = CertificateAuthority.create("client CA");
        Identity client = clientCa.issueClient("metertap collector");
        Mosquitto broker = started(Mosquitto.withTls(dir.resolve("broker"), serverCa.issueServer("mosquitto"), clientCa.certificate()));
        Pem.writeCertificates(dir.resolve("broker-ca.crt"), List.of(serverCa.certificate()));
        Pem.writeCertificates(dir.resolve("client.crt"), client.chain());
        Pem.writePrivateKey(dir.resolve("client.key"), client.privateKey());
        MqttObserver ha = observer(MqttObserver.connect(broker.port(), tls(serverCa, clientCa.issueClient("home assistant")), null, null));

        Forwarder forwarder = sink("""
                url: mqtts://localhost:%d
                ca-file: %s
                certificate: %s
                key: %s
                """.formatted(broker.port(), dir.resolve("broker-ca.crt"), dir.resolve("client.crt"), dir.resolve("client.key")), Map.of());
        store(demand(0, "4.200"));
        awaitDelivered(forwarder);
        ha.await(TOPICS.state(METER), p -> p.contains("\"power\":4200"), WAIT);
    }

    @Test
    void overTlsABrokerSignedByAnotherCaIsRefusedInOneLine() throws Exception {
        CertificateAuthority serverCa = CertificateAuthority.create("broker CA");
        Mosquitto broker = started(Mosquitto.withTls(dir.resolve("broker"), serverCa.issueServer("mosquitto"), null));
        Pem.writeCertificates(dir.resolve("other-ca.crt"), List.of(CertificateAuthority.create("someone else's CA").certificate()));
        Forwarder forwarder = sink("url: mqtts://localhost:%d\nca-file: %s\ntimeout: 2s".formatted(broker.port(), dir.resolve("other-ca.crt")), Map.of());
        store(demand(0, "4.200"));
        assertThat(forwarder.awaitState(Forwarder.State.RETRYING, WAIT)).isTrue();
        awaitLog("sink 'ha': the TLS handshake with mqtts://localhost:" + broker.port() + " failed: its certificate is not issued by a CA"
                + " this sink trusts (the 'ca-file')");
    }

    @Test
    void overTlsWithoutTheRequiredClientCertificateNothingIsPublished() throws Exception {
        CertificateAuthority serverCa = CertificateAuthority.create("broker CA");
        CertificateAuthority clientCa = CertificateAuthority.create("client CA");
        Mosquitto broker = started(Mosquitto.withTls(dir.resolve("broker"), serverCa.issueServer("mosquitto"), clientCa.certificate()));
        Pem.writeCertificates(dir.resolve("broker-ca.crt"), List.of(serverCa.certificate()));
        MqttObserver ha = observer(MqttObserver.connect(broker.port(), tls(serverCa, clientCa.issueClient("home assistant")), null, null));
        Forwarder forwarder = sink("url: mqtts://localhost:%d\nca-file: %s\ntimeout: 2s".formatted(broker.port(), dir.resolve("broker-ca.crt")), Map.of());
        store(demand(0, "4.200"));
        assertThat(forwarder.awaitState(Forwarder.State.RETRYING, WAIT)).isTrue();
        awaitLog("sink 'ha': the MQTT broker mqtts://localhost:" + broker.port() + " closed the connection before accepting this client"
                + " (does it require a client certificate? give 'certificate' and 'key')");
        assertThat(forwarder.pointsSent()).isZero();
        assertThat(ha.payloads(TOPICS.state(METER))).isEmpty();
    }

    @Test
    void aSinkClosedWhileItCannotReachTheBrokerLeavesNoThreadThatKeepsTheJvmAlive() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Forwarder forwarder = sink("url: mqtt://127.0.0.1:" + closedPort + "\ntimeout: 2s", Map.of());
        store(demand(0, "1.000"));
        assertThat(forwarder.awaitState(Forwarder.State.RETRYING, WAIT)).isTrue();
        forwarders.remove(forwarder);
        forwarder.close();
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(Thread::isAlive).filteredOn(thread -> !thread.isDaemon())
                .extracting(Thread::getName).noneMatch(name -> name.contains("hivemq") || name.contains("mqtt"));
    }

    private static MqttClientSslConfig tls(CertificateAuthority serverCa, Identity identity) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(Pkcs12.trustStore(List.of(serverCa.certificate())));
        javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        keys.init(Pkcs12.keyStore(identity, "x".toCharArray()), "x".toCharArray());
        return MqttClientSslConfig.builder().trustManagerFactory(trust).keyManagerFactory(keys).build();
    }

    /** Keeps the log visible while capturing it. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            write(new byte[] {(byte) c}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            synchronized (a) {  // the captured log: awaitLog waits on it
                a.write(bytes, off, len);
                a.notifyAll();
            }
            b.write(bytes, off, len);
        }
    }
}
