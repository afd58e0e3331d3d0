package dev.metertap.features;

import dev.metertap.collector.reading.AmrConsumptionReading;
import dev.metertap.collector.reading.Point;
import dev.metertap.collector.reading.Tag;
import dev.metertap.collector.rtlamr.RtlamrSource;
import dev.metertap.collector.store.PointQuery;
import dev.metertap.simulator.rtlamr.RtlamrJournal;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Meters read by radio: the virtual rtlamr among neighbours, and what the collector kept of it. */
public final class RadioSteps {

    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private final ScenarioRadio radio;
    private final ScenarioConfig config;
    private final ScenarioCollector collector;
    private final Set<Long> own = new HashSet<>();

    public RadioSteps(ScenarioRadio radio, ScenarioConfig config, ScenarioCollector collector) {
        this.radio = radio;
        this.config = config;
        this.collector = collector;
    }

    @Given("a neighbourhood of meters on the air, one's own gas meter {long} among them")
    public void aNeighbourhood(long meter) {
        // the virtual rtlamr's neighbourhood: 48151623 is its gas SCM, among five neighbours and an electric IDM
        assertThat(meter).isEqualTo(48151623L);
    }

    @Given("rtlamr exits after {int} messages")
    public void rtlamrExitsAfter(int messages) {
        radio.fault("exit@" + messages);
    }

    @Given("the collector listens to the radio for meter {long}")
    public void theCollectorListensFor(long meter) {
        own.add(meter);
    }

    @When("the radio has heard {int} messages")
    public void theRadioHasHeard(int messages) throws Exception {
        config.rtlamr("""
                  command: '%s'
                  meters: %s
                  silence: 30s
                  restart-backoff: 50ms
                  restart-backoff-max: 500ms
                """.formatted(radio.command(messages), own));
        RtlamrSource source = collector.started().rtlamr().orElseThrow();
        // the run that has heard them all exits 0, after the collector read every line of it
        assertThat(source.awaitRestart(why -> why.equals("exited with status 0"), CATCH_UP))
                .as("rtlamr restarts so far: %s", source.restartReasons()).isTrue();
    }

    @Then("the collector has every reading of gas meter {long} the radio heard, each once")
    public void everyReadingOnce(long meter) throws Exception {
        RtlamrJournal.Truth truth = radio.truth();
        List<String> expected = new ArrayList<>();
        Long last = null;
        for (RtlamrJournal.Entry heard : truth.delivered()) {
            if (heard.meter() == meter && (last == null || last != heard.consumption())) {
                expected.add(heard.type() + " " + heard.consumption() + " at " + Instant.ofEpochSecond(heard.at().getEpochSecond()));
                last = heard.consumption();
            }
        }
        List<String> stored = collector.store().query(new PointQuery(AmrConsumptionReading.MEASUREMENT,
                        Map.of("meter_id", Long.toString(meter)), Instant.EPOCH, Instant.MAX)).stream()
                .map(p -> tag(p, "msg_type") + " " + p.fields().get(0).value() + " at " + p.time()).toList();
        assertThat(expected).as("the gas meter's total changed while the radio listened").hasSizeGreaterThan(3);
        assertThat(stored).containsExactlyElementsOf(expected);
        assertThat(collector.started().status().rtlamr().orElseThrow().health().stats().repeats())
                .as("the gas meter repeats itself between changes").isPositive();
    }

    @Then("the collector stored nothing from the neighbours' meters")
    public void nothingFromTheNeighbours() {
        Set<String> meters = new HashSet<>();
        collector.store().query(new PointQuery(AmrConsumptionReading.MEASUREMENT, Map.of(), Instant.EPOCH, Instant.MAX))
                .forEach(p -> meters.add(tag(p, "meter_id")));
        assertThat(meters).containsExactlyElementsOf(own.stream().map(String::valueOf).toList());
    }

    @Then("the collector counted the neighbours' messages")
    public void countedTheNeighbours() throws Exception {
        long neighbours = radio.truth().delivered().stream().filter(e -> !own.contains(e.meter())).count();
        assertThat(neighbours).isPositive();
        assertThat(collector.started().status().rtlamr().orElseThrow().health().stats().othersHeard()).isEqualTo(neighbours);
    }

    @Then("the collector restarted rtlamr because it {string}")
    public void theCollectorRestartedRtlamr(String why) {
        RtlamrSource source = collector.started().rtlamr().orElseThrow();
        assertThat(source.restartReasons()).contains(why);
    }

    private static String tag(Point point, String key) {
        return point.tags().stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst().orElseThrow();
    }
}
