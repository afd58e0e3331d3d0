package dev.metertap.features;

import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.backfill.TruthComparison;
import dev.metertap.collector.reading.LineProtocol;
import dev.metertap.collector.reading.Point;
import dev.metertap.collector.reading.Tag;
import dev.metertap.collector.store.PointQuery;
import dev.metertap.collector.store.Store;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code metertap run} from the built jar: what a user installs, checked from outside as a user or a supervisor would. */
public final class ShippedCollectorSteps {

    private final ShippedCollector shipped;
    private final ScenarioConfig config;
    private final VirtualDisplay display;
    private final ScenarioUtility utility;
    private int pgeDays;
    private Instant startedAt;
    private int exitStatus = -1;

    public ShippedCollectorSteps(ShippedCollector shipped, ScenarioConfig config, VirtualDisplay display, ScenarioUtility utility) {
        this.shipped = shipped;
        this.config = config;
        this.display = display;
        this.utility = utility;
    }

    @Given("the collector forwards to standard output")
    public void theCollectorForwardsToStandardOutput() {
        // no waiting for fuller batches: each reading shows as soon as it is stored
        config.sink("{name: telegraf, type: stdout, batching: {max-points: 5000, max-bytes: 1000000, max-delay: 0s}}");
    }

    @Given("the collector asks PG&E for the last {int} days at start and every morning")
    public void theCollectorAsksPgeDaily(int days) {
        pgeDays = days;
        config.pgeDaily(days);
    }

    @When("{string} starts from the built jar, reading the display")
    public void itStartsReadingTheDisplay(String command) throws Exception {
        assertThat(command).isEqualTo("metertap run");
        startedAt = Instant.now();
        shipped.start(Optional.of(display.port()));
    }

    @Then("its status says it is connected to the display and has stored readings")
    public void itsStatusSaysConnected() throws Exception {
        assertThat(shipped.get("/status")).contains("\"connected\":true").containsPattern("\"readingsStored\":[1-9]");
    }

    @Then("its metrics count the fragments it accepted and those the display cut short")
    public void itsMetricsCountFragments() throws Exception {
        long clobbered = display.readingFragmentsAfter(0).stream().filter(entry -> !entry.isIntact()).count();
        assertThat(clobbered).as("the display cut readings short").isPositive();
        assertThat(shipped.get("/metrics")).containsPattern("(?m)^metertap_emu2_fragments_accepted_total [1-9]\\d*$")
                .containsPattern("(?m)^metertap_emu2_fragments_clobbered_total [1-9]\\d*$")
                .containsPattern("(?m)^metertap_emu2_connected 1$")
                .containsPattern("(?m)^metertap_sink_up\\{sink=\"telegraf\"} 1$");
    }

    @Then("it logs that PG&E's recent days arrived")
    public void itLogsThatPgesRecentDaysArrived() throws Exception {
        assertThat(shipped.awaitLog("PG&E: ")).as("the first PG&E line after start")
                .contains("asking for the last " + pgeDays + " day(s) now");
        assertThat(shipped.awaitLog("interval(s) received")).endsWith("complete");
    }

    @Then("its status shows when PG&E last answered, and no refused notification")
    public void itsStatusShowsPgesLastSuccess() throws Exception {
        assertThat(shipped.get("/status")).containsPattern("\"pge\":\\{\"lastSuccess\":\"20\\d\\d-")
                .contains("\"refusedNotifications\":0");
    }

    @When("it is sent SIGTERM")
    public void itIsSentSigterm() throws Exception {
        exitStatus = shipped.stop();
    }

    @Then("it exits with status 0, having logged no warning")
    public void itExitsWithStatus0() throws Exception {
        List<String> log = shipped.log();
        assertThat(exitStatus).as("exit status; its log:%n%s", String.join("\n", log)).isZero();
        assertThat(log).as("warnings and errors").noneMatch(line -> line.contains("[WARN]") || line.contains("[ERROR]"));
    }

    @Then("its store holds every reading the display sent whole, once, and so did standard output")
    public void itsStoreAndStdoutHoldEveryWholeReading() throws Exception {
        List<String> stored;
        try (Store store = Store.openReadOnly(shipped.storeFile())) {
            stored = store.query(PointQuery.everything()).stream().map(LineProtocol::encode).toList();
        }
        List<String> keys = stored.stream().map(line -> ReadingKey.of(LineProtocol.decode(line))).flatMap(Optional::stream).toList();
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(new HashSet<>(keys)).isEqualTo(display.wholeReadings());
        // every point it stored reached the sink before it exited, once; a point stored again under the same key (two
        // link statuses in one device second) is printed again, as InfluxDB is sent it again, and the last one stands
        List<String> printed = shipped.printed();
        assertThat(printed).doesNotHaveDuplicates();
        Map<NaturalKey, String> lastPrinted = new HashMap<>();
        printed.forEach(line -> lastPrinted.put(naturalKey(line), line));
        assertThat(lastPrinted.values()).containsExactlyInAnyOrderElementsOf(stored);
    }

    /** What the store upserts on. */
    private record NaturalKey(String measurement, List<Tag> tags, Instant time) {
    }

    private static NaturalKey naturalKey(String line) {
        Point point = LineProtocol.decode(line);
        return new NaturalKey(point.measurement(), point.tags(), point.time());
    }

    @Then("its store holds every interval PG&E has for those days, once, with its exact value")
    public void itsStoreHoldsEveryIntervalOfThoseDays() {
        Instant today = startedAt.truncatedTo(ChronoUnit.DAYS);
        TimeWindow days = new TimeWindow(today.atOffset(ZoneOffset.UTC).minusDays(pgeDays).toInstant(), today);
        try (Store store = Store.openReadOnly(shipped.storeFile())) {
            for (var point : utility.started().model().usagePoints()) {
                assertThat(TruthComparison.compare(store, utility.started().model(), point.id(), days).mismatches())
                        .as("usage point %s", point.id()).isEmpty();
            }
        }
    }
}
