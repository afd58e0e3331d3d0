package dev.metertap.simulator.endpoint;

import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.journal.FragmentEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** An accelerated run with its clock held waits at its start for a reader, answering it, until told to run. */
class HeldClockIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void heldClockAnswersAtItsStartUntilRunThenRunsToItsStop(@TempDir Path dir) throws Exception {
        Path link = dir.resolve("ttyEMU2");
        Instant start = Instant.parse("2024-06-01T07:00:00Z");
        Instant stop = start.plus(Duration.ofHours(1));
        RandomAccessFile[] writer = new RandomAccessFile[1];
        // at this speed an hour takes under 4 ms: a clock that ran would be at its stop long before the reply
        try (Emu2Simulator sim = Emu2Simulator.builder().seed(12).start(start).stopAt(stop).speed(1_000_000).holdClock()
                .pty(link).build().start();
             PortReader port = PortReader.open(link, writer)) {
            writer[0].write("<Command><Name>get_device_info</Name></Command>\r\n".getBytes(StandardCharsets.ISO_8859_1));
            port.awaitText("</DeviceInfo>\r\n", WAIT);
            // the port shows a fragment's bytes a moment before the journal has its entry
            sim.journal().await(FragmentEntry.class, fragment -> fragment.type().equals("DeviceInfo"), WAIT);

            assertThat(sim.now()).as("simulated time while held").isEqualTo(start);
            assertThat(sim.journal().fragments()).extracting(FragmentEntry::at).containsOnly(start);

            sim.runClock();
            assertThat(sim.awaitTime(stop, WAIT)).as("reached %s once run", stop).isTrue();
            assertThat(sim.journal().fragments("InstantaneousDemand")).extracting(FragmentEntry::at)
                    .anyMatch(at -> at.isAfter(start));
        }
    }
}
