package dev.metertap.simulator.junit;

import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.fault.Fault;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PerTestExtensionIT {

    @RegisterExtension
    Emu2SimulatorExtension emu = Emu2SimulatorExtension.of(Emu2Simulator.builder().seed(11).manualTime().noPty()
            .fault(new Fault.Clobber(0.2)));

    @RepeatedTest(2)
    void eachTestGetsAFreshDeviceWithTheSameStream() {
        assertThat(emu.journal().fragments()).isEmpty();
        emu.advance(Duration.ofHours(1));
        // the same seed: the same bytes every time
        assertThat(emu.journal().wireSha256()).isEqualTo(PerTestExtensionIT.firstHash(emu.journal().wireSha256()));
    }

    private static String first;

    private static synchronized String firstHash(String hash) {
        if (first == null) {
            first = hash;
        }
        return first;
    }
}
