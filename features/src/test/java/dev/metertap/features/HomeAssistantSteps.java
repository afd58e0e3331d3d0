package dev.metertap.features;

import com.fasterxml.jackson.databind.JsonNode;
import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.sink.mqtt.Mosquitto;
import dev.metertap.simulator.fault.Fault;
import dev.metertap.simulator.journal.FragmentEntry;
import dev.metertap.simulator.journal.Integrity;
import io.cucumber.java.Before;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import org.opentest4j.TestAbortedException;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Home Assistant's side of the MQTT broker: what it discovers and what its sensors show. */
public final class HomeAssistantSteps {

    private static final Duration SHOWN = Duration.ofSeconds(60);

    private final VirtualDisplay display;
    private final ScenarioCollector collector;
    private final HomeAssistantBroker broker;

    public HomeAssistantSteps(VirtualDisplay display, ScenarioCollector collector, HomeAssistantBroker broker) {
        this.display = display;
        this.collector = collector;
        this.broker = broker;
    }

    /** As the collector's MQTT tests do: skipped where mosquitto is missing, except under CI=true, where that fails. */
    @Before("@mosquitto")
    public void needsMosquitto() {
        if (Mosquitto.binary().isEmpty() && !"true".equals(System.getenv("CI"))) {
            throw new TestAbortedException(Mosquitto.ABSENT);
        }
    }

    @Given("the display reads 0 kWh in {int} % of its summations")
    public void summationsSometimesReadZero(int percent) {
        display.fault(new Fault.ZeroSummation(percent / 100.0));
    }

    @Given("the collector publishes to Home Assistant over MQTT")
    public void theCollectorPublishesOverMqtt() throws Exception {
        broker.start();
    }

    @When("the MQTT broker restarts")
    public void theBrokerRestarts() throws Exception {
        broker.restart();
    }

    @Then("Home Assistant discovers the meter with its power and energy")
    public void homeAssistantDiscoversTheMeter() throws Exception {
        String meter = meter();
        JsonNode discovery = HomeAssistantBroker.json(broker.homeAssistant().await(HomeAssistantBroker.TOPICS.discovery(meter),
                payload -> payload.contains("energy_imported"), SHOWN).payload());
        JsonNode components = discovery.path("components");
        assertThat(components.at("/power/device_class").asText()).isEqualTo("power");
        assertThat(components.at("/power/unit_of_measurement").asText()).isEqualTo("W");
        for (String energy : List.of("energy_imported", "energy_exported")) {
            assertThat(components.at("/" + energy + "/device_class").asText()).isEqualTo("energy");
            assertThat(components.at("/" + energy + "/state_class").asText()).isEqualTo("total_increasing");
            assertThat(components.at("/" + energy + "/unit_of_measurement").asText()).isEqualTo("kWh");
        }
        assertThat(discovery.path("state_topic").asText()).isEqualTo(HomeAssistantBroker.TOPICS.state(meter));
    }

    @Then("Home Assistant shows {int} W")
    public void homeAssistantShowsWatts(int watts) throws Exception {
        broker.homeAssistant().await(HomeAssistantBroker.TOPICS.state(meter()),
                payload -> shows(payload, "power", BigDecimal.valueOf(watts)), SHOWN);
    }

    @Then("Home Assistant shows the energy imported the display counted last")
    public void homeAssistantShowsTheLastCount() throws Exception {
        BigDecimal last = lastCounted();
        broker.homeAssistant().await(HomeAssistantBroker.TOPICS.state(meter()), payload -> shows(payload, "energy_imported", last), SHOWN);
    }

    @Then("the display said 0 kWh at least once")
    public void theDisplaySaidZero() {
        assertThat(wholeSummations()).as("whole summations the display wrote")
                .anyMatch(entry -> entry.values().get("delivered_kwh").signum() == 0);
    }

    @Then("the energy imported Home Assistant was shown never went down")
    public void theEnergyImportedNeverWentDown() throws Exception {
        List<BigDecimal> shown = new ArrayList<>();
        for (JsonNode state : broker.states()) {
            if (state.has("energy_imported")) {
                shown.add(state.path("energy_imported").decimalValue());
            }
        }
        assertThat(shown).as("energy imported, as Home Assistant was shown it").isNotEmpty()
                .isSortedAccordingTo(BigDecimal::compareTo).allMatch(kwh -> kwh.signum() > 0);
    }

    private static boolean shows(String payload, String key, BigDecimal expected) {
        try {
            JsonNode value = HomeAssistantBroker.json(payload).path(key);
            return !value.isMissingNode() && value.decimalValue().compareTo(expected) == 0;
        } catch (java.io.IOException e) {
            throw new AssertionError("state is not JSON: " + payload, e);
        }
    }

    /** The oracle: the display's own journal, the last whole summation that did not glitch to 0. */
    private BigDecimal lastCounted() {
        return wholeSummations().stream().map(entry -> entry.values().get("delivered_kwh")).filter(kwh -> kwh.signum() > 0)
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("the display counted nothing"));
    }

    private List<FragmentEntry> wholeSummations() {
        return display.journal().fragments("CurrentSummationDelivered").stream().filter(entry -> entry.integrity() == Integrity.INTACT).toList();
    }

    private String meter() {
        return collector.readings().all(DemandReading.class).stream().map(DemandReading::meter).findFirst()
                .orElseThrow(() -> new AssertionError("the collector saw no meter"));
    }
}
