package dev.metertap.features;

import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.reading.SummationReading;
import dev.metertap.simulator.journal.FragmentEntry;
import dev.metertap.simulator.journal.Integrity;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the collector read from the display, checked against the display's journal. */
public final class CollectorSteps {

    private final VirtualDisplay display;
    private final ScenarioCollector collector;

    public CollectorSteps(VirtualDisplay display, ScenarioCollector collector) {
        this.display = display;
        this.collector = collector;
    }

    @Given("the collector is reading the display")
    public void theCollectorIsReadingTheDisplay() throws Exception {
        collector.readFrom(display.port());
    }

    @Then("the collector has every reading the display sent whole, and no other")
    public void everyWholeReadingAndNoOther() {
        List<Reading> read = collector.readings().all();
        List<String> readKeys = read.stream().map(ReadingKey::of).flatMap(Optional::stream).toList();
        assertThat(readKeys).as("no reading passed on twice").doesNotHaveDuplicates();
        Set<String> whole = display.wholeReadings();
        assertThat(new HashSet<>(readKeys)).as("readings the collector has (seed %d)", display.started().seed())
                .isEqualTo(whole);
    }

    @Then("some of the display's readings were cut short")
    public void someReadingsWereCutShort() {
        assertThat(display.readingFragmentsAfter(0)).as("the fault was active")
                .anyMatch(entry -> entry.integrity() == Integrity.CLOBBERED);
    }

    @Then("some of the display's readings were lost while unplugged")
    public void someReadingsWereLost() {
        assertThat(display.readingFragmentsAfter(0)).as("the display wrote into the void while unplugged")
                .anyMatch(entry -> entry.integrity() == Integrity.LOST);
    }

    @Then("the collector's latest demand is {bigdecimal} kW")
    public void theLatestDemandIs(BigDecimal kw) {
        List<DemandReading> demands = collector.readings().all(DemandReading.class);
        assertThat(demands).isNotEmpty();
        assertThat(demands.get(demands.size() - 1).kw()).isEqualByComparingTo(kw);
    }

    @Then("the collector saw the house export power")
    public void theCollectorSawTheHouseExport() {
        assertThat(collector.readings().all(DemandReading.class))
                .anyMatch(demand -> demand.kw().signum() < 0);
    }

    @Then("the collector saw the exported energy total grow")
    public void theExportedTotalGrew() {
        List<SummationReading> totals = collector.readings().all(SummationReading.class);
        assertThat(totals).hasSizeGreaterThan(1);
        assertThat(totals.get(totals.size() - 1).receivedKwh()).isGreaterThan(totals.get(0).receivedKwh());
    }

    @Then("the collector saw the link go {string}, then {string}")
    public void theLinkWent(String first, String then) {
        List<String> statuses = collector.readings().linkStatuses();
        int firstAt = statuses.indexOf(first);
        assertThat(firstAt).as("link statuses %s contain %s", statuses, first).isNotNegative();
        assertThat(statuses.subList(firstAt, statuses.size())).as("after %s", first).contains(then);
    }

    @Then("the collector's link to the meter is {string}")
    public void theLinkIs(String status) {
        assertThat(collector.session().link().status()).isEqualTo(status);
    }

    @Then("the collector reconnected {int} time(s)")
    public void theCollectorReconnected(int times) {
        assertThat(collector.readings().connects()).as("connects after the first").isEqualTo(times + 1);
    }

    @Then("the collector has demand readings from both meters")
    public void demandFromBothMeters() {
        Set<String> meters = new HashSet<>();
        collector.readings().all(DemandReading.class).forEach(demand -> meters.add(demand.meter()));
        Set<String> journalled = new HashSet<>();
        display.readingFragmentsAfter(0).stream().map(FragmentEntry::meterMacId).forEach(journalled::add);
        assertThat(journalled).as("meters the display wrote for").hasSize(2);
        assertThat(meters).isEqualTo(journalled);
    }
}
