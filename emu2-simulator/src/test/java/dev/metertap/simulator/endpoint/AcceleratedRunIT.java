package dev.metertap.simulator.endpoint;

import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.fault.Fault;
import dev.metertap.simulator.journal.FragmentEntry;
import dev.metertap.simulator.journal.Integrity;
import dev.metertap.simulator.journal.JournalEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The target of issue 3: 24 simulated hours through a real pty, 20 % clobbered, well under 60 s. */
class AcceleratedRunIT {

    @Test
    void twentyFourSimulatedHoursCrossThePtyLosslesslyAtHighSpeed(@TempDir Path dir) throws Exception {
        long seed = 24;
        Path link = dir.resolve("ttyEMU2");
        Instant start = Instant.parse("2024-06-01T07:00:00Z");
        try (Emu2Simulator sim = Emu2Simulator.builder().seed(seed).start(start).solar(5000).speed(100_000).pty(link)
                .stopAt(start.plus(Duration.ofHours(24)))
                .fault(new Fault.Clobber(0.2)).build().start();
             PortReader port = PortReader.open(link, null)) {
            long t0 = System.nanoTime();
            Instant end = start.plus(Duration.ofHours(24));
            assertThat(sim.awaitTime(end, Duration.ofSeconds(60))).as("reached %s", end).isTrue();
            List<JournalEntry> entries = sim.journal().entries();
            assertThat(sim.journal().fragments()).last().extracting(FragmentEntry::at).matches(at -> !at.isAfter(end));
            byte[] expected = PtyEndpointIT.wireBytes(entries);
            byte[] got = port.awaitBytes(expected.length, Duration.ofSeconds(30));
            double wall = (System.nanoTime() - t0) / 1e9;
            assertThat(got.length).as("nothing after the stop").isEqualTo(expected.length);
            assertThat(java.util.Arrays.copyOf(got, expected.length)).as("bytes read through the pty, seed %d", seed).isEqualTo(expected);
            List<FragmentEntry> fragments = entries.stream().filter(e -> e instanceof FragmentEntry).map(e -> (FragmentEntry) e).toList();
            long clobbered = fragments.stream().filter(f -> f.integrity() == Integrity.CLOBBERED).count();
            System.out.printf("24 simulated hours through the pty: %.1f s wall (%.0f simulated hours per wall second), %d fragments, %d clobbered (%.1f %%), %d bytes, seed %d%n",
                    wall, 24 / wall, fragments.size(), clobbered, 100.0 * clobbered / fragments.size(), expected.length, seed);
            assertThat(clobbered).isGreaterThan(fragments.size() / 7);
        }
    }
}
