package dev.metertap.features;

import dev.metertap.collector.emu2.command.Restart;
import dev.metertap.simulator.device.MeterSpec;
import dev.metertap.simulator.fault.Fault;
import dev.metertap.simulator.journal.CommandEntry;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The display and the meter behind it: how they are set up and what happens to them. */
public final class MeterSteps {

    static final long FIRST_METER = 0x00135003004f5a6bL;
    static final long ITRON_METER = 0x001c640000abcdefL;

    private final VirtualDisplay display;
    private final ScenarioCollector collector;
    private final ShippedCollector shipped;

    public MeterSteps(VirtualDisplay display, ScenarioCollector collector, ShippedCollector shipped) {
        this.display = display;
        this.collector = collector;
        this.shipped = shipped;
    }

    @Given("a virtual EMU-2 with seed {long}")
    public void aVirtualEmu2WithSeed(long seed) {
        display.seed(seed);
    }

    @Given("the display's clock starts on {word} at midnight")
    public void theDisplaysClockStarts(String day) {
        display.start(LocalDate.parse(day).atStartOfDay(VirtualDisplay.ZONE).toInstant());
    }

    @Given("the display cuts {int} % of its writes short")
    public void theDisplayCutsWritesShort(int percent) {
        display.fault(new Fault.Clobber(percent / 100.0));
    }

    @Given("the house has {int} W of rooftop solar")
    public void theHouseHasRooftopSolar(int watts) {
        display.solar(watts);
    }

    @Given("the display is paired with two meters, the second one Itron-style")
    public void theDisplayIsPairedWithTwoMeters() {
        display.meter(MeterSpec.of(FIRST_METER));
        display.meter(MeterSpec.itron(ITRON_METER));
    }

    @When("the meter reports {bigdecimal} kW")
    public void theMeterReports(BigDecimal kw) {
        display.started().setFixedWatts(kw.movePointRight(3).intValueExact());
    }

    @When("{int} hour(s) pass(es)")
    public void hoursPass(int hours) throws InterruptedException {
        timePasses(Duration.ofHours(hours));
    }

    @When("{int} minute(s) pass(es)")
    public void minutesPass(int minutes) throws InterruptedException {
        timePasses(Duration.ofMinutes(minutes));
    }

    @When("the collector tells the display to restart")
    public void theCollectorTellsTheDisplayToRestart() throws Exception {
        collector.session().client().send(new Restart()).get(ScenarioCollector.CATCH_UP.toSeconds(), TimeUnit.SECONDS);
        display.journal().await(CommandEntry.class,
                command -> command.name().equals("restart"), ScenarioCollector.CATCH_UP);
    }

    @When("the display loses the meter for {int} minutes")
    public void theDisplayLosesTheMeter(int minutes) {
        display.started().rejoin(Duration.ofMinutes(minutes));
    }

    @When("the cable is pulled for {int} seconds")
    public void theCableIsPulled(int seconds) throws InterruptedException {
        CollectedReadings readings = collector.readings();
        int connects = readings.connects();
        display.started().unplug(Duration.ofSeconds(seconds));
        readings.awaitDisconnects(1, ScenarioCollector.CATCH_UP);
        display.pass(Duration.ofSeconds(seconds));
        // the display writes on as soon as it is back; the collector must have reopened the port first
        readings.awaitConnects(connects + 1, ScenarioCollector.CATCH_UP);
    }

    /**
     * Runs simulated time, then waits until the collector has the display's last whole reading: in-process, or the
     * shipped one's stdout sink.
     */
    private void timePasses(Duration duration) throws InterruptedException {
        display.pass(duration);
        String last = display.readingFragmentsAfter(0).stream()
                .map(ReadingKey::of)
                .flatMap(Optional::stream)
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("the display wrote no whole reading in " + duration));
        if (shipped.isRunning()) {
            shipped.awaitPrinted(last);
        } else {
            collector.readings().awaitReading(reading -> ReadingKey.of(reading).filter(last::equals).isPresent(),
                    ScenarioCollector.CATCH_UP, "the reading " + last);
        }
    }
}
