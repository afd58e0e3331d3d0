package dev.metertap.features;

import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.SummationReading;
import dev.metertap.collector.run.Collector;
import dev.metertap.collector.sink.Forwarder;
import dev.metertap.collector.sink.Influxd;
import dev.metertap.collector.store.PointQuery;
import io.cucumber.java.Before;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import org.opentest4j.TestAbortedException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The collector's store and the sinks it feeds. */
public final class StorageSteps {

    private static final Duration DELIVERY = Duration.ofSeconds(60);

    private final VirtualDisplay display;
    private final ScenarioCollector collector;
    private final InfluxForwarding influx;

    public StorageSteps(VirtualDisplay display, ScenarioCollector collector, InfluxForwarding influx) {
        this.display = display;
        this.collector = collector;
        this.influx = influx;
    }

    /** As the collector's InfluxDB tests do: skipped where influxd is missing, except under CI=true, where that fails. */
    @Before("@influxdb")
    public void needsInfluxd() {
        if (Influxd.binary().isEmpty() && !"true".equals(System.getenv("CI"))) {
            throw new TestAbortedException(Influxd.ABSENT);
        }
    }

    @Given("the collector forwards its store to InfluxDB")
    public void theCollectorForwardsToInfluxDb() throws Exception {
        influx.start();
    }

    @When("InfluxDB goes down")
    public void influxDbGoesDown() throws InterruptedException {
        influx.influxd().stop();
    }

    @When("InfluxDB comes back")
    public void influxDbComesBack() throws Exception {
        influx.influxd().start();
    }

    @Then("the readings InfluxDB has not got wait in the store")
    public void theReadingsWaitInTheStore() throws InterruptedException {
        Collector running = collector.started();
        assertThat(running.awaitSinkState(InfluxForwarding.SINK, Forwarder.State.RETRYING, DELIVERY)).as("the forwarder retries")
                .isTrue();
        assertThat(running.store().stats().sinks()).singleElement()
                .satisfies(backlog -> assertThat(backlog.pending()).as("points waiting for InfluxDB").isPositive());
    }

    @Then("InfluxDB holds every reading the display sent whole, once")
    public void influxDbHoldsEveryWholeReading() throws Exception {
        Collector running = collector.started();
        assertThat(running.awaitDelivered(InfluxForwarding.SINK, DELIVERY)).as("everything stored was delivered").isTrue();
        assertThat(running.store().stats().sinks()).singleElement().satisfies(backlog -> assertThat(backlog.pending()).isZero());
        List<String> inInflux = influx.readingKeys();
        assertThat(inInflux).doesNotHaveDuplicates();
        assertThat(new HashSet<>(inInflux)).isEqualTo(display.wholeReadings());
    }

    @Then("the store holds every reading the display sent whole, once")
    public void theStoreHoldsEveryWholeReading() {
        List<String> stored = new ArrayList<>();
        for (String measurement : List.of(DemandReading.MEASUREMENT, SummationReading.MEASUREMENT)) {
            collector.store().query(new PointQuery(measurement, Map.of(), Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")))
                    .forEach(point -> ReadingKey.of(point).ifPresent(stored::add));
        }
        assertThat(stored).doesNotHaveDuplicates();
        assertThat(new HashSet<>(stored)).isEqualTo(display.wholeReadings());
    }

}
