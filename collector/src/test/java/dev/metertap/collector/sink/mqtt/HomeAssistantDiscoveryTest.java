package dev.metertap.collector.sink.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.PriceReading;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class HomeAssistantDiscoveryTest {

    private static final String METER = "0x00135001000c3f4e";
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private final MeterStates states = new MeterStates(Clock.fixed(T0, java.time.ZoneOffset.UTC), Duration.ofMinutes(5));
    private final MqttTopics topics = new MqttTopics("home/metertap", "homeassistant");

    @Test
    void announcesOnlyTheValuesTheMeterHasSoFar() throws Exception {
        states.apply(new DemandReading("0xd8d5b9000000a1b2", METER, T0, new BigDecimal("0.5")).toPoint());
        JsonNode discovery = new ObjectMapper().readTree(HomeAssistantDiscovery.discovery(states.meter(METER), states, topics, 1));
        assertThat(discovery.path("components").fieldNames()).toIterable().containsExactly("power");
        assertThat(discovery.path("state_topic").asText()).isEqualTo("home/metertap/00135001000c3f4e/state");
        assertThat(discovery.path("qos").asInt()).isEqualTo(1);
        assertThat(HomeAssistantDiscovery.state(states.meter(METER), states)).isEqualTo("{\"power\":500}");
    }

    @Test
    void thePriceIsInItsCurrencyPerKwhWithoutADeviceClass() throws Exception {
        states.apply(new PriceReading("0xd8d5b9000000a1b2", METER, T0, "CAD", new BigDecimal("0.1020"), 1).toPoint());
        JsonNode price = new ObjectMapper().readTree(HomeAssistantDiscovery.discovery(states.meter(METER), states, topics, 0))
                .at("/components/price");
        assertThat(price.path("unit_of_measurement").asText()).isEqualTo("CAD/kWh");
        assertThat(price.has("device_class")).isFalse();
        assertThat(HomeAssistantDiscovery.state(states.meter(METER), states)).isEqualTo("{\"price\":0.1020,\"currency\":\"CAD\"}");
    }
}
