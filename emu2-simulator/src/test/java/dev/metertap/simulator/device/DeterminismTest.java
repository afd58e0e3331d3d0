package dev.metertap.simulator.device;

import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.fault.Fault;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DeterminismTest {

    private static String run(long seed) throws IOException {
        try (Emu2Simulator sim = Emu2Simulator.builder().seed(seed).solar(4000).manualTime().noPty()
                .fault(new Fault.Clobber(0.2)).fault(new Fault.NulBytes(0.05)).fault(new Fault.Sentinels(0.02))
                .fault(new Fault.Rejoin(0.002)).build().start()) {
            sim.advance(Duration.ofHours(3));
            sim.command("<Command><Name>get_profile_data</Name><NumberOfPeriods>2</NumberOfPeriods></Command>");
            sim.advance(Duration.ofHours(21));
            assertThat(sim.journal().wireByteCount()).isGreaterThan(3_000_000);
            return sim.journal().wireSha256();
        }
    }

    @Test
    void acceleratedTimeGivesTheSameBytesAsManualTime() throws Exception {
        long seed = 99;
        Instant start = Emu2Simulator.DEFAULT_START;
        Instant end = start.plus(Duration.ofHours(12));
        String manual;
        try (Emu2Simulator sim = Emu2Simulator.builder().seed(seed).manualTime().noPty().fault(new Fault.Clobber(0.2)).build().start()) {
            sim.advance(Duration.ofHours(12));
            manual = sim.journal().wireSha256();
        }
        try (Emu2Simulator sim = Emu2Simulator.builder().seed(seed).speed(200_000).stopAt(end).noPty()
                .fault(new Fault.Clobber(0.2)).build().start()) {
            assertThat(sim.awaitTime(end, Duration.ofSeconds(30))).isTrue();
            assertThat(sim.journal().wireSha256()).as("seed %d", seed).isEqualTo(manual);
        }
    }

    @Test
    void sameSeedAndInputsGiveTheSameBytes() throws IOException {
        long seed = 20_241_123L;
        String first = run(seed);
        assertThat(run(seed)).as("stream hash for seed %d", seed).isEqualTo(first);
        assertThat(run(seed + 1)).as("seed %d vs %d", seed, seed + 1).isNotEqualTo(first);
    }
}
