package dev.metertap.collector.sink.mqtt;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.function.BiFunction;

/**
 * Home Assistant's device discovery (2024.11 and later: one retained message per device on
 * {@code homeassistant/device/<id>/config}) and the meter's JSON state. A component is announced once its
 * value exists, so Home Assistant never renders a missing value; energy comes from the meter's delivered
 * and received counters, never a net counter, as the Energy dashboard needs.
 */
final class HomeAssistantDiscovery {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    /** A sensor of the meter's device: its key in the state JSON and in the discovery's components. */
    enum Component {
        POWER("power", "Power", "W", "power", "measurement", false, (meter, house) -> meter.powerW),
        ENERGY_IMPORTED("energy_imported", "Energy imported", "kWh", "energy", "total_increasing", false, (meter, house) -> meter.importedKwh),
        ENERGY_EXPORTED("energy_exported", "Energy exported", "kWh", "energy", "total_increasing", false, (meter, house) -> meter.exportedKwh),
        PRICE("price", "Price", null, null, "measurement", false, (meter, house) -> meter.price),
        LINK_STRENGTH("link_strength", "Link strength", "%", null, "measurement", true,
                (meter, house) -> meter.linkStrength == null ? null : BigDecimal.valueOf(meter.linkStrength)),
        ALWAYS_ON("always_on", "Always-on load", "W", "power", "measurement", false, (meter, house) -> house.alwaysOnW());

        final String key;
        final String label;
        final String unit;
        final String deviceClass;
        final String stateClass;
        final boolean diagnostic;
        final BiFunction<MeterState, MeterStates, BigDecimal> value;

        Component(String key, String label, String unit, String deviceClass, String stateClass, boolean diagnostic,
                  BiFunction<MeterState, MeterStates, BigDecimal> value) {
            this.key = key;
            this.label = label;
            this.unit = unit;
            this.deviceClass = deviceClass;
            this.stateClass = stateClass;
            this.diagnostic = diagnostic;
            this.value = value;
        }

        String unit(MeterState meter) {
            return this == PRICE ? (meter.currency == null ? "" : meter.currency) + "/kWh" : unit;
        }
    }

    private HomeAssistantDiscovery() {
    }

    /** The device's discovery message: its components are the values the meter has so far. */
    static String discovery(MeterState meter, MeterStates house, MqttTopics topics, int qos) {
        String id = MqttTopics.deviceId(meter.meter);
        ObjectNode root = JSON.createObjectNode();
        ObjectNode device = root.putObject("device");
        device.putArray("identifiers").add(id);
        device.put("name", "Electric meter " + meter.meter);
        device.put("model", "smart meter read by a Rainforest EMU-2" + (meter.device == null ? "" : " " + meter.device));
        root.putObject("origin").put("name", "metertap");
        ObjectNode components = root.putObject("components");
        for (Component component : Component.values()) {
            if (component.value.apply(meter, house) == null) {
                continue;
            }
            ObjectNode entry = components.putObject(component.key);
            entry.put("platform", "sensor");
            entry.put("unique_id", id + "_" + component.key);
            entry.put("name", component.label);
            entry.put("unit_of_measurement", component.unit(meter));
            if (component.deviceClass != null) {
                entry.put("device_class", component.deviceClass);
            }
            entry.put("state_class", component.stateClass);
            if (component.diagnostic) {
                entry.put("entity_category", "diagnostic");
            }
            entry.put("value_template", "{{ value_json." + component.key + " }}");
        }
        root.put("state_topic", topics.state(meter.meter));
        ObjectNode collector = root.putArray("availability").addObject().put("topic", topics.collectorStatus());
        collector.put("payload_available", MqttSink.ONLINE).put("payload_not_available", MqttSink.OFFLINE);
        root.withArray("availability").addObject().put("topic", topics.availability(meter.meter))
                .put("payload_available", MqttSink.ONLINE).put("payload_not_available", MqttSink.OFFLINE);
        root.put("availability_mode", "all");
        root.put("qos", qos);
        return text(root);
    }

    /** The retained state: one key per component with a value, plus the link's status text and the price's currency. */
    static String state(MeterState meter, MeterStates house) {
        ObjectNode root = JSON.createObjectNode();
        for (Component component : Component.values()) {
            BigDecimal value = component.value.apply(meter, house);
            if (value != null) {
                root.put(component.key, value);
            }
        }
        if (meter.currency != null) {
            root.put("currency", meter.currency);
        }
        if (meter.linkStatus != null) {
            root.put("link_status", meter.linkStatus);
        }
        return text(root);
    }

    private static String text(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);  // a tree of strings and numbers always writes
        }
    }
}
