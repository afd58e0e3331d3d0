package dev.metertap.collector.sink.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.sink.Forwarder;
import dev.metertap.collector.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Many homes, one broker: 50 collectors (each its own store, forwarder and mqtt sink, built from its own
 * metertap.yaml with its own client id, user, topic prefix and discovery prefix) publish to one real mosquitto
 * whose ACL keeps each house under {@code metertap/<its user>/}. A QoS 1 consumer, as Telegraf would be, counts
 * every state message per house against what the test offered each collector: none is lost.
 */
class MqttFleetIT {

    private static final int HOUSES = 50;
    private static final int READINGS = 20;
    private static final Duration WAIT = Duration.ofSeconds(120);  // generous: 50 collectors on a loaded 2-core machine
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The README's ACL sketch, as the broker runs it. */
    static final String ACL = """
            # each house's collector: only under its own prefix (status, state, availability, discovery)
            pattern readwrite metertap/%u/#
            # the consumer (Telegraf): reads every house, writes nothing
            user telegraf
            topic read metertap/#
            """;

    @TempDir
    Path dir;
    private final List<Store> stores = new ArrayList<>();
    private final List<Forwarder> forwarders = new ArrayList<>();
    private final List<AutoCloseable> closeLast = new ArrayList<>();

    @BeforeEach
    void requireMosquitto() {
        assumeTrue(Mosquitto.binary().isPresent() || "true".equals(System.getenv("CI")), Mosquitto.ABSENT);
    }

    @AfterEach
    void close() throws Exception {
        forwarders.forEach(Forwarder::close);
        stores.forEach(Store::close);
        for (AutoCloseable closeable : closeLast) {
            closeable.close();
        }
    }

    private static String house(int index) {
        return "house-%02d".formatted(index + 1);
    }

    private static String password(String user) {
        return "test password of " + user;  // made up for this broker, which lives in a temp dir
    }

    /** A meter MAC of its own per house. */
    private static String meter(int index) {
        return "0x00135001%08x".formatted(0xf1ee7000 + index);
    }

    /** Distinct per house and per reading, so each one is its own state message: house 7's 3rd is 7.003 kW. */
    private static BigDecimal kw(int index, int reading) {
        return BigDecimal.valueOf((index + 1) * 1000L + reading + 1, 3);
    }

    private Forwarder collector(int index, int port) {
        String house = house(index);
        String yaml = """
                sinks:
                  - name: broker
                    type: mqtt
                    url: mqtt://127.0.0.1:%d
                    client-id: metertap-%s
                    username: %s
                    password: {env: MQTT_PASSWORD}
                    qos: 1
                    topic-prefix: metertap/%s
                    discovery-prefix: metertap/%s/homeassistant
                    batching: {max-points: 1, max-delay: 0ms}
                    backoff: {initial: 50ms, max: 1s}
                """.formatted(port, house, house, house, house);
        ConfigLoader loader = new ConfigLoader(Map.of("MQTT_PASSWORD", password(house)));
        Store store = Store.open(dir.resolve(house).resolve("metertap.db"));
        stores.add(store);
        Forwarder forwarder = loader.forwarders(loader.parse(yaml, house + "/metertap.yaml"), store, System.out).get(0);
        forwarders.add(forwarder);
        return forwarder;
    }

    @Test
    void fiftyCollectorsShareOneBrokerAndAQos1ConsumerReceivesEveryStateOfEveryHouse() throws Exception {
        Map<String, String> users = new LinkedHashMap<>();
        for (int i = 0; i < HOUSES; i++) {
            users.put(house(i), password(house(i)));
        }
        users.put("telegraf", password("telegraf"));
        Mosquitto broker = Mosquitto.withAcl(dir.resolve("broker"), users, ACL, 100_000);
        closeLast.add(broker);
        broker.start();
        MqttObserver consumer = MqttObserver.connect(broker.port(), null, "telegraf", password("telegraf"), "metertap/#");
        closeLast.add(0, consumer);

        for (int i = 0; i < HOUSES; i++) {
            collector(i, broker.port()).start();
        }
        for (int i = 0; i < HOUSES; i++) {
            // every collector is connected before its readings come: none is published twice by a first connection
            consumer.await("metertap/" + house(i) + "/status", "online"::equals, WAIT);
        }

        // the oracle: what each house's collector was offered, counted here, not by the sink
        Map<Integer, List<BigDecimal>> offered = new LinkedHashMap<>();
        for (int i = 0; i < HOUSES; i++) {
            List<DemandReading> readings = new ArrayList<>();
            for (int r = 0; r < READINGS; r++) {
                readings.add(new DemandReading("0xd8d5b900000%05x".formatted(i), meter(i), T0.plusSeconds(r), kw(i, r)));
            }
            stores.get(i).appendAll(readings);
            offered.put(i, readings.stream().map(reading -> reading.kw().movePointRight(3)).toList());
        }
        for (int i = 0; i < HOUSES; i++) {
            assertThat(forwarders.get(i).awaitDelivered(stores.get(i).lastSeq(), WAIT)).as(house(i) + ": the broker acknowledged everything").isTrue();
        }

        int received = 0;
        for (int i = 0; i < HOUSES; i++) {
            String state = "metertap/" + house(i) + "/" + MqttTopics.meterLevel(meter(i)) + "/state";
            BigDecimal last = offered.get(i).get(READINGS - 1);
            // per topic the broker keeps the order: once the last has come, every earlier one has come or is lost
            consumer.await(state, payload -> power(payload).compareTo(last) == 0, WAIT);
            List<String> payloads = consumer.payloads(state);
            received += payloads.size();
            assertThat(withoutRepeats(payloads.stream().map(MqttFleetIT::power).toList()))
                    .as(house(i) + ": the power of each state message received at QoS 1 (a repeat is a QoS 1 redelivery)")
                    .usingElementComparator(BigDecimal::compareTo)
                    .containsExactlyElementsOf(offered.get(i));
            assertThat(consumer.payloads("metertap/" + house(i) + "/homeassistant/device/metertap_" + MqttTopics.meterLevel(meter(i)) + "/config"))
                    .as(house(i) + ": its discovery, under its own prefix").isNotEmpty();
        }
        assertThat(received).as("state messages received for all houses").isGreaterThanOrEqualTo(HOUSES * READINGS);
        assertThat(consumer.topics()).as("only the houses' own topics")
                .allMatch(topic -> topic.matches("metertap/house-\\d\\d/.+"));
    }

    @Test
    void theAclKeepsEachHouseUnderItsOwnPrefix() throws Exception {
        Mosquitto broker = Mosquitto.withAcl(dir.resolve("broker"), Map.of(house(0), password(house(0)), house(1), password(house(1)),
                "telegraf", password("telegraf")), ACL, 1000);
        closeLast.add(broker);
        broker.start();
        MqttObserver consumer = MqttObserver.connect(broker.port(), null, "telegraf", password("telegraf"), "metertap/#");
        closeLast.add(0, consumer);
        MqttObserver intruder = MqttObserver.connect(broker.port(), null, house(0), password(house(0)), "metertap/" + house(0) + "/#");
        closeLast.add(0, intruder);

        intruder.publish("metertap/" + house(1) + "/" + MqttTopics.meterLevel(meter(1)) + "/state", "{\"power\":1}", true);
        intruder.publish("metertap/" + house(0) + "/marker", "after", false);
        // mosquitto handles one client's publishes in order: once the marker is here, the other would have been too
        consumer.await("metertap/" + house(0) + "/marker", WAIT);
        assertThat(consumer.topics()).as("what house-01 could publish").containsExactly("metertap/" + house(0) + "/marker");
    }

    /** The state's power in W. */
    private static BigDecimal power(String payload) {
        try {
            JsonNode state = JSON.readTree(payload);
            return state.path("power").decimalValue();
        } catch (Exception e) {
            throw new AssertionError("not a state JSON: " + payload, e);
        }
    }

    private static List<BigDecimal> withoutRepeats(List<BigDecimal> values) {
        List<BigDecimal> distinct = new ArrayList<>();
        for (BigDecimal value : values) {
            if (distinct.isEmpty() || distinct.get(distinct.size() - 1).compareTo(value) != 0) {
                distinct.add(value);
            }
        }
        return distinct;
    }
}
