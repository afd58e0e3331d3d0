package dev.metertap.features;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metertap.collector.sink.mqtt.Mosquitto;
import dev.metertap.collector.sink.mqtt.MqttObserver;
import dev.metertap.collector.sink.mqtt.MqttTopics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A real mosquitto of the scenario, the collector's mqtt sink for it, and Home Assistant's view: a subscriber to
 * everything, connected again after a broker restart (as Home Assistant reconnects). Every state it ever received is
 * kept, across connections. Stopped after the scenario.
 */
public final class HomeAssistantBroker implements AutoCloseable {

    static final String SINK = "ha";
    static final MqttTopics TOPICS = new MqttTopics("metertap", "homeassistant");
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final ScenarioFolder folder;
    private final ScenarioConfig config;
    private final List<String> earlierStates = new ArrayList<>();
    private Mosquitto mosquitto;
    private MqttObserver homeAssistant;

    public HomeAssistantBroker(ScenarioFolder folder, ScenarioConfig config) {
        this.folder = folder;
        this.config = config;
    }

    /** Starts mosquitto, Home Assistant's subscription, and configures the sink, reconnecting quicker than the defaults. */
    public void start() throws Exception {
        mosquitto = Mosquitto.plain(folder.resolve("mosquitto")).start();
        homeAssistant = MqttObserver.connect(mosquitto.port());
        config.sink("{name: %s, type: mqtt, url: 'mqtt://127.0.0.1:%d', backoff: {initial: 100ms, max: 1s},".formatted(SINK, mosquitto.port())
                + " batching: {max-points: 1000, max-bytes: 1000000, max-delay: 100ms}}");
    }

    /** Stops the broker (it keeps nothing: no persistence), starts it again on the same port, and reconnects Home Assistant. */
    public void restart() throws Exception {
        earlierStates.addAll(allStatesOf(homeAssistant));
        homeAssistant.close();
        mosquitto.stop();
        mosquitto.start();
        homeAssistant = MqttObserver.connect(mosquitto.port());
    }

    public MqttObserver homeAssistant() {
        return homeAssistant;
    }

    /** Every state message Home Assistant received, for every meter, in order, across broker restarts. */
    public List<JsonNode> states() throws IOException {
        List<String> payloads = new ArrayList<>(earlierStates);
        payloads.addAll(allStatesOf(homeAssistant));
        List<JsonNode> states = new ArrayList<>();
        for (String payload : payloads) {
            states.add(JSON.readTree(payload));
        }
        return states;
    }

    private static List<String> allStatesOf(MqttObserver observer) {
        return observer.topics().stream().filter(topic -> topic.startsWith("metertap/") && topic.endsWith("/state"))
                .flatMap(topic -> observer.payloads(topic).stream()).toList();
    }

    static JsonNode json(String payload) throws IOException {
        return JSON.readTree(payload);
    }

    @Override
    public void close() throws Exception {
        if (homeAssistant != null) {
            homeAssistant.close();
            homeAssistant = null;
        }
        if (mosquitto != null) {
            mosquitto.close();
            mosquitto = null;
        }
    }
}
