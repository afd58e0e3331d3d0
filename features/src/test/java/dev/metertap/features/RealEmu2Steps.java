package dev.metertap.features;

import dev.metertap.collector.emu2.command.GetDeviceInfo;
import dev.metertap.collector.emu2.wire.DeviceInfo;
import dev.metertap.collector.reading.DemandReading;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real EMU-2 at the port given by {@code -Demu2.port}: there is no ground truth, so these steps only
 * check what any working device must do.
 */
public final class RealEmu2Steps {

    private final ScenarioCollector collector;

    public RealEmu2Steps(ScenarioCollector collector) {
        this.collector = collector;
    }

    @Given("the collector is reading the real EMU-2")
    public void theCollectorIsReadingTheRealEmu2() throws Exception {
        String port = System.getProperty("emu2.port");
        assertThat(port).as("the EMU-2's port, given with -Demu2.port=/dev/…").isNotBlank();
        collector.readFrom(port);
    }

    @Then("a demand reading arrives within {int} seconds")
    public void aDemandReadingArrivesWithin(int seconds) throws InterruptedException {
        collector.readings().awaitReading(DemandReading.class::isInstance, Duration.ofSeconds(seconds), "a demand reading");
    }

    @Then("the display tells its MAC id and firmware version when asked")
    public void theDisplayTellsItsDeviceInfo() throws Exception {
        DeviceInfo info = collector.session().client().send(new GetDeviceInfo()).get(30, TimeUnit.SECONDS);
        assertThat(info.device().toString()).startsWith("0x");
        assertThat(info.firmwareVersion()).isNotBlank();
    }
}
